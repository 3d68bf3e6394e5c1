#include "core/config/profilelock.h"

#include <QDir>
#include <QSysInfo>

#include <cerrno>
#include <csignal>
#include <limits>

ProfileLock::ProfileLock(const QString &profileDirectory)
    : m_directory(profileDirectory), m_lock(QDir(profileDirectory).filePath(fileNameInProfile()))
{
    // Held for the whole run, so it must never be declared stale because of its age (the
    // default is 30 s). A crashed owner is still detected through its process id.
    m_lock.setStaleLockTime(0);
}

ProfileLock::~ProfileLock() = default;

QString ProfileLock::lockFileName() const
{
    return QDir(m_directory).filePath(fileNameInProfile());
}

ProfileLock::Status ProfileLock::tryLock()
{
    if (m_status == Status::Locked)
        return m_status;
    m_ownerPid = 0;
    m_message.clear();
    if (!QDir().mkpath(m_directory)) {
        m_status = Status::Failed;
        m_message = tr("The profile folder %1 cannot be created, so udpchat cannot tell whether "
                       "another udpchat uses it.")
                            .arg(QDir::toNativeSeparators(m_directory));
        return m_status;
    }
    // tryLock() removes a lock whose owner died (or whose PID now belongs to another program)
    // by itself, guarded by a ".rmlock" so two starting instances cannot both take it over.
    if (m_lock.tryLock(0)) {
        m_status = Status::Locked;
        return m_status;
    }
    switch (m_lock.error()) {
    case QLockFile::LockFailedError: {
        QString host;
        QString application;
        m_lock.getLockInfo(&m_ownerPid, &host, &application);
        // QLockFile takes over the lock of a dead owner, but only through a ".rmlock" it must
        // write first: on a full disk it cannot, and reports the lock as held. A process id of
        // this host that no longer exists owns nothing.
        if (m_ownerPid > 0 && m_ownerPid <= std::numeric_limits<pid_t>::max()
            && (host.isEmpty() || host == QSysInfo::machineHostName())
            && ::kill(pid_t(m_ownerPid), 0) != 0 && errno == ESRCH) {
            m_status = Status::Failed;
            m_message = tr("The lock file %1 was left by udpchat process %2, which no longer runs, "
                           "and cannot be replaced (is the disk full?), so udpchat cannot tell "
                           "whether another udpchat uses the profile.")
                                .arg(QDir::toNativeSeparators(lockFileName()))
                                .arg(m_ownerPid);
            break;
        }
        m_status = Status::HeldByOther;
        m_message = m_ownerPid > 0 ? tr("Another udpchat (process %1) is using the profile %2.")
                                             .arg(m_ownerPid)
                                             .arg(QDir::toNativeSeparators(m_directory))
                                   : tr("Another udpchat is using the profile %1.")
                                             .arg(QDir::toNativeSeparators(m_directory));
        break;
    }
    case QLockFile::PermissionError:
    case QLockFile::UnknownError:
    case QLockFile::NoError:
        m_status = Status::Failed;
        m_message = tr("The lock file %1 cannot be created (no permission, or the disk is "
                       "full), so udpchat cannot tell whether another udpchat uses the profile.")
                            .arg(QDir::toNativeSeparators(lockFileName()));
        break;
    }
    return m_status;
}
