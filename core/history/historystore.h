#pragma once

#include "core/chat/chatmessage.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

class HistoryWriter;
class QSqlQuery;

/// The conversation on disk: every sent and received message in an SQLite database in WAL mode.
/// Messages are queued by record() and written by a HistoryWriter on its own thread and its own
/// connection (SQLite's C API), in transactions that grow with the load; the GUI thread never
/// waits for a write. Reads (page(), range(), slice(), count(), peers()) use this object's own
/// connection and never wait for a backlog either: they look at what is still queued, then at
/// the database. A crash or `kill -9` loses at most what was not committed yet (a few tens of
/// milliseconds, one transaction under a flood) and never leaves a damaged database. The queue is
/// bounded in bytes (MaxPendingBytes); what comes past it is counted in unsavedCount().
///
/// Ids are the message ids of MessageListModel: the store keeps them, so a row in the view and
/// its record are the same message. Addresses are stored normalised (::ffff:10.0.0.5 is
/// 10.0.0.5). Everything read back is validated like a datagram: a record that does not make
/// sense is skipped, never trusted.
class QSqlDatabase;

class HistoryStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryStore)
public:
    /// PRAGMA user_version of a database this build writes; older ones are migrated on open.
    static constexpr int SchemaVersion = 4;
    /// PRAGMA application_id of udpchat's databases ("UDPC"): a file with another one, or
    /// another program's file without one, is never adopted.
    static constexpr int ApplicationId = 0x55445043;
    /// A lone message waits at most this long for others to share its transaction.
    static constexpr int FlushIntervalMs = 20;
    /// Bytes of messages waiting to be written at most (payload, text and bookkeeping); past it,
    /// new ones are not saved (and counted in unsavedCount()) until SQLite has caught up.
    static constexpr qint64 MaxPendingBytes = 64 * 1024 * 1024;
    static constexpr int DefaultPageSize = 200;
    /// Rows per transaction at most.
    static constexpr int MaxRowsPerTransaction = 2000;

    enum class Mode { ReadWrite, ReadOnly };

    explicit HistoryStore(QObject *parent = nullptr);
    /// Writes what is pending, then closes.
    ~HistoryStore() override;

    /// <AppDataLocation>/history.sqlite.
    static QString defaultPath();
    /// "history.sqlite" in @p profileDirectory.
    static QString pathInProfile(const QString &profileDirectory);

    /// Opens (and creates, in ReadWrite mode, with its folder) the database at @p path, checks
    /// that it is udpchat's (application id, tables), migrates it to SchemaVersion, switches to
    /// WAL and starts the writer thread. A damaged or foreign file is moved aside in ReadWrite
    /// mode (notice() says so) and a new history starts. Returns false with a sentence in
    /// error() when it cannot be used; the store then records nothing. A database from a newer
    /// udpchat is not touched.
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
    /// Waits until everything queued now is written (in transactions of MaxRowsPerTransaction).
    /// Returns false (and sets error()) when it could not; the queue is then kept for the next
    /// try. Blocks: for quitting, tests and tools, never needed before reading.
    bool flush();
    /// The largest id in the database (at least every id recorded so far), 0 when empty.
    quint64 lastId() const { return m_lastId; }
    /// The largest id known to be on disk (committed).
    quint64 lastFlushedId() const;
    /// Messages not saved because the queue was full (a flood faster than the disk, a full disk,
    /// a database locked by another program).
    quint64 unsavedCount() const { return m_unsaved; }
    /// Bytes waiting to be written, and the most that may wait (MaxPendingBytes; tests lower it).
    qint64 pendingBytes() const;
    void setMaxPendingBytes(qint64 bytes);
    /// Messages up to this id are in the full-text index (the newer ones are searched directly).
    quint64 indexedId() const;

    /// The conversation @p message belongs to: its normalised address as displayAddress() writes
    /// it (plain UDP), or its person's key (IP Messenger, ChatMessage::conversation).
    static QString conversationOf(const ChatMessage &message);

    struct Filter
    {
        QString peer; ///< a conversation, see conversationOf(); empty: every peer
        std::optional<ChatMessage::Channel> mode; ///< only plain or only IP Messenger messages
        std::optional<ChatMessage::Direction> direction;
        QString text; ///< substring of the decoded text (Unicode case folding); empty: any
        bool matches(const ChatMessage &message) const;
    };
    /// Whether a search for @p filter's text can use the full-text index (3 characters or more;
    /// shorter ones, e.g. a 1–2 character Chinese word, are found by looking at each message).
    static bool searchUsesIndex(const Filter &filter);
    /// Up to @p limit messages matching @p filter with an id below @p beforeId (0: the newest),
    /// oldest first. Sees everything recorded, written or still queued, without waiting.
    QList<ChatMessage> page(const Filter &filter, quint64 beforeId = 0,
                            int limit = DefaultPageSize);
    /// Up to @p limit messages matching @p filter with an id from @p fromId up, oldest first.
    QList<ChatMessage> range(const Filter &filter, quint64 fromId, int limit);
    /// Messages matching @p filter, as page(), but looking only at ids in [@p lowId, @p highId]:
    /// a long search goes through the history slice by slice (see HistorySearch).
    QList<ChatMessage> slice(const Filter &filter, quint64 lowId, quint64 highId, int limit);
    /// What to show so that message @p id is a row: a little context before it, then every newer
    /// message matching @p filter. @p row receives its row, or -1 with an empty list when it does
    /// not match @p filter, or -1 with a non-empty list when more than @p maxNewer messages are
    /// newer (too old to show with all of them).
    QList<ChatMessage> around(const Filter &filter, quint64 id, int maxNewer, int *row);
    /// The smallest id in the database, 0 when empty.
    quint64 firstId();
    /// How many messages are stored (pending ones included), all or those matching @p filter.
    qint64 count();
    qint64 count(const Filter &filter);

    struct Peer
    {
        /// The conversation (see conversationOf()): plain UDP, the normalised address as
        /// displayAddress() writes it; IP Messenger, the person's key.
        QString address;
        ChatMessage::Channel mode = ChatMessage::Channel::Plain;
        QString nickname; ///< IP Messenger: the person's latest nickname (untrusted)
        quint16 lastPort = 0;
        QDateTime lastActivity; ///< UTC
        qint64 messages = 0;
        QString name; ///< given by the user, may be empty
        bool favourite = false;
    };
    /// Every peer that sent or was sent to, most recent first, as of the last write.
    QList<Peer> peers();
    /// Names (empty: forgets the name) or marks a peer; creates its entry if needed. Written by
    /// the writer with the next transaction; peers() shows the change at once. False when the
    /// store cannot write.
    bool setPeerName(const QString &address, const QString &name);
    bool setPeerFavourite(const QString &address, quint16 port, bool favourite);

    /// Deletes the oldest messages beyond @p maxCount (0: no limit) and those older than
    /// @p maxAgeDays (0: no limit), relative to @p now, after what is queued. Waits for the
    /// writer (for tests and tools; setLimits() does not wait). Returns how many were deleted;
    /// they are added to prunedCount() and announced with pruned().
    qint64 prune(qint64 maxCount, int maxAgeDays,
                 const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// Messages deleted by pruning since this store was opened.
    quint64 prunedCount() const;
    /// Keeps the history within @p maxCount messages and @p maxAgeDays days (0: no limit): the
    /// writer prunes soon, after a write that went past the count (by more than 1 %), and once
    /// a minute; during a flood only once the history holds twice the count, the rest when
    /// it is quiet; pruned() announces it.
    void setLimits(qint64 maxCount, int maxAgeDays);
    /// How long no message must come before the writer indexes and prunes (tests; the default
    /// is HistoryWriter::IndexIdleMs).
    void setQuietMs(int ms);
    qint64 maxCount() const { return m_maxCount; }
    int maxAgeDays() const { return m_maxAgeDays; }

Q_SIGNALS:
    /// A transaction was committed; every id up to @p lastId is on disk.
    void flushed(quint64 lastId);
    /// prune() deleted @p count messages.
    void pruned(qint64 count);
    /// A write failed; @p sentence says why (error() holds it too).
    void writeFailed(const QString &sentence);
    /// Writing works again after writeFailed(): error() is empty.
    void recovered();

private:
    /// The first column of the first row @p sql returns (what is written; the queue is not
    /// looked at); invalid when closed or on error.
    QVariant scalar(const QString &sql);
    bool exec(const QString &statement);
    bool migrate(int from);
    bool migrateTo4();
    /// Whether the open database is one of udpchat's (application id or, for files of older
    /// versions, the layout); @p reason says why not.
    bool isOurs(int applicationId, QString *reason);
    bool moveAside(const QString &reason, Mode mode, bool *reopened);
    bool startWriter();
    // open()'s steps.
    bool openConnection(const QString &path, Mode mode);
    /// Whether open() ends here (its result), or std::nullopt to go on with the file.
    std::optional<bool> checkFile(QSqlDatabase &db, const QString &path, Mode mode);
    bool prepareSchema(QSqlDatabase &db, const QString &path, Mode mode);
    /// Reads the last, first and indexed ids; returns the first.
    quint64 readIds(QSqlDatabase &db);
    void startWriterEvents(quint64 firstId);
    void fail(const QString &sentence);
    void onCommitted(quint64 lastId);
    QList<ChatMessage> select(const Filter &filter, quint64 lowId, quint64 highId, bool newestFirst,
                              int limit);

    QString m_connection;
    QString m_path;
    QString m_error;
    QString m_notice;
    bool m_movedAside = false;
    Mode m_mode = Mode::ReadWrite;
    bool m_open = false;
    int m_foundVersion = 0;
    std::unique_ptr<HistoryWriter> m_writer;
    qint64 m_budget = MaxPendingBytes;
    int m_quietMs = -1; // setQuietMs(); -1: the writer's default
    quint64 m_indexedId = 0; // read-only stores: as found when opening
    bool m_overBudget = false;
    bool m_writeFailing = false;
    quint64 m_lastId = 0;
    quint64 m_unsaved = 0;
    qint64 m_maxCount = 0;
    int m_maxAgeDays = 0;
    struct PeerEdit
    {
        std::optional<QString> name;
        std::optional<bool> favourite;
        quint16 port = 0;
    };
    QHash<QString, PeerEdit> m_peerEdits; // what this window changed: shown before it is written
};
