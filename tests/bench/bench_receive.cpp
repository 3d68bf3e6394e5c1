// Receive-path benchmark (Linux, loopback only). In one run it measures, for several payload
// sizes, offered rates and receive-buffer settings:
//   baseline  a C recvmmsg() loop, the most the machine can do;
//   core      udpchat's UdpChannel + ChatSession + MessageListModel, no window;
//   window    the same with the MainWindow shown (offscreen platform unless DISPLAY is used);
//   win+hist  the window with the history on, as users run it (a HistoryStore in a temporary
//             folder); the line after it says how much was stored and when it was all on disk;
//   grp core, grp win  core and window with the traffic sent to a multicast group they joined
//             on the loopback interface (239.255.77.250): the destination is read and counted
//             per group for every datagram;
//   c+sqlite  the baseline's loop writing every datagram as a history row through SQLite's C API
//             on the same thread (same schema, one prepared statement, 2,000 rows per
//             transaction, WAL, synchronous=NORMAL): what a plain C program with a history does.
// and prints offered / received / lost, the received rate and its ratio to the baseline, the
// event loop's worst and 99th-percentile stall (a 1 ms timer probe), the receive buffer the OS
// granted, RSS growth over 1,000,000 messages and start-up time against a bare window.
//
//   bench_receive [--seconds S] [--max-rows N] [--quick | --profile [core|window|history]
//                 [--payload N] [--rate R]
//                 | --startup-only | --group]
//
// Traffic goes only to 127.0.0.1 and every run is bounded in count and time.

#include "core/config/settings.h"
#include "core/config/settingssaver.h"
#include "core/history/historystore.h"
#include "core/ipmsg/ipmsgchat.h"
#include "core/ipmsg/ipmsgsession.h"
#include "core/session/chatsession.h"
#include "core/session/encodingpolicy.h"
#include "tests/bench/sendbatch.h"
#include "tests/loopback.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QUdpSocket>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {
using Clock = std::chrono::steady_clock;
constexpr quint32 kGroup = 0xefff4dfa; // 239.255.77.250, joined on the loopback interface

struct Step
{
    int payload = 32;
    int rate = 0; // datagrams per second; 0 = as fast as possible
    bool enlarged = false; // 4 MiB receive buffer requested, else the OS default
    bool group = false; // to kGroup on the loopback interface, else to 127.0.0.1
    double seconds = 2.0;
    long maxCount = 2'000'000;
};

struct Result
{
    long offered = 0;
    long received = 0;
    double elapsed = 0; // seconds from first send to last receive
    double worstStallMs = 0;
    double p99StallMs = 0;
    int bufferBytes = 0;
    // With a history:
    long stored = -1; ///< rows in the database at the end
    long unsaved = 0; ///< counted as not saved
    double writtenAfterMs = 0; ///< from the last datagram to the last row on disk
    // Lines "typed" during the flood (window rows): from when each was due to when it was sent.
    int typedLines = 0;
    double typedWorstMs = 0;
};

// Sends from its own thread, paced with sendmmsg batches.
class Sender
{
public:
    Sender(quint16 port, const Step &step) : m_port(port), m_step(step) { }
    ~Sender()
    {
        if (m_thread.joinable())
            m_thread.join();
    }
    void start()
    {
        m_thread = std::thread([this] { run(); });
    }
    bool done() const { return m_done.load(); }
    long offered() const { return m_offered.load(); }

private:
    void run()
    {
        pthread_setname_np(pthread_self(), "bench-sender");
        const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
        if (m_step.group) {
            ip_mreqn out{};
            out.imr_ifindex =
                    int(::if_nametoindex(Loopback::interfaceName().toLocal8Bit().constData()));
            ::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &out, sizeof out);
        }
        Bench::SendBatch batch(m_step.group ? kGroup : INADDR_LOOPBACK, m_port,
                               std::vector<char>(size_t(m_step.payload), 'x'));
        const long limit = m_step.rate > 0 ? std::min<long>(m_step.maxCount,
                                                            long(m_step.rate * m_step.seconds))
                                           : m_step.maxCount;
        const auto end = Clock::now()
                         + std::chrono::duration_cast<Clock::duration>(
                                 std::chrono::duration<double>(m_step.seconds));
        batch.sendPaced(fd, limit, m_step.rate, end, [this](long sent) { m_offered.store(sent); });
        ::close(fd);
        m_done.store(true);
    }

    quint16 m_port;
    Step m_step;
    std::thread m_thread;
    std::atomic<long> m_offered{0};
    std::atomic<bool> m_done{false};
};

