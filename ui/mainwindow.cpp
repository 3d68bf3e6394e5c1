#include "ui/mainwindow.h"

#include "core/config/settings.h"
#include "core/config/settingssaver.h"
#include "core/config/translations.h"
#include "core/ipmsg/ipmsgchat.h"
#include "core/ipmsg/ipmsgsession.h"
#include "core/session/chatsession.h"
#include "ui/chat/chatpage.h"
#include "ui/chat/groupsdialog.h"
#include "ui/chat/receivestatus.h"
#include "ui/common/applicationicon.h"
#include "ui/common/plaintooltip.h"
#include "ui/common/statuscolors.h"
#include "ui/history/historydocks.h"
#include "ui/history/historypanels.h"
#include "ui/ipmsg/addressesdialog.h"
#include "ui/ipmsg/ipmsgpanel.h"
#include "ui/tray/traynotifier.h"
#include "ui_mainwindow.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLayout>
#include <QMessageBox>
#include <QScreen>
#include <QStackedWidget>
#include <QStyle>

namespace {
constexpr int kSettingsErrorShownMs = 15000;
constexpr int kStartupNoticeShownMs = 30000;
} // namespace

QString MainWindow::modeName(Mode mode)
{
    return mode == Mode::IpMsg ? QStringLiteral("ipmsg") : QStringLiteral("plain");
}

MainWindow::Mode MainWindow::modeFromName(const QString &name)
{
    return name == QLatin1String("ipmsg") ? Mode::IpMsg : Mode::Plain;
}

MainWindow::MainWindow(ChatSession &session, IpMsgChat &ipmsg, SettingsSaver &saver,
                       EncodingPolicy &encodings, QWidget *parent)
    : QMainWindow(parent),
      m_ui(std::make_unique<Ui::MainWindow>()),
      m_session(session),
      m_ipmsgChat(ipmsg),
      m_ipmsg(ipmsg.session()),
      m_saver(saver),
      m_settings(saver.settings())
{
    m_ui->setupUi(this);
    setWindowTitle(QCoreApplication::applicationName());
    setWindowIcon(applicationIcon());
    m_chat = new ChatPage(session, saver, encodings, this);
    m_history = new HistoryDocks(session, saver, this, [this] { return m_chat->target(); });
    m_tray = new TrayNotifier(session, saver, this);
    setUpPages();
    setUpMenus();
    setUpStatusBar();
    // The window may be narrower than the docks want: they give way (fitDocks()), the chat does
    // not, so the minimum is the chat's.
    layout()->setSizeConstraint(QLayout::SetNoConstraint);
    setMinimumSize(minimumSizeHint());
    // Room for both panels beside the conversation when no size was saved yet, within the screen.
    if (!restoreGeometry(m_settings.windowGeometry())) {
        const QSize wanted(1180, 620);
        resize(screen() ? wanted.boundedTo(screen()->availableGeometry().size()) : wanted);
    }
    retranslate();
    // Once the window is up: a status message set before show() would not hide the listening
    // label, and both would be drawn on top of each other.
    QMetaObject::invokeMethod(this, &MainWindow::showStartupNotice, Qt::QueuedConnection);
    m_chat->setFocus();
}

MainWindow::~MainWindow() = default;

void MainWindow::setUpPages()
{
    m_ipmsgPanel = new IpMsgPanel(m_ipmsgChat, this);
    m_ipmsgPanel->setDownloadFolder(m_settings.downloadFolder());
    connect(m_ipmsgPanel, &IpMsgPanel::downloadFolderChosen, this, [this](const QString &folder) {
        m_settings.setDownloadFolder(folder);
        m_saver.save();
    });
    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("modeStack"));
    m_pages->addWidget(m_chat);
    m_pages->addWidget(m_ipmsgPanel);
    setCentralWidget(m_pages);
    connect(m_chat, &ChatPage::statusMessage, this, &MainWindow::showStatus);
    connect(m_ipmsgPanel, &IpMsgPanel::identityEdited, this,
            [this](const QString &nickname, const QString &group) {
                IpMsgSession::Identity id = m_ipmsg.identity();
                id.nickname = nickname;
                id.group = group;
                m_ipmsg.setIdentity(id); // an empty nickname becomes the login name
                m_settings.setIpmsgNickname(nickname);
                m_settings.setIpmsgGroup(group);
                m_saver.save();
                if (m_ipmsg.isRunning())
                    m_ipmsg.refresh(); // everyone answers and relists us under the new name
                m_ipmsgPanel->updateStatus();
            });
    // Browsing conversations never changes where messages go; Reply (in their menu) does.
    connect(m_history, &HistoryDocks::replyRequested, m_chat, &ChatPage::replyTo);
    connect(m_history, &HistoryDocks::messageShown, m_chat, &ChatPage::showRow);
    connect(m_history, &HistoryDocks::statusMessage, this, &MainWindow::showStatus);
    connect(m_history, &HistoryDocks::unreadChanged, this, &MainWindow::showUnread);
    connect(m_tray, &TrayNotifier::quitRequested, this, &MainWindow::quitApplication);
    connectConversations();
}

