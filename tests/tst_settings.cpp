#include "core/config/settings.h"
#include "faultenv.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/time.h>

class tst_Settings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void defaults();
    void everyKeyHasARowInTheTable();
    void changedOnlyWhenTheValueIsAnother();
    void roundTrip();
    void outOfRangeFallsBack_data();
    void outOfRangeFallsBack();
    void corruptedFileGivesDefaults();
    void encodingsRoundTrip();
    void encodingsAreValidatedOnLoad_data();
    void encodingsAreValidatedOnLoad();
    void emptyDraftIsRemoved();
    void ipmsgRoundTripAndValidation();
    void awkwardTextSurvivesTheReadBackCheck();
    void unknownKeysAreKept();
    void reportsUnwritableLocation();
    void corruptedFileIsCopiedAsideOnce();
    void backupNamesNeverRepeat();
    void earlierBackupIsNeverOverwritten();
    void readOnlyWritesNothing();
    void readOnlyLeavesADamagedFileAlone();
    void unwritableFolderKeepsTheGoodFile();
    void damagedFileThatCannotBeCopiedIsLeftAlone();
    void fullDiskKeepsTheGoodFile_data();
    void fullDiskKeepsTheGoodFile();
    void fullTemporaryFolderIsNoticed();
    void lazilyParsedDamageIsFoundAtStart_data();
    void lazilyParsedDamageIsFoundAtStart();
    void killedSaveLeavesNoScratchFolder();

