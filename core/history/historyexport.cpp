#include "core/history/historyexport.h"

#include "core/net/endpoint.h"
#include "core/text/jsonline.h"
#include "core/text/textescape.h"
#include "core/util/atomicfile.h"

#include <QtEndian>

namespace {
QString directionName(const ChatMessage &m)
{
    return m.isIncoming() ? QStringLiteral("in") : QStringLiteral("out");
}

QString statusName(ChatMessage::Status status)
{
    switch (status) {
    case ChatMessage::Status::Received:
        return QStringLiteral("received");
    case ChatMessage::Status::Sent:
        return QStringLiteral("sent");
    case ChatMessage::Status::Failed:
        return QStringLiteral("failed");
    case ChatMessage::Status::Delivered:
        return QStringLiteral("delivered");
    case ChatMessage::Status::NotConfirmed:
        return QStringLiteral("not_confirmed");
    case ChatMessage::Status::Read:
        return QStringLiteral("read");
    }
    return QString();
}

QString modeName(const ChatMessage &m)
{
    return m.isIpMsg() ? QStringLiteral("ipmsg") : QStringLiteral("plain");
}

QByteArray csvField(const QString &value)
{
    QString v = value;
    if (!v.isEmpty()
        && (v[0] == u'=' || v[0] == u'+' || v[0] == u'-' || v[0] == u'@' || v[0] == u'\t'
            || v[0] == u'\r'))
        v.prepend(u'\'');
    v.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return '"' + v.toUtf8() + '"';
}

template<typename T>
void append(QByteArray &out, T value)
{
    char bytes[sizeof(T)];
    qToLittleEndian(value, bytes);
    out.append(bytes, sizeof(T));
}

template<typename T>
void appendBig(QByteArray &out, T value)
{
    char bytes[sizeof(T)];
    qToBigEndian(value, bytes);
    out.append(bytes, sizeof(T));
}

// One's complement sum of 16-bit big-endian words.
quint32 sum16(const QByteArray &bytes, quint32 sum = 0)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i + 1 < n; i += 2)
        sum += quint32(p[i] << 8 | p[i + 1]);
    if (n % 2)
        sum += quint32(p[n - 1] << 8);
    return sum;
}

quint16 finishSum(quint32 sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<quint16>(~sum & 0xffff);
}

QByteArray addressBytes(const QHostAddress &address, bool v4)
{
    QByteArray out;
    if (v4) {
        appendBig<quint32>(out, address.toIPv4Address());
    } else {
        const Q_IPV6ADDR a = address.toIPv6Address();
        out.append(reinterpret_cast<const char *>(a.c), 16);
    }
    return out;
}
} // namespace

HistoryExport::HistoryExport(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &HistoryExport::step);
}

HistoryExport::~HistoryExport() = default;

HistoryExport::Format HistoryExport::formatFor(const QString &fileName)
{
    const QString lower = fileName.toLower();
    if (lower.endsWith(QStringLiteral(".txt")) || lower.endsWith(QStringLiteral(".log")))
        return Format::Text;
    if (lower.endsWith(QStringLiteral(".csv")))
        return Format::Csv;
    if (lower.endsWith(QStringLiteral(".pcapng")))
        return Format::Pcapng;
    return Format::JsonLines;
}

QString HistoryExport::isoTime(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"));
}

QByteArray HistoryExport::csvHeader()
{
    return QByteArrayLiteral(
            "id,time,direction,status,peer,port,encoding,text,hex,decoded_cleanly,error,mode,"
            "name\r\n");
}

QByteArray HistoryExport::csvRow(const ChatMessage &m)
{
    QByteArray row;
    row += QByteArray::number(m.id) + ',';
    row += csvField(isoTime(m.time)) + ',';
    row += csvField(directionName(m)) + ',';
    row += csvField(statusName(m.status)) + ',';
    row += csvField(displayAddress(normalizedAddress(m.peerAddress))) + ',';
    row += QByteArray::number(m.peerPort) + ',';
    row += csvField(m.encoding) + ',';
    row += csvField(m.text) + ',';
    row += '"' + m.payload.toHex() + "\",";
    row += m.decodedCleanly ? "true," : "false,";
    row += csvField(m.error) + ',';
    row += csvField(modeName(m)) + ',';
    row += csvField(m.peerName) + "\r\n";
    return row;
}

