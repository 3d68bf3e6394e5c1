#pragma once

#include <QString>

struct sqlite3;
struct sqlite3_stmt;

/// SQLite's C API as the history's writer uses it: statements, the search index and pruning.
/// Everything runs on the writer's connection, on its thread.
namespace HistorySql {

QString errorOf(sqlite3 *db);
/// Runs @p sql; false with SQLite's message in @p error (when not null).
bool exec(sqlite3 *db, const char *sql, QString *error);
/// Binds @p text (UTF-16, not copied: it must live until the statement has run); "" for empty.
void bindString(sqlite3_stmt *statement, int index, const QString &text);
/// A persistent prepared statement, or null with the reason in @p error.
sqlite3_stmt *prepare(sqlite3 *db, const char *sql, QString *error);
/// The first column of the first row of @p sql (with @p bound as its parameter when >= 0), 0
/// when there is none.
quint64 scalar(sqlite3 *db, const char *sql, qint64 bound = -1);
/// Adds the row's text to the search index, or removes it (before the text changes).
bool indexRow(sqlite3 *db, quint64 id, bool add, QString *error);
/// Indexes the rows with ids in (@p from, @p to] and records @p to, in one transaction.
bool indexRange(sqlite3 *db, quint64 from, quint64 to, QString *error);
/// Keeps at most @p maxPeers conversations that are neither named nor favourites, the most
/// recent; the older ones are deleted (not their messages).
bool trimPeers(sqlite3 *db, int maxPeers, QString *error);
/// Deletes the oldest messages beyond the limits, in the caller's transaction; returns how many,
/// or -1 with @p error. @p cutoff receives the newest id deleted; @p maxCutoff (0: none), when
/// given, is the newest that may go.
qint64 prune(sqlite3 *db, qint64 maxCount, int maxAgeDays, qint64 nowMs, quint64 indexedId,
             quint64 *cutoff, QString *error, quint64 maxCutoff = 0);

} // namespace HistorySql
