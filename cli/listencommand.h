#pragma once

#include "clioptions.h"
#include "command.h"
#include "core/net/udpchannel.h"
#include "core/text/textcodec.h"

#include <QHash>
#include <QTimer>

#include <limits>

/// `udpchat-cli listen`: prints every datagram that arrives on the port, as a text line or a
/// JSON line, until --count, --timeout or a signal, then a summary on standard error.
class ListenCommand : public Command
{
    Q_OBJECT
public:
    explicit ListenCommand(const ListenOptions &options, QObject *parent = nullptr);

    void start() override;
    void interrupt(int signalNumber) override;

    /// "TIME  IP:PORT  TEXT\n" with TEXT made safe for a terminal; see `listen --help`.
    static QByteArray textLine(const Datagram &datagram, const TextCodec &codec);

private:
    // One JSON object and '\n': time, peer, port, bytes, encoding, valid, text, hex.
    static QByteArray jsonLine(const Datagram &datagram, const TextCodec &codec);

    // The line of @p datagram appended to @p out: ASCII from a peer seen just before
    // (the common case under a flood) without any allocation, anything else through
    // textLine()/jsonLine(); the same bytes either way.
    void appendLine(QByteArray &out, const Datagram &datagram);

    void print(const QList<Datagram> &batch);
    void onTimeout();
    /// Joins --join groups; on failure says why and finishes with status 1.
    bool joinGroups();
    /// Says on standard error where each group is joined now, when that changed (at the start,
    /// and when an interface went down or came back).
    void reportGroups();
    void finish(int exitStatus, const QString &reason);

    ListenOptions m_options;
    TextCodec m_codec;
    UdpChannel m_channel;
    QTimer m_timeout;
    qint64 m_received = 0;
    qint64 m_receivedBytes = 0;
    qint64 m_skipped = 0; ///< read from the socket but not printed (after the end)
    bool m_finished = false;
    // For appendLine(): the output of a batch, written at once, and what the last line shares
    // with the next (its second, its sender).
    QByteArray m_out;
    bool m_asciiCodec = false;
    qint64 m_second = std::numeric_limits<qint64>::min();
    QByteArray m_secondText;
    QHostAddress m_sender;
    quint16 m_senderPort = 0;
    bool m_senderKnown = false;
    QByteArray m_senderText;
    QByteArray m_encodingJson;
    QHash<QString, QStringList> m_reportedGroups; // group (as --join names it) -> interfaces
};
