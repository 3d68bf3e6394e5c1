// A received file on disk (issue 17): written as ".part" and renamed when complete, never over an
// existing file ("(1)" instead), with the sender's time; at most the declared size; an early end
// keeps the ".part"; nothing through a link out of the folder chosen; a full disk refused before
// the start or said in a sentence when it fills up meanwhile (a real 1 MiB tmpfs).

#include "core/ipmsg/ipmsgfilesink.h"
#include "tests/faultenv.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

class TstIpMsgFileSink : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void completeFileGetsItsNameAndTime();
    void neverOverAnExistingFile();
    void stopsAtTheDeclaredSize();
    void earlyEndKeepsThePart();
    void aPartBeingWrittenIsNotTakenOver();
    void subfoldersAndLinksOut();
    void fullDisk();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    static QByteArray contents(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TstIpMsgFileSink::completeFileGetsItsNameAndTime()
{
    IpMsgFileSink sink;
    QString error;
    const qint64 mtime = 1700000000;
    QVERIFY2(sink.open(m_dir->path(), {}, QStringLiteral("报告.txt"), 11, mtime, &error),
             qPrintable(error));
    QCOMPARE(sink.partPath(), path(QStringLiteral("报告.txt.part")));
    QVERIFY(QFileInfo::exists(sink.partPath()));
    QVERIFY(!QFileInfo::exists(path(QStringLiteral("报告.txt"))));
    QCOMPARE(sink.write("hello "), 6);
    QCOMPARE(sink.write("world"), 5);
    QVERIFY(sink.isComplete());
    QVERIFY2(sink.finish(&error), qPrintable(error));
    QCOMPARE(sink.finalPath(), path(QStringLiteral("报告.txt")));
    QVERIFY(!QFileInfo::exists(sink.partPath()));
    QCOMPARE(contents(sink.finalPath()), QByteArray("hello world"));
    QCOMPARE(QFileInfo(sink.finalPath()).lastModified().toSecsSinceEpoch(), mtime);
}

void TstIpMsgFileSink::neverOverAnExistingFile()
{
    for (const char *existing : {"photo.jpg", "photo (1).jpg", "archive.tar.gz"}) {
        QFile f(path(QString::fromLatin1(existing)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("old");
    }
    QCOMPARE(IpMsgFileSink::uniquePath(m_dir->path(), QStringLiteral("photo.jpg")),
             path(QStringLiteral("photo (2).jpg")));
    QCOMPARE(IpMsgFileSink::uniquePath(m_dir->path(), QStringLiteral("archive.tar.gz")),
             path(QStringLiteral("archive (1).tar.gz")));
    QCOMPARE(IpMsgFileSink::uniquePath(m_dir->path(), QStringLiteral("new.txt")),
             path(QStringLiteral("new.txt")));
    IpMsgFileSink sink;
    QVERIFY(sink.open(m_dir->path(), {}, QStringLiteral("photo.jpg"), 3, 0, nullptr));
    QCOMPARE(sink.write("new"), 3);
    QVERIFY(sink.finish(nullptr));
    QCOMPARE(sink.finalPath(), path(QStringLiteral("photo (2).jpg")));
    QCOMPARE(contents(path(QStringLiteral("photo.jpg"))), QByteArray("old"));
    // The name taken while the file arrived: the next one, the newcomer kept whole.
    IpMsgFileSink late;
    QVERIFY(late.open(m_dir->path(), {}, QStringLiteral("late.txt"), 1, 0, nullptr));
    QFile taken(path(QStringLiteral("late.txt")));
    QVERIFY(taken.open(QIODevice::WriteOnly));
    taken.write("first");
    taken.close();
    QCOMPARE(late.write("x"), 1);
    QVERIFY(late.finish(nullptr));
    QCOMPARE(late.finalPath(), path(QStringLiteral("late (1).txt")));
    QCOMPARE(contents(path(QStringLiteral("late.txt"))), QByteArray("first"));
}

void TstIpMsgFileSink::stopsAtTheDeclaredSize()
{
    IpMsgFileSink sink;
    QVERIFY(sink.open(m_dir->path(), {}, QStringLiteral("f"), 4, 0, nullptr));
    QCOMPARE(sink.write("abcdefgh"), 4);
    QCOMPARE(sink.write("more"), 0);
    QCOMPARE(sink.excess(), 8);
    QVERIFY(sink.finish(nullptr));
    QCOMPARE(contents(sink.finalPath()), QByteArray("abcd"));
}

void TstIpMsgFileSink::earlyEndKeepsThePart()
{
    IpMsgFileSink sink;
    QVERIFY(sink.open(m_dir->path(), {}, QStringLiteral("big.iso"), 100, 0, nullptr));
    QCOMPARE(sink.write("only this"), 9);
    QString error;
    QVERIFY(!sink.finish(&error));
    QVERIFY2(error.contains(QStringLiteral("incomplete")), qPrintable(error));
    sink.abandon();
    QCOMPARE(contents(path(QStringLiteral("big.iso.part"))), QByteArray("only this"));
    QVERIFY(!QFileInfo::exists(path(QStringLiteral("big.iso"))));
    // A second offer of the same name does not touch the first one's part.
    QCOMPARE(IpMsgFileSink::uniquePath(m_dir->path(), QStringLiteral("big.iso")),
             path(QStringLiteral("big (1).iso")));
}

// Two offers of files with the same name saved in the same folder at once: the second transfer
// never continues (resume()) or empties (restart()) the ".part" the first is writing, which
// would spoil both files; it gets a name of its own instead. Once the first stopped, its
// ".part" is one a broken transfer left, and can be taken over.
void TstIpMsgFileSink::aPartBeingWrittenIsNotTakenOver()
{
    IpMsgFileSink first;
    QVERIFY(first.open(m_dir->path(), {}, QStringLiteral("f.bin"), 100, 0, nullptr));
    QCOMPARE(first.write("first's"), 7);
    const QString part = path(QStringLiteral("f.bin.part"));
    QCOMPARE(first.partPath(), part);
    QVERIFY(IpMsgFileSink::partToResume(m_dir->path(), QStringLiteral("f.bin"), 100).isEmpty());
    IpMsgFileSink second;
    QVERIFY(!second.resume(m_dir->path(), QStringLiteral("f.bin"), 100, 0));
    QVERIFY(!second.restart(m_dir->path(), QStringLiteral("f.bin"), 100, 0));
    QVERIFY(second.open(m_dir->path(), {}, QStringLiteral("f.bin"), 100, 0, nullptr));
    QCOMPARE(second.partPath(), path(QStringLiteral("f (1).bin.part")));
    QCOMPARE(first.write(" bytes"), 6);
    QCOMPARE(contents(part), QByteArray("first's bytes"));

    first.abandon();
    IpMsgFileSink later;
    QVERIFY(later.resume(m_dir->path(), QStringLiteral("f.bin"), 100, 0));
    QCOMPARE(later.written(), 13);
}

void TstIpMsgFileSink::subfoldersAndLinksOut()
{
    IpMsgFileSink sink;
    QString error;
    QVERIFY2(sink.open(m_dir->path(), {QStringLiteral("top"), QStringLiteral("sub")},
                       QStringLiteral("a.txt"), 1, 0, &error),
             qPrintable(error));
    QCOMPARE(sink.partPath(), path(QStringLiteral("top/sub/a.txt.part")));
    sink.abandon();
    // A link in the folder chosen that leads out of it is never followed.
    QTemporaryDir outside;
    QVERIFY(QFile::link(outside.path(), path(QStringLiteral("escape"))));
    IpMsgFileSink evil;
    QVERIFY(!evil.open(m_dir->path(), {QStringLiteral("escape")}, QStringLiteral("x"), 1, 0,
                       &error));
    QVERIFY2(error.contains(QStringLiteral("not a folder inside")), qPrintable(error));
    QVERIFY(QDir(outside.path()).isEmpty());
    // Nor a link with the file's name: a new file is created beside it.
    QVERIFY(QFile::link(outside.filePath(QStringLiteral("target")), path(QStringLiteral("y"))));
    IpMsgFileSink named;
    QVERIFY(named.open(m_dir->path(), {}, QStringLiteral("y"), 1, 0, &error));
    QCOMPARE(named.write("z"), 1);
    QVERIFY(named.finish(&error));
    QCOMPARE(named.finalPath(), path(QStringLiteral("y (1)")));
    QVERIFY(QDir(outside.path()).isEmpty());
    // A folder that is gone.
    IpMsgFileSink gone;
    QVERIFY(!gone.open(path(QStringLiteral("nowhere")), {}, QStringLiteral("x"), 1, 0, &error));
    QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
}

void TstIpMsgFileSink::fullDisk()
{
    const FaultEnv::Run run =
            FaultEnv::onTmpfs(m_dir->path(), QStringLiteral("1m"),
                              {QStringLiteral("filesink-full-disk"), m_dir->path()});
    if (!run.skip.isEmpty())
        QSKIP(qPrintable(run.skip));
    QVERIFY2(run.exitCode == 0, qPrintable(run.errorOutput));
    QVERIFY(run.flag("refused"));
    QVERIFY2(run.value("refusedError").startsWith(QStringLiteral("Not enough space")),
             qPrintable(run.value("refusedError")));
    QVERIFY(run.flag("refusedNothing"));
    QVERIFY(run.flag("opened"));
    QVERIFY(run.flag("writeFailed"));
    QVERIFY2(run.value("writeError").contains(QStringLiteral("is full")),
             qPrintable(run.value("writeError")));
    QVERIFY(run.flag("partKept"));
    QVERIFY(run.flag("noFinal"));
}

QTEST_GUILESS_MAIN(TstIpMsgFileSink)
#include "tst_ipmsgfilesink.moc"
