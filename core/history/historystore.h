#pragma once

#include "core/chat/chatmessage.h"

#include <QCoreApplication>
#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <QTimer>

#include <optional>

/// The conversation on disk: every sent and received message in an SQLite database (Qt SQL,
/// QSQLITE) in WAL mode. Messages are queued by record() and written in one transaction per
/// FlushIntervalMs (and by flush(), and when the store is destroyed), so a crash or `kill -9`
/// loses at most the last interval and never leaves a damaged database.
///
/// Ids are the message ids of MessageListModel: the store keeps them, so a row in the view and
/// its record are the same message. Addresses are stored normalised (::ffff:10.0.0.5 is
/// 10.0.0.5). Everything read back is validated like a datagram: a record that does not make
/// sense is skipped, never trusted.
class HistoryStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryStore)
public:
    /// PRAGMA user_version of a database this build writes; older ones are migrated on open.
    static constexpr int SchemaVersion = 2;
    static constexpr int FlushIntervalMs = 300;
    /// Messages waiting for the next transaction at most; above, new ones are not saved (and
    /// counted in unsavedCount()) until SQLite has caught up.
    static constexpr int MaxPending = 200000;
    static constexpr int DefaultPageSize = 200;
    /// Rows per transaction at most: a backlog is written in slices BacklogIntervalMs apart, so
    /// the window keeps painting while SQLite catches up with a flood.
    static constexpr int MaxRowsPerTransaction = 2000;
    static constexpr int BacklogIntervalMs = 5;

    enum class Mode { ReadWrite, ReadOnly };

    explicit HistoryStore(QObject *parent = nullptr);
    /// Writes what is pending, then closes.
    ~HistoryStore() override;

    /// <AppDataLocation>/history.sqlite.
    static QString defaultPath();
    /// "history.sqlite" in @p profileDirectory.
    static QString pathInProfile(const QString &profileDirectory);

    /// Opens (and creates, in ReadWrite mode, with its folder) the database at @p path, migrates
    /// it to SchemaVersion and switches to WAL. Returns false with a sentence in error() when it
    /// cannot be used; the store then records nothing. A database from a newer udpchat is not
    /// touched.
    bool open(const QString &path, Mode mode = Mode::ReadWrite);
    bool isOpen() const { return m_open; }
    bool isReadOnly() const { return m_mode == Mode::ReadOnly; }
    QString path() const { return m_path; }
    /// Why the history is not open or the last write failed, as a sentence; empty when fine.
    QString error() const { return m_error; }
    /// Something the user should know about opening, e.g. that a damaged file was moved aside
    /// and a new history started; empty otherwise. Report it once.
    QString notice() const { return m_notice; }
    /// PRAGMA user_version found when opening (before migrating); 0 for a new database.
    int foundVersion() const { return m_foundVersion; }

    /// Queues @p messages (with their ids) for the next transaction. Ignored when not open or
    /// read-only.
    void record(const QList<ChatMessage> &messages);
    /// Queues a change of a recorded message: status, error, text, encoding, decodedCleanly.
    void update(const ChatMessage &message);
    /// Queues a change of only the status (and reason) of message @p id.
    void updateStatus(quint64 id, ChatMessage::Status status, const QString &error);
    /// Writes everything queued now (in transactions of MaxRowsPerTransaction). Returns false (and
    /// sets error()) when it could not; the queue is then kept for the next try.
    bool flush();
    /// The largest id in the database (at least every id recorded so far), 0 when empty.
    quint64 lastId() const { return m_lastId; }
    /// The largest id known to be on disk (committed).
    quint64 lastFlushedId() const { return m_lastFlushedId; }
    /// Messages not saved because the queue was full (a flood faster than the disk).
    quint64 unsavedCount() const { return m_unsaved; }

    struct Filter
    {
        QString peer; ///< displayAddress() of a normalised address; empty: every peer
        std::optional<ChatMessage::Direction> direction;
        QString text; ///< substring of the decoded text (case-insensitive for ASCII); empty: any
        bool matches(const ChatMessage &message) const;
    };
    /// Up to @p limit messages matching @p filter with an id below @p beforeId (0: the newest),
    /// oldest first. Pending messages are written first, so this sees everything recorded.
    QList<ChatMessage> page(const Filter &filter, quint64 beforeId = 0,
                            int limit = DefaultPageSize);
    /// Up to @p limit messages matching @p filter with an id from @p fromId up, oldest first.
    QList<ChatMessage> range(const Filter &filter, quint64 fromId, int limit);
    /// Messages matching @p filter, as page(), but looking only at ids in [@p lowId, @p highId]:
    /// a long search goes through the history slice by slice (see HistorySearch).
    QList<ChatMessage> slice(const Filter &filter, quint64 lowId, quint64 highId, int limit);
    /// The smallest id in the database, 0 when empty.
    quint64 firstId();
    /// How many messages are stored (pending ones included), all or those matching @p filter.
    qint64 count();
    qint64 count(const Filter &filter);

    struct Peer
    {
        QString address; ///< normalised, as displayAddress() writes it
        quint16 lastPort = 0;
        QDateTime lastActivity; ///< UTC
        qint64 messages = 0;
        QString name; ///< given by the user, may be empty
        bool favourite = false;
    };
    /// Every peer that sent or was sent to, most recent first, as of the last write.
    QList<Peer> peers();
    /// Names (empty: forgets the name) or marks a peer; creates its entry if needed.
    bool setPeerName(const QString &address, const QString &name);
    bool setPeerFavourite(const QString &address, quint16 port, bool favourite);

    /// Deletes the oldest messages beyond @p maxCount (0: no limit) and those older than
    /// @p maxAgeDays (0: no limit), relative to @p now. Returns how many were deleted; they are
    /// added to prunedCount() and announced with pruned().
    qint64 prune(qint64 maxCount, int maxAgeDays,
                 const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// Messages deleted by prune() since this store was opened.
    quint64 prunedCount() const { return m_pruned; }
    /// Keeps the history within @p maxCount messages and @p maxAgeDays days (0: no limit): prunes
    /// now, after a flush that went past the count (by more than 1 %), and once a minute.
    void setLimits(qint64 maxCount, int maxAgeDays);
    qint64 maxCount() const { return m_maxCount; }
    int maxAgeDays() const { return m_maxAgeDays; }

Q_SIGNALS:
    /// A transaction was committed; every id up to @p lastId is on disk.
    void flushed(quint64 lastId);
    /// prune() deleted @p count messages.
    void pruned(qint64 count);
    /// A write failed; @p sentence says why (error() holds it too).
    void writeFailed(const QString &sentence);

private:
    /// The first column of the first row @p sql returns, after a flush; invalid when closed or
    /// on error.
    QVariant scalar(const QString &sql);
    bool exec(const QString &statement);
    bool writeBatch(int limit);
    bool migrate(int from);
    void fail(const QString &sentence);
    QList<ChatMessage> select(const QString &where, const QVariantList &values,
                              const QString &order, int limit);

    struct Change
    {
        enum Kind { Insert, Update, Status } kind = Insert;
        ChatMessage message;
    };
    QString m_connection;
    QString m_path;
    QString m_error;
    QString m_notice;
    bool m_movedAside = false;
    Mode m_mode = Mode::ReadWrite;
    bool m_open = false;
    int m_foundVersion = 0;
    QList<Change> m_pending;
    QTimer m_flushTimer;
    quint64 m_lastId = 0;
    quint64 m_lastFlushedId = 0;
    quint64 m_unsaved = 0;
    quint64 m_pruned = 0;
    quint64 m_firstId = 0; // at most the smallest id on disk (exact after open and prune)
    qint64 m_maxCount = 0;
    int m_maxAgeDays = 0;
    QTimer m_pruneTimer;
};