private:
    QString writeFile(const QByteArray &contents);
    QStringList backups() const;
    void makeTraversable();
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_Settings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString tst_Settings::writeFile(const QByteArray &contents)
{
    const QString path = m_dir->filePath(QStringLiteral("udpchat.conf"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
        return {};
    return path;
}

namespace {
QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

// Damage that QSettings reports as FormatError while still parsing the lines around it.
const QByteArray kDamaged("[target]\nport=7001\naddress=10.0.0.9\n\x01\x02garbage[[\n[window\n"
                          "draft=\"unterminated\n");
} // namespace

QStringList tst_Settings::backups() const
{
    return QDir(m_dir->path())
            .entryList({QStringLiteral("udpchat.conf.corrupt-*")}, QDir::Files, QDir::Name);
}

// The temporary folders are 0700; an unprivileged helper must reach into them.
void tst_Settings::makeTraversable()
{
    QVERIFY(QFile::setPermissions(
            m_dir->path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther
                                   | QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup));
}

void tst_Settings::defaults()
{
    QSettings store(m_dir->filePath(QStringLiteral("none.conf")), QSettings::IniFormat);
    const Settings settings(store);
    QCOMPARE(settings.targetAddress(), QStringLiteral("127.0.0.1"));
    QCOMPARE(settings.targetPort(), quint16(6666));
    QCOMPARE(settings.bindPort(), quint16(6666));
    QVERIFY(settings.draft().isEmpty());
    QVERIFY(settings.windowGeometry().isEmpty());
}

void tst_Settings::everyKeyHasARowInTheTable()
{
    // get() and set() of every key go through its row (a missing or misplaced row asserts in a
    // debug build and reads another key's value): a value set reads back as itself.
    QSettings store(m_dir->filePath(QStringLiteral("keys.conf")), QSettings::IniFormat);
    Settings settings(store);
    settings.set(SettingKey::TargetPort, 7001);
    settings.set(SettingKey::BindPort, 7002);
    settings.set(SettingKey::IpmsgPort, 7003);
    settings.set(SettingKey::HistoryMaxAgeDays, 30);
    settings.set(SettingKey::IpmsgGroup, QStringLiteral("lab"));
    settings.set(SettingKey::IpmsgNickname, QStringLiteral("neo"));
    QCOMPARE(settings.targetPort(), quint16(7001));
    QCOMPARE(settings.bindPort(), quint16(7002));
    QCOMPARE(settings.ipmsgPort(), quint16(7003));
    QCOMPARE(settings.historyMaxAgeDays(), 30);
    QCOMPARE(settings.ipmsgGroup(), QStringLiteral("lab"));
    QCOMPARE(settings.ipmsgNickname(), QStringLiteral("neo"));
    QVERIFY(settings.save());
    QSettings file(m_dir->filePath(QStringLiteral("keys.conf")), QSettings::IniFormat);
    QCOMPARE(file.value(QStringLiteral("listen/port")).toString(), QStringLiteral("7002"));
    QCOMPARE(file.value(QStringLiteral("ipmsg/group")).toString(), QStringLiteral("lab"));
}

void tst_Settings::changedOnlyWhenTheValueIsAnother()
{
    QSettings store(m_dir->filePath(QStringLiteral("signal.conf")), QSettings::IniFormat);
    Settings settings(store);
    QSignalSpy changed(&settings, &Settings::changed);
    settings.setTargetPort(Settings::DefaultPort); // the default already
    settings.setAlertOnMessage(true);
    QCOMPARE(changed.count(), 0);
    settings.setTargetPort(7001);
    settings.setTargetPort(7001);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<SettingKey>(), SettingKey::TargetPort);
    // Made valid before it is compared: a nickname with a line break is the same name.
    settings.setIpmsgNickname(QStringLiteral("neo"));
    settings.setIpmsgNickname(QStringLiteral("neo\n"));
    QCOMPARE(changed.count(), 2);
    settings.setCloseAction(Settings::CloseAction::Quit);
    QCOMPARE(changed.count(), 3);
    QCOMPARE(changed.at(2).at(0).value<SettingKey>(), SettingKey::CloseAction);
}

void tst_Settings::roundTrip()
{
    const QString path = m_dir->filePath(QStringLiteral("rt.conf"));
    const QString draft = QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd\nsecond line\xc2\xa0");
    {
        QSettings store(path, QSettings::IniFormat);
        Settings settings(store);
        settings.setTargetAddress(QStringLiteral("fd00::2"));
        settings.setTargetPort(7000);
        settings.setBindPort(0);
        settings.setWindowGeometry(QByteArray("\x01\x02geometry", 10));
        settings.setDraft(draft);
        QString error;
        QVERIFY2(settings.save(&error), qPrintable(error));
    }
    QSettings store(path, QSettings::IniFormat);
    const Settings settings(store);
    QCOMPARE(settings.targetAddress(), QStringLiteral("fd00::2"));
    QCOMPARE(settings.targetPort(), quint16(7000));
    QCOMPARE(settings.bindPort(), quint16(0));
    QCOMPARE(settings.windowGeometry(), QByteArray("\x01\x02geometry", 10));
    QCOMPARE(settings.draft(), draft);
}

void tst_Settings::ipmsgRoundTripAndValidation()
{
    const QString path = m_dir->filePath(QStringLiteral("ipmsg.conf"));
    {
        QSettings store(path, QSettings::IniFormat);
        Settings settings(store);
        QCOMPARE(settings.chatMode(), QStringLiteral("plain"));
        QCOMPARE(settings.ipmsgPort(), quint16(2425));
        QVERIFY(settings.ipmsgNickname().isEmpty());
        settings.setChatMode(QStringLiteral("ipmsg"));
        settings.setIpmsgNickname(QStringLiteral(" 小王\n\x01x "));
        settings.setIpmsgGroup(QStringLiteral("研发部"));
        settings.setIpmsgPort(2426);
        QString error;
        QVERIFY2(settings.save(&error), qPrintable(error));
    }
    {
        QSettings store(path, QSettings::IniFormat);
        const Settings settings(store);
        QCOMPARE(settings.chatMode(), QStringLiteral("ipmsg"));
        QCOMPARE(settings.ipmsgNickname(), QStringLiteral("小王x")); // one line, no controls
        QCOMPARE(settings.ipmsgGroup(), QStringLiteral("研发部"));
        QCOMPARE(settings.ipmsgPort(), quint16(2426));
    }
    // Damaged values fall back to the defaults.
    {
        QSettings raw(path, QSettings::IniFormat);
        raw.setValue(QStringLiteral("ipmsg/mode"), QStringLiteral("feiq"));
        raw.setValue(QStringLiteral("ipmsg/port"), QStringLiteral("0"));
        raw.setValue(QStringLiteral("ipmsg/nickname"), QString(100, u'n'));
    }
    QSettings store(path, QSettings::IniFormat);
    const Settings settings(store);
    QCOMPARE(settings.chatMode(), QStringLiteral("plain"));
    QCOMPARE(settings.ipmsgPort(), quint16(2425));
    QCOMPARE(settings.ipmsgNickname().size(), Settings::MaxNicknameLength);
}

void tst_Settings::encodingsRoundTrip()
{
    const QString path = m_dir->filePath(QStringLiteral("enc.conf"));
    const QMap<QString, QString> peers{{QStringLiteral("192.168.0.5"), QStringLiteral("GBK")},
                                       {QStringLiteral("fe80::1%lo"), QStringLiteral("Big5")},
                                       {QStringLiteral("fd00::2"), QStringLiteral("Shift_JIS")}};
    {
        QSettings store(path, QSettings::IniFormat);
        Settings settings(store);
        QCOMPARE(settings.sendEncoding(), QStringLiteral("UTF-8"));
        QCOMPARE(settings.receiveEncoding(), QStringLiteral("UTF-8"));
        QVERIFY(settings.peerEncodings().isEmpty());
        settings.setSendEncoding(QStringLiteral("Hex"));
        settings.setReceiveEncoding(QStringLiteral("GB18030"));
        settings.setPeerEncodings(peers);
        QString error;
        QVERIFY2(settings.save(&error), qPrintable(error));
    }
    {
        QSettings store(path, QSettings::IniFormat);
        Settings settings(store);
        QCOMPARE(settings.sendEncoding(), QStringLiteral("Hex"));
        QCOMPARE(settings.receiveEncoding(), QStringLiteral("GB18030"));
        QCOMPARE(settings.peerEncodings(), peers);
        // One peer left: still a map of one, not lost to INI's list handling.
        settings.setPeerEncodings({{QStringLiteral("10.0.0.1"), QStringLiteral("GBK")}});
        QVERIFY(settings.save());
    }
    QSettings store(path, QSettings::IniFormat);
    Settings settings(store);
    QCOMPARE(settings.peerEncodings(),
             (QMap<QString, QString>{{QStringLiteral("10.0.0.1"), QStringLiteral("GBK")}}));
    settings.setPeerEncodings({});
    QVERIFY(settings.save());
    QVERIFY(!contents(path).contains("peers"));

    // Per target: one entry changes at a time, Hex allowed, the address normalised.
    settings.setTargetEncoding(QStringLiteral("192.168.0.9"), QStringLiteral("GBK"));
    settings.setTargetEncoding(QStringLiteral(" ::ffff:10.0.0.1 "), QStringLiteral("Hex"));
    settings.setTargetEncoding(QStringLiteral("10.1"), QStringLiteral("GBK")); // not an address
    QVERIFY(settings.save());
    QSettings again(path, QSettings::IniFormat);
    Settings reloaded(again);
    QCOMPARE(reloaded.targetEncodings(),
             (QMap<QString, QString>{{QStringLiteral("10.0.0.1"), QStringLiteral("Hex")},
                                     {QStringLiteral("192.168.0.9"), QStringLiteral("GBK")}}));
    reloaded.setTargetEncoding(QStringLiteral("192.168.0.9"), QString());
    QCOMPARE(reloaded.targetEncodings(),
             (QMap<QString, QString>{{QStringLiteral("10.0.0.1"), QStringLiteral("Hex")}}));
}

void tst_Settings::encodingsAreValidatedOnLoad_data()
{
    QTest::addColumn<QByteArray>("ini");
    QTest::addColumn<QString>("send");
    QTest::addColumn<QString>("receive");
    QTest::addColumn<QString>("peers"); // "address=encoding" joined with ','

    QTest::newRow("unknown names")
            << QByteArray("[encoding]\nsend=EBCDIC\nreceive=Hex\npeers=10.0.0.1 KOI9\n") << "UTF-8"
            << "UTF-8"
            << "";
    QTest::newRow("any case") << QByteArray("[encoding]\nsend=gbk\nreceive=big5\n") << "GBK"
                              << "Big5"
                              << "";
    QTest::newRow("bad entries dropped, good kept")
            << QByteArray("[encoding]\npeers=\"10.1 GBK;0.0.0.0 GBK;evil.example GBK;10.0.0.2;"
                          "10.0.0.3 GBK extra;::ffff:10.0.0.4 gbk;fd00::9 ISO-8859-1\"\n")
            << "UTF-8"
            << "UTF-8"
            << "10.0.0.4=GBK,fd00::9=ISO-8859-1";
    QTest::newRow("hex is for sending") << QByteArray("[encoding]\npeers=10.0.0.1 Hex\n") << "UTF-8"
                                        << "UTF-8"
                                        << "";
    QTest::newRow("not text") << QByteArray("[encoding]\nsend=@ByteArray(GBK)\n") << "UTF-8"
                              << "UTF-8"
                              << "";
}

void tst_Settings::encodingsAreValidatedOnLoad()
{
    QFETCH(QByteArray, ini);
    QFETCH(QString, send);
    QFETCH(QString, receive);
    QFETCH(QString, peers);
    const QString path = writeFile(ini);
    QVERIFY(!path.isEmpty());
    QSettings store(path, QSettings::IniFormat);
    const Settings settings(store);
    QCOMPARE(settings.sendEncoding(), send);
    QCOMPARE(settings.receiveEncoding(), receive);
    QStringList entries;
    const QMap<QString, QString> map = settings.peerEncodings();
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        entries.append(it.key() + u'=' + it.value());
    QCOMPARE(entries.join(u','), peers);
}

void tst_Settings::outOfRangeFallsBack_data()
{
    QTest::addColumn<QByteArray>("ini");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("targetPort");
    QTest::addColumn<int>("bindPort");

    QTest::newRow("ports too large") << QByteArray("[target]\nport=99999\n[listen]\nport=70000\n")
                                     << "127.0.0.1" << 6666 << 6666;
    QTest::newRow("negative") << QByteArray("[target]\nport=-5\n[listen]\nport=-1\n") << "127.0.0.1"
                              << 6666 << 6666;
    QTest::newRow("target port 0")
            << QByteArray("[target]\nport=0\n[listen]\nport=0\n") << "127.0.0.1" << 6666 << 0;
    QTest::newRow("not numbers") << QByteArray("[target]\nport=abc\n[listen]\nport=1e3\n")
                                 << "127.0.0.1" << 6666 << 6666;
    QTest::newRow("short address")
            << QByteArray("[target]\naddress=10.1\nport=7000\n") << "127.0.0.1" << 7000 << 6666;
    QTest::newRow("any address") << QByteArray("[target]\naddress=0.0.0.0\n") << "127.0.0.1" << 6666
                                 << 6666;
    QTest::newRow("host name") << QByteArray("[target]\naddress=evil.example\n") << "127.0.0.1"
                               << 6666 << 6666;
    QTest::newRow("valid values") << QByteArray(
            "[target]\naddress=10.0.0.7\nport=1\n[listen]\nport=65535\n")
                                  << "10.0.0.7" << 1 << 65535;
}

void tst_Settings::outOfRangeFallsBack()
{
    QFETCH(QByteArray, ini);
    QFETCH(QString, address);
    QFETCH(int, targetPort);
    QFETCH(int, bindPort);
    const QString path = writeFile(ini);
    QVERIFY(!path.isEmpty());
    QSettings store(path, QSettings::IniFormat);
    const Settings settings(store);
    QCOMPARE(settings.targetAddress(), address);
    QCOMPARE(int(settings.targetPort()), targetPort);
    QCOMPARE(int(settings.bindPort()), bindPort);
}

void tst_Settings::corruptedFileGivesDefaults()
{
    QByteArray garbage;
    for (int i = 0; i < 4096; ++i)
        garbage.append(char((i * 131 + 17) % 256));
    garbage.append("\n[window]\ngeometry=@ByteArray(\n[target\nport=\"\n\x00\x01", 40);
    const QString path = writeFile(garbage);
    QSettings store(path, QSettings::IniFormat);
    const Settings settings(store);
    QCOMPARE(settings.targetAddress(), QStringLiteral("127.0.0.1"));
    QCOMPARE(settings.targetPort(), quint16(6666));
    QCOMPARE(settings.bindPort(), quint16(6666));
    QVERIFY(settings.draft().size() <= Settings::MaxDraftLength);
}

void tst_Settings::emptyDraftIsRemoved()
{
    const QString path = m_dir->filePath(QStringLiteral("d.conf"));
    QSettings store(path, QSettings::IniFormat);
    Settings settings(store);
    settings.setDraft(QStringLiteral("x"));
    QCOMPARE(settings.draft(), QStringLiteral("x"));
    QVERIFY(settings.save());
    QVERIFY(contents(path).contains("draft=x"));
    settings.setDraft(QString());
    QVERIFY(settings.draft().isEmpty());
    QVERIFY(settings.save());
    QVERIFY(!contents(path).contains("draft"));
}

void tst_Settings::awkwardTextSurvivesTheReadBackCheck()
{
    // save() compares a read-back copy with what it wrote: text that INI escapes must not make
    // it fail.
    const QString path = m_dir->filePath(QStringLiteral("a.conf"));
    const QString draft = QStringLiteral("  lead, \"quoted\" ; = @at \\ back\r\n\t") + QChar(0)
                          + QString::fromUtf8("\xf0\x9f\x98\x80 ") + QChar(0xd800)
                          + QStringLiteral(" trail  ");
    {
        QSettings store(path, QSettings::IniFormat);
        Settings settings(store);
        settings.setDraft(draft);
        settings.setWindowGeometry(QByteArray("\0\xff@ByteArray(", 14));
        QString error;
        QVERIFY2(settings.save(&error), qPrintable(error));
    }
    QSettings store(path, QSettings::IniFormat);
    const Settings settings(store);
    // Everything but the lone surrogate, which UTF-8 cannot carry (Qt writes '?').
    QCOMPARE(settings.draft(), QString::fromUtf8(draft.toUtf8()));
    QCOMPARE(settings.draft().size(), draft.size());
    QCOMPARE(settings.windowGeometry(), QByteArray("\0\xff@ByteArray(", 14));
}

void tst_Settings::unknownKeysAreKept()
{
    // Keys this version does not know (a newer version wrote them) survive a save.
    const QString path = writeFile("[future]\nthing=1, 2\n[target]\nport=7000\n");
    QSettings store(path, QSettings::IniFormat);
    Settings settings(store);
    settings.setBindPort(7002);
    QVERIFY(settings.save());
    QSettings reread(m_dir->filePath(QStringLiteral("udpchat.conf")), QSettings::IniFormat);
    QCOMPARE(reread.value(QStringLiteral("future/thing")).toStringList(),
             (QStringList{QStringLiteral("1"), QStringLiteral("2")}));
    QCOMPARE(reread.value(QStringLiteral("target/port")).toString(), QStringLiteral("7000"));
    QCOMPARE(reread.value(QStringLiteral("listen/port")).toString(), QStringLiteral("7002"));
}

void tst_Settings::reportsUnwritableLocation()
{
    // A path below a regular file cannot be created, even as root.
    const QString blocker = writeFile("not a directory");
    QSettings store(blocker + QStringLiteral("/sub/udpchat.conf"), QSettings::IniFormat);
    Settings settings(store);
    settings.setTargetPort(7000);
    settings.setDraft(QStringLiteral("typed"));
    QString error;
    QVERIFY(!settings.save(&error));
    QVERIFY2(error.contains(QStringLiteral("could not be saved")), qPrintable(error));
    // Nothing is lost from the session: the values stay and the next save() tries again.
    QCOMPARE(settings.targetPort(), quint16(7000));
    QCOMPARE(settings.draft(), QStringLiteral("typed"));
    QVERIFY(!settings.save());
    QCOMPARE(contents(blocker), QByteArray("not a directory"));
}

void tst_Settings::corruptedFileIsCopiedAsideOnce()
{
    const QString path = writeFile(kDamaged);
    {
        QSettings store(path, QSettings::IniFormat);
        QCOMPARE(store.status(), QSettings::FormatError); // the premise
        Settings settings(store);
        // Exactly one copy, made before anything was written, with the original bytes.
        QCOMPARE(backups().size(), 1);
        QCOMPARE(contents(m_dir->filePath(backups().constFirst())), kDamaged);
        QVERIFY2(settings.loadProblem().contains(backups().constFirst()),
                 qPrintable(settings.loadProblem()));
        QVERIFY(!settings.isReadOnly());
        // What could be parsed is used, the rest is defaults.
        QCOMPARE(settings.targetPort(), quint16(7001));
        QCOMPARE(settings.bindPort(), Settings::DefaultPort);
        QString error;
        QVERIFY2(settings.save(&error), qPrintable(error)); // rewrites the file, undamaged
    }
    QVERIFY(contents(path) != kDamaged);
    QSettings store(path, QSettings::IniFormat);
    QCOMPARE(store.status(), QSettings::NoError);
    const Settings settings(store);
    QVERIFY2(settings.loadProblem().isEmpty(), qPrintable(settings.loadProblem()));
    QCOMPARE(settings.targetPort(), quint16(7001));
    QCOMPARE(settings.targetAddress(), QStringLiteral("10.0.0.9"));
    QCOMPARE(backups().size(), 1);
}

void tst_Settings::backupNamesNeverRepeat()
{
    const QString file = m_dir->filePath(QStringLiteral("udpchat.conf"));
    const QDateTime when(QDate(2024, 2, 29), QTime(23, 59, 58), Qt::UTC);
    const QString first = Settings::backupFileName(file, when);
    QCOMPARE(first, file + QStringLiteral(".corrupt-20240229T235958Z"));
    QVERIFY(writeFile("x").size() > 0);
    QFile(file).copy(first);
    const QString second = Settings::backupFileName(file, when);
    QCOMPARE(second, first + QStringLiteral("-2"));
    QFile(file).copy(second);
    QCOMPARE(Settings::backupFileName(file, when), first + QStringLiteral("-3"));
    // Local time is converted: the name says UTC.
    QCOMPARE(Settings::backupFileName(file, when.toOffsetFromUtc(3600)),
             first + QStringLiteral("-3"));
}

void tst_Settings::earlierBackupIsNeverOverwritten()
{
    // Two damaged files in a row (within the same second, most likely): two copies.
    const QByteArray otherDamage = kDamaged + "\n[more\x03\n";
    const QString path = writeFile(kDamaged);
    {
        QSettings store(path, QSettings::IniFormat);
        const Settings settings(store);
        QVERIFY(!settings.loadProblem().isEmpty());
    }
    QCOMPARE(writeFile(otherDamage), path);
    {
        QSettings store(path, QSettings::IniFormat);
        const Settings settings(store);
        QVERIFY(!settings.loadProblem().isEmpty());
    }
    const QStringList names = backups();
    QCOMPARE(names.size(), 2);
    QByteArrayList copies{contents(m_dir->filePath(names.at(0))),
                          contents(m_dir->filePath(names.at(1)))};
    QVERIFY(copies.contains(kDamaged));
    QVERIFY(copies.contains(otherDamage));
}

void tst_Settings::readOnlyWritesNothing()
{
    const QString path = writeFile("[target]\nport=7000\n");
    QSettings store(path, QSettings::IniFormat);
    {
        Settings settings(store, QStringLiteral("Another udpchat is using this profile."));
        QVERIFY(settings.isReadOnly());
        QCOMPARE(settings.readOnlyReason(),
                 QStringLiteral("Another udpchat is using this profile."));
        settings.setTargetPort(7005);
        settings.setDraft(QStringLiteral("kept in memory"));
        QCOMPARE(settings.targetPort(), quint16(7005));
        QCOMPARE(settings.draft(), QStringLiteral("kept in memory"));
        QVERIFY(settings.save());
    }
    QCOMPARE(contents(path), QByteArray("[target]\nport=7000\n"));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QStringLiteral("udpchat.conf")});
}

