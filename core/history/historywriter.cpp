#include "core/history/historywriter.h"

#include "core/history/historysql.h"
#include "core/net/endpoint.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>
#include <array>
#include <chrono>
#include <sqlite3.h>
#if defined(Q_OS_LINUX)
#include <pthread.h>
#endif

namespace {
constexpr int kDirectionIncoming = 0;
constexpr int kDirectionOutgoing = 1;
constexpr int kBusyTimeoutMs = 2000;
// Besides a queued row itself: what a heap block costs beyond its bytes (Qt's header, the
// allocator's), and a sender's address when a row does not share the one before it.
constexpr qint64 kBlockOverhead = 32;
constexpr qint64 kAddressBytes = 64;

qint64 stringCost(const QString &text)
{
    return text.isEmpty() ? 0 : 2 * qMax(text.size(), text.capacity()) + kBlockOverhead;
}

// The text is exactly the payload's ASCII bytes (whatever the encoding's name): checked byte by
// byte, about a nanosecond each.
bool textIsPayload(const ChatMessage &message)
{
    const QByteArray &bytes = message.payload;
    const QString &text = message.text;
    if (bytes.size() != text.size())
        return false;
    const QChar *chars = text.constData();
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (uchar(bytes[i]) >= 0x80 || chars[i].unicode() != uchar(bytes[i]))
            return false;
    }
    return true;
}

} // namespace

HistoryWriter::HistoryWriter() = default;

HistoryWriter::~HistoryWriter()
{
    stop();
}

qint64 HistoryWriter::cost(const Row &row)
{
    static_assert(sizeof(void *) != 8 || sizeof(Row) == 56, "a queued row is 56 bytes");
    qint64 bytes = qint64(sizeof(Row)) + (row.ownAddress ? kAddressBytes : 0);
    // The arena's bytes, or a large payload's own allocation (counted whether or not it is
    // placed yet).
    if (inArena(row))
        bytes += PayloadArena::footprint(row.size);
    else if (row.size > 0)
        bytes += row.size + kBlockOverhead;
    if (const RowExtra *extra = row.extra.get()) {
        bytes += qint64(sizeof(RowExtra)) + kBlockOverhead + stringCost(extra->text)
                 + stringCost(extra->encoding) + stringCost(extra->error)
                 + stringCost(extra->conversation) + stringCost(extra->peerName);
    }
    return bytes;
}

quint8 HistoryWriter::encodingIndex(const QString &name)
{
    // Messages come in runs of one encoding: the last one found is tried first.
    if (m_lastEncoding >= 0 && m_encodings[size_t(m_lastEncoding)] == name)
        return quint8(m_lastEncoding);
    for (int i = 0; i < m_encodingCount; ++i) {
        if (m_encodings[size_t(i)] == name) {
            m_lastEncoding = i;
            return quint8(i);
        }
    }
    if (m_encodingCount == MaxEncodings)
        return kEncodingInExtra;
    m_encodings[size_t(m_encodingCount)] = name;
    m_lastEncoding = m_encodingCount;
    return quint8(m_encodingCount++);
}

const QString &HistoryWriter::encodingOf(const Row &row) const
{
    return row.encoding == kEncodingInExtra ? row.extra->encoding : m_encodings[row.encoding];
}

HistoryWriter::Row HistoryWriter::makeRow(const ChatMessage &message)
{
    Row row;
    row.id = message.id;
    row.timeMs = message.time.toMSecsSinceEpoch();
    row.size = quint32(message.payload.size());
    // The same sender as the row before (a flood, a conversation): its address is shared.
    if (!m_rows.empty() && sameAddress(m_rows.back().address, message.peerAddress)) {
        row.address = m_rows.back().address;
        row.ownAddress = false;
    } else {
        row.address = message.peerAddress;
    }
    row.port = message.peerPort;
    row.encoding = encodingIndex(message.encoding);
    row.status = quint8(message.status);
    row.incoming = message.isIncoming();
    row.ipmsg = message.isIpMsg();
    row.clean = message.decodedCleanly;
    row.textFromPayload = textIsPayload(message);
    if (!row.textFromPayload || row.encoding == kEncodingInExtra || !message.error.isEmpty()
        || row.ipmsg || (row.size > 0 && !inArena(row))) {
        row.extra = std::make_unique<RowExtra>();
        if (!row.textFromPayload)
            row.extra->text = message.text;
        if (row.encoding == kEncodingInExtra)
            row.extra->encoding = message.encoding;
        row.extra->error = message.error;
        row.extra->conversation = message.conversation;
        row.extra->peerName = message.peerName;
    }
    return row;
}

