#include "core/ipmsg/ipmsgsession.h"

#include "core/text/textcodec.h"

#include <QNetworkInterface>
#include <QSysInfo>

#include <limits>

using namespace IpMsg;

namespace {
// The part of a SENDMSG's extra that is the text (attachments follow after '\0').
QByteArray messageText(const QByteArray &extra)
{
    const qsizetype end = extra.indexOf('\0');
    return end < 0 ? extra : extra.left(end);
}

} // namespace

IpMsgSession::IpMsgSession(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<IpMsgSession::Message>();
    qRegisterMetaType<IpMsgSession::Delivery>();
    m_identity = defaultIdentity();
    m_clock.start();
    connect(&m_channel, &UdpChannel::datagramsReceived, this, &IpMsgSession::onDatagrams);
    connect(&m_channel, &UdpChannel::listeningChanged, this, &IpMsgSession::runningChanged);
    connect(&m_channel, &UdpChannel::socketError, this, &IpMsgSession::problem);
    m_retryTimer.setInterval(100);
    connect(&m_retryTimer, &QTimer::timeout, this, &IpMsgSession::retransmit);
    connect(&m_fileServer, &IpMsgFileServer::served, this,
            [this](quint32 packetNo) { onServed(packetNo); });
    connect(&m_fileServer, &IpMsgFileServer::expired, this, &IpMsgSession::closeLapsedOffers);
}

IpMsgSession::~IpMsgSession() = default;

IpMsgSession::Identity IpMsgSession::defaultIdentity()
{
    Identity id;
    id.user = qEnvironmentVariable("USER");
    if (id.user.isEmpty())
        id.user = qEnvironmentVariable("LOGNAME");
    if (id.user.isEmpty())
        id.user = qEnvironmentVariable("USERNAME");
    if (id.user.isEmpty())
        id.user = QStringLiteral("udpchat");
    id.host = QSysInfo::machineHostName();
    if (id.host.isEmpty())
        id.host = QStringLiteral("localhost");
    id.nickname = id.user;
    return id;
}

void IpMsgSession::setIdentity(const Identity &identity)
{
    const Identity fallback = defaultIdentity();
    m_identity = identity;
    if (m_identity.user.trimmed().isEmpty())
        m_identity.user = fallback.user;
    if (m_identity.host.trimmed().isEmpty())
        m_identity.host = fallback.host;
    if (m_identity.nickname.trimmed().isEmpty())
        m_identity.nickname = m_identity.user;
}

void IpMsgSession::setBroadcastTargets(const QList<Endpoint> &targets)
{
    m_broadcastTargets.clear();
    for (const Endpoint &target : targets) {
        if (target.isValid())
            m_broadcastTargets.append(target);
    }
    m_customTargets = true;
}

QList<Endpoint> IpMsgSession::interfaceBroadcastTargets(quint16 port)
{
    QList<Endpoint> targets;
    const auto interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &iface : interfaces) {
        const auto flags = iface.flags();
        if (!(flags & QNetworkInterface::IsUp) || !(flags & QNetworkInterface::IsRunning)
            || !(flags & QNetworkInterface::CanBroadcast)
            || (flags & QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
            if (entry.ip().protocol() != QAbstractSocket::IPv4Protocol
                || entry.broadcast().isNull())
                continue;
            Endpoint e{entry.broadcast(), port};
            if (e.isValid() && !targets.contains(e))
                targets.append(e);
        }
    }
    return targets;
}

void IpMsgSession::setRetryPolicy(int intervalMs, int attempts)
{
    m_retryIntervalMs = qMax(10, intervalMs);
    m_maxAttempts = qMax(1, attempts);
    m_retryTimer.setInterval(qBound(5, m_retryIntervalMs / 4, 250));
}

bool IpMsgSession::setLegacyEncoding(const QString &name)
{
    const QString canonical = TextCodec::canonicalName(name);
    if (canonical.isEmpty())
        return false;
    m_peers.setLegacyEncoding(canonical);
    return true;
}