void tst_Settings::readOnlyLeavesADamagedFileAlone()
{
    const QString path = writeFile(kDamaged);
    QSettings store(path, QSettings::IniFormat);
    Settings settings(store, QStringLiteral("Another udpchat is using this profile."));
    QVERIFY2(settings.loadProblem().contains(QStringLiteral("damaged")),
             qPrintable(settings.loadProblem()));
    QVERIFY(backups().isEmpty()); // the instance that owns the profile makes the copy
    settings.setBindPort(7003);
    QVERIFY(settings.save());
    QCOMPARE(contents(path), kDamaged);
}

void tst_Settings::unwritableFolderKeepsTheGoodFile()
{
    makeTraversable();
    const QString folder = m_dir->filePath(QStringLiteral("profile"));
    const QString path = Settings::fileNameInProfile(folder);
    {
        QSettings store(path, QSettings::IniFormat);
        Settings settings(store);
        settings.setTargetPort(7000);
        QVERIFY(settings.save());
    }
    const QByteArray good = contents(path);
    QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadOther
                                                  | QFile::ExeOther | QFile::ReadGroup
                                                  | QFile::ExeGroup));
    const auto run =
            FaultEnv::unprivileged({QStringLiteral("settings-save"), path, QStringLiteral("10")});
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    if (!run.skip.isEmpty())
        QSKIP(qPrintable(run.skip));
    QVERIFY2(run.exitCode == 0, qPrintable(run.errorOutput));
    QVERIFY(!run.flag("saved"));
    QVERIFY2(run.value("error").contains(QStringLiteral("could not be saved")),
             qPrintable(run.value("error")));
    QVERIFY(run.flag("draft-kept"));
    QCOMPARE(contents(path), good);
}

