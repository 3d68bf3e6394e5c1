#pragma once

#include "core/chat/chatmessage.h"
#include "core/history/payloadarena.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QString>
#include <QStringEncoder>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

/// The write side of the history: its own SQLite connection (SQLite's C API, prepared
/// statements) on its own thread, fed from the GUI thread through a queue bounded in bytes.
///
/// The GUI thread only appends to the queue (insert(), update(), job()); the writer thread takes
/// what has accumulated, up to BatchRows, and writes it in one transaction: under a flood the
/// transactions grow with the load, a quiet chat gets its message on disk within BatchDelayMs.
/// Rows stay in the queue until their transaction is committed, so a reader that looks at the
/// queue first and the database second (pending(), then a query) never misses one.
/// See docs/history.md.
class HistoryWriter
{
public:
    static constexpr int BatchRows = 2000;
    static constexpr int BatchDelayMs = 20;
    static constexpr int RetryDelayMs = 300;
    static constexpr qint64 DefaultBudgetBytes = 64 * 1024 * 1024;
    /// Rows indexed for search per transaction, once no message came for IndexIdleMs.
    static constexpr int IndexRows = 5000;
    static constexpr int IndexIdleMs = 500;
    /// Messages removed per transaction by the count limit while the writer is otherwise idle.
    /// Removing one costs nearly twice what writing one does (its words leave the search
    /// index), so during a flood the oldest stay, up to twice the limit, until no message came
    /// for IndexIdleMs; then they go in transactions of this many.
    static constexpr int PruneRows = 20000;
    /// Conversations kept besides the named and favourite ones: the most recent. Their
    /// messages stay in the history (All messages, search); only the conversation goes.
    static constexpr int MaxPeers = 2000;

    /// Called on the writer thread.
    struct Events
    {
        std::function<void(quint64 lastId)> committed;
        std::function<void(const QString &reason)> failed;
        std::function<void(qint64 removed)> pruned;
    };
    /// Runs inside a transaction on the writer thread; false: the transaction fails (retried).
    using Job = std::function<bool(sqlite3 *db, QString *error)>;

    HistoryWriter();
    ~HistoryWriter();
    HistoryWriter(const HistoryWriter &) = delete;
    HistoryWriter &operator=(const HistoryWriter &) = delete;

    /// Opens the database at @p path (already created and migrated) for writing.
    bool open(const QString &path, QString *error);
    void start(Events events, quint64 firstId, quint64 indexedId);
    /// Writes what is queued (one try), then ends the thread and closes.
    void stop();

    void setBudget(qint64 bytes) { m_budget.store(bytes); }
    qint64 budget() const { return m_budget.load(); }
    /// Queues @p messages in order under one lock; returns how many did not fit in budget().
    qsizetype insert(const QList<ChatMessage> &messages);
    /// A later change of a recorded message: applied to the queued row if it is still waiting.
    void update(const ChatMessage &message, bool statusOnly);
    /// Runs @p job in the next transaction, after the rows queued before it.
    void job(Job job);
    /// Waits until everything queued before the call is committed; false if a write failed
    /// meanwhile (what is queued is kept and tried again). Blocks: for quit, tests and tools.
    bool waitIdle();

    qint64 pendingBytes() const { return m_bytes.load(); }
    qint64 pendingRows() const;
    quint64 lastCommittedId() const { return m_lastCommitted.load(); }
    quint64 prunedTotal() const { return m_prunedTotal.load(); }
    void addPruned(qint64 removed) { m_prunedTotal.fetch_add(static_cast<quint64>(removed)); }
    /// Keeps the history within the limits (0: none): prunes soon, after a write that went past
    /// the count by more than 1 %, and once a minute; during a flood only past twice the count
    /// (see PruneRows), and always before a waitIdle() returns.
    void setLimits(qint64 maxCount, int maxAgeDays);
    /// How long no message must come before the writer indexes or prunes (IndexIdleMs; tests).
    void setQuietMs(int ms);
    /// Prunes now (after what is queued) and waits; returns how many messages were deleted.
    qint64 pruneNow(qint64 maxCount, int maxAgeDays, qint64 nowMs);
    /// Why the last transaction failed.
    QString lastError() const;

    /// Queued rows (not yet committed) with ids in [@p low, @p high] for which @p accept is
    /// true, at most @p limit, the newest (@p newestFirst) or oldest first.
    QList<ChatMessage> pending(quint64 low, quint64 high,
                               const std::function<bool(const ChatMessage &)> &accept, int limit,
                               bool newestFirst) const;
    qint64 pendingCount(const std::function<bool(const ChatMessage &)> &accept) const;
    /// The smallest queued id, 0 when none.
    quint64 firstPendingId() const;