int grantedBuffer(int fd)
{
    int value = 0;
    socklen_t length = sizeof value;
    ::getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &value, &length);
    return value;
}

// The rows of the C baseline with a history: one prepared INSERT, transactions of 2,000 rows.
class CHistory
{
public:
    explicit CHistory(const QString &path)
    {
        {
            HistoryStore schema; // udpchat's schema, made by udpchat
            schema.open(path);
        }
        sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE, nullptr);
        sqlite3_exec(m_db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL", nullptr, nullptr,
                     nullptr);
        sqlite3_prepare_v2(m_db,
                           "INSERT INTO messages (id, time_ms, direction, status, peer, port, "
                           "encoding, payload, text, clean, error) "
                           "VALUES (?, ?, 0, 0, ?, ?, 'UTF-8', ?, ?, 1, '')",
                           -1, &m_insert, nullptr);
    }
    ~CHistory()
    {
        commit();
        sqlite3_finalize(m_insert);
        sqlite3_close(m_db);
    }
    void add(const char *data, size_t size, const sockaddr_in6 &from)
    {
        if (m_inBatch == 0)
            sqlite3_exec(m_db, "BEGIN", nullptr, nullptr, nullptr);
        char peer[INET6_ADDRSTRLEN] = {};
        ::inet_ntop(AF_INET6, &from.sin6_addr, peer, sizeof peer);
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count();
        sqlite3_bind_int64(m_insert, 1, ++m_id);
        sqlite3_bind_int64(m_insert, 2, ms);
        sqlite3_bind_text(m_insert, 3, peer, -1, SQLITE_STATIC);
        sqlite3_bind_int(m_insert, 4, ntohs(from.sin6_port));
        sqlite3_bind_blob(m_insert, 5, data, int(size), SQLITE_STATIC);
        sqlite3_bind_text(m_insert, 6, data, int(size), SQLITE_STATIC);
        sqlite3_step(m_insert);
        sqlite3_reset(m_insert);
        if (++m_inBatch == HistoryStore::MaxRowsPerTransaction)
            commit();
    }
    void commit()
    {
        if (m_inBatch > 0)
            sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
        m_inBatch = 0;
    }
    long rows() const { return long(m_id); }

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insert = nullptr;
    qint64 m_id = 0;
    int m_inBatch = 0;
};

Result runBaseline(const Step &step, CHistory *history = nullptr)
{
    Result result;
    const int fd = ::socket(AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    int off = 0;
    ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    if (step.enlarged) {
        int size = UdpChannel::DefaultReceiveBufferRequest;
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    }
    sockaddr_in6 any{};
    any.sin6_family = AF_INET6;
    ::bind(fd, reinterpret_cast<sockaddr *>(&any), sizeof any);
    socklen_t length = sizeof any;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&any), &length);
    result.bufferBytes = grantedBuffer(fd);

    constexpr int slots = 64;
    std::vector<char> data(size_t(slots) * 2048);
    iovec vectors[slots];
    mmsghdr headers[slots];
    sockaddr_in6 senders[slots];
    Sender sender(ntohs(any.sin6_port), step);
    const auto start = Clock::now();
    auto last = start;
    sender.start();
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, 100);
        if (ready <= 0) {
            if (sender.done())
                break;
            continue;
        }
        for (;;) {
            for (int i = 0; i < slots; ++i) {
                vectors[i] = {data.data() + i * 2048, 2048};
                headers[i] = {};
                headers[i].msg_hdr.msg_iov = &vectors[i];
                headers[i].msg_hdr.msg_iovlen = 1;
                headers[i].msg_hdr.msg_name = &senders[i];
                headers[i].msg_hdr.msg_namelen = sizeof senders[i];
            }
            const int n = ::recvmmsg(fd, headers, slots, MSG_DONTWAIT, nullptr);
            if (n <= 0)
                break;
            if (history) {
                for (int i = 0; i < n; ++i)
                    history->add(data.data() + i * 2048, headers[i].msg_len, senders[i]);
            }
            result.received += n;
            last = Clock::now();
        }
    }
    result.offered = sender.offered();
    result.elapsed = std::chrono::duration<double>(last - start).count();
    if (history) {
        const auto end = Clock::now();
        history->commit();
        result.stored = history->rows();
        result.writtenAfterMs =
                std::chrono::duration<double, std::milli>(Clock::now() - end).count();
    }
    ::close(fd);
    return result;
}