void tst_Settings::damagedFileThatCannotBeCopiedIsLeftAlone()
{
    // The disk has no room for the copy (but would have for the smaller rewritten file): then
    // the damaged file must not be replaced, so that nothing is lost without a copy.
    const auto run = FaultEnv::onTinyTmpfs(m_dir->path(),
                                           {QStringLiteral("damaged-full-disk"), m_dir->path()});
    if (!run.skip.isEmpty())
        QSKIP(qPrintable(run.skip));
    QVERIFY2(run.exitCode == 0, qPrintable(run.errorOutput));
    QVERIFY(run.flag("prepared"));
    QVERIFY(run.flag("format-error"));
    QVERIFY2(run.value("load-problem").contains(QStringLiteral("could not be copied aside")),
             qPrintable(run.value("load-problem")));
    QVERIFY(run.flag("read-only"));
    QVERIFY2(run.flag("intact"), "the damaged file was replaced without a copy");
}

void tst_Settings::fullDiskKeepsTheGoodFile_data()
{
    QTest::addColumn<qsizetype>("draftLength");
    QTest::newRow("14,000 characters") << qsizetype(14000); // below QSaveFile's buffer size
    QTest::newRow("100,000 characters") << qsizetype(100000);
}

void tst_Settings::fullDiskKeepsTheGoodFile()
{
    QFETCH(qsizetype, draftLength);
    const auto run =
            FaultEnv::onTinyTmpfs(m_dir->path(), {QStringLiteral("settings-full-disk"),
                                                  m_dir->path(), QString::number(draftLength)});
    if (!run.skip.isEmpty())
        QSKIP(qPrintable(run.skip));
    QVERIFY2(run.exitCode == 0, qPrintable(run.errorOutput));
    QVERIFY(run.flag("first"));
    QVERIFY2(!run.flag("saved"), "a save that did not fit was reported as done");
    QVERIFY2(run.flag("intact"), "the good settings file was replaced");
    QVERIFY2(run.value("error").contains(QStringLiteral("could not be saved")),
             qPrintable(run.value("error")));
    QVERIFY2(run.value("error").contains(QStringLiteral("No space left")),
             qPrintable(run.value("error")));
    QVERIFY(run.flag("draft-kept"));
}

