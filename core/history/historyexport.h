#pragma once

#include "core/chat/chatmessage.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

class AtomicFileWriter;

/// Writes messages to a file: a plain-text log to read, or CSV, JSON Lines or pcapng (Wireshark)
/// for other programs.
/// The file is produced chunk by chunk from the event loop (the window keeps painting and the
/// export can be cancelled), into a temporary file that replaces the target only when complete.
class HistoryExport : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryExport)
public:
    enum class Format { Csv, JsonLines, Pcapng, Text };
    /// By the file name's suffix: .txt/.log, .csv, .pcapng; JSON Lines otherwise (.jsonl).
    static Format formatFor(const QString &fileName);

    /// Messages with ids from fromId up, oldest first, at most limit (fewer: the end).
    using Source = std::function<QList<ChatMessage>(quint64 fromId, int limit)>;
    static constexpr int ChunkSize = 2000;

    explicit HistoryExport(QObject *parent = nullptr);
    ~HistoryExport() override;

    /// Starts writing @p total (an estimate for progress) messages from @p source to @p path.
    /// @p localPort is the UDP port written as ours in pcapng (the one we listen on).
    /// Returns false with error() when the file cannot be created.
    bool start(const Source &source, qint64 total, const QString &path, Format format,
               quint16 localPort);
    /// Stops; the target file is left as it was. finished(false) follows.
    void cancel();
    bool isRunning() const { return m_timer.isActive(); }
    QString error() const { return m_error; }
    qint64 written() const { return m_written; }

    // The formats, one message at a time (public for tests and the CLI).
    static QByteArray csvHeader();
    /// Every field quoted; a text that a spreadsheet would take for a formula (=, +, -, @ first)
    /// gets a leading apostrophe; the exact bytes are in the hex column.
    static QByteArray csvRow(const ChatMessage &message);
    static QByteArray jsonLine(const ChatMessage &message);
    /// One line to read: local time, direction and peer, then the text on the same line, with
    /// line breaks and controls escaped as udpchat-cli shows them ("\n", "\x1b").
    static QByteArray textLine(const ChatMessage &message);
    /// Section Header Block and one Interface Description Block (LINKTYPE_RAW: IPv4 and IPv6).
    static QByteArray pcapngHeader();
    /// An Enhanced Packet Block: the datagram with a synthesized IPv4 or IPv6 and UDP header
    /// (checksums computed), timestamp in microseconds. Our address is not known to a socket
    /// bound to every address: it is written as 0.0.0.0 or ::.
    static QByteArray pcapngPacket(const ChatMessage &message, quint16 localPort);
    /// "2026-11-25T23:45:43.123Z".
    static QString isoTime(const QDateTime &utc);

Q_SIGNALS:
    void progress(qint64 written, qint64 total);
    /// @p ok: the file is complete and in place; otherwise error() says why (or it was
    /// cancelled, with an empty error()).
    void finished(bool ok);

private:
    void step();
    void finish(bool ok, const QString &error);

    Source m_source;
    std::unique_ptr<AtomicFileWriter> m_file;
    Format m_format = Format::Csv;
    quint16 m_localPort = 0;
    quint64 m_nextId = 0;
    qint64 m_total = 0;
    qint64 m_written = 0;
    QString m_error;
    QTimer m_timer;
};