Result runCHistory(const Step &step)
{
    QTemporaryDir dir;
    CHistory history(dir.filePath(QStringLiteral("c.sqlite")));
    return runBaseline(step, &history);
}

// Runs the event loop while the sender works; a 1 ms timer measures how long the loop stalls.
template<typename Received>
void runLoop(Sender &sender, Result &result, Received received)
{
    QElapsedTimer clock;
    clock.start();
    std::vector<double> gaps;
    gaps.reserve(100000);
    qint64 lastProbe = clock.nsecsElapsed();
    qint64 lastActivity = lastProbe;
    long lastCount = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        gaps.push_back(double(now - lastProbe) / 1e6);
        lastProbe = now;
        const long count = received();
        if (count != lastCount) {
            lastCount = count;
            lastActivity = now;
        }
        // Done when the sender finished and nothing arrived for 300 ms.
        if (sender.done() && now - lastActivity > 300'000'000)
            QCoreApplication::quit();
    });
    probe.start();
    sender.start();
    QCoreApplication::exec();
    result.offered = sender.offered();
    result.received = received();
    result.elapsed = double(lastActivity) / 1e9;
    std::sort(gaps.begin(), gaps.end());
    if (!gaps.empty()) {
        // A stall is how much longer than its 1 ms period the probe waited.
        result.worstStallMs = std::max(0.0, gaps.back() - 1.0);
        result.p99StallMs = std::max(0.0, gaps[size_t(double(gaps.size() - 1) * 0.99)] - 1.0);
    }
}

int g_maxRows = MessageListModel::DefaultMaxRows;

Result runQt(const Step &step, bool withWindow, bool withHistory = false)
{
    Result result;
    QTemporaryDir dir;
    QSettings store(dir.filePath(QStringLiteral("bench.conf")), QSettings::IniFormat);
    Settings settings(store);
    HistoryStore history;
    if (withHistory && !history.open(HistoryStore::pathInProfile(dir.path())))
        return result;
    ChatSession session;
    if (withHistory)
        session.setHistory(&history);
    session.messages()->setMaxRows(g_maxRows);
    session.channel()->setReceiveBufferRequest(
            step.enlarged ? UdpChannel::DefaultReceiveBufferRequest : 0);
    if (!session.channel()->listen(0))
        return result;
    if (step.group
        && !session.channel()
                    ->joinGroup(MulticastGroup{QHostAddress(kGroup), Loopback::interfaceName()})
                    .isEmpty())
        return result;
    result.bufferBytes = session.channel()->receiveBufferSize();
    IpMsgSession ipmsgSession;
    IpMsgChat ipmsg(ipmsgSession);
    SettingsSaver saver(settings);
    EncodingPolicy encodings(session, settings, saver);
    std::unique_ptr<MainWindow> window;
    if (withWindow) {
        window = std::make_unique<MainWindow>(session, ipmsg, saver, encodings);
        window->show();
    }
    Sender sender(session.channel()->localPort(), step);
    // Ten lines "typed" during the flood: each due at a fixed time, sent when the event loop
    // gets to it; the latency is from due to handed to the system.
    QUdpSocket target;
    target.bind(QHostAddress::LocalHost, 0);
    std::vector<std::unique_ptr<QTimer>> typing;
    QElapsedTimer typingClock;
    typingClock.start();
    if (withWindow) {
        for (int i = 1; i <= 10; ++i) {
            const qint64 dueNs = qint64(step.seconds * 1e9 * i / 11.0);
            auto timer = std::make_unique<QTimer>();
            timer->setSingleShot(true);
            timer->setTimerType(Qt::PreciseTimer);
            QObject::connect(timer.get(), &QTimer::timeout, [&, dueNs] {
                const ChatSession::SendOutcome outcome =
                        session.send(QStringLiteral("typed during the flood"),
                                     Endpoint{QHostAddress::LocalHost, target.localPort()});
                Q_UNUSED(outcome)
                const double ms = double(typingClock.nsecsElapsed() - dueNs) / 1e6;
                result.typedWorstMs = std::max(result.typedWorstMs, ms);
                ++result.typedLines;
            });
            timer->start(int(dueNs / 1000000));
            typing.push_back(std::move(timer));
        }
    }
    runLoop(sender, result, [&] { return long(session.channel()->receivedCount()); });
    if (withHistory) {
        // runLoop ended 300 ms after the last datagram; the rest is the writer catching up.
        QElapsedTimer flushing;
        flushing.start();
        QCoreApplication::processEvents(); // rows the session still batches
        history.flush();
        result.writtenAfterMs = 300.0 + double(flushing.nsecsElapsed()) / 1e6;
        result.stored = long(history.count()) - result.typedLines; // received rows only
        result.unsaved = long(history.unsavedCount());
    }
    return result;
}