void tst_Settings::fullTemporaryFolderIsNoticed()
{
    // The profile's disk has room but TMPDIR, where the copy is serialised and read back, is
    // full: a truncated copy must not reach the profile.
    const QString profile = m_dir->filePath(QStringLiteral("profile"));
    const QString path = Settings::fileNameInProfile(profile);
    {
        QSettings store(path, QSettings::IniFormat);
        Settings settings(store);
        settings.setTargetPort(7000);
        QVERIFY(settings.save());
    }
    const QByteArray good = contents(path);
    const QString tmp = m_dir->filePath(QStringLiteral("tmp"));
    QVERIFY(QDir().mkpath(tmp));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("TMPDIR"), tmp);
    const auto run = FaultEnv::onTinyTmpfs(
            tmp, {QStringLiteral("settings-save"), path, QStringLiteral("64000")}, environment);
    if (!run.skip.isEmpty())
        QSKIP(qPrintable(run.skip));
    QVERIFY2(run.exitCode == 0, qPrintable(run.errorOutput));
    QVERIFY2(!run.flag("saved"), "a truncated copy was reported as saved");
    QVERIFY2(run.value("error").contains(tmp), qPrintable(run.value("error")));
    QVERIFY(run.flag("draft-kept"));
    QCOMPARE(contents(path), good);
}

