#pragma once

#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <optional>

class AddressesDialog;
class ChatPage;
class ChatSession;
class EncodingPolicy;
class GroupsDialog;
class HistoryDocks;
class IpMsgChat;
class IpMsgPanel;
class IpMsgSession;
class QActionGroup;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QStackedWidget;
class ReceiveStatus;
class Settings;
class SettingsSaver;
class TrayNotifier;

namespace Ui {
class MainWindow;
}

/// The shell: menus, the two chat modes as pages (plain UDP and IP Messenger), the history
/// docks, the status bar and what closing does. Each part is its own widget or object; the shell
/// creates them, places what they offer and connects them. It owns no network state.
class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    enum class Mode { Plain, IpMsg };
    static QString modeName(Mode mode);
    static Mode modeFromName(const QString &name);

    /// Everything passed must outlive the window.
    MainWindow(ChatSession &session, IpMsgChat &ipmsg, SettingsSaver &saver,
               EncodingPolicy &encodings, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Switches the page; IP Messenger mode starts its session (announcing us by broadcast),
    /// plain mode stops it (BR_EXIT). With @p remember the choice is saved in the settings.
    void setMode(Mode mode, bool remember);
    Mode mode() const { return m_mode; }
    /// The port IP Messenger mode listens on instead of the settings' one (tests: 0 = any free).
    void setIpMsgPortOverride(quint16 port) { m_ipmsgPortOverride = port; }
    /// Opens (or raises) the "Your Addresses" dialog for the current target.
    AddressesDialog *showAddresses();
    /// Opens (or raises) the "Multicast Groups" dialog.
    GroupsDialog *showGroups();

    ChatPage *chatPage() const { return m_chat; }
    IpMsgPanel *ipmsgPanel() const { return m_ipmsgPanel; }
    HistoryDocks *history() const { return m_history; }
    TrayNotifier *tray() const { return m_tray; }

    /// The chat page's minimum (docks give way when there is no room for them).
    QSize minimumSizeHint() const override;

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    void setUpPages();
    void connectConversations();
    /// The conversation on screen counts as read (the window is active).
    void markShownAsRead();
    void setUpMenus();
    void setUpStatusBar();
    void setUpLanguageMenu();
    void setUpModeActions();
    void setLanguage(const QString &language);
    void retranslate();
    void showStatus(const QString &sentence, int timeoutMs);
    void showStartupNotice();
    void showUnread(int total);
    void showAbout();
    void quitApplication();
    void fitDocks();

    std::unique_ptr<Ui::MainWindow> m_ui;
    ChatSession &m_session;
    IpMsgChat &m_ipmsgChat;
    IpMsgSession &m_ipmsg;
    SettingsSaver &m_saver;
    Settings &m_settings;
    QStackedWidget *m_pages = nullptr;
    ChatPage *m_chat = nullptr;
    IpMsgPanel *m_ipmsgPanel = nullptr;
    HistoryDocks *m_history = nullptr;
    TrayNotifier *m_tray = nullptr;
    ReceiveStatus *m_receiveStatus = nullptr;
    QLabel *m_profileLabel = nullptr;
    QLabel *m_modeLabel = nullptr;
    QComboBox *m_modeCombo = nullptr;
    QMenu *m_languageMenu = nullptr;
    QAction *m_systemLanguageAction = nullptr;
    QAction *m_addressesAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_groupsAction = nullptr;
    QPointer<GroupsDialog> m_groups;
    QList<QAction *> m_modeActions;
    QPointer<AddressesDialog> m_addresses;
    QString m_shownSettingsError;
    Mode m_mode = Mode::Plain;
    std::optional<quint16> m_ipmsgPortOverride;
    QList<QDockWidget *> m_autoHiddenDocks; // hidden for want of room, shown again with room
    bool m_quitting = false;
};
