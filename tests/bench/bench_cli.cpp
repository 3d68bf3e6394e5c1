// udpchat-cli listen against netcat and socat (Linux, loopback only). For each offered rate,
// each receiver gets the same COUNT datagrams of 32 bytes (31 letters and a newline, so nc and
// socat print one line per datagram too) from a sender thread, its standard output going to a
// file; the lines in that file are what it received. Prints one row per receiver and rate.
//
//   bench_cli [--count N] [RATE...]     RATE in datagrams/s, or max (default 100000 200000 max)
//
// nc and socat are optional (netcat-openbsd, socat); a missing one is reported and skipped.
// Traffic goes only to 127.0.0.1.

#include "sendbatch.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {
using Clock = std::chrono::steady_clock;

// A free UDP port on 127.0.0.1 (nc needs one given; the tiny race does not matter here).
quint16 freePort()
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

long send(quint16 port, long count, int rate)
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    std::vector<char> payload(32, 'x');
    payload.back() = '\n';
    Bench::SendBatch batch(INADDR_LOOPBACK, port, std::move(payload));
    const long sent = batch.sendPaced(fd, count, rate, Clock::time_point::max(), [](long) {});
    ::close(fd);
    return sent;
}

long linesIn(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    long lines = 0;
    while (!file.atEnd()) {
        const QByteArray chunk = file.read(1 << 20);
        lines += long(chunk.count('\n'));
    }
    return lines;
}

struct Receiver
{
    const char *name;
    QString program;
    QStringList arguments; // %1: the port
};

void run(const Receiver &receiver, long count, int rate, const QString &dir)
{
    const quint16 port = freePort();
    const QString out = dir + QStringLiteral("/out.txt");
    QFile::remove(out);
    QProcess process;
    process.setStandardOutputFile(out);
    process.setStandardErrorFile(QProcess::nullDevice());
    QStringList arguments;
    for (const QString &argument : receiver.arguments)
        arguments << QString(argument).replace(QStringLiteral("%1"), QString::number(port));
    process.start(receiver.program, arguments);
    if (!process.waitForStarted(5000)) {
        std::printf("%-16s %6s  could not start %s\n", receiver.name, "",
                    qPrintable(receiver.program));
        return;
    }
    QThread::msleep(300); // until it listens (a benchmark, not a test)
    long sent = 0;
    std::thread sender([&] { sent = send(port, count, rate); });
    sender.join();
    // Done when the output stopped growing for 500 ms.
    qint64 size = -1;
    for (;;) {
        QThread::msleep(500);
        const qint64 now = QFileInfo(out).size();
        if (now == size)
            break;
        size = now;
    }
    ::kill(pid_t(process.processId()), SIGTERM);
    if (!process.waitForFinished(5000)) {
        process.kill();
        process.waitForFinished();
    }
    const long received = linesIn(out);
    char rateText[16];
    if (rate > 0)
        std::snprintf(rateText, sizeof rateText, "%dk/s", rate / 1000);
    else
        std::snprintf(rateText, sizeof rateText, "max");
    std::printf("%-16s %8s %9ld %9ld %7.1f%%\n", receiver.name, rateText, sent, received,
                sent > 0 ? 100.0 * double(sent - received) / double(sent) : 0.0);
    std::fflush(stdout);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = QCoreApplication::arguments().mid(1);
    long count = 500000;
    if (const qsizetype at = args.indexOf(QStringLiteral("--count"));
        at >= 0 && at + 1 < args.size()) {
        count = args.at(at + 1).toLong();
        args.remove(at, 2);
    }
    QList<int> rates;
    for (const QString &arg : args)
        rates << (arg == QLatin1String("max") ? 0 : arg.toInt());
    if (rates.isEmpty())
        rates = {100000, 200000, 0};
    const QString cli = QStringLiteral(UDPCHAT_CLI);
    QList<Receiver> receivers{
            {"listen --json",
             cli,
             {QStringLiteral("listen"), QStringLiteral("--bind-port"), QStringLiteral("%1"),
              QStringLiteral("--json")}},
            {"listen (text)",
             cli,
             {QStringLiteral("listen"), QStringLiteral("--bind-port"), QStringLiteral("%1")}},
    };
    const QString socat = QStandardPaths::findExecutable(QStringLiteral("socat"));
    const QString nc = QStandardPaths::findExecutable(QStringLiteral("nc"));
    if (!socat.isEmpty())
        receivers.append({"socat",
                          socat,
                          {QStringLiteral("-u"), QStringLiteral("UDP-RECV:%1,bind=127.0.0.1"),
                           QStringLiteral("STDOUT")}});
    else
        std::printf("socat not installed (apt-get install socat): skipped\n");
    if (!nc.isEmpty())
        receivers.append({"nc -u -l",
                          nc,
                          {QStringLiteral("-u"), QStringLiteral("-l"), QStringLiteral("127.0.0.1"),
                           QStringLiteral("%1")}});
    else
        std::printf("nc not installed (apt-get install netcat-openbsd): skipped\n");
    QTemporaryDir dir;
    std::printf("udpchat-cli listen vs nc and socat: %ld datagrams of 32 bytes per row, loopback, "
                "%d cores\n\n%-16s %8s %9s %9s %8s\n",
                count, int(std::thread::hardware_concurrency()), "receiver", "offered", "sent",
                "received", "lost");
    for (const int rate : rates) {
        for (const Receiver &receiver : receivers)
            run(receiver, count, rate, dir.path());
    }
    return 0;
}
