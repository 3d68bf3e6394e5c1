#include "core/history/historystore.h"

#include "core/net/endpoint.h"
#include "core/util/atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <algorithm>

namespace {
constexpr int kDirectionIncoming = 0;
constexpr int kDirectionOutgoing = 1;

int connectionSerial()
{
    static int serial = 0;
    return ++serial;
}

QString escapeLike(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size() + 2);
    for (const QChar c : text) {
        if (c == u'\\' || c == u'%' || c == u'_')
            escaped.append(u'\\');
        escaped.append(c);
    }
    return escaped;
}

QString peerKey(const QHostAddress &address)
{
    return displayAddress(normalizedAddress(address));
}
} // namespace

HistoryStore::HistoryStore(QObject *parent) : QObject(parent)
{
    m_connection = QStringLiteral("udpchat-history-%1").arg(connectionSerial());
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(FlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] {
        // A slice at a time, so the event loop runs between transactions under a flood.
        if (writeBatch(MaxRowsPerTransaction) && !m_pending.isEmpty())
            m_flushTimer.start(BacklogIntervalMs);
    });
    m_pruneTimer.setInterval(60000);
    connect(&m_pruneTimer, &QTimer::timeout, this, [this] { prune(m_maxCount, m_maxAgeDays); });
}

void HistoryStore::setLimits(qint64 maxCount, int maxAgeDays)
{
    m_maxCount = std::max<qint64>(0, maxCount);
    m_maxAgeDays = std::max(0, maxAgeDays);
    if (m_maxCount > 0 || m_maxAgeDays > 0) {
        prune(m_maxCount, m_maxAgeDays);
        m_pruneTimer.start();
    } else {
        m_pruneTimer.stop();
    }
}

HistoryStore::~HistoryStore()
{
    if (m_open)
        flush();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isValid())
            db.close();
    }
    if (QSqlDatabase::contains(m_connection))
        QSqlDatabase::removeDatabase(m_connection);
}

QString HistoryStore::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
            .filePath(QStringLiteral("history.sqlite"));
}

QString HistoryStore::pathInProfile(const QString &profileDirectory)
{
    return QDir(profileDirectory).filePath(QStringLiteral("history.sqlite"));
}

void HistoryStore::fail(const QString &sentence)
{
    m_error = sentence;
    Q_EMIT writeFailed(sentence);
}

bool HistoryStore::exec(const QString &statement)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (query.exec(statement))
        return true;
    m_error = tr("History database error: %1").arg(query.lastError().text());
    return false;
}

