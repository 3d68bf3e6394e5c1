// udpchat-cli run as a child process against loopback peers. Every address is 127.0.0.1 or ::1,
// every port is chosen by the OS (bind to 0) and read back.

#include "core/ipmsg/ipmsgfiles.h"
#include "core/text/textescape.h"
#include "tests/ipv6.h"
#include "tests/loopback.h"
#include "tests/rawipmsgpeer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkDatagram>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <csignal>

namespace {

const QString kCli = QStringLiteral(UDPCHAT_CLI);
constexpr int kTimeoutMs = 10000; // generous: the machine may be busy; passing runs take ms
const QHostAddress kLoopback4(QHostAddress::LocalHost);
const QHostAddress kLoopback6(QHostAddress::LocalHostIPv6);

QByteArray pattern(int size)
{
    QByteArray bytes(size, '\0');
    for (int i = 0; i < size; ++i)
        bytes[i] = char(i * 7 + 3);
    return bytes;
}

QString utf8(const char *text)
{
    return QString::fromUtf8(text);
}

// A finished run of the CLI.
struct Run
{
    bool finished = false;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QStringList &arguments, const QByteArray &input = QByteArray())
{
    QProcess process;
    process.start(kCli, arguments);
    Run result;
    if (!process.waitForStarted(kTimeoutMs))
        return result;
    process.write(input);
    process.closeWriteChannel();
    result.finished = process.waitForFinished(kTimeoutMs);
    result.exitStatus = process.exitStatus();
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

// A peer program: a plain QUdpSocket with an OS-chosen port.
struct Peer
{
    explicit Peer(const QHostAddress &address = kLoopback4) : address(address)
    {
        ok = socket.bind(address, 0);
    }
    QString target() const
    {
        return address.protocol() == QAbstractSocket::IPv6Protocol
                       ? QStringLiteral("[%1]:%2").arg(address.toString()).arg(socket.localPort())
                       : QStringLiteral("%1:%2").arg(address.toString()).arg(socket.localPort());
    }
    // Everything that arrived; the CLI has exited, and loopback delivers within sendto().
    QList<QNetworkDatagram> received()
    {
        QList<QNetworkDatagram> all;
        while (socket.hasPendingDatagrams())
            all.append(socket.receiveDatagram());
        return all;
    }
    QHostAddress address;
    QUdpSocket socket;
    bool ok = false;
};

// `udpchat-cli listen --bind-port 0 ...`, running, with the port it printed at start.
class Listener
{
public:
    ~Listener()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(kTimeoutMs);
        }
    }

    bool start(const QStringList &arguments)
    {
        m_process.start(kCli, QStringList{QStringLiteral("listen"), QStringLiteral("--bind-port"),
                                          QStringLiteral("0")}
                                      + arguments);
        if (!m_process.waitForStarted(kTimeoutMs))
            return false;
        static const QRegularExpression listening(
                QStringLiteral("^udpchat-cli: listening on UDP port (\\d+) "));
        return QTest::qWaitFor(
                       [this] {
                           m_err += m_process.readAllStandardError();
                           const auto match = listening.match(QString::fromUtf8(m_err));
                           if (match.hasMatch())
                               m_port = match.captured(1).toUShort();
                           return m_port != 0 || m_process.state() == QProcess::NotRunning;
                       },
                       kTimeoutMs)
               && m_port != 0;
    }

    quint16 port() const { return m_port; }
    QProcess &process() { return m_process; }

    // The next line on standard output while the process runs: it must have been flushed.
    QByteArray nextLine()
    {
        if (!QTest::qWaitFor([this] { return m_process.canReadLine(); }, kTimeoutMs))
            return QByteArray();
        return m_process.readLine();
    }

    bool signalAndWait(int signalNumber)
    {
        ::kill(pid_t(m_process.processId()), signalNumber);
        return m_process.waitForFinished(kTimeoutMs);
    }

    // Standard error after the process ended.
    QString err()
    {
        m_err += m_process.readAllStandardError();
        return QString::fromUtf8(m_err);
    }

private:
    QProcess m_process;
    QByteArray m_err;
    quint16 m_port = 0;
};

// No raw control, bidi or line-breaking character anywhere in @p line before its '\n'.
bool isTerminalSafe(const QByteArray &line)
{
    if (!line.endsWith('\n'))
        return false;
    const QString text = QString::fromUtf8(line.chopped(1));
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (TextEscape::isUnsafe(text.at(i).unicode()))
            return false;
    }
    return true;
}

} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void chatSendsLinesAndPrintsWhatArrives();
    void localhostIsTheLoopbackAddress();
    void ncStyleTargetIsCorrected();
    void help_data();
    void help();
    void version();

    void listenPrints_data();
    void listenPrints();
    void listenShowsIPv6Peers();
    void listenSaysTheGroup();
    void ipmsgSendsAndListenReceivesFiles();
    void ipmsgSendRetriesAndHearsARejection();
    void ipmsgSendUsage();
    void listenStopsAfterCount();
    void listenStopsAfterTimeout();
    void listenFailsWhenTimeoutComesBeforeCount();
    void listenEndsCleanlyOnSignal_data();
    void listenEndsCleanlyOnSignal();
    void listenReportsBusyPort();
    void listenIntoClosedPipeExitsWithSummary();
    void listenRejectsBadInput_data();
    void listenRejectsBadInput();

    void sendDeliversExactBytes_data();
    void sendDeliversExactBytes();
    void sendToIPv6();
    void sendsFromBindPort();
    void sendReadsStandardInputLineByLine_data();
    void sendReadsStandardInputLineByLine();
    void sendReportsBadLinesAndGoesOn();
    void sendRepeatsWithInterval();
    void sendFails_data();
    void sendFails();
    void sendFileUpToTheLimit();
    void sendEndsCleanlyOnSignal();
    void sendIsReceivedByListen();
};

void tst_Cli::help_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("mentions");

    const QStringList listen{QStringLiteral("--bind-port <port>"),
                             QStringLiteral("--encoding <name>"),
                             QStringLiteral("--json"),
                             QStringLiteral("--count <N>"),
                             QStringLiteral("--timeout <seconds>"),
                             QStringLiteral("udpchat-cli listen --bind-port 0 --json")};
    const QStringList send{QStringLiteral("HOST:PORT [TEXT]"),
                           QStringLiteral("--file <F>"),
                           QStringLiteral("--hex <HEX>"),
                           QStringLiteral("--repeat <N>"),
                           QStringLiteral("--interval <MS>"),
                           QStringLiteral("--bind-port <port>"),
                           QStringLiteral("GB18030, GBK, Big5"),
                           QStringLiteral("udpchat-cli send [::1]:6666"),
                           QStringLiteral("tail -f app.log | udpchat-cli send")};
    const QStringList common{QStringLiteral("Examples:"), QStringLiteral("Exit status:"),
                             QStringLiteral("  2  usage error")};
    QTest::newRow("all") << QStringList{QStringLiteral("--help")} << listen + send + common;
    QTest::newRow("listen") << QStringList{QStringLiteral("listen"), QStringLiteral("--help")}
                            << listen + common;
    QTest::newRow("send") << QStringList{QStringLiteral("send"), QStringLiteral("-h")}
                          << send + common;
}