bool IpMsgSession::start(quint16 port)
{
    if (!m_channel.listen(port))
        return false;
    // Files are served over TCP on the same port number, as every IP Messenger client expects.
    m_fileServerError.clear();
    if (!m_fileServer.listen(QHostAddress::Any, m_channel.localPort()))
        m_fileServerError = m_fileServer.error();
    if (!m_customTargets)
        m_broadcastTargets = interfaceBroadcastTargets(m_channel.localPort());
    m_localAddresses.clear();
    for (const QHostAddress &a : QNetworkInterface::allAddresses())
        m_localAddresses.insert(normalizedAddress(a));
    m_retryTimer.start();
    broadcast(BrEntry);
    return true;
}

void IpMsgSession::stop()
{
    if (!m_channel.isListening())
        return;
    broadcast(BrExit);
    m_channel.close();
    m_fileServer.close();
    m_retryTimer.stop();
    const QList<quint64> pending = m_outgoing.keys();
    m_outgoing.clear();
    for (quint64 id : pending)
        setDelivery(id, Delivery::NotConfirmed);
    if (m_peers.clear())
        Q_EMIT peersChanged();
}

void IpMsgSession::refresh()
{
    broadcast(BrEntry);
}

QList<IpMsgSession::Peer> IpMsgSession::peers() const
{
    return m_peers.list();
}

const IpMsgSession::Peer *IpMsgSession::peer(const QString &key) const
{
    return m_peers.find(key);
}

const IpMsgSession::Message *IpMsgSession::message(quint64 id) const
{
    for (qsizetype i = m_messages.size() - 1; i >= 0; --i) {
        if (m_messages.at(i).id == id)
            return &m_messages.at(i);
    }
    return nullptr;
}

IpMsgSession::Message *IpMsgSession::findMessage(quint64 id)
{
    for (qsizetype i = m_messages.size() - 1; i >= 0; --i) {
        if (m_messages.at(i).id == id)
            return &m_messages[i];
    }
    return nullptr;
}

QString IpMsgSession::describe(Delivery delivery)
{
    switch (delivery) {
    case Delivery::Pending:
        return tr("sending…");
    case Delivery::Delivered:
        return tr("delivered");
    case Delivery::NotConfirmed:
        return tr("not confirmed");
    case Delivery::Failed:
        return tr("not sent");
    case Delivery::Read:
        return tr("read");
    }
    return QString();
}

bool IpMsgSession::setPeerEncoding(const QString &key, const QString &encoding)
{
    if (!m_peers.setEncoding(key, encoding))
        return false;
    Q_EMIT peersChanged();
    return true;
}

void IpMsgSession::sendEntry(quint32 mode, const Endpoint &to, const Peer *peer)
{
    // Broadcasts carry UTF-8 names (as iptux's do): a peer that guesses encodings reads valid
    // UTF-8 as UTF-8, while GBK names made iptux 0.8.3 guess UTF-16 and garble its answer
    // (seen in lan-sim). A peer known to speak a legacy encoding gets its own.
    const TextCodec legacy(peer && peer->legacy ? peer->encoding : QStringLiteral("UTF-8"));
    Packet p;
    p.packetNo = m_packetNumbers.next();
    p.user = legacy.encode(m_identity.user).bytes;
    p.host = legacy.encode(m_identity.host).bytes;
    // Entries never carry UTF8OPT (old clients); CAPUTF8OPT and the UTF-8 block say we read it.
    p.command = mode | CapUtf8Opt;
    p.extra = entryExtra(legacy.encode(m_identity.nickname).bytes,
                         legacy.encode(m_identity.group).bytes, m_identity.user, m_identity.host,
                         m_identity.nickname, m_identity.group);
    m_ownPacketNos.insert(p.packetNo);
    if (m_ownPacketNos.size() > 256)
        m_ownPacketNos.clear();
    const QByteArray datagram = build(p);
    const auto result = m_channel.send(datagram.left(MaxDatagramSize), to);
    if (!result.ok())
        Q_EMIT problem(result.message);
}

