#pragma once

#include "core/history/historyexport.h"
#include "core/net/endpoint.h"
#include "core/net/repeatsender.h"
#include "core/util/errorthrottle.h"
#include "core/util/notificationthrottle.h"

#include <QMainWindow>
#include <QTimer>

#include <memory>
#include <optional>

class ChatSession;
class Settings;
class MessageDelegate;
class ConversationsPanel;
class SearchPanel;
class QDockWidget;
class QProgressDialog;
class QSystemTrayIcon;
class QAction;
class QDialog;
class QMenu;
class QIcon;
class QLabel;
class QToolButton;

namespace Ui {
class ChatWindow;
}

/// The chat window: target fields, the message list, the message box and the listening state.
/// It owns no network state; everything goes through the injected ChatSession.
class ChatWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatWindow)
public:
    /// @p session and @p settings must outlive the window.
    ChatWindow(ChatSession &session, Settings &settings, QWidget *parent = nullptr);
    ~ChatWindow() override;

    /// The udpchat icon in every size it is drawn at (16 to 512 px).
    static QIcon applicationIcon();

    /// Presets the target fields (e.g. from --target) without storing them in the settings.
    void setTarget(const Endpoint &target);
    /// The target as currently typed, if it is valid.
    std::optional<Endpoint> target() const { return m_target; }

    /// Sends the message box's text to the target (what Enter and the Send button do).
    void sendCurrentMessage();
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
    /// The right-click menu of the message at @p index: Show Whole Message, Copy Text, Show Bytes
    /// (Hex); for a received one also Reply to Sender, Decode As and Always Decode <peer> As.
    std::unique_ptr<QMenu> createMessageMenu(const QModelIndex &index);

    // History (chatwindow_history.cpp).
    /// Exports the conversation shown (every message of it in the history, or what is in the
    /// view without a history) to @p path; the format follows the suffix (.csv, .jsonl,
    /// .pcapng). Returns false with the reason in the status bar when it cannot start.
    bool exportConversation(const QString &path);
    /// Exports the current search results to @p path.
    bool exportSearchResults(const QString &path);
    /// The running export, if any (progress, cancel).
    HistoryExport *historyExport() { return &m_export; }
    /// Shows message @p id in the view (loading its page from the history) and selects it.
    bool jumpToMessage(quint64 id);
    ConversationsPanel *conversationsPanel() const { return m_conversations; }
    SearchPanel *searchPanel() const { return m_search; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void setUpLanguageMenu();
    void setLanguage(const QString &language);
    void retranslate();
    void updateCounters();
    void validateTarget();
    void updateSendEnabled();
    void updateListeningState();
    void applyBindPort();
    void listenOnAnyFreePort();
    void replyTo(const QModelIndex &index);
    void showMessageMenu(const QPoint &position);
    void showAbout();
    void saveDraft();
    void rememberTarget();
    void saveSettings();
    void showNetworkError(const QString &message);
    void showHeldBackNetworkErrors();
    void showStartupNotice();
    void setUpEncodings();
    void chooseSendEncoding();
    void chooseReceiveEncoding();
    void updateByteCount();
    void toggleRepeat(bool start);
    void sendRepeated(const QString &text);
    void updateRepeatState();
    void onRowsChanged(const QModelIndex &first, const QModelIndex &last);
    void onRowsAboutToChange();
    void onRowsInserted();
    void setUpHistory();
    void retranslateHistory();
    void updateFetchOlder();
    void onMessagesAppended(const QList<ChatMessage> &messages);
    void showPendingNotice();
    void showNotice(const NotificationThrottle::Notice &notice);
    void updateUnreadState(int total);
    bool startExport(const HistoryExport::Source &source, qint64 total, const QString &path,
                     int count);
    void chooseExportFile(bool results);
    void onExportFinished(bool ok);
    void editHistoryLimits();
    void updateTray();
    /// Whether closing should only hide the window (asks the first time when a tray exists).
    bool closeToTray();
    void quitApplication();
    void onScrollRangeChanged();
    void onScrolled(int value);
    void rememberScrollAnchor();
    void restoreScrollAnchor();

    std::unique_ptr<Ui::ChatWindow> m_ui;
    ChatSession &m_session;
    Settings &m_settings;
    std::optional<Endpoint> m_target;
    QLabel *m_listenLabel = nullptr;
    MessageDelegate *m_delegate = nullptr;
    QMenu *m_languageMenu = nullptr;
    QAction *m_systemLanguageAction = nullptr;
    QToolButton *m_freePortButton = nullptr;
    QLabel *m_profileLabel = nullptr;
    QTimer m_draftTimer;
    QTimer m_countersTimer;
    QLabel *m_countersLabel = nullptr;
    // A socket error can repeat per datagram and a failing save per keystroke pause: both are
    // rate-limited, never one message (let alone one dialog) each.
    ErrorThrottle m_networkErrors;
    ErrorThrottle m_settingsErrors;
    QTimer m_networkSummaryTimer;
    QString m_shownSettingsError;
    RepeatSender m_repeat;
    Endpoint m_repeatTarget;
    ConversationsPanel *m_conversations = nullptr;
    SearchPanel *m_search = nullptr;
    QDockWidget *m_conversationsDock = nullptr;
    QDockWidget *m_searchDock = nullptr;
    QLabel *m_historyLabel = nullptr;
    QMenu *m_notifyMenu = nullptr;
    QMenu *m_closeMenu = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_limitsAction = nullptr;
    QAction *m_favouriteAction = nullptr;
    QAction *m_alertAction = nullptr;
    QAction *m_trayAction = nullptr;
    QAction *m_closeQuitAction = nullptr;
    QAction *m_closeTrayAction = nullptr;
    QAction *m_closeAskAction = nullptr;
    HistoryExport m_export;
    QString m_exportPath;
    QProgressDialog *m_exportProgress = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    NotificationThrottle m_notices;
    QTimer m_noticeTimer;
    bool m_quitting = false;
    bool m_followNewRows = true;
    // While the user reads older rows: the row at the top of the view and its offset, kept in
    // place when rows arrive below or leave above (the row cap).
    quint64 m_anchorId = 0;
    int m_anchorOffset = 0;
    bool m_targetEditedByUser = false;
};