    /// Rows up to this id are in the search index (for tests and the search).
    quint64 indexedId() const { return m_indexed.load(); }

private:
    /// What a queued message keeps besides its row, when it has any of it (rare: a text that is
    /// not the payload's ASCII bytes, an error, IP Messenger's person), in one allocation.
    struct RowExtra
    {
        QString text; ///< when the row's text is not its payload
        QString encoding; ///< when the name is not in the table of encodings
        QString error;
        QString conversation;
        QString peerName;
        QByteArray payload; ///< larger than PayloadArena::MaxBytes
    };
    /// A queued message, lean: 56 bytes on 64-bit systems, and its payload's bytes in the queue's
    /// PayloadArena (a large one in its RowExtra). The address is shared with the row before it
    /// when it is the same sender.
    struct Row
    {
        quint64 id = 0;
        qint64 timeMs = 0;
        const char *bytes = nullptr; ///< the payload: in m_arena, or extra->payload's
        QHostAddress address;
        std::unique_ptr<RowExtra> extra;
        quint32 size = 0; ///< of the payload
        quint16 port = 0;
        quint8 encoding = 0; ///< index in m_encodings, or kEncodingInExtra
        quint8 status = 0;
        bool incoming : 1;
        bool ipmsg : 1;
        bool clean : 1;
        /// The text is exactly the payload's bytes, all ASCII (most chat lines): it is not kept
        /// twice in the queue, and the payload's bytes are written as the text.
        bool textFromPayload : 1;
        /// Its address is counted with it (not shared with the row queued before it).
        bool ownAddress : 1;
        Row() : incoming(true), ipmsg(false), clean(true), textFromPayload(false), ownAddress(true)
        { }
    };
    /// Encodings are kept in the queue as an index into this table (a name, once); past its size
    /// a row keeps its encoding's name in its RowExtra.
    static constexpr int MaxEncodings = 255;
    static constexpr quint8 kEncodingInExtra = 255;
    /// What one turn of the writer's loop takes from the queue and writes.
    struct Batch
    {
        std::vector<const Row *> rows;
        size_t count = 0;
        quint64 lastId = 0;
        std::vector<std::pair<ChatMessage, bool>> updates;
        std::vector<std::function<bool(sqlite3 *, QString *)>> jobs;
        qint64 maxCount = 0;
        int maxAgeDays = 0;
        bool index = false; // only indexing is due
        bool periodic = false; // pruning is due
        bool trim = false; // only pruning by count is due (a chunk of PruneRows)
        bool flushing = false; // a waitIdle() waits (tests, tools): nothing is put off
        bool behind = false; // more rows wait than this batch takes: a flood being written
        bool empty() const { return rows.empty() && updates.empty() && jobs.empty(); }
    };
    enum class Wait { Work, Again, Stop };
    /// The row for @p message (with the lock held: it may add to the table of encodings and
    /// shares the address of the last queued row), its payload not placed yet.
    Row makeRow(const ChatMessage &message);
    /// Gives a row from makeRow() its payload's bytes, once it is queued.
    void placePayload(Row &row, const QByteArray &payload);
    /// Sets the text, encoding, validity and error of a queued row (see update()).
    void setContent(Row &row, const ChatMessage &message, bool statusOnly);
    static bool inArena(const Row &row)
    {
        return row.size > 0 && row.size <= PayloadArena::MaxBytes;
    }
    /// The bytes @p row is counted for while queued: the row, its payload's bytes, its address
    /// when not shared with the row before it, and its RowExtra with the strings in it. A 32-byte
    /// ASCII line from the sender of the row before it: 88 bytes.
    static qint64 cost(const Row &row);
    /// The message with its text, as recorded. With @p borrowed its payload refers to the
    /// queue's bytes (for a look under the lock only), else it is a copy.
    ChatMessage full(const Row &row, bool borrowed = false) const;
    const QString &encodingOf(const Row &row) const;
    quint8 encodingIndex(const QString &name);
    void run();
    // The loop's steps. waitForWork() and takeBatch() run with the lock held, writeBatch()
    // without it, finishBatch() takes it back and releases it around the events.
    Wait waitForWork(std::unique_lock<std::mutex> &lock, Batch &batch);
    void takeBatch(std::unique_lock<std::mutex> &lock, Batch &batch);
    bool writeBatch(const Batch &batch, qint64 *pruned, QString *error);
    bool writeUpdates(const Batch &batch, QString *error);
    qint64 pruneBatch(const Batch &batch, quint64 committed);
    /// Keeps m_firstId and m_gaps after a prune that removed @p removed, up to @p cutoff;
    /// @p complete: the limit was reached (not a part at a time).
    void notePruned(quint64 cutoff, qint64 removed, quint64 committed, qint64 maxCount,
                    bool complete);
    /// How many messages the history holds beyond @p maxCount once past the slack (1 %, at
    /// least 1,000), at most: 0 within it, or without a limit.
    quint64 overCount(qint64 maxCount, quint64 committed) const;
    /// Whether pruning may run now: not during a flood, unless someone waits or the history
    /// has grown to twice its count.
    bool mayPrune(const Batch &batch, quint64 committed) const;
    void finishBatch(std::unique_lock<std::mutex> &lock, Batch &batch, bool ok, qint64 pruned,
                     const QString &error);
    bool writeRows(const std::vector<const Row *> &rows, QString *error);
    /// What a transaction did to one conversation, for its row in peers.
    struct PeerActivity
    {
        quint16 port = 0;
        qint64 lastMs = 0;
        qint64 count = 0;
        int mode = 0; ///< 1: IP Messenger
        QString nickname;
    };
    struct KeyHash
    {
        size_t operator()(const QByteArray &key) const { return qHash(key); }
    };
    using Activity = std::unordered_map<QByteArray, PeerActivity, KeyHash>;
    /// Updates the conversations a transaction wrote to (peers), then trims them.
    bool writeActivity(const Activity &activity, QString *error);
    /// Binds @p row to the insert statement (the peer's key and the encoding already in UTF-8).
    void bindRow(const Row &row, const QByteArray &peer, const QByteArray &encoding);
    /// The row's encoding in UTF-8, converted once per name.
    const QByteArray &encodingUtf8(const Row &row);
    bool indexSome(QString *error);
    /// Adds the row's text to the search index, or removes it (before the text changes).
    bool indexRow(quint64 id, bool add, QString *error);
    bool step(sqlite3_stmt *statement, QString *error);
    const QByteArray &peerKey(const QHostAddress &address);
    std::deque<Row>::iterator findQueued(quint64 id);
    std::deque<Row>::const_iterator lowerBound(quint64 id) const;

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insert = nullptr;
    sqlite3_stmt *m_update = nullptr;
    sqlite3_stmt *m_status = nullptr;
    sqlite3_stmt *m_peer = nullptr;
    QHash<QHostAddress, QByteArray> m_peerKeys; // writer thread only
    QString m_addressText; // bound to the insert until it has run
    // The table of encodings: a name is added (under m_mutex) before the first row that uses it
    // is queued, and never changes; the writer reads it for the rows it took.
    std::array<QString, MaxEncodings> m_encodings;
    int m_encodingCount = 0;
    int m_lastEncoding = -1; // GUI thread, under m_mutex: the index found last
    std::array<QByteArray, MaxEncodings> m_encodingsUtf8; // writer thread only
    QByteArray m_extraEncoding; // writer thread only: a name past the table
    QStringEncoder m_encoder{QStringEncoder::Utf8, QStringEncoder::Flag::Stateless};
    QByteArray m_buffer;
    Events m_events;
    std::thread m_thread;
    std::chrono::steady_clock::time_point m_lastPrune; // writer thread only