bool HistoryStore::open(const QString &path, Mode mode)
{
    m_path = path;
    m_mode = mode;
    m_open = false;
    m_error.clear();
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE"))) {
        m_error = tr("History is off: the Qt SQLite driver (QSQLITE) is not installed.");
        return false;
    }
    const QFileInfo info(path);
    if (mode == Mode::ReadOnly && !info.exists()) {
        m_error = tr("History is off: %1 does not exist and this window may not create it.")
                          .arg(QDir::toNativeSeparators(path));
        return false;
    }
    if (mode == Mode::ReadWrite && !QDir().mkpath(info.absolutePath())) {
        m_error = tr("History is off: cannot create the folder %1.")
                          .arg(QDir::toNativeSeparators(info.absolutePath()));
        return false;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    db.setConnectOptions(mode == Mode::ReadOnly
                                 ? QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000")
                                 : QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000"));
    if (!db.open()) {
        m_error = tr("History is off: cannot open %1: %2")
                          .arg(QDir::toNativeSeparators(path), db.lastError().text());
        return false;
    }
    QSqlQuery version(db);
    if (!version.exec(QStringLiteral("PRAGMA user_version")) || !version.next()) {
        const QString reason = version.lastError().text();
        version = QSqlQuery();
        db.close();
        db = QSqlDatabase();
        // A damaged file is moved aside (never deleted), and a new history starts.
        if (mode == Mode::ReadWrite && !m_movedAside) {
            const QString aside = backupFileName(path, QDateTime::currentDateTimeUtc());
            if (QFile::rename(path, aside)) {
                QFile::rename(path + QStringLiteral("-wal"), aside + QStringLiteral("-wal"));
                QFile::remove(path + QStringLiteral("-shm"));
                m_movedAside = true;
                QSqlDatabase::removeDatabase(m_connection);
                const bool reopened = open(path, mode);
                m_notice = tr("The history file could not be read (%1); it was moved to %2 and a "
                              "new history was started.")
                                   .arg(reason, QDir::toNativeSeparators(aside));
                return reopened;
            }
        }
        m_error = tr("History is off: %1 is not a readable database: %2")
                          .arg(QDir::toNativeSeparators(path), reason);
        return false;
    }
    m_foundVersion = version.value(0).toInt();
    version.finish();
    if (m_foundVersion > SchemaVersion) {
        m_error = tr("History is off: %1 was written by a newer udpchat (schema %2; this one "
                     "knows %3). It is left untouched.")
                          .arg(QDir::toNativeSeparators(path))
                          .arg(m_foundVersion)
                          .arg(SchemaVersion);
        db.close();
        return false;
    }
    if (mode == Mode::ReadWrite) {
        // WAL: a crash mid-transaction leaves the database as of the last commit; NORMAL
        // synchronisation is durable across application crashes (not power loss of the last
        // commit), at a fraction of FULL's cost per transaction.
        if (!exec(QStringLiteral("PRAGMA journal_mode=WAL"))
            || !exec(QStringLiteral("PRAGMA synchronous=NORMAL")) || !migrate(m_foundVersion)) {
            m_error = tr("History is off: %1").arg(m_error);
            db.close();
            return false;
        }
    } else if (m_foundVersion < SchemaVersion) {
        m_error = tr("History is off: %1 has an older layout that only the window owning the "
                     "profile may update.")
                          .arg(QDir::toNativeSeparators(path));
        db.close();
        return false;
    }
    // Two queries: SQLite answers MIN() or MAX() alone from the index, both together by a scan.
    QSqlQuery last(db);
    if (last.exec(QStringLiteral("SELECT MAX(id) FROM messages")) && last.next())
        m_lastId = last.value(0).toULongLong();
    if (last.exec(QStringLiteral("SELECT MIN(id) FROM messages")) && last.next())
        m_firstId = last.value(0).toULongLong();
    m_lastFlushedId = m_lastId;
    m_open = true;
    return true;
}

bool HistoryStore::migrate(int from)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (from >= SchemaVersion)
        return true;
    if (!db.transaction()) {
        m_error = db.lastError().text();
        return false;
    }
    bool ok = true;
    if (from < 1) {
        ok = ok
             && exec(QStringLiteral(
                     "CREATE TABLE messages (id INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, "
                     "direction INTEGER NOT NULL, status INTEGER NOT NULL, peer TEXT NOT NULL, "
                     "port INTEGER NOT NULL, encoding TEXT NOT NULL, payload BLOB NOT NULL, "
                     "text TEXT NOT NULL, clean INTEGER NOT NULL, error TEXT NOT NULL)"))
             && exec(QStringLiteral("CREATE INDEX messages_time ON messages(time_ms)"));
    }
    if (from < 2) {
        // Version 2: conversations per peer (names, favourites, last activity) and an index
        // for showing one peer's messages.
        ok = ok && exec(QStringLiteral("CREATE INDEX messages_peer ON messages(peer, id)"))
             && exec(QStringLiteral(
                     "CREATE TABLE peers (address TEXT PRIMARY KEY, last_port INTEGER NOT NULL, "
                     "last_ms INTEGER NOT NULL, messages INTEGER NOT NULL, "
                     "name TEXT NOT NULL DEFAULT '', favourite INTEGER NOT NULL DEFAULT 0)"))
             && exec(QStringLiteral(
                     "INSERT INTO peers (address, last_port, last_ms, messages) "
                     "SELECT peer, port, MAX(time_ms), COUNT(*) FROM messages GROUP BY peer"));
    }
    ok = ok && exec(QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion));
    if (!ok || !db.commit()) {
        if (m_error.isEmpty())
            m_error = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

void HistoryStore::record(const QList<ChatMessage> &messages)
{
    if (!m_open || isReadOnly() || messages.isEmpty())
        return;
    for (const ChatMessage &message : messages) {
        if (m_pending.size() >= MaxPending) {
            ++m_unsaved;
            continue;
        }
        m_pending.append(Change{Change::Insert, message});
        m_lastId = std::max(m_lastId, message.id);
    }
    if (!m_flushTimer.isActive())
        m_flushTimer.start(FlushIntervalMs);
}

void HistoryStore::update(const ChatMessage &message)
{
    if (!m_open || isReadOnly())
        return;
    m_pending.append(Change{Change::Update, message});
    if (!m_flushTimer.isActive())
        m_flushTimer.start(FlushIntervalMs);
}

void HistoryStore::updateStatus(quint64 id, ChatMessage::Status status, const QString &error)
{
    if (!m_open || isReadOnly())
        return;
    ChatMessage message;
    message.id = id;
    message.status = status;
    message.error = error;
    m_pending.append(Change{Change::Status, message});
    if (!m_flushTimer.isActive())
        m_flushTimer.start(FlushIntervalMs);
}

bool HistoryStore::flush()
{
    while (!m_pending.isEmpty()) {
        if (!writeBatch(MaxRowsPerTransaction))
            return false;
    }
    return true;
}

bool HistoryStore::writeBatch(int limit)
{
    m_flushTimer.stop();
    if (!m_open || isReadOnly() || m_pending.isEmpty())
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction()) {
        fail(tr("History not saved: %1").arg(db.lastError().text()));
        m_flushTimer.start(FlushIntervalMs);
        return false;
    }
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral(
            "INSERT OR REPLACE INTO messages (id, time_ms, direction, status, peer, port, "
            "encoding, payload, text, clean, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    QSqlQuery change(db);
    change.prepare(QStringLiteral("UPDATE messages SET status = ?, error = ?, text = ?, "
                                  "encoding = ?, clean = ? WHERE id = ?"));
    QSqlQuery status(db);
    status.prepare(QStringLiteral("UPDATE messages SET status = ?, error = ? WHERE id = ?"));
    struct PeerActivity
    {
        quint16 port = 0;
        qint64 lastMs = 0;
        qint64 count = 0;
    };
    QHash<QString, PeerActivity> activity;
    bool ok = true;
    quint64 lastId = m_lastFlushedId;
    const qsizetype batch = std::min<qsizetype>(limit, m_pending.size());
    for (qsizetype i = 0; i < batch; ++i) {
        const Change &pending = m_pending.at(i);
        const ChatMessage &m = pending.message;
        if (pending.kind == Change::Status) {
            status.addBindValue(static_cast<int>(m.status));
            status.addBindValue(m.error.isNull() ? QStringLiteral("") : m.error);
            status.addBindValue(m.id);
            ok = status.exec();
            if (!ok) {
                fail(tr("History not saved: %1").arg(status.lastError().text()));
                break;
            }
            continue;
        }
        if (pending.kind == Change::Update) {
            change.addBindValue(static_cast<int>(m.status));
            change.addBindValue(m.error.isNull() ? QStringLiteral("") : m.error);
            change.addBindValue(m.text);
            change.addBindValue(m.encoding);
            change.addBindValue(m.decodedCleanly ? 1 : 0);
            change.addBindValue(m.id);
            ok = change.exec();
            if (!ok) {
                fail(tr("History not saved: %1").arg(change.lastError().text()));
                break;
            }
            continue;
        }
        const QString peer = peerKey(m.peerAddress);
        const qint64 ms = m.time.toMSecsSinceEpoch();
        insert.addBindValue(m.id);
        insert.addBindValue(ms);
        insert.addBindValue(m.isIncoming() ? kDirectionIncoming : kDirectionOutgoing);
        insert.addBindValue(static_cast<int>(m.status));
        insert.addBindValue(peer);
        insert.addBindValue(m.peerPort);
        insert.addBindValue(m.encoding);
        // A null QByteArray binds as NULL; an empty datagram is stored as an empty blob.
        insert.addBindValue(m.payload.isNull() ? QByteArray("") : m.payload);
        insert.addBindValue(m.text.isNull() ? QStringLiteral("") : m.text);
        insert.addBindValue(m.decodedCleanly ? 1 : 0);
        insert.addBindValue(m.error.isNull() ? QStringLiteral("") : m.error);
        ok = insert.exec();
        if (!ok) {
            fail(tr("History not saved: %1").arg(insert.lastError().text()));
            break;
        }
        PeerActivity &a = activity[peer];
        a.port = m.peerPort;
        a.lastMs = std::max(a.lastMs, ms);
        ++a.count;
        lastId = std::max(lastId, m.id);
    }
    if (ok) {
        QSqlQuery peers(db);
        peers.prepare(QStringLiteral(
                "INSERT INTO peers (address, last_port, last_ms, messages) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(address) DO UPDATE SET last_port = excluded.last_port, "
                "last_ms = MAX(last_ms, excluded.last_ms), "
                "messages = messages + excluded.messages"));
        for (auto it = activity.cbegin(); ok && it != activity.cend(); ++it) {
            peers.addBindValue(it.key());
            peers.addBindValue(it->port);
            peers.addBindValue(it->lastMs);
            peers.addBindValue(it->count);
            ok = peers.exec();
            if (!ok)
                fail(tr("History not saved: %1").arg(peers.lastError().text()));
        }
    }
    insert.finish();
    change.finish();
    status.finish();
    if (!ok || !db.commit()) {
        if (ok)
            fail(tr("History not saved: %1").arg(db.lastError().text()));
        db.rollback();
        m_flushTimer.start(FlushIntervalMs); // kept; tried again
        return false;
    }
    m_pending.remove(0, batch);
    m_error.clear();
    m_lastFlushedId = lastId;
    if (m_firstId == 0)
        m_firstId = 1;
    Q_EMIT flushed(lastId);
    const auto slack = static_cast<quint64>(std::max<qint64>(1000, m_maxCount / 100));
    if (m_maxCount > 0
        && m_lastFlushedId - m_firstId + 1 > static_cast<quint64>(m_maxCount) + slack)
        prune(m_maxCount, m_maxAgeDays);
    return true;
}

bool HistoryStore::Filter::matches(const ChatMessage &message) const
{
    if (!peer.isEmpty() && peerKey(message.peerAddress) != peer)
        return false;
    if (direction && message.direction != *direction)
        return false;
    return text.isEmpty() || message.text.contains(text, Qt::CaseInsensitive);
}

QList<ChatMessage> HistoryStore::select(const QString &where, const QVariantList &values,
                                        const QString &order, int limit)
{
    QList<ChatMessage> result;
    if (!m_open || limit <= 0)
        return result;
    flush(); // reads see everything recorded
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, time_ms, direction, status, peer, port, encoding, "
                                 "payload, text, clean, error FROM messages WHERE %1 ORDER BY "
                                 "id %2 LIMIT %3")
                          .arg(where, order)
                          .arg(limit));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        m_error = tr("History could not be read: %1").arg(query.lastError().text());
        return result;
    }
    while (query.next()) {
        // Validated like a datagram: a record that makes no sense is skipped.
        const int direction = query.value(2).toInt();
        const int status = query.value(3).toInt();
        const int port = query.value(5).toInt();
        const QHostAddress address(query.value(4).toString());
        if ((direction != kDirectionIncoming && direction != kDirectionOutgoing) || status < 0
            || status > static_cast<int>(ChatMessage::Status::Failed) || port < 0 || port > 65535
            || address.isNull())
            continue;
        ChatMessage m;
        m.id = query.value(0).toULongLong();
        m.time = QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong(), Qt::UTC);
        m.direction = direction == kDirectionIncoming ? ChatMessage::Direction::Incoming
                                                      : ChatMessage::Direction::Outgoing;
        m.status = static_cast<ChatMessage::Status>(status);
        m.peerAddress = address;
        m.peerPort = static_cast<quint16>(port);
        m.encoding = query.value(6).toString();
        m.payload = query.value(7).toByteArray();
        m.text = query.value(8).toString();
        m.decodedCleanly = query.value(9).toInt() != 0;
        m.error = query.value(10).toString();
        result.append(m);
    }
    return result;
}

