// A child process for the fault tests: it runs where the test process cannot (on a tiny tmpfs in
// a private mount namespace, as an unprivileged user) and reports what happened as key=value
// lines on stdout. Not a test itself.

#include "core/config/profilelock.h"
#include "core/config/settings.h"
#include "core/history/historystore.h"
#include "core/ipmsg/ipmsgfilesink.h"
#include "core/util/atomicfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <cstdio>

namespace {
void report(const char *key, const QString &value)
{
    std::printf("%s=%s\n", key, value.toUtf8().constData());
    std::fflush(stdout);
}

void report(const char *key, bool value)
{
    report(key, value ? QStringLiteral("1") : QStringLiteral("0"));
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// hold-lock DIR: takes the profile lock, says "locked=1" and keeps it until stdin closes or the
// process is killed.
int holdLock(const QString &dir)
{
    ProfileLock lock(dir);
    const bool locked = lock.tryLock() == ProfileLock::Status::Locked;
    report("locked", locked);
    if (!locked) {
        report("owner", QString::number(lock.ownerPid()));
        return 1;
    }
    QFile in;
    if (in.open(stdin, QIODevice::ReadOnly))
        in.readAll(); // until EOF
    return 0;
}

// stale-lock-full-disk DIR: a profile lock left by a killed holder, then a full disk; reports
// what ProfileLock makes of it ("dead" is the killed holder's process id).
int staleLockFullDisk(const QString &dir)
{
    QProcess holder;
    holder.start(QCoreApplication::applicationFilePath(), {QStringLiteral("hold-lock"), dir});
    if (!holder.waitForStarted(30000) || !holder.waitForReadyRead(30000)
        || holder.readLine() != "locked=1\n") {
        report("prepared", false);
        return 1;
    }
    const qint64 dead = holder.processId();
    holder.kill(); // SIGKILL: the lock file stays behind
    holder.waitForFinished(30000);
    report("dead", QString::number(dead));
    QFile filler(dir + QStringLiteral("/filler"));
    bool full = false;
    if (filler.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        const QByteArray block(1024, 'f');
        for (int i = 0; i < 1 << 16 && !full; ++i)
            full = filler.write(block) != block.size();
    }
    report("prepared", full && QFile::exists(dir + QStringLiteral("/udpchat.lock")));
    ProfileLock lock(dir);
    const ProfileLock::Status status = lock.tryLock();
    report("held-by-other", status == ProfileLock::Status::HeldByOther);
    report("failed", status == ProfileLock::Status::Failed);
    report("locked", status == ProfileLock::Status::Locked);
    report("message", lock.message());
    return 0;
}

// atomic-full-disk DIR SIZE: a good file first, then SIZE bytes over it.
int atomicFullDisk(const QString &dir, qsizetype size)
{
    const QString path = dir + QStringLiteral("/data");
    const QByteArray good(100, 'g');
    report("first", writeFileAtomically(path, good));
    QString error;
    report("ok", writeFileAtomically(path, QByteArray(size, 'n'), &error));
    report("error", error);
    report("intact", contents(path) == good);
    return 0;
}

// atomic-write FILE SIZE
int atomicWrite(const QString &path, qsizetype size)
{
    const QByteArray before = contents(path);
    QString error;
    report("ok", writeFileAtomically(path, QByteArray(size, 'n'), &error));
    report("error", error);
    report("intact", contents(path) == before);
    return 0;
}

// filesink-full-disk DIR (a 1 MiB disk): a file larger than the free space is refused before
// anything is written; one that fits when it starts but not when the disk fills up meanwhile
// fails with a sentence and stays as ".part".
int fileSinkFullDisk(const QString &dir)
{
    QString error;
    IpMsgFileSink big;
    report("refused", !big.open(dir, {}, QStringLiteral("big.bin"), 4 * 1024 * 1024, 0, &error));
    report("refusedError", error);
    report("refusedNothing", !QFileInfo::exists(dir + QStringLiteral("/big.bin.part")));
    IpMsgFileSink sink;
    report("opened", sink.open(dir, {}, QStringLiteral("f.bin"), 400 * 1024, 0, &error));
    QFile filler(dir + QStringLiteral("/filler"));
    filler.open(QIODevice::WriteOnly);
    while (filler.write(QByteArray(4096, 'x')) == 4096 && filler.flush()) { }
    filler.close();
    qint64 result = 0;
    for (int i = 0; i < 100 && result >= 0 && !sink.isComplete(); ++i)
        result = sink.write(QByteArray(4096, 'd'));
    report("writeFailed", result < 0);
    report("writeError", sink.error());
    sink.abandon();
    report("partKept", QFileInfo::exists(dir + QStringLiteral("/f.bin.part")));
    report("noFinal", !QFileInfo::exists(dir + QStringLiteral("/f.bin")));
    return 0;
}

// settings-full-disk DIR CHARS: a good settings file first, then a CHARS-long draft.
int settingsFullDisk(const QString &dir, qsizetype chars)
{
    const QString path = Settings::fileNameInProfile(dir);
    QSettings store(path, QSettings::IniFormat);
    Settings settings(store);
    settings.setTargetPort(7000);
    settings.setDraft(QStringLiteral("good"));
    report("first", settings.save());
    const QByteArray good = contents(path);
    const QString draft(chars, u'x');
    settings.setDraft(draft);
    QString error;
    report("saved", settings.save(&error));
    report("error", error);
    report("intact", !good.isEmpty() && contents(path) == good);
    report("draft-kept", settings.draft() == draft);
    return 0;
}

// settings-save FILE CHARS: loads FILE, sets port 7001 and a CHARS-long draft, saves.
int settingsSave(const QString &path, qsizetype chars)
{
    const QByteArray before = contents(path);
    QSettings store(path, QSettings::IniFormat);
    Settings settings(store);
    report("load-problem", settings.loadProblem());
    report("read-only", settings.isReadOnly());
    settings.setTargetPort(7001);
    const QString draft(chars, u'y');
    settings.setDraft(draft);
    QString error;
    report("saved", settings.save(&error));
    report("error", error);
    report("intact", contents(path) == before);
    report("draft-kept", settings.draft() == draft);
    return 0;
}

// damaged-full-disk DIR: a damaged settings file so large that its copy does not fit on the disk
// any more, although a rewritten (smaller) file would.
int damagedFullDisk(const QString &dir)
{
    const QString path = Settings::fileNameInProfile(dir);
    const QByteArray damaged = QByteArray("[target]\nport=7001\n\x01\x02garbage[[\n[window\n; ")
                               + QByteArray(9000, 'z') + '\n';
    {
        QFile file(path);
        report("prepared", file.open(QIODevice::WriteOnly) && file.write(damaged) == damaged.size()
                                   && file.flush());
    }
    QSettings store(path, QSettings::IniFormat);
    report("format-error", store.status() == QSettings::FormatError);
    Settings settings(store);
    report("load-problem", settings.loadProblem());
    report("read-only", settings.isReadOnly());
    settings.setTargetPort(7002);
    report("saved", settings.save());
    report("intact", contents(path) == damaged);
    return 0;
}
ChatMessage bigMessage(quint64 id, int size)
{
    ChatMessage m;
    m.id = id;
    m.peerAddress = QHostAddress(QStringLiteral("127.0.0.1"));
    m.peerPort = 6666;
    m.time = QDateTime::currentDateTimeUtc();
    m.payload = QByteArray::number(id).leftJustified(size, 'p');
    m.text = QString::fromLatin1(m.payload);
    m.encoding = QStringLiteral("UTF-8");
    return m;
}

// history-full-disk DIR: a history on a disk that fills up, then has room again.
int historyFullDisk(const QString &dir)
{
    const QString path = HistoryStore::pathInProfile(dir);
    HistoryStore store;
    report("opened", store.open(path));
    constexpr qint64 budget = 256 * 1024;
    store.setMaxPendingBytes(budget);
    quint64 id = 0;
    // A message on disk first, then the rest of the disk taken by another file.
    store.record({bigMessage(++id, 2000)});
    report("first-saved", store.flush());
    QFile filler(dir + QStringLiteral("/filler"));
    filler.open(QIODevice::WriteOnly | QIODevice::Unbuffered);
    const QByteArray block(4096, 'f');
    while (filler.write(block) == block.size()) { }
    filler.close();
    // Messages until a write fails (the disk is full).
    bool failed = false;
    for (int round = 0; round < 500 && !failed; ++round) {
        QList<ChatMessage> batch;
        for (int i = 0; i < 10; ++i)
            batch.append(bigMessage(++id, 2000));
        store.record(batch);
        failed = !store.flush();
    }
    report("write-failed", failed);
    report("error", store.error());
    // Past the budget: counted, not kept.
    for (int i = 0; i < 400; ++i)
        store.record({bigMessage(++id, 2000)});
    report("bounded", store.pendingBytes() <= budget);
    report("pending-bytes", QString::number(store.pendingBytes()));
    report("unsaved", QString::number(store.unsavedCount()));
    report("error-after-budget", store.error());
    // Room again: what waited is written, the error goes.
    QFile::remove(dir + QStringLiteral("/filler"));
    bool recovered = false;
    for (int attempt = 0; attempt < 3 && !recovered; ++attempt)
        recovered = store.flush();
    report("recovered", recovered);
    report("error-after-recovery", store.error());
    report("recorded", QString::number(id));
    report("stored", QString::number(store.count()));
    // Full again at quit: what cannot be written is said on stderr, not dropped silently.
    {
        HistoryStore last;
        last.open(path);
        QFile again(dir + QStringLiteral("/filler"));
        again.open(QIODevice::WriteOnly | QIODevice::Unbuffered);
        while (again.write(block) == block.size()) { }
        again.close();
        QList<ChatMessage> batch;
        for (int i = 0; i < 50; ++i)
            batch.append(bigMessage(100000 + quint64(i), 2000));
        last.record(batch);
    } // destroyed: one last try, then the count on stderr
    QFile::remove(dir + QStringLiteral("/filler"));
    {
        QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(path);
        QString integrity;
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("PRAGMA integrity_check")) && query.next())
                integrity = query.value(0).toString();
        }
        db.close();
        report("integrity", integrity);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    return 0;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const QString command = args.value(1);
    if (command == QLatin1String("stale-lock-full-disk") && args.size() == 3)
        return staleLockFullDisk(args.at(2));
    if (command == QLatin1String("hold-lock") && args.size() == 3)
        return holdLock(args.at(2));
    if (command == QLatin1String("atomic-full-disk") && args.size() == 4)
        return atomicFullDisk(args.at(2), args.at(3).toLongLong());
    if (command == QLatin1String("atomic-write") && args.size() == 4)
        return atomicWrite(args.at(2), args.at(3).toLongLong());
    if (command == QLatin1String("settings-full-disk") && args.size() == 4)
        return settingsFullDisk(args.at(2), args.at(3).toLongLong());
    if (command == QLatin1String("damaged-full-disk") && args.size() == 3)
        return damagedFullDisk(args.at(2));
    if (command == QLatin1String("history-full-disk") && args.size() == 3)
        return historyFullDisk(args.at(2));
    if (command == QLatin1String("filesink-full-disk") && args.size() == 3)
        return fileSinkFullDisk(args.at(2));
    if (command == QLatin1String("settings-save") && args.size() == 4)
        return settingsSave(args.at(2), args.at(3).toLongLong());
    std::fprintf(stderr, "faulthelper: unknown command\n");
    return 2;
}
