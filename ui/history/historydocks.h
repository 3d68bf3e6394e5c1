#pragma once

#include "core/chat/chatmessage.h"
#include "core/net/endpoint.h"

#include <QObject>

#include <functional>
#include <optional>

class ChatSession;
class ConversationsPanel;
class ExportController;
class QAction;
class QDockWidget;
class QLabel;
class QMainWindow;
class SearchPanel;
class SettingsSaver;

/// The history in the window: the Conversations and Search side panels (docks of @p window),
/// unread counts, opening a search result in place, export, the history's limits, and the
/// history's state in the status bar. The main window places the actions it offers.
class HistoryDocks : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryDocks)
public:
    /// The target the user is writing to, for "Add Target to Favourites".
    using TargetSource = std::function<std::optional<Endpoint>()>;

    /// @p session and @p saver must outlive this object.
    HistoryDocks(ChatSession &session, SettingsSaver &saver, QMainWindow *window,
                 TargetSource target);

    /// For the File menu: export, add to favourites, history limits.
    QList<QAction *> fileActions() const;
    /// For the View menu: show or hide each panel.
    QList<QAction *> panelActions() const;
    /// The docks, in the order they give way when the window is narrow (search first).
    QList<QDockWidget *> docks() const { return {m_searchDock, m_conversationsDock}; }
    /// For the status bar: shown while the history is off, read-only or not saving.
    QLabel *statusLabel() const { return m_statusLabel; }

    /// Shows the search panel and puts the cursor in its field.
    void focusSearch();
    /// Shows message @p id in the view (loading its page from the history) and selects it.
    bool jumpToMessage(quint64 id);
    /// What the window shows counts as read: the conversation @p shown of the page of @p mode
    /// ("" for all of that page's).
    void markShownAsRead(ChatMessage::Channel mode, const QString &shown);
    /// Counts the messages from others among @p messages as unread, unless they are in view:
    /// @p pageShown says whether their page is on screen, @p shown its conversation ("" for all
    /// of the page's).
    void countUnread(const QList<ChatMessage> &messages, bool pageShown, const QString &shown);
    void retranslate();

    ConversationsPanel *conversations() const { return m_conversations; }
    SearchPanel *search() const { return m_search; }
    ExportController *exporter() const { return m_export; }

Q_SIGNALS:
    /// Reply to a conversation's peer: @p target is its address and the last port it sent from.
    void replyRequested(const Endpoint &target);
    /// Unread messages over all conversations.
    void unreadChanged(int total);
    /// The message at @p row of the list should be shown and selected.
    void messageShown(int row);
    /// The IP Messenger message @p id (a search result) should be shown in its conversation.
    void ipmsgMessageRequested(quint64 id);
    void statusMessage(const QString &sentence, int timeoutMs);

private:
    /// The history's write failures and notices, said in the status bar.
    void connectHistory();
    void editLimits();
    void updateStatusLabel();

    ChatSession &m_session;
    SettingsSaver &m_saver;
    QMainWindow *m_window;
    ConversationsPanel *m_conversations;
    SearchPanel *m_search;
    QDockWidget *m_conversationsDock;
    QDockWidget *m_searchDock;
    ExportController *m_export;
    QAction *m_exportAction;
    QAction *m_favouriteAction;
    QAction *m_limitsAction;
    QLabel *m_statusLabel;
};
