#include "core/ipmsg/ipmsgtransfer.h"

#include "core/ipmsg/foldercount.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <utility>

using namespace IpMsg;

namespace {
// Bytes queued in a socket at most: the file is read as the peer takes it.
constexpr qint64 kSendWindow = 1024 * 1024;
constexpr qint64 kChunk = 256 * 1024;
// A request is one short packet; anything longer is not one.
constexpr qsizetype kMaxRequestBytes = 1024;
// Receiving: read at most this much at a time, for at most this long per slot, and let the socket
// hold at most this much unread.
constexpr qint64 kReadSlice = 256 * 1024;
constexpr qint64 kSliceMs = 4;
constexpr qint64 kReadBuffer = 4 * 1024 * 1024;

// The socket sends one written block per turn of the event loop: a folder's headers and small
// files are gathered into blocks of kChunk, large pieces go as they are.
template<typename C>
void flushOut(C *c)
{
    if (!c->out.isEmpty())
        c->socket->write(std::exchange(c->out, QByteArray()));
}

template<typename C>
void queueOut(C *c, const QByteArray &bytes)
{
    if (c->out.isEmpty() && bytes.size() >= kChunk) {
        c->socket->write(bytes);
        return;
    }
    c->out += bytes;
    if (c->out.size() >= kChunk)
        flushOut(c);
}

// iptux 0.8.3 sets a file's times from the fifth and sixth fields whatever their keys (it writes
// 14=mtime:16=creation time): the mtime goes in both, standing in for the creation time.
QByteArray folderHeader(const QByteArray &name, qint64 size, FileType type, qint64 mtime)
{
    QByteArray escaped = name;
    escaped.replace(':', "::");
    const QByteArray time = QByteArray::number(mtime, 16);
    const QByteArray body = ':' + escaped + ':' + QByteArray::number(size, 16) + ':'
                            + QByteArray::number(quint32(type), 16) + ':'
                            + QByteArray::number(FileMtimeKey, 16) + '=' + time + ':'
                            + QByteArray::number(FileCreateTimeKey, 16) + '=' + time + ':';
    return QByteArray::number(body.size() + 4, 16).rightJustified(4, '0') + body;
}

QString peerName(const QHostAddress &address)
{
    return displayAddress(normalizedAddress(address));
}
} // namespace

struct IpMsgFileServer::Connection
{
    std::unique_ptr<QTcpSocket> socket;
    QByteArray request;
    QTimer timer;
    bool started = false;
    quint32 packetNo = 0;
    quint32 fileId = 0;
    std::unique_ptr<QFile> file;
    qint64 left = 0;
    qint64 sent = 0;
    qint64 total = 0; ///< a file's size; 0 for a folder (not known in advance)
    QByteArray out; ///< small pieces gathered for the socket (see queueOut())
    // A folder being sent: the entries of each level still to go, deepest last.
    struct Level
    {
        QFileInfoList entries;
        int next = 0;
    };
    std::vector<Level> levels;
    bool folder = false;
    bool finished = false;
};

IpMsgFileServer::IpMsgFileServer(QObject *parent)
    : QObject(parent), m_server(std::make_unique<QTcpServer>())
{
    connect(m_server.get(), &QTcpServer::newConnection, this, &IpMsgFileServer::onNewConnection);
    m_housekeeping.setInterval(60 * 1000);
    connect(&m_housekeeping, &QTimer::timeout, this, &IpMsgFileServer::expireOffers);
    m_housekeeping.start();
}

IpMsgFileServer::~IpMsgFileServer()
{
    // Closing a socket says so (disconnected()): not to this half-destroyed server.
    for (const auto &c : m_connections) {
        c->timer.stop();
        c->socket->disconnect(this);
        c->socket->abort();
    }
}

bool IpMsgFileServer::listen(const QHostAddress &address, quint16 port)
{
    if (m_server->listen(address, port))
        return true;
    m_error = tr("Cannot serve files on TCP port %1: %2").arg(port).arg(m_server->errorString());
    return false;
}