void HistoryWriter::placePayload(Row &row, const QByteArray &payload)
{
    if (inArena(row)) {
        row.bytes = m_arena.add(payload.constData(), payload.size());
    } else if (row.size > 0) {
        row.extra->payload = payload; // shared, not copied
        row.bytes = row.extra->payload.constData();
    }
}

ChatMessage HistoryWriter::full(const Row &row, bool borrowed) const
{
    ChatMessage m;
    m.id = row.id;
    m.direction =
            row.incoming ? ChatMessage::Direction::Incoming : ChatMessage::Direction::Outgoing;
    m.status = static_cast<ChatMessage::Status>(row.status);
    m.peerAddress = row.address;
    m.peerPort = row.port;
    m.time = QDateTime::fromMSecsSinceEpoch(row.timeMs, Qt::UTC);
    if (row.size == 0)
        m.payload = QByteArray();
    else if (!inArena(row))
        m.payload = row.extra->payload;
    else if (borrowed)
        m.payload = QByteArray::fromRawData(row.bytes, qsizetype(row.size));
    else
        m.payload = QByteArray(row.bytes, qsizetype(row.size));
    m.encoding = encodingOf(row);
    m.decodedCleanly = row.clean;
    m.channel = row.ipmsg ? ChatMessage::Channel::IpMsg : ChatMessage::Channel::Plain;
    if (row.textFromPayload)
        m.text = QString::fromLatin1(row.bytes, qsizetype(row.size));
    if (const RowExtra *extra = row.extra.get()) {
        if (!row.textFromPayload)
            m.text = extra->text;
        m.error = extra->error;
        m.conversation = extra->conversation;
        m.peerName = extra->peerName;
    }
    return m;
}

bool HistoryWriter::open(const QString &path, QString *error)
{
    // NOMUTEX: only the writer thread uses this connection (open and stop happen while it does
    // not run), so SQLite's per-call locking is not needed.
    if (sqlite3_open_v2(path.toUtf8().constData(), &m_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr)
        != SQLITE_OK) {
        if (error)
            *error = m_db ? HistorySql::errorOf(m_db) : QStringLiteral("out of memory");
        sqlite3_close(m_db);
        m_db = nullptr;
        return false;
    }
    sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
    // WAL (set persistently when the store opened the file) and NORMAL: a commit is on disk
    // for any application crash; a power loss may take the last commits, never the file.
    if (!HistorySql::exec(m_db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL", error))
        return false;
    m_insert = HistorySql::prepare(
            m_db,
            "INSERT OR REPLACE INTO messages (id, time_ms, direction, status, peer, "
            "port, encoding, payload, text, clean, error, mode, address, name) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            error);
    m_update = HistorySql::prepare(
            m_db,
            "UPDATE messages SET status = ?, error = ?, text = ?, encoding = ?, "
            "clean = ? WHERE id = ?",
            error);
    m_status = HistorySql::prepare(m_db, "UPDATE messages SET status = ?, error = ? WHERE id = ?",
                                   error);
    m_peer = HistorySql::prepare(
            m_db,
            "INSERT INTO peers (address, last_port, last_ms, messages, mode, nickname) VALUES "
            "(?, ?, ?, ?, ?, ?) ON CONFLICT(address) DO UPDATE SET last_port = "
            "excluded.last_port, last_ms = MAX(last_ms, excluded.last_ms), "
            "messages = messages + excluded.messages, mode = excluded.mode, nickname = CASE "
            "WHEN excluded.nickname <> '' THEN excluded.nickname ELSE nickname END",
            error);
    return m_insert && m_update && m_status && m_peer;
}

void HistoryWriter::start(Events events, quint64 firstId, quint64 indexedId)
{
    m_events = std::move(events);
    m_firstId.store(firstId);
    m_indexed.store(indexedId);
    m_lastCommitted.store(HistorySql::scalar(m_db, "SELECT MAX(id) FROM messages"));
    m_thread = std::thread([this] { run(); });
}

void HistoryWriter::stop()
{
    if (m_thread.joinable()) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    for (sqlite3_stmt *statement : {m_insert, m_update, m_status, m_peer})
        sqlite3_finalize(statement);
    m_insert = m_update = m_status = m_peer = nullptr;
    if (m_db)
        sqlite3_close(m_db);
    m_db = nullptr;
}

qint64 HistoryWriter::pendingRows() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return qint64(m_rows.size());
}

void HistoryWriter::setLimits(qint64 maxCount, int maxAgeDays)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_maxCount = maxCount;
        m_maxAgeDays = maxAgeDays;
        m_pruneRequested = maxCount > 0 || maxAgeDays > 0;
    }
    m_wake.notify_all();
}

