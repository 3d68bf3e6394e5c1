#pragma once

#include "core/history/historysearch.h"
#include "core/net/endpoint.h"

#include <QHash>
#include <QTimer>
#include <QWidget>

class ChatSession;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;

/// The conversations side panel: "All messages", then every peer that sent or was sent to
/// (addresses normalised), favourites first, with names, unread counts and last activity.
/// Choosing one shows only its messages; Reply (in its menu) makes it the target.
class ConversationsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ConversationsPanel(ChatSession &session, QWidget *parent = nullptr);

    /// Incoming messages from @p peer that the user has not seen yet.
    void addUnread(const QString &peer, int count);
    /// The user saw the conversation with @p peer (empty: every conversation).
    void markRead(const QString &peer);
    /// The user saw every conversation of @p mode ("All messages" of that page).
    void markAllRead(ChatMessage::Channel mode);
    /// The IP Messenger conversation on screen (its row is the current one), or empty when the
    /// plain page is.
    void setIpMsgShown(const QString &conversation);
    int unreadTotal() const;
    int unread(const QString &peer) const { return m_unread.value(peer); }
    /// Shows the conversation with @p peer ("" for all messages), as a click would.
    void select(const QString &peer);
    /// Asks to make @p peer's last address and port the target (replyRequested()); false when
    /// it is not listed or no port is known.
    bool reply(const QString &peer);
    /// Keeps @p target in the address book (a favourite, with its port).
    void addFavourite(const Endpoint &target);
    bool rename(const QString &peer, const QString &name);
    void setFavourite(const QString &peer, bool favourite);
    /// Reads the peers from the history again (coalesced: at most twice a second).
    void scheduleRefresh();
    void refresh();
    void retranslate();
    QListWidget *list() const { return m_list; }
    /// At most this many conversations are listed besides favourites, named and unread ones and
    /// the one shown; the others are counted in one row.
    static constexpr int MaxListedConversations = 200;
    /// Unread counts are kept per peer for at most this many peers.
    static constexpr int MaxUnreadPeers = 1000;

Q_SIGNALS:
    /// Reply: @p target is the peer's address and the last port it sent from.
    void replyRequested(const Endpoint &target);
    void unreadChanged(int total);
    /// The user chose a conversation of @p mode (a plain one is shown on the plain page already).
    void conversationChosen(const QString &conversation, ChatMessage::Channel mode);

private:
    void onCurrentChanged();
    QListWidgetItem *addPeerItem(const HistoryStore::Peer &peer);
    void showMenu(const QPoint &position);

    ChatSession &m_session;
    QListWidget *m_list;
    QLabel *m_note;
    QHash<QString, int> m_unread;
    QString m_ipmsgShown;
    int m_unreadElsewhere = 0; ///< unread messages of peers beyond MaxUnreadPeers
    QTimer m_refreshTimer;
    bool m_refreshing = false;
};

/// The search panel: text across the whole history, by direction and optionally only in the
/// conversation shown; results (newest first) can be opened in place and exported.
class SearchPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SearchPanel(ChatSession &session, QWidget *parent = nullptr);

    /// Puts the cursor in the search field, its text selected (Ctrl+F).
    void focusField();
    /// Starts the search for what the fields say.
    void search();
    HistorySearch *searcher() { return &m_search; }
    QListWidget *results() const { return m_results; }
    void retranslate();

Q_SIGNALS:
    /// The user opened the result with message id @p id.
    void resultActivated(quint64 id);
    /// The user asked to export the results.
    void exportRequested();

private:
    void addResults(const QList<ChatMessage> &messages);
    void onFinished(bool truncated);

    ChatSession &m_session;
    HistorySearch m_search;
    QString m_query; // the text searched for, highlighted in the results
    QLineEdit *m_field;
    QComboBox *m_direction;
    QCheckBox *m_conversationOnly;
    QListWidget *m_results;
    QLabel *m_status;
    QPushButton *m_export;
    QTimer m_debounce;
};