void IpMsgFileServer::close()
{
    m_server->close();
    m_offers.clear();
    while (!m_connections.empty())
        close(m_connections.back().get(), QString());
}

quint16 IpMsgFileServer::port() const
{
    return m_server->serverPort();
}

void IpMsgFileServer::setTimeouts(int requestMs, int idleMs)
{
    m_requestTimeoutMs = requestMs;
    m_idleTimeoutMs = idleMs;
}

QList<FileEntry> IpMsgFileServer::offer(quint32 packetNo, const QHostAddress &peer,
                                        const QStringList &paths, QString *error,
                                        const QHash<QString, qint64> &folderSizes)
{
    Offer offer;
    offer.peer = normalizedAddress(peer);
    offer.age.start();
    QList<FileEntry> entries;
    quint32 id = 0;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.exists() || !info.isReadable() || !(info.isFile() || info.isDir())) {
            if (error)
                *error = tr("%1 cannot be read.").arg(QDir::toNativeSeparators(path));
            return {};
        }
        FileEntry entry;
        entry.fileId = id++;
        entry.name = info.fileName();
        // A folder declares the bytes of its files: iptux 0.8.3 lists a folder of 0 bytes as
        // already received and never asks for it. Counted beforehand off the event loop
        // (FolderCount) or, without a count, here.
        const QString absolute = info.absoluteFilePath();
        const auto counted = folderSizes.constFind(absolute);
        entry.size = info.isFile()                   ? info.size()
                     : counted != folderSizes.cend() ? *counted
                                                     : FolderCount::folderBytes(absolute);
        entry.mtime = info.lastModified().toSecsSinceEpoch();
        entry.attr = quint32(info.isDir() ? FileType::Directory : FileType::Regular);
        offer.files.append({entry, absolute});
        entries.append(entry);
    }
    m_offers.insert(packetNo, offer);
    return entries;
}

void IpMsgFileServer::release(quint32 packetNo)
{
    m_offers.remove(packetNo);
    // Withdrawn means stopped: transfers of it under way end too (the sender's cancel).
    std::vector<Connection *> running;
    for (const auto &c : m_connections) {
        if (c->started && c->packetNo == packetNo && !c->finished)
            running.push_back(c.get());
    }
    for (Connection *c : running)
        close(c, tr("The transfer was cancelled by the sender."));
}

void IpMsgFileServer::releaseOffersTo(const QHostAddress &peer)
{
    const QHostAddress who = normalizedAddress(peer);
    m_offers.removeIf(
            [&who](const QHash<quint32, Offer>::iterator it) { return it->peer.isEqual(who); });
}

void IpMsgFileServer::expireOffers()
{
    QList<quint32> lapsed;
    for (auto it = m_offers.cbegin(); it != m_offers.cend(); ++it) {
        if (it->age.hasExpired(OfferLifetimeMs))
            lapsed.append(it.key());
    }
    // Transfers under way go on to their end; no new one starts.
    for (quint32 packetNo : std::as_const(lapsed)) {
        m_offers.remove(packetNo);
        Q_EMIT expired(packetNo);
    }
}