namespace {
// The filter as SQL conditions (besides the id range), with their values in order.
QString filterClause(const HistoryStore::Filter &filter, QVariantList *values)
{
    QStringList parts;
    if (!filter.peer.isEmpty()) {
        parts << QStringLiteral("peer = ?");
        values->append(filter.peer);
    }
    if (filter.direction) {
        parts << QStringLiteral("direction = ?");
        values->append(*filter.direction == ChatMessage::Direction::Incoming ? kDirectionIncoming
                                                                             : kDirectionOutgoing);
    }
    if (!filter.text.isEmpty()) {
        parts << QStringLiteral("text LIKE ? ESCAPE '\\'");
        values->append(QStringLiteral("%%1%").arg(escapeLike(filter.text)));
    }
    return parts.isEmpty() ? QStringLiteral("1") : parts.join(QStringLiteral(" AND "));
}
} // namespace

QList<ChatMessage> HistoryStore::page(const Filter &filter, quint64 beforeId, int limit)
{
    QVariantList values;
    QString where = filterClause(filter, &values);
    if (beforeId > 0) {
        where += QStringLiteral(" AND id < ?");
        values.append(beforeId);
    }
    QList<ChatMessage> rows = select(where, values, QStringLiteral("DESC"), limit);
    std::reverse(rows.begin(), rows.end());
    return rows;
}

