#include "listencommand.h"

#include "console.h"
#include "core/net/udpstats.h"
#include "core/text/hexcodec.h"
#include "core/text/jsonline.h"
#include "core/text/textescape.h"

#include <csignal>

ListenCommand::ListenCommand(const ListenOptions &options, QObject *parent)
    : Command(parent), m_options(options), m_codec(options.encoding)
{
    connect(&m_channel, &UdpChannel::datagramsReceived, this, &ListenCommand::print);
    connect(&m_channel, &UdpChannel::socketError, this, [](const QString &error) {
        Console::message(tr("socket error while listening: %1").arg(error));
    });
    m_timeout.setSingleShot(true);
    // A coarse timer may fire up to 5 % early: --timeout 0.3 must not stop after 290 ms.
    m_timeout.setTimerType(Qt::PreciseTimer);
    connect(&m_timeout, &QTimer::timeout, this, &ListenCommand::onTimeout);
    // Encodings in which printable ASCII bytes are those characters.
    m_asciiCodec = m_codec.name() == QLatin1String("UTF-8")
                   || m_codec.name() == QLatin1String("ISO-8859-1");
    m_encodingJson = TextEscape::jsonString(m_codec.name());
}

void ListenCommand::start()
{
    if (!m_channel.listen(m_options.bindPort)) {
        Console::message(tr("cannot listen: %1.").arg(m_channel.bindError()));
        m_finished = true;
        Q_EMIT finished(ExitStatus::Failure);
        return;
    }
    if (!joinGroups())
        return;
    Console::message(tr("listening on UDP port %1 (IPv4 and IPv6), decoding %2")
                             .arg(m_channel.localPort())
                             .arg(m_codec.name()));
    reportGroups();
    connect(&m_channel, &UdpChannel::groupsChanged, this, &ListenCommand::reportGroups);
    if (m_options.timeoutMs > 0)
        m_timeout.start(m_options.timeoutMs);
}

bool ListenCommand::joinGroups()
{
    for (const MulticastGroup &group : m_options.groups) {
        if (const QString error = m_channel.joinGroup(group); !error.isEmpty()) {
            Console::message(error);
            m_channel.close();
            m_finished = true;
            Q_EMIT finished(ExitStatus::Failure);
            return false;
        }
    }
    return true;
}

void ListenCommand::reportGroups()
{
    if (m_finished)
        return;
    for (const UdpChannel::GroupMembership &membership : m_channel.groups()) {
        const QString key = membership.group.toString();
        const auto reported = m_reportedGroups.constFind(key);
        if (reported != m_reportedGroups.cend() && *reported == membership.joinedOn)
            continue;
        m_reportedGroups.insert(key, membership.joinedOn);
        const QString address = Multicast::plain(membership.group.address).toString();
        if (membership.joinedOn.isEmpty()) {
            Console::message(
                    tr("multicast group %1 is not joined now: %2").arg(address, membership.error));
        } else {
            Console::message(tr("joined multicast group %1 on %2")
                                     .arg(address, membership.joinedOn.join(QStringLiteral(", "))));
        }
    }
}

void ListenCommand::interrupt(int signalNumber)
{
    finish(ExitStatus::Success, signalNumber == SIGINT ? tr("stopped by SIGINT")
                                : signalNumber == SIGTERM
                                        ? tr("stopped by SIGTERM")
                                        : tr("stopped by signal %1").arg(signalNumber));
}

void ListenCommand::onTimeout()
{
    if (m_options.count > 0) {
        finish(ExitStatus::Failure,
               tr("--timeout came after %1 of %2 datagrams").arg(m_received).arg(m_options.count));
    } else {
        finish(ExitStatus::Success, tr("--timeout reached"));
    }
}

