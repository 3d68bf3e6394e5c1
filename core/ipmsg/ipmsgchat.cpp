#include "core/ipmsg/ipmsgchat.h"

#include "core/history/historystore.h"

#include <QDir>
#include <QLocale>

namespace {
ChatMessage::Status statusOf(IpMsgSession::Delivery delivery)
{
    switch (delivery) {
    case IpMsgSession::Delivery::Pending:
        return ChatMessage::Status::Sent;
    case IpMsgSession::Delivery::Delivered:
        return ChatMessage::Status::Delivered;
    case IpMsgSession::Delivery::NotConfirmed:
        return ChatMessage::Status::NotConfirmed;
    case IpMsgSession::Delivery::Read:
        return ChatMessage::Status::Read;
    case IpMsgSession::Delivery::Failed:
        break;
    }
    return ChatMessage::Status::Failed;
}

// Receipts are only waited for a few seconds; this bounds the map of pending ones anyway.
constexpr int kMaxPending = 10000;
} // namespace

IpMsgChat::IpMsgChat(IpMsgSession &session, QObject *parent)
    : QObject(parent), m_session(session), m_offers(session)
{
    connect(&m_session, &IpMsgSession::messageAdded, this, &IpMsgChat::onMessageAdded);
    connect(&m_session, &IpMsgSession::deliveryChanged, this, &IpMsgChat::onDeliveryChanged);
    showConversation(QString());
}

namespace {
QString attachmentLines(const QList<IpMsg::FileEntry> &files)
{
    QString lines;
    for (const IpMsg::FileEntry &f : files) {
        // A bullet and a slash for folders: in every font, unlike emoji.
        lines += f.type() == IpMsg::FileType::Directory
                         ? QStringLiteral("\n\u2022 %1/").arg(f.name)
                         : QStringLiteral("\n\u2022 %1 (%2)")
                                   .arg(f.name, QLocale().formattedDataSize(f.size));
    }
    return lines;
}
} // namespace

ChatMessage IpMsgChat::toChatMessage(const IpMsgSession::Message &message)
{
    ChatMessage m;
    m.channel = ChatMessage::Channel::IpMsg;
    m.direction =
            message.incoming ? ChatMessage::Direction::Incoming : ChatMessage::Direction::Outgoing;
    m.status = message.incoming ? ChatMessage::Status::Received : statusOf(message.delivery);
    m.peerAddress = message.address;
    m.peerPort = message.port;
    m.time = message.time;
    m.payload = message.payload;
    m.text = message.text + attachmentLines(message.files);
    if (message.text.isEmpty() && !message.files.isEmpty())
        m.text.remove(0, 1); // no blank line before the files
    m.encoding = message.encoding;
    m.error = message.error;
    m.conversation = message.conversation;
    m.peerName = message.peerName;
    return m;
}

void IpMsgChat::setHistory(HistoryStore *history)
{
    if (m_history)
        disconnect(&m_messages, nullptr, m_history, nullptr);
    m_history = history && history->isOpen() ? history : nullptr;
    if (m_history) {
        connect(&m_messages, &MessageListModel::messagesAppended, m_history, &HistoryStore::record);
        connect(&m_messages, &MessageListModel::messageChanged, m_history, &HistoryStore::update);
        m_messages.setNextId(std::max(m_messages.nextId(), m_history->lastId() + 1));
    }
    showConversation(m_conversation);
}

void IpMsgChat::showConversation(const QString &conversation)
{
    m_conversation = conversation;
    m_messages.setAcceptFilter([conversation](const ChatMessage &m) {
        return m.isIpMsg() && (conversation.isEmpty() || m.conversation == conversation);
    });
    if (!m_history) {
        m_messages.setOlderLoader(nullptr);
        m_messages.reset({});
        return;
    }
    HistoryStore::Filter filter;
    filter.peer = conversation;
    filter.mode = ChatMessage::Channel::IpMsg;
    HistoryStore *history = m_history;
    m_messages.setOlderLoader([history, filter](quint64 beforeId, int limit) {
        return history->page(filter, beforeId, limit);
    });
    m_messages.reset(history->page(filter, 0, MessageListModel::PageSize));
}

