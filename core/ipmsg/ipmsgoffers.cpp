#include "core/ipmsg/ipmsgoffers.h"

#include <QDir>

IpMsgOffers::IpMsgOffers(IpMsgSession &session, QObject *parent)
    : QObject(parent), m_session(session)
{
    connect(&m_session, &IpMsgSession::offerChanged, this, &IpMsgOffers::onOfferChanged);
    // Our offers being fetched: their progress and how each transfer ended.
    IpMsgFileServer *server = m_session.fileServer();
    connect(server, &IpMsgFileServer::sending, this,
            [this](quint32 packetNo, quint32 fileId, qint64 sent, qint64 total) {
                QString name;
                if (const quint64 row = sentRow(packetNo, fileId, &name))
                    Q_EMIT sendProgress(row, name, sent, total);
            });
    connect(server, &IpMsgFileServer::served, this, [this](quint32 packetNo, quint32 fileId) {
        QString name;
        if (const quint64 row = sentRow(packetNo, fileId, &name)) {
            const IpMsgSession::Message *m = messageOf(row);
            Q_EMIT sendFinished(row, true,
                                tr("%1 received %2.").arg(m ? m->peerName : QString(), name));
        }
    });
    connect(server, &IpMsgFileServer::stopped, this,
            [this](quint32 packetNo, quint32 fileId, const QString &reason) {
                QString name;
                if (const quint64 row = sentRow(packetNo, fileId, &name))
                    Q_EMIT sendFinished(row, false, tr("%1: %2").arg(name, reason));
            });
}

quint64 IpMsgOffers::sentRow(quint32 packetNo, quint32 fileId, QString *name) const
{
    const quint64 row = m_sentByPacket.value(packetNo);
    const IpMsgSession::Message *m = row ? messageOf(row) : nullptr;
    if (!m)
        return 0;
    for (const IpMsg::FileEntry &f : m->files) {
        if (f.fileId == fileId) {
            *name = f.name;
            return row;
        }
    }
    return 0;
}

IpMsgOffers::~IpMsgOffers() = default;

void IpMsgOffers::add(quint64 row, const IpMsgSession::Message &message)
{
    if (message.files.isEmpty())
        return;
    // The session keeps its last MaxMessages messages: rows of older ones have no offer left.
    if (m_rows.size() >= 2 * IpMsgSession::MaxMessages) {
        m_rows.removeIf([this](const QHash<quint64, quint64>::iterator it) {
            if (m_session.message(it.value()) || m_transfers.count(it.key()))
                return false;
            m_bySession.remove(it.value());
            m_outcomes.remove(it.key());
            return true;
        });
        m_sentByPacket.removeIf([this](const QHash<quint32, quint64>::iterator it) {
            return !m_rows.contains(it.value());
        });
    }
    m_rows.insert(row, message.id);
    m_bySession.insert(message.id, row);
    if (!message.incoming)
        m_sentByPacket.insert(message.packetNo, row);
    Q_EMIT changed(row); // the row was laid out before it had an offer
}

const IpMsgSession::Message *IpMsgOffers::messageOf(quint64 row) const
{
    const auto it = m_rows.constFind(row);
    return it == m_rows.cend() ? nullptr : m_session.message(it.value());
}

IpMsgOffers::Info IpMsgOffers::info(quint64 row) const
{
    Info info;
    const IpMsgSession::Message *m = messageOf(row);
    if (!m || m->files.isEmpty())
        return info;
    info.incoming = m->incoming;
    info.files = m->files;
    const Outcome outcome = m_outcomes.value(row);
    info.folder = outcome.folder;
    info.sentence = outcome.sentence;
    using Offer = IpMsgSession::Offer;
    switch (m->offer) {
    case Offer::Rejected:
        info.state = State::Rejected;
        break;
    case Offer::Withdrawn:
        info.state = State::Withdrawn;
        break;
    case Offer::Closed:
        info.state = State::Closed;
        break;
    case Offer::Open:
        if (!m->incoming)
            info.state = m->filesServed >= m->files.size() ? State::Fetched : State::Offered;
        else if (isReceiving(row))
            info.state = State::Receiving;
        else if (m_outcomes.contains(row))
            info.state = outcome.ok ? State::Saved : State::Incomplete;
        else
            info.state = State::Offered;
        break;
    }
    return info;
}

bool IpMsgOffers::canSave(quint64 row) const
{
    const IpMsgSession::Message *m = messageOf(row);
    return m && m->incoming && m->offer == IpMsgSession::Offer::Open && !isReceiving(row);
}

