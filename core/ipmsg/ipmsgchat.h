#pragma once

#include "core/chat/messagelistmodel.h"
#include "core/ipmsg/foldercount.h"
#include "core/ipmsg/ipmsgoffers.h"
#include "core/ipmsg/ipmsgsession.h"

#include <QHash>
#include <QObject>
#include <QStringList>

class HistoryStore;

/// IP Messenger's messages as conversations: each message of an IpMsgSession becomes a
/// ChatMessage of mode IpMsg, kept in the history beside the plain chat's (one id source) and
/// listed by messages() when it belongs to the conversation shown: one per person (user, host and
/// address), whatever port its client used. Delivery (receipt, no receipt) becomes the row's
/// status. Sending to several people sends each its own message, with its own receipt.
class IpMsgChat : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IpMsgChat)
public:
    /// @p session must outlive this object.
    explicit IpMsgChat(IpMsgSession &session, QObject *parent = nullptr);

    IpMsgSession &session() { return m_session; }
    MessageListModel *messages() { return &m_messages; }
    /// Ids come from @p ids (not owned), shared with the plain chat's list.
    void setIdSource(MessageIds *ids) { m_messages.setIdSource(ids); }
    /// Records every message in @p history (not owned; null or closed: none) and shows what it
    /// holds of the conversation shown.
    void setHistory(HistoryStore *history);
    HistoryStore *history() const { return m_history; }

    /// Shows the conversation @p conversation (ChatMessage::ipMsgConversation()); empty: every
    /// IP Messenger message. The latest page from the history, then what arrives.
    void showConversation(const QString &conversation);
    QString conversation() const { return m_conversation; }
    /// Loads the history so that message @p id is a row of its conversation (which becomes the
    /// one shown); its row, or -1 when it is not an IP Messenger message in the history.
    int showMessage(quint64 id);

    struct SendOutcome
    {
        QList<quint64> ids; ///< the rows added, one per recipient it was sent to
        QStringList errors; ///< a sentence per recipient it was not sent to
        /// Folders are being counted first, off the event loop: nothing is sent yet, filesSent()
        /// gives the outcome.
        bool counting = false;
    };
    /// Sends @p text to each peer in @p peerKeys (IpMsgSession keys), each its own SENDMSG;
    /// @p sealed asks each to say when it opened it (the row becomes Read).
    SendOutcome send(const QStringList &peerKeys, const QString &text, bool sealed = false);
    /// The user sees the conversation shown: its sealed messages count as opened (READMSG).
    void markShownOpened();

    /// Sends @p text with the files and folders at @p paths to each peer in @p peerKeys. With a
    /// folder among them, its bytes are counted first on another thread (the offer declares
    /// them); the outcome is then counting, and filesSent() follows.
    SendOutcome sendFiles(const QStringList &peerKeys, const QString &text,
                          const QStringList &paths, bool sealed = false);
    /// Stops the counts of sendFiles() still counting: those files are not sent, and no
    /// filesSent() comes for them.
    void cancelCounting() { m_folderCount.cancelAll(); }
    /// The files offered with the messages shown (received and ours), and their transfers.
    IpMsgOffers *offers() { return &m_offers; }

    /// @p message as the rows and the history keep it: the files offered are lines after the
    /// text ("• name (size)", "• folder/"), so they are seen and found by the search.
    static ChatMessage toChatMessage(const IpMsgSession::Message &message);

Q_SIGNALS:
    /// Messages from people arrived (with their ids), shown or not.
    void messagesReceived(const QList<ChatMessage> &messages);
    /// The files of a sendFiles() that was counting were sent (or not) with @p text: @p outcome.
    void filesSent(const IpMsgChat::SendOutcome &outcome, const QString &text);

private:
    SendOutcome sendNow(const QStringList &peerKeys, const QString &text, const QStringList &paths,
                        bool sealed, const FolderCount::Sizes &folderSizes = {});
    void onMessageAdded(const IpMsgSession::Message &message);
    void onDeliveryChanged(quint64 sessionId, IpMsgSession::Delivery delivery);

    IpMsgSession &m_session;
    MessageListModel m_messages;
    HistoryStore *m_history = nullptr;
    QString m_conversation;

    QHash<quint64, quint64> m_ids; // session message id -> row id, for messages still pending
    QHash<quint64, quint64> m_sealed; // row id -> session message id, received sealed
    IpMsgOffers m_offers;
    FolderCount m_folderCount;
};
