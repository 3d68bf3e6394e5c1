// History figures for the README: insert throughput, database size, and start-up time and memory
// of the window with a large history versus an empty one.
//
//   bench_history fill DATABASE COUNT [LIMIT]
//                                          append COUNT messages (batches as under a flood),
//                                          keeping at most LIMIT (0, the default: no limit);
//                                          with a LIMIT, as the window records (no flush()
//                                          between batches: the time until all is on disk)
//   bench_history search DATABASE TEXT     search the whole history as the window does
//   bench_history startup DATABASE         open the history and show the window; print the time
//                                          to the first shown page and the resident memory
//   bench_history compare COUNT [RUNS]     in one run: COUNT messages through HistoryStore (its
//                                          writer thread) and, into a second database with the
//                                          same schema, through SQLite's C API alone (one
//                                          prepared statement, the same batch size, WAL,
//                                          synchronous=NORMAL); prints both rates and the ratio
//   bench_history index DATABASE           wait until the full-text index covers every message;
//                                          print how fast it caught up
//   bench_history backlog COUNT            COUNT messages recorded at once; how long a page and a
//                                          search take while the backlog is being written
// Run with QT_QPA_PLATFORM=offscreen. Prints key=value lines.

#include "core/config/settings.h"
#include "core/config/settingssaver.h"
#include "core/history/historysearch.h"
#include "core/history/historystore.h"
#include "core/ipmsg/ipmsgchat.h"
#include "core/ipmsg/ipmsgsession.h"
#include "core/session/chatsession.h"
#include "core/session/encodingpolicy.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <sqlite3.h>
#include <vector>

namespace {
long residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

int fill(const QString &path, qint64 count, qint64 limit)
{
    HistoryStore store;
    if (!store.open(path)) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error()));
        return 1;
    }
    store.setLimits(limit, 0);
    quint64 id = store.lastId() + 1;
    const QStringList peers{QStringLiteral("10.0.0.5"), QStringLiteral("10.0.0.6"),
                            QStringLiteral("2001:db8::7"), QStringLiteral("192.168.1.20")};
    QElapsedTimer timer;
    timer.start();
    qint64 written = 0;
    qint64 worstFlushMs = 0;
    const qint64 batch = HistoryStore::MaxRowsPerTransaction; // one transaction each
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-count / 10);
    while (written < count) {
        QList<ChatMessage> messages;
        const qint64 n = std::min(batch, count - written);
        for (qint64 i = 0; i < n; ++i, ++id) {
            ChatMessage m;
            m.id = id;
            m.direction = id % 3 == 0 ? ChatMessage::Direction::Outgoing
                                      : ChatMessage::Direction::Incoming;
            m.status = m.isIncoming() ? ChatMessage::Status::Received : ChatMessage::Status::Sent;
            m.peerAddress = QHostAddress(peers.at(int(id % 4)));
            m.peerPort = 6666;
            m.time = start.addMSecs(qint64(id) * 100);
            m.text = QStringLiteral("message number %1 with some ordinary chat text").arg(id);
            m.payload = m.text.toUtf8();
            m.encoding = QStringLiteral("UTF-8");
            messages.append(m);
        }
        store.record(messages);
        written += n;
        if (limit > 0)
            continue;
        QElapsedTimer flushTimer;
        flushTimer.start();
        store.flush();
        worstFlushMs = std::max(worstFlushMs, flushTimer.elapsed());
    }
    while (store.lastFlushedId() < id - 1)
        QTest::qWait(1);
    const qint64 ms = timer.elapsed();
    std::printf(
            "messages=%lld\nseconds=%.2f\nmessages_per_second=%.0f\nworst_transaction_ms=%lld\n",
            static_cast<long long>(written), double(ms) / 1000.0,
            double(written) * 1000.0 / double(std::max<qint64>(ms, 1)),
            static_cast<long long>(worstFlushMs));
    return 0;
}

