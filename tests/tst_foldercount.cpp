// FolderCount (issue 17): the bytes of a folder about to be offered are added up on another
// thread and come back on the object's own thread, counted as the folder stream sends them (hidden
// files, subfolders, no links); a count whose owner goes first never calls back.

#include "core/ipmsg/foldercount.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

class TstFolderCount : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countsRegularFilesBelowEachFolder();
    void goneFirstNeverCallsBack();
    void cancelledNeverCallsBack();

private:
    static bool write(const QString &path, qsizetype size);
};

bool TstFolderCount::write(const QString &path, qsizetype size)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(QByteArray(size, 'x')) == size;
}

void TstFolderCount::countsRegularFilesBelowEachFolder()
{
    QTemporaryDir dir;
    const QString a = dir.filePath(QStringLiteral("a"));
    const QString b = dir.filePath(QStringLiteral("b"));
    QVERIFY(QDir().mkpath(a + QStringLiteral("/sub/deeper")));
    QVERIFY(QDir().mkpath(b));
    QVERIFY(write(a + QStringLiteral("/one"), 100));
    QVERIFY(write(a + QStringLiteral("/.hidden"), 20));
    QVERIFY(write(a + QStringLiteral("/sub/deeper/two"), 3000));
    QVERIFY(write(dir.filePath(QStringLiteral("alone.bin")), 7));
    // Links are not followed: not to a file, not to a folder (which could hold the whole disk).
    QVERIFY(QFile::link(a + QStringLiteral("/one"), a + QStringLiteral("/link")));
    QVERIFY(QFile::link(dir.path(), a + QStringLiteral("/up")));

    FolderCount count;
    QThread *calledOn = nullptr;
    FolderCount::Sizes got;
    int calls = 0;
    count.start({a, dir.filePath(QStringLiteral("alone.bin")), b},
                [&](const FolderCount::Sizes &s) {
                    calledOn = QThread::currentThread();
                    got = s;
                    ++calls;
                });
    QCOMPARE(count.running(), 1);
    QCOMPARE(calls, 0); // not before the event loop turns
    QTRY_COMPARE(calls, 1);
    QCOMPARE(calledOn, QThread::currentThread());
    QCOMPARE(count.running(), 0);
    const FolderCount::Sizes expected{{QDir(a).absolutePath(), 3120}, {QDir(b).absolutePath(), 0}};
    QCOMPARE(got, expected);
    QVERIFY(FolderCount::anyFolder({dir.filePath(QStringLiteral("alone.bin")), b}));
    QVERIFY(!FolderCount::anyFolder({dir.filePath(QStringLiteral("alone.bin"))}));
    QCOMPARE(FolderCount::folderBytes(a), 3120);
    QCOMPARE(FolderCount::folderBytes(a, [] { return true; }), -1);
}

void TstFolderCount::goneFirstNeverCallsBack()
{
    QTemporaryDir dir;
    for (int i = 0; i < 2000; ++i)
        QVERIFY(write(dir.filePath(QStringLiteral("f%1").arg(i)), 1));
    bool called = false;
    {
        FolderCount count;
        for (int i = 0; i < 5; ++i)
            count.start({dir.path()}, [&called](const FolderCount::Sizes &) { called = true; });
    } // cancelled: the walk under way stops at its next entry
    QTest::qWait(0);
    QCoreApplication::processEvents();
    QVERIFY(!called);
}

void TstFolderCount::cancelledNeverCallsBack()
{
    QTemporaryDir dir;
    QVERIFY(write(dir.filePath(QStringLiteral("one")), 10));
    FolderCount count;
    int called = 0;
    count.start({dir.path()}, [&called](const FolderCount::Sizes &) { ++called; });
    count.cancelAll();
    QCOMPARE(count.running(), 0);
    count.waitForDone(); // the walk has ended: only its callback could still come
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCOMPARE(called, 0);
    // Counting again afterwards works.
    count.start({dir.path()}, [&called](const FolderCount::Sizes &sizes) {
        called += sizes.size() == 1 ? 1 : 100;
    });
    QTRY_COMPARE(called, 1);
}

QTEST_GUILESS_MAIN(TstFolderCount)
#include "tst_foldercount.moc"