qsizetype HistoryWriter::insert(const QList<ChatMessage> &messages)
{
    qsizetype refused = 0;
    bool wake = false;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        const size_t before = m_rows.size();
        qint64 bytes = m_bytes.load();
        const qint64 budget = m_budget.load();
        for (const ChatMessage &message : messages) {
            Row row = makeRow(message);
            const qint64 rowBytes = cost(row);
            if (bytes + rowBytes > budget) {
                ++refused;
                continue;
            }
            if (!m_rows.empty() && m_rows.back().id >= message.id)
                m_sorted = false;
            bytes += rowBytes;
            placePayload(row, message.payload);
            m_rows.push_back(std::move(row));
        }
        m_bytes.store(bytes);
        m_lastInsertNs.store(std::chrono::steady_clock::now().time_since_epoch().count());
        wake = (before == 0 && !m_rows.empty())
               || (before < size_t(BatchRows) && m_rows.size() >= size_t(BatchRows));
    }
    if (wake)
        m_wake.notify_one();
    return refused;
}

void HistoryWriter::setContent(Row &row, const ChatMessage &message, bool statusOnly)
{
    ChatMessage queued = full(row, true);
    queued.status = message.status;
    queued.error = message.error;
    if (!statusOnly) {
        queued.text = message.text;
        queued.encoding = message.encoding;
        queued.decodedCleanly = message.decodedCleanly;
    }
    // The same payload bytes (they stay where they are, in the arena's order) and address.
    Row changed = makeRow(queued);
    changed.bytes = row.bytes;
    changed.address = row.address;
    changed.ownAddress = row.ownAddress;
    if (row.size > 0 && !inArena(row)) {
        changed.extra->payload = row.extra->payload;
        changed.bytes = changed.extra->payload.constData();
    }
    row = std::move(changed);
}

std::deque<HistoryWriter::Row>::const_iterator HistoryWriter::lowerBound(quint64 id) const
{
    if (m_sorted) {
        return std::lower_bound(m_rows.cbegin(), m_rows.cend(), id,
                                [](const Row &row, quint64 value) { return row.id < value; });
    }
    return m_rows.cbegin();
}

std::deque<HistoryWriter::Row>::iterator HistoryWriter::findQueued(quint64 id)
{
    auto begin = m_rows.begin() + qsizetype(m_inFlight);
    if (m_sorted) {
        auto it = std::lower_bound(begin, m_rows.end(), id,
                                   [](const Row &row, quint64 value) { return row.id < value; });
        return it != m_rows.end() && it->id == id ? it : m_rows.end();
    }
    return std::find_if(begin, m_rows.end(), [id](const Row &row) { return row.id == id; });
}

void HistoryWriter::update(const ChatMessage &message, bool statusOnly)
{
    bool wake = false;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        // Still waiting to be written: the row itself changes (not in the transaction being
        // written, which has its own copy).
        auto it = findQueued(message.id);
        if (it != m_rows.end()) {
            const qint64 before = cost(*it);
            setContent(*it, message, statusOnly);
            m_bytes.fetch_add(cost(*it) - before);
            return;
        }
        wake = m_rows.empty() && m_updates.empty() && m_jobs.empty();
        m_updates.emplace_back(message, statusOnly);
    }
    if (wake)
        m_wake.notify_one();
}

void HistoryWriter::job(Job job)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

bool HistoryWriter::waitIdle()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    if (!m_thread.joinable())
        return m_rows.empty();
    const quint64 failures = m_failures;
    ++m_flushWaiters;
    m_wake.notify_all();
    m_idle.wait(lock, [&] {
        return (m_rows.empty() && m_updates.empty() && m_jobs.empty() && !m_busy)
               || m_failures != failures;
    });
    --m_flushWaiters;
    const bool ok = m_failures == failures;
    lock.unlock();
    m_wake.notify_all(); // indexing may go on
    return ok;
}

QString HistoryWriter::lastError() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_lastError;
}

