#pragma once

#include "core/net/endpoint.h"

#include <QObject>

#include <memory>

class ChatSession;
class EncodingPolicy;
class QDialog;
class QMenu;
class QModelIndex;
class QWidget;

/// What can be done with one message of the list: its right-click menu (Show Whole Message,
/// Copy Text, Show Bytes; for a received one Reply, Decode As and Always Decode <peer> As) and
/// the non-modal windows it opens. Everything remote is shown as plain text.
class MessageActions : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageActions)
public:
    /// @p session and @p encodings must outlive this object; dialogs open over @p window.
    MessageActions(ChatSession &session, EncodingPolicy &encodings, QWidget *window);

    std::unique_ptr<QMenu> createMenu(const QModelIndex &index);
    /// Opens a non-modal window with the whole text of the message at @p index.
    QDialog *showWholeMessage(const QModelIndex &index);
    /// Opens a non-modal window with the exact bytes of the message at @p index, in hex.
    QDialog *showBytes(const QModelIndex &index);
    /// Decodes the received message at @p index again with @p encoding ("Decode As"); with
    /// @p rememberForPeer, later datagrams from its sender are decoded so too (saved). Returns
    /// false for a sent message or an unavailable encoding.
    bool decodeAs(const QModelIndex &index, const QString &encoding, bool rememberForPeer);
    /// Forgets the encoding remembered for the sender of the message at @p index.
    void forgetPeerEncoding(const QModelIndex &index);
    /// Asks to reply to the sender of the received message at @p index (replyRequested()).
    void replyTo(const QModelIndex &index);

Q_SIGNALS:
    void replyRequested(const Endpoint &sender);
    /// A sentence for the status bar.
    void statusMessage(const QString &sentence, int timeoutMs);

private:
    void addDecodeMenus(QMenu *menu, const QModelIndex &index);

    ChatSession &m_session;
    EncodingPolicy &m_encodings;
    QWidget *m_window;
};
