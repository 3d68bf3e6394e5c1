#include "core/config/commandline.h"

#include <QProcess>
#include <QTest>

class tst_CommandLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
    void profileFolder();
    void modeAndNickname();
    void encoding_data();
    void encoding();
    void executableExitStatus_data();
    void executableExitStatus();
    void helpAndVersionNeedNoDisplay();

private:
    static CommandLine::Result parse(const QStringList &args)
    {
        return CommandLine::parse(QStringList{QStringLiteral("udpchat")} + args);
    }
};

void tst_CommandLine::initTestCase()
{
    QCoreApplication::setApplicationName(QStringLiteral("udpchat"));
    QCoreApplication::setApplicationVersion(QStringLiteral("1.2.3"));
}

void tst_CommandLine::parses_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("bindPort"); // -1: not given
    QTest::addColumn<QString>("target"); // empty: not given

    QTest::newRow("nothing") << QStringList() << -1 << QString();
    QTest::newRow("bind port") << QStringList{QStringLiteral("--bind-port"), QStringLiteral("7000")}
                               << 7000 << QString();
    QTest::newRow("bind port =") << QStringList{QStringLiteral("--bind-port=0")} << 0 << QString();
    QTest::newRow("target v4") << QStringList{QStringLiteral("--target"),
                                              QStringLiteral("192.168.0.102:6666")}
                               << -1 << QStringLiteral("192.168.0.102:6666");
    QTest::newRow("target v6") << QStringList{QStringLiteral("--target=[::1]:9")} << -1
                               << QStringLiteral("[::1]:9");
    QTest::newRow("both") << QStringList{QStringLiteral("--target=10.0.0.1:1"),
                                         QStringLiteral("--bind-port=65535")}
                          << 65535 << QStringLiteral("10.0.0.1:1");
}

void tst_CommandLine::parses()
{
    QFETCH(QStringList, args);
    QFETCH(int, bindPort);
    QFETCH(QString, target);
    const auto result = parse(args);
    QCOMPARE(result.action, CommandLine::Action::Run);
    QCOMPARE(result.bindPort.has_value(), bindPort >= 0);
    if (bindPort >= 0)
        QCOMPARE(int(*result.bindPort), bindPort);
    QCOMPARE(result.target.has_value(), !target.isEmpty());
    if (result.target)
        QCOMPARE(result.target->toString(), target);
}

void tst_CommandLine::rejects_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("port text") << QStringList{QStringLiteral("--bind-port=abc")}
                               << QStringLiteral("--bind-port 'abc'");
    QTest::newRow("port too big") << QStringList{QStringLiteral("--bind-port=65536")}
                                  << QStringLiteral("65535");
    QTest::newRow("port missing") << QStringList{QStringLiteral("--bind-port")}
                                  << QStringLiteral("bind-port");
    QTest::newRow("target no port")
            << QStringList{QStringLiteral("--target=10.0.0.1")} << QStringLiteral("needs a port");
    QTest::newRow("target short") << QStringList{QStringLiteral("--target=10.1:6666")}
                                  << QStringLiteral("four parts");
    QTest::newRow("target any") << QStringList{QStringLiteral("--target=0.0.0.0:6666")}
                                << QStringLiteral("any address");
    QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--frobnicate")} << QStringLiteral("frobnicate");
    QTest::newRow("positional") << QStringList{QStringLiteral("extra")} << QStringLiteral("extra");
    QTest::newRow("empty profile")
            << QStringList{QStringLiteral("--profile=")} << QStringLiteral("--profile needs");
    QTest::newRow("profile missing")
            << QStringList{QStringLiteral("--profile")} << QStringLiteral("profile");
    QTest::newRow("unknown encoding")
            << QStringList{QStringLiteral("--encoding=KOI8-X")}
            << QStringLiteral("unknown encoding 'KOI8-X'; available: UTF-8, GB18030, GBK, Big5, "
                              "Shift_JIS, UTF-16LE, UTF-16BE, ISO-8859-1.");
    QTest::newRow("empty encoding")
            << QStringList{QStringLiteral("--encoding=")} << QStringLiteral("available: UTF-8");
    QTest::newRow("encoding missing")
            << QStringList{QStringLiteral("--encoding")} << QStringLiteral("encoding");
    QTest::newRow("unknown mode") << QStringList{QStringLiteral("--mode=feiq")}
                                  << QStringLiteral("invalid --mode 'feiq': use plain or ipmsg.");
    QTest::newRow("empty nickname")
            << QStringList{QStringLiteral("--nickname= ")} << QStringLiteral("invalid --nickname");
    QTest::newRow("long nickname") << QStringList{QStringLiteral("--nickname=") + QString(65, u'x')}
                                   << QStringLiteral("1 to 64 characters");
}

