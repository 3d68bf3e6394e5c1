#include "core/history/historysql.h"

#include <algorithm>
#include <sqlite3.h>

namespace HistorySql {

QString errorOf(sqlite3 *db)
{
    return QString::fromUtf8(sqlite3_errmsg(db));
}

bool exec(sqlite3 *db, const char *sql, QString *error)
{
    char *message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    if (error)
        *error = message ? QString::fromUtf8(message) : errorOf(db);
    sqlite3_free(message);
    return false;
}

void bindString(sqlite3_stmt *statement, int index, const QString &text)
{
    if (text.isEmpty()) {
        sqlite3_bind_text(statement, index, "", 0, SQLITE_STATIC);
        return;
    }
    sqlite3_bind_text16(statement, index, text.utf16(), int(text.size() * 2), SQLITE_STATIC);
}

sqlite3_stmt *prepare(sqlite3 *db, const char *sql, QString *error)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr)
        != SQLITE_OK) {
        if (error)
            *error = errorOf(db);
        return nullptr;
    }
    return statement;
}

quint64 scalar(sqlite3 *db, const char *sql, qint64 bound)
{
    sqlite3_stmt *statement = nullptr;
    quint64 value = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK)
        return 0;
    if (bound >= 0)
        sqlite3_bind_int64(statement, 1, bound);
    if (sqlite3_step(statement) == SQLITE_ROW)
        value = static_cast<quint64>(sqlite3_column_int64(statement, 0));
    sqlite3_finalize(statement);
    return value;
}

bool indexRow(sqlite3 *db, quint64 id, bool add, QString *error)
{
    // External content: the index is told the text it holds for the row, as it is in messages.
    const char *sql = add ? "INSERT INTO messages_fts (rowid, text) SELECT id, text FROM messages "
                            "WHERE id = ?"
                          : "INSERT INTO messages_fts (messages_fts, rowid, text) SELECT "
                            "'delete', id, text FROM messages WHERE id = ?";
    sqlite3_stmt *statement = nullptr;
    bool ok = sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK;
    if (ok) {
        sqlite3_bind_int64(statement, 1, qint64(id));
        ok = sqlite3_step(statement) == SQLITE_DONE;
    }
    if (!ok)
        *error = errorOf(db);
    sqlite3_finalize(statement);
    return ok;
}

bool indexRange(sqlite3 *db, quint64 from, quint64 to, QString *error)
{
    sqlite3_stmt *index = nullptr;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO messages_fts (rowid, text) SELECT id, text FROM messages "
                           "WHERE id > ? AND id <= ? ORDER BY id",
                           -1, &index, nullptr)
        != SQLITE_OK) {
        *error = errorOf(db);
        return false;
    }
    sqlite3_bind_int64(index, 1, qint64(from));
    sqlite3_bind_int64(index, 2, qint64(to));
    bool ok = exec(db, "BEGIN IMMEDIATE", error);
    if (ok) {
        const int rc = sqlite3_step(index);
        ok = rc == SQLITE_DONE;
        if (!ok)
            *error = errorOf(db);
    }
    sqlite3_finalize(index);
    if (ok) {
        sqlite3_stmt *meta = nullptr;
        ok = sqlite3_prepare_v2(db,
                                "INSERT OR REPLACE INTO meta (key, value) VALUES "
                                "('indexed', ?)",
                                -1, &meta, nullptr)
             == SQLITE_OK;
        if (ok) {
            sqlite3_bind_int64(meta, 1, qint64(to));
            ok = sqlite3_step(meta) == SQLITE_DONE;
        }
        if (!ok)
            *error = errorOf(db);
        sqlite3_finalize(meta);
    }
    if (ok)
        ok = exec(db, "COMMIT", error);
    if (!ok) {
        exec(db, "ROLLBACK", nullptr);
        return false;
    }
    return true;
}

qint64 prune(sqlite3 *db, qint64 maxCount, int maxAgeDays, qint64 nowMs, quint64 indexedId,
             quint64 *cutoffOut, QString *error, quint64 maxCutoff)
{
    // The newest id that goes: by age, by count, whichever removes more.
    quint64 cutoff = 0;
    if (maxAgeDays > 0) {
        cutoff = std::max(cutoff, scalar(db, "SELECT MAX(id) FROM messages WHERE time_ms < ?",
                                         nowMs - qint64(maxAgeDays) * 86400000));
    }
    if (maxCount > 0) {
        cutoff = std::max(
                cutoff,
                scalar(db, "SELECT id FROM messages ORDER BY id DESC LIMIT 1 OFFSET ?", maxCount));
    }
    if (maxCutoff > 0)
        cutoff = std::min(cutoff, maxCutoff); // a part of them now, the rest later
    if (cutoffOut)
        *cutoffOut = cutoff;
    if (cutoff == 0)
        return 0;
    // The search index holds the text of the rows up to indexedId: they leave it too.
    sqlite3_stmt *unindex = nullptr;
    sqlite3_stmt *remove = nullptr;
    bool ok = sqlite3_prepare_v2(db,
                                 "INSERT INTO messages_fts (messages_fts, rowid, text) SELECT "
                                 "'delete', id, text FROM messages WHERE id <= ?",
                                 -1, &unindex, nullptr)
                      == SQLITE_OK
              && sqlite3_prepare_v2(db, "DELETE FROM messages WHERE id <= ?", -1, &remove, nullptr)
                         == SQLITE_OK;
    qint64 removed = 0;
    if (ok) {
        sqlite3_bind_int64(unindex, 1, qint64(std::min(cutoff, indexedId)));
        sqlite3_bind_int64(remove, 1, qint64(cutoff));
        ok = sqlite3_step(unindex) == SQLITE_DONE && sqlite3_step(remove) == SQLITE_DONE;
        if (ok)
            removed = sqlite3_changes64(db);
    }
    if (!ok && error)
        *error = errorOf(db);
    sqlite3_finalize(unindex);
    sqlite3_finalize(remove);
    return ok ? removed : -1;
}

bool trimPeers(sqlite3 *db, int maxPeers, QString *error)
{
    if (scalar(db, "SELECT COUNT(*) FROM peers WHERE favourite = 0 AND name = ''")
        <= quint64(maxPeers))
        return true;
    sqlite3_stmt *trim = nullptr;
    bool ok = sqlite3_prepare_v2(db,
                                 "DELETE FROM peers WHERE address IN (SELECT address FROM peers "
                                 "WHERE favourite = 0 AND name = '' ORDER BY last_ms DESC "
                                 "LIMIT -1 OFFSET ?)",
                                 -1, &trim, nullptr)
              == SQLITE_OK;
    if (ok) {
        sqlite3_bind_int(trim, 1, maxPeers);
        ok = sqlite3_step(trim) == SQLITE_DONE;
    }
    if (!ok && error)
        *error = errorOf(db);
    sqlite3_finalize(trim);
    return ok;
}

} // namespace HistorySql
