#include "core/history/historyqueries.h"

#include <QDateTime>
#include <QHostAddress>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <limits>
#include <sqlite3.h>

namespace {
constexpr int kDirectionIncoming = 0;
constexpr int kDirectionOutgoing = 1;

const QString kColumns = QStringLiteral("m.id, m.time_ms, m.direction, m.status, m.peer, m.port, "
                                        "m.encoding, m.payload, m.text, m.clean, m.error, "
                                        "m.mode, m.address, m.name");

// The filter's peer and direction as SQL conditions on m, with their values in order.
QString otherConditions(const HistoryStore::Filter &filter, QVariantList *values)
{
    QString sql;
    if (!filter.peer.isEmpty()) {
        sql += QStringLiteral(" AND m.peer = ?");
        values->append(filter.peer);
    }
    if (filter.mode) {
        sql += QStringLiteral(" AND m.mode = ?");
        values->append(*filter.mode == ChatMessage::Channel::IpMsg ? 1 : 0);
    }
    if (filter.direction) {
        sql += QStringLiteral(" AND m.direction = ?");
        values->append(*filter.direction == ChatMessage::Direction::Incoming ? kDirectionIncoming
                                                                             : kDirectionOutgoing);
    }
    return sql;
}

QString matchPhrase(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

// udpchat_contains(text, needle): whether @p needle occurs in the text, with Unicode case
// folding (Ä/ä, Σ/σ), literally (no wildcards).
void containsFunction(sqlite3_context *context, int, sqlite3_value **values)
{
    auto *needle = static_cast<QString *>(sqlite3_get_auxdata(context, 1));
    if (!needle) {
        const auto *bytes =
                static_cast<const char *>(static_cast<const void *>(sqlite3_value_text(values[1])));
        auto *made = new QString(QString::fromUtf8(bytes, sqlite3_value_bytes(values[1])));
        sqlite3_set_auxdata(context, 1, made, [](void *p) { delete static_cast<QString *>(p); });
        needle = static_cast<QString *>(sqlite3_get_auxdata(context, 1));
        if (!needle) { // not kept (out of memory): use it once
            sqlite3_result_int(context, 0);
            return;
        }
    }
    const auto *text =
            static_cast<const char *>(static_cast<const void *>(sqlite3_value_text(values[0])));
    const int size = sqlite3_value_bytes(values[0]);
    sqlite3_result_int(
            context, QString::fromUtf8(text, size).contains(*needle, Qt::CaseInsensitive) ? 1 : 0);
}

sqlite3 *handleOf(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        return *static_cast<sqlite3 *const *>(handle.constData());
    return nullptr;
}
qint64 clampedId(quint64 id)
{
    return static_cast<qint64>(std::min<quint64>(id, quint64(std::numeric_limits<qint64>::max())));
}

// Runs @p sql with @p values bound in order and appends its records to @p result; on failure
// @p problem gets why.
void runSelect(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
               QList<ChatMessage> *result, QString *problem)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        *problem = query.lastError().text();
        return;
    }
    HistoryQueries::readRows(query, result);
}

QString orderOf(const HistoryQueries::Span &span)
{
    return span.newestFirst ? QStringLiteral("DESC") : QStringLiteral("ASC");
}

// The part of @p span the search index covers (ids up to @p indexed), through the index.
void selectIndexed(const QSqlDatabase &db, const HistoryStore::Filter &filter,
                   const HistoryQueries::Span &span, quint64 indexed, QList<ChatMessage> *result,
                   QString *problem)
{
    QVariantList values{matchPhrase(filter.text), clampedId(span.lowId),
                        clampedId(std::min(span.highId, indexed))};
    const QString other = otherConditions(filter, &values);
    values.append(filter.text);
    runSelect(db,
              QStringLiteral("SELECT %1 FROM messages_fts JOIN messages m ON m.id = "
                             "messages_fts.rowid WHERE messages_fts MATCH ? AND messages_fts.rowid "
                             ">= ? AND messages_fts.rowid <= ?%2 AND udpchat_contains(m.text, ?) "
                             "ORDER BY messages_fts.rowid %3 LIMIT %4")
                      .arg(kColumns, other, orderOf(span))
                      .arg(span.limit),
              values, result, problem);
}