qint64 HistoryWriter::pruneNow(qint64 maxCount, int maxAgeDays, qint64 nowMs)
{
    auto result = std::make_shared<std::pair<qint64, quint64>>(0, 0);
    job([this, result, maxCount, maxAgeDays, nowMs](sqlite3 *db, QString *error) {
        quint64 cutoff = 0;
        const qint64 removed = HistorySql::prune(db, maxCount, maxAgeDays, nowMs, m_indexed.load(),
                                                 &cutoff, error);
        if (removed < 0)
            return false;
        *result = {removed, cutoff};
        return true;
    });
    if (!waitIdle())
        return 0;
    notePruned(result->second, result->first, m_lastCommitted.load(), maxCount, true);
    m_prunedTotal.fetch_add(quint64(result->first));
    return result->first;
}

QList<ChatMessage> HistoryWriter::pending(quint64 low, quint64 high,
                                          const std::function<bool(const ChatMessage &)> &accept,
                                          int limit, bool newestFirst) const
{
    QList<ChatMessage> result;
    if (limit <= 0)
        return result;
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_rows.empty())
        return result;
    auto first = lowerBound(low);
    auto last =
            m_sorted
                    ? std::upper_bound(first, m_rows.cend(), high,
                                       [](quint64 value, const Row &row) { return value < row.id; })
                    : m_rows.cend();
    const auto take = [&](const Row &row) {
        if (row.id < low || row.id > high)
            return false;
        ChatMessage m = full(row, true);
        if (accept(m)) {
            if (inArena(row))
                m.payload = QByteArray(m.payload.constData(), m.payload.size()); // its own copy
            result.append(std::move(m));
        }
        return result.size() >= limit;
    };
    if (newestFirst) {
        for (auto it = last; it != first;) {
            if (take(*--it))
                break;
        }
    } else {
        for (auto it = first; it != last; ++it) {
            if (take(*it))
                break;
        }
    }
    if (!m_sorted) {
        std::sort(result.begin(), result.end(), [newestFirst](const auto &a, const auto &b) {
            return newestFirst ? a.id > b.id : a.id < b.id;
        });
    }
    return result;
}

qint64 HistoryWriter::pendingCount(const std::function<bool(const ChatMessage &)> &accept) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return std::count_if(m_rows.cbegin(), m_rows.cend(),
                         [&](const Row &row) { return accept(full(row, true)); });
}

quint64 HistoryWriter::firstPendingId() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_rows.empty())
        return 0;
    if (m_sorted)
        return m_rows.front().id;
    return std::min_element(m_rows.cbegin(), m_rows.cend(),
                            [](const Row &a, const Row &b) { return a.id < b.id; })
            ->id;
}

const QByteArray &HistoryWriter::peerKey(const QHostAddress &address)
{
    auto it = m_peerKeys.find(address);
    if (it != m_peerKeys.end())
        return *it;
    if (m_peerKeys.size() >= 4096)
        m_peerKeys.clear();
    return *m_peerKeys.insert(address, displayAddress(normalizedAddress(address)).toUtf8());
}

bool HistoryWriter::step(sqlite3_stmt *statement, QString *error)
{
    const int rc = sqlite3_step(statement);
    sqlite3_reset(statement);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return true;
    *error = HistorySql::errorOf(m_db);
    return false;
}

void HistoryWriter::bindRow(const Row &row, const QByteArray &peer, const QByteArray &encoding)
{
    sqlite3_stmt *s = m_insert;
    const RowExtra *extra = row.extra.get();
    sqlite3_bind_int64(s, 1, qint64(row.id));
    sqlite3_bind_int64(s, 2, row.timeMs);
    sqlite3_bind_int(s, 3, row.incoming ? kDirectionIncoming : kDirectionOutgoing);
    sqlite3_bind_int(s, 4, row.status);
    sqlite3_bind_text(s, 5, peer.constData(), int(peer.size()), SQLITE_STATIC);
    sqlite3_bind_int(s, 6, row.port);
    sqlite3_bind_text(s, 7, encoding.constData(), int(encoding.size()), SQLITE_STATIC);
    // An empty datagram is an empty blob, never NULL.
    if (row.size == 0)
        sqlite3_bind_zeroblob(s, 8, 0);
    else
        sqlite3_bind_blob(s, 8, row.bytes, int(row.size), SQLITE_STATIC);
    if (row.textFromPayload) {
        // The text is these very bytes.
        if (row.size == 0)
            sqlite3_bind_text(s, 9, "", 0, SQLITE_STATIC);
        else
            sqlite3_bind_text(s, 9, row.bytes, int(row.size), SQLITE_STATIC);
    } else {
        // UTF-8 into one buffer reused for every row (no allocation per row).
        const qsizetype space = m_encoder.requiredSpace(extra->text.size());
        if (m_buffer.size() < space)
            m_buffer.resize(space);
        const char *end = m_encoder.appendToBuffer(m_buffer.data(), extra->text);
        sqlite3_bind_text(s, 9, m_buffer.constData(), int(end - m_buffer.constData()),
                          SQLITE_STATIC);
    }
    sqlite3_bind_int(s, 10, row.clean ? 1 : 0);
    if (extra)
        HistorySql::bindString(s, 11, extra->error);
    else
        sqlite3_bind_text(s, 11, "", 0, SQLITE_STATIC);
    if (row.ipmsg) {
        sqlite3_bind_int(s, 12, 1);
        m_addressText = displayAddress(normalizedAddress(row.address));
        HistorySql::bindString(s, 13, m_addressText);
        HistorySql::bindString(s, 14, extra->peerName);
    } else {
        sqlite3_bind_int(s, 12, 0);
        sqlite3_bind_text(s, 13, "", 0, SQLITE_STATIC);
        sqlite3_bind_text(s, 14, "", 0, SQLITE_STATIC);
    }
}

