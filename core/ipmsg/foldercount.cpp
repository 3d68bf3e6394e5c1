#include "core/ipmsg/foldercount.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QPromise>

#include <algorithm>
#include <memory>

FolderCount::FolderCount(QObject *parent) : QObject(parent)
{
    // One walk at a time: they compete for the same disk anyway.
    m_pool.setMaxThreadCount(1);
}

FolderCount::~FolderCount()
{
    // Each walk stops at its next entry, and the pool's destructor waits for no more than that.
    cancelAll();
}

void FolderCount::cancelAll()
{
    for (QFutureWatcher<Sizes> *watcher : std::as_const(m_watchers)) {
        watcher->disconnect(this);
        watcher->cancel();
        watcher->deleteLater();
    }
    m_watchers.clear();
}

bool FolderCount::anyFolder(const QStringList &paths)
{
    return std::any_of(paths.cbegin(), paths.cend(),
                       [](const QString &path) { return QFileInfo(path).isDir(); });
}

qint64 FolderCount::folderBytes(const QString &path, const std::function<bool()> &stop)
{
    qint64 total = 0;
    QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        if (stop && stop())
            return -1;
        const QFileInfo info(it.next());
        if (!info.isSymLink() && info.isFile())
            total += info.size();
    }
    return total;
}

void FolderCount::start(const QStringList &paths, std::function<void(const Sizes &)> done)
{
    auto promise = std::make_shared<QPromise<Sizes>>();
    auto *watcher = new QFutureWatcher<Sizes>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, done = std::move(done)] {
        m_watchers.removeOne(watcher);
        watcher->deleteLater();
        if (!watcher->isCanceled() && watcher->future().resultCount() > 0)
            done(watcher->result());
    });
    promise->start();
    watcher->setFuture(promise->future());
    m_watchers.append(watcher);
    m_pool.start([promise, paths] {
        const auto stop = [&promise] { return promise->isCanceled(); };
        Sizes sizes;
        for (const QString &path : paths) {
            const QFileInfo info(path);
            if (!info.isDir())
                continue;
            const qint64 bytes = folderBytes(info.absoluteFilePath(), stop);
            if (bytes < 0)
                break;
            sizes.insert(info.absoluteFilePath(), bytes);
        }
        promise->addResult(sizes);
        promise->finish();
    });
}
