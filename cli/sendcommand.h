#pragma once

#include "clioptions.h"
#include "command.h"
#include "core/net/udpchannel.h"
#include "core/text/textcodec.h"

#include <QList>
#include <QTimer>

class QSocketNotifier;

/// `udpchat-cli send` and `chat` (SendOptions::chat: what arrives is printed too): sends TEXT,
/// --file or --hex (--repeat times), or each line of standard input, as datagrams from one bound
/// socket, and reports each one: "sent N bytes to IP:PORT" on standard output, errors on standard
/// error.
///
/// Standard input is read through a QSocketNotifier, so the event loop (timers, signals) keeps
/// running while no line comes; reading pauses while many lines wait for their --interval.
class SendCommand : public Command
{
    Q_OBJECT
public:
    explicit SendCommand(const SendOptions &options, QObject *parent = nullptr);
    ~SendCommand() override;

    void start() override;
    void interrupt(int signalNumber) override;

private:
    struct Line
    {
        qint64 number = 0; ///< 1-based line number in standard input
        QByteArray bytes; ///< without the line end
        bool tooLong = false; ///< more than maxLineBytes(); bytes were not kept
    };

    bool loadPayload();
    bool loadFile();
    void startReadingInput();
    void readInput();
    void takeLines(bool endOfInput);
    void addLine(const QByteArray &bytes);
    qsizetype maxLineBytes() const;

    bool hasNext() const;
    bool inputExhausted() const;
    void sendDue();
    void sendNext();
    bool sendPayload(const QByteArray &payload, const QString &context);
    void printReceived(const QList<Datagram> &batch);
    void finish(int exitStatus);

    SendOptions m_options;
    TextCodec m_codec;
    UdpChannel m_channel;
    QTimer m_pace; ///< the --interval between two datagrams

    QByteArray m_payload; ///< TEXT, --file or --hex, encoded
    int m_remaining = 0; ///< times m_payload is still to be sent

    QSocketNotifier *m_input = nullptr;
    QByteArray m_inputBuffer; ///< the unfinished last line
    bool m_discardingLine = false; ///< the unfinished line is too long to send
    bool m_endOfInput = false;
    qint64 m_lineCount = 0;
    QList<Line> m_lines; ///< complete lines waiting to be sent

    qint64 m_sent = 0;
    qint64 m_failed = 0;
    bool m_finished = false;
};