bool IpMsgOffers::save(quint64 row, const QString &folder, QString *error,
                       const QList<quint32> &fileIds)
{
    const IpMsgSession::Message *m = messageOf(row);
    const auto fail = [error](const QString &sentence) {
        if (error)
            *error = sentence;
        return false;
    };
    if (isReceiving(row))
        return fail(tr("These files are being received already; wait or cancel."));
    if (!m || !m->incoming || m->offer != IpMsgSession::Offer::Open)
        return fail(tr("These files are no longer offered."));
    Transfer transfer;
    for (const IpMsg::FileEntry &f : m->files) {
        if (fileIds.isEmpty() || fileIds.contains(f.fileId))
            transfer.queue.append(f);
    }
    if (transfer.queue.isEmpty())
        return fail(tr("No file was chosen."));
    transfer.folder = folder;
    m_transfers.emplace(row, std::move(transfer));
    Q_EMIT changed(row);
    fetchNext(row);
    return true;
}

void IpMsgOffers::fetchNext(quint64 row)
{
    Transfer &t = m_transfers.at(row);
    if (t.queue.isEmpty()) {
        end(row, true,
            tr("Saved %n item(s) in %1.", nullptr, int(t.saved.size()))
                    .arg(QDir::toNativeSeparators(t.folder)));
        return;
    }
    const IpMsg::FileEntry file = t.queue.takeFirst();
    QString error;
    std::unique_ptr<IpMsgFileFetch> fetch =
            m_session.fetchFile(m_rows.value(row), file.fileId, t.folder, &error);
    if (!fetch) {
        end(row, false, error);
        return;
    }
    connect(fetch.get(), &IpMsgFileFetch::progress, this,
            [this, row, name = file.name](qint64 done, qint64 total) {
                Q_EMIT progress(row, name, done, total);
            });
    connect(fetch.get(), &IpMsgFileFetch::finished, this,
            [this, row, name = file.name](bool ok, const QString &sentence) {
                onFetched(row, name, ok, sentence);
            });
    t.fetch = std::move(fetch);
    Q_EMIT progress(row, file.name, 0, file.size);
    t.fetch->start();
}

void IpMsgOffers::onFetched(quint64 row, const QString &name, bool ok, const QString &sentence)
{
    Transfer &t = m_transfers.at(row);
    const QStringList saved = t.fetch->saved();
    t.saved += saved;
    for (const QString &path : saved)
        Q_EMIT fileSaved(row, path);
    // Not from inside the fetch's own signal: the next one starts from the event loop.
    QMetaObject::invokeMethod(
            this,
            [this, row, name, ok, sentence] {
                if (!m_transfers.count(row))
                    return;
                if (ok)
                    fetchNext(row);
                else
                    end(row, false, tr("%1: %2").arg(name, sentence));
            },
            Qt::QueuedConnection);
}

void IpMsgOffers::end(quint64 row, bool ok, const QString &sentence)
{
    const auto it = m_transfers.find(row);
    const QString folder = it->second.folder;
    // Deleted later: this may run from inside the fetch's own signal.
    if (it->second.fetch)
        it->second.fetch.release()->deleteLater();
    m_transfers.erase(it);
    m_outcomes.insert(row, Outcome{ok, folder, sentence});
    Q_EMIT finished(row, ok, sentence);
    Q_EMIT changed(row);
}

void IpMsgOffers::reject(quint64 row)
{
    const IpMsgSession::Message *m = messageOf(row);
    if (!m || !m->incoming)
        return;
    cancel(row);
    m_session.rejectFiles(m->id);
}

bool IpMsgOffers::canWithdraw(quint64 row) const
{
    const IpMsgSession::Message *m = messageOf(row);
    return m && !m->incoming && m->offer == IpMsgSession::Offer::Open;
}

void IpMsgOffers::withdraw(quint64 row)
{
    if (canWithdraw(row))
        m_session.releaseFiles(m_rows.value(row));
}

void IpMsgOffers::cancel(quint64 row)
{
    const auto it = m_transfers.find(row);
    if (it != m_transfers.end() && it->second.fetch)
        it->second.fetch->cancel();
}

void IpMsgOffers::onOfferChanged(quint64 sessionId)
{
    const auto it = m_bySession.constFind(sessionId);
    if (it == m_bySession.cend())
        return;
    const quint64 row = it.value();
    // Withdrawn or rejected while it runs: the transfer ends with the offer.
    const IpMsgSession::Message *m = m_session.message(sessionId);
    if (m && m->offer != IpMsgSession::Offer::Open)
        cancel(row);
    Q_EMIT changed(row);
}
