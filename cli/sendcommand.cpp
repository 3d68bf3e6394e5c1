#include "sendcommand.h"

#include "console.h"
#include "listencommand.h"

#include <QFile>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace {
// Lines waiting for their --interval before reading pauses, and the level that resumes it.
constexpr qsizetype kMaxQueuedLines = 1024;
constexpr qsizetype kResumeQueuedLines = 256;
constexpr qsizetype kReadChunk = 64 * 1024;
} // namespace

SendCommand::SendCommand(const SendOptions &options, QObject *parent)
    : Command(parent), m_options(options), m_codec(options.encoding)
{
    m_pace.setSingleShot(true);
    // --interval MS is a minimum between datagrams: a coarse timer may fire up to 5 % early.
    m_pace.setTimerType(Qt::PreciseTimer);
    connect(&m_pace, &QTimer::timeout, this, &SendCommand::sendDue);
}

SendCommand::~SendCommand() = default;

void SendCommand::start()
{
    if (m_options.source != SendOptions::Source::StandardInput && !loadPayload()) {
        finish(ExitStatus::Failure);
        return;
    }
    // The same socket as the window's: bound first, so the peer sees a port it can reply to.
    if (!m_channel.listen(m_options.bindPort)) {
        Console::message(tr("cannot send: %1.").arg(m_channel.bindError()));
        finish(ExitStatus::Failure);
        return;
    }
    m_channel.setMulticastTtl(m_options.ttl);
    m_channel.setMulticastLoopback(m_options.loopback);
    if (!m_options.interfaceName.isEmpty()) {
        const Multicast::InterfaceResult found = Multicast::findInterface(m_options.interfaceName);
        if (!found.ok()) {
            Console::message(tr("cannot send: %1").arg(found.error));
            finish(ExitStatus::Failure);
            return;
        }
        m_channel.setMulticastInterface(m_options.interfaceName);
    }
    if (m_options.chat) {
        // What arrives on the same socket is printed as listen prints it.
        connect(&m_channel, &UdpChannel::datagramsReceived, this, &SendCommand::printReceived);
        Console::message(tr("chatting with %1 from UDP port %2")
                                 .arg(m_options.target.toString())
                                 .arg(m_channel.localPort()));
    }
    if (m_options.source == SendOptions::Source::StandardInput)
        startReadingInput();
    else
        m_remaining = m_options.repeat;
    sendDue();
}

void SendCommand::interrupt(int signalNumber)
{
    if (m_finished)
        return;
    Console::message(tr("stopped by %1; sent: %2, not sent: %3")
                             .arg(signalNumber == SIGINT ? QStringLiteral("SIGINT")
                                                         : QStringLiteral("SIGTERM"))
                             .arg(m_sent)
                             .arg(m_failed));
    finish(m_failed > 0 ? ExitStatus::Failure : ExitStatus::Success);
}

bool SendCommand::loadPayload()
{
    switch (m_options.source) {
    case SendOptions::Source::Text: {
        const TextCodec::Encoded encoded = m_codec.encode(m_options.text);
        if (!encoded.valid) {
            Console::message(tr("Not sent: the text has characters that %1 cannot represent.")
                                     .arg(m_codec.name()));
            return false;
        }
        m_payload = encoded.bytes;
        return true;
    }
    case SendOptions::Source::File:
        return loadFile();
    case SendOptions::Source::Hex:
        m_payload = m_options.bytes;
        return true;
    case SendOptions::Source::StandardInput:
        break;
    }
    return false;
}