QList<ChatMessage> HistoryStore::range(const Filter &filter, quint64 fromId, int limit)
{
    QVariantList values;
    QString where = filterClause(filter, &values);
    where += QStringLiteral(" AND id >= ?");
    values.append(fromId);
    return select(where, values, QStringLiteral("ASC"), limit);
}

QList<ChatMessage> HistoryStore::slice(const Filter &filter, quint64 lowId, quint64 highId,
                                       int limit)
{
    QVariantList values;
    QString where = filterClause(filter, &values);
    where += QStringLiteral(" AND id >= ? AND id <= ?");
    values.append(lowId);
    values.append(highId);
    QList<ChatMessage> rows = select(where, values, QStringLiteral("DESC"), limit);
    std::reverse(rows.begin(), rows.end());
    return rows;
}

QVariant HistoryStore::scalar(const QString &sql)
{
    if (!m_open)
        return {};
    flush();
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (query.exec(sql) && query.next())
        return query.value(0);
    return {};
}

quint64 HistoryStore::firstId()
{
    return scalar(QStringLiteral("SELECT MIN(id) FROM messages")).toULongLong();
}

qint64 HistoryStore::count()
{
    return scalar(QStringLiteral("SELECT COUNT(*) FROM messages")).toLongLong();
}

qint64 HistoryStore::count(const Filter &filter)
{
    if (!m_open)
        return 0;
    flush();
    QVariantList values;
    const QString where = filterClause(filter, &values);
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM messages WHERE %1").arg(where));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (query.exec() && query.next())
        return query.value(0).toLongLong();
    return 0;
}