const QByteArray &HistoryWriter::encodingUtf8(const Row &row)
{
    if (row.encoding == kEncodingInExtra) {
        m_extraEncoding = row.extra->encoding.toUtf8();
        return m_extraEncoding;
    }
    // Names in the table never change: each is converted once.
    QByteArray &utf8 = m_encodingsUtf8[row.encoding];
    if (utf8.isNull())
        utf8 = m_encodings[row.encoding].toUtf8();
    return utf8;
}

bool HistoryWriter::writeRows(const std::vector<const Row *> &rows, QString *error)
{
    // Node-based: the pointers kept below stay valid while other peers are added.
    Activity activity;
    // The last few senders, compared cheaply before any hashing or formatting.
    struct RecentPeer
    {
        const Row *row = nullptr; // its address
        QByteArray key;
        PeerActivity *activity = nullptr;
    };
    std::array<RecentPeer, 8> recent;
    size_t nextRecent = 0;
    RecentPeer ipmsg; // IP Messenger rows (few): the person, not the address
    for (const Row *row : rows) {
        RecentPeer *peer = nullptr;
        if (row->ipmsg) {
            ipmsg.key = row->extra->conversation.toUtf8();
            ipmsg.activity = &activity[ipmsg.key];
            ipmsg.activity->mode = 1;
            if (!row->extra->peerName.isEmpty())
                ipmsg.activity->nickname = row->extra->peerName;
            peer = &ipmsg;
        }
        for (size_t i = 0; !peer && i < recent.size(); ++i) {
            if (recent[i].row && sameAddress(recent[i].row->address, row->address))
                peer = &recent[i];
        }
        if (!peer) {
            peer = &recent[nextRecent++ % recent.size()];
            peer->row = row;
            peer->key = peerKey(row->address);
            peer->activity = &activity[peer->key];
        }
        bindRow(*row, peer->key, encodingUtf8(*row));
        // A row replaced under an id the index already covers (not done by udpchat itself, which
        // numbers on from the last id): its old words leave the index, its new ones enter it.
        const bool indexed = row->id <= m_indexed.load();
        if ((indexed && !indexRow(row->id, false, error)) || !step(m_insert, error)
            || (indexed && !indexRow(row->id, true, error)))
            return false;
        peer->activity->port = row->port;
        peer->activity->lastMs = std::max(peer->activity->lastMs, row->timeMs);
        ++peer->activity->count;
    }
    return writeActivity(activity, error);
}

bool HistoryWriter::writeActivity(const Activity &activity, QString *error)
{
    for (const auto &[key, peer] : activity) {
        sqlite3_bind_text(m_peer, 1, key.constData(), int(key.size()), SQLITE_STATIC);
        sqlite3_bind_int(m_peer, 2, peer.port);
        sqlite3_bind_int64(m_peer, 3, peer.lastMs);
        sqlite3_bind_int64(m_peer, 4, peer.count);
        sqlite3_bind_int(m_peer, 5, peer.mode);
        HistorySql::bindString(m_peer, 6, peer.nickname);
        if (!step(m_peer, error))
            return false;
    }
    // 10,000 spoofed senders must not leave 10,000 conversations for ever (issue 15).
    return activity.empty() || HistorySql::trimPeers(m_db, MaxPeers, error);
}

bool HistoryWriter::indexRow(quint64 id, bool add, QString *error)
{
    return HistorySql::indexRow(m_db, id, add, error);
}

