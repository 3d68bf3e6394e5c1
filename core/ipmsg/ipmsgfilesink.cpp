#include "core/ipmsg/ipmsgfilesink.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <QSet>
#include <QStorageInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#endif

namespace {
const QString kPartSuffix = QStringLiteral(".part");
constexpr qint64 kCheckSpaceFrom = 64 * 1024;

// Whether anything is at @p path: a file, a folder, a link (even one that leads nowhere).
bool taken(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 || errno != ENOENT;
#else
    return QFileInfo::exists(path) || QFileInfo(path).isSymLink();
#endif
}

// Renames @p from to @p to in one step unless something is at @p to: 0, EEXIST when the name is
// taken, another errno when the system cannot do it that way (then the caller checks first).
int renameNoReplace(const QString &from, const QString &to)
{
#if defined(Q_OS_LINUX) && defined(RENAME_NOREPLACE)
    if (::renameat2(AT_FDCWD, QFile::encodeName(from).constData(), AT_FDCWD,
                    QFile::encodeName(to).constData(), RENAME_NOREPLACE)
        == 0)
        return 0;
    return errno;
#else
    Q_UNUSED(from);
    Q_UNUSED(to);
    return ENOSYS;
#endif
}

// Whether @p path, resolved (links followed), is @p root or inside it.
bool isInside(const QString &path, const QString &root)
{
    const QString resolved = QFileInfo(path).canonicalFilePath();
    const QString top = QFileInfo(root).canonicalFilePath();
    return !resolved.isEmpty() && !top.isEmpty()
           && (resolved == top || resolved.startsWith(top + u'/'));
}
// The ".part" files sinks of this process have open, by absolute path: resume() and restart()
// never take one over (two files of the same name saved in the same folder at once).
QSet<QString> &openParts()
{
    static QSet<QString> parts;
    return parts;
}
QMutex openPartsLock;

// @p name in the absolute folder @p dir, as QDir::filePath() gives it, without making a QDir for
// each of a folder's thousand small files.
QString inFolder(const QString &dir, const QString &name)
{
    return dir.endsWith(u'/') ? dir + name : dir + u'/' + name;
}
} // namespace

// m_partPath is absolute: openIn() and reopen() get absolute folders (makeFolders(),
// QFileInfo::absolutePath()).
void IpMsgFileSink::hold()
{
    const QMutexLocker locker(&openPartsLock);
    openParts().insert(m_partPath);
}

void IpMsgFileSink::release()
{
    const QMutexLocker locker(&openPartsLock);
    openParts().remove(m_partPath);
}

IpMsgFileSink::~IpMsgFileSink()
{
    if (m_file && m_file->isOpen())
        abandon();
}

QString IpMsgFileSink::uniquePath(const QString &folder, const QString &name,
                                  const QString &ownPart)
{
    const QDir dir(folder);
    const auto inUse = [&dir, &ownPart](const QString &candidate) {
        const QString part = dir.filePath(candidate + kPartSuffix);
        return taken(dir.filePath(candidate)) || (part != ownPart && taken(part));
    };
    if (!inUse(name))
        return dir.filePath(name);
    // "photo.jpg" -> "photo (1).jpg"; "archive.tar.gz" -> "archive (1).tar.gz"; ".bashrc"-like
    // names have no extension.
    qsizetype dot = name.indexOf(u'.', 1);
    if (dot < 0)
        dot = name.size();
    const QString stem = name.left(dot);
    const QString extension = name.mid(dot);
    for (int n = 1;; ++n) {
        const QString candidate = QStringLiteral("%1 (%2)%3").arg(stem).arg(n).arg(extension);
        if (!inUse(candidate))
            return dir.filePath(candidate);
    }
}

namespace {
// The bytes free for us on the disk of @p folder, or -1 when not known. QStorageInfo reads the
// mount table each time: too slow for every one of a thousand small files.
qint64 freeBytes(const QString &folder)
{
#ifdef Q_OS_UNIX
    struct statvfs fs;
    if (statvfs(QFile::encodeName(folder).constData(), &fs) != 0)
        return -1;
    return qint64(fs.f_bavail) * qint64(fs.f_frsize);
#else
    const QStorageInfo storage(folder);
    return storage.isValid() ? storage.bytesAvailable() : -1;
#endif
}
} // namespace