QByteArray HistoryExport::jsonLine(const ChatMessage &m)
{
    return JsonLine()
            .addNumber(u"id", qint64(m.id))
            .addString(u"time", isoTime(m.time))
            .addString(u"direction", directionName(m))
            .addString(u"status", statusName(m.status))
            .addString(u"peer", displayAddress(normalizedAddress(m.peerAddress)))
            .addNumber(u"port", m.peerPort)
            .addString(u"encoding", m.encoding)
            .addString(u"text", m.text)
            .addString(u"hex", QString::fromLatin1(m.payload.toHex()))
            .addBool(u"decoded_cleanly", m.decodedCleanly)
            .addString(u"error", m.error)
            .addString(u"mode", modeName(m))
            .addString(u"name", m.peerName)
            .toLine();
}

QByteArray HistoryExport::textLine(const ChatMessage &m)
{
    const QString time = m.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QString peer = Endpoint{m.peerAddress, m.peerPort}.toString();
    if (m.isIpMsg()) {
        peer = QStringLiteral("%1 (IP Messenger, %2)")
                       .arg(TextEscape::forTerminal(m.peerName), peer);
    }
    QString who;
    if (m.isIncoming())
        who = QStringLiteral("from %1").arg(peer);
    else if (m.status == ChatMessage::Status::Failed)
        who = QStringLiteral("to %1 (not sent: %2)").arg(peer, TextEscape::forTerminal(m.error));
    else
        who = QStringLiteral("to %1").arg(peer);
    const QString text = m.isEmptyDatagram() ? QStringLiteral("(empty datagram)")
                                             : TextEscape::forTerminal(m.text);
    return QStringLiteral("%1 %2: %3\n").arg(time, who, text).toUtf8();
}

QByteArray HistoryExport::pcapngHeader()
{
    QByteArray out;
    // Section Header Block.
    append<quint32>(out, 0x0A0D0D0A);
    append<quint32>(out, 28);
    append<quint32>(out, 0x1A2B3C4D);
    append<quint16>(out, 1);
    append<quint16>(out, 0);
    append<qint64>(out, -1); // section length not given
    append<quint32>(out, 28);
    // Interface Description Block: raw IP (101), no snap length limit, microseconds (default).
    append<quint32>(out, 1);
    append<quint32>(out, 20);
    append<quint16>(out, 101);
    append<quint16>(out, 0);
    append<quint32>(out, 0);
    append<quint32>(out, 20);
    return out;
}

namespace {
// A UDP header with its checksum over the pseudo-header, then @p payload.
QByteArray udpSegment(const QByteArray &srcBytes, const QByteArray &dstBytes, quint16 srcPort,
                      quint16 dstPort, const QByteArray &payload, bool v4)
{
    const auto udpLength = static_cast<quint16>(8 + payload.size());
    QByteArray udp;
    appendBig<quint16>(udp, srcPort);
    appendBig<quint16>(udp, dstPort);
    appendBig<quint16>(udp, udpLength);
    appendBig<quint16>(udp, 0);
    udp += payload;
    QByteArray pseudo = srcBytes + dstBytes;
    if (v4) {
        appendBig<quint16>(pseudo, 17);
        appendBig<quint16>(pseudo, udpLength);
    } else {
        appendBig<quint32>(pseudo, udpLength);
        appendBig<quint32>(pseudo, 17);
    }
    quint16 checksum = finishSum(sum16(udp, sum16(pseudo)));
    if (checksum == 0)
        checksum = 0xffff;
    qToBigEndian(checksum, udp.data() + 6);
    return udp;
}

// The IPv4 (with its header checksum) or IPv6 header for @p udp.
QByteArray ipHeader(const QByteArray &srcBytes, const QByteArray &dstBytes, const QByteArray &udp,
                    bool v4)
{
    QByteArray ip;
    if (v4) {
        ip.append(char(0x45));
        ip.append(char(0));
        appendBig<quint16>(ip, static_cast<quint16>(20 + udp.size()));
        appendBig<quint16>(ip, 0); // identification
        appendBig<quint16>(ip, 0x4000); // don't fragment
        ip.append(char(64));
        ip.append(char(17));
        appendBig<quint16>(ip, 0);
        ip += srcBytes + dstBytes;
        qToBigEndian(finishSum(sum16(ip)), ip.data() + 10);
    } else {
        appendBig<quint32>(ip, 0x60000000);
        appendBig<quint16>(ip, static_cast<quint16>(udp.size()));
        ip.append(char(17));
        ip.append(char(64));
        ip += srcBytes + dstBytes;
    }
    return ip;
}

// An Enhanced Packet Block holding @p packet, captured at @p time.
QByteArray enhancedPacketBlock(const QByteArray &packet, const QDateTime &time)
{
    const qsizetype padded = (packet.size() + 3) / 4 * 4;
    const auto blockLength = static_cast<quint32>(32 + padded);
    const auto us = static_cast<quint64>(time.toMSecsSinceEpoch()) * 1000;
    QByteArray out;
    append<quint32>(out, 6);
    append<quint32>(out, blockLength);
    append<quint32>(out, 0); // interface
    append<quint32>(out, static_cast<quint32>(us >> 32));
    append<quint32>(out, static_cast<quint32>(us & 0xffffffff));
    append<quint32>(out, static_cast<quint32>(packet.size()));
    append<quint32>(out, static_cast<quint32>(packet.size()));
    out += packet;
    out.append(padded - packet.size(), '\0');
    append<quint32>(out, blockLength);
    return out;
}
} // namespace

