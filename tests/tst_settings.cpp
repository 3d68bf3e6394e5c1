#include "settings.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

class tst_Settings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void defaults();
    void roundTrip();
    void outOfRangeFallsBack_data();
    void outOfRangeFallsBack();
    void corruptedFileGivesDefaults();
    void emptyDraftIsRemoved();
    void reportsUnwritableLocation();

private:
    QString writeFile(const QByteArray &contents);
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
    QSettings store(m_dir->filePath(QStringLiteral("d.conf")), QSettings::IniFormat);
    Settings settings(store);
    settings.setDraft(QStringLiteral("x"));
    QVERIFY(store.contains(QStringLiteral("window/draft")));
    settings.setDraft(QString());
    QVERIFY(!store.contains(QStringLiteral("window/draft")));
}

void tst_Settings::reportsUnwritableLocation()
{
    // A path below a regular file cannot be created, even as root.
    const QString blocker = writeFile("not a directory");
    QSettings store(blocker + QStringLiteral("/sub/udpchat.conf"), QSettings::IniFormat);
    Settings settings(store);
    settings.setTargetPort(7000);
    QString error;
    QVERIFY(!settings.save(&error));
    QVERIFY(error.contains(QStringLiteral("could not be saved")));
}

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"