namespace {
// ASCII only: every byte is its character in UTF-8 and ISO-8859-1, and valid.
bool ascii(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return false;
    for (const char c : bytes) {
        if (uchar(c) >= 0x80)
            return false;
    }
    return true;
}

// ASCII text escaped exactly as TextEscape::forTerminal() (text lines) or jsonString() (JSON,
// without the quotes) escape it.
void appendEscapedAscii(QByteArray &out, const QByteArray &bytes, bool json)
{
    static const char hex[] = "0123456789abcdef";
    for (const char c : bytes) {
        const auto u = uchar(c);
        if (u >= 0x20 && u != 0x7f && c != '\\' && !(json && c == '"')) {
            out += c;
            continue;
        }
        out += '\\';
        switch (c) {
        case '\\':
        case '"':
            out += c;
            break;
        case '\t':
            out += 't';
            break;
        case '\n':
            out += 'n';
            break;
        case '\r':
            out += 'r';
            break;
        case '\b':
        case '\f':
            if (json) {
                out += c == '\b' ? 'b' : 'f';
                break;
            }
            [[fallthrough]];
        default:
            if (json) {
                out += "u00";
            } else {
                out += 'x';
            }
            out += hex[u >> 4];
            out += hex[u & 0xf];
            break;
        }
    }
}

void appendNumber(QByteArray &out, qint64 value)
{
    char digits[24];
    int n = 0;
    quint64 v = value < 0 ? quint64(-value) : quint64(value);
    do {
        digits[n++] = char('0' + v % 10);
        v /= 10;
    } while (v > 0);
    if (value < 0)
        out += '-';
    while (n > 0)
        out += digits[--n];
}

void appendHex(QByteArray &out, const QByteArray &bytes)
{
    static const char digits[] = "0123456789abcdef";
    const qsizetype at = out.size();
    out.resize(at + 2 * bytes.size());
    char *p = out.data() + at;
    for (const char c : bytes) {
        *p++ = digits[(uchar(c) >> 4) & 0xf];
        *p++ = digits[uchar(c) & 0xf];
    }
}
} // namespace

void ListenCommand::appendLine(QByteArray &out, const Datagram &datagram)
{
    // Datagrams to a group (rare next to a unicast flood) take the general path.
    if (!m_asciiCodec || !datagram.group.isEmpty() || !ascii(datagram.payload)) {
        out += m_options.json ? jsonLine(datagram, m_codec) : textLine(datagram, m_codec);
        return;
    }
    // The second, formatted once per second: local time for text, UTC for JSON.
    const qint64 ms = datagram.time.toMSecsSinceEpoch();
    const qint64 second = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    if (second != m_second) {
        m_second = second;
        const QDateTime start = QDateTime::fromMSecsSinceEpoch(second * 1000, Qt::UTC);
        m_secondText = m_options.json
                               ? start.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.")).toUtf8()
                               : start.toLocalTime()
                                         .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss."))
                                         .toUtf8();
    }
    const int millis = int(ms - second * 1000);
    const char milliText[3] = {char('0' + millis / 100), char('0' + millis / 10 % 10),
                               char('0' + millis % 10)};
    if (!m_senderKnown || datagram.senderPort != m_senderPort || datagram.sender != m_sender) {
        m_senderKnown = true;
        m_sender = datagram.sender;
        m_senderPort = datagram.senderPort;
        m_senderText = m_options.json
                               ? TextEscape::jsonString(displayAddress(datagram.sender))
                               : Endpoint{datagram.sender, datagram.senderPort}.toString().toUtf8();
    }
    if (!m_options.json) {
        out += m_secondText;
        out.append(milliText, 3);
        out += "  ";
        out += m_senderText;
        out += "  ";
        appendEscapedAscii(out, datagram.payload, false);
        out += '\n';
        return;
    }
    out += "{\"time\":\"";
    out += m_secondText;
    out.append(milliText, 3);
    out += "Z\",\"peer\":";
    out += m_senderText;
    out += ",\"port\":";
    appendNumber(out, datagram.senderPort);
    out += ",\"bytes\":";
    appendNumber(out, datagram.payload.size());
    out += ",\"encoding\":";
    out += m_encodingJson;
    out += ",\"valid\":true,\"text\":\"";
    appendEscapedAscii(out, datagram.payload, true);
    out += "\",\"hex\":\"";
    appendHex(out, datagram.payload);
    out += "\"}\n";
}