bool HistoryWriter::indexSome(QString *error)
{
    // The next IndexRows ids (they are dense: ids are given in order).
    const quint64 to = std::min(m_lastCommitted.load(), m_indexed.load() + IndexRows);
    if (!HistorySql::indexRange(m_db, m_indexed.load(), to, error))
        return false;
    m_indexed.store(to);
    return true;
}

HistoryWriter::Wait HistoryWriter::waitForWork(std::unique_lock<std::mutex> &lock, Batch &batch)
{
    using Clock = std::chrono::steady_clock;
    const auto work = [this] { return !m_rows.empty() || !m_updates.empty() || !m_jobs.empty(); };
    const auto pruneDue = [this] {
        return m_pruneRequested
               || ((m_maxCount > 0 || m_maxAgeDays > 0)
                   && Clock::now() - m_lastPrune >= std::chrono::seconds(60));
    };
    batch.index = false;
    batch.trim = false;
    batch.periodic = pruneDue();
    if (work() || batch.periodic)
        return Wait::Work;
    if (m_stopping)
        return Wait::Stop;
    // Indexing is what the writer does when nothing else waits, not even a flush(), and no
    // message came for IndexIdleMs: during a flood the CPU goes to receiving and writing, the
    // index catches up afterwards.
    const auto quiet = std::chrono::nanoseconds(Clock::now().time_since_epoch().count()
                                                - m_lastInsertNs.load());
    const auto quietEnough = std::chrono::milliseconds(m_quietMs.load());
    const bool overLimit = overCount(m_maxCount, m_lastCommitted.load()) > 0;
    const bool behind =
            (m_indexed.load() < m_lastCommitted.load() || overLimit) && m_flushWaiters == 0;
    // Messages that go first: they make room.
    batch.trim = behind && overLimit && quiet >= quietEnough;
    batch.index = behind && !batch.trim && quiet >= quietEnough;
    if (batch.index || batch.trim)
        return Wait::Work;
    const auto wait =
            behind ? std::chrono::duration_cast<std::chrono::milliseconds>(quietEnough - quiet)
                             + std::chrono::milliseconds(1)
                   : std::chrono::milliseconds(60000);
    m_wake.wait_for(lock, wait, [&] {
        return work() || m_stopping || m_pruneRequested || m_quietChanged
               || (!behind && m_flushWaiters == 0 && m_indexed.load() < m_lastCommitted.load());
    });
    m_quietChanged = false;
    if (behind && !work())
        return Wait::Again; // time to index, perhaps
    batch.periodic = pruneDue();
    return work() || batch.periodic ? Wait::Work : Wait::Again;
}

void HistoryWriter::takeBatch(std::unique_lock<std::mutex> &lock, Batch &batch)
{
    m_pruneRequested = false;
    // Batches follow the load: what accumulated while the last transaction was written, up to
    // BatchRows; a lone message waits at most BatchDelayMs for company.
    if (!batch.index && !batch.trim && !batch.periodic && m_rows.size() < size_t(BatchRows)
        && !m_stopping && m_flushWaiters == 0 && m_jobs.empty()) {
        m_wake.wait_for(lock, std::chrono::milliseconds(BatchDelayMs), [this] {
            return m_rows.size() >= size_t(BatchRows) || m_stopping || m_flushWaiters > 0;
        });
    }
    batch.flushing = m_flushWaiters > 0; // at quit, no: what is over goes after the next start
    batch.count = std::min(m_rows.size(), size_t(BatchRows));
    batch.behind = m_rows.size() > batch.count;
    // The rows themselves, not copies: a deque keeps its elements in place while the GUI thread
    // appends, and rows in flight are neither changed nor removed until committed.
    batch.rows.clear();
    batch.rows.reserve(batch.count);
    batch.lastId = m_lastCommitted.load();
    for (size_t i = 0; i < batch.count; ++i) {
        batch.rows.push_back(&m_rows[i]);
        batch.lastId = std::max(batch.lastId, m_rows[i].id);
    }
    m_inFlight = batch.count;
    batch.updates.clear();
    batch.updates.swap(m_updates);
    batch.jobs.clear();
    batch.jobs.swap(m_jobs);
    batch.maxCount = m_maxCount;
    batch.maxAgeDays = m_maxAgeDays;
    // Indexing alone is not work a flush() waits for.
    m_busy = !batch.empty() || !batch.index;
    ++m_generation;
}