void IpMsgSession::answerLimited(quint32 mode, const Endpoint &to, const Peer *peer)
{
    // Answers to entries share the receipts' rate limit: forged BR_ENTRY packets cannot make us
    // send a stream of datagrams to someone else.
    if (!m_ackLimiter.allow(displayAddress(to.address), m_clock.elapsed())) {
        ++m_counters.acksLimited;
        return;
    }
    sendEntry(mode, to, peer);
}

void IpMsgSession::broadcast(quint32 mode)
{
    if (!m_channel.isListening())
        return;
    for (const Endpoint &target : std::as_const(m_broadcastTargets))
        sendEntry(mode, target, nullptr);
}

bool IpMsgSession::isOwnPacket(const Packet &packet, const Datagram &datagram) const
{
    // Packet numbers are clock-seeded, so two clients started in the same second use the same
    // ones: the sender's address must be ours too.
    return datagram.senderPort == m_channel.localPort() && m_ownPacketNos.contains(packet.packetNo)
           && (packet.mode() == BrEntry || packet.mode() == BrExit || packet.mode() == AnsEntry)
           && m_localAddresses.contains(normalizedAddress(datagram.sender));
}

void IpMsgSession::onDatagrams(const QList<Datagram> &batch)
{
    for (const Datagram &d : batch)
        handle(d);
}

void IpMsgSession::handle(const Datagram &datagram)
{
    ++m_counters.received;
    const ParseResult parsed = parse(datagram.payload);
    if (!parsed.ok()) {
        ++m_counters.malformed;
        return;
    }
    const Packet &p = parsed.packet;
    if (isOwnPacket(p, datagram)) {
        ++m_counters.ownPackets;
        return;
    }
    switch (p.mode()) {
    case NoOperation:
        return;
    case BrEntry:
    case AnsEntry:
    case BrAbsence:
        handleEntry(p, datagram);
        return;
    case BrExit:
        if (m_peers.remove(IpMsgPeerTable::key(p.user, datagram.sender, datagram.senderPort))) {
            // Nobody there fetches what was offered any more.
            m_fileServer.releaseOffersTo(datagram.sender);
            closeLapsedOffers();
            Q_EMIT peersChanged();
        }
        return;
    case SendMsg:
        handleMessage(p, datagram);
        return;
    case RecvMsg:
        handleReceipt(p, datagram);
        return;
    case ReadMsg:
        handleReadNotice(p, datagram);
        return;
    case ReleaseFiles:
        handleRelease(p, datagram);
        return;
    default:
        ++m_counters.unknown;
        return;
    }
}

void IpMsgSession::handleEntry(const Packet &p, const Datagram &datagram)
{
    const Endpoint from{normalizedAddress(datagram.sender), datagram.senderPort};
    const Peer *peer = &m_peers.update(p, datagram, true);
    // Every BR_ENTRY is answered by unicast (never to port 0, never our own echo), before
    // anyone hears of the peer: a message sent from a peersChanged() slot must not overtake
    // the answer that tells the peer who we are.
    if (p.mode() == BrEntry && from.isValid())
        answerLimited(AnsEntry, from, peer);
    Q_EMIT peersChanged();
}

void IpMsgSession::sendReceipt(const Packet &p, const Endpoint &to)
{
    if (!m_ackLimiter.allow(displayAddress(to.address), m_clock.elapsed())) {
        ++m_counters.acksLimited;
        return;
    }
    if (m_dropAcks > 0) {
        --m_dropAcks;
        return;
    }
    const TextCodec codec(m_peers.legacyEncoding());
    Packet ack;
    ack.packetNo = m_packetNumbers.next();
    ack.user = codec.encode(m_identity.user).bytes;
    ack.host = codec.encode(m_identity.host).bytes;
    ack.command = RecvMsg;
    ack.extra = QByteArray::number(p.packetNo);
    ack.extra += '\0';
    if (m_channel.send(build(ack), to).ok())
        ++m_counters.acksSent;
}