long rssKiB()
{
    FILE *f = std::fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        std::fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

const char *rateName(int rate)
{
    static char buffer[32];
    if (rate == 0)
        return "max";
    std::snprintf(buffer, sizeof buffer, "%dk", rate / 1000);
    return buffer;
}

void printHeader()
{
    std::printf("%-8s %6s %6s %-8s %9s %9s %7s %10s %6s %9s %8s %9s\n", "path", "bytes", "rate",
                "buffer", "offered", "received", "lost%", "recv/s", "ratio", "worst ms", "p99 ms",
                "rcvbuf");
}

void printRow(const char *path, const Step &step, const Result &r, double baselineRate)
{
    const double rate = r.elapsed > 0 ? double(r.received) / r.elapsed : 0;
    const double lost =
            r.offered > 0 ? 100.0 * double(r.offered - r.received) / double(r.offered) : 0;
    std::printf("%-8s %6d %6s %-8s %9ld %9ld %6.1f%% %10.0f %6.2f %9.1f %8.1f %9d\n", path,
                step.payload, rateName(step.rate), step.enlarged ? "4MiB" : "default", r.offered,
                r.received, lost, rate, baselineRate > 0 ? rate / baselineRate : 1.0,
                r.worstStallMs, r.p99StallMs, r.bufferBytes);
    if (r.typedLines > 0) {
        std::printf("%-8s   %d lines typed during the flood: sent at most %.1f ms after they "
                    "were due\n",
                    "", r.typedLines, r.typedWorstMs);
    }
    if (r.stored >= 0) {
        std::printf("%-8s   history: %ld of %ld received stored (%.2f %%), %ld counted as not "
                    "saved; all on disk %.0f ms after the last datagram\n",
                    "", r.stored, r.received,
                    r.received > 0 ? 100.0 * double(r.stored) / double(r.received) : 100.0,
                    r.unsaved, r.writtenAfterMs);
    }
    std::fflush(stdout);
}

Step stepAt(int rate, bool enlarged, double seconds, int payload = 32)
{
    Step step;
    step.payload = payload;
    step.rate = rate;
    step.enlarged = enlarged;
    step.seconds = seconds;
    return step;
}

double rateOf(const Result &r)
{
    return r.elapsed > 0 ? double(r.received) / r.elapsed : 0;
}

// One row of group traffic through the core and one through the window (issue 18), after the
// unicast rows of the same step when @p withUnicast.
void printGroupRows(int rate, bool enlarged, double seconds, bool withUnicast)
{
    Step step = stepAt(rate, enlarged, seconds);
    const Result base = runBaseline(step);
    const double baseRate = rateOf(base);
    if (withUnicast) {
        printRow("baseline", step, base, baseRate);
        printRow("core", step, runQt(step, false), baseRate);
        printRow("window", step, runQt(step, true), baseRate);
    }
    step.group = true;
    printRow("grp core", step, runQt(step, false), baseRate);
    printRow("grp win", step, runQt(step, true), baseRate);
}

struct Startup
{
    double wallMs = -1; ///< from main() to the first painted frame
    double cpuMs = -1; ///< CPU time of the process until then (less sensitive to a busy machine)
};

Startup startupOf(const QString &kind)
{
    // A child process each, so neither profits from the other's warm caches in this process.
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--startup"), kind});
    if (!child.waitForFinished(30000))
        return {};
    const QStringList fields =
            QString::fromLatin1(child.readAllStandardOutput()).simplified().split(u' ');
    if (fields.size() != 2)
        return {};
    return {fields.at(0).toDouble(), fields.at(1).toDouble()};
}

int startupChild(const QString &kind, QElapsedTimer &sinceMain)
{
    QTemporaryDir dir;
    QSettings store(dir.filePath(QStringLiteral("bench.conf")), QSettings::IniFormat);
    Settings settings(store);
    ChatSession session;
    IpMsgSession ipmsgSession;
    IpMsgChat ipmsg(ipmsgSession);
    SettingsSaver saver(settings);
    EncodingPolicy encodings(session, settings, saver);
    std::unique_ptr<QWidget> window;
    if (kind == QLatin1String("chat")) {
        session.channel()->listen(0);
        window = std::make_unique<MainWindow>(session, ipmsg, saver, encodings);
    } else if (kind == QLatin1String("form")) {
        // A trivial window with text in it: what any Qt Widgets app pays for fonts and styles.
        window = std::make_unique<QWidget>();
        auto *layout = new QFormLayout(window.get());
        layout->addRow(new QLabel(QStringLiteral("Address:")), new QLineEdit);
        layout->addRow(new QPushButton(QStringLiteral("Send")));
        window->resize(760, 560);
    } else {
        window = std::make_unique<QWidget>();
        window->resize(760, 560);
    }
    window->show();
    // Shown = the first frame was painted.
    QTimer::singleShot(0, [&] {
        window->repaint();
        timespec cpu{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
        std::printf("%.1f %.1f\n", double(sinceMain.nsecsElapsed()) / 1e6,
                    double(cpu.tv_sec) * 1e3 + double(cpu.tv_nsec) / 1e6);
        QCoreApplication::quit();
    });
    return QApplication::exec();
}
void printStartup()
{
    // The median of seven child processes each, taken in turns.
    const QStringList kinds{QStringLiteral("bare"), QStringLiteral("form"), QStringLiteral("chat")};
    std::vector<double> wall[3], cpu[3];
    for (int i = 0; i < 7; ++i) {
        for (int k = 0; k < 3; ++k) {
            const Startup s = startupOf(kinds.at(k));
            wall[k].push_back(s.wallMs);
            cpu[k].push_back(s.cpuMs);
        }
    }
    const auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    std::printf("start-up to the first painted frame, median of 7 (wall / CPU ms):\n"
                "  empty QWidget %.1f / %.1f; trivial form (label, line edit, button) %.1f / "
                "%.1f; udpchat %.1f / %.1f\n"
                "  udpchat / trivial form: wall %.2f, CPU %.2f\n",
                median(wall[0]), median(cpu[0]), median(wall[1]), median(cpu[1]), median(wall[2]),
                median(cpu[2]), median(wall[2]) / median(wall[1]), median(cpu[2]) / median(cpu[1]));
}
} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() == 3 && args.at(1) == QLatin1String("--startup"))
        return startupChild(args.at(2), sinceMain);

    double seconds = 2.0;
    const qsizetype secondsAt = args.indexOf(QStringLiteral("--seconds"));
    if (secondsAt > 0 && secondsAt + 1 < args.size())
        seconds = args.at(secondsAt + 1).toDouble();
    const bool quick = args.contains(QStringLiteral("--quick"));
    const qsizetype rowsAt = args.indexOf(QStringLiteral("--max-rows"));
    if (rowsAt > 0 && rowsAt + 1 < args.size())
        g_maxRows = args.at(rowsAt + 1).toInt();
    if (args.contains(QStringLiteral("--startup-only"))) {
        printStartup();
        return 0;
    }
    // --history [RATE...]: only the baseline, window, c+sqlite and win+hist rows, 32 bytes, at
    // the given rates (default 50000 100000 200000 max), 4 MiB buffer requested, then the default.
    if (const qsizetype at = args.indexOf(QStringLiteral("--history")); at > 0) {
        QList<int> rates;
        for (qsizetype i = at + 1; i < args.size() && !args.at(i).startsWith(u'-'); ++i)
            rates << (args.at(i) == QLatin1String("max") ? 0 : args.at(i).toInt());
        if (rates.isEmpty())
            rates = {50000, 100000, 200000, 0};
        std::printf("udpchat receive benchmark, history rows: %.1f s per step, loopback, %d "
                    "cores\n\n",
                    seconds, int(std::thread::hardware_concurrency()));
        printHeader();
        // The window asks for a 4 MiB receive buffer by default (what the OS grants is shown).
        for (const bool enlarged : {true, false}) {
            for (const int rate : rates) {
                const Step step = stepAt(rate, enlarged, seconds);
                const Result base = runBaseline(step);
                const double baseRate = rateOf(base);
                printRow("baseline", step, base, baseRate);
                printRow("window", step, runQt(step, true), baseRate);
                printRow("c+sqlite", step, runCHistory(step), baseRate);
                printRow("win+hist", step, runQt(step, true, true), baseRate);
            }
        }
        return 0;
    }
    // --group: unicast and group rows side by side, 32 bytes, 50k/s, 200k/s and max, with the
    // OS default buffer and 4 MiB.
    if (args.contains(QStringLiteral("--group"))) {
        std::printf("udpchat receive benchmark, unicast and group: %.1f s per step, loopback, %d "
                    "cores\n\n",
                    seconds, int(std::thread::hardware_concurrency()));
        printHeader();
        for (const bool enlarged : {false, true}) {
            for (const int rate : {50000, 200000, 0})
                printGroupRows(rate, enlarged, seconds, true);
        }
        return 0;
    }
    // --profile [core|window|history] [--payload N] [--rate R]: one step (50k/s unless R;
    // history: the window with the history on, the 4 MiB buffer), for a profiler.
    if (const qsizetype at = args.indexOf(QStringLiteral("--profile")); at > 0) {
        Step step;
        step.rate = 50000;
        step.seconds = seconds;
        if (const qsizetype p = args.indexOf(QStringLiteral("--payload"));
            p > 0 && p + 1 < args.size())
            step.payload = args.at(p + 1).toInt();
        if (const qsizetype r = args.indexOf(QStringLiteral("--rate"));
            r > 0 && r + 1 < args.size())
            step.rate = args.at(r + 1).toInt();
        const QString kind = at + 1 < args.size() ? args.at(at + 1) : QString();
        const bool history = kind == QLatin1String("history");
        const bool window = kind != QLatin1String("core");
        step.enlarged = history;
        printHeader();
        printRow(history  ? "win+hist"
                 : window ? "window"
                          : "core",
                 step, runQt(step, window, history), 0);
        return 0;
    }

    const QList<int> payloads = quick ? QList<int>{32} : QList<int>{32, 1024};
    const QList<int> rates =
            quick ? QList<int>{50000, 0} : QList<int>{10000, 50000, 100000, 200000, 0};
    std::printf("udpchat receive benchmark: %.1f s per step, loopback, %d cores\n\n", seconds,
                int(std::thread::hardware_concurrency()));
    printHeader();
    for (const bool enlarged : {false, true}) {
        for (const int payload : payloads) {
            for (const int rate : rates) {
                const Step step = stepAt(rate, enlarged, seconds, payload);
                const Result base = runBaseline(step);
                const double baseRate = rateOf(base);
                printRow("baseline", step, base, baseRate);
                printRow("core", step, runQt(step, false), baseRate);
                printRow("window", step, runQt(step, true), baseRate);
                printRow("c+sqlite", step, runCHistory(step), baseRate);
                printRow("win+hist", step, runQt(step, true, true), baseRate);
                if (payload == 32)
                    printGroupRows(rate, enlarged, seconds, false);
            }
        }
        std::printf("\n");
    }

    // 1,000,000 messages through the window at 100k/s (10 s), with the OS default buffer.
    Step million;
    million.rate = 100000;
    million.seconds = quick ? 2.0 : 10.0;
    million.maxCount = 1'000'000;
    const long before = rssKiB();
    const Result r = runQt(million, true);
    const long after = rssKiB();
    printHeader();
    printRow("window", million, r, 0);
    std::printf("\nRSS before %ld KiB, after %ld messages %ld KiB: growth %.1f MB\n", before,
                r.received, after, double(after - before) / 1024.0);
    const long beforeHistory = rssKiB();
    const Result h = runQt(million, true, true);
    const long afterHistory = rssKiB();
    printRow("win+hist", million, h, 0);
    std::printf("\nWith the history: RSS before %ld KiB, after %ld messages %ld KiB: growth "
                "%.1f MB\n",
                beforeHistory, h.received, afterHistory,
                double(afterHistory - beforeHistory) / 1024.0);

    printStartup();
    return 0;
}