quint64 HistoryWriter::overCount(qint64 maxCount, quint64 committed) const
{
    // Ids are given in order and every message is written but those counted as not saved, so
    // the ids from the first to the last are an upper bound of what the history holds.
    const quint64 firstId = m_firstId.load();
    if (maxCount <= 0 || firstId == 0 || committed < firstId)
        return 0;
    const quint64 held = committed - firstId + 1 - std::min(m_gaps.load(), committed - firstId);
    const auto slack = static_cast<quint64>(std::max<qint64>(1000, maxCount / 100));
    return held > quint64(maxCount) + slack ? held - quint64(maxCount) : 0;
}

bool HistoryWriter::mayPrune(const Batch &batch, quint64 committed) const
{
    if (batch.flushing || batch.trim || batch.maxCount <= 0)
        return true;
    const auto quiet =
            std::chrono::steady_clock::now().time_since_epoch().count() - m_lastInsertNs.load();
    if (!batch.behind && quiet >= qint64(m_quietMs.load()) * 1000000)
        return true;
    // A flood: the oldest stay (see PruneRows) until the history holds twice its count.
    return overCount(batch.maxCount, committed) > quint64(batch.maxCount);
}

void HistoryWriter::setQuietMs(int ms)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_quietMs.store(ms);
        m_quietChanged = true;
    }
    m_wake.notify_all();
}

qint64 HistoryWriter::pruneBatch(const Batch &batch, quint64 committed)
{
    m_lastPrune = std::chrono::steady_clock::now();
    quint64 cutoff = 0;
    QString error;
    if (!HistorySql::exec(m_db, "BEGIN IMMEDIATE", &error))
        return 0;
    // All of it when someone waits for the writer, else a part at a time: a new message waits
    // for no more than one such transaction.
    const quint64 firstId = m_firstId.load();
    const quint64 maxCutoff = batch.flushing || firstId == 0 ? 0 : firstId + PruneRows - 1;
    const qint64 removed = HistorySql::prune(m_db, batch.maxCount, batch.maxAgeDays,
                                             QDateTime::currentMSecsSinceEpoch(), m_indexed.load(),
                                             &cutoff, &error, maxCutoff);
    if (removed < 0 || !HistorySql::exec(m_db, "COMMIT", &error)) {
        HistorySql::exec(m_db, "ROLLBACK", nullptr);
        return 0;
    }
    notePruned(cutoff, removed, committed, batch.maxCount, maxCutoff == 0 || cutoff < maxCutoff);
    return removed;
}

void HistoryWriter::notePruned(quint64 cutoff, qint64 removed, quint64 committed, qint64 maxCount,
                               bool complete)
{
    // m_gaps: ids in [m_firstId, committed] that are not in the history (never saved), at least;
    // overCount() takes them off. Lower bounds only: too few means one more exact look.
    const quint64 firstId = m_firstId.load();
    quint64 gaps = m_gaps.load();
    if (cutoff > 0 && firstId > 0 && cutoff >= firstId) {
        const quint64 idsGone = cutoff - firstId + 1;
        gaps -= std::min(gaps, idsGone - std::min<quint64>(idsGone, quint64(removed)));
    }
    if (cutoff > 0)
        m_firstId.store(cutoff + 1);
    const quint64 first = m_firstId.load();
    // A complete prune leaves at most maxCount: the other ids up to committed are gaps.
    if (complete && maxCount > 0 && first > 0 && committed >= first) {
        const quint64 held = committed - first + 1;
        if (held > quint64(maxCount))
            gaps = std::max(gaps, held - quint64(maxCount));
    }
    m_gaps.store(gaps);
}

bool HistoryWriter::writeUpdates(const Batch &batch, QString *error)
{
    for (const auto &[m, statusOnly] : batch.updates) {
        sqlite3_stmt *s = statusOnly ? m_status : m_update;
        sqlite3_bind_int(s, 1, static_cast<int>(m.status));
        HistorySql::bindString(s, 2, m.error);
        if (statusOnly) {
            sqlite3_bind_int64(s, 3, qint64(m.id));
        } else {
            HistorySql::bindString(s, 3, m.text);
            HistorySql::bindString(s, 4, m.encoding);
            sqlite3_bind_int(s, 5, m.decodedCleanly ? 1 : 0);
            sqlite3_bind_int64(s, 6, qint64(m.id));
        }
        // An indexed text that changes leaves the index with its old words first.
        const bool indexed = !statusOnly && m.id <= m_indexed.load();
        if (!((!indexed || indexRow(m.id, false, error)) && step(s, error)
              && (!indexed || indexRow(m.id, true, error))))
            return false;
    }
    return true;
}

