#include "ui/tray/traynotifier.h"

#include "core/config/settings.h"
#include "core/config/settingssaver.h"
#include "core/session/chatsession.h"
#include "ui/common/applicationicon.h"

#include <QActionGroup>
#include <QApplication>
#include <QDateTime>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSystemTrayIcon>

namespace {
constexpr int kNoticeTextLimit = 200;

QString noticeText(const QString &text)
{
    QString line = sanitizeForDisplay(text).text;
    if (line.size() > kNoticeTextLimit)
        line = line.left(kNoticeTextLimit) + QStringLiteral("\u2026");
    return line;
}

QAction *checkableAction(QMenu *menu, const QString &name, bool checked)
{
    QAction *action = menu->addAction(QString());
    action->setObjectName(name);
    action->setCheckable(true);
    action->setChecked(checked);
    return action;
}
} // namespace

TrayNotifier::TrayNotifier(ChatSession &session, SettingsSaver &saver, QMainWindow *window)
    : QObject(window),
      m_session(session),
      m_saver(saver),
      m_window(window),
      m_menu(new QMenu(window)),
      m_alertAction(checkableAction(m_menu, QStringLiteral("alertAction"),
                                    saver.settings().alertOnMessage())),
      m_trayAction(checkableAction(m_menu, QStringLiteral("trayAction"),
                                   saver.settings().trayNotifications())),
      m_closeMenu(m_menu->addMenu(QString()))
{
    m_menu->setObjectName(QStringLiteral("notificationsMenu"));
    connect(m_alertAction, &QAction::toggled, this, [this](bool on) {
        m_saver.settings().setAlertOnMessage(on);
        m_saver.save();
    });
    connect(m_trayAction, &QAction::toggled, this, [this](bool on) {
        m_saver.settings().setTrayNotifications(on);
        m_saver.save();
        updateTray();
    });
    addCloseChoices();
    m_noticeTimer.setSingleShot(true);
    connect(&m_noticeTimer, &QTimer::timeout, this, &TrayNotifier::showPendingNotice);
    connect(m_session.messages(), &MessageListModel::messagesAppended, this, &TrayNotifier::notify);
    updateTray();
    retranslate();
}

void TrayNotifier::addCloseChoices()
{
    auto *group = new QActionGroup(this);
    const auto add = [&](Settings::CloseAction action, const QString &name) {
        QAction *a = checkableAction(m_closeMenu, name, m_saver.settings().closeAction() == action);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, action] {
            m_saver.settings().setCloseAction(action);
            m_saver.save();
        });
        return a;
    };
    m_closeAskAction = add(Settings::CloseAction::Ask, QStringLiteral("closeAskAction"));
    m_closeQuitAction = add(Settings::CloseAction::Quit, QStringLiteral("closeQuitAction"));
    m_closeTrayAction =
            add(Settings::CloseAction::MinimizeToTray, QStringLiteral("closeTrayAction"));
}

void TrayNotifier::retranslate()
{
    m_menu->setTitle(tr("&Notifications"));
    m_alertAction->setText(tr("Taskbar Alert for New Messages"));
    m_trayAction->setText(tr("Tray Icon and Notifications"));
    m_closeMenu->setTitle(tr("Closing the Window"));
    m_closeAskAction->setText(tr("Ask the First Time"));
    m_closeQuitAction->setText(tr("Quits udpchat"));
    m_closeTrayAction->setText(tr("Keeps Running in the Tray"));
}

void TrayNotifier::notify(const QList<ChatMessage> &messages)
{
    const bool active = m_window->isActiveWindow() && m_window->isVisible();
    if (active)
        return; // the user sees them (unread counts are the conversations panel's)
    const ChatMessage *latest = nullptr;
    int incoming = 0;
    for (const ChatMessage &m : messages) {
        if (m.isIncoming()) {
            latest = &m;
            ++incoming;
        }
    }
    if (!latest)
        return;
    // IP Messenger: the person's nickname, made safe (the notice is plain text, but bounded).
    const QString peer = latest->isIpMsg()
                                 ? sanitizeForDisplay(latest->peerName, DisplayLimits{64, 1}).text
                                 : Endpoint{latest->peerAddress, latest->peerPort}.toString();
    if (m_saver.settings().alertOnMessage()) {
        QApplication::alert(m_window);
        Q_EMIT alerted(peer, incoming);
    }
    if (!m_tray)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (const auto notice = m_notices.submit(peer, latest->text, now, incoming))
        showNotice(*notice);
    else if (!m_noticeTimer.isActive())
        m_noticeTimer.start(int(m_notices.msUntilPending(now)));
}

void TrayNotifier::showNotice(const NotificationThrottle::Notice &notice)
{
    // Plain text; a summary when several came.
    if (notice.messages == 1)
        m_tray->showMessage(tr("Message from %1").arg(notice.peer), noticeText(notice.text),
                            QSystemTrayIcon::Information);
    else
        m_tray->showMessage(
                tr("udpchat"),
                tr("%1 new messages from %2 peers").arg(notice.messages).arg(notice.peers),
                QSystemTrayIcon::Information);
}

void TrayNotifier::showPendingNotice()
{
    if (!m_tray)
        return;
    if (const auto notice = m_notices.takePending(QDateTime::currentMSecsSinceEpoch()))
        showNotice(*notice);
}

void TrayNotifier::setUnread(int total)
{
    if (m_tray)
        m_tray->setToolTip(total > 0 ? tr("udpchat: %n unread", nullptr, total)
                                     : QCoreApplication::applicationName());
}

void TrayNotifier::showWindow()
{
    m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
}

void TrayNotifier::updateTray()
{
    const bool wanted =
            m_saver.settings().trayNotifications() && QSystemTrayIcon::isSystemTrayAvailable();
    if (!wanted) {
        delete m_tray;
        m_tray = nullptr;
        return;
    }
    if (m_tray)
        return;
    m_tray = new QSystemTrayIcon(applicationIcon(), this);
    m_tray->setObjectName(QStringLiteral("trayIcon"));
    m_tray->setToolTip(QCoreApplication::applicationName());
    auto *menu = new QMenu(m_window);
    connect(menu->addAction(tr("Show udpchat")), &QAction::triggered, this,
            &TrayNotifier::showWindow);
    connect(menu->addAction(tr("Quit")), &QAction::triggered, this, &TrayNotifier::quitRequested);
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger)
            showWindow();
    });
    m_tray->show();
}

bool TrayNotifier::closeToTray()
{
    if (!m_tray)
        return false;
    Settings &settings = m_saver.settings();
    Settings::CloseAction action = settings.closeAction();
    if (action == Settings::CloseAction::Ask) {
        // Asked once, and the answer says where to change it.
        QMessageBox box(QMessageBox::Question, tr("Close udpchat"),
                        tr("Keep udpchat running in the tray, so messages are still received, "
                           "or quit?"),
                        QMessageBox::NoButton, m_window);
        box.setTextFormat(Qt::PlainText);
        box.setInformativeText(
                tr("You can change this later in View > Notifications > Closing the Window."));
        QPushButton *keep = box.addButton(tr("Keep Running in the Tray"), QMessageBox::AcceptRole);
        box.addButton(tr("Quit"), QMessageBox::DestructiveRole);
        box.exec();
        action = box.clickedButton() == keep ? Settings::CloseAction::MinimizeToTray
                                             : Settings::CloseAction::Quit;
        settings.setCloseAction(action);
        (action == Settings::CloseAction::Quit ? m_closeQuitAction : m_closeTrayAction)
                ->setChecked(true);
        m_saver.save();
    }
    return action == Settings::CloseAction::MinimizeToTray;
}
