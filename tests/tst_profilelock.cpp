#include "core/config/profilelock.h"
#include "core/config/settings.h"
#include "faultenv.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class tst_ProfileLock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void secondLockInTheSameProcessIsDetected();
    void lockHeldByAnotherProcessIsDetected();
    void oldLockOfARunningOwnerIsRespected();
    void staleLockOfADeadOwnerIsTakenOver();
    void releasedOnDestruction();
    void uncreatableFolderFails();
    void staleLockOnAFullDiskIsNotCalledAnotherUdpchat();
    void executableSecondInstanceRunsReadOnly();
    void executableTakesOverAfterACrash();

private:
    QString lockFile() const { return m_dir->filePath(ProfileLock::fileNameInProfile()); }
    qint64 lockOwner() const;
    bool startHolder(QProcess &holder);
    void startApp(QProcess &app);
    static bool waitForStderr(QProcess &process, const QString &text, QString *seen);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::vector<std::unique_ptr<QProcess>> m_processes;
};

void tst_ProfileLock::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_ProfileLock::cleanup()
{
    for (auto &process : m_processes) {
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(10000);
        }
    }
    m_processes.clear();
    m_dir.reset();
}

qint64 tst_ProfileLock::lockOwner() const
{
    qint64 pid = 0;
    QString host;
    QString application;
    return QLockFile(lockFile()).getLockInfo(&pid, &host, &application) ? pid : 0;
}

// The helper takes the lock and holds it until killed; returns once it said so.
bool tst_ProfileLock::startHolder(QProcess &holder)
{
    holder.start(FaultEnv::helper(), {QStringLiteral("hold-lock"), m_dir->path()});
    if (!holder.waitForStarted(30000))
        return false;
    const QDeadlineTimer deadline(30000);
    while (!holder.canReadLine()) {
        if (deadline.hasExpired() || !holder.waitForReadyRead(int(deadline.remainingTime())))
            return false;
    }
    return holder.readLine() == "locked=1\n";
}

void tst_ProfileLock::startApp(QProcess &app)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // Belt and braces: even the default profile would be a private one.
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("xdg")));
    app.setProcessEnvironment(environment);
    app.start(QStringLiteral(UDPCHAT_EXECUTABLE),
              {QStringLiteral("--profile"), m_dir->path(), QStringLiteral("--bind-port"),
               QStringLiteral("0")});
}

bool tst_ProfileLock::waitForStderr(QProcess &process, const QString &text, QString *seen)
{
    process.setReadChannel(QProcess::StandardError);
    const QDeadlineTimer deadline(30000);
    while (!seen->contains(text)) {
        if (deadline.hasExpired() || !process.waitForReadyRead(int(deadline.remainingTime())))
            return false;
        *seen += QString::fromLocal8Bit(process.readAllStandardError());
    }
    return true;
}

void tst_ProfileLock::secondLockInTheSameProcessIsDetected()
{
    ProfileLock first(m_dir->path());
    QCOMPARE(first.tryLock(), ProfileLock::Status::Locked);
    QVERIFY(QFile::exists(lockFile()));
    ProfileLock second(m_dir->path());
    QCOMPARE(second.tryLock(), ProfileLock::Status::HeldByOther);
    QCOMPARE(second.ownerPid(), QCoreApplication::applicationPid());
    QVERIFY2(second.message().contains(m_dir->path()), qPrintable(second.message()));
    QCOMPARE(first.status(), ProfileLock::Status::Locked);
}

void tst_ProfileLock::lockHeldByAnotherProcessIsDetected()
{
    auto &holder = *m_processes.emplace_back(std::make_unique<QProcess>());
    QVERIFY(startHolder(holder));
    ProfileLock lock(m_dir->path());
    QCOMPARE(lock.tryLock(), ProfileLock::Status::HeldByOther);
    QCOMPARE(lock.ownerPid(), holder.processId());
    QVERIFY2(lock.message().contains(QString::number(holder.processId())),
             qPrintable(lock.message()));
    // Asking again does not take it either.
    QCOMPARE(lock.tryLock(), ProfileLock::Status::HeldByOther);
}

void tst_ProfileLock::oldLockOfARunningOwnerIsRespected()
{
    // udpchat holds its lock for days; QLockFile's default would call it stale after 30 s. On a
    // local disk the owner's flock() also keeps it, so this lock file is made the way it looks
    // where flock() does not work (some network file systems): the contents of a live owner
    // (this process), no flock, and an hour old.
    QTemporaryDir elsewhere;
    QVERIFY(elsewhere.isValid());
    QByteArray ownerRecord;
    {
        QLockFile own(elsewhere.filePath(QStringLiteral("own.lock")));
        QVERIFY(own.tryLock(0));
        QFile file(own.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        ownerRecord = file.readAll();
    }
    QFile file(lockFile());
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(ownerRecord), ownerRecord.size());
    QVERIFY(file.flush()); // before setting the time, which a later write would undo
    QVERIFY(file.setFileTime(QDateTime::currentDateTime().addSecs(-3600),
                             QFileDevice::FileModificationTime));
    file.close();
    QVERIFY(QFileInfo(lockFile()).lastModified().secsTo(QDateTime::currentDateTime()) > 3000);

    ProfileLock lock(m_dir->path());
    QCOMPARE(lock.tryLock(), ProfileLock::Status::HeldByOther);
    QCOMPARE(lockOwner(), QCoreApplication::applicationPid());
}