void MainWindow::connectConversations()
{
    // Unread counts and alerts for both pages; a conversation chosen in the panel is shown on
    // its page, the mode following.
    ConversationsPanel *conversations = m_history->conversations();
    connect(m_session.messages(), &MessageListModel::messagesAppended, this,
            [this](const QList<ChatMessage> &messages) {
                m_history->countUnread(messages, m_mode == Mode::Plain, m_session.conversation());
            });
    connect(&m_ipmsgChat, &IpMsgChat::messagesReceived, this,
            [this](const QList<ChatMessage> &messages) {
                m_history->countUnread(messages, m_mode == Mode::IpMsg, m_ipmsgChat.conversation());
                m_tray->notify(messages);
                if (m_mode == Mode::IpMsg && isActiveWindow())
                    m_ipmsgChat.markShownOpened(); // a sealed one in view is opened
            });
    connect(m_ipmsgChat.messages(), &MessageListModel::messagesAppended, conversations,
            &ConversationsPanel::scheduleRefresh);
    connect(conversations, &ConversationsPanel::conversationChosen, this,
            [this](const QString &conversation, ChatMessage::Channel mode) {
                const Mode wanted = mode == ChatMessage::Channel::IpMsg ? Mode::IpMsg : Mode::Plain;
                if (wanted != m_mode)
                    setMode(wanted, true);
                if (wanted == Mode::IpMsg)
                    m_ipmsgPanel->openConversation(conversation);
            });
    connect(m_ipmsgPanel, &IpMsgPanel::conversationShown, this, [this](const QString &shown) {
        m_history->conversations()->setIpMsgShown(m_mode == Mode::IpMsg ? shown : QString());
        if (isActiveWindow())
            markShownAsRead();
    });
    connect(m_history, &HistoryDocks::ipmsgMessageRequested, this, [this](quint64 id) {
        if (m_mode != Mode::IpMsg)
            setMode(Mode::IpMsg, true);
        m_ipmsgPanel->showMessage(id);
    });
}

void MainWindow::markShownAsRead()
{
    if (m_mode == Mode::IpMsg) {
        m_history->markShownAsRead(ChatMessage::Channel::IpMsg, m_ipmsgChat.conversation());
        m_ipmsgChat.markShownOpened();
    } else {
        m_history->markShownAsRead(ChatMessage::Channel::Plain, m_session.conversation());
    }
}