// Issue 15 #3: one line such as x="\0", made every later save fail ("a temporary copy ... did
// not read back intact"), so what was typed was lost at each restart, and no copy was made:
// QSettings parses lazily, so status() said NoError until something was read.
void tst_Settings::lazilyParsedDamageIsFoundAtStart_data()
{
    QTest::addColumn<QByteArray>("damaged");
    QTest::newRow("escaped NUL") << QByteArray("[target]\nport=7001\nx=\"\\0\",\n");
    QTest::newRow("raw NUL") << QByteArray("[target]\nport=7001\nx=\"\0\",\n", 27);
    QTest::newRow("top level") << QByteArray("x=\"\\0\",\n[target]\nport=7001\n");
}

void tst_Settings::lazilyParsedDamageIsFoundAtStart()
{
    QFETCH(QByteArray, damaged);
    const QString path = writeFile(damaged);
    QVERIFY(!path.isEmpty());
    {
        QSettings store(path, QSettings::IniFormat);
        Settings settings(store);
        QCOMPARE(backups().size(), 1);
        QCOMPARE(contents(m_dir->filePath(backups().constFirst())), damaged);
        QVERIFY2(settings.loadProblem().contains(backups().constFirst()),
                 qPrintable(settings.loadProblem()));
        QVERIFY(!settings.isReadOnly());
        QCOMPARE(settings.targetPort(), quint16(7001)); // what could be read
        settings.setDraft(QStringLiteral("typed"));
        QString error;
        QVERIFY2(settings.save(&error), qPrintable(error));
    }
    QSettings store(path, QSettings::IniFormat);
    Settings settings(store);
    QVERIFY2(settings.loadProblem().isEmpty(), qPrintable(settings.loadProblem()));
    QCOMPARE(settings.draft(), QStringLiteral("typed"));
    QCOMPARE(settings.targetPort(), quint16(7001));
    QCOMPARE(backups().size(), 1);
    settings.save();
    QCOMPARE(backups().size(), 1);
}