// Ids from @p low to @p high looked at directly (the text, if any, with udpchat_contains).
void selectScanned(const QSqlDatabase &db, const HistoryStore::Filter &filter,
                   const HistoryQueries::Span &span, quint64 low, quint64 high,
                   QList<ChatMessage> *result, QString *problem)
{
    if (low > high)
        return;
    QVariantList values{clampedId(low), clampedId(high)};
    QString conditions = otherConditions(filter, &values);
    if (!filter.text.isEmpty()) {
        conditions += QStringLiteral(" AND udpchat_contains(m.text, ?)");
        values.append(filter.text);
    }
    runSelect(db,
              QStringLiteral("SELECT %1 FROM messages m WHERE m.id >= ? AND m.id <= ?%2 ORDER BY "
                             "m.id %3 LIMIT %4")
                      .arg(kColumns, conditions, orderOf(span))
                      .arg(span.limit),
              values, result, problem);
}

} // namespace

namespace HistoryQueries {

void addFunctions(const QSqlDatabase &db)
{
    if (sqlite3 *handle = handleOf(db)) {
        sqlite3_create_function_v2(handle, "udpchat_contains", 2,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, &containsFunction,
                                   nullptr, nullptr, nullptr);
    }
}

bool indexable(const QString &text)
{
    // The trigram index finds substrings of 3 characters or more.
    return !text.isEmpty() && text.toUcs4().size() >= 3;
}

void readRows(QSqlQuery &query, QList<ChatMessage> *result)
{
    while (query.next()) {
        // Validated like a datagram: a record that makes no sense is skipped.
        const int direction = query.value(2).toInt();
        const int status = query.value(3).toInt();
        const int port = query.value(5).toInt();
        const int mode = query.value(11).toInt();
        // IP Messenger: the peer column is the person, the address has its own.
        const QString peer = query.value(4).toString();
        const QHostAddress address(mode == 1 ? query.value(12).toString() : peer);
        if ((direction != kDirectionIncoming && direction != kDirectionOutgoing) || status < 0
            || status > static_cast<int>(ChatMessage::Status::Read) || port < 0 || port > 65535
            || address.isNull() || (mode != 0 && mode != 1)
            || (mode == 1 && (peer.isEmpty() || peer.size() > 1024)))
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
        if (mode == 1) {
            m.channel = ChatMessage::Channel::IpMsg;
            m.conversation = peer;
            m.peerName = query.value(13).toString().left(200);
        }
        result->append(m);
    }
}

QString select(const QSqlDatabase &db, const HistoryStore::Filter &filter, const Span &span,
               quint64 indexed, QList<ChatMessage> *result)
{
    QString problem;
    // The index covers the ids up to indexedId (read before the query: it only grows).
    const bool useIndex = !filter.text.isEmpty() && indexable(filter.text) && indexed >= span.lowId;
    if (!useIndex) {
        selectScanned(db, filter, span, span.lowId, span.highId, result, &problem);
        return problem;
    }
    const quint64 scanLow = indexed + 1;
    if (span.newestFirst) {
        selectScanned(db, filter, span, scanLow, span.highId, result, &problem);
        if (result->size() < span.limit)
            selectIndexed(db, filter, span, indexed, result, &problem);
    } else {
        selectIndexed(db, filter, span, indexed, result, &problem);
        selectScanned(db, filter, span, scanLow, span.highId, result, &problem);
    }
    return problem;
}

qint64 count(const QSqlDatabase &db, const HistoryStore::Filter &filter, quint64 firstQueued)
{
    QVariantList values;
    QString conditions = otherConditions(filter, &values);
    if (!filter.text.isEmpty()) {
        conditions += QStringLiteral(" AND udpchat_contains(m.text, ?)");
        values.append(filter.text);
    }
    if (firstQueued > 0) {
        conditions += QStringLiteral(" AND m.id < ?");
        values.append(static_cast<qint64>(firstQueued));
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM messages m WHERE 1%1").arg(conditions));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (query.exec() && query.next())
        return query.value(0).toLongLong();
    return 0;
}

} // namespace HistoryQueries
