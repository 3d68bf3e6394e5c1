#pragma once

#include <QCoreApplication>
#include <QFile>
#include <QString>
#include <QStringList>

#include <memory>

/// Where one received file goes: inside the folder the user chose, never anywhere else. It is
/// written as "<name>.part" (created new, never through an existing file or link) and renamed
/// when complete to a name that does not exist yet ("photo (1).jpg" when "photo.jpg" does), with
/// the sender's modification time. It takes at most the declared size: what a peer sends beyond
/// it is counted, not written. A file that ends early keeps its ".part" name.
class IpMsgFileSink
{
    Q_DECLARE_TR_FUNCTIONS(IpMsgFileSink)
public:
    IpMsgFileSink() = default;
    ~IpMsgFileSink();
    Q_DISABLE_COPY_MOVE(IpMsgFileSink)

    /// Creates @p subfolders (safe names, see IpMsg::safeFileName()) inside @p folder and opens
    /// "<name>.part" there for @p size bytes. False with a sentence in @p error: the folder is
    /// gone or not writable, a subfolder is a link leading out of @p folder, not enough space.
    bool open(const QString &folder, const QStringList &subfolders, const QString &name,
              qint64 size, qint64 mtime, QString *error);
    /// open() in @p dir, a folder makeFolders() made (or returned) already: for the many files
    /// of one folder, each level is checked once, not once per file.
    bool openIn(const QString &dir, const QString &name, qint64 size, qint64 mtime, QString *error);
    /// Goes on with "<name>.part" in @p folder, left by a transfer that broke: it must be a file
    /// (not a link) smaller than @p size; written() starts at its length. False (and nothing
    /// opened) otherwise.
    bool resume(const QString &folder, const QString &name, qint64 size, qint64 mtime);
    /// As resume(), but writes that ".part" again from its start (written() starts at 0): for a
    /// peer that sends a file from its start whatever offset it is asked for.
    bool restart(const QString &folder, const QString &name, qint64 size, qint64 mtime);
    /// The ".part" resume() would go on with, or empty (also while a sink of this process has
    /// it open: another transfer is writing it).
    static QString partToResume(const QString &folder, const QString &name, qint64 size);
    /// Writes the part of @p bytes the declared size still has room for; returns how many bytes
    /// were taken, or -1 with error() set when writing failed (the disk is full, say).
    qint64 write(const QByteArray &bytes);
    /// The declared size is reached: renames the ".part" to its final name and sets its time.
    bool finish(QString *error);
    /// The transfer stopped before the end: the ".part" stays, closed, as it is.
    void abandon();

    bool isComplete() const { return m_written == m_size; }
    qint64 written() const { return m_written; }
    qint64 size() const { return m_size; }
    /// Bytes the peer sent past the declared size (ignored).
    qint64 excess() const { return m_excess; }
    QString partPath() const { return m_partPath; }
    /// The file's name once finish() succeeded.
    QString finalPath() const { return m_finalPath; }
    QString error() const { return m_error; }

    /// @p name in @p folder, or with " (1)", " (2)" ... before its extension until nothing of
    /// that name (or its ".part", unless it is @p ownPart) exists.
    static QString uniquePath(const QString &folder, const QString &name,
                              const QString &ownPart = QString());
    /// Creates @p subfolders (safe names) one inside the other in @p folder, refusing a link that
    /// leads out of it; the innermost path, or empty with a sentence in @p error.
    static QString makeFolders(const QString &folder, const QStringList &subfolders,
                               QString *error);
    /// Whether @p bytes fit in the free space of the disk of @p folder; when not, false with a
    /// sentence in @p error. One system call (statvfs) where there is one.
    static bool hasRoomFor(const QString &folder, qint64 bytes, QString *error);
    /// A sentence for a failed write or open of @p file in @p folder, naming the fix.
    static QString describe(const QFile &file, const QString &folder);

private:
    /// resume() (@p keep: appends to the ".part") and restart() (empties it first).
    bool reopen(const QString &folder, const QString &name, qint64 size, qint64 mtime, bool keep);
    /// The ".part" is open here (see partToResume()) / no longer.
    void hold();
    void release();

    std::unique_ptr<QFile> m_file;
    QString m_folder;
    QString m_name;
    QString m_partPath;
    QString m_finalPath;
    QString m_error;
    qint64 m_size = 0;
    qint64 m_mtime = 0;
    qint64 m_written = 0;
    qint64 m_excess = 0;
};
