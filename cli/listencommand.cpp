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
    // --timeout S promises S seconds: a coarse timer may fire up to 5 % early.
    m_timeout.setTimerType(Qt::PreciseTimer);
    connect(&m_timeout, &QTimer::timeout, this, &ListenCommand::onTimeout);
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
    for (const UdpChannel::GroupMembership &membership : m_channel.groups()) {
        Console::message(tr("joined multicast group %1 on %2")
                                 .arg(Multicast::plain(membership.group.address).toString(),
                                      membership.joinedOn.join(QStringLiteral(", "))));
    }
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

void ListenCommand::print(const QList<Datagram> &batch)
{
    // The run may end in the middle of a batch; the rest was read from the socket but is not
    // printed, and the summary counts it as dropped by udpchat-cli.
    int endStatus = -1;
    QString endReason;
    for (const Datagram &datagram : batch) {
        if (m_finished || endStatus >= 0) {
            ++m_skipped;
            continue;
        }
        const QByteArray line =
                m_options.json ? jsonLine(datagram, m_codec) : textLine(datagram, m_codec);
        if (!Console::writeOut(line)) {
            ++m_skipped;
            endStatus = ExitStatus::Failure;
            endReason = tr("cannot write to standard output (%1)").arg(Console::errorString());
            continue;
        }
        ++m_received;
        m_receivedBytes += datagram.payload.size();
        if (m_options.count > 0 && m_received == m_options.count) {
            endStatus = ExitStatus::Success;
            endReason = tr("--count reached");
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
    const QString peer = Endpoint{datagram.sender, datagram.senderPort}.toString();
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
    return JsonLine()
            .addString(u"time", datagram.time.toUTC().toString(Qt::ISODateWithMs))
            .addString(u"peer", displayAddress(datagram.sender))
            .addNumber(u"port", datagram.senderPort)
            .addNumber(u"bytes", datagram.payload.size())
            .addString(u"encoding", codec.name())
            .addBool(u"valid", decoded.valid)
            .addString(u"text", decoded.text)
            .addString(u"hex", HexCodec::format(datagram.payload))
            .toLine();
}