QByteArray HistoryExport::pcapngPacket(const ChatMessage &m, quint16 localPort)
{
    const QHostAddress peer = normalizedAddress(m.peerAddress);
    const bool v4 = peer.protocol() == QAbstractSocket::IPv4Protocol;
    const QHostAddress local(v4 ? QHostAddress::AnyIPv4 : QHostAddress::AnyIPv6);
    const QByteArray peerBytes = addressBytes(peer, v4);
    const QByteArray localBytes = addressBytes(local, v4);
    const QByteArray &srcBytes = m.isIncoming() ? peerBytes : localBytes;
    const QByteArray &dstBytes = m.isIncoming() ? localBytes : peerBytes;
    const quint16 srcPort = m.isIncoming() ? m.peerPort : localPort;
    const quint16 dstPort = m.isIncoming() ? localPort : m.peerPort;
    const QByteArray payload = m.payload.left(v4 ? 65507 : 65527);
    const QByteArray udp = udpSegment(srcBytes, dstBytes, srcPort, dstPort, payload, v4);
    return enhancedPacketBlock(ipHeader(srcBytes, dstBytes, udp, v4) + udp, m.time);
}

bool HistoryExport::start(const Source &source, qint64 total, const QString &path, Format format,
                          quint16 localPort)
{
    cancel();
    m_source = source;
    m_total = total;
    m_format = format;
    m_localPort = localPort;
    m_nextId = 0;
    m_written = 0;
    m_error.clear();
    m_file = std::make_unique<AtomicFileWriter>(path);
    QString error;
    QByteArray header;
    if (format == Format::Csv)
        header = csvHeader();
    else if (format == Format::Pcapng)
        header = pcapngHeader();
    if (!m_file->open(&error) || !m_file->write(header, &error)) {
        m_error = error;
        m_file.reset();
        return false;
    }
    m_timer.start();
    return true;
}

void HistoryExport::step()
{
    const QList<ChatMessage> chunk = m_source(m_nextId, ChunkSize);
    QByteArray bytes;
    for (const ChatMessage &m : chunk) {
        switch (m_format) {
        case Format::Csv:
            bytes += csvRow(m);
            break;
        case Format::JsonLines:
            bytes += jsonLine(m);
            break;
        case Format::Pcapng:
            bytes += pcapngPacket(m, m_localPort);
            break;
        case Format::Text:
            bytes += textLine(m);
            break;
        }
        m_nextId = m.id + 1;
    }
    QString error;
    if (!bytes.isEmpty() && !m_file->write(bytes, &error)) {
        finish(false, error);
        return;
    }
    m_written += chunk.size();
    Q_EMIT progress(m_written, std::max(m_total, m_written));
    if (chunk.size() < ChunkSize) {
        if (!m_file->commit(&error)) {
            finish(false, error);
            return;
        }
        finish(true, QString());
    }
}

void HistoryExport::cancel()
{
    if (m_timer.isActive())
        finish(false, QString());
}

void HistoryExport::finish(bool ok, const QString &error)
{
    m_timer.stop();
    m_error = error;
    m_file.reset(); // cancels if not committed
    Q_EMIT finished(ok);
}
