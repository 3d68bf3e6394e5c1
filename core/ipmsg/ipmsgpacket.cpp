#include "core/ipmsg/ipmsgpacket.h"

#include <limits>

namespace IpMsg {

namespace {
// Strict decimal: 1..10 digits, no sign, no spaces, value fits 32 bits. Leading zeros are
// accepted (some clients pad), an empty field is not.
bool parseUInt32(const QByteArray &field, quint32 *value)
{
    if (field.isEmpty() || field.size() > 10)
        return false;
    quint64 v = 0;
    for (const char c : field) {
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + quint64(c - '0');
    }
    if (v > std::numeric_limits<quint32>::max())
        return false;
    *value = quint32(v);
    return true;
}

// ':' separates the header fields; '\0' separates the parts of an extra.
QByteArray headerSafe(QByteArray field)
{
    field.replace(':', ';');
    return field;
}

QByteArray partSafe(QByteArray part)
{
    part.replace('\0', ' ');
    return part;
}
} // namespace

QList<QByteArray> Packet::extraParts() const
{
    QList<QByteArray> parts = extra.split('\0');
    if (parts.size() > 1 && parts.last().isEmpty())
        parts.removeLast();
    return parts;
}

ParseResult parse(const QByteArray &datagram)
{
    ParseResult result;
    if (datagram.size() > MaxDatagramSize) {
        result.error = ParseError::TooLarge;
        return result;
    }
    qsizetype colons[5];
    qsizetype from = 0;
    for (qsizetype &colon : colons) {
        colon = datagram.indexOf(':', from);
        if (colon < 0) {
            result.error = ParseError::MissingField;
            return result;
        }
        from = colon + 1;
    }
    Packet &p = result.packet;
    p.version = datagram.left(colons[0]);
    // "1", "1_iptux 0.8.3", "1_lbt6_0#128#..." all start with the protocol version 1.
    if (!p.version.startsWith('1')
        || (p.version.size() > 1 && p.version.at(1) >= '0' && p.version.at(1) <= '9')) {
        result.error = ParseError::BadVersion;
        return result;
    }
    if (!parseUInt32(datagram.mid(colons[0] + 1, colons[1] - colons[0] - 1), &p.packetNo)) {
        result.error = ParseError::BadPacketNo;
        return result;
    }
    p.user = datagram.mid(colons[1] + 1, colons[2] - colons[1] - 1);
    p.host = datagram.mid(colons[2] + 1, colons[3] - colons[2] - 1);
    if (!parseUInt32(datagram.mid(colons[3] + 1, colons[4] - colons[3] - 1), &p.command)) {
        result.error = ParseError::BadCommand;
        return result;
    }
    p.extra = datagram.mid(colons[4] + 1);
    return result;
}

QByteArray build(const Packet &packet)
{
    QByteArray out;
    out.reserve(packet.version.size() + packet.user.size() + packet.host.size()
                + packet.extra.size() + 32);
    out += headerSafe(packet.version);
    out += ':';
    out += QByteArray::number(packet.packetNo);
    out += ':';
    out += headerSafe(packet.user);
    out += ':';
    out += headerSafe(packet.host);
    out += ':';
    out += QByteArray::number(packet.command);
    out += ':';
    out += packet.extra;
    return out;
}

bool needsAck(const Packet &packet, quint16 senderPort)
{
    return senderPort != 0 && packet.mode() == SendMsg && (packet.command & SendCheckOpt)
           && !(packet.command & (BroadcastOpt | AutoRetOpt));
}

EntryInfo parseEntry(const Packet &packet)
{
    EntryInfo info;
    const QList<QByteArray> parts = packet.extraParts();
    info.nickname = parts.value(0);
    info.group = parts.value(1);
    info.utf8Capable = packet.has(CapUtf8Opt);
    if (packet.has(CapUtf8Opt)) {
        // The UTF-8 block: any later part made of "\nKEY:value" lines.
        for (qsizetype i = 1; i < parts.size(); ++i) {
            if (!parts.at(i).startsWith('\n'))
                continue;
            for (const QByteArray &line : parts.at(i).split('\n')) {
                if (line.startsWith("NN:")) {
                    info.nickname = line.mid(3);
                    info.utf8Block = true;
                } else if (line.startsWith("GN:")) {
                    info.group = line.mid(3);
                    info.utf8Block = true;
                }
            }
            if (info.utf8Block && info.group.startsWith('\n'))
                info.group.clear(); // "nick\0\0\nUN:..." (no group): part 1 was the block
        }
    }
    // iptux: nickname \0 group \0 icon \0 encoding \0
    if (parts.size() >= 4 && !parts.at(3).startsWith('\n')) {
        const QByteArray encoding = parts.at(3).trimmed().toLower();
        if (!encoding.isEmpty() && encoding.size() <= 32) {
            info.declaredEncoding = encoding;
            if (encoding == "utf-8" || encoding == "utf8")
                info.utf8Capable = true;
        }
    }
    return info;
}

QByteArray entryExtra(const QByteArray &legacyNickname, const QByteArray &legacyGroup,
                      const QString &user, const QString &host, const QString &nickname,
                      const QString &group)
{
    const auto clean = [](const QString &s) {
        QString t = s;
        t.replace(QLatin1Char('\n'), QLatin1Char(' '));
        t.replace(QChar(0), QLatin1Char(' '));
        return t.toUtf8();
    };
    QByteArray out = partSafe(legacyNickname);
    out += '\0';
    out += partSafe(legacyGroup);
    out += '\0';
    out += "\nUN:" + clean(user) + "\nHN:" + clean(host) + "\nNN:" + clean(nickname)
           + "\nGN:" + clean(group) + '\n';
    out += '\0';
    return out;
}

bool ackedPacketNo(const Packet &recvMsg, quint32 *packetNo)
{
    if (recvMsg.mode() != RecvMsg)
        return false;
    const qsizetype end = recvMsg.extra.indexOf('\0');
    return parseUInt32(end < 0 ? recvMsg.extra : recvMsg.extra.left(end), packetNo);
}

PacketCounter::PacketCounter() : m_next(quint32(QDateTime::currentSecsSinceEpoch())) { }

bool DuplicateFilter::seen(const QString &sender, quint32 packetNo)
{
    QString key = sender + QLatin1Char('#') + QString::number(packetNo);
    if (m_keys.contains(key))
        return true;
    m_keys.insert(key);
    m_order.push_back(std::move(key));
    while (int(m_order.size()) > m_capacity) {
        m_keys.remove(m_order.front());
        m_order.pop_front();
    }
    return false;
}

bool AckLimiter::take(Bucket &bucket, int ratePerSecond, qint64 nowMs, bool fresh)
{
    if (fresh) {
        bucket.tokens = ratePerSecond;
    } else if (nowMs > bucket.lastMs) {
        bucket.tokens = qMin<double>(
                ratePerSecond, bucket.tokens + (nowMs - bucket.lastMs) * ratePerSecond / 1000.0);
    }
    bucket.lastMs = qMax(bucket.lastMs, nowMs);
    if (bucket.tokens < 1)
        return false;
    bucket.tokens -= 1;
    return true;
}

bool AckLimiter::allow(const QString &sender, qint64 nowMs)
{
    // Forget idle senders now and then so the table stays small.
    if (m_buckets.size() > 1024)
        m_buckets.clear();
    const bool fresh = !m_buckets.contains(sender);
    Bucket &bucket = m_buckets[sender];
    // Check the sender's bucket first without spending the overall token when it is empty.
    Bucket trial = bucket;
    if (!take(trial, m_perSender, nowMs, fresh)) {
        bucket = trial;
        return false;
    }
    if (!take(m_all, m_overall, nowMs, m_allFresh)) {
        m_allFresh = false;
        trial.tokens += 1; // not spent: the overall limit refused it
        bucket = trial;
        return false;
    }
    m_allFresh = false;
    bucket = trial;
    return true;
}

} // namespace IpMsg