QList<HistoryStore::Peer> HistoryStore::peers()
{
    QList<Peer> result;
    if (!m_open)
        return result;
    // Not flushed first: the list may lag one flush interval, but asking for it (twice a second
    // while messages arrive) never waits for a flood's backlog.
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(QStringLiteral("SELECT address, last_port, last_ms, messages, name, favourite "
                                   "FROM peers ORDER BY last_ms DESC")))
        return result;
    while (query.next()) {
        const QHostAddress address(query.value(0).toString());
        const int port = query.value(1).toInt();
        if (address.isNull() || port < 0 || port > 65535)
            continue;
        Peer peer;
        peer.address = displayAddress(normalizedAddress(address));
        peer.lastPort = static_cast<quint16>(port);
        peer.lastActivity = QDateTime::fromMSecsSinceEpoch(query.value(2).toLongLong(), Qt::UTC);
        peer.messages = query.value(3).toLongLong();
        peer.name = query.value(4).toString().left(200);
        peer.favourite = query.value(5).toInt() != 0;
        result.append(peer);
    }
    return result;
}

bool HistoryStore::setPeerName(const QString &address, const QString &name)
{
    if (!m_open || isReadOnly())
        return false;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("INSERT INTO peers (address, last_port, last_ms, messages, name) "
                                 "VALUES (?, 0, 0, 0, ?) ON CONFLICT(address) DO UPDATE SET "
                                 "name = excluded.name"));
    query.addBindValue(address);
    query.addBindValue(name.trimmed().left(200));
    return query.exec();
}

