#include "core/util/atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(AtomicFile)
};

bool fail(QString *error, const QString &reason)
{
    if (error)
        *error = reason;
    return false;
}
} // namespace

bool writeFileAtomically(const QString &path, const QByteArray &bytes, QString *error)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(error, Tr::tr("the folder %1 cannot be created").arg(info.absolutePath()));

    QSaveFile file(path);
    // Never fall back to writing the target in place: that is exactly the truncation we avoid.
    file.setDirectWriteFallback(false);
    // Unbuffered on purpose. Measured on Qt 6.4.2 (16 KiB tmpfs holding a 4 KB file): a
    // buffered write() of 15,000 bytes returns 15,000, the short write happens inside commit(),
    // and commit() still returns true, leaving a 12,288-byte file in place of the good one.
    // Unbuffered, write() itself returns the short count, so the check below sees it.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return fail(error, file.errorString());

    qint64 written = 0;
    while (written < bytes.size()) {
        const qint64 n = file.write(bytes.constData() + written, bytes.size() - written);
        if (n <= 0) {
            // Usually the retry after a short write, which reports the real cause (ENOSPC).
            const QString reason = n < 0 ? file.errorString()
                                         : Tr::tr("only %1 of %2 bytes could be written")
                                                   .arg(written)
                                                   .arg(bytes.size());
            file.cancelWriting();
            return fail(error, reason);
        }
        written += n;
    }
    if (!file.commit())
        return fail(error, file.errorString());
    return true;
}

struct AtomicFileWriter::Private
{
    explicit Private(const QString &path) : file(path) { }
    QSaveFile file;
    bool open = false;
};

AtomicFileWriter::AtomicFileWriter(const QString &path) : d(new Private(path)) { }

AtomicFileWriter::~AtomicFileWriter()
{
    cancel();
    delete d;
}

bool AtomicFileWriter::open(QString *error)
{
    const QFileInfo info(d->file.fileName());
    if (!QDir().mkpath(info.absolutePath()))
        return fail(error, Tr::tr("the folder %1 cannot be created").arg(info.absolutePath()));
    d->file.setDirectWriteFallback(false);
    // Unbuffered for the same reason as in writeFileAtomically().
    if (!d->file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return fail(error, d->file.errorString());
    d->open = true;
    return true;
}

bool AtomicFileWriter::write(const QByteArray &bytes, QString *error)
{
    if (!d->open)
        return fail(error, Tr::tr("the file is not open"));
    qint64 written = 0;
    while (written < bytes.size()) {
        const qint64 n = d->file.write(bytes.constData() + written, bytes.size() - written);
        if (n <= 0) {
            const QString reason = n < 0 ? d->file.errorString()
                                         : Tr::tr("only %1 of %2 bytes could be written")
                                                   .arg(written)
                                                   .arg(bytes.size());
            cancel();
            return fail(error, reason);
        }
        written += n;
    }
    return true;
}

bool AtomicFileWriter::commit(QString *error)
{
    if (!d->open)
        return fail(error, Tr::tr("the file is not open"));
    d->open = false;
    if (!d->file.commit())
        return fail(error, d->file.errorString());
    return true;
}

void AtomicFileWriter::cancel()
{
    if (!d->open)
        return;
    d->open = false;
    d->file.cancelWriting();
    d->file.commit(); // discards the temporary file
}

QString backupFileName(const QString &fileName, const QDateTime &utc)
{
    const QString base = fileName + QStringLiteral(".corrupt-")
                         + utc.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    QString candidate = base;
    for (int n = 2; QFileInfo(candidate).exists() || QFileInfo(candidate).isSymLink(); ++n)
        candidate = base + u'-' + QString::number(n);
    return candidate;
}