void MainWindow::setUpMenus()
{
    for (QAction *action : m_history->fileActions())
        m_ui->fileMenu->insertAction(m_ui->quitAction, action);
    m_ui->fileMenu->insertSeparator(m_ui->quitAction);
    m_addressesAction = new QAction(this);
    m_addressesAction->setObjectName(QStringLiteral("addressesAction"));
    m_ui->viewMenu->insertAction(m_ui->clearAction, m_addressesAction);
    connect(m_addressesAction, &QAction::triggered, this, &MainWindow::showAddresses);
    m_groupsAction = new QAction(this);
    m_groupsAction->setObjectName(QStringLiteral("groupsAction"));
    m_ui->viewMenu->insertAction(m_ui->clearAction, m_groupsAction);
    connect(m_groupsAction, &QAction::triggered, this, &MainWindow::showGroups);
    setUpLanguageMenu();
    m_ui->viewMenu->addSeparator();
    const QList<QAction *> panels = m_history->panelActions();
    const QList<QKeySequence> panelKeys{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                                        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F)};
    for (int i = 0; i < panels.size() && i < panelKeys.size(); ++i)
        panels.at(i)->setShortcut(panelKeys.at(i));
    m_ui->viewMenu->addActions(panels);
    m_ui->viewMenu->addMenu(m_tray->menu());
    setUpModeActions();
    m_findAction = new QAction(this);
    m_findAction->setObjectName(QStringLiteral("findAction"));
    m_findAction->setShortcut(QKeySequence::Find);
    m_ui->viewMenu->insertAction(m_ui->clearAction, m_findAction);
    connect(m_findAction, &QAction::triggered, m_history, &HistoryDocks::focusSearch);
    connect(m_ui->quitAction, &QAction::triggered, this, &MainWindow::quitApplication);
    connect(m_ui->clearAction, &QAction::triggered, m_session.messages(), &MessageListModel::clear);
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::setUpModeActions()
{
    // Ctrl+1 and Ctrl+2 switch the mode, as the switch in the status bar does.
    m_ui->viewMenu->addSeparator();
    for (const Mode mode : {Mode::Plain, Mode::IpMsg}) {
        auto *action = new QAction(this);
        action->setObjectName(modeName(mode) + QStringLiteral("ModeAction"));
        action->setShortcut(QKeySequence(Qt::CTRL | (mode == Mode::Plain ? Qt::Key_1 : Qt::Key_2)));
        connect(action, &QAction::triggered, this, [this, mode] { setMode(mode, true); });
        m_ui->viewMenu->addAction(action);
        m_modeActions.append(action);
    }
}

void MainWindow::setUpLanguageMenu()
{
    m_languageMenu = new QMenu(this);
    m_languageMenu->setObjectName(QStringLiteral("languageMenu"));
    m_ui->viewMenu->addSeparator();
    m_ui->viewMenu->addMenu(m_languageMenu);
    auto *group = new QActionGroup(this);
    // Language names in their own language, so anyone can find theirs.
    const QList<std::pair<QString, QString>> languages{
            {QString(), QString()},
            {QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("zh_CN"), QStringLiteral("\u7b80\u4f53\u4e2d\u6587")}};
    for (const auto &[code, name] : languages) {
        QAction *action = m_languageMenu->addAction(name);
        action->setObjectName(code.isEmpty() ? QStringLiteral("languageSystemAction")
                                             : QStringLiteral("language_%1_Action").arg(code));
        action->setData(code);
        action->setCheckable(true);
        action->setChecked(code == m_settings.language());
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = code] { setLanguage(code); });
        if (code.isEmpty())
            m_systemLanguageAction = action;
    }
}

void MainWindow::setUpStatusBar()
{
    m_receiveStatus = new ReceiveStatus(m_session, statusBar());
    connect(m_receiveStatus, &ReceiveStatus::anyFreePortRequested, m_chat,
            &ChatPage::listenOnAnyFreePort);
    connect(m_receiveStatus, &ReceiveStatus::addressesRequested, this, &MainWindow::showAddresses);
    // Permanent, so the read-only state stays visible after the startup notice times out.
    m_profileLabel = new QLabel(this);
    m_profileLabel->setObjectName(QStringLiteral("profileStatusLabel"));
    m_profileLabel->setTextFormat(Qt::PlainText);
    setAlarm(m_profileLabel, true);
    m_profileLabel->setToolTip(plainToolTip(m_settings.readOnlyReason()));
    m_profileLabel->setVisible(m_settings.isReadOnly());
    statusBar()->addPermanentWidget(m_profileLabel);
    statusBar()->addPermanentWidget(m_history->statusLabel());
    m_modeLabel = new QLabel(this);
    m_modeLabel->setTextFormat(Qt::PlainText);
    m_modeCombo = new QComboBox(this);
    m_modeCombo->setObjectName(QStringLiteral("modeCombo"));
    m_modeCombo->addItem(QString(), modeName(Mode::Plain));
    m_modeCombo->addItem(QString(), modeName(Mode::IpMsg));
    statusBar()->addPermanentWidget(m_modeLabel);
    statusBar()->addPermanentWidget(m_modeCombo);
    connect(m_modeCombo, &QComboBox::activated, this, [this](int index) {
        setMode(modeFromName(m_modeCombo->itemData(index).toString()), true);
    });
    // A failing save is said once a minute (see SettingsSaver), and no longer once it works.
    connect(&m_saver, &SettingsSaver::problem, this, [this](const QString &sentence) {
        m_shownSettingsError = sentence;
        statusBar()->showMessage(sentence, kSettingsErrorShownMs);
    });
    connect(&m_saver, &SettingsSaver::recovered, this, [this] {
        if (!m_shownSettingsError.isEmpty()
            && statusBar()->currentMessage() == m_shownSettingsError)
            statusBar()->clearMessage();
        m_shownSettingsError.clear();
    });
}

