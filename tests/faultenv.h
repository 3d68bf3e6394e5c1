#pragma once

// Running tests/faulthelper where a fault can be made real: on a full disk (a 16 KiB tmpfs in a
// private mount namespace) and as an unprivileged user. Root ignores file permissions, and CI
// runs as root, so chmod alone proves nothing there.

#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <unistd.h>

namespace FaultEnv {

struct Run
{
    QString skip; ///< why the fault could not be set up here; the test QSKIPs with it
    int exitCode = -1;
    QMap<QString, QString> values; ///< the helper's key=value lines
    QString errorOutput;

    QString value(const char *key) const { return values.value(QString::fromLatin1(key)); }
    bool flag(const char *key) const { return value(key) == QLatin1String("1"); }
};

inline QString helper()
{
    return QStringLiteral(UDPCHAT_FAULTHELPER);
}

inline Run run(const QString &program, const QStringList &arguments,
               const QProcessEnvironment &environment)
{
    Run result;
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForStarted(30000)) {
        result.skip =
                QStringLiteral("%1 cannot be started: %2").arg(program, process.errorString());
        return result;
    }
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        result.errorOutput = QStringLiteral("timed out");
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.errorOutput = QString::fromLocal8Bit(process.readAllStandardError());
    const QList<QByteArray> lines = process.readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype equals = line.indexOf('=');
        if (equals > 0)
            result.values.insert(QString::fromUtf8(line.left(equals)),
                                 QString::fromUtf8(line.mid(equals + 1)));
    }
    return result;
}

/// Runs the helper with @p arguments in a private mount namespace in which @p mountPoint is a
/// fresh tmpfs of @p size (e.g. "16k", "1m"; gone when the helper exits). As root: unshare -m;
/// otherwise inside a user namespace (unshare -U -r -m), where the kernel allows that.
inline Run
onTmpfs(const QString &mountPoint, const QString &size, const QStringList &arguments,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QStringList unshare;
    if (::geteuid() != 0)
        unshare << QStringLiteral("--user") << QStringLiteral("--map-root-user");
    unshare << QStringLiteral("--mount") << QStringLiteral("--propagation")
            << QStringLiteral("private") << QStringLiteral("sh") << QStringLiteral("-c")
            << QStringLiteral("mount -t tmpfs -o size=%1 tmpfs \"$1\" || exit 97; "
                              "echo mounted=1; shift; exec \"$@\"")
                       .arg(size)
            << QStringLiteral("sh") << mountPoint << helper();
    Run result = run(QStringLiteral("unshare"), unshare + arguments, environment);
    if (result.skip.isEmpty() && !result.flag("mounted")) {
        result.skip = QStringLiteral("cannot mount a tmpfs in a private mount namespace "
                                     "(needs root or unprivileged user namespaces): %1")
                              .arg(result.errorOutput.trimmed());
    }
    return result;
}

/// onTmpfs() with a 16 KiB tmpfs.
inline Run
onTinyTmpfs(const QString &mountPoint, const QStringList &arguments,
            const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    return onTmpfs(mountPoint, QStringLiteral("16k"), arguments, environment);
}

/// Runs the helper as a user whom file permissions apply to: as root through
/// setpriv --reuid=65534 (nobody), as anyone else directly.
inline Run unprivileged(const QStringList &arguments)
{
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (::geteuid() != 0)
        return run(helper(), arguments, environment);
    Run result = run(QStringLiteral("setpriv"),
                     QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                 QStringLiteral("--clear-groups"), helper()}
                             + arguments,
                     environment);
    if (result.skip.isEmpty() && result.values.isEmpty()) {
        result.skip = QStringLiteral("cannot run the helper as uid 65534 with setpriv: %1")
                              .arg(result.errorOutput.trimmed());
    }
    return result;
}

} // namespace FaultEnv
