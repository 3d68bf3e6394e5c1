#pragma once

#include "endpoint.h"
#include "errorthrottle.h"
#include "repeatsender.h"

#include <QMainWindow>
#include <QTimer>

#include <memory>
#include <optional>

class ChatSession;
class Settings;
class MessageDelegate;
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
    void onRowsAboutToBeInserted();
    void onRowsInserted();
    void onRowsAboutToBeRemoved();
    void onScrollRangeChanged();
    void onScrolled(int value);
    void onRowsRemoved();
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
    bool m_followNewRows = true;
    // While the user reads older rows: the row at the top of the view and its offset, kept in
    // place when rows arrive below or leave above (the row cap).
    quint64 m_anchorId = 0;
    int m_anchorOffset = 0;
    bool m_targetEditedByUser = false;
};