void tst_ProfileLock::staleLockOfADeadOwnerIsTakenOver()
{
    auto &holder = *m_processes.emplace_back(std::make_unique<QProcess>());
    QVERIFY(startHolder(holder));
    const qint64 deadPid = holder.processId();
    holder.kill(); // as a crash: the lock file stays behind
    QVERIFY(holder.waitForFinished(30000));
    QCOMPARE(lockOwner(), deadPid);

    ProfileLock lock(m_dir->path());
    QCOMPARE(lock.tryLock(), ProfileLock::Status::Locked);
    QCOMPARE(lockOwner(), QCoreApplication::applicationPid());
}

void tst_ProfileLock::releasedOnDestruction()
{
    {
        ProfileLock lock(m_dir->path());
        QCOMPARE(lock.tryLock(), ProfileLock::Status::Locked);
    }
    QVERIFY(!QFile::exists(lockFile()));
    ProfileLock again(m_dir->path());
    QCOMPARE(again.tryLock(), ProfileLock::Status::Locked);
}

void tst_ProfileLock::uncreatableFolderFails()
{
    const QString blocker = m_dir->filePath(QStringLiteral("blocker"));
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    ProfileLock lock(blocker + QStringLiteral("/profile"));
    QCOMPARE(lock.tryLock(), ProfileLock::Status::Failed);
    QVERIFY(!lock.message().isEmpty());
}

void tst_ProfileLock::executableSecondInstanceRunsReadOnly()
{
    auto &first = *m_processes.emplace_back(std::make_unique<QProcess>());
    startApp(first);
    QVERIFY(first.waitForStarted(30000));
    QTRY_COMPARE_WITH_TIMEOUT(lockOwner(), first.processId(), 30000);

    auto &second = *m_processes.emplace_back(std::make_unique<QProcess>());
    startApp(second);
    QVERIFY(second.waitForStarted(30000));
    QString seen;
    QVERIFY2(waitForStderr(second, QStringLiteral("does not save settings"), &seen),
             qPrintable(seen));
    QVERIFY2(seen.contains(QStringLiteral("Another udpchat (process %1)").arg(first.processId())),
             qPrintable(seen));
    // Handled, not fatal: the second one keeps running, and the first one keeps the lock.
    QCOMPARE(second.state(), QProcess::Running);
    QCOMPARE(first.state(), QProcess::Running);
    QCOMPARE(lockOwner(), first.processId());
    QVERIFY(!QFile::exists(Settings::fileNameInProfile(m_dir->path())));
}

void tst_ProfileLock::executableTakesOverAfterACrash()
{
    auto &first = *m_processes.emplace_back(std::make_unique<QProcess>());
    startApp(first);
    QVERIFY(first.waitForStarted(30000));
    QTRY_COMPARE_WITH_TIMEOUT(lockOwner(), first.processId(), 30000);
    const qint64 crashed = first.processId();
    first.kill();
    QVERIFY(first.waitForFinished(30000));
    QCOMPARE(lockOwner(), crashed); // left behind

    auto &second = *m_processes.emplace_back(std::make_unique<QProcess>());
    startApp(second);
    QVERIFY(second.waitForStarted(30000));
    QTRY_COMPARE_WITH_TIMEOUT(lockOwner(), second.processId(), 30000);
    QCOMPARE(second.state(), QProcess::Running);
    QVERIFY(!QString::fromLocal8Bit(second.readAllStandardError()).contains(u"Another udpchat"));
}

// Issue 15: on a full disk QLockFile cannot take over a dead owner's lock (it must write a
// ".rmlock" first), and the profile was reported as used by "Another udpchat (process N)", a
// process that no longer existed.
void tst_ProfileLock::staleLockOnAFullDiskIsNotCalledAnotherUdpchat()
{
    const auto run = FaultEnv::onTinyTmpfs(m_dir->path(),
                                           {QStringLiteral("stale-lock-full-disk"), m_dir->path()});
    if (!run.skip.isEmpty())
        QSKIP(qPrintable(run.skip));
    QVERIFY2(run.exitCode == 0, qPrintable(run.errorOutput));
    QVERIFY(run.flag("prepared"));
    const QString message = run.value("message");
    QVERIFY2(!run.flag("held-by-other"), qPrintable(message));
    QVERIFY2(run.flag("failed"), qPrintable(message)); // no room for a lock file either
    QVERIFY2(!message.contains(QStringLiteral("Another udpchat")), qPrintable(message));
    QVERIFY2(message.contains(run.value("dead")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("no longer runs")), qPrintable(message));
}

QTEST_GUILESS_MAIN(tst_ProfileLock)
#include "tst_profilelock.moc"
