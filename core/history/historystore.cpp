#include "core/history/historystore.h"

#include "core/chat/messagelistmodel.h"
#include "core/history/historyqueries.h"
#include "core/history/historywriter.h"
#include "core/net/endpoint.h"
#include "core/util/atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <limits>
#include <mutex>
#include <sqlite3.h>

static_assert(HistoryStore::FlushIntervalMs == HistoryWriter::BatchDelayMs);
static_assert(HistoryStore::MaxRowsPerTransaction == HistoryWriter::BatchRows);
static_assert(HistoryStore::MaxPendingBytes == HistoryWriter::DefaultBudgetBytes);

namespace {
int connectionSerial()
{
    static int serial = 0;
    return ++serial;
}

QString peerKey(const QHostAddress &address)
{
    return displayAddress(normalizedAddress(address));
}
} // namespace

HistoryStore::HistoryStore(QObject *parent) : QObject(parent)
{
    m_connection = QStringLiteral("udpchat-history-%1").arg(connectionSerial());
}

void HistoryStore::setLimits(qint64 maxCount, int maxAgeDays)
{
    m_maxCount = std::max<qint64>(0, maxCount);
    m_maxAgeDays = std::max(0, maxAgeDays);
    if (m_writer)
        m_writer->setLimits(m_maxCount, m_maxAgeDays); // prunes soon, then once a minute
}

void HistoryStore::setQuietMs(int ms)
{
    m_quietMs = ms;
    if (m_writer)
        m_writer->setQuietMs(ms);
}

HistoryStore::~HistoryStore()
{
    if (m_writer) {
        m_writer->stop(); // writes what is queued (one try)
        // Nothing silently lost, not even at quit on a full disk.
        if (const qint64 left = m_writer->pendingRows(); left > 0) {
            const QString why = m_writer->lastError();
            std::fprintf(stderr, "udpchat: %s\n",
                         qPrintable(tr("%n messages could not be written to the history (%1).",
                                       nullptr, int(std::min<qint64>(left, INT_MAX)))
                                            .arg(why)));
        }
    }
    m_writer.reset();
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

bool HistoryStore::moveAside(const QString &reason, Mode mode, bool *reopened)
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    // A damaged or foreign file is moved aside (never deleted), and a new history starts.
    if (mode != Mode::ReadWrite || m_movedAside)
        return false;
    const QString aside = backupFileName(m_path, QDateTime::currentDateTimeUtc());
    if (!QFile::rename(m_path, aside))
        return false;
    QFile::rename(m_path + QStringLiteral("-wal"), aside + QStringLiteral("-wal"));
    QFile::remove(m_path + QStringLiteral("-shm"));
    m_movedAside = true;
    *reopened = open(m_path, mode);
    m_notice = tr("The history file could not be used (%1); it was moved to %2 and a new history "
                  "was started.")
                       .arg(reason, QDir::toNativeSeparators(aside));
    return true;
}

