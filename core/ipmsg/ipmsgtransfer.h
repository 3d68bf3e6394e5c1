#pragma once

#include "core/ipmsg/ipmsgfiles.h"
#include "core/ipmsg/ipmsgfilesink.h"
#include "core/ipmsg/ipmsgpacket.h"
#include "core/net/endpoint.h"

#include <QElapsedTimer>
#include <QFileInfoList>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

class QFile;
class QTcpServer;
class QTcpSocket;

/// The files udpchat offers over IP Messenger, served over TCP to the peer each was offered to,
/// while the offer is open, and nothing else: a request for another offer, another file, from
/// another address, or after the offer was released or expired is refused (the connection
/// closes). At most MaxConnections at once; a connection that does not ask within
/// requestTimeoutMs() or stalls longer than idleTimeoutMs() is closed (slowloris). Files are read
/// as the peer takes them, so memory stays bounded whatever their size.
class IpMsgFileServer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IpMsgFileServer)
public:
    static constexpr int MaxConnections = 8;
    /// An open offer lasts this long, then it is released.
    static constexpr int OfferLifetimeMs = 30 * 60 * 1000;

    explicit IpMsgFileServer(QObject *parent = nullptr);
    ~IpMsgFileServer() override;

    /// Listens on TCP @p port (0: any free one) at @p address; false with the reason in error().
    bool listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    QString error() const { return m_error; }
    /// Stops listening, closes every transfer and withdraws every offer.
    void close();

    /// Offers the files and folders at @p paths to @p peer under the SENDMSG @p packetNo: the
    /// entries (with their ids) for the file list. Empty, with @p error set, when a path cannot
    /// be read. A folder declares the bytes of its files: @p folderSizes has them by absolute path
    /// (FolderCount, off the event loop); a folder not in it is walked here, which for a big one
    /// holds up the event loop.
    QList<IpMsg::FileEntry> offer(quint32 packetNo, const QHostAddress &peer,
                                  const QStringList &paths, QString *error = nullptr,
                                  const QHash<QString, qint64> &folderSizes = {});
    /// Withdraws the offer @p packetNo (cancelled, the peer left, RELEASEFILES); its transfers
    /// under way stop.
    void release(quint32 packetNo);
    /// Withdraws every offer made to @p peer (it left the LAN).
    void releaseOffersTo(const QHostAddress &peer);
    bool isOffered(quint32 packetNo) const { return m_offers.contains(packetNo); }

    void setTimeouts(int requestMs, int idleMs);
    int requestTimeoutMs() const { return m_requestTimeoutMs; }
    int idleTimeoutMs() const { return m_idleTimeoutMs; }
    int connectionCount() const { return int(m_connections.size()); }

Q_SIGNALS:
    /// A file (or folder) of offer @p packetNo was sent to the end, @p bytes in all.
    void served(quint32 packetNo, quint32 fileId, qint64 bytes);
    /// File @p fileId of offer @p packetNo is being sent: @p sent bytes have left, of @p total
    /// (0 for a folder, whose size is not known in advance).
    void sending(quint32 packetNo, quint32 fileId, qint64 sent, qint64 total);
    /// The transfer of file @p fileId of offer @p packetNo stopped before its end: @p reason.
    void stopped(quint32 packetNo, quint32 fileId, const QString &reason);
    /// The offer @p packetNo was open for OfferLifetimeMs and is no longer served.
    void expired(quint32 packetNo);
    /// A connection was refused or closed before the end; @p reason is a sentence.
    void refused(const QHostAddress &peer, const QString &reason);