bool IpMsgFileSink::hasRoomFor(const QString &folder, qint64 bytes, QString *error)
{
    const qint64 free = freeBytes(folder);
    if (free < 0 || bytes <= free)
        return true; // unknown: the write will say
    if (error) {
        *error = tr("Not enough space: the file needs %1 and %2 has %3 free. Free some space or "
                    "choose a folder on another disk.")
                         .arg(QLocale().formattedDataSize(bytes), QDir::toNativeSeparators(folder),
                              QLocale().formattedDataSize(free));
    }
    return false;
}

QString IpMsgFileSink::describe(const QFile &file, const QString &folder)
{
    const QString where = QDir::toNativeSeparators(folder);
    switch (file.error()) {
    case QFileDevice::PermissionsError:
    case QFileDevice::OpenError:
        if (!QFileInfo(folder).isWritable())
            return tr("No permission to write in %1. Choose a folder you can write to.").arg(where);
        break;
    case QFileDevice::ResourceError:
    case QFileDevice::WriteError:
        if (QStorageInfo(folder).bytesAvailable() == 0)
            return tr("The disk of %1 is full. Free some space, then receive the file again.")
                    .arg(where);
        break;
    default:
        break;
    }
    return tr("Could not write %1: %2")
            .arg(QDir::toNativeSeparators(file.fileName()), file.errorString());
}

QString IpMsgFileSink::makeFolders(const QString &folder, const QStringList &subfolders,
                                   QString *error)
{
    const auto fail = [error](const QString &sentence) {
        if (error)
            *error = sentence;
        return QString();
    };
    if (!QFileInfo(folder).isDir())
        return fail(tr("The folder %1 does not exist. Choose another one.")
                            .arg(QDir::toNativeSeparators(folder)));
    // Down the subfolders one by one; a link among them must not lead out of the folder chosen.
    QString dir = QFileInfo(folder).absoluteFilePath();
    for (const QString &part : subfolders) {
        dir = QDir(dir).filePath(part);
        if (!QFileInfo::exists(dir) && !QDir().mkdir(dir))
            return fail(tr("Could not create the folder %1. Choose a folder you can write to.")
                                .arg(QDir::toNativeSeparators(dir)));
        if (!QFileInfo(dir).isDir() || !isInside(dir, folder))
            return fail(
                    tr("%1 is not a folder inside %2; the file was not saved.")
                            .arg(QDir::toNativeSeparators(dir), QDir::toNativeSeparators(folder)));
    }
    return dir;
}

bool IpMsgFileSink::open(const QString &folder, const QStringList &subfolders, const QString &name,
                         qint64 size, qint64 mtime, QString *error)
{
    const auto fail = [this, error](const QString &sentence) {
        m_error = sentence;
        if (error)
            *error = sentence;
        return false;
    };
    const QString dir = makeFolders(folder, subfolders, &m_error);
    if (dir.isEmpty())
        return fail(m_error);
    return openIn(dir, name, size, mtime, error);
}

bool IpMsgFileSink::openIn(const QString &dir, const QString &name, qint64 size, qint64 mtime,
                           QString *error)
{
    const auto fail = [this, error](const QString &sentence) {
        m_error = sentence;
        if (error)
            *error = sentence;
        return false;
    };
    // A small file on a full disk fails at its first write, which says so: the free space is
    // asked for larger ones only (one system call fewer for each of a folder's small files).
    if (size > kCheckSpaceFrom && !hasRoomFor(dir, size, error)) {
        m_error = error ? *error : QString();
        return false;
    }
    m_folder = dir;
    m_name = name;
    m_size = size;
    m_mtime = mtime;
    m_written = m_excess = 0;
    // NewOnly: O_CREAT|O_EXCL, never through a file or link that appeared in between.
    // Unbuffered: every write() is one system call with what arrived, and a full disk is known
    // at once. "<name>.part" first: when it is free, no name has to be looked up (finish() still
    // never renames over a file).
    constexpr auto mode = QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered;
    m_partPath = inFolder(dir, name) + kPartSuffix;
    m_file = std::make_unique<QFile>(m_partPath);
    if (!m_file->open(mode)) {
        m_partPath = uniquePath(dir, name) + kPartSuffix;
        m_file = std::make_unique<QFile>(m_partPath);
        if (!m_file->open(mode))
            return fail(describe(*m_file, dir));
    }
    hold();
    return true;
}

