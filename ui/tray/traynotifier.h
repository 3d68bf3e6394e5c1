#pragma once

#include "core/util/notificationthrottle.h"

#include <QObject>
#include <QTimer>

class ChatMessage;
class ChatSession;
class QAction;
class QMainWindow;
class QMenu;
class QSystemTrayIcon;
class SettingsSaver;

/// What happens while the user looks elsewhere: a taskbar alert and a tray notification when
/// messages arrive (throttled, plain text), the unread count in the tray's tool tip, and whether
/// closing the window quits or keeps udpchat running in the tray. Its choices are a menu the
/// main window places.
class TrayNotifier : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayNotifier)
public:
    /// @p session and @p saver must outlive this object; @p window is the one it alerts for.
    TrayNotifier(ChatSession &session, SettingsSaver &saver, QMainWindow *window);

    /// The Notifications menu: taskbar alert, tray icon, what closing does.
    QMenu *menu() const { return m_menu; }
    /// Whether closing the window should only hide it (asks the first time, when a tray exists).
    bool closeToTray();
    /// The tray icon, while the tray is used and available.
    QSystemTrayIcon *icon() const { return m_tray; }
    /// Shows @p total unread messages in the tray's tool tip.
    void setUnread(int total);
    /// Alerts for the messages from others among @p messages while the window is not active
    /// (throttled). The plain chat's are watched already; IP Messenger's come through here.
    void notify(const QList<ChatMessage> &messages);
    void retranslate();

Q_SIGNALS:
    /// Quit from the tray's menu.
    void quitRequested();
    /// The taskbar was asked to draw attention to the window: @p messages arrived, the latest
    /// from @p from (an address and port, or an IP Messenger nickname), while it was inactive.
    void alerted(const QString &from, int messages);

private:
    void addCloseChoices();
    void showNotice(const NotificationThrottle::Notice &notice);
    void showPendingNotice();
    void updateTray();
    void showWindow();

    ChatSession &m_session;
    SettingsSaver &m_saver;
    QMainWindow *m_window;
    QMenu *m_menu;
    QAction *m_alertAction;
    QAction *m_trayAction;
    QMenu *m_closeMenu;
    QAction *m_closeAskAction = nullptr;
    QAction *m_closeQuitAction = nullptr;
    QAction *m_closeTrayAction = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    NotificationThrottle m_notices;
    QTimer m_noticeTimer;
};