void tst_Cli::help()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, mentions);
    const Run r = run(args);
    QVERIFY(r.finished);
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.err.isEmpty());
    const QString out = QString::fromUtf8(r.out);
    for (const QString &mention : mentions)
        QVERIFY2(out.contains(mention), qPrintable(mention));
}

void tst_Cli::version()
{
    const Run r = run({QStringLiteral("--version")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("udpchat-cli " UDPCHAT_VERSION "\n"));
}

void tst_Cli::listenPrints_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("shown"); // the text column of a text line
    QTest::addColumn<QString>("text"); // "text" in JSON
    QTest::addColumn<bool>("valid");

    const QString gbkText = utf8("\xe4\xbd\xa0\xe5\xa5\xbd");
    const QByteArray largeText = QByteArray("udp ").repeated(65508 / 4).left(65507);
    const QByteArray largeBinary = pattern(65507);
    const QChar replacement = QChar::ReplacementCharacter;
    const struct
    {
        const char *name;
        QStringList args;
        QByteArray payload;
        QString shown;
        QString text;
        bool valid;
    } rows[] = {
            {"UTF-8",
             {},
             QByteArray("h\xc3\xa9llo \xe4\xbd\xa0\xe5\xa5\xbd"),
             utf8("h\xc3\xa9llo \xe4\xbd\xa0\xe5\xa5\xbd"),
             utf8("h\xc3\xa9llo \xe4\xbd\xa0\xe5\xa5\xbd"),
             true},
            {"GBK",
             {QStringLiteral("--encoding"), QStringLiteral("gbk")},
             QByteArray("\xc4\xe3\xba\xc3"),
             gbkText,
             gbkText,
             true},
            {"GBK bytes read as UTF-8",
             {},
             QByteArray("\xc4\xe3\xba\xc3"),
             QStringLiteral("(4 bytes, not valid UTF-8) hex: c4 e3 ba c3"),
             QString(4, replacement),
             false},
            {"empty", {}, QByteArray(), QStringLiteral("(empty datagram)"), QString(), true},
            // Printable ASCII takes listen's fast path (no decoding): the same line.
            {"printable ASCII",
             {},
             QByteArray(" !#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~"),
             QStringLiteral(" !#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~"),
             QStringLiteral(" !#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~"),
             true},
            {"ASCII controls, quotes, backslash, NUL",
             {},
             QByteArray("a\x1b]0;owned\x07 b\r\n\tc\\ \"q\" \b\f\x7f\x00", 27),
             QStringLiteral("a\\x1b]0;owned\\x07 b\\r\\n\\tc\\\\ \"q\" \\x08\\x0c\\x7f\\x00"),
             QString::fromLatin1("a\x1b]0;owned\x07 b\r\n\tc\\ \"q\" \b\f\x7f\x00", 27),
             true},
            {"printable ASCII as ISO-8859-1",
             {QStringLiteral("--encoding"), QStringLiteral("ISO-8859-1")},
             QByteArray("plain"),
             QStringLiteral("plain"),
             QStringLiteral("plain"),
             true},
            {"binary",
             {},
             QByteArray("\xff\x00\x01\xfe", 4),
             QStringLiteral("(4 bytes, not valid UTF-8) hex: ff 00 01 fe"),
             QString(replacement) + QChar(0) + QChar(1) + replacement,
             false},
            {"controls and bidi",
             {},
             QByteArray("a\x1b]0;owned\x07 b\r\nc\\ \xe2\x80\xae"
                        "d\xc2\x9b"),
             QStringLiteral("a\\x1b]0;owned\\x07 b\\r\\nc\\\\ \\u202ed\\u009b"),
             QStringLiteral("a\x1b]0;owned\x07 b\r\nc\\ ") + QChar(0x202e) + u'd' + QChar(0x9b),
             true},
            {"65507 bytes of text",
             {},
             largeText,
             QString::fromUtf8(largeText),
             QString::fromUtf8(largeText),
             true},
            {"65507 bytes of binary",
             {},
             largeBinary,
             QStringLiteral("(65507 bytes, not valid UTF-8) hex: ")
                     + QString::fromLatin1(largeBinary.toHex(' ')),
             QString(),
             false},
    };
    for (const auto &row : rows) {
        QTest::addRow("%s, text", row.name)
                << row.args << row.payload << row.shown << row.text << row.valid;
        QTest::addRow("%s, json", row.name) << row.args + QStringList{QStringLiteral("--json")}
                                            << row.payload << row.shown << row.text << row.valid;
    }
}