bool SendCommand::loadFile()
{
    const bool standardInput = m_options.fileName == QLatin1String("-");
    const QString shownName = standardInput ? tr("standard input") : m_options.fileName;
    QFile file(standardInput ? QString() : m_options.fileName);
    const bool opened = standardInput ? file.open(STDIN_FILENO, QIODevice::ReadOnly,
                                                  QFileDevice::DontCloseHandle)
                                      : file.open(QIODevice::ReadOnly);
    if (!opened) {
        Console::message(tr("cannot read %1: %2").arg(shownName, file.errorString()));
        return false;
    }
    // Never more than one byte over the limit is read: a pipe or a huge file is not slurped.
    const qsizetype limit = UdpChannel::maxPayloadFor(m_options.target.address);
    while (m_payload.size() <= limit) {
        const QByteArray chunk = file.read(limit + 1 - m_payload.size());
        if (chunk.isEmpty())
            break;
        m_payload += chunk;
    }
    if (file.error() != QFileDevice::NoError) {
        Console::message(tr("cannot read %1: %2").arg(shownName, file.errorString()));
        return false;
    }
    if (m_payload.size() > limit) {
        const QString size =
                file.isSequential() ? tr("more than %1").arg(limit) : QString::number(file.size());
        Console::message(tr("Not sent: %1 is %2 bytes; one UDP datagram holds at most %3.")
                                 .arg(shownName, size)
                                 .arg(limit));
        return false;
    }
    return true;
}

void SendCommand::startReadingInput()
{
    if (::fcntl(STDIN_FILENO, F_GETFD) == -1) { // closed: nothing to read
        m_endOfInput = true;
        return;
    }
    if (::isatty(STDIN_FILENO)) {
        Console::message(m_options.chat
                                 ? tr("type lines to send, one datagram each; what arrives is "
                                      "printed; Ctrl+D or Ctrl+C ends")
                                 : tr("type lines to send to %1, one datagram each; Ctrl+D ends")
                                           .arg(m_options.target.toString()));
    }
    m_input = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_input, &QSocketNotifier::activated, this, &SendCommand::readInput);
}

void SendCommand::readInput()
{
    // One read() per notification: it does not block, the notifier said data (or EOF) is there.
    char chunk[kReadChunk];
    const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
    if (n < 0) {
        if (errno == EINTR || errno == EAGAIN)
            return;
        Console::message(tr("cannot read standard input: %1")
                                 .arg(QString::fromLocal8Bit(std::strerror(errno))));
        ++m_failed;
        m_input->setEnabled(false);
        m_endOfInput = true; // the lines already read still go out
        sendDue();
        return;
    }
    if (n == 0) {
        m_input->setEnabled(false);
        m_endOfInput = true;
        takeLines(true);
    } else {
        m_inputBuffer.append(chunk, n);
        takeLines(false);
        if (m_lines.size() >= kMaxQueuedLines)
            m_input->setEnabled(false); // resumed by sendNext()
    }
    sendDue();
}

void SendCommand::takeLines(bool endOfInput)
{
    qsizetype start = 0;
    for (qsizetype end; (end = m_inputBuffer.indexOf('\n', start)) >= 0; start = end + 1)
        addLine(m_inputBuffer.mid(start, end - start));
    m_inputBuffer.remove(0, start);

    if (endOfInput) {
        // A last line without a line end is still a line.
        if (!m_inputBuffer.isEmpty() || m_discardingLine)
            addLine(m_inputBuffer);
        m_inputBuffer.clear();
    } else if (m_inputBuffer.size() > maxLineBytes()) {
        // Too long for any datagram: keep reading to its end, but not its bytes.
        m_discardingLine = true;
        m_inputBuffer.clear();
    }
}

void SendCommand::addLine(const QByteArray &bytes)
{
    Line line;
    line.number = ++m_lineCount;
    line.tooLong = m_discardingLine || bytes.size() > maxLineBytes();
    if (!line.tooLong) {
        line.bytes = bytes;
        if (line.bytes.endsWith('\r'))
            line.bytes.chop(1);
    }
    m_discardingLine = false;
    m_lines.append(line);
}

qsizetype SendCommand::maxLineBytes() const
{
    // A UTF-8 line of more than 4 bytes per datagram byte has more characters than fit in one
    // datagram in any encoding (each character takes at least one byte); +1 for a '\r'.
    return 4 * UdpChannel::maxPayloadFor(m_options.target.address) + 1;
}