void IpMsgFileServer::onNewConnection()
{
    while (QTcpSocket *accepted = m_server->nextPendingConnection()) {
        if (int(m_connections.size()) >= MaxConnections) {
            Q_EMIT refused(accepted->peerAddress(),
                           tr("Refused a file request from %1: %2 transfers are running already.")
                                   .arg(peerName(accepted->peerAddress()))
                                   .arg(MaxConnections));
            accepted->abort();
            accepted->deleteLater();
            continue;
        }
        // Writes are gathered in the socket's buffer already; Nagle would only hold the last
        // small piece (a folder's closing header) back until the peer's delayed ACK, 40 ms.
        accepted->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        auto c = std::make_unique<Connection>();
        c->socket.reset(accepted);
        accepted->setParent(nullptr);
        Connection *raw = c.get();
        connect(accepted, &QTcpSocket::readyRead, this, [this, raw] { onReadable(raw); });
        connect(accepted, &QTcpSocket::bytesWritten, this, [this, raw] {
            raw->timer.start(m_idleTimeoutMs);
            if (raw->started) {
                // What has left for the peer; a slot may withdraw the offer, closing this.
                Q_EMIT sending(raw->packetNo, raw->fileId, raw->sent - raw->socket->bytesToWrite(),
                               raw->total);
                if (!isOpen(raw))
                    return;
            }
            pump(raw);
        });
        connect(accepted, &QTcpSocket::disconnected, this, [this, raw] {
            // After disconnectFromHost() the last bytes have left: only now is it served. The
            // connection goes first: a slot of served() may close this server, and it with it.
            const bool finished = raw->finished;
            const quint32 packetNo = raw->packetNo;
            const quint32 fileId = raw->fileId;
            const qint64 sent = raw->sent;
            close(raw, finished ? QString() : tr("The peer closed the connection."));
            if (finished)
                Q_EMIT served(packetNo, fileId, sent);
        });
        raw->timer.setSingleShot(true);
        connect(&raw->timer, &QTimer::timeout, this, [this, raw] {
            close(raw, raw->started ? tr("The transfer stalled and was stopped.")
                                    : tr("No request came; the connection was closed."));
        });
        raw->timer.start(m_requestTimeoutMs);
        m_connections.push_back(std::move(c));
    }
}

bool IpMsgFileServer::isOpen(const Connection *c) const
{
    return std::any_of(m_connections.cbegin(), m_connections.cend(),
                       [c](const auto &p) { return p.get() == c; });
}

void IpMsgFileServer::close(Connection *c, const QString &reason)
{
    const auto it = std::find_if(m_connections.begin(), m_connections.end(),
                                 [c](const auto &p) { return p.get() == c; });
    if (it == m_connections.end())
        return;
    std::unique_ptr<Connection> owned = std::move(*it);
    m_connections.erase(it);
    if (!reason.isEmpty()) {
        Q_EMIT refused(owned->socket->peerAddress(), reason);
        if (owned->started)
            Q_EMIT stopped(owned->packetNo, owned->fileId, reason);
    }
    owned->timer.stop();
    owned->socket->disconnect(this);
    owned->socket->abort();
    // The socket may be in one of its own signals: it goes once control returns to the loop.
    owned->socket.release()->deleteLater();
}

void IpMsgFileServer::onReadable(Connection *c)
{
    if (c->started) {
        c->socket->readAll(); // nothing more is expected; not kept
        return;
    }
    c->request += c->socket->read(kMaxRequestBytes + 1 - c->request.size());
    if (c->request.size() > kMaxRequestBytes) {
        close(c, tr("Refused a file request from %1: it is not one.")
                         .arg(peerName(c->socket->peerAddress())));
        return;
    }
    const ParseResult parsed = parse(c->request);
    if (!parsed.ok())
        return; // more may come
    if (!startRequest(c, c->request))
        return;
    pump(c);
}