void tst_Cli::listenPrints()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, payload);
    QFETCH(QString, shown);
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const bool json = args.contains(QStringLiteral("--json"));

    Listener listener;
    QVERIFY2(listener.start(args), qPrintable(listener.err()));
    Peer peer;
    QVERIFY(peer.ok);
    QCOMPARE(peer.socket.writeDatagram(payload, kLoopback4, listener.port()),
             qint64(payload.size()));

    const QByteArray line = listener.nextLine();
    QVERIFY2(isTerminalSafe(line), line.left(200).constData());
    if (json) {
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(line, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QString time = o.value(QStringLiteral("time")).toString();
        QVERIFY2(time.endsWith(u'Z') && time.size() == 24, qPrintable(time));
        const QDateTime when = QDateTime::fromString(time, Qt::ISODateWithMs);
        QVERIFY(when.isValid());
        QVERIFY(qAbs(when.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        QCOMPARE(o.value(QStringLiteral("peer")).toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(o.value(QStringLiteral("port")).toInt(), int(peer.socket.localPort()));
        QCOMPARE(o.value(QStringLiteral("bytes")).toInt(), int(payload.size()));
        QCOMPARE(o.value(QStringLiteral("encoding")).toString(),
                 args.contains(QStringLiteral("gbk"))          ? QStringLiteral("GBK")
                 : args.contains(QStringLiteral("ISO-8859-1")) ? QStringLiteral("ISO-8859-1")
                                                               : QStringLiteral("UTF-8"));
        QCOMPARE(o.value(QStringLiteral("valid")).toBool(), valid);
        if (!text.isNull() || payload.isEmpty())
            QCOMPARE(o.value(QStringLiteral("text")).toString(), text);
        QCOMPARE(o.value(QStringLiteral("hex")).toString(), QString::fromLatin1(payload.toHex()));
        QCOMPARE(o.keys().size(), 8);
    } else {
        static const QRegularExpression time(
                QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}  "));
        const QString lineText = QString::fromUtf8(line);
        const auto match = time.match(lineText);
        QVERIFY2(match.hasMatch(), qPrintable(lineText.left(80)));
        const QString rest = lineText.mid(match.capturedLength());
        const QString expected =
                QStringLiteral("127.0.0.1:%1  %2\n").arg(peer.socket.localPort()).arg(shown);
        QCOMPARE(rest.size(), expected.size());
        QCOMPARE(rest, expected);
    }

    QVERIFY(listener.signalAndWait(SIGTERM));
    QCOMPARE(listener.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(listener.process().exitCode(), 0);
    QVERIFY(listener.process().readAllStandardOutput().isEmpty()); // one line per datagram
}

void tst_Cli::listenShowsIPv6Peers()
{
    UDPCHAT_REQUIRE_IPV6();
    Listener text;
    QVERIFY(text.start({}));
    Listener json;
    QVERIFY(json.start({QStringLiteral("--json")}));
    Peer peer(kLoopback6);
    QVERIFY(peer.ok);
    peer.socket.writeDatagram(QByteArray("v6"), kLoopback6, text.port());
    peer.socket.writeDatagram(QByteArray("v6"), kLoopback6, json.port());

    QVERIFY(text.nextLine().endsWith(
            QStringLiteral("  [::1]:%1  v6\n").arg(peer.socket.localPort()).toUtf8()));
    const QJsonObject o = QJsonDocument::fromJson(json.nextLine()).object();
    QCOMPARE(o.value(QStringLiteral("peer")).toString(), QStringLiteral("::1"));
    QCOMPARE(o.value(QStringLiteral("port")).toInt(), int(peer.socket.localPort()));
}

void tst_Cli::listenSaysTheGroup()
{
    // A datagram to a joined group (on the loopback interface: nothing leaves this computer)
    // says which group it came through, in text and JSON; a unicast one does not.
    const QString lo = Loopback::interfaceName();
    QVERIFY(!lo.isEmpty());
    const QString join = QStringLiteral("239.255.77.211%") + lo;
    Listener text;
    QVERIFY(text.start({QStringLiteral("--join"), join}));
    Listener json;
    QVERIFY(json.start({QStringLiteral("--json"), QStringLiteral("--join"), join}));
    for (Listener *listener : {&text, &json}) {
        const Run r = run({QStringLiteral("send"), QStringLiteral("--interface"), lo,
                           QStringLiteral("239.255.77.211:%1").arg(listener->port()),
                           QStringLiteral("to the group")});
        QCOMPARE(r.exitCode, 0);
        Peer peer(kLoopback4);
        QVERIFY(peer.ok);
        peer.socket.writeDatagram(QByteArray("unicast"), kLoopback4, listener->port());
    }
    static const QRegularExpression viaGroup(
            QStringLiteral("  \\S+:\\d+ via 239\\.255\\.77\\.211  to the group\n$"));
    const QString first = QString::fromUtf8(text.nextLine());
    QVERIFY2(viaGroup.match(first).hasMatch(), qPrintable(first));
    const QString second = QString::fromUtf8(text.nextLine());
    QVERIFY2(second.endsWith(QStringLiteral("  unicast\n")) && !second.contains(u"via"),
             qPrintable(second));

    const QJsonObject toGroup = QJsonDocument::fromJson(json.nextLine()).object();
    QCOMPARE(toGroup.value(QStringLiteral("text")).toString(), QStringLiteral("to the group"));
    QCOMPARE(toGroup.value(QStringLiteral("group")).toString(), QStringLiteral("239.255.77.211"));
    const QJsonObject unicast = QJsonDocument::fromJson(json.nextLine()).object();
    QCOMPARE(unicast.value(QStringLiteral("text")).toString(), QStringLiteral("unicast"));
    QVERIFY(!unicast.contains(QStringLiteral("group")));
}

// Issue 17's headless twin: `ipmsg send` introduces itself to one peer only, sends a message with
// a file and a folder and exits 0 once they were fetched whole; `ipmsg listen --receive-files`
// prints the peer, the message and each file saved (JSON), and stops after --count. Loopback
// only, and the listener does not broadcast.
void tst_Cli::ipmsgSendsAndListenReceivesFiles()
{
    QTemporaryDir files;
    QTemporaryDir received;
    const QByteArray report(300000, 'r');
    {
        QFile f(files.filePath(QStringLiteral("报告.bin")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(report);
        QVERIFY(QDir().mkpath(files.filePath(QStringLiteral("folder/sub"))));
        QFile g(files.filePath(QStringLiteral("folder/sub/a.txt")));
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("hello");
    }
    QProcess listen;
    listen.start(kCli,
                 {QStringLiteral("ipmsg"), QStringLiteral("listen"),
                  QStringLiteral("--no-broadcast"), QStringLiteral("--port"), QStringLiteral("0"),
                  QStringLiteral("--json"), QStringLiteral("--receive-files"), received.path(),
                  QStringLiteral("--count"), QStringLiteral("1")});
    QVERIFY(listen.waitForStarted(kTimeoutMs));
    static const QRegularExpression listening(
            QStringLiteral("listening on UDP port (\\d+) for IP Messenger"));
    QByteArray err;
    quint16 port = 0;
    QTRY_VERIFY_WITH_TIMEOUT((err += listen.readAllStandardError(),
                              port = listening.match(QString::fromUtf8(err)).captured(1).toUShort())
                                     != 0,
                             kTimeoutMs);
    // --port: sent from and served on the port given (a free one, found by binding to 0).
    quint16 sendPort = 0;
    {
        QUdpSocket probe;
        QVERIFY(probe.bind(QHostAddress::Any, 0));
        sendPort = probe.localPort();
    }
    const Run send = run({QStringLiteral("ipmsg"), QStringLiteral("send"), QStringLiteral("--port"),
                          QString::number(sendPort), QStringLiteral("--to"),
                          QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--nickname"),
                          QStringLiteral("Tester"), QStringLiteral("--file"),
                          files.filePath(QStringLiteral("报告.bin")), QStringLiteral("--file"),
                          files.filePath(QStringLiteral("folder")), QStringLiteral("two things")});
    QVERIFY2(send.finished && send.exitCode == 0, send.err.constData());
    QVERIFY2(send.err.contains("every file was fetched whole"), send.err.constData());
    QVERIFY(listen.waitForFinished(kTimeoutMs));
    QCOMPARE(listen.exitCode(), 0);
    QStringList events;
    QStringList saved;
    for (const QByteArray &line : listen.readAllStandardOutput().split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.isEmpty())
            continue;
        events << o.value(QStringLiteral("event")).toString();
        if (events.last() == QStringLiteral("message")) {
            QVERIFY(o.value(QStringLiteral("text"))
                            .toString()
                            .startsWith(QStringLiteral("two things\n")));
            QCOMPARE(o.value(QStringLiteral("nickname")).toString(), QStringLiteral("Tester"));
            QCOMPARE(o.value(QStringLiteral("port")).toInt(), int(sendPort));
        }
        if (events.last() == QStringLiteral("file"))
            saved << o.value(QStringLiteral("saved")).toString();
    }
    QCOMPARE(events.first(), QStringLiteral("peer"));
    QVERIFY(events.contains(QStringLiteral("message")));
    QCOMPARE(saved.size(), 2);
    QFile got(received.filePath(QStringLiteral("报告.bin")));
    QVERIFY(got.open(QIODevice::ReadOnly));
    QVERIFY(got.readAll() == report);
    QFile deep(received.filePath(QStringLiteral("folder/sub/a.txt")));
    QVERIFY(deep.open(QIODevice::ReadOnly));
    QCOMPARE(deep.readAll(), QByteArray("hello"));
}

// `ipmsg send` to a peer that answers late: it introduces itself again (the peer ignores the
// first BR_ENTRY, as one starting after it would miss it), sends once answered, and exits 1 with a
// sentence when the peer rejects the files (RELEASEFILES).
void tst_Cli::ipmsgSendRetriesAndHearsARejection()
{
    QTemporaryDir files;
    QFile f(files.filePath(QStringLiteral("a.txt")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("hello");
    f.close();
    QUdpSocket peer;
    QVERIFY(peer.bind(kLoopback4, 0));
    QProcess send;
    send.start(kCli, {QStringLiteral("ipmsg"), QStringLiteral("send"), QStringLiteral("--to"),
                      QStringLiteral("127.0.0.1:%1").arg(peer.localPort()),
                      QStringLiteral("--file"), f.fileName(), QStringLiteral("take it")});
    QVERIFY(send.waitForStarted(kTimeoutMs));
    int entries = 0;
    quint16 cliPort = 0;
    bool offered = false;
    connect(&peer, &QUdpSocket::readyRead, this, [&] {
        while (peer.hasPendingDatagrams()) {
            const QNetworkDatagram d = peer.receiveDatagram();
            const IpMsg::ParseResult r = IpMsg::parse(d.data());
            if (!r.ok())
                continue;
            cliPort = quint16(d.senderPort());
            const auto reply = [&](quint32 command, const QByteArray &extra) {
                peer.writeDatagram(IpMsg::build(RawIpMsg::packet(9, command, extra)), kLoopback4,
                                   cliPort);
            };
            if (r.packet.mode() == IpMsg::BrEntry && ++entries == 2)
                reply(IpMsg::AnsEntry, RawIpMsg::raw("Late\0"));
            if (r.packet.mode() == IpMsg::SendMsg && !offered) {
                offered = true;
                QVERIFY(r.packet.command & IpMsg::FileAttachOpt);
                const QByteArray number = QByteArray::number(r.packet.packetNo) + '\0';
                reply(IpMsg::RecvMsg, number);
                reply(IpMsg::ReleaseFiles, number);
            }
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(send.state() == QProcess::NotRunning, kTimeoutMs);
    QCOMPARE(entries, 2);
    QVERIFY(offered);
    QCOMPARE(send.exitCode(), 1);
    const QByteArray err = send.readAllStandardError();
    QVERIFY2(err.contains("the peer rejected the files."), err.constData());
}

void tst_Cli::ipmsgSendUsage()
{
    // Bad input: status 2, nothing sent.
    Run r = run({QStringLiteral("ipmsg"), QStringLiteral("send"), QStringLiteral("hi")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--to HOST[:PORT] is needed"), r.err.constData());
    r = run({QStringLiteral("ipmsg"), QStringLiteral("send"), QStringLiteral("--to"),
             QStringLiteral("127.0.0.1")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("nothing to send"), r.err.constData());
    r = run({QStringLiteral("ipmsg"), QStringLiteral("frobnicate")});
    QCOMPARE(r.exitCode, 2);
    r = run({QStringLiteral("ipmsg"), QStringLiteral("send"), QStringLiteral("--to"),
             QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("70000"),
             QStringLiteral("hi")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("70000"), r.err.constData());
    // Nobody there: status 1 once --timeout is over, said in a sentence.
    Peer silent;
    r = run({QStringLiteral("ipmsg"), QStringLiteral("send"), QStringLiteral("--to"),
             silent.target(), QStringLiteral("--timeout"), QStringLiteral("0.5"),
             QStringLiteral("anyone?")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("no answer from"), r.err.constData());
    // Both in the overview.
    r = run({QStringLiteral("--help")});
    QVERIFY(r.out.contains("ipmsg listen") && r.out.contains("ipmsg send --to"));
}

void tst_Cli::listenStopsAfterCount()
{
    Listener listener;
    QVERIFY(listener.start({QStringLiteral("--count"), QStringLiteral("2")}));
    Peer peer;
    for (const char *payload : {"one", "two", "three"})
        peer.socket.writeDatagram(QByteArray(payload), kLoopback4, listener.port());

    QVERIFY(listener.process().waitForFinished(kTimeoutMs));
    QCOMPARE(listener.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(listener.process().exitCode(), 0);
    const QList<QByteArray> lines = listener.process().readAllStandardOutput().split('\n');
    QCOMPARE(lines.size(), 3); // two lines and the empty rest after the last '\n'
    QVERIFY(lines.at(0).endsWith("  one"));
    QVERIFY(lines.at(1).endsWith("  two"));
    // "three" may have been read in the same batch (then dropped by udpchat-cli) or not at all.
    static const QRegularExpression summary(
            QStringLiteral("--count reached; received: 2 \\(6 bytes\\); dropped: [01] by "
                           "udpchat-cli, 0 by the kernel\n$"));
    QVERIFY2(summary.match(listener.err()).hasMatch(), qPrintable(listener.err()));
}

void tst_Cli::listenStopsAfterTimeout()
{
    QElapsedTimer elapsed;
    elapsed.start();
    Listener listener;
    QVERIFY(listener.start({QStringLiteral("--timeout"), QStringLiteral("0.3")}));
    QVERIFY(listener.process().waitForFinished(kTimeoutMs));
    QVERIFY2(elapsed.elapsed() >= 300, qPrintable(QString::number(elapsed.elapsed())));
    QCOMPARE(listener.process().exitCode(), 0);
    QVERIFY(listener.process().readAllStandardOutput().isEmpty());
    QVERIFY2(listener.err().contains(QStringLiteral("--timeout reached; received: 0 (0 bytes)")),
             qPrintable(listener.err()));
}

void tst_Cli::listenFailsWhenTimeoutComesBeforeCount()
{
    Listener listener;
    QVERIFY(listener.start({QStringLiteral("--count"), QStringLiteral("2"),
                            QStringLiteral("--timeout"), QStringLiteral("0.5")}));
    Peer peer;
    peer.socket.writeDatagram(QByteArray("only"), kLoopback4, listener.port());
    QVERIFY(listener.nextLine().endsWith("  only\n"));
    QVERIFY(listener.process().waitForFinished(kTimeoutMs));
    QCOMPARE(listener.process().exitCode(), 1);
    QVERIFY2(listener.err().contains(QStringLiteral(
                     "--timeout came after 1 of 2 datagrams; received: 1 (4 bytes)")),
             qPrintable(listener.err()));
}

// Issue 15: "udpchat-cli listen | head -1" died of SIGPIPE (141) without a summary; the
// documentation promises exit status 1 when the output cannot be written.
void tst_Cli::listenIntoClosedPipeExitsWithSummary()
{
    QProcess pipeline;
    pipeline.start(QStringLiteral("bash"),
                   {QStringLiteral("-c"),
                    QStringLiteral("\"$0\" listen --bind-port 0 | head -1; "
                                   "echo \"cli-status=${PIPESTATUS[0]}\" >&2"),
                    kCli});
    QVERIFY(pipeline.waitForStarted(kTimeoutMs));
    QByteArray err;
    quint16 port = 0;
    static const QRegularExpression listening(
            QStringLiteral("udpchat-cli: listening on UDP port (\\d+) "));
    QVERIFY(QTest::qWaitFor(
            [&] {
                err += pipeline.readAllStandardError();
                const auto match = listening.match(QString::fromUtf8(err));
                if (match.hasMatch())
                    port = match.captured(1).toUShort();
                return port != 0 || pipeline.state() == QProcess::NotRunning;
            },
            kTimeoutMs));
    QVERIFY2(port != 0, err.constData());
    // head exits after the first line; a later line meets the closed pipe (lines written before
    // head exited are counted as received). Datagrams keep coming until then (one per poll), as
    // a live peer's would.
    Peer peer;
    int sent = 0;
    const bool ended = QTest::qWaitFor(
            [&] {
                peer.socket.writeDatagram("line " + QByteArray::number(++sent), kLoopback4, port);
                return pipeline.state() == QProcess::NotRunning;
            },
            kTimeoutMs);
    QVERIFY(ended);
    const QByteArray out = pipeline.readAllStandardOutput(); // head's: the first line only
    QVERIFY2(out.endsWith("  line 1\n") && out.count('\n') == 1, out.constData());
    err += pipeline.readAllStandardError();
    const QString errors = QString::fromUtf8(err);
    QVERIFY2(errors.contains(QStringLiteral("cli-status=1\n")), qPrintable(errors));
    static const QRegularExpression summary(QStringLiteral(
            "udpchat-cli: cannot write to standard output \\(Broken pipe\\); "
            "received: [1-9]\\d* \\(\\d+ bytes\\); dropped: [1-9]\\d* by udpchat-cli"));
    QVERIFY2(summary.match(errors).hasMatch(), qPrintable(errors));
}

void tst_Cli::listenEndsCleanlyOnSignal_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::addColumn<QString>("name");
    QTest::newRow("SIGTERM") << int(SIGTERM) << QStringLiteral("SIGTERM");
    QTest::newRow("SIGINT") << int(SIGINT) << QStringLiteral("SIGINT");
}

void tst_Cli::listenEndsCleanlyOnSignal()
{
    QFETCH(int, signalNumber);
    QFETCH(QString, name);
    Listener listener;
    QVERIFY(listener.start({}));
    Peer peer;
    peer.socket.writeDatagram(QByteArray("hello"), kLoopback4, listener.port());
    QVERIFY(listener.nextLine().endsWith("  hello\n")); // printed while running: flushed

    QVERIFY(listener.signalAndWait(signalNumber));
    QCOMPARE(listener.process().exitStatus(), QProcess::NormalExit); // not killed by it
    QCOMPARE(listener.process().exitCode(), 0);
    QVERIFY2(listener.err().endsWith(QStringLiteral("udpchat-cli: stopped by %1; received: 1 "
                                                    "(5 bytes); dropped: 0 by udpchat-cli, 0 "
                                                    "by the kernel\n")
                                             .arg(name)),
             qPrintable(listener.err()));
}

void tst_Cli::listenReportsBusyPort()
{
    QUdpSocket other; // another program holds the port
    QVERIFY(other.bind(QHostAddress::Any, 0));
    const Run r = run({QStringLiteral("listen"), QStringLiteral("--bind-port"),
                       QString::number(other.localPort())});
    QVERIFY(r.finished);
    QCOMPARE(r.exitStatus, QProcess::NormalExit);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(QString::fromUtf8(r.err),
             QStringLiteral("udpchat-cli: cannot listen: port %1 is used by another program.\n")
                     .arg(other.localPort()));
}

void tst_Cli::listenRejectsBadInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");

    const auto row = [](const char *name, const QStringList &args, const QString &error) {
        QTest::newRow(name) << QStringList{QStringLiteral("listen")} + args << error;
    };
    row("port text", {QStringLiteral("--bind-port"), QStringLiteral("x")},
        QStringLiteral("invalid --bind-port 'x': use a port from 1 to 65535, or 0 for any free "
                       "port."));
    row("port too big", {QStringLiteral("--bind-port=65536")},
        QStringLiteral("invalid --bind-port '65536'"));
    row("port with sign", {QStringLiteral("--bind-port=+80")},
        QStringLiteral("invalid --bind-port '+80'"));
    row("unknown encoding", {QStringLiteral("--encoding"), QStringLiteral("klingon")},
        QStringLiteral("unknown encoding 'klingon'; available: UTF-8, GB18030, GBK, Big5, "
                       "Shift_JIS, UTF-16LE, UTF-16BE, ISO-8859-1."));
    row("count 0", {QStringLiteral("--count=0")},
        QStringLiteral("invalid --count '0': use a whole number from 1 to 2147483647."));
    row("count negative", {QStringLiteral("--count=-1")}, QStringLiteral("invalid --count '-1'"));
    row("timeout 0", {QStringLiteral("--timeout=0")},
        QStringLiteral("invalid --timeout '0': use seconds from 0.001 to 2000000, for example 5 "
                       "or 0.5."));
    row("timeout unit", {QStringLiteral("--timeout=5s")}, QStringLiteral("invalid --timeout '5s'"));
    row("argument", {QStringLiteral("extra")},
        QStringLiteral("listen takes no arguments, got 'extra'."));
    row("unknown option", {QStringLiteral("--frobnicate")},
        QStringLiteral("Unknown option 'frobnicate'."));
    row("control in value", {QStringLiteral("--count=\x1b[2J")},
        QStringLiteral("invalid --count '\\x1b[2J'"));
    QTest::newRow("no command") << QStringList() << QStringLiteral("no command given");
    QTest::newRow("unknown command")
            << QStringList{QStringLiteral("receive")}
            << QStringLiteral("unknown command 'receive'; use listen, send or chat.");
}

void tst_Cli::listenRejectsBadInput()
{
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    const Run r = run(args);
    QVERIFY(r.finished);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.startsWith(QStringLiteral("udpchat-cli: ") + error), qPrintable(err));
    QVERIFY2(err.endsWith(QStringLiteral("--help'.\n")), qPrintable(err));
}

void tst_Cli::sendDeliversExactBytes_data()
{
    QTest::addColumn<QStringList>("args"); // after the target
    QTest::addColumn<QByteArray>("input"); // standard input
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("text") << QStringList{QStringLiteral("hello")} << QByteArray()
                          << QByteArray("hello");
    QTest::newRow("UTF-8 text") << QStringList{utf8("\xe4\xbd\xa0\xe5\xa5\xbd \xf0\x9f\x98\x80")}
                                << QByteArray()
                                << QByteArray("\xe4\xbd\xa0\xe5\xa5\xbd \xf0\x9f\x98\x80");
    QTest::newRow("GBK text") << QStringList{QStringLiteral("--encoding=GBK"),
                                             utf8("\xe4\xbd\xa0\xe5\xa5\xbd")}
                              << QByteArray() << QByteArray("\xc4\xe3\xba\xc3");
    QTest::newRow("UTF-16LE text") << QStringList{QStringLiteral("--encoding"),
                                                  QStringLiteral("utf-16le"), QStringLiteral("hi")}
                                   << QByteArray() << QByteArray("h\0i\0", 4);
    QTest::newRow("Latin-1 text") << QStringList{QStringLiteral("--encoding=ISO-8859-1"),
                                                 utf8("caf\xc3\xa9")}
                                  << QByteArray() << QByteArray("caf\xe9");
    QTest::newRow("text with a dash, after --")
            << QStringList{QStringLiteral("--"), QStringLiteral("-x")} << QByteArray()
            << QByteArray("-x");
    QTest::newRow("empty text") << QStringList{QString()} << QByteArray() << QByteArray();
    QTest::newRow("hex spaced") << QStringList{QStringLiteral("--hex"), QStringLiteral("00 ff 0a")}
                                << QByteArray() << QByteArray("\0\xff\n", 3);
    QTest::newRow("hex 0x") << QStringList{QStringLiteral("--hex=0x48,0x65")} << QByteArray()
                            << QByteArray("He");
    QTest::newRow("hex empty") << QStringList{QStringLiteral("--hex=")} << QByteArray()
                               << QByteArray();
    QTest::newRow("65507 bytes of text")
            << QStringList{QString(65507, u'x')} << QByteArray() << QByteArray(65507, 'x');
    QTest::newRow("65507 bytes from standard input, --file -")
            << QStringList{QStringLiteral("--file"), QStringLiteral("-")} << pattern(65507)
            << pattern(65507);
    QTest::newRow("file, --file - keeps line ends")
            << QStringList{QStringLiteral("--file=-")} << QByteArray("a\r\nb\n")
            << QByteArray("a\r\nb\n");
}

void tst_Cli::sendDeliversExactBytes()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, bytes);
    Peer peer;
    QVERIFY(peer.ok);
    const Run r = run(QStringList{QStringLiteral("send"), peer.target()} + args, input);
    QVERIFY(r.finished);
    QVERIFY2(r.err.isEmpty(), r.err.constData());
    QCOMPARE(r.exitCode, 0);
    const QString unit = bytes.size() == 1 ? QStringLiteral("byte") : QStringLiteral("bytes");
    QCOMPARE(QString::fromUtf8(r.out),
             QStringLiteral("sent %1 %2 to %3\n").arg(bytes.size()).arg(unit, peer.target()));
    const QList<QNetworkDatagram> received = peer.received();
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.constFirst().data().size(), bytes.size());
    QCOMPARE(received.constFirst().data(), bytes);
}

void tst_Cli::sendToIPv6()
{
    UDPCHAT_REQUIRE_IPV6();
    Peer peer(kLoopback6);
    QVERIFY(peer.ok);
    QVERIFY(peer.target().startsWith(QStringLiteral("[::1]:")));
    const Run r = run({QStringLiteral("send"), peer.target(), QStringLiteral("v6")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QStringLiteral("sent 2 bytes to %1\n").arg(peer.target()).toUtf8());
    const QList<QNetworkDatagram> received = peer.received();
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.constFirst().data(), QByteArray("v6"));
}

void tst_Cli::chatSendsLinesAndPrintsWhatArrives()
{
    Peer peer;
    QVERIFY(peer.ok);
    QProcess chat;
    chat.start(kCli, {QStringLiteral("chat"), peer.target()});
    QVERIFY(chat.waitForStarted(kTimeoutMs));
    // Its port, as it says at start: where the peer answers.
    static const QRegularExpression from(QStringLiteral("from UDP port (\\d+)"));
    QByteArray err;
    quint16 port = 0;
    QVERIFY(QTest::qWaitFor(
            [&] {
                err += chat.readAllStandardError();
                if (const auto m = from.match(QString::fromUtf8(err)); m.hasMatch())
                    port = m.captured(1).toUShort();
                return port != 0 || chat.state() == QProcess::NotRunning;
            },
            kTimeoutMs));
    QVERIFY2(port != 0, err.constData());
    // A line typed is one datagram, without its line end ...
    chat.write("hello there\n");
    QVERIFY(QTest::qWaitFor([&] { return peer.socket.hasPendingDatagrams(); }, kTimeoutMs));
    QCOMPARE(peer.socket.receiveDatagram().data(), QByteArray("hello there"));
    // ... and what arrives is printed with its sender, as listen prints it.
    peer.socket.writeDatagram(QByteArray("hi back"), kLoopback4, port);
    QVERIFY(QTest::qWaitFor([&] { return chat.canReadLine(); }, kTimeoutMs));
    const QByteArray line = chat.readLine();
    QVERIFY2(line.endsWith(QByteArray("127.0.0.1:") + QByteArray::number(peer.socket.localPort())
                           + "  hi back\n"),
             line.constData());
    // The end of input ends it.
    chat.closeWriteChannel();
    QVERIFY(chat.waitForFinished(kTimeoutMs));
    QCOMPARE(chat.exitStatus(), QProcess::NormalExit);
    QCOMPARE(chat.exitCode(), 0);
}

void tst_Cli::localhostIsTheLoopbackAddress()
{
    Peer peer;
    const Run r = run({QStringLiteral("send"),
                       QStringLiteral("localhost:%1").arg(peer.socket.localPort()),
                       QStringLiteral("via localhost")});
    QCOMPARE(r.exitCode, 0);
    const QList<QNetworkDatagram> received = peer.received();
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.constFirst().data(), QByteArray("via localhost"));
    // Only that name: others are still not looked up.
    const Run other =
            run({QStringLiteral("send"), QStringLiteral("example.com:7"), QStringLiteral("x")});
    QCOMPARE(other.exitCode, 2);
}

void tst_Cli::ncStyleTargetIsCorrected()
{
    const Run r = run({QStringLiteral("send"), QStringLiteral("127.0.0.1"), QStringLiteral("6666"),
                       QStringLiteral("hi")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("use 127.0.0.1:6666 instead"), r.err.constData());
    const Run chat = run({QStringLiteral("chat"), QStringLiteral("::1"), QStringLiteral("7")});
    QCOMPARE(chat.exitCode, 2);
    QVERIFY2(chat.err.contains("use [::1]:7 instead"), chat.err.constData());
}

void tst_Cli::sendsFromBindPort()
{
    quint16 port = 0;
    {
        QUdpSocket probe; // a port that was free a moment ago
        QVERIFY(probe.bind(QHostAddress::Any, 0));
        port = probe.localPort();
    }
    Peer peer;
    const Run r = run({QStringLiteral("send"), peer.target(), QStringLiteral("from"),
                       QStringLiteral("--bind-port"), QString::number(port)});
    QCOMPARE(r.exitCode, 0);
    const QList<QNetworkDatagram> received = peer.received();
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.constFirst().senderPort(), int(port)); // where replies would go
}

void tst_Cli::sendReadsStandardInputLineByLine_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<QByteArray>>("datagrams");

    QTest::newRow("LF, CRLF, empty line, no final line end")
            << QStringList() << QByteArray("one\ntwo\r\n\n\xe4\xbd\xa0\nlast")
            << QList<QByteArray>{"one", "two", "", "\xe4\xbd\xa0", "last"};
    QTest::newRow("final line end sends no extra datagram")
            << QStringList() << QByteArray("a\nb\n") << QList<QByteArray>{"a", "b"};
    QTest::newRow("NUL inside a line is kept")
            << QStringList() << QByteArray("a\0b\n", 4) << QList<QByteArray>{QByteArray("a\0b", 3)};
    QTest::newRow("lines converted to GBK") << QStringList{QStringLiteral("--encoding=GBK")}
                                            << QByteArray("\xe4\xbd\xa0\n\xe5\xa5\xbd\n")
                                            << QList<QByteArray>{"\xc4\xe3", "\xba\xc3"};
    QTest::newRow("with an interval")
            << QStringList{QStringLiteral("--interval=5")} << QByteArray("x\ny\nz\n")
            << QList<QByteArray>{"x", "y", "z"};
    QTest::newRow("nothing") << QStringList() << QByteArray() << QList<QByteArray>();
}

void tst_Cli::sendReadsStandardInputLineByLine()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(QList<QByteArray>, datagrams);
    Peer peer;
    const Run r = run(QStringList{QStringLiteral("send"), peer.target()} + args, input);
    QVERIFY(r.finished);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.isEmpty(), r.err.constData());
    QCOMPARE(r.out.count('\n'), datagrams.size());
    const QList<QNetworkDatagram> received = peer.received();
    QCOMPARE(received.size(), datagrams.size());
    for (qsizetype i = 0; i < datagrams.size(); ++i)
        QCOMPARE(received.at(i).data(), datagrams.at(i));
}

void tst_Cli::sendReportsBadLinesAndGoesOn()
{
    Peer peer;
    const QByteArray input = QByteArray("first\n") + "\xff\xfe\n" + QByteArray(65508, 'x') + '\n'
                             + QByteArray(300000, 'y') + "\nlast\n";
    const Run r = run({QStringLiteral("send"), peer.target()}, input);
    QVERIFY(r.finished);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(QString::fromUtf8(r.err),
             QStringLiteral("udpchat-cli: line 2: Not sent: the line is not valid UTF-8 text (use "
                            "--hex or --file for raw bytes).\n"
                            "udpchat-cli: line 3: Not sent: the message is 65508 bytes, one UDP "
                            "datagram holds at most 65507.\n"
                            "udpchat-cli: line 4: Not sent: the line is more than 262029 bytes; "
                            "one UDP datagram holds at most 65507.\n"));
    const QList<QNetworkDatagram> received = peer.received();
    QCOMPARE(received.size(), 2);
    QCOMPARE(received.at(0).data(), QByteArray("first"));
    QCOMPARE(received.at(1).data(), QByteArray("last"));
}

void tst_Cli::sendRepeatsWithInterval()
{
    Peer peer;
    QElapsedTimer elapsed;
    elapsed.start();
    const Run r = run({QStringLiteral("send"), peer.target(), QStringLiteral("ping"),
                       QStringLiteral("--repeat"), QStringLiteral("3"),
                       QStringLiteral("--interval"), QStringLiteral("50")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(elapsed.elapsed() >= 100, qPrintable(QString::number(elapsed.elapsed())));
    QCOMPARE(r.out, QStringLiteral("sent 4 bytes to %1\n").arg(peer.target()).toUtf8().repeated(3));
    const QList<QNetworkDatagram> received = peer.received();
    QCOMPARE(received.size(), 3);
    for (const QNetworkDatagram &d : received)
        QCOMPARE(d.data(), QByteArray("ping"));
}

void tst_Cli::sendFails_data()
{
    // %1 in an argument is the peer's port. Whatever the error, nothing may reach the peer.
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");

    QTest::newRow("no port") << QStringList{QStringLiteral("127.0.0.1"), QStringLiteral("x")} << 2
                             << QStringLiteral("invalid target '127.0.0.1': The target needs a "
                                               "port, for example 127.0.0.1:6666.");
    QTest::newRow("port 0") << QStringList{QStringLiteral("127.0.0.1:0"), QStringLiteral("x")} << 2
                            << QStringLiteral("invalid target '127.0.0.1:0': The port");
    QTest::newRow("any address, would reach this host")
            << QStringList{QStringLiteral("0.0.0.0:%1"), QStringLiteral("x")} << 2
            << QStringLiteral("invalid target '0.0.0.0:%1': 0.0.0.0 and :: mean \"any address\"");
    QTest::newRow("inet_aton short form")
            << QStringList{QStringLiteral("127.1:%1"), QStringLiteral("x")} << 2
            << QStringLiteral("invalid target '127.1:%1': Type all four parts");
    QTest::newRow("octal") << QStringList{QStringLiteral("0177.0.0.1:%1"), QStringLiteral("x")} << 2
                           << QStringLiteral("invalid target '0177.0.0.1:%1': Type all four");
    // localhost is 127.0.0.1 (see localhostIsTheLoopbackAddress); other names are not looked up.
    QTest::newRow("host name") << QStringList{QStringLiteral("printer.local:%1"),
                                              QStringLiteral("x")}
                               << 2
                               << QStringLiteral("invalid target 'printer.local:%1': Host names "
                                                 "are not looked up");
    QTest::newRow("IPv6 without brackets")
            << QStringList{QStringLiteral("::1:%1"), QStringLiteral("x")} << 2
            << QStringLiteral("invalid target '::1:%1': Write an IPv6 target as [address]:port");
    QTest::newRow("no target") << QStringList() << 2
                               << QStringLiteral("send needs a target HOST:PORT");
    QTest::newRow("two words")
            << QStringList{QStringLiteral("127.0.0.1:%1"), QStringLiteral("a"), QStringLiteral("b")}
            << 2 << QStringLiteral("send takes one TEXT, got 2 words after the target");
    QTest::newRow("text and hex") << QStringList{QStringLiteral("127.0.0.1:%1"),
                                                 QStringLiteral("x"), QStringLiteral("--hex=00")}
                                  << 2
                                  << QStringLiteral("give only one of TEXT, --file and --hex.");
    QTest::newRow("bad hex") << QStringList{QStringLiteral("127.0.0.1:%1"), QStringLiteral("--hex"),
                                            QStringLiteral("48 6")}
                             << 2
                             << QStringLiteral("invalid --hex: '6' at position 4 has an odd "
                                               "number of hex digits");
    QTest::newRow("unknown encoding")
            << QStringList{QStringLiteral("127.0.0.1:%1"), QStringLiteral("x"),
                           QStringLiteral("--encoding=EBCDIC-XYZ")}
            << 2
            << QStringLiteral("unknown encoding 'EBCDIC-XYZ'; available: UTF-8, GB18030, GBK, "
                              "Big5, Shift_JIS, UTF-16LE, UTF-16BE, ISO-8859-1.");
    QTest::newRow("repeat 0") << QStringList{QStringLiteral("127.0.0.1:%1"), QStringLiteral("x"),
                                             QStringLiteral("--repeat=0")}
                              << 2 << QStringLiteral("invalid --repeat '0'");
    QTest::newRow("repeat with standard input")
            << QStringList{QStringLiteral("127.0.0.1:%1"), QStringLiteral("--repeat=2")} << 2
            << QStringLiteral("--repeat needs TEXT, --file or --hex");
    QTest::newRow("interval negative")
            << QStringList{QStringLiteral("127.0.0.1:%1"), QStringLiteral("x"),
                           QStringLiteral("--repeat=2"), QStringLiteral("--interval=-5")}
            << 2 << QStringLiteral("invalid --interval '-5'");
    QTest::newRow("unknown option")
            << QStringList{QStringLiteral("127.0.0.1:%1"), QStringLiteral("--broadcast")} << 2
            << QStringLiteral("Unknown option 'broadcast'.");

    QTest::newRow("too large for IPv4")
            << QStringList{QStringLiteral("127.0.0.1:%1"), QString(65508, u'x')} << 1
            << QStringLiteral("Not sent: the message is 65508 bytes, one UDP datagram holds at "
                              "most 65507.");
    QTest::newRow("too large after encoding")
            << QStringList{QStringLiteral("127.0.0.1:%1"), QStringLiteral("--encoding=UTF-16LE"),
                           QString(32754, u'x')}
            << 1 << QStringLiteral("Not sent: the message is 65508 bytes");
    QTest::newRow("not representable")
            << QStringList{QStringLiteral("127.0.0.1:%1"), QStringLiteral("--encoding=ISO-8859-1"),
                           utf8("\xe4\xbd\xa0")}
            << 1
            << QStringLiteral("Not sent: the text has characters that ISO-8859-1 cannot "
                              "represent.");
    QTest::newRow("missing file") << QStringList{QStringLiteral("127.0.0.1:%1"),
                                                 QStringLiteral("--file"),
                                                 QStringLiteral("/nonexistent/udpchat-cli-test")}
                                  << 1
                                  << QStringLiteral("cannot read /nonexistent/udpchat-cli-test: ");
    QTest::newRow("busy bind port")
            << QStringList{QStringLiteral("127.0.0.1:%1"), QStringLiteral("x"),
                           QStringLiteral("--bind-port=%1")}
            << 1
            << QStringLiteral("cannot send: port %1 is used by another "
                              "program.");
}

void tst_Cli::sendFails()
{
    QFETCH(QStringList, args);
    QFETCH(int, status);
    QFETCH(QString, error);
    Peer peer;
    QVERIFY(peer.ok);
    const QString port = QString::number(peer.socket.localPort());
    for (QString &arg : args)
        arg.replace(QLatin1String("%1"), port);

    const Run r = run(QStringList{QStringLiteral("send")} + args);
    QVERIFY(r.finished);
    QCOMPARE(r.exitStatus, QProcess::NormalExit);
    QCOMPARE(r.exitCode, status);
    QVERIFY(r.out.isEmpty());
    const QString err = QString::fromUtf8(r.err);
    error.replace(QLatin1String("%1"), port);
    QVERIFY2(err.startsWith(QStringLiteral("udpchat-cli: ") + error), qPrintable(err));
    QVERIFY(peer.received().isEmpty());
}

void tst_Cli::sendFileUpToTheLimit()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fits = dir.filePath(QStringLiteral("fits.bin"));
    const QString tooLarge = dir.filePath(QStringLiteral("too large.bin"));
    for (const auto &[name, size] : {std::pair{fits, 65507}, std::pair{tooLarge, 65508}}) {
        QFile file(name);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(pattern(size)), qint64(size));
    }
    Peer peer;
    const Run sent = run({QStringLiteral("send"), peer.target(), QStringLiteral("--file"), fits});
    QCOMPARE(sent.exitCode, 0);
    QCOMPARE(sent.out, QStringLiteral("sent 65507 bytes to %1\n").arg(peer.target()).toUtf8());
    const Run refused =
            run({QStringLiteral("send"), peer.target(), QStringLiteral("--file"), tooLarge});
    QCOMPARE(refused.exitCode, 1);
    QCOMPARE(QString::fromUtf8(refused.err),
             QStringLiteral("udpchat-cli: Not sent: %1 is 65508 bytes; one UDP datagram holds at "
                            "most 65507.\n")
                     .arg(tooLarge));
    const QList<QNetworkDatagram> received = peer.received();
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.constFirst().data(), pattern(65507));
}

void tst_Cli::sendEndsCleanlyOnSignal()
{
    Peer peer;
    QProcess process;
    process.start(kCli, {QStringLiteral("send"), peer.target()});
    QVERIFY(process.waitForStarted(kTimeoutMs));
    process.write("one\n"); // standard input stays open: the CLI waits for more lines
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), kTimeoutMs);
    QCOMPARE(process.readLine(),
             QStringLiteral("sent 3 bytes to %1\n").arg(peer.target()).toUtf8());

    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(kTimeoutMs));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(process.readAllStandardError(),
             QByteArray("udpchat-cli: stopped by SIGTERM; sent: 1, not sent: 0\n"));
    QCOMPARE(peer.received().size(), 1);
}

void tst_Cli::sendIsReceivedByListen()
{
    Listener listener;
    QVERIFY(listener.start({QStringLiteral("--json"), QStringLiteral("--encoding=GBK")}));
    const Run r = run({QStringLiteral("send"), QStringLiteral("127.0.0.1:%1").arg(listener.port()),
                       QStringLiteral("--encoding=GBK"), utf8("\xe4\xbd\xa0\xe5\xa5\xbd")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(listener.nextLine()).object();
    QCOMPARE(o.value(QStringLiteral("hex")).toString(), QStringLiteral("c4e3bac3"));
    QCOMPARE(o.value(QStringLiteral("text")).toString(), utf8("\xe4\xbd\xa0\xe5\xa5\xbd"));
    QCOMPARE(o.value(QStringLiteral("encoding")).toString(), QStringLiteral("GBK"));
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
