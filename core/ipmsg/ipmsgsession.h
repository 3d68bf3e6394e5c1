#pragma once

#include "core/chat/chatmessage.h"
#include "core/ipmsg/ipmsgpacket.h"
#include "core/ipmsg/ipmsgpeertable.h"
#include "core/ipmsg/ipmsgtransfer.h"
#include "core/net/endpoint.h"
#include "core/net/udpchannel.h"
#include "core/text/textcodec.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

/// IP Messenger mode: presence (BR_ENTRY / ANSENTRY / BR_EXIT), a peer list, and messages with
/// delivery confirmation (SENDMSG|SENDCHECKOPT, retransmitted until RECVMSG arrives).
///
/// It uses its own UdpChannel (port 2425 by default), separate from the plain-UDP chat. It only
/// broadcasts after start(), and only to broadcastTargets(): tests inject loopback endpoints.
class IpMsgSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IpMsgSession)
public:
    struct Identity
    {
        QString user; ///< login name
        QString host; ///< host name
        QString nickname;
        QString group;
    };

    using Peer = IpMsgPeer;

    enum class Delivery {
        Pending, ///< sent, waiting for RECVMSG (retransmitting)
        Delivered, ///< RECVMSG received
        NotConfirmed, ///< no RECVMSG after every retry
        Failed, ///< could not be sent at all (see error)
        Read, ///< sealed: the peer opened it (READMSG)
    };
    Q_ENUM(Delivery)

    /// Whether the files of a message can still be fetched.
    enum class Offer {
        Open,
        Withdrawn, ///< its sender took them back (RELEASEFILES from them, or releaseFiles())
        Rejected, ///< its recipient did not want them (rejectFiles(), or RELEASEFILES from them)
        Closed, ///< ours, no longer served: the offer expired or the recipient left
    };
    Q_ENUM(Offer)

    struct Message
    {
        quint64 id = 0;
        bool incoming = false;
        QString peerKey;
        /// The person (ChatMessage::ipMsgConversation()): one conversation whatever its port.
        QString conversation;
        QString peerName; ///< nickname at the time
        QHostAddress address;
        quint16 port = 0;
        quint32 packetNo = 0;
        QString text;
        QByteArray payload; ///< the text's bytes as on the wire, without the NUL
        QString encoding;
        QDateTime time; ///< UTC
        Delivery delivery = Delivery::Pending;
        int attempts = 0;
        QString error;
        /// Files and folders offered with the message (FILEATTACHOPT), by the peer or by us; the
        /// offer's number is packetNo.
        QList<IpMsg::FileEntry> files;
        int filesRejected = 0; ///< entries of the peer's list that could not be read
        Offer offer = Offer::Open; ///< with files: whether they can still be fetched
        int filesServed = 0; ///< ours: how many of files the recipient fetched to the end
        /// Sealed (SECRETOPT): the sender asked to be told when it is opened (READCHECKOPT).
        bool sealed = false;
        bool readNoticeSent = false; ///< incoming sealed: READMSG went out
    };

    struct Counters
    {
        quint64 received = 0; ///< datagrams read
        quint64 malformed = 0; ///< not an IPMsg packet; ignored
        quint64 unknown = 0; ///< well-formed but a command we do not handle; ignored
        quint64 duplicates = 0; ///< SENDMSG seen before (a retransmission); not shown again
        quint64 acksSent = 0;
        quint64 acksLimited = 0; ///< receipts and entry answers held back by the rate limit
        quint64 retransmissions = 0;
        quint64 ownPackets = 0; ///< our own broadcasts coming back
    };

    explicit IpMsgSession(QObject *parent = nullptr);
    ~IpMsgSession() override;

    /// Login and host name of this machine, nickname = login name, empty group.
    static Identity defaultIdentity();
    void setIdentity(const Identity &identity);
    Identity identity() const { return m_identity; }

    /// Where BR_ENTRY / BR_EXIT go. Default: every up, broadcast-capable IPv4 interface's
    /// broadcast address on the port given to start(), see interfaceBroadcastTargets().
    void setBroadcastTargets(const QList<Endpoint> &targets);
    QList<Endpoint> broadcastTargets() const { return m_broadcastTargets; }
    /// The subnet broadcast address of each up, running, broadcast-capable, non-loopback IPv4
    /// interface, with @p port.
    static QList<Endpoint> interfaceBroadcastTargets(quint16 port);

    /// Retransmission: up to @p attempts datagrams in total, @p intervalMs apart.
    void setRetryPolicy(int intervalMs, int attempts);
    int retryIntervalMs() const { return m_retryIntervalMs; }
    int maxAttempts() const { return m_maxAttempts; }

    /// Legacy encoding for peers that do not speak UTF-8 (default GBK, what Chinese clients
    /// send). Returns false for an unavailable encoding.
    bool setLegacyEncoding(const QString &name);
    QString legacyEncoding() const { return m_peers.legacyEncoding(); }

    /// Listens on @p port (0 = any free port) and announces us with BR_ENTRY.
    bool start(quint16 port = IpMsg::DefaultPort);
    /// Announces BR_EXIT and stops listening; pending messages become NotConfirmed.
    void stop();
    bool isRunning() const { return m_channel.isListening(); }
    UdpChannel *channel() { return &m_channel; }
    quint16 localPort() const { return m_channel.localPort(); }
    /// Why start() failed, or empty.
    QString startError() const { return m_channel.bindError(); }

    /// Sends BR_ENTRY again (peers answer ANSENTRY); "Refresh" in the window.
    void refresh();

    QList<Peer> peers() const;
    /// Talk to the peer @p key in @p encoding (a name from TextCodec::availableEncodings()) instead
    /// of what its entries suggest; empty goes back to automatic. Kept for this session, also
    /// when the peer leaves and comes back. Returns false for an unknown peer or encoding.
    bool setPeerEncoding(const QString &key, const QString &encoding);
    /// At most this many peers are listed; the one heard from longest ago makes room.
    static constexpr int MaxPeers = IpMsgPeerTable::MaxPeers;
    const Peer *peer(const QString &key) const;
    /// The conversation of @p peer: its user, host and address (ChatMessage::ipMsgConversation()).
    static QString conversationOf(const Peer &peer);
    /// The client of the person @p conversation heard from last, or null when none is listed.
    const Peer *peerInConversation(const QString &conversation) const;

    /// Sends @p text to the peer @p peerKey with SENDCHECKOPT; retransmits until RECVMSG. Returns
    /// the message id (the message is in messages()), or 0 with @p error set when nothing was
    /// sent (unknown peer, not running, too long for one datagram, unrepresentable text).
    quint64 sendMessage(const QString &peerKey, const QString &text, QString *error = nullptr);
    /// sendMessage(), sealed: the peer says when it opened it (READMSG; Delivery::Read).
    quint64 sendSealed(const QString &peerKey, const QString &text, QString *error = nullptr);
    /// The received sealed message @p id was shown: READMSG goes to its sender, once.
    void markOpened(quint64 id);
    /// What sending @p text to the peer @p peerKey would take, for a byte counter.
    struct Draft
    {
        QString encoding; ///< what the text goes out in to that peer
        qsizetype bytes = 0; ///< the text's size in it
        qsizetype maxBytes = 0; ///< the most text one message to that peer can carry
        bool representable = true; ///< every character exists in the encoding
    };
    Draft measure(const QString &peerKey, const QString &text) const;
    /// Sends @p text with the files and folders at @p paths to the peer @p peerKey (SENDMSG with
    /// FILEATTACHOPT); the peer fetches them over TCP from this session's port while the offer
    /// is open (see IpMsgFileServer). Returns the message id, or 0 with @p error set.
    /// @p folderSizes: the bytes of the folders among @p paths, counted beforehand (FolderCount);
    /// a folder not in it is walked at once, on this thread.
    quint64 sendFiles(const QString &peerKey, const QString &text, const QStringList &paths,
                      QString *error = nullptr, const QHash<QString, qint64> &folderSizes = {});
    /// Withdraws the files of our message @p id (RELEASEFILES is sent to the peer).
    void releaseFiles(quint64 id);
    /// The files of the received message @p id are not wanted: RELEASEFILES tells their sender,
    /// who stops offering them; they cannot be fetched any more.
    void rejectFiles(quint64 id);
    /// Starts fetching file @p fileId offered with the received message @p id into @p folder;
    /// null with @p error set when there is no such offer. The fetch is owned by the caller.
    std::unique_ptr<IpMsgFileFetch> fetchFile(quint64 id, quint32 fileId, const QString &folder,
                                              QString *error = nullptr);
    IpMsgFileServer *fileServer() { return &m_fileServer; }
    /// Why files cannot be offered (the TCP port could not be opened), or empty.
    QString fileServerError() const { return m_fileServerError; }
    /// Messages sent and received, oldest first (at most MaxMessages).
    QList<Message> messages() const { return m_messages; }
    const Message *message(quint64 id) const;
    static constexpr int MaxMessages = 5000;

    Counters counters() const { return m_counters; }

    /// For tests: drop the next @p count RECVMSG packets we would send (simulates a lost ack).
    void dropOutgoingAcksForTesting(int count) { m_dropAcks = count; }

    static QString describe(Delivery delivery);