bool IpMsgFileServer::startRequest(Connection *c, const QByteArray &line)
{
    const Packet packet = parse(line).packet;
    const auto request = parseFileRequest(packet.extra);
    const QHostAddress from = normalizedAddress(c->socket->peerAddress());
    const auto refuse = [this, c, &from](const QString &what) {
        close(c, tr("Refused a file request from %1: %2").arg(peerName(from), what));
        return false;
    };
    if (!request || (packet.mode() != GetFileData && packet.mode() != GetDirFiles))
        return refuse(tr("it is not one."));
    const auto offer = m_offers.constFind(request->packetNo);
    if (offer == m_offers.cend())
        return refuse(tr("nothing is offered under that number (released or expired)."));
    if (!offer->peer.isEqual(from))
        return refuse(tr("those files were offered to %1.").arg(peerName(offer->peer)));
    const OfferedFile *file = nullptr;
    for (const OfferedFile &f : offer->files) {
        if (f.entry.fileId == request->fileId)
            file = &f;
    }
    if (!file)
        return refuse(tr("no such file in that offer."));
    const bool folder = file->entry.type() == FileType::Directory;
    if (folder != (packet.mode() == GetDirFiles))
        return refuse(tr("it asks for a folder as a file, or a file as a folder."));
    c->started = true;
    c->packetNo = request->packetNo;
    c->fileId = request->fileId;
    c->timer.start(m_idleTimeoutMs);
    if (folder) {
        c->folder = true;
        const QFileInfo top(file->path);
        queueOut(c, folderHeader(top.fileName().toUtf8(), 0, FileType::Directory,
                                 top.lastModified().toSecsSinceEpoch()));
        c->levels.push_back({QDir(file->path)
                                     .entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot
                                                            | QDir::Hidden,
                                                    QDir::Name),
                             0});
        return true;
    }
    c->file = std::make_unique<QFile>(file->path);
    if (!c->file->open(QIODevice::ReadOnly))
        return refuse(tr("%1 cannot be read any more.").arg(QDir::toNativeSeparators(file->path)));
    const qint64 offset = qMin(request->offset, c->file->size());
    c->file->seek(offset);
    c->left = c->file->size() - offset;
    c->total = c->left;
    return true;
}

void IpMsgFileServer::pump(Connection *c)
{
    if (!c->started || c->finished)
        return;
    while (c->socket->bytesToWrite() + c->out.size() < kSendWindow) {
        if (c->file && c->left > 0) {
            const QByteArray chunk = c->file->read(qMin(kChunk, c->left));
            if (chunk.isEmpty()) {
                close(c, tr("A file being sent could not be read."));
                return;
            }
            c->left -= chunk.size();
            c->sent += chunk.size();
            queueOut(c, chunk);
            continue;
        }
        c->file.reset();
        if (c->folder && nextFolderChunk(c))
            continue;
        // Everything is queued: served once it has left (disconnected()).
        flushOut(c);
        c->finished = true;
        c->socket->disconnectFromHost();
        return;
    }
    flushOut(c);
}

bool IpMsgFileServer::nextFolderChunk(Connection *c)
{
    while (!c->levels.empty()) {
        Connection::Level &level = c->levels.back();
        if (level.next >= level.entries.size()) {
            c->levels.pop_back();
            queueOut(c, folderHeader(".", 0, FileType::ReturnToParent, 0));
            return true;
        }
        const QFileInfo info = level.entries.at(level.next++);
        if (info.isSymLink())
            continue; // only what is inside the folder offered
        const qint64 mtime = info.lastModified().toSecsSinceEpoch();
        if (info.isDir()) {
            queueOut(c, folderHeader(info.fileName().toUtf8(), 0, FileType::Directory, mtime));
            c->levels.push_back(
                    {QDir(info.absoluteFilePath())
                             .entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot
                                                    | QDir::Hidden,
                                            QDir::Name),
                     0});
            return true;
        }
        if (!info.isFile())
            continue;
        auto file = std::make_unique<QFile>(info.absoluteFilePath());
        if (!file->open(QIODevice::ReadOnly))
            continue; // unreadable: left out
        queueOut(c, folderHeader(info.fileName().toUtf8(), file->size(), FileType::Regular, mtime));
        c->left = file->size();
        c->file = std::move(file);
        return true;
    }
    return false;
}

IpMsgFileFetch::IpMsgFileFetch(const Endpoint &peer, const Packet &ourHeader, const FileEntry &file,
                               const FileRequest &request, const QString &folder,
                               const TextCodec &codec, QObject *parent)
    : QObject(parent),
      m_peer(peer),
      m_header(ourHeader),
      m_file(file),
      m_request(request),
      m_folder(folder),
      m_codec(codec)
{
    m_stream.setCodec(codec);
    m_more.setSingleShot(true);
    m_more.setInterval(0);
    connect(&m_more, &QTimer::timeout, this, [this] {
        m_continuing = false;
        onReadable();
    });
    m_idle.setSingleShot(true);
    m_idle.setInterval(30000);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        finish(false,
               tr("%1 stopped sending; the transfer was given up.").arg(peerName(m_peer.address)));
    });
}