// Issue 15: a save killed while serialising left its udpchat-XXXXXX scratch folder in $TMPDIR for
// good. The next start removes such a folder once its process is gone, and nothing else.
void tst_Settings::killedSaveLeavesNoScratchFolder()
{
    const QString tmp = m_dir->filePath(QStringLiteral("tmp"));
    QVERIFY(QDir().mkpath(tmp));
    const QByteArray oldTmp = qgetenv("TMPDIR");
    qputenv("TMPDIR", tmp.toUtf8());
    const auto restore = qScopeGuard([&oldTmp] { qputenv("TMPDIR", oldTmp); });

    // A process that is gone: its pid is free (until the system reuses it).
    QProcess gone;
    gone.start(QStringLiteral("true"), {});
    QVERIFY(gone.waitForStarted());
    const qint64 deadPid = gone.processId();
    QVERIFY(gone.waitForFinished());
    const auto makeFolder = [&tmp](const QString &name, const QString &file) {
        QDir(tmp).mkpath(name);
        QFile f(QDir(tmp).filePath(name + u'/' + file));
        return f.open(QIODevice::WriteOnly) && f.write("[target]\nport=1\n") > 0;
    };
    const QString stale = QStringLiteral("udpchat-settings-%1-aB3dE9").arg(deadPid);
    const QString alive = QStringLiteral("udpchat-settings-1-xY7zQ2"); // pid 1 always runs
    const QString foreign = QStringLiteral("udpchat-settings-%1-kL4mN5").arg(deadPid);
    QVERIFY(makeFolder(stale, QStringLiteral("written.ini")));
    QVERIFY(makeFolder(stale, QStringLiteral("check.ini")));
    QVERIFY(makeFolder(alive, QStringLiteral("written.ini")));
    QVERIFY(makeFolder(foreign, QStringLiteral("notes.txt")));
    // Left by a version before issue 15 (no process id in the name): removed once an hour old.
    const QString legacyOld = QStringLiteral("udpchat-Ab3De9");
    const QString legacyNew = QStringLiteral("udpchat-Xy7Zq2");
    QVERIFY(makeFolder(legacyOld, QStringLiteral("written.ini")));
    QVERIFY(makeFolder(legacyNew, QStringLiteral("check.ini")));
    const auto age = [&tmp](const QString &name, qint64 seconds) {
        const QByteArray path = QFile::encodeName(QDir(tmp).filePath(name));
        const timeval then{time_t(QDateTime::currentSecsSinceEpoch() - seconds), 0};
        const timeval times[2]{then, then};
        return ::utimes(path.constData(), times) == 0;
    };
    QVERIFY(age(legacyOld, 2 * 3600));
    QVERIFY(age(legacyNew, 60));

    const QString path = m_dir->filePath(QStringLiteral("udpchat.conf"));
    QSettings store(path, QSettings::IniFormat);
    Settings settings(store);
    QStringList kept{foreign, alive, legacyNew};
    kept.sort();
    QStringList left = QDir(tmp).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    left.sort();
    QCOMPARE(left, kept);
    // A save of this process leaves nothing behind either.
    settings.setDraft(QStringLiteral("typed"));
    QVERIFY(settings.save());
    left = QDir(tmp).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    left.sort();
    QCOMPARE(left, kept);
}

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"