bool HistoryWriter::writeBatch(const Batch &batch, qint64 *pruned, QString *error)
{
    // Limits just set, or once a minute: before what is written now (during a flood, later).
    if (batch.periodic && (batch.maxCount > 0 || batch.maxAgeDays > 0)
        && mayPrune(batch, m_lastCommitted.load()))
        *pruned += pruneBatch(batch, m_lastCommitted.load());
    bool ok = true;
    if (batch.empty()) {
        if (batch.trim)
            *pruned += pruneBatch(batch, m_lastCommitted.load());
        else if (batch.index)
            ok = indexSome(error);
    } else {
        ok = HistorySql::exec(m_db, "BEGIN IMMEDIATE", error) && writeRows(batch.rows, error)
             && writeUpdates(batch, error);
        for (const Job &job : batch.jobs) {
            if (!ok)
                break;
            ok = job(m_db, error);
        }
        ok = ok && HistorySql::exec(m_db, "COMMIT", error);
        if (!ok)
            HistorySql::exec(m_db, "ROLLBACK", nullptr);
    }
    if (ok && batch.count > 0 && m_firstId.load() == 0)
        m_firstId.store(batch.rows.front()->id);
    // Limits: after a write that went past the count (by more than 1 %).
    const quint64 committed = ok ? batch.lastId : m_lastCommitted.load();
    if (ok && overCount(batch.maxCount, committed) > 0 && mayPrune(batch, committed))
        *pruned += pruneBatch(batch, committed);
    return ok;
}

void HistoryWriter::finishBatch(std::unique_lock<std::mutex> &lock, Batch &batch, bool ok,
                                qint64 pruned, const QString &error)
{
    m_busy = false;
    // Written rows leave the queue; they are freed after the lock is released.
    std::vector<Row> written;
    if (ok) {
        written.reserve(batch.count);
        for (size_t i = 0; i < batch.count; ++i) {
            m_bytes.fetch_sub(cost(m_rows.front()));
            if (inArena(m_rows.front()))
                m_arena.release();
            written.push_back(std::move(m_rows.front()));
            m_rows.pop_front();
        }
        if (m_rows.empty())
            m_sorted = true;
        m_lastCommitted.store(batch.lastId);
    } else {
        // Kept, in order, for the next try.
        batch.updates.insert(batch.updates.end(), std::make_move_iterator(m_updates.begin()),
                             std::make_move_iterator(m_updates.end()));
        m_updates.swap(batch.updates);
        batch.jobs.insert(batch.jobs.end(), std::make_move_iterator(m_jobs.begin()),
                          std::make_move_iterator(m_jobs.end()));
        m_jobs.swap(batch.jobs);
        m_lastError = error;
        ++m_failures;
    }
    m_inFlight = 0;
    if (pruned > 0)
        m_prunedTotal.fetch_add(quint64(pruned));
    lock.unlock();
    m_idle.notify_all();
    written.clear();
    if (ok && (batch.count > 0 || !batch.updates.empty() || !batch.jobs.empty())
        && m_events.committed)
        m_events.committed(batch.lastId);
    if (!ok && m_events.failed)
        m_events.failed(error);
    if (pruned > 0 && m_events.pruned)
        m_events.pruned(pruned);
    lock.lock();
}

void HistoryWriter::run()
{
#if defined(Q_OS_LINUX)
    // At the same priority as the GUI thread: at nice 10, two busy loops elsewhere left it so
    // little of the cores that 43 % of a 200,000/s flood overflowed the queue (docs/history.md).
    pthread_setname_np(pthread_self(), "udpchat-history"); // as top and perf name it
#endif
    m_lastPrune = std::chrono::steady_clock::now();
    std::unique_lock<std::mutex> lock(m_mutex);
    Batch batch;
    for (;;) {
        const Wait wait = waitForWork(lock, batch);
        if (wait == Wait::Stop)
            break;
        if (wait == Wait::Again)
            continue;
        takeBatch(lock, batch);
        lock.unlock();
        qint64 pruned = 0;
        QString error;
        const bool ok = writeBatch(batch, &pruned, &error);
        lock.lock();
        finishBatch(lock, batch, ok, pruned, error);
        if (!ok) {
            if (m_stopping)
                break; // given up: the disk is full or the file locked at quit
            m_wake.wait_for(lock, std::chrono::milliseconds(RetryDelayMs),
                            [this] { return m_stopping; });
        }
    }
    m_idle.notify_all();
}