    mutable std::mutex m_mutex;
    std::condition_variable m_wake; // the writer waits on it
    std::condition_variable m_idle; // waitIdle() waits on it
    std::deque<Row> m_rows; // ids ascending while m_sorted
    PayloadArena m_arena; // the payloads of m_rows, in the same order
    bool m_sorted = true;
    size_t m_inFlight = 0; // the first m_inFlight rows are in the transaction being written
    std::vector<std::pair<ChatMessage, bool>> m_updates; // (message, status only)
    std::vector<Job> m_jobs;
    bool m_stopping = false;
    int m_flushWaiters = 0; // threads in waitIdle()
    bool m_pruneRequested = false;
    QString m_lastError;
    bool m_busy = false;
    quint64 m_generation = 0; // transactions attempted
    quint64 m_failures = 0; // transactions failed
    qint64 m_maxCount = 0;
    int m_maxAgeDays = 0;
    std::atomic<quint64> m_firstId{0};
    std::atomic<quint64> m_gaps{0}; ///< see notePruned()
    std::atomic<qint64> m_bytes{0};
    std::atomic<qint64> m_budget{DefaultBudgetBytes};
    std::atomic<quint64> m_lastCommitted{0};
    std::atomic<quint64> m_prunedTotal{0};
    std::atomic<quint64> m_indexed{0};
    std::atomic<qint64> m_lastInsertNs{0}; // steady clock
    std::atomic<int> m_quietMs{IndexIdleMs};
    bool m_quietChanged = false; // under m_mutex: setQuietMs() wakes the writer
};
