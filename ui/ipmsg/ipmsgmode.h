#pragma once

#include <QObject>
#include <QPointer>

#include <optional>

class AddressesDialog;
class IpMsgPanel;
class IpMsgSession;
class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QMainWindow;
class QStackedWidget;
class QPushButton;
class Settings;

/// Adds issue 8 to a chat window without changing it: the mode switch (Plain UDP / IP Messenger)
/// in the status bar, the IP Messenger page, "Your Addresses" in the View menu, and a Broadcast
/// button beside the target address. The window's own widgets are found by object name.
class IpMsgMode : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IpMsgMode)
public:
    enum class Mode { Plain, IpMsg };

    /// @p window, @p session and @p settings must outlive this object.
    IpMsgMode(QMainWindow &window, IpMsgSession &session, Settings &settings);
    ~IpMsgMode() override;

    static QString modeName(Mode mode);
    static Mode modeFromName(const QString &name);

    /// Switches the page; IP Messenger mode starts the session (announcing us by broadcast),
    /// plain mode stops it (BR_EXIT). With @p remember the choice is saved in the settings.
    void setMode(Mode mode, bool remember);
    Mode mode() const { return m_mode; }

    /// The port IP Messenger mode listens on instead of the settings' one (tests: 0 = any free).
    void setListenPortOverride(quint16 port) { m_portOverride = port; }

    IpMsgPanel *panel() const { return m_panel; }
    /// Opens (or raises) the "Your Addresses" dialog for the current target.
    AddressesDialog *showAddresses();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void fillBroadcastMenu();

    QMainWindow &m_window;
    IpMsgSession &m_session;
    Settings &m_settings;
    Mode m_mode = Mode::Plain;
    std::optional<quint16> m_portOverride;
    QStackedWidget *m_stack = nullptr;
    IpMsgPanel *m_panel = nullptr;
    QLabel *m_modeLabel = nullptr;
    QComboBox *m_modeCombo = nullptr;
    QAction *m_addressesAction = nullptr;
    QPushButton *m_broadcastButton = nullptr;
    QLineEdit *m_targetEdit = nullptr;
    QPointer<AddressesDialog> m_addresses;
    QPointer<QWidget> m_plainFocus;
};
