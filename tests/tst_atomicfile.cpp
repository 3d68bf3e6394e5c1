#include "core/util/atomicfile.h"
#include "faultenv.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class tst_AtomicFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void writesExactBytes_data();
    void writesExactBytes();
    void createsMissingFolders();
    void failsBelowARegularFile();
    void fullDiskKeepsTheOldFile_data();
    void fullDiskKeepsTheOldFile();
    void unwritableFolderKeepsTheOldFile();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {
QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}
} // namespace

void tst_AtomicFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_AtomicFile::writesExactBytes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("binary") << QByteArray("a\0b\xff\n", 5);
    QTest::newRow("larger than Qt's buffer") << QByteArray(100000, 'z');
}

void tst_AtomicFile::writesExactBytes()
{
    QFETCH(QByteArray, bytes);
    const QString path = m_dir->filePath(QStringLiteral("f"));
    QVERIFY(writeFileAtomically(path, QByteArray(5000, 'o')));
    QString error;
    QVERIFY2(writeFileAtomically(path, bytes, &error), qPrintable(error));
    QCOMPARE(contents(path), bytes);
    // Nothing else is left in the folder (no temporary file).
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QStringLiteral("f")});
}

void tst_AtomicFile::createsMissingFolders()
{
    const QString path = m_dir->filePath(QStringLiteral("a/b/c/f"));
    QVERIFY(writeFileAtomically(path, "x"));
    QCOMPARE(contents(path), QByteArray("x"));
}

void tst_AtomicFile::failsBelowARegularFile()
{
    // A path below a regular file cannot be created, even as root.
    const QString blocker = m_dir->filePath(QStringLiteral("blocker"));
    QVERIFY(writeFileAtomically(blocker, "keep"));
    QString error;
    QVERIFY(!writeFileAtomically(blocker + QStringLiteral("/sub/f"), "x", &error));
    QVERIFY2(error.contains(QStringLiteral("cannot be created")), qPrintable(error));
    QCOMPARE(contents(blocker), QByteArray("keep"));
}

void tst_AtomicFile::fullDiskKeepsTheOldFile_data()
{
    QTest::addColumn<qsizetype>("size");
    // Smaller than QSaveFile's 16 KiB buffer: a buffered write would report success and the
    // short write would happen unnoticed in commit().
    QTest::newRow("14,000 bytes") << qsizetype(14000);
    QTest::newRow("100,000 bytes") << qsizetype(100000);
}

void tst_AtomicFile::fullDiskKeepsTheOldFile()
{
    QFETCH(qsizetype, size);
    const auto run = FaultEnv::onTinyTmpfs(m_dir->path(), {QStringLiteral("atomic-full-disk"),
                                                           m_dir->path(), QString::number(size)});
    if (!run.skip.isEmpty())
        QSKIP(qPrintable(run.skip));
    QVERIFY2(run.exitCode == 0, qPrintable(run.errorOutput));
    QVERIFY(run.flag("first"));
    QVERIFY2(!run.flag("ok"), "a write that did not fit was reported as done");
    QVERIFY2(run.flag("intact"), "the good file was replaced");
    QVERIFY2(run.value("error").contains(QStringLiteral("No space left")),
             qPrintable(run.value("error")));
}

void tst_AtomicFile::unwritableFolderKeepsTheOldFile()
{
    // A read-only folder, checked as a user whom permissions apply to (root is not).
    QVERIFY(QFile::setPermissions(
            m_dir->path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther
                                   | QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup));
    const QString folder = m_dir->filePath(QStringLiteral("ro"));
    const QString path = folder + QStringLiteral("/f");
    QVERIFY(writeFileAtomically(path, "good"));
    // The file itself is writable for everyone: only the folder says no, and replacing a file
    // atomically needs a new file in the folder.
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther
                                                | QFile::WriteOther | QFile::ReadGroup
                                                | QFile::WriteGroup));
    QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadOther
                                                  | QFile::ExeOther | QFile::ReadGroup
                                                  | QFile::ExeGroup));
    const auto run =
            FaultEnv::unprivileged({QStringLiteral("atomic-write"), path, QString::number(10)});
    // Let QTemporaryDir clean up.
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    if (!run.skip.isEmpty())
        QSKIP(qPrintable(run.skip));
    QVERIFY2(run.exitCode == 0, qPrintable(run.errorOutput));
    QVERIFY(!run.flag("ok"));
    QVERIFY2(run.value("error").contains(QStringLiteral("ermission")),
             qPrintable(run.value("error")));
    QVERIFY(run.flag("intact"));
    QCOMPARE(contents(path), QByteArray("good"));
}

QTEST_GUILESS_MAIN(tst_AtomicFile)
#include "tst_atomicfile.moc"