QList<ChatMessage> makeMessages(quint64 firstId, qint64 count)
{
    const QList<QHostAddress> peers{QHostAddress(QStringLiteral("10.0.0.5")),
                                    QHostAddress(QStringLiteral("10.0.0.6")),
                                    QHostAddress(QStringLiteral("2001:db8::7")),
                                    QHostAddress(QStringLiteral("192.168.1.20"))};
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-count / 10);
    QList<ChatMessage> messages;
    messages.reserve(count);
    for (quint64 id = firstId; id < firstId + quint64(count); ++id) {
        ChatMessage m;
        m.id = id;
        m.direction =
                id % 3 == 0 ? ChatMessage::Direction::Outgoing : ChatMessage::Direction::Incoming;
        m.status = m.isIncoming() ? ChatMessage::Status::Received : ChatMessage::Status::Sent;
        m.peerAddress = peers.at(int(id % 4));
        m.peerPort = 6666;
        m.time = start.addMSecs(qint64(id) * 100);
        m.text = QStringLiteral("message number %1 with some ordinary chat text").arg(id);
        m.payload = m.text.toUtf8();
        m.encoding = QStringLiteral("UTF-8");
        messages.append(m);
    }
    return messages;
}

// SQLite alone: the rows prepared as UTF-8 beforehand, one prepared statement, batches of
// HistoryStore::MaxRowsPerTransaction with the same per-batch peers update, WAL, NORMAL.
double cBaseline(const QString &path, const QList<ChatMessage> &messages)
{
    struct Row
    {
        qint64 id, ms;
        int direction, status, port;
        QByteArray peer, encoding, payload, text;
    };
    std::vector<Row> rows;
    rows.reserve(size_t(messages.size()));
    for (const ChatMessage &m : messages) {
        rows.push_back(Row{qint64(m.id), m.time.toMSecsSinceEpoch(), m.isIncoming() ? 0 : 1,
                           int(m.status), m.peerPort, m.peerAddress.toString().toUtf8(),
                           m.encoding.toUtf8(), m.payload, m.text.toUtf8()});
    }
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr)
        != SQLITE_OK)
        return 0;
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL", nullptr, nullptr,
                 nullptr);
    sqlite3_stmt *insert = nullptr;
    sqlite3_stmt *peer = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT OR REPLACE INTO messages (id, time_ms, direction, status, peer, "
                       "port, encoding, payload, text, clean, error) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, '')",
                       -1, &insert, nullptr);
    sqlite3_prepare_v2(db,
                       "INSERT INTO peers (address, last_port, last_ms, messages) VALUES (?, ?, "
                       "?, ?) ON CONFLICT(address) DO UPDATE SET last_port = excluded.last_port, "
                       "last_ms = MAX(last_ms, excluded.last_ms), messages = messages + "
                       "excluded.messages",
                       -1, &peer, nullptr);
    QElapsedTimer timer;
    timer.start();
    const size_t batch = HistoryStore::MaxRowsPerTransaction;
    for (size_t first = 0; first < rows.size(); first += batch) {
        sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        const size_t end = std::min(rows.size(), first + batch);
        for (size_t i = first; i < end; ++i) {
            const Row &r = rows[i];
            sqlite3_bind_int64(insert, 1, r.id);
            sqlite3_bind_int64(insert, 2, r.ms);
            sqlite3_bind_int(insert, 3, r.direction);
            sqlite3_bind_int(insert, 4, r.status);
            sqlite3_bind_text(insert, 5, r.peer.constData(), int(r.peer.size()), SQLITE_STATIC);
            sqlite3_bind_int(insert, 6, r.port);
            sqlite3_bind_text(insert, 7, r.encoding.constData(), int(r.encoding.size()),
                              SQLITE_STATIC);
            sqlite3_bind_blob(insert, 8, r.payload.constData(), int(r.payload.size()),
                              SQLITE_STATIC);
            sqlite3_bind_text(insert, 9, r.text.constData(), int(r.text.size()), SQLITE_STATIC);
            sqlite3_step(insert);
            sqlite3_reset(insert);
        }
        for (int p = 0; p < 4; ++p) {
            const Row &r = rows[first + size_t(p) % (end - first)];
            sqlite3_bind_text(peer, 1, r.peer.constData(), int(r.peer.size()), SQLITE_STATIC);
            sqlite3_bind_int(peer, 2, r.port);
            sqlite3_bind_int64(peer, 3, r.ms);
            sqlite3_bind_int64(peer, 4, qint64(end - first) / 4);
            sqlite3_step(peer);
            sqlite3_reset(peer);
        }
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    const qint64 ns = timer.nsecsElapsed();
    sqlite3_finalize(insert);
    sqlite3_finalize(peer);
    sqlite3_close(db);
    return double(rows.size()) * 1e9 / double(std::max<qint64>(ns, 1));
}

