#pragma once

#include "core/ipmsg/ipmsgsession.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <map>
#include <memory>

/// The files offered in IP Messenger conversations, by row (the ChatMessage id of the message
/// they came or went with): what became of each offer, and the transfers that save received
/// ones. A row's files are fetched one after the other; several rows are fetched at once, each
/// with its own progress() and finished().
class IpMsgOffers : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IpMsgOffers)
public:
    enum class State {
        None, ///< no files with this row (or not from this run: offers end with it)
        Offered, ///< received: can be saved; ours: served to the recipient
        Receiving, ///< received: a transfer runs
        Saved, ///< received: every file chosen was saved whole
        Incomplete, ///< received: the last transfer failed or was cancelled (see sentence)
        Rejected, ///< received: we rejected them; ours: the recipient did
        Withdrawn, ///< received: the sender withdrew them; ours: we did
        Closed, ///< ours: no longer served (expired, the recipient left)
        Fetched, ///< ours: the recipient fetched every file; still served until withdrawn
    };
    Q_ENUM(State)

    struct Info
    {
        State state = State::None;
        bool incoming = false;
        QList<IpMsg::FileEntry> files;
        QString folder; ///< received: where they were last saved to
        QString sentence; ///< received: how the last transfer ended
    };

    /// @p session must outlive this object.
    explicit IpMsgOffers(IpMsgSession &session, QObject *parent = nullptr);
    ~IpMsgOffers() override;

    /// The session message @p message (with files) is shown as row @p row.
    void add(quint64 row, const IpMsgSession::Message &message);

    Info info(quint64 row) const;
    /// Whether the received row @p row has files that can be saved now.
    bool canSave(quint64 row) const;
    /// Fetches the files @p fileIds (empty: all) of the received row @p row into @p folder, one
    /// after the other; false with @p error when there is nothing to fetch or the row's files
    /// are being fetched already.
    bool save(quint64 row, const QString &folder, QString *error = nullptr,
              const QList<quint32> &fileIds = {});
    /// The files of the received row @p row are not wanted (RELEASEFILES to the sender).
    void reject(quint64 row);
    /// Whether our row @p row has files that are still served.
    bool canWithdraw(quint64 row) const;
    /// Stops serving the files of our row @p row (RELEASEFILES to the recipient).
    void withdraw(quint64 row);
    /// Stops the transfer of row @p row (the ".part" of the file under way stays).
    void cancel(quint64 row);
    bool isReceiving(quint64 row) const { return m_transfers.count(row) > 0; }
    int transferCount() const { return int(m_transfers.size()); }

Q_SIGNALS:
    /// info() of row @p row changed.
    void changed(quint64 row);
    /// The transfer of row @p row: @p name is the file or folder under way, @p done of @p total
    /// bytes (a folder's total is not known: 0).
    void progress(quint64 row, const QString &name, qint64 done, qint64 total);
    /// A file of row @p row is saved whole as @p path.
    void fileSaved(quint64 row, const QString &path);
    /// The transfer of row @p row ended; @p sentence says what was saved where, or why not.
    void finished(quint64 row, bool ok, const QString &sentence);
    /// The recipient of our row @p row is fetching @p name: @p done of @p total bytes have left
    /// (a folder's total is not known: 0).
    void sendProgress(quint64 row, const QString &name, qint64 done, qint64 total);
    /// That transfer ended: whole (@p ok), or @p sentence says why not.
    void sendFinished(quint64 row, bool ok, const QString &sentence);

private:
    struct Transfer
    {
        std::unique_ptr<IpMsgFileFetch> fetch;
        QList<IpMsg::FileEntry> queue;
        QString folder;
        QStringList saved;
    };
    struct Outcome
    {
        bool ok = false;
        QString folder;
        QString sentence;
    };

    void onOfferChanged(quint64 sessionId);
    /// The name of file @p fileId of our offer @p packetNo, and its row (0: not ours).
    quint64 sentRow(quint32 packetNo, quint32 fileId, QString *name) const;
    void fetchNext(quint64 row);
    void onFetched(quint64 row, const QString &name, bool ok, const QString &sentence);
    void end(quint64 row, bool ok, const QString &sentence);
    const IpMsgSession::Message *messageOf(quint64 row) const;

    IpMsgSession &m_session;
    QHash<quint64, quint64> m_rows; // row id -> session message id
    QHash<quint64, quint64> m_bySession; // session message id -> row id
    QHash<quint32, quint64> m_sentByPacket; // our offers' packet numbers -> row id
    QHash<quint64, Outcome> m_outcomes; // received rows: how their last transfer ended
    std::map<quint64, Transfer> m_transfers; // by row: the transfers running
};
