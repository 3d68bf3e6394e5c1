// History figures for the README: insert throughput, database size, and start-up time and memory
// of the window with a large history versus an empty one.
//
//   bench_history fill DATABASE COUNT      append COUNT messages (batches as under a flood)
//   bench_history search DATABASE TEXT     search the whole history as the window does
//   bench_history startup DATABASE         open the history and show the window; print the time
//                                          to the first shown page and the resident memory
// Run with QT_QPA_PLATFORM=offscreen. Prints key=value lines.

#include "core/config/settings.h"
#include "core/config/settingssaver.h"
#include "core/history/historysearch.h"
#include "core/history/historystore.h"
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

int fill(const QString &path, qint64 count)
{
    HistoryStore store;
    if (!store.open(path)) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error()));
        return 1;
    }
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
        QElapsedTimer flushTimer;
        flushTimer.start();
        store.flush();
        worstFlushMs = std::max(worstFlushMs, flushTimer.elapsed());
        written += n;
    }
    const qint64 ms = timer.elapsed();
    std::printf(
            "messages=%lld\nseconds=%.2f\nmessages_per_second=%.0f\nworst_transaction_ms=%lld\n",
            static_cast<long long>(written), double(ms) / 1000.0,
            double(written) * 1000.0 / double(std::max<qint64>(ms, 1)),
            static_cast<long long>(worstFlushMs));
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
    IpMsgSession ipmsg;
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
    QObject::connect(&search, &HistorySearch::finished, &QCoreApplication::quit);
    timer.start();
    slice.start();
    probe.start();
    search.start(&store, filter);
    QCoreApplication::exec();
    std::printf("search_ms=%lld\nresults=%lld\nevent_loop_turns=%d\nlongest_turn_ms=%lld\n",
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
        return fill(args.at(2), args.at(3).toLongLong());
    if (args.size() >= 4 && args.at(1) == QStringLiteral("search"))
        return search(args.at(2), args.at(3));
    if (args.size() >= 3 && args.at(1) == QStringLiteral("startup"))
        return startup(args.at(2));
    std::fputs("usage: bench_history fill DATABASE COUNT | startup DATABASE\n", stderr);
    return 2;
}