void IpMsgSession::handleMessage(const Packet &p, const Datagram &datagram)
{
    const Endpoint from{normalizedAddress(datagram.sender), datagram.senderPort};
    const QString key = IpMsgPeerTable::key(p.user, datagram.sender, datagram.senderPort);
    if (needsAck(p, datagram.senderPort))
        sendReceipt(p, from);
    if (m_duplicates.seen(key, p.packetNo)) {
        ++m_counters.duplicates;
        return;
    }
    const Peer *peer = m_peers.find(key);
    if (!peer && !(p.command & NoAddListOpt)) {
        // Someone we have not heard an entry from: list it and ask for its names.
        peer = &m_peers.update(p, datagram, false);
        Q_EMIT peersChanged();
        if (from.isValid() && !(p.command & AutoRetOpt))
            answerLimited(BrEntry, from, peer);
    }
    Message m;
    m.incoming = true;
    m.peerKey = key;
    m.peerName = peer ? peer->displayName() : IpMsgPeerTable::utf8Text(p.user);
    m.address = from.address;
    m.port = from.port;
    m.conversation =
            peer ? conversationOf(*peer)
                 : ChatMessage::ipMsgConversation(IpMsgPeerTable::utf8Text(p.user),
                                                  IpMsgPeerTable::utf8Text(p.host), from.address);
    m.packetNo = p.packetNo;
    m.payload = messageText(p.extra);
    m.text = m_peers.decode(m.payload, p, peer, &m.encoding);
    m.sealed = p.has(SecretOpt) && p.has(ReadCheckOpt);
    if (p.has(FileAttachOpt)) {
        const qsizetype nul = p.extra.indexOf('\0');
        if (nul >= 0) {
            const FileList list = parseFileList(p.extra.mid(nul + 1), TextCodec(m.encoding));
            m.files = list.files;
            m.filesRejected = list.rejected;
        }
    }
    m.time = datagram.time.isValid() ? datagram.time : QDateTime::currentDateTimeUtc();
    m.delivery = Delivery::Delivered;
    appendMessage(m);
}

void IpMsgSession::handleReceipt(const Packet &p, const Datagram &datagram)
{
    quint32 acked = 0;
    if (!ackedPacketNo(p, &acked)) {
        ++m_counters.malformed;
        return;
    }
    const auto it = m_pendingByPacketNo.find(acked);
    if (it == m_pendingByPacketNo.end())
        return;
    const quint64 id = it.value();
    // Only the peer we sent it to can confirm it.
    const Message *m = message(id);
    const Endpoint from{normalizedAddress(datagram.sender), datagram.senderPort};
    if (!m || !normalizedAddress(m->address).isEqual(from.address) || m->port != from.port)
        return;
    m_pendingByPacketNo.erase(it);
    m_outgoing.remove(id);
    setDelivery(id, Delivery::Delivered);
}

QString IpMsgSession::encodingFor(const Peer &peer)
{
    return peer.utf8 || peer.capUtf8 ? QStringLiteral("UTF-8") : peer.encoding;
}

Packet IpMsgSession::messagePacket(const Peer &to, const TextCodec &codec) const
{
    Packet p;
    p.user = codec.encode(m_identity.user).bytes;
    p.host = codec.encode(m_identity.host).bytes;
    p.command = SendMsg | SendCheckOpt | (to.capUtf8 ? Utf8Opt : 0u);
    return p;
}

IpMsgSession::Draft IpMsgSession::measure(const QString &peerKey, const QString &text) const
{
    Draft draft;
    const Peer *to = peer(peerKey);
    if (!to)
        return draft;
    draft.encoding = encodingFor(*to);
    const TextCodec codec(draft.encoding);
    const TextCodec::Encoded body = codec.encode(text);
    draft.bytes = body.bytes.size();
    draft.representable = body.valid;
    // The header with the largest packet number, and the text's NUL.
    Packet p = messagePacket(*to, codec);
    p.packetNo = std::numeric_limits<quint32>::max();
    p.extra = QByteArray(1, '\0');
    draft.maxBytes = MaxDatagramSize - build(p).size();
    return draft;
}

QString IpMsgSession::conversationOf(const Peer &peer)
{
    return ChatMessage::ipMsgConversation(peer.user, peer.host, peer.address);
}