Q_SIGNALS:
    void peersChanged();
    void messageAdded(const IpMsgSession::Message &message);
    void deliveryChanged(quint64 id, IpMsgSession::Delivery delivery);
    /// The offer of message @p id changed (Message::offer or Message::filesServed).
    void offerChanged(quint64 id);
    void runningChanged();
    /// Something the user should know (a send error on the socket); already a sentence.
    void problem(const QString &sentence);

private:
    struct Outgoing
    {
        QByteArray datagram;
        Endpoint to;
        QElapsedTimer lastSent;
    };

    void onDatagrams(const QList<Datagram> &batch);
    void handle(const Datagram &datagram);
    void handleEntry(const IpMsg::Packet &packet, const Datagram &datagram);
    void handleMessage(const IpMsg::Packet &packet, const Datagram &datagram);
    void handleReceipt(const IpMsg::Packet &packet, const Datagram &datagram);
    void sendReceipt(const IpMsg::Packet &packet, const Endpoint &to);
    void handleRelease(const IpMsg::Packet &packet, const Datagram &datagram);
    /// Tells the peer of @p about with @p command (READMSG, RELEASEFILES) about its packet.
    void sendNotice(quint32 command, const Message &about);
    void setOffer(Message &message, Offer offer);
    /// Our offers the file server no longer holds (expired, the recipient left) become Closed.
    void closeLapsedOffers();
    void onServed(quint32 packetNo);
    Message *findMessage(quint64 id);
    void sendEntry(quint32 mode, const Endpoint &to, const Peer *peer);
    void broadcast(quint32 mode);
    void answerLimited(quint32 mode, const Endpoint &to, const Peer *peer);
    void dispatch(Message message, const IpMsg::Packet &packet, QString *error);
    void retransmit();
    void setDelivery(quint64 id, Delivery delivery);
    void appendMessage(const Message &message);
    bool isOwnPacket(const IpMsg::Packet &packet, const Datagram &datagram) const;
    static QString encodingFor(const Peer &peer);
    IpMsg::Packet messagePacket(const Peer &to, const TextCodec &codec) const;
    quint64 send(const QString &peerKey, const QString &text, const QStringList &paths,
                 QString *error, bool sealed = false,
                 const QHash<QString, qint64> &folderSizes = {});
    void handleReadNotice(const IpMsg::Packet &packet, const Datagram &datagram);
    /// A message of ours to @p to under @p packetNo, without its text: a new id, now.
    Message messageTo(const Peer &to, quint32 packetNo);

    UdpChannel m_channel;
    IpMsgFileServer m_fileServer;
    QString m_fileServerError;
    Identity m_identity;
    QList<Endpoint> m_broadcastTargets;
    bool m_customTargets = false;
    int m_retryIntervalMs = 1500;
    int m_maxAttempts = 4;
    IpMsg::PacketCounter m_packetNumbers;
    IpMsg::DuplicateFilter m_duplicates;
    IpMsg::AckLimiter m_ackLimiter;
    QElapsedTimer m_clock;
    QSet<QHostAddress> m_localAddresses;
    QSet<quint32> m_ownPacketNos; // recent packet numbers of our entries, to spot our echoes
    IpMsgPeerTable m_peers;
    QList<Message> m_messages;
    quint64 m_nextMessageId = 1;
    QHash<quint32, quint64> m_pendingByPacketNo; // packetNo -> message id
    QHash<quint64, Outgoing> m_outgoing; // message id -> what to resend
    QTimer m_retryTimer;
    Counters m_counters;
    int m_dropAcks = 0;
};

Q_DECLARE_METATYPE(IpMsgSession::Message)