void tst_CommandLine::rejects()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const auto result = parse(args);
    QCOMPARE(result.action, CommandLine::Action::Error);
    QVERIFY2(result.text.contains(mentions), qPrintable(result.text));
}

void tst_CommandLine::profileFolder()
{
    QVERIFY(!parse({}).profileDirectory);
    const auto result = parse({QStringLiteral("--profile"), QStringLiteral("/tmp/p 1")});
    QCOMPARE(result.action, CommandLine::Action::Run);
    QCOMPARE(result.profileDirectory, std::optional<QString>(QStringLiteral("/tmp/p 1")));
    QVERIFY(parse({QStringLiteral("--help")}).text.contains(QStringLiteral("--profile <folder>")));
}

void tst_CommandLine::modeAndNickname()
{
    const auto none = parse({});
    QVERIFY(!none.mode && !none.nickname);
    const auto result = parse({QStringLiteral("--mode"), QStringLiteral("IPMSG"),
                               QStringLiteral("--nickname"), QStringLiteral(" 小王 ")});
    QCOMPARE(result.action, CommandLine::Action::Run);
    QCOMPARE(result.mode, std::optional<QString>(QStringLiteral("ipmsg")));
    QCOMPARE(result.nickname, std::optional<QString>(QStringLiteral("小王")));
    QCOMPARE(parse({QStringLiteral("--mode=plain")}).mode,
             std::optional<QString>(QStringLiteral("plain")));
    QVERIFY(parse({QStringLiteral("--help")}).text.contains(QStringLiteral("--mode <mode>")));
}

void tst_CommandLine::encoding_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("encoding");
    QTest::newRow("GBK") << QStringLiteral("GBK") << QStringLiteral("GBK");
    QTest::newRow("any case") << QStringLiteral("shift_jis") << QStringLiteral("Shift_JIS");
    QTest::newRow("utf-8") << QStringLiteral("utf-8") << QStringLiteral("UTF-8");
    QTest::newRow("latin-1") << QStringLiteral("ISO-8859-1") << QStringLiteral("ISO-8859-1");
}

void tst_CommandLine::encoding()
{
    QFETCH(QString, given);
    QFETCH(QString, encoding);
    QVERIFY(!parse({}).encoding);
    const auto result = parse({QStringLiteral("--encoding"), given});
    QCOMPARE(result.action, CommandLine::Action::Run);
    QCOMPARE(result.encoding, std::optional<QString>(encoding));
    QVERIFY(parse({QStringLiteral("--help")}).text.contains(QStringLiteral("--encoding <name>")));
}

void tst_CommandLine::executableExitStatus_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("stdoutHas");
    QTest::addColumn<QString>("stderrHas");

    QTest::newRow("help") << QStringList{QStringLiteral("--help")} << 0
                          << QStringLiteral("--bind-port <port>") << QString();
    QTest::newRow("version") << QStringList{QStringLiteral("--version")} << 0
                             << QStringLiteral("udpchat " UDPCHAT_VERSION) << QString();
    QTest::newRow("bad port") << QStringList{QStringLiteral("--bind-port=x")} << 2 << QString()
                              << QStringLiteral("invalid --bind-port");
    QTest::newRow("bad target") << QStringList{QStringLiteral("--target=[::1]")} << 2 << QString()
                                << QStringLiteral("invalid --target");
    QTest::newRow("bad encoding") << QStringList{QStringLiteral("--encoding=EBCDIC")} << 2
                                  << QString()
                                  << QStringLiteral("unknown encoding 'EBCDIC'; available: UTF-8, "
                                                    "GB18030, GBK");
    QTest::newRow("unknown") << QStringList{QStringLiteral("--nope")} << 2 << QString()
                             << QStringLiteral("Unknown option");
}

void tst_CommandLine::executableExitStatus()
{
    QFETCH(QStringList, args);
    QFETCH(int, status);
    QFETCH(QString, stdoutHas);
    QFETCH(QString, stderrHas);

    QProcess process;
    process.start(QStringLiteral(UDPCHAT_EXECUTABLE), args);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), status);
    const QString out = QString::fromLocal8Bit(process.readAllStandardOutput());
    const QString err = QString::fromLocal8Bit(process.readAllStandardError());
    if (!stdoutHas.isEmpty())
        QVERIFY2(out.contains(stdoutHas), qPrintable(out));
    if (!stderrHas.isEmpty())
        QVERIFY2(err.contains(stderrHas), qPrintable(err));
}

void tst_CommandLine::helpAndVersionNeedNoDisplay()
{
    // As over ssh: the X11 platform and no display to connect to.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    for (const QString &option : {QStringLiteral("--help"), QStringLiteral("--version")}) {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(UDPCHAT_EXECUTABLE), {option});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().endsWith('\n'));
    }
}

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