// HistoryStore as the window uses it: record() in the model's batches, then wait for the writer.
double storeRate(const QString &path, const QList<ChatMessage> &messages, qint64 *worstRecordUs)
{
    HistoryStore store;
    if (!store.open(path))
        return 0;
    store.setMaxPendingBytes(qint64(1) << 40); // the whole run queued: the writer's own speed
    QElapsedTimer timer;
    timer.start();
    const int chunk = 256;
    for (qsizetype first = 0; first < messages.size(); first += chunk) {
        QElapsedTimer call;
        call.start();
        store.record(messages.mid(first, chunk));
        *worstRecordUs = std::max(*worstRecordUs, call.nsecsElapsed() / 1000);
    }
    store.flush();
    const qint64 ns = timer.nsecsElapsed();
    return double(messages.size()) * 1e9 / double(std::max<qint64>(ns, 1));
}

int compare(qint64 count, int runs)
{
    const QList<ChatMessage> messages = makeMessages(1, count);
    std::printf("messages=%lld\nbatch=%d\n", static_cast<long long>(count),
                HistoryStore::MaxRowsPerTransaction);
    for (int run = 1; run <= runs; ++run) {
        QTemporaryDir dir;
        const QString ours = dir.filePath(QStringLiteral("store.sqlite"));
        const QString theirs = dir.filePath(QStringLiteral("capi.sqlite"));
        {
            HistoryStore schema; // the same schema, made by udpchat
            if (!schema.open(theirs))
                return 1;
        }
        qint64 worstRecordUs = 0;
        // Alternated, so neither always runs on a warmer (or busier) machine.
        double store = 0;
        double baseline = 0;
        if (run % 2) {
            baseline = cBaseline(theirs, messages);
            store = storeRate(ours, messages, &worstRecordUs);
        } else {
            store = storeRate(ours, messages, &worstRecordUs);
            baseline = cBaseline(theirs, messages);
        }
        std::printf("run=%d store_rows_per_s=%.0f c_api_rows_per_s=%.0f ratio=%.2f "
                    "worst_record_call_us=%lld\n",
                    run, store, baseline, baseline > 0 ? store / baseline : 0.0,
                    static_cast<long long>(worstRecordUs));
        std::fflush(stdout);
    }
    return 0;
}

// A backlog of COUNT rows recorded at once: a page and a search answer while it is written.
int backlog(qint64 count)
{
    QTemporaryDir dir;
    HistoryStore store;
    if (!store.open(dir.filePath(QStringLiteral("h.sqlite"))))
        return 1;
    store.setMaxPendingBytes(qint64(1) << 40);
    QList<ChatMessage> messages = makeMessages(1, count);
    messages[int(count / 2)].text = QStringLiteral("a needle in the backlog");
    QElapsedTimer timer;
    timer.start();
    store.record(messages);
    const qint64 recordMs = timer.restart();
    const QList<ChatMessage> page = store.page({}, quint64(count / 4), 200);
    const qint64 pageUs = timer.nsecsElapsed() / 1000;
    const quint64 writtenAtPage = store.lastFlushedId();
    timer.restart();
    HistoryStore::Filter filter;
    filter.text = QStringLiteral("NEEDLE");
    const QList<ChatMessage> found = store.page(filter, 0, 10);
    const qint64 searchUs = timer.nsecsElapsed() / 1000;
    const quint64 writtenAtSearch = store.lastFlushedId();
    timer.restart();
    store.flush();
    std::printf("backlog=%lld\nrecord_ms=%lld\npage_us=%lld\npage_rows=%lld\n"
                "written_when_page_answered=%llu\nsearch_us=%lld\nsearch_results=%lld\n"
                "written_when_search_answered=%llu\nrest_of_backlog_written_ms=%lld\n",
                static_cast<long long>(count), static_cast<long long>(recordMs),
                static_cast<long long>(pageUs), static_cast<long long>(page.size()),
                static_cast<unsigned long long>(writtenAtPage), static_cast<long long>(searchUs),
                static_cast<long long>(found.size()),
                static_cast<unsigned long long>(writtenAtSearch),
                static_cast<long long>(timer.elapsed()));
    return 0;
}