const IpMsgSession::Peer *IpMsgSession::peerInConversation(const QString &conversation) const
{
    const Peer *found = nullptr;
    for (const Peer &p : m_peers.list()) {
        if (conversationOf(p) == conversation && (!found || p.lastSeen > found->lastSeen))
            found = m_peers.find(p.key);
    }
    return found;
}

quint64 IpMsgSession::sendMessage(const QString &peerKey, const QString &text, QString *error)
{
    return send(peerKey, text, {}, error);
}

quint64 IpMsgSession::sendSealed(const QString &peerKey, const QString &text, QString *error)
{
    return send(peerKey, text, {}, error, true);
}

void IpMsgSession::markOpened(quint64 id)
{
    for (Message &m : m_messages) {
        if (m.id != id || !m.incoming || !m.sealed || m.readNoticeSent)
            continue;
        m.readNoticeSent = true;
        sendNotice(ReadMsg, m);
        return;
    }
}

void IpMsgSession::sendNotice(quint32 command, const Message &about)
{
    const Peer *to = peer(about.peerKey);
    const TextCodec codec(to ? encodingFor(*to) : QStringLiteral("UTF-8"));
    Packet p;
    p.packetNo = m_packetNumbers.next();
    p.user = codec.encode(m_identity.user).bytes;
    p.host = codec.encode(m_identity.host).bytes;
    p.command = command;
    p.extra = QByteArray::number(about.packetNo) + '\0';
    m_channel.send(build(p), Endpoint{about.address, about.port});
}

void IpMsgSession::handleReadNotice(const Packet &p, const Datagram &datagram)
{
    bool ok = false;
    const quint32 packetNo = messageText(p.extra).toUInt(&ok);
    if (!ok)
        return;
    // Only the peer we sent it to can have read it.
    const QHostAddress from = normalizedAddress(datagram.sender);
    for (const Message &m : std::as_const(m_messages)) {
        if (!m.incoming && m.sealed && m.packetNo == packetNo && m.address.isEqual(from)
            && m.port == datagram.senderPort) {
            if (m.delivery == Delivery::Pending) { // the receipt may have been lost
                m_pendingByPacketNo.remove(packetNo);
                m_outgoing.remove(m.id);
            }
            setDelivery(m.id, Delivery::Read);
            return;
        }
    }
}

quint64 IpMsgSession::sendFiles(const QString &peerKey, const QString &text,
                                const QStringList &paths, QString *error,
                                const QHash<QString, qint64> &folderSizes)
{
    if (paths.isEmpty()) {
        if (error)
            *error = tr("Not sent: no file was chosen.");
        return 0;
    }
    if (!m_fileServerError.isEmpty()) {
        if (error)
            *error = tr("Not sent: %1").arg(m_fileServerError);
        return 0;
    }
    return send(peerKey, text, paths, error, false, folderSizes);
}

void IpMsgSession::releaseFiles(quint64 id)
{
    Message *m = findMessage(id);
    if (!m || m->incoming || m->files.isEmpty() || m->offer != Offer::Open)
        return;
    m_fileServer.release(m->packetNo);
    sendNotice(ReleaseFiles, *m);
    setOffer(*m, Offer::Withdrawn);
}

void IpMsgSession::rejectFiles(quint64 id)
{
    Message *m = findMessage(id);
    if (!m || !m->incoming || m->files.isEmpty() || m->offer != Offer::Open)
        return;
    sendNotice(ReleaseFiles, *m);
    setOffer(*m, Offer::Rejected);
}

void IpMsgSession::setOffer(Message &message, Offer offer)
{
    message.offer = offer;
    Q_EMIT offerChanged(message.id);
}

void IpMsgSession::handleRelease(const Packet &p, const Datagram &datagram)
{
    bool ok = false;
    const quint32 packetNo = messageText(p.extra).toUInt(&ok);
    if (!ok)
        return;
    // RELEASEFILES goes both ways: the recipient of our offer rejects it, or the sender of an
    // offer to us withdraws it. Only the peer the offer is between can do either.
    const QHostAddress from = normalizedAddress(datagram.sender);
    for (Message &m : m_messages) {
        if (m.files.isEmpty() || m.packetNo != packetNo || m.offer != Offer::Open
            || !m.address.isEqual(from))
            continue;
        if (!m.incoming)
            m_fileServer.release(packetNo);
        setOffer(m, m.incoming ? Offer::Withdrawn : Offer::Rejected);
    }
}