int IpMsgChat::showMessage(quint64 id)
{
    if (const int row = m_messages.rowOf(id); row >= 0)
        return row;
    if (!m_history)
        return -1;
    HistoryStore::Filter any;
    any.mode = ChatMessage::Channel::IpMsg;
    const QList<ChatMessage> found = m_history->range(any, id, 1);
    if (found.isEmpty() || found.constFirst().id != id)
        return -1;
    HistoryStore::Filter filter = any;
    filter.peer = found.constFirst().conversation;
    int row = -1;
    const QList<ChatMessage> rows = m_history->around(filter, id, 50000, &row);
    if (row < 0)
        return -1;
    showConversation(filter.peer);
    m_messages.reset(rows);
    return row;
}

IpMsgChat::SendOutcome IpMsgChat::send(const QStringList &peerKeys, const QString &text,
                                       bool sealed)
{
    return sendNow(peerKeys, text, {}, sealed);
}

IpMsgChat::SendOutcome IpMsgChat::sendFiles(const QStringList &peerKeys, const QString &text,
                                            const QStringList &paths, bool sealed)
{
    if (!FolderCount::anyFolder(paths))
        return sendNow(peerKeys, text, paths, sealed);
    m_folderCount.start(paths,
                        [this, peerKeys, text, paths, sealed](const FolderCount::Sizes &sizes) {
                            Q_EMIT filesSent(sendNow(peerKeys, text, paths, sealed, sizes), text);
                        });
    SendOutcome outcome;
    outcome.counting = true;
    return outcome;
}

IpMsgChat::SendOutcome IpMsgChat::sendNow(const QStringList &peerKeys, const QString &text,
                                          const QStringList &paths, bool sealed,
                                          const FolderCount::Sizes &folderSizes)
{
    SendOutcome outcome;
    for (const QString &key : peerKeys) {
        QString error;
        const quint64 sessionId =
                !paths.isEmpty() ? m_session.sendFiles(key, text, paths, &error, folderSizes)
                : sealed         ? m_session.sendSealed(key, text, &error)
                                 : m_session.sendMessage(key, text, &error);
        // A message that could not even be sent still has its row (Failed), with the reason.
        if (sessionId != 0 && m_ids.contains(sessionId))
            outcome.ids.append(m_ids.value(sessionId));
        if (sessionId == 0 || !error.isEmpty()) {
            const IpMsgSession::Peer *peer = m_session.peer(key);
            outcome.errors.append(peer && peerKeys.size() > 1
                                          ? tr("%1: %2").arg(peer->displayName(), error)
                                          : error);
        }
    }
    return outcome;
}

void IpMsgChat::onMessageAdded(const IpMsgSession::Message &message)
{
    ChatMessage row = toChatMessage(message);
    row.id = m_messages.append(row);
    const quint64 id = row.id;
    if (message.incoming && message.sealed) {
        if (m_sealed.size() >= kMaxPending)
            m_sealed.clear();
        m_sealed.insert(id, message.id);
    }
    m_offers.add(id, message);
    if (message.incoming) {
        Q_EMIT messagesReceived({row});
        return;
    }
    if (message.delivery == IpMsgSession::Delivery::Pending) {
        if (m_ids.size() >= kMaxPending)
            m_ids.clear();
        m_ids.insert(message.id, id);
    }
}

void IpMsgChat::onDeliveryChanged(quint64 sessionId, IpMsgSession::Delivery delivery)
{
    const auto it = m_ids.constFind(sessionId);
    if (it == m_ids.cend())
        return;
    const quint64 id = it.value();
    const IpMsgSession::Message *message = m_session.message(sessionId);
    // A sealed message may still be read after its receipt.
    const bool more =
            delivery == IpMsgSession::Delivery::Pending
            || (delivery == IpMsgSession::Delivery::Delivered && message && message->sealed);
    if (!more)
        m_ids.erase(it);
    const QString error = message ? message->error : QString();
    // In the view, the model announces the change and the history records it from there.
    if (!m_messages.setStatus(id, statusOf(delivery), error) && m_history)
        m_history->updateStatus(id, statusOf(delivery), error);
}

void IpMsgChat::markShownOpened()
{
    for (int row = 0; row < m_messages.rowCount(); ++row) {
        const auto it = m_sealed.constFind(m_messages.at(row).id);
        if (it != m_sealed.cend())
            m_session.markOpened(it.value());
    }
}
