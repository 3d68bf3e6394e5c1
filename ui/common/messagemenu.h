#pragma once

#include "core/chat/chatmessage.h"

#include <QObject>

#include <memory>

class QDialog;
class QMenu;
class QModelIndex;
class QWidget;

/// What can be done with one message of a MessageView, whatever the mode: its right-click menu
/// (Show Whole Message, Copy Text, Show Bytes; for a received one Reply and Decode As) and the
/// non-modal windows it opens. Everything remote is shown as plain text. A mode adds its own
/// entries in addPeerMenus() and says what Reply does.
class MessageMenu : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageMenu)
public:
    /// Dialogs open over @p window.
    explicit MessageMenu(QWidget *window);
    std::unique_ptr<QMenu> createMenu(const QModelIndex &index);
    /// Opens a non-modal window with the whole text of the message at @p index.
    QDialog *showWholeMessage(const QModelIndex &index);
    /// Opens a non-modal window with the exact bytes of the message at @p index, in hex.
    QDialog *showBytes(const QModelIndex &index);
    /// Decodes the received message at @p index (of a MessageListModel) again with @p encoding.
    /// False for a sent message or an unavailable encoding.
    bool redecode(const QModelIndex &index, const QString &encoding);
    /// The user wants to answer the received message at @p index (see replyToMessage()).
    void replyTo(const QModelIndex &index);

Q_SIGNALS:
    /// A sentence for the status bar.
    void statusMessage(const QString &sentence, int timeoutMs);

protected:
    /// After Decode As in a received message's menu: the mode's own entries.
    virtual void addPeerMenus(QMenu *menu, const QModelIndex &index);
    /// At the end of a sent message's menu: the mode's own entries.
    virtual void addSentMenus(QMenu *menu, const QModelIndex &index);
    /// What Reply does for the received message at @p index.
    virtual void replyToMessage(const QModelIndex &index) = 0;
    QWidget *window() const { return m_window; }
    /// The message at @p index (of a MessageListModel).
    static ChatMessage messageAt(const QModelIndex &index);

private:
    QWidget *m_window;
};