void IpMsgSession::closeLapsedOffers()
{
    for (Message &m : m_messages) {
        if (!m.incoming && !m.files.isEmpty() && m.offer == Offer::Open
            && !m_fileServer.isOffered(m.packetNo))
            setOffer(m, Offer::Closed);
    }
}

void IpMsgSession::onServed(quint32 packetNo)
{
    for (qsizetype i = m_messages.size() - 1; i >= 0; --i) {
        Message &m = m_messages[i];
        if (!m.incoming && m.packetNo == packetNo && !m.files.isEmpty()) {
            ++m.filesServed;
            Q_EMIT offerChanged(m.id);
            return;
        }
    }
}

std::unique_ptr<IpMsgFileFetch> IpMsgSession::fetchFile(quint64 id, quint32 fileId,
                                                        const QString &folder, QString *error)
{
    const Message *m = message(id);
    const FileEntry *file = nullptr;
    if (m && m->incoming) {
        for (const FileEntry &f : m->files) {
            if (f.fileId == fileId)
                file = &f;
        }
    }
    if (!file || m->offer != Offer::Open) {
        if (error) {
            *error = !file ? tr("That file is not offered in this message.")
                     : m->offer == Offer::Rejected
                             ? tr("These files were rejected; the sender no longer offers them.")
                             : tr("The sender withdrew these files.");
        }
        return nullptr;
    }
    const Peer *from = peer(m->peerKey);
    const TextCodec codec(from ? encodingFor(*from) : m->encoding);
    Packet header;
    header.packetNo = m_packetNumbers.next();
    header.user = codec.encode(m_identity.user).bytes;
    header.host = codec.encode(m_identity.host).bytes;
    if (from && from->capUtf8)
        header.command = Utf8Opt;
    auto fetch =
            std::make_unique<IpMsgFileFetch>(Endpoint{m->address, m->port}, header, *file,
                                             FileRequest{m->packetNo, fileId, 0}, folder, codec);
    // udpchat honours the offset; iptux 0.8.3 does not (it would send from the start).
    fetch->setResume(from && from->version.startsWith(QLatin1String(VersionField)));
    return fetch;
}

quint64 IpMsgSession::send(const QString &peerKey, const QString &text, const QStringList &paths,
                           QString *error, bool sealed, const QHash<QString, qint64> &folderSizes)
{
    const auto fail = [error](const QString &sentence) {
        if (error)
            *error = sentence;
        return quint64(0);
    };
    if (!m_channel.isListening())
        return fail(tr("Not sent: IP Messenger mode is not listening on a port."));
    const Peer *to = peer(peerKey);
    if (!to)
        return fail(
                tr("Not sent: that peer is no longer in the list. Refresh and choose it again."));
    if (text.isEmpty() && paths.isEmpty())
        return fail(tr("Not sent: the message is empty."));

    const QString encoding = encodingFor(*to);
    const TextCodec codec(encoding);
    const TextCodec::Encoded body = codec.encode(text);
    if (!body.valid) {
        return fail(tr("Not sent: %1 cannot represent %2, the encoding %3 uses.")
                            .arg(encoding, codec.unrepresentable(text).join(QLatin1Char(' ')),
                                 to->displayName()));
    }
    Packet p = messagePacket(*to, codec);
    p.packetNo = m_packetNumbers.next();
    if (sealed)
        p.command |= SecretOpt | ReadCheckOpt;
    p.extra = body.bytes;
    p.extra += '\0';
    QList<FileEntry> offered;
    if (!paths.isEmpty()) {
        QString why;
        offered = m_fileServer.offer(p.packetNo, to->address, paths, &why, folderSizes);
        if (offered.isEmpty())
            return fail(tr("Not sent: %1").arg(why));
        p.command |= FileAttachOpt;
        // iptux 0.8.3 does not unescape "::" in names.
        p.extra += buildFileList(offered, codec, !to->version.contains(QLatin1String("iptux")));
        p.extra += '\0';
    }
    const QByteArray datagram = build(p);
    if (datagram.size() > MaxDatagramSize) {
        m_fileServer.release(p.packetNo); // not sent: nothing is offered
        return fail(tr("Not sent: the message is %1 bytes; IP Messenger peers accept at most %2 "
                       "per message. Split it into shorter messages.")
                            .arg(body.bytes.size())
                            .arg(MaxDatagramSize - (datagram.size() - body.bytes.size())));
    }
    Message m = messageTo(*to, p.packetNo);
    m.payload = body.bytes;
    m.text = text;
    m.files = offered;
    m.sealed = sealed;
    m.encoding = encoding;
    dispatch(m, p, error);
    return m.id;
}

