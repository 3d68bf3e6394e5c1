// A child process for the fault tests: it runs where the test process cannot (on a tiny tmpfs in
// a private mount namespace, as an unprivileged user) and reports what happened as key=value
// lines on stdout. Not a test itself.

#include "atomicfile.h"

#include <QCoreApplication>
#include <QFile>

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

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const QString command = args.value(1);
    if (command == QLatin1String("atomic-full-disk") && args.size() == 4)
        return atomicFullDisk(args.at(2), args.at(3).toLongLong());
    if (command == QLatin1String("atomic-write") && args.size() == 4)
        return atomicWrite(args.at(2), args.at(3).toLongLong());
    std::fprintf(stderr, "faulthelper: unknown command\n");
    return 2;
}
