// The window while it receives files over IP Messenger (issue 17): the real window, built by
// Application as main() builds it (default settings, history on), in IP Messenger mode. When an
// offer arrives, Save All is triggered as a click on the bubble would; while the transfer runs a
// 1 ms timer measures how long the event loop stalls. Prints the time, the rate and the stalls,
// then exits (status 0 when everything was saved).
//
//   bench_transfer_window --folder DIR [--profile DIR] [--timeout-ms N] [--loopback]
//
// Run it on a lan-sim host, with `udpchat-cli ipmsg send --to THAT_HOST --file …` on another
// (tests/bench/bench_window_files_lansim.sh does). --loopback, for a profiler on one machine:
// IP Messenger mode is switched on only after its broadcast list is emptied, so the window
// announces itself to no one and answers only who writes to it (`udpchat-cli ipmsg send --to
// 127.0.0.1:2425`); not the figure of record, which is the window as main() builds it.

#include "app/application.h"
#include "core/ipmsg/ipmsgchat.h"
#include "core/ipmsg/ipmsgoffers.h"
#include "tests/support/offerbuttons.h"
#include "ui/ipmsg/ipmsgpanel.h"
#include "ui/ipmsg/offeractions.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {
// A 1 ms timer: how much later than its period each tick came.
class StallProbe
{
public:
    void start()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_stalls.push_back(std::max<qint64>(0, now - m_last - 1000000));
            m_at.push_back(now);
            m_last = now;
        });
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    // The @p q quantile of the stalls, in ms.
    double quantile(double q)
    {
        if (m_stalls.empty())
            return 0;
        std::vector<qint64> sorted = m_stalls;
        std::sort(sorted.begin(), sorted.end());
        const size_t i = std::min(sorted.size() - 1, size_t(q * double(sorted.size())));
        return double(sorted[i]) / 1e6;
    }
    size_t ticks() const { return m_stalls.size(); }
    // The @p n longest stalls: "length@when" in ms since the start.
    QString longest(int n) const
    {
        std::vector<size_t> order(m_stalls.size());
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::sort(order.begin(), order.end(),
                  [this](size_t a, size_t b) { return m_stalls[a] > m_stalls[b]; });
        QStringList parts;
        for (size_t i = 0; i < order.size() && int(i) < n; ++i) {
            parts << QStringLiteral("%1@%2")
                             .arg(double(m_stalls[order[i]]) / 1e6, 0, 'f', 1)
                             .arg(double(m_at[order[i]]) / 1e6, 0, 'f', 0);
        }
        return parts.join(u' ');
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    std::vector<qint64> m_stalls;
    std::vector<qint64> m_at;
};
} // namespace

int main(int argc, char *argv[])
{
    QApplication qtApp(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption folderOption(QStringLiteral("folder"),
                                          QStringLiteral("save received files in DIR"),
                                          QStringLiteral("DIR"));
    const QCommandLineOption profileOption(QStringLiteral("profile"),
                                           QStringLiteral("the window's profile (default: a "
                                                          "temporary one)"),
                                           QStringLiteral("DIR"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout-ms"),
                                           QStringLiteral("give up after N ms"),
                                           QStringLiteral("N"), QStringLiteral("300000"));
    const QCommandLineOption loopbackOption(QStringLiteral("loopback"),
                                            QStringLiteral("announce to no one (see above)"));
    parser.addOptions({folderOption, profileOption, timeoutOption, loopbackOption});
    parser.addHelpOption();
    parser.process(qtApp);
    if (!parser.isSet(folderOption)) {
        std::fprintf(stderr, "--folder is needed\n");
        return 2;
    }
    QTemporaryDir temporary;
    const QString profile =
            parser.isSet(profileOption) ? parser.value(profileOption) : temporary.path();
    const bool loopback = parser.isSet(loopbackOption);
    // --loopback: plain mode first, so that IP Messenger mode starts with no broadcast list.
    Application app(loopback ? CommandLine::parse(
                            {QStringLiteral("udpchat"), QStringLiteral("--profile"), profile,
                             QStringLiteral("--mode"), QStringLiteral("plain"),
                             QStringLiteral("--nickname"), QStringLiteral("Receiver")})
                             : ipmsgWindowOptions(profile, QStringLiteral("Receiver")));
    if (loopback) {
        app.ipmsg().setBroadcastTargets({});
        app.window().setMode(MainWindow::Mode::IpMsg, false);
    }
    app.window().show();
    IpMsgPanel *panel = app.window().ipmsgPanel();
    panel->setDownloadFolder(parser.value(folderOption));
    IpMsgOffers *offers = panel->chat().offers();

    StallProbe probe;
    QElapsedTimer clock;
    qint64 bytes = 0;
    int status = 1;
    QObject::connect(&panel->chat(), &IpMsgChat::messagesReceived, offers,
                     [&](const QList<ChatMessage> &messages) {
                         for (const ChatMessage &m : messages) {
                             if (!offers->canSave(m.id))
                                 continue;
                             std::printf("offer: %s\n", qPrintable(m.text.section(u'\n', 1)));
                             clock.start();
                             probe.start();
                             panel->offerActions()->trigger(m.id, OfferActions::Action::SaveAll);
                         }
                     });
    QObject::connect(offers, &IpMsgOffers::progress, offers,
                     [&](quint64, const QString &, qint64 done, qint64) { bytes = done; });
    QObject::connect(offers, &IpMsgOffers::finished, offers,
                     [&](quint64, bool ok, const QString &sentence) {
                         probe.stop();
                         const qint64 ms = std::max<qint64>(1, clock.elapsed());
                         std::printf("%s\nwindow: %lld ms, last file %.1f MiB, %zu probe ticks, "
                                     "stall p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                                     qPrintable(sentence), static_cast<long long>(ms),
                                     double(bytes) / 1048576.0, probe.ticks(), probe.quantile(0.5),
                                     probe.quantile(0.99), probe.quantile(1.0));
                         std::printf("longest stalls (ms@ms): %s\n", qPrintable(probe.longest(5)));
                         status = ok ? 0 : 1;
                         QCoreApplication::quit();
                     });
    QTimer::singleShot(parser.value(timeoutOption).toInt(), &qtApp, [] {
        std::fprintf(stderr, "timeout\n");
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    std::fflush(stdout);
    return status;
}
