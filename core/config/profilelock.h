#pragma once

#include <QCoreApplication>
#include <QLockFile>
#include <QString>

/// One running udpchat per profile folder: a QLockFile ("udpchat.lock") held for the whole
/// run. A lock left behind by a crashed udpchat is taken over (QLockFile checks whether the
/// recorded process still runs, and that it is still the same program).
class ProfileLock
{
    Q_DECLARE_TR_FUNCTIONS(ProfileLock)
    Q_DISABLE_COPY_MOVE(ProfileLock)
public:
    enum class Status {
        Unlocked, ///< tryLock() not called yet
        Locked, ///< this process owns the profile
        HeldByOther, ///< another running process owns it; see ownerPid()
        Failed, ///< the lock file could not be created (no permission, full disk ...)
    };

    /// @p profileDirectory need not exist yet; tryLock() creates it.
    explicit ProfileLock(const QString &profileDirectory);
    /// Releases the lock (deletes the lock file) if this object holds it.
    ~ProfileLock();

    /// Tries once, without waiting.
    Status tryLock();
    Status status() const { return m_status; }
    /// For HeldByOther and Failed: a sentence for the user; empty otherwise.
    QString message() const { return m_message; }
    /// For HeldByOther: the owner's process id as recorded in the lock file (0 if unknown).
    qint64 ownerPid() const { return m_ownerPid; }

    QString directory() const { return m_directory; }
    QString lockFileName() const;

    static QString fileNameInProfile() { return QStringLiteral("udpchat.lock"); }

private:
    QString m_directory;
    QLockFile m_lock;
    Status m_status = Status::Unlocked;
    QString m_message;
    qint64 m_ownerPid = 0;
};