IpMsgFileFetch::~IpMsgFileFetch()
{
    if (m_sink)
        m_sink->abandon();
}

void IpMsgFileFetch::start()
{
    // A ".part" left by a broken transfer: go on from where it ends. A peer that ignores the
    // offset sends the file from its start: the ".part" is written again from its start, so
    // that the file still ends under its own name and no stale ".part" stays beside it (Try
    // Again against iptux).
    if (m_file.type() == FileType::Regular) {
        const SafeName name = safeFileName(m_file.name);
        auto sink = std::make_unique<IpMsgFileSink>();
        if (name.ok()
            && (m_resume ? sink->resume(m_folder, name.name, m_file.size, m_file.mtime)
                         : sink->restart(m_folder, name.name, m_file.size, m_file.mtime))) {
            m_request.offset = sink->written();
            m_sink = std::move(sink);
        }
    }
    m_socket = std::make_unique<QTcpSocket>();
    // Memory stays bounded while the disk is slower than the network: TCP holds the rest back.
    m_socket->setReadBufferSize(kReadBuffer);
    connect(m_socket.get(), &QTcpSocket::connected, this, &IpMsgFileFetch::onConnected);
    connect(m_socket.get(), &QTcpSocket::readyRead, this, &IpMsgFileFetch::onReadable);
    connect(m_socket.get(), &QTcpSocket::disconnected, this, &IpMsgFileFetch::onDisconnected);
    connect(m_socket.get(), &QTcpSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError error) {
                if (error == QAbstractSocket::RemoteHostClosedError)
                    return; // disconnected() decides
                if (error == QAbstractSocket::ConnectionRefusedError) {
                    finish(false,
                           tr("%1 refused the connection on TCP port %2. A firewall there may "
                              "block it: ask them to allow TCP port %2 for IP Messenger.")
                                   .arg(peerName(m_peer.address))
                                   .arg(m_peer.port));
                    return;
                }
                finish(false, tr("The transfer from %1 failed: %2")
                                      .arg(peerName(m_peer.address), m_socket->errorString()));
            });
    if (!m_localAddress.isNull())
        m_socket->bind(m_localAddress);
    m_idle.start();
    m_socket->connectToHost(m_peer.address, m_peer.port);
}

void IpMsgFileFetch::cancel()
{
    finish(false, tr("Cancelled."));
}

void IpMsgFileFetch::onConnected()
{
    Packet request = m_header;
    const bool folder = m_file.type() == FileType::Directory;
    request.command = folder ? GetDirFiles : GetFileData;
    request.extra = buildFileRequest(m_request, !folder);
    m_socket->write(build(request));
    if (!folder && !m_sink && !openSink({}, m_file))
        return;
    if (!folder && m_file.size == 0)
        finishSink();
}

void IpMsgFileFetch::onReadable()
{
    if (m_done || m_continuing)
        return;
    // A slice of work at a time: a stream of many small files (each opened, written, renamed)
    // would otherwise hold the event loop up for as long as a whole socket buffer takes.
    QElapsedTimer slice;
    slice.start();
    const bool folder = m_file.type() == FileType::Directory;
    bool more = folder && !drainFolder(slice); // what the last slice left
    while (!more && !m_done && m_socket->bytesAvailable() > 0 && !slice.hasExpired(kSliceMs)) {
        const QByteArray bytes = m_socket->read(kReadSlice);
        m_idle.start();
        m_received += bytes.size();
        if (folder) {
            m_stream.feed(bytes);
            more = !drainFolder(slice);
        } else {
            readFile(bytes);
        }
    }
    if (m_done)
        return;
    // A folder's size is what its sender declared, its headers come on top, and a peer may
    // lie: past it, the total is unknown.
    Q_EMIT progress(m_received, m_received <= m_file.size ? m_file.size : 0);
    if (m_done)
        return;
    if (more || m_socket->bytesAvailable() > 0) {
        // The rest from the event loop, after what else is waiting there: a zero timer, taken
        // in turn with the others (a posted call could come first again and again).
        m_continuing = true;
        m_more.start();
        return;
    }
    if (m_peerClosed)
        finish(false, tr("%1 closed the connection before the end: %2 of %3 bytes came.")
                              .arg(peerName(m_peer.address))
                              .arg(m_received)
                              .arg(m_file.size));
}