void MainWindow::setMode(Mode mode, bool remember)
{
    m_mode = mode;
    m_pages->setCurrentWidget(mode == Mode::IpMsg ? static_cast<QWidget *>(m_ipmsgPanel) : m_chat);
    m_modeCombo->setCurrentIndex(m_modeCombo->findData(modeName(mode)));
    if (mode == Mode::IpMsg) {
        if (!m_ipmsg.isRunning())
            m_ipmsg.start(m_ipmsgPortOverride.value_or(m_settings.ipmsgPort()));
    } else {
        m_ipmsg.stop();
    }
    m_ipmsgPanel->updateStatus();
    m_history->conversations()->setIpMsgShown(mode == Mode::IpMsg ? m_ipmsgChat.conversation()
                                                                  : QString());
    if (mode == Mode::IpMsg)
        m_ipmsgPanel->focusMessageEdit();
    else
        m_chat->setFocus();
    if (isActiveWindow())
        markShownAsRead();
    if (remember) {
        m_settings.setChatMode(modeName(mode));
        m_saver.save();
    }
}

GroupsDialog *MainWindow::showGroups()
{
    if (!m_groups) {
        m_groups = new GroupsDialog(*m_session.channel(), m_saver, this);
        m_groups->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_groups->show();
    m_groups->raise();
    return m_groups;
}

AddressesDialog *MainWindow::showAddresses()
{
    if (!m_addresses) {
        m_addresses = new AddressesDialog(this);
        m_addresses->setAttribute(Qt::WA_DeleteOnClose);
    }
    const std::optional<Endpoint> target = m_mode == Mode::Plain ? m_chat->target() : std::nullopt;
    m_addresses->setTarget(target ? target->address : QHostAddress());
    m_addresses->show();
    m_addresses->raise();
    return m_addresses;
}

void MainWindow::setLanguage(const QString &language)
{
    m_settings.setLanguage(language);
    m_saver.save();
    // Installing the catalogues sends LanguageChange to every widget: see changeEvent().
    Translations::apply(Translations::resolve(language));
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    } else if (event->type() == QEvent::ActivationChange && isActiveWindow()) {
        markShownAsRead(); // the user sees the conversation now
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    // Everything not in the .ui form: set here, again after each language change.
    m_languageMenu->setTitle(tr("&Language"));
    m_systemLanguageAction->setText(tr("System Default"));
    m_addressesAction->setText(tr("Your &Addresses…"));
    m_groupsAction->setText(tr("Multicast &Groups…"));
    m_profileLabel->setText(tr("Not saving settings"));
    m_modeLabel->setText(tr("Mode:"));
    m_modeCombo->setAccessibleName(tr("Mode"));
    m_findAction->setText(tr("&Find in History\u2026"));
    m_modeActions.at(0)->setText(tr("Plain &UDP Mode"));
    m_modeActions.at(1)->setText(tr("IP &Messenger Mode"));
    m_modeCombo->setItemText(0, tr("Plain UDP"));
    m_modeCombo->setItemText(1, tr("IP Messenger"));
    m_modeCombo->setToolTip(
            tr("Plain UDP: send to an address and port you type. IP Messenger: find people on "
               "the LAN (IP Messenger, iptux, FeiQ) on port %1, with delivery confirmation.")
                    .arg(m_settings.ipmsgPort()));
    m_receiveStatus->refresh();
    m_history->retranslate();
    m_tray->retranslate();
}

QSize MainWindow::minimumSizeHint() const
{
    const QSize chat = m_pages->minimumSizeHint();
    const int chrome =
            QMainWindow::minimumSizeHint().height() - m_pages->minimumSizeHint().height();
    return {chat.width(), qMax(chat.height() + chrome, chat.height())};
}

bool MainWindow::event(QEvent *event)
{
    // The chat's minimum changes with its texts (language, a repeat count shown): the window's
    // follows, as a layout's constraint would.
    if (event->type() == QEvent::LayoutRequest && m_pages)
        setMinimumSize(minimumSizeHint());
    return QMainWindow::event(event);
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    fitDocks();
}

void MainWindow::fitDocks()
{
    // What the chat and the docks shown need, side by side; a dock the user closed stays closed.
    const auto needed = [this] {
        int width = m_pages->minimumSizeHint().width();
        for (const QDockWidget *dock : m_history->docks()) {
            if (!dock->isHidden() && !dock->isFloating())
                width +=
                        dock->minimumSizeHint().width()
                        + style()->pixelMetric(QStyle::PM_DockWidgetSeparatorExtent, nullptr, this);
        }
        return width;
    };
    for (QDockWidget *dock : m_history->docks()) {
        if (needed() <= width())
            break;
        if (!dock->isHidden() && !dock->isFloating()) {
            dock->hide();
            m_autoHiddenDocks.append(dock);
        }
    }
    // The docks shown take at most a fifth of the window each, so the chat keeps the most.
    QList<QDockWidget *> shown;
    QList<int> widths;
    for (QDockWidget *dock : m_history->docks()) {
        if (!dock->isHidden() && !dock->isFloating()) {
            shown.append(dock);
            widths.append(qMax(dock->minimumSizeHint().width(), qMin(dock->width(), width() / 5)));
        }
    }
    if (!shown.isEmpty())
        resizeDocks(shown, widths, Qt::Horizontal);
    while (!m_autoHiddenDocks.isEmpty()) {
        QDockWidget *dock = m_autoHiddenDocks.last();
        const int extra =
                dock->minimumSizeHint().width()
                + style()->pixelMetric(QStyle::PM_DockWidgetSeparatorExtent, nullptr, this);
        if (needed() + extra > width())
            break;
        m_autoHiddenDocks.removeLast();
        dock->show();
    }
}

void MainWindow::showStatus(const QString &sentence, int timeoutMs)
{
    statusBar()->showMessage(sentence, timeoutMs);
}

void MainWindow::showStartupNotice()
{
    // One non-modal notice for everything found while loading.
    QStringList sentences;
    if (!m_settings.loadProblem().isEmpty())
        sentences.append(m_settings.loadProblem());
    if (!m_settings.draftNotice().isEmpty())
        sentences.append(m_settings.draftNotice());
    if (m_settings.isReadOnly())
        sentences.append(m_settings.readOnlyReason());
    if (!sentences.isEmpty())
        statusBar()->showMessage(sentences.join(u' '), kStartupNoticeShownMs);
}

void MainWindow::showUnread(int total)
{
    setWindowTitle(total > 0 ? tr("(%1) %2").arg(total).arg(QCoreApplication::applicationName())
                             : QCoreApplication::applicationName());
    m_tray->setUnread(total);
}

void MainWindow::showAbout()
{
    // A QMessageBox built by hand so its text format can be forced to plain text.
    QMessageBox box(QMessageBox::Information, tr("About udpchat"),
                    tr("udpchat %1").arg(QCoreApplication::applicationVersion()), QMessageBox::Ok,
                    this);
    box.setTextFormat(Qt::PlainText);
    box.setIconPixmap(applicationIcon().pixmap(64, 64));
    box.setInformativeText(
            tr("Chat over plain UDP with any program on your local network: every line is one "
               "datagram, exactly the bytes of the text.\n\nBuilt with Qt %1 (running on %2).")
                    .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())));
    box.exec();
}

void MainWindow::quitApplication()
{
    m_quitting = true;
    close();
    if (m_tray->icon())
        QCoreApplication::quit();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_quitting && m_tray->closeToTray()) {
        // Still running in the tray; the draft was saved as it was typed.
        m_chat->saveDraft();
        hide();
        event->ignore();
        return;
    }
    m_settings.setWindowGeometry(saveGeometry());
    m_chat->storeBeforeClose();
    m_saver.save();
    event->accept();
}