QString IpMsgFileSink::partToResume(const QString &folder, const QString &name, qint64 size)
{
    const QString part = QDir(folder).filePath(name + kPartSuffix);
    const QFileInfo info(part);
    if (!info.isFile() || info.isSymLink() || info.size() >= size || !isInside(part, folder))
        return QString();
    const QMutexLocker locker(&openPartsLock);
    if (openParts().contains(info.absoluteFilePath()))
        return QString(); // another transfer is writing it
    return part;
}

bool IpMsgFileSink::resume(const QString &folder, const QString &name, qint64 size, qint64 mtime)
{
    return reopen(folder, name, size, mtime, true);
}

bool IpMsgFileSink::restart(const QString &folder, const QString &name, qint64 size, qint64 mtime)
{
    return reopen(folder, name, size, mtime, false);
}

bool IpMsgFileSink::reopen(const QString &folder, const QString &name, qint64 size, qint64 mtime,
                           bool keep)
{
    const QString part = partToResume(folder, name, size);
    if (part.isEmpty())
        return false;
    auto file = std::make_unique<QFile>(part);
    const QIODevice::OpenMode mode = QIODevice::WriteOnly | QIODevice::Unbuffered
                                     | (keep ? QIODevice::Append : QIODevice::Truncate);
    if (!file->open(mode))
        return false;
    m_file = std::move(file);
    m_folder = QFileInfo(part).absolutePath();
    m_name = name;
    m_partPath = part;
    m_size = size;
    m_mtime = mtime;
    m_written = keep ? m_file->size() : 0;
    m_excess = 0;
    hold();
    return true;
}

qint64 IpMsgFileSink::write(const QByteArray &bytes)
{
    if (!m_file || !m_file->isOpen())
        return -1;
    const qint64 room = m_size - m_written;
    const qint64 take = qMin<qint64>(room, bytes.size());
    m_excess += bytes.size() - take;
    if (take <= 0)
        return 0;
    if (m_file->write(bytes.constData(), take) != take) {
        m_error = describe(*m_file, m_folder);
        return -1;
    }
    m_written += take;
    return take;
}

bool IpMsgFileSink::finish(QString *error)
{
    const auto fail = [this, error](const QString &sentence) {
        m_error = sentence;
        if (error)
            *error = sentence;
        return false;
    };
    if (!m_file || !isComplete())
        return fail(tr("The file is incomplete: %1 of %2 bytes; it stays as %3.")
                            .arg(m_written)
                            .arg(m_size)
                            .arg(QDir::toNativeSeparators(m_partPath)));
    if (!m_file->flush())
        return fail(describe(*m_file, m_folder));
    if (m_mtime > 0)
        m_file->setFileTime(QDateTime::fromSecsSinceEpoch(m_mtime, Qt::UTC),
                            QFileDevice::FileModificationTime);
    m_file->close();
    release();
    // Its own name (when its ".part" had it too) in one step that never replaces anything.
    const QString own = inFolder(m_folder, m_name);
    if (m_partPath == own + kPartSuffix && renameNoReplace(m_partPath, own) == 0) {
        m_finalPath = own;
        return true;
    }
    // Taken (perhaps while the file arrived), or no such rename here: the next free name.
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString target = uniquePath(m_folder, m_name, m_partPath);
        if (QFile::rename(m_partPath, target)) {
            m_finalPath = target;
            return true;
        }
    }
    return fail(tr("Could not rename %1 to its name; the file is complete as it is.")
                        .arg(QDir::toNativeSeparators(m_partPath)));
}

void IpMsgFileSink::abandon()
{
    if (m_file && m_file->isOpen()) {
        m_file->close();
        release();
    }
}