private:
    struct OfferedFile
    {
        IpMsg::FileEntry entry;
        QString path;
    };
    struct Offer
    {
        QHostAddress peer;
        QList<OfferedFile> files;
        QElapsedTimer age;
    };
    struct Connection;

    void onNewConnection();
    void onReadable(Connection *c);
    void pump(Connection *c);
    bool startRequest(Connection *c, const QByteArray &line);
    bool nextFolderChunk(Connection *c);
    void close(Connection *c, const QString &reason);
    bool isOpen(const Connection *c) const;
    void expireOffers();

    std::unique_ptr<QTcpServer> m_server;
    QHash<quint32, Offer> m_offers;
    std::vector<std::unique_ptr<Connection>> m_connections;
    QTimer m_housekeeping;
    QString m_error;
    int m_requestTimeoutMs = 10000;
    int m_idleTimeoutMs = 30000;
};

/// Fetches one offered file or folder from a peer over TCP into a folder the user chose, through
/// IpMsgFileSink (inside that folder only, ".part" until complete) and, for a folder, a
/// FolderStream read as it arrives. Progress is signalled; cancel() stops it (the ".part"
/// stays). Errors are sentences that name their fix.
class IpMsgFileFetch : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IpMsgFileFetch)
public:
    /// @p request carries the offer's packet number, the file's id and where to start.
    IpMsgFileFetch(const Endpoint &peer, const IpMsg::Packet &ourHeader,
                   const IpMsg::FileEntry &file, const IpMsg::FileRequest &request,
                   const QString &folder, const TextCodec &codec, QObject *parent = nullptr);
    ~IpMsgFileFetch() override;

    void start();
    void cancel();
    /// With @p on, a file whose ".part" a broken transfer left is asked for from where it ends
    /// (GETFILEDATA's offset) and continued: only for peers that honour the offset (iptux 0.8.3
    /// does not, and would send the file again from its start). Without, that ".part" is written
    /// again from its start.
    void setResume(bool on) { m_resume = on; }
    /// Where the file was asked for from (the offset), once started.
    qint64 offset() const { return m_request.offset; }
    /// A connection that has sent nothing for this long is given up.
    void setIdleTimeout(int ms) { m_idle.setInterval(ms); }

    qint64 received() const { return m_received; }
    /// What was saved (final names), and the ".part" of an incomplete file.
    QStringList saved() const { return m_saved; }
    QStringList incomplete() const { return m_incomplete; }
    /// The address to connect from (tests: another loopback address).
    void setLocalAddress(const QHostAddress &address) { m_localAddress = address; }

Q_SIGNALS:
    /// @p total is 0 when unknown (past what a folder's sender declared).
    void progress(qint64 received, qint64 total);
    /// Done: @p ok when everything is saved whole; else @p sentence says why.
    void finished(bool ok, const QString &sentence);

private:
    void onConnected();
    void onReadable();
    void onDisconnected();
    void readFile(const QByteArray &bytes);
    /// Handles what the folder stream holds until it needs more (true) or @p slice has run for
    /// kSliceMs or the fetch ended (false).
    bool drainFolder(const QElapsedTimer &slice);
    bool openSink(const QStringList &subfolders, const IpMsg::FileEntry &entry);
    /// Makes @p subfolders of m_folder (once for as long as the files go there): m_madeDir.
    bool enterFolder(const QStringList &subfolders, QString *error);
    void finishSink();
    void finish(bool ok, const QString &sentence);

    Endpoint m_peer;
    IpMsg::Packet m_header;
    IpMsg::FileEntry m_file;
    IpMsg::FileRequest m_request;
    QString m_folder;
    TextCodec m_codec;
    QHostAddress m_localAddress;
    std::unique_ptr<QTcpSocket> m_socket;
    std::unique_ptr<IpMsgFileSink> m_sink;
    IpMsg::FolderStream m_stream;
    QStringList m_madeSubfolders; // the folder files go to now, made and checked
    QString m_madeDir;
    QStringList m_saved;
    QStringList m_incomplete;
    QTimer m_idle;
    QTimer m_more; ///< the next slice of reading
    qint64 m_received = 0;
    bool m_done = false;
    bool m_resume = false;
    bool m_continuing = false; ///< the next slice of reading is queued in the event loop
    bool m_peerClosed = false;
};