void ListenCommand::print(const QList<Datagram> &batch)
{
    // The batch's lines are written at once (one write per batch, not per line), then flushed,
    // so they reach a pipe without waiting. The run may end in the middle of a batch; the rest
    // was read from the socket but is not printed, and the summary counts it as dropped by
    // udpchat-cli.
    int endStatus = -1;
    QString endReason;
    m_out.truncate(0);
    qint64 lines = 0;
    qint64 bytes = 0;
    for (const Datagram &datagram : batch) {
        if (m_finished || endStatus >= 0) {
            ++m_skipped;
            continue;
        }
        appendLine(m_out, datagram);
        ++lines;
        bytes += datagram.payload.size();
        if (m_options.count > 0 && m_received + lines == m_options.count) {
            endStatus = ExitStatus::Success;
            endReason = tr("--count reached");
        }
    }
    if (lines > 0) {
        if (Console::writeOut(m_out)) {
            m_received += lines;
            m_receivedBytes += bytes;
        } else {
            m_skipped += lines;
            endStatus = ExitStatus::Failure;
            endReason = tr("cannot write to standard output (%1)").arg(Console::errorString());
        }
    }
    if (endStatus >= 0)
        finish(endStatus, endReason);
}

void ListenCommand::finish(int exitStatus, const QString &reason)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    // Read before close(): the counters belong to the bound socket.
    const auto kernelDrops = UdpStats::kernelDrops(m_channel.localPort());
    m_channel.close();

    const QString kernel =
            kernelDrops ? tr("%1 by the kernel").arg(*kernelDrops) : tr("unknown by the kernel");
    Console::message(tr("%1; received: %2 (%3 bytes); dropped: %4 by udpchat-cli, %5")
                             .arg(reason)
                             .arg(m_received)
                             .arg(m_receivedBytes)
                             .arg(m_skipped)
                             .arg(kernel));
    Q_EMIT finished(exitStatus);
}

QByteArray ListenCommand::textLine(const Datagram &datagram, const TextCodec &codec)
{
    const QString time =
            datagram.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    // "10.99.0.1:7000 via 239.255.77.1" for a datagram that came through a multicast group.
    QString peer = Endpoint{datagram.sender, datagram.senderPort}.toString();
    if (!datagram.group.isEmpty())
        peer += QLatin1String(" via ") + datagram.group;
    QString body;
    if (datagram.payload.isEmpty()) {
        body = tr("(empty datagram)");
    } else {
        const TextCodec::Decoded decoded = codec.decode(datagram.payload);
        if (decoded.valid) {
            body = TextEscape::forTerminal(decoded.text);
        } else {
            body = tr("(%1 bytes, not valid %2) hex: %3")
                           .arg(datagram.payload.size())
                           .arg(codec.name(), HexCodec::format(datagram.payload, ' '));
        }
    }
    return QStringLiteral("%1  %2  %3\n").arg(time, peer, body).toUtf8();
}

QByteArray ListenCommand::jsonLine(const Datagram &datagram, const TextCodec &codec)
{
    const TextCodec::Decoded decoded = codec.decode(datagram.payload);
    JsonLine line;
    line.addString(u"time", datagram.time.toUTC().toString(Qt::ISODateWithMs))
            .addString(u"peer", displayAddress(datagram.sender))
            .addNumber(u"port", datagram.senderPort);
    // Only for a datagram that came through a multicast group.
    if (!datagram.group.isEmpty())
        line.addString(u"group", datagram.group);
    return line.addNumber(u"bytes", datagram.payload.size())
            .addString(u"encoding", codec.name())
            .addBool(u"valid", decoded.valid)
            .addString(u"text", decoded.text)
            .addString(u"hex", HexCodec::format(datagram.payload))
            .toLine();
}
