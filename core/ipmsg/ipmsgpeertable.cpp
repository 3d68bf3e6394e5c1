#include "core/ipmsg/ipmsgpeertable.h"

#include "core/text/textcodec.h"

using namespace IpMsg;

namespace {
bool isStrictUtf8(const QByteArray &bytes)
{
    return TextCodec(QStringLiteral("UTF-8")).decode(bytes).valid;
}

QString normalizedEncodingName(const QByteArray &declared)
{
    const QString name = TextCodec::canonicalName(QString::fromLatin1(declared));
    if (!name.isEmpty())
        return name;
    const QString upper = QString::fromLatin1(declared).toUpper();
    return TextCodec(upper).isAvailable() ? upper : QString();
}
} // namespace

QString IpMsgPeerTable::key(const QByteArray &user, const QHostAddress &address, quint16 port)
{
    return QStringLiteral("%1@%2:%3")
            .arg(utf8Text(user), displayAddress(normalizedAddress(address)))
            .arg(port);
}

QString IpMsgPeerTable::utf8Text(const QByteArray &bytes)
{
    return TextCodec(QStringLiteral("UTF-8")).decode(bytes).text;
}

QString IpMsgPeerTable::decode(const QByteArray &bytes, const Packet &packet, const IpMsgPeer *peer,
                               QString *encodingUsed) const
{
    QString name;
    if (packet.has(Utf8Opt))
        name = QStringLiteral("UTF-8");
    else if (peer && peer->legacy && !peer->encoding.isEmpty())
        name = peer->encoding;
    else if (isStrictUtf8(bytes))
        name = QStringLiteral("UTF-8");
    else
        name = peer && !peer->encoding.isEmpty() ? peer->encoding : m_legacyEncoding;
    if (encodingUsed)
        *encodingUsed = name;
    return TextCodec(name).decode(bytes).text;
}

IpMsgPeer &IpMsgPeerTable::findOrCreate(const QString &key, const Datagram &datagram)
{
    auto it = m_peers.find(key);
    if (it != m_peers.end())
        return it->second;
    IpMsgPeer fresh;
    fresh.key = key;
    fresh.address = normalizedAddress(datagram.sender);
    fresh.port = datagram.senderPort;
    fresh.encodingOverride = m_encodingOverrides.value(key);
    if (int(m_peers.size()) >= MaxPeers) {
        // A flood of entries with made-up names must not grow the list without bound: the
        // peer heard from longest ago makes room.
        auto oldest = m_peers.begin();
        for (auto i = m_peers.begin(); i != m_peers.end(); ++i) {
            if (i->second.lastSeen < oldest->second.lastSeen)
                oldest = i;
        }
        m_peers.erase(oldest);
    }
    return m_peers.emplace(key, fresh).first->second;
}

void IpMsgPeerTable::takeEntry(IpMsgPeer &peer, const Packet &packet) const
{
    const EntryInfo info = parseEntry(packet);
    peer.absent = packet.has(AbsenceOpt);
    peer.autoCapUtf8 = packet.has(CapUtf8Opt);
    peer.autoUtf8 = info.utf8Capable;
    if (!info.declaredEncoding.isEmpty()) {
        const QString declared = normalizedEncodingName(info.declaredEncoding);
        if (!declared.isEmpty())
            peer.autoEncoding = declared;
    }
    if (peer.autoEncoding.isEmpty())
        peer.autoEncoding = peer.autoUtf8 ? QStringLiteral("UTF-8") : m_legacyEncoding;
    applyEncoding(peer);
    if (info.utf8Block) {
        peer.nickname = utf8Text(info.nickname);
        peer.group = utf8Text(info.group);
    } else {
        peer.nickname = decode(info.nickname, packet, &peer, nullptr);
        peer.group = decode(info.group, packet, &peer, nullptr);
    }
}

IpMsgPeer &IpMsgPeerTable::update(const Packet &packet, const Datagram &datagram, bool fromEntry)
{
    IpMsgPeer &peer =
            findOrCreate(key(packet.user, datagram.sender, datagram.senderPort), datagram);
    peer.lastSeen = datagram.time.isValid() ? datagram.time : QDateTime::currentDateTimeUtc();
    peer.version = QString::fromLatin1(packet.version.left(64));
    if (fromEntry) {
        takeEntry(peer, packet);
    } else if (!peer.encodingOverride.isEmpty()) {
        if (peer.autoEncoding.isEmpty())
            peer.autoEncoding = m_legacyEncoding;
        applyEncoding(peer);
    }
    peer.user = decode(packet.user, packet, &peer, nullptr);
    peer.host = decode(packet.host, packet, &peer, nullptr);
    if (peer.encoding.isEmpty())
        peer.encoding = m_legacyEncoding;
    return peer;
}

bool IpMsgPeerTable::clear()
{
    const bool any = !m_peers.empty();
    m_peers.clear();
    return any;
}

bool IpMsgPeerTable::remove(const QString &key)
{
    return m_peers.erase(key) > 0;
}

const IpMsgPeer *IpMsgPeerTable::find(const QString &key) const
{
    const auto it = m_peers.find(key);
    return it == m_peers.end() ? nullptr : &it->second;
}

QList<IpMsgPeer> IpMsgPeerTable::list() const
{
    QList<IpMsgPeer> peers;
    peers.reserve(qsizetype(m_peers.size()));
    for (const auto &entry : m_peers)
        peers.append(entry.second);
    return peers;
}

void IpMsgPeerTable::applyEncoding(IpMsgPeer &peer)
{
    if (peer.encodingOverride.isEmpty()) {
        peer.utf8 = peer.autoUtf8;
        peer.capUtf8 = peer.autoCapUtf8;
        peer.encoding = peer.autoEncoding;
        peer.legacy = !peer.utf8;
        return;
    }
    peer.encoding = peer.encodingOverride;
    peer.utf8 = peer.encodingOverride == QLatin1String("UTF-8");
    peer.capUtf8 = peer.utf8 && peer.autoCapUtf8; // UTF8OPT only for peers that understand it
    peer.legacy = !peer.utf8;
}

bool IpMsgPeerTable::setEncoding(const QString &key, const QString &encoding)
{
    const auto it = m_peers.find(key);
    if (it == m_peers.end())
        return false;
    const QString name = encoding.isEmpty() ? QString() : TextCodec::canonicalName(encoding);
    if (!encoding.isEmpty() && name.isEmpty())
        return false;
    if (name.isEmpty())
        m_encodingOverrides.remove(key);
    else
        m_encodingOverrides.insert(key, name);
    it->second.encodingOverride = name;
    if (it->second.autoEncoding.isEmpty())
        it->second.autoEncoding = it->second.encoding;
    applyEncoding(it->second);
    return true;
}
