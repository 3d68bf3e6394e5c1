#pragma once

#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>

#include <functional>

/// Adds up the bytes of folders about to be offered, away from the event loop: a folder's entry in
/// an IP Messenger file list declares the bytes of all its files (iptux 0.8.3 skips a folder of
/// 0 bytes), and walking a folder of a million files takes seconds.
class FolderCount : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FolderCount)
public:
    /// The bytes of each folder counted, by its absolute path.
    using Sizes = QHash<QString, qint64>;

    explicit FolderCount(QObject *parent = nullptr);
    /// Stops the counts under way; their callbacks never run.
    ~FolderCount() override;

    /// Whether any of @p paths is a folder, i.e. whether offering them needs a count.
    static bool anyFolder(const QStringList &paths);
    /// The bytes of the regular files under the folder @p path, links not followed; -1 when
    /// @p stop said to stop before the end.
    static qint64 folderBytes(const QString &path, const std::function<bool()> &stop = {});

    /// Counts the folders among @p paths on a thread of its own and then calls @p done, on this
    /// object's thread, with their sizes (files are not in it; QFileInfo gives theirs at once).
    /// @p done never runs once this object is gone.
    void start(const QStringList &paths, std::function<void(const Sizes &)> done);
    /// The counts started and not finished yet.
    int running() const { return int(m_watchers.size()); }
    /// Stops every count under way: their callbacks never run.
    void cancelAll();
    /// Blocks until the walks still running (cancelled ones too) have stopped: for tests.
    void waitForDone() { m_pool.waitForDone(); }

private:
    QThreadPool m_pool;
    QList<QFutureWatcher<Sizes> *> m_watchers; ///< children, one per count under way
};
