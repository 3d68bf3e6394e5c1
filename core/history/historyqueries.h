#pragma once

#include "core/chat/chatmessage.h"
#include "core/history/historystore.h"

#include <QList>
#include <QString>

class QSqlDatabase;
class QSqlQuery;

/// The history's reads on its database: the SQL of HistoryStore's queries, the search through
/// the trigram index where it covers the ids and a scan where it does not, and the records read
/// back as strictly as datagrams. HistoryStore adds what its writer still queues.
namespace HistoryQueries {

/// Ids from lowId to highId, the newest or the oldest first, at most limit.
struct Span
{
    quint64 lowId = 0;
    quint64 highId = 0;
    bool newestFirst = false;
    int limit = 0;
};

/// Adds udpchat_contains(text, needle) to @p db: a literal substring match with Unicode case
/// folding (Ä/ä, Σ/σ), which SQLite's LIKE does not do.
void addFunctions(const QSqlDatabase &db);
/// Appends to @p result the stored messages that match @p filter in @p span, through the search
/// index for the ids up to @p indexedId. Returns why the database could not be read, or "".
QString select(const QSqlDatabase &db, const HistoryStore::Filter &filter, const Span &span,
               quint64 indexedId, QList<ChatMessage> *result);
/// How many stored messages below @p belowId (0: all) match @p filter.
qint64 count(const QSqlDatabase &db, const HistoryStore::Filter &filter, quint64 belowId);
/// The records of @p query, validated: one that makes no sense is skipped.
void readRows(QSqlQuery &query, QList<ChatMessage> *result);
/// Whether the trigram index can find @p text (3 characters or more).
bool indexable(const QString &text);

} // namespace HistoryQueries