void IpMsgFileFetch::readFile(const QByteArray &bytes)
{
    if (!m_sink)
        return;
    if (m_sink->write(bytes) < 0) {
        finish(false, m_sink->error());
        return;
    }
    if (m_sink->isComplete())
        finishSink(); // anything more the peer sends is ignored
}

bool IpMsgFileFetch::drainFolder(const QElapsedTimer &slice)
{
    for (;;) {
        if (m_done)
            return false;
        if (slice.hasExpired(kSliceMs))
            return false; // more next time
        switch (m_stream.next()) {
        case FolderStream::Event::NeedMore:
            return true;
        case FolderStream::Event::EnterFolder: {
            QString error;
            if (!enterFolder(m_stream.levels(), &error)) {
                finish(false, error);
                return false;
            }
            break;
        }
        case FolderStream::Event::StartFile:
            if (!openSink(m_stream.levels(), m_stream.entry()))
                return false;
            break;
        case FolderStream::Event::FileData:
            if (m_sink && m_sink->write(m_stream.data()) < 0) {
                finish(false, m_sink->error());
                return false;
            }
            break;
        case FolderStream::Event::EndFile:
            if (m_sink) {
                finishSink();
                if (m_done)
                    return false;
            }
            break;
        case FolderStream::Event::LeaveFolder:
            break;
        case FolderStream::Event::Finished:
            finish(true, QString());
            return false;
        case FolderStream::Event::Failed:
            finish(false, tr("The folder from %1 was refused: %2")
                                  .arg(peerName(m_peer.address), m_stream.problem()));
            return false;
        }
    }
}

bool IpMsgFileFetch::openSink(const QStringList &subfolders, const FileEntry &entry)
{
    const SafeName name = safeFileName(entry.name);
    if (!name.ok()) {
        finish(false, tr("The file name from %1 was refused: %2")
                              .arg(peerName(m_peer.address), name.problem));
        return false;
    }
    QString error;
    if (!enterFolder(subfolders, &error)) {
        finish(false, error);
        return false;
    }
    m_sink = std::make_unique<IpMsgFileSink>();
    if (!m_sink->openIn(m_madeDir, name.name, entry.size, entry.mtime, &error)) {
        m_sink.reset();
        finish(false, error);
        return false;
    }
    return true;
}

bool IpMsgFileFetch::enterFolder(const QStringList &subfolders, QString *error)
{
    // The files of a folder arrive one after the other: its levels are made and checked once.
    if (!m_madeDir.isEmpty() && subfolders == m_madeSubfolders)
        return true;
    const QString dir = IpMsgFileSink::makeFolders(m_folder, subfolders, error);
    if (dir.isEmpty())
        return false;
    m_madeSubfolders = subfolders;
    m_madeDir = dir;
    return true;
}

void IpMsgFileFetch::finishSink()
{
    QString error;
    if (!m_sink->finish(&error)) {
        finish(false, error);
        return;
    }
    m_saved.append(m_sink->finalPath());
    m_sink.reset();
    if (m_file.type() != FileType::Directory)
        finish(true, QString());
}

void IpMsgFileFetch::onDisconnected()
{
    if (m_done)
        return;
    // Whatever is still in the socket first; then, short of the end, it failed (onReadable()).
    m_peerClosed = true;
    if (!m_continuing)
        onReadable();
}

void IpMsgFileFetch::finish(bool ok, const QString &sentence)
{
    if (m_done)
        return;
    m_done = true;
    m_idle.stop();
    if (m_sink) {
        m_sink->abandon();
        m_incomplete.append(m_sink->partPath());
        m_sink.reset();
    }
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    Q_EMIT finished(ok, sentence);
}