bool HistoryStore::setPeerFavourite(const QString &address, quint16 port, bool favourite)
{
    if (!m_open || isReadOnly())
        return false;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral(
            "INSERT INTO peers (address, last_port, last_ms, messages, favourite) "
            "VALUES (?, ?, 0, 0, ?) ON CONFLICT(address) DO UPDATE SET "
            "favourite = excluded.favourite, last_port = CASE WHEN excluded.last_port > 0 THEN "
            "excluded.last_port ELSE last_port END"));
    query.addBindValue(address);
    query.addBindValue(port);
    query.addBindValue(favourite ? 1 : 0);
    return query.exec();
}

qint64 HistoryStore::prune(qint64 maxCount, int maxAgeDays, const QDateTime &now)
{
    if (!m_open || isReadOnly())
        return 0;
    flush();
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    // The newest id that goes: by age, by count, whichever removes more.
    quint64 cutoff = 0;
    QSqlQuery query(db);
    if (maxAgeDays > 0) {
        query.prepare(QStringLiteral("SELECT MAX(id) FROM messages WHERE time_ms < ?"));
        query.addBindValue(now.addDays(-maxAgeDays).toMSecsSinceEpoch());
        if (query.exec() && query.next())
            cutoff = std::max(cutoff, query.value(0).toULongLong());
    }
    if (maxCount > 0) {
        query.prepare(QStringLiteral("SELECT id FROM messages ORDER BY id DESC LIMIT 1 OFFSET ?"));
        query.addBindValue(maxCount);
        if (query.exec() && query.next())
            cutoff = std::max(cutoff, query.value(0).toULongLong());
    }
    query.finish();
    if (cutoff == 0)
        return 0;
    if (!db.transaction())
        return 0;
    QSqlQuery remove(db);
    remove.prepare(QStringLiteral("DELETE FROM messages WHERE id <= ?"));
    remove.addBindValue(cutoff);
    if (!remove.exec()) {
        db.rollback();
        fail(tr("History could not be pruned: %1").arg(remove.lastError().text()));
        return 0;
    }
    const qint64 removed = remove.numRowsAffected();
    remove.finish();
    if (!db.commit()) {
        db.rollback();
        return 0;
    }
    m_pruned += static_cast<quint64>(removed);
    m_firstId = cutoff + 1;
    if (removed > 0)
        Q_EMIT pruned(removed);
    return removed;
}
