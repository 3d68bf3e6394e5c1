#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

/// Replaces the file at @p path with exactly @p bytes, or leaves it untouched. The folder is
/// created first; the bytes go to a temporary file in the same folder that is renamed over
/// @p path only when every byte was written and flushed. Returns false with a sentence
/// fragment in @p error (e.g. "No space left on device") when that failed.
bool writeFileAtomically(const QString &path, const QByteArray &bytes, QString *error = nullptr);

/// Where a damaged @p fileName is moved aside at @p utc: "<file>.corrupt-<yyyyMMddTHHmmssZ>", with
/// "-2", "-3" ... appended when that name is taken, so an earlier copy is never replaced.
QString backupFileName(const QString &fileName, const QDateTime &utc);

/// writeFileAtomically() for content produced piece by piece (an export): the pieces go to a
/// temporary file next to @p path, which replaces @p path only on commit(), when every byte was
/// written. Destroyed or cancel()led before commit(), it leaves @p path as it was.
class AtomicFileWriter
{
public:
    explicit AtomicFileWriter(const QString &path);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter &) = delete;
    AtomicFileWriter &operator=(const AtomicFileWriter &) = delete;

    bool open(QString *error = nullptr);
    /// Writes all of @p bytes or fails (e.g. "No space left on device").
    bool write(const QByteArray &bytes, QString *error = nullptr);
    bool commit(QString *error = nullptr);
    void cancel();

private:
    struct Private;
    Private *d;
};
