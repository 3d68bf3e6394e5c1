#pragma once

#include "core/net/endpoint.h"
#include "ui/common/messagemenu.h"

class ChatSession;
class EncodingPolicy;

/// The plain chat's message menu: MessageMenu's entries, Reply makes the sender the target, and
/// Always Decode <peer> As remembers an encoding for the sender's address.
class MessageActions : public MessageMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageActions)
public:
    /// @p session and @p encodings must outlive this object; dialogs open over @p window.
    MessageActions(ChatSession &session, EncodingPolicy &encodings, QWidget *window);
    /// Decodes the received message at @p index again with @p encoding ("Decode As"); with
    /// @p rememberForPeer, later datagrams from its sender are decoded so too (saved). Returns
    /// false for a sent message or an unavailable encoding.
    bool decodeAs(const QModelIndex &index, const QString &encoding, bool rememberForPeer);
    /// Forgets the encoding remembered for the sender of the message at @p index.
    void forgetPeerEncoding(const QModelIndex &index);

Q_SIGNALS:
    void replyRequested(const Endpoint &sender);

protected:
    void addPeerMenus(QMenu *menu, const QModelIndex &index) override;
    void replyToMessage(const QModelIndex &index) override;

private:
    ChatSession &m_session;
    EncodingPolicy &m_encodings;
};