int index(const QString &path)
{
    HistoryStore store;
    if (!store.open(path))
        return 1;
    const quint64 from = store.indexedId();
    QElapsedTimer timer;
    timer.start();
    while (store.indexedId() < store.lastId())
        QTest::qWait(50);
    const qint64 ms = timer.elapsed();
    std::printf("indexed_from=%llu\nindexed_to=%llu\nseconds=%.2f\nrows_per_second=%.0f\n"
                "database_bytes=%lld\n",
                static_cast<unsigned long long>(from),
                static_cast<unsigned long long>(store.indexedId()), double(ms) / 1000.0,
                double(store.indexedId() - from) * 1000.0 / double(std::max<qint64>(ms, 1)),
                static_cast<long long>(QFileInfo(path).size()));
    return 0;
}

int startup(const QString &path)
{
    QElapsedTimer timer;
    timer.start();
    QTemporaryDir dir;
    QSettings store(dir.filePath(QStringLiteral("udpchat.conf")), QSettings::IniFormat);
    Settings settings(store);
    HistoryStore history;
    if (!history.open(path)) {
        std::fprintf(stderr, "%s\n", qPrintable(history.error()));
        return 1;
    }
    const qint64 openMs = timer.elapsed();
    ChatSession session;
    session.setHistory(&history);
    IpMsgSession ipmsgSession;
    IpMsgChat ipmsg(ipmsgSession);
    SettingsSaver saver(settings);
    EncodingPolicy encodings(session, settings, saver);
    MainWindow window(session, ipmsg, saver, encodings);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    QCoreApplication::processEvents();
    const qint64 shownMs = timer.elapsed();
    std::printf("history_open_ms=%lld\nwindow_shown_ms=%lld\nrows_loaded=%d\nrss_kib=%ld\n"
                "database_bytes=%lld\n",
                static_cast<long long>(openMs), static_cast<long long>(shownMs),
                session.messages()->rowCount(), residentKiB(),
                static_cast<long long>(QFileInfo(path).size()));
    return 0;
}
int search(const QString &path, const QString &text)
{
    HistoryStore store;
    if (!store.open(path)) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error()));
        return 1;
    }
    HistorySearch search;
    HistoryStore::Filter filter;
    filter.text = text;
    QElapsedTimer timer;
    QElapsedTimer slice;
    qint64 worstSliceMs = 0;
    int slices = 0;
    // Each event-loop turn of the search is one slice: measure the longest.
    QTimer probe;
    probe.setInterval(0);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        worstSliceMs = std::max(worstSliceMs, slice.restart());
        ++slices;
    });
    qint64 firstResultMs = -1;
    QObject::connect(&search, &HistorySearch::found, [&] {
        if (firstResultMs < 0)
            firstResultMs = timer.elapsed();
    });
    QObject::connect(&search, &HistorySearch::finished, &QCoreApplication::quit);
    timer.start();
    slice.start();
    probe.start();
    search.start(&store, filter);
    QCoreApplication::exec();
    std::printf("first_results_ms=%lld\nindexed=%llu of %llu\nsearch_ms=%lld\nresults=%lld\n"
                "event_loop_turns=%d\nlongest_turn_ms=%lld\n",
                static_cast<long long>(firstResultMs),
                static_cast<unsigned long long>(store.indexedId()),
                static_cast<unsigned long long>(store.lastId()),
                static_cast<long long>(timer.elapsed()),
                static_cast<long long>(search.results().size()), slices,
                static_cast<long long>(worstSliceMs));
    return 0;
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() >= 4 && args.at(1) == QStringLiteral("fill"))
        return fill(args.at(2), args.at(3).toLongLong(),
                    args.size() >= 5 ? args.at(4).toLongLong() : 0);
    if (args.size() >= 4 && args.at(1) == QStringLiteral("search"))
        return search(args.at(2), args.at(3));
    if (args.size() >= 3 && args.at(1) == QStringLiteral("startup"))
        return startup(args.at(2));
    if (args.size() >= 3 && args.at(1) == QStringLiteral("compare"))
        return compare(args.at(2).toLongLong(), args.size() >= 4 ? args.at(3).toInt() : 3);
    if (args.size() >= 3 && args.at(1) == QStringLiteral("index"))
        return index(args.at(2));
    if (args.size() >= 3 && args.at(1) == QStringLiteral("backlog"))
        return backlog(args.at(2).toLongLong());
    std::fputs(
            "usage: bench_history fill DATABASE COUNT | search DATABASE TEXT | startup DATABASE | "
            "compare COUNT [RUNS] | backlog COUNT\n",
            stderr);
    return 2;
}
