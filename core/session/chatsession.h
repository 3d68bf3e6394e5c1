#pragma once

#include "core/chat/messagelistmodel.h"
#include "core/history/historystore.h"
#include "core/net/endpoint.h"
#include "core/net/senderrates.h"
#include "core/net/udpchannel.h"
#include "core/text/hexcodec.h"
#include "core/text/textcodec.h"

#include <QMap>
#include <QObject>
#include <QTimer>

#include <optional>

/// The conversation: connects the channel to the message list and turns typed text into
/// datagrams. It is the one object the window talks to.
class ChatSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatSession)
public:
    struct SendOutcome
    {
        bool sent = false; ///< the datagram was handed to the OS; the input may be cleared
        quint64 messageId = 0; ///< the row added for this attempt, 0 if none
        QString error; ///< why it was not sent
    };

    explicit ChatSession(QObject *parent = nullptr);

    UdpChannel *channel() { return &m_channel; }
    MessageListModel *messages() { return &m_messages; }

    /// Records every message (sent, received, and later changes of either) in @p history from
    /// now on, continues its ids and shows its latest page, with older pages fetched on demand.
    /// @p history (not owned) must outlive the session; null or not open: no history.
    void setHistory(HistoryStore *history);
    HistoryStore *history() const { return m_history; }
    /// Why the history given to setHistory() is off, as a sentence; empty when it is on (or
    /// none was given).
    QString historyProblem() const { return m_historyProblem; }
    /// Shows only the conversation with @p peer (a normalised address as displayAddress()
    /// writes it), or every message for an empty @p peer: the latest page from the history,
    /// then what arrives. Without a history, only what arrives from now on.
    void showConversation(const QString &peer);
    QString conversation() const { return m_conversation; }
    /// Loads the history so that message @p id is a row (of the current conversation, or of
    /// all messages when it is not in it): the messages from a little before it to the newest,
    /// at most MaxJumpRows. Returns its row, or -1 when it is not in the history or too old to
    /// show with every newer message.
    int showMessage(quint64 id);
    static constexpr int MaxJumpRows = 50000;
    /// Changes the status of message @p id (e.g. a sent message confirmed or failed later) in
    /// the view if it is there, and in the history in any case.
    void setMessageStatus(quint64 id, ChatMessage::Status status, const QString &error = QString());
    /// Datagrams per second by sender (the window shows the busiest).
    SenderRates *senderRates() { return &m_senderRates; }
    /// The pseudo-encoding for sending raw bytes typed as hex ("48 65 6c 6c 6f", "0x48,0x65").
    static QString hexEncoding() { return HexCodec::encodingName(); }
    /// What setSendEncoding() accepts: TextCodec::availableEncodings(), then hexEncoding().
    static QStringList sendEncodings();
    /// Above this many bytes a datagram is fragmented on Ethernet (1500 - 20 IPv4 - 8 UDP), and
    /// lost entirely if any fragment is lost.
    static constexpr qsizetype FragmentationWarningBytes = 1472;

    enum class SizeLevel {
        Fine, ///< fits one Ethernet frame
        Fragmented, ///< above FragmentationWarningBytes: sent, but as IP fragments
        TooLarge, ///< above the protocol maximum for the target: send() refuses it
    };
    /// How a payload of @p bytes fares on the way to @p to (a null address counts as IPv4).
    static SizeLevel sizeLevel(qsizetype bytes, const QHostAddress &to);

    /// The encoding of typed text (default UTF-8), or hexEncoding(). Returns false and keeps the
    /// current one when @p name is not in sendEncodings() (compared without case).
    bool setSendEncoding(const QString &name);
    QString sendEncoding() const { return m_sendEncoding; }
    /// Send @p target (any port; IPv4-mapped addresses count as IPv4) in @p encoding, a name from
    /// sendEncodings(), instead of sendEncoding(); an empty @p encoding forgets it. Returns false
    /// for an unknown encoding or a null address.
    bool setTargetEncoding(const QHostAddress &target, const QString &encoding);
    /// The encoding remembered for @p target, or empty.
    QString targetEncoding(const QHostAddress &target) const;
    /// Every remembered target encoding, keyed like peerEncodings().
    QMap<QString, QString> targetEncodings() const { return m_targetEncodings; }
    /// What send() uses for @p to: its own encoding, else sendEncoding() (also for a null @p to).
    QString sendEncodingFor(const QHostAddress &to) const;

    /// How datagrams are decoded (default UTF-8) unless their sender has its own encoding.
    /// Returns false and keeps the current one when @p name is not an available encoding.
    bool setReceiveEncoding(const QString &name);
    QString receiveEncoding() const { return m_receiveCodec.name(); }
    /// Decode datagrams from @p peer (any port; IPv4-mapped addresses count as IPv4) with
    /// @p encoding; an empty @p encoding forgets it. Returns false for an unavailable encoding.
    bool setPeerEncoding(const QHostAddress &peer, const QString &encoding);
    /// The encoding remembered for @p peer, or empty.
    QString peerEncoding(const QHostAddress &peer) const;
    /// Every remembered peer encoding, keyed by the normalised address as displayAddress() shows
    /// it (e.g. "192.168.0.5", "fe80::1%eth0").
    QMap<QString, QString> peerEncodings() const { return m_peerEncodings; }
    /// The encoding a datagram from @p peer is decoded with.
    QString receiveEncodingFor(const QHostAddress &peer) const;

    struct Encoded
    {
        QByteArray bytes; ///< what send() would put on the wire (when error is empty)
        QString error; ///< why @p text cannot be sent in the send encoding; empty when it can
        bool ok() const { return error.isEmpty(); }
    };
    /// Converts @p text with sendEncodingFor(@p to): a sentence naming the characters it cannot
    /// represent (never replaced with '?'), or, for hexEncoding(), the hex parse error. The size
    /// limit is not checked here (see send()).
    Encoded encodeForSending(const QString &text, const QHostAddress &to = QHostAddress()) const;

    /// Encodes @p text (with sendEncodingFor(@p to)) and sends it as one datagram to @p to. Text
    /// that cannot be encoded or is too large for one datagram is refused before anything is sent,
    /// without a row; a failure at the socket adds a Failed row with the reason. Either way the
    /// caller keeps the text.
    SendOutcome send(const QString &text, const Endpoint &to);

    /// Encoded size of @p text in bytes, as send() would put it on the wire (for hex that does
    /// not parse: the bytes before the error, i.e. 0).
    qsizetype encodedSize(const QString &text) const;

    /// Incoming messages reach messages() at most once per this interval, so a flood causes
    /// one model insert (and one view layout) per frame instead of one per read.
    static constexpr int InsertIntervalMs = 16;

Q_SIGNALS:
    /// Incoming messages were appended to messages().
    void messagesReceived(int count);

private:
    void onDatagrams(const QList<Datagram> &batch);
    void flushIncoming();

    UdpChannel m_channel;
    MessageListModel m_messages;
    HistoryStore *m_history = nullptr;
    QString m_historyProblem;
    QString m_conversation;
    QString m_sendEncoding = QStringLiteral("UTF-8");
    TextCodec m_receiveCodec;
    QMap<QString, QString> m_peerEncodings; // displayAddress(normalizedAddress(peer)) -> name
    QMap<QString, QString> m_targetEncodings; // the same keys
    QList<ChatMessage> m_incoming; // decoded, waiting for the next insert
    QList<ChatMessage> m_spareIncoming; // empty, with the room of the last batch
    // The sender of the last datagram: its normalised address (in m_prototype, an incoming
    // received message) and its own encoding, if any.
    QHostAddress m_lastSender;
    bool m_lastSenderValid = false;
    ChatMessage m_prototype;
    std::optional<TextCodec> m_senderCodec;
    QTimer m_insertTimer;
    SenderRates m_senderRates;
};