IpMsgSession::Message IpMsgSession::messageTo(const Peer &to, quint32 packetNo)
{
    Message m;
    m.id = m_nextMessageId++;
    m.incoming = false;
    m.peerKey = to.key;
    m.peerName = to.displayName();
    m.address = to.address;
    m.port = to.port;
    m.conversation = conversationOf(to);
    m.packetNo = packetNo;
    m.time = QDateTime::currentDateTimeUtc();
    m.attempts = 1;
    return m;
}

void IpMsgSession::dispatch(Message m, const Packet &packet, QString *error)
{
    const Endpoint target{m.address, m.port};
    const auto result = m_channel.send(build(packet), target);
    if (!result.ok()) {
        m.delivery = Delivery::Failed;
        m.error = result.message;
        appendMessage(m);
        if (error)
            *error = result.message;
        return;
    }
    // Retransmitted with RETRYOPT until RECVMSG comes (see retransmit()).
    m.delivery = Delivery::Pending;
    Packet retry = packet;
    retry.command |= RetryOpt;
    Outgoing out;
    out.datagram = build(retry);
    out.to = target;
    out.lastSent.start();
    m_outgoing.insert(m.id, out);
    m_pendingByPacketNo.insert(packet.packetNo, m.id);
    appendMessage(m);
    if (!m_retryTimer.isActive())
        m_retryTimer.start();
}

void IpMsgSession::retransmit()
{
    QList<quint64> expired;
    for (auto it = m_outgoing.begin(); it != m_outgoing.end(); ++it) {
        if (it->lastSent.elapsed() < m_retryIntervalMs)
            continue;
        Message *m = nullptr;
        for (qsizetype i = m_messages.size() - 1; i >= 0; --i) {
            if (m_messages[i].id == it.key()) {
                m = &m_messages[i];
                break;
            }
        }
        if (!m || m->attempts >= m_maxAttempts) {
            expired.append(it.key());
            continue;
        }
        ++m->attempts;
        ++m_counters.retransmissions;
        m_channel.send(it->datagram, it->to);
        it->lastSent.restart();
    }
    for (quint64 id : std::as_const(expired)) {
        m_outgoing.remove(id);
        setDelivery(id, Delivery::NotConfirmed);
        // A late RECVMSG still turns it into Delivered (m_pendingByPacketNo keeps it).
    }
}

void IpMsgSession::setDelivery(quint64 id, Delivery delivery)
{
    for (qsizetype i = m_messages.size() - 1; i >= 0; --i) {
        if (m_messages[i].id == id) {
            if (m_messages[i].delivery == delivery)
                return;
            m_messages[i].delivery = delivery;
            Q_EMIT deliveryChanged(id, delivery);
            return;
        }
    }
}

void IpMsgSession::appendMessage(const Message &message)
{
    Message m = message;
    if (m.id == 0)
        m.id = m_nextMessageId++;
    m_messages.append(m);
    while (m_messages.size() > MaxMessages) {
        const Message &old = m_messages.first();
        m_pendingByPacketNo.remove(old.packetNo);
        m_outgoing.remove(old.id);
        m_messages.removeFirst();
    }
    Q_EMIT messageAdded(m);
}