bool HistoryStore::isOurs(int applicationId, QString *reason)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const auto columns = [&db](const QString &table) {
        QStringList names;
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table))) {
            while (query.next())
                names << query.value(1).toString();
        }
        return names;
    };
    if (applicationId != 0 && applicationId != ApplicationId) {
        *reason = tr("it belongs to another program (application id %1)").arg(applicationId);
        return false;
    }
    if (m_foundVersion == 0) {
        QSqlQuery tables(db);
        if (tables.exec(QStringLiteral(
                    "SELECT COUNT(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
            && tables.next() && tables.value(0).toInt() > 0) {
            *reason = tr("it is another program's database");
            return false;
        }
        return true; // new and empty
    }
    QStringList messages{
            QStringLiteral("id"),       QStringLiteral("time_ms"), QStringLiteral("direction"),
            QStringLiteral("status"),   QStringLiteral("peer"),    QStringLiteral("port"),
            QStringLiteral("encoding"), QStringLiteral("payload"), QStringLiteral("text"),
            QStringLiteral("clean"),    QStringLiteral("error")};
    QStringList peers{QStringLiteral("address"), QStringLiteral("last_port"),
                      QStringLiteral("last_ms"), QStringLiteral("messages"),
                      QStringLiteral("name"),    QStringLiteral("favourite")};
    if (m_foundVersion >= 4) {
        messages << QStringLiteral("mode") << QStringLiteral("address") << QStringLiteral("name");
        peers << QStringLiteral("mode") << QStringLiteral("nickname");
    }
    bool ok = columns(QStringLiteral("messages")) == messages;
    if (ok && m_foundVersion >= 2)
        ok = columns(QStringLiteral("peers")) == peers;
    if (ok && m_foundVersion >= 3) {
        ok = columns(QStringLiteral("meta"))
                     == QStringList{QStringLiteral("key"), QStringLiteral("value")}
             && columns(QStringLiteral("messages_fts")) == QStringList{QStringLiteral("text")};
    }
    if (!ok)
        *reason =
                tr("its tables are not those of udpchat's history version %1").arg(m_foundVersion);
    return ok;
}

bool HistoryStore::open(const QString &path, Mode mode)
{
    // SQLite counts every allocation it makes under a global mutex unless told not to; the
    // writer makes several per row. Only possible before SQLite's first use in the process.
    static std::once_flag configured;
    std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
    m_path = path;
    m_mode = mode;
    m_open = false;
    m_error.clear();
    if (!openConnection(path, mode))
        return false;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (const std::optional<bool> verdict = checkFile(db, path, mode))
        return *verdict; // not ours, damaged or too new: moved aside (and opened anew) or off
    if (!prepareSchema(db, path, mode))
        return false;
    const quint64 firstId = readIds(db);
    if (mode == Mode::ReadWrite && !startWriter()) {
        db.close();
        return false;
    }
    if (m_writer)
        startWriterEvents(firstId);
    m_open = true;
    return true;
}

bool HistoryStore::openConnection(const QString &path, Mode mode)
{
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
    return true;
}

std::optional<bool> HistoryStore::checkFile(QSqlDatabase &db, const QString &path, Mode mode)
{
    int applicationId = 0;
    QString reason;
    {
        QSqlQuery version(db);
        if (version.exec(QStringLiteral("PRAGMA user_version")) && version.next()) {
            m_foundVersion = version.value(0).toInt();
            if (version.exec(QStringLiteral("PRAGMA application_id")) && version.next())
                applicationId = version.value(0).toInt();
        } else {
            reason = version.lastError().text();
        }
    }
    if (!reason.isEmpty()) {
        db = QSqlDatabase();
        bool reopened = false;
        if (moveAside(reason, mode, &reopened))
            return reopened; // moved aside: a new history, or not
        m_error = tr("History is off: %1 is not a readable database: %2")
                          .arg(QDir::toNativeSeparators(path), reason);
        return false;
    }
    if (m_foundVersion > SchemaVersion && (applicationId == 0 || applicationId == ApplicationId)) {
        m_error = tr("History is off: %1 was written by a newer udpchat (schema %2; this one "
                     "knows %3). It is left untouched.")
                          .arg(QDir::toNativeSeparators(path))
                          .arg(m_foundVersion)
                          .arg(SchemaVersion);
        db.close();
        return false;
    }
    if (!isOurs(applicationId, &reason)) {
        db = QSqlDatabase();
        bool reopened = false;
        if (moveAside(reason, mode, &reopened))
            return reopened; // moved aside: a new history, or not
        m_error = tr("History is off: %1 is not udpchat's history: %2")
                          .arg(QDir::toNativeSeparators(path), reason);
        return false;
    }
    return std::nullopt;
}

bool HistoryStore::prepareSchema(QSqlDatabase &db, const QString &path, Mode mode)
{
    if (mode == Mode::ReadWrite) {
        // WAL: a crash mid-transaction leaves the database as of the last commit, and readers
        // (this connection) never wait for the writer's. NORMAL synchronisation is durable
        // across application crashes (not power loss of the last commit).
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
    return true;
}

quint64 HistoryStore::readIds(QSqlDatabase &db)
{
    HistoryQueries::addFunctions(db);
    // Two queries: SQLite answers MIN() or MAX() alone from the index, both together by a scan.
    QSqlQuery last(db);
    if (last.exec(QStringLiteral("SELECT MAX(id) FROM messages")) && last.next())
        m_lastId = last.value(0).toULongLong();
    quint64 firstId = 0;
    if (last.exec(QStringLiteral("SELECT MIN(id) FROM messages")) && last.next())
        firstId = last.value(0).toULongLong();
    if (last.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'indexed'")) && last.next())
        m_indexedId = last.value(0).toULongLong();
    last.finish();
    return firstId;
}

void HistoryStore::startWriterEvents(quint64 firstId)
{
    m_writer->start(
            HistoryWriter::Events{[this](quint64 id) {
                                      QMetaObject::invokeMethod(
                                              this, [this, id] { onCommitted(id); },
                                              Qt::QueuedConnection);
                                  },
                                  [this](const QString &why) {
                                      QMetaObject::invokeMethod(
                                              this,
                                              [this, why] {
                                                  m_writeFailing = true;
                                                  fail(tr("History not saved: %1").arg(why));
                                              },
                                              Qt::QueuedConnection);
                                  },
                                  [this](qint64 removed) {
                                      QMetaObject::invokeMethod(
                                              this, [this, removed] { Q_EMIT pruned(removed); },
                                              Qt::QueuedConnection);
                                  }},
            firstId, m_indexedId);
}

bool HistoryStore::startWriter()
{
    m_writer = std::make_unique<HistoryWriter>();
    m_writer->setBudget(m_budget);
    if (m_quietMs >= 0)
        m_writer->setQuietMs(m_quietMs);
    QString why;
    if (!m_writer->open(m_path, &why)) {
        m_writer.reset();
        m_error = tr("History is off: cannot write %1: %2")
                          .arg(QDir::toNativeSeparators(m_path), why);
        return false;
    }
    m_writer->setLimits(m_maxCount, m_maxAgeDays);
    return true;
}

void HistoryStore::onCommitted(quint64 lastId)
{
    if (m_overBudget && m_writer && m_writer->pendingBytes() < m_budget / 2)
        m_overBudget = false;
    if (m_writeFailing || (!m_overBudget && !m_error.isEmpty())) {
        m_writeFailing = false;
        if (!m_overBudget) {
            m_error.clear();
            Q_EMIT recovered();
        }
    }
    Q_EMIT flushed(lastId);
}

bool HistoryStore::migrateTo4()
{
    // Version 4: IP Messenger messages. Their peer is the person (the conversation key: user,
    // host and address), their address its own column, with the nickname of the time;
    // conversations know their mode and the person's latest nickname.
    return exec(QStringLiteral("ALTER TABLE messages ADD COLUMN mode INTEGER NOT NULL DEFAULT 0"))
           && exec(QStringLiteral(
                   "ALTER TABLE messages ADD COLUMN address TEXT NOT NULL DEFAULT ''"))
           && exec(QStringLiteral("ALTER TABLE messages ADD COLUMN name TEXT NOT NULL DEFAULT ''"))
           && exec(QStringLiteral("ALTER TABLE peers ADD COLUMN mode INTEGER NOT NULL DEFAULT 0"))
           && exec(QStringLiteral(
                   "ALTER TABLE peers ADD COLUMN nickname TEXT NOT NULL DEFAULT ''"));
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
    if (from < 3) {
        // Version 3: a full-text index (trigrams: any substring of 3 characters or more, with
        // Unicode case folding) over the text, kept by the writer while it has nothing else to
        // do; meta.indexed says how far it got. The text is not stored twice (external content).
        ok = ok
             && exec(QStringLiteral(
                     "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)"))
             && exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('indexed', 0)"))
             // Every insert paid for the time index; only pruning by age used it, once a minute,
             // and that scan now runs on the writer's thread.
             && exec(QStringLiteral("DROP INDEX IF EXISTS messages_time"))
             && exec(QStringLiteral("CREATE VIRTUAL TABLE messages_fts USING fts5(text, "
                                    "content='messages', content_rowid='id', "
                                    "tokenize='trigram')"));
    }
    if (from < 4)
        ok = ok && migrateTo4();
    ok = ok && exec(QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId))
         && exec(QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion));
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
    if (!m_open || !m_writer || messages.isEmpty())
        return;
    for (const ChatMessage &message : messages)
        m_lastId = std::max(m_lastId, message.id);
    const auto refused = static_cast<quint64>(m_writer->insert(messages));
    if (refused == 0)
        return;
    m_unsaved += refused;
    if (!m_overBudget) {
        m_overBudget = true;
        fail(tr("History not saving: %1 MB of messages are waiting to be written; newer ones are "
                "shown but not saved (counted in the status bar) until the disk catches up.")
                     .arg(m_budget / (1024 * 1024)));
    }
}

void HistoryStore::update(const ChatMessage &message)
{
    if (m_open && m_writer)
        m_writer->update(message, false);
}

void HistoryStore::updateStatus(quint64 id, ChatMessage::Status status, const QString &error)
{
    if (!m_open || !m_writer)
        return;
    ChatMessage message;
    message.id = id;
    message.status = status;
    message.error = error;
    m_writer->update(message, true);
}

bool HistoryStore::flush()
{
    if (!m_open || !m_writer)
        return true;
    if (!m_writer->waitIdle()) {
        m_writeFailing = true;
        m_error = tr("History not saved: %1").arg(m_writer->lastError());
        return false;
    }
    if (m_writeFailing) {
        m_writeFailing = false;
        if (!m_overBudget || m_writer->pendingBytes() < m_budget / 2) {
            m_overBudget = false;
            m_error.clear();
            Q_EMIT recovered();
        }
    }
    return true;
}

quint64 HistoryStore::lastFlushedId() const
{
    return m_writer ? m_writer->lastCommittedId() : m_lastId;
}

qint64 HistoryStore::pendingBytes() const
{
    return m_writer ? m_writer->pendingBytes() : 0;
}

void HistoryStore::setMaxPendingBytes(qint64 bytes)
{
    m_budget = std::max<qint64>(0, bytes);
    if (m_writer)
        m_writer->setBudget(m_budget);
}

quint64 HistoryStore::indexedId() const
{
    return m_writer ? m_writer->indexedId() : m_indexedId;
}

quint64 HistoryStore::prunedCount() const
{
    return m_writer ? m_writer->prunedTotal() : 0;
}

namespace {
// Filter::matches() for many messages: the peer of each sender is formatted once, not once per
// message (a flood's backlog has few senders and many messages).
std::function<bool(const ChatMessage &)> matcher(const HistoryStore::Filter &filter)
{
    return [&filter, peers = QHash<QHostAddress, bool>()](const ChatMessage &m) mutable {
        if (filter.mode && m.channel != *filter.mode)
            return false;
        if (m.isIpMsg()) // rare: no cache (the peer is the person, not the address)
            return filter.matches(m);
        if (!filter.peer.isEmpty()) {
            auto it = peers.constFind(m.peerAddress);
            if (it == peers.constEnd()) {
                if (peers.size() > 4096)
                    peers.clear();
                it = peers.insert(m.peerAddress, peerKey(m.peerAddress) == filter.peer);
            }
            if (!*it)
                return false;
        }
        if (filter.direction && m.direction != *filter.direction)
            return false;
        return filter.text.isEmpty() || m.text.contains(filter.text, Qt::CaseInsensitive);
    };
}
} // namespace

QString HistoryStore::conversationOf(const ChatMessage &message)
{
    return message.isIpMsg() ? message.conversation : peerKey(message.peerAddress);
}

bool HistoryStore::Filter::matches(const ChatMessage &message) const
{
    if (!peer.isEmpty() && conversationOf(message) != peer)
        return false;
    if (mode && message.channel != *mode)
        return false;
    if (direction && message.direction != *direction)
        return false;
    return text.isEmpty() || message.text.contains(text, Qt::CaseInsensitive);
}

QList<ChatMessage> HistoryStore::around(const Filter &filter, quint64 id, int maxNewer, int *row)
{
    *row = -1;
    QList<ChatMessage> before = page(filter, id, MessageListModel::PageSize / 2);
    const QList<ChatMessage> after = range(filter, id, maxNewer + 1);
    if (after.isEmpty() || after.constFirst().id != id)
        return {};
    if (after.size() > maxNewer)
        return after.mid(0, 1);
    *row = static_cast<int>(before.size());
    before.append(after);
    return before;
}

QList<ChatMessage> HistoryStore::select(const Filter &filter, quint64 lowId, quint64 highId,
                                        bool newestFirst, int limit)
{
    QList<ChatMessage> result;
    if (!m_open || limit <= 0 || lowId > highId)
        return result;
    // What is still queued first, then the database: a row committed in between is found twice
    // (and kept once), never missed.
    if (m_writer) {
        result = m_writer->pending(lowId, highId, matcher(filter), limit, newestFirst);
    }
    if (const QString problem =
                HistoryQueries::select(QSqlDatabase::database(m_connection, false), filter,
                                       {lowId, highId, newestFirst, limit}, indexedId(), &result);
        !problem.isEmpty())
        m_error = tr("History could not be read: %1").arg(problem);
    // Sorted, each id once, at most limit.
    std::sort(result.begin(), result.end(), [newestFirst](const auto &a, const auto &b) {
        return newestFirst ? a.id > b.id : a.id < b.id;
    });
    result.erase(std::unique(result.begin(), result.end(),
                             [](const auto &a, const auto &b) { return a.id == b.id; }),
                 result.end());
    if (result.size() > limit)
        result.resize(limit);
    return result;
}

bool HistoryStore::searchUsesIndex(const Filter &filter)
{
    return HistoryQueries::indexable(filter.text);
}

QList<ChatMessage> HistoryStore::page(const Filter &filter, quint64 beforeId, int limit)
{
    const quint64 high = beforeId > 0 ? beforeId - 1 : std::numeric_limits<quint64>::max();
    QList<ChatMessage> rows = select(filter, 0, high, true, limit);
    std::reverse(rows.begin(), rows.end());
    return rows;
}

QList<ChatMessage> HistoryStore::range(const Filter &filter, quint64 fromId, int limit)
{
    return select(filter, fromId, std::numeric_limits<quint64>::max(), false, limit);
}

QList<ChatMessage> HistoryStore::slice(const Filter &filter, quint64 lowId, quint64 highId,
                                       int limit)
{
    QList<ChatMessage> rows = select(filter, lowId, highId, true, limit);
    std::reverse(rows.begin(), rows.end());
    return rows;
}

QVariant HistoryStore::scalar(const QString &sql)
{
    if (!m_open)
        return {};
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (query.exec(sql) && query.next())
        return query.value(0);
    return {};
}

quint64 HistoryStore::firstId()
{
    const quint64 queued = m_writer ? m_writer->firstPendingId() : 0;
    const quint64 stored = scalar(QStringLiteral("SELECT MIN(id) FROM messages")).toULongLong();
    if (queued == 0 || stored == 0)
        return std::max(queued, stored);
    return std::min(queued, stored);
}

qint64 HistoryStore::count()
{
    return count(Filter{});
}

qint64 HistoryStore::count(const Filter &filter)
{
    if (!m_open)
        return 0;
    // The queue first; then the database below the queue's first id, so that a row committed in
    // between is counted once.
    const quint64 firstQueued = m_writer ? m_writer->firstPendingId() : 0;
    const qint64 queued = m_writer ? m_writer->pendingCount(matcher(filter)) : 0;
    return queued
           + HistoryQueries::count(QSqlDatabase::database(m_connection, false), filter,
                                   firstQueued);
}

QList<HistoryStore::Peer> HistoryStore::peers()
{
    QList<Peer> result;
    if (!m_open)
        return result;
    // As of the last write (the list may lag one transaction; asking for it never waits), with
    // this window's own changes on top.
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (query.exec(QStringLiteral("SELECT address, last_port, last_ms, messages, name, favourite, "
                                  "mode, nickname FROM peers ORDER BY last_ms DESC"))) {
        while (query.next()) {
            const QString key = query.value(0).toString();
            const bool ipmsg = query.value(6).toInt() == 1;
            const QHostAddress address(ipmsg ? QString() : key);
            const int port = query.value(1).toInt();
            if ((ipmsg ? key.isEmpty() || key.size() > 1024 : address.isNull()) || port < 0
                || port > 65535)
                continue;
            Peer peer;
            peer.address = ipmsg ? key : displayAddress(normalizedAddress(address));
            peer.mode = ipmsg ? ChatMessage::Channel::IpMsg : ChatMessage::Channel::Plain;
            peer.nickname = query.value(7).toString().left(200);
            peer.lastPort = static_cast<quint16>(port);
            peer.lastActivity =
                    QDateTime::fromMSecsSinceEpoch(query.value(2).toLongLong(), Qt::UTC);
            peer.messages = query.value(3).toLongLong();
            peer.name = query.value(4).toString().left(200);
            peer.favourite = query.value(5).toInt() != 0;
            result.append(peer);
        }
    }
    for (auto it = m_peerEdits.cbegin(); it != m_peerEdits.cend(); ++it) {
        auto found = std::find_if(result.begin(), result.end(),
                                  [&it](const Peer &p) { return p.address == it.key(); });
        if (found == result.end()) {
            Peer peer;
            peer.address = it.key();
            peer.lastActivity = QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
            result.append(peer);
            found = result.end() - 1;
        }
        if (it->name)
            found->name = *it->name;
        if (it->favourite)
            found->favourite = *it->favourite;
        if (it->port > 0)
            found->lastPort = it->port;
    }
    return result;
}

namespace {
bool runPeerStatement(sqlite3 *db, const char *sql, const QByteArray &address,
                      const std::function<void(sqlite3_stmt *)> &bind, QString *error)
{
    sqlite3_stmt *statement = nullptr;
    bool ok = sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK;
    if (ok) {
        sqlite3_bind_text(statement, 1, address.constData(), int(address.size()), SQLITE_TRANSIENT);
        bind(statement);
        ok = sqlite3_step(statement) == SQLITE_DONE;
    }
    if (!ok)
        *error = QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_finalize(statement);
    return ok;
}
} // namespace

bool HistoryStore::setPeerName(const QString &address, const QString &name)
{
    if (!m_open || !m_writer)
        return false;
    const QString kept = name.trimmed().left(200);
    m_peerEdits[address].name = kept;
    m_writer->job([address = address.toUtf8(), kept = kept.toUtf8()](sqlite3 *db, QString *error) {
        return runPeerStatement(
                db,
                "INSERT INTO peers (address, last_port, last_ms, messages, name) VALUES (?, 0, 0, "
                "0, ?) ON CONFLICT(address) DO UPDATE SET name = excluded.name",
                address,
                [&kept](sqlite3_stmt *s) {
                    sqlite3_bind_text(s, 2, kept.constData(), int(kept.size()), SQLITE_TRANSIENT);
                },
                error);
    });
    return true;
}

bool HistoryStore::setPeerFavourite(const QString &address, quint16 port, bool favourite)
{
    if (!m_open || !m_writer)
        return false;
    PeerEdit &edit = m_peerEdits[address];
    edit.favourite = favourite;
    if (port > 0)
        edit.port = port;
    m_writer->job([address = address.toUtf8(), port, favourite](sqlite3 *db, QString *error) {
        return runPeerStatement(
                db,
                "INSERT INTO peers (address, last_port, last_ms, messages, favourite) VALUES (?, "
                "?, 0, 0, ?) ON CONFLICT(address) DO UPDATE SET favourite = excluded.favourite, "
                "last_port = CASE WHEN excluded.last_port > 0 THEN excluded.last_port ELSE "
                "last_port END",
                address,
                [port, favourite](sqlite3_stmt *s) {
                    sqlite3_bind_int(s, 2, port);
                    sqlite3_bind_int(s, 3, favourite ? 1 : 0);
                },
                error);
    });
    return true;
}

qint64 HistoryStore::prune(qint64 maxCount, int maxAgeDays, const QDateTime &now)
{
    if (!m_open || !m_writer)
        return 0;
    const qint64 removed = m_writer->pruneNow(maxCount, maxAgeDays, now.toMSecsSinceEpoch());
    if (removed > 0)
        Q_EMIT pruned(removed);
    return removed;
}