bool SendCommand::hasNext() const
{
    return m_options.source == SendOptions::Source::StandardInput ? !m_lines.isEmpty()
                                                                  : m_remaining > 0;
}

bool SendCommand::inputExhausted() const
{
    return m_options.source != SendOptions::Source::StandardInput || m_endOfInput;
}

void SendCommand::sendDue()
{
    if (m_finished || m_pace.isActive())
        return;
    if (hasNext())
        sendNext();
    if (m_finished)
        return;
    if (!hasNext()) {
        if (inputExhausted())
            finish(m_failed > 0 ? ExitStatus::Failure : ExitStatus::Success);
        return; // else the next line starts sendDue() again when it comes
    }
    m_pace.start(m_options.intervalMs); // 0: after the event loop had its turn
}

void SendCommand::sendNext()
{
    if (m_options.source != SendOptions::Source::StandardInput) {
        --m_remaining;
        // The same bytes would fail the same way again: stop at the first failure.
        if (!sendPayload(m_payload, QString()))
            finish(ExitStatus::Failure);
        return;
    }

    const Line line = m_lines.takeFirst();
    if (m_input && !m_endOfInput && !m_input->isEnabled() && m_lines.size() < kResumeQueuedLines) {
        m_input->setEnabled(true);
    }
    const QString context = tr("line %1: ").arg(line.number);
    if (line.tooLong) {
        Console::message(context
                         + tr("Not sent: the line is more than %1 bytes; one UDP datagram "
                              "holds at most %2.")
                                   .arg(maxLineBytes())
                                   .arg(UdpChannel::maxPayloadFor(m_options.target.address)));
        ++m_failed;
        return;
    }
    const TextCodec::Decoded text = TextCodec(QStringLiteral("UTF-8")).decode(line.bytes);
    if (!text.valid) {
        Console::message(context
                         + tr("Not sent: the line is not valid UTF-8 text (use --hex or --file "
                              "for raw bytes)."));
        ++m_failed;
        return;
    }
    const TextCodec::Encoded encoded = m_codec.encode(text.text);
    if (!encoded.valid) {
        Console::message(context
                         + tr("Not sent: the line has characters that %1 cannot represent.")
                                   .arg(m_codec.name()));
        ++m_failed;
        return;
    }
    sendPayload(encoded.bytes, context);
}

bool SendCommand::sendPayload(const QByteArray &payload, const QString &context)
{
    const UdpChannel::SendResult result = m_channel.send(payload, m_options.target);
    if (!result.ok()) {
        Console::message(context + result.message);
        ++m_failed;
        return false;
    }
    ++m_sent;
    if (m_options.chat)
        return true; // the terminal shows what was typed
    const QString report = payload.size() == 1
                                   ? tr("sent 1 byte to %1").arg(m_options.target.toString())
                                   : tr("sent %1 bytes to %2")
                                             .arg(payload.size())
                                             .arg(m_options.target.toString());
    if (!Console::writeOut((report + u'\n').toUtf8())) {
        Console::message(tr("cannot write to standard output (%1)").arg(Console::errorString()));
        finish(ExitStatus::Failure);
    }
    return true;
}

void SendCommand::printReceived(const QList<Datagram> &batch)
{
    QByteArray out;
    for (const Datagram &datagram : batch)
        out += ListenCommand::textLine(datagram, m_codec);
    if (!Console::writeOut(out)) {
        Console::message(tr("cannot write to standard output (%1)").arg(Console::errorString()));
        finish(ExitStatus::Failure);
    }
}

void SendCommand::finish(int exitStatus)
{
    if (m_finished)
        return;
    m_finished = true;
    m_pace.stop();
    if (m_input)
        m_input->setEnabled(false);
    m_channel.close();
    Q_EMIT finished(exitStatus);
}
