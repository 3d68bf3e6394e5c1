#include "ui/ipmsg/ipmsgmode.h"

#include "core/config/settings.h"
#include "core/ipmsg/ipmsgsession.h"
#include "core/net/endpoint.h"
#include "core/net/localaddresses.h"
#include "ui/ipmsg/addressesdialog.h"
#include "ui/ipmsg/ipmsgpanel.h"

#include <QAction>
#include <QBoxLayout>
#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>

IpMsgMode::IpMsgMode(QMainWindow &window, IpMsgSession &session, Settings &settings)
    : QObject(&window), m_window(window), m_session(session), m_settings(settings)
{
    // The window's page and ours share the central area; its widgets stay where they are.
    m_plainFocus = m_window.focusWidget(); // reparenting below takes the focus away
    QWidget *plainPage = m_window.takeCentralWidget();
    m_stack = new QStackedWidget(&m_window);
    m_stack->setObjectName(QStringLiteral("modeStack"));
    if (plainPage)
        m_stack->addWidget(plainPage);
    m_panel = new IpMsgPanel(m_session, m_stack);
    connect(m_panel, &IpMsgPanel::identityEdited, this,
            [this](const QString &nickname, const QString &group) {
                IpMsgSession::Identity id = m_session.identity();
                id.nickname = nickname;
                id.group = group;
                m_session.setIdentity(id); // an empty nickname becomes the login name
                m_settings.setIpmsgNickname(nickname);
                m_settings.setIpmsgGroup(group);
                m_settings.save();
                if (m_session.isRunning())
                    m_session.refresh(); // everyone answers and relists us under the new name
                m_panel->updateStatus();
            });
    m_stack->addWidget(m_panel);
    m_window.setCentralWidget(m_stack);

    m_modeLabel = new QLabel(&m_window);
    m_modeLabel->setTextFormat(Qt::PlainText);
    m_modeCombo = new QComboBox(&m_window);
    m_modeCombo->setObjectName(QStringLiteral("modeCombo"));
    m_modeCombo->addItem(QString(), modeName(Mode::Plain));
    m_modeCombo->addItem(QString(), modeName(Mode::IpMsg));
    m_window.statusBar()->addPermanentWidget(m_modeLabel);
    m_window.statusBar()->addPermanentWidget(m_modeCombo);
    connect(m_modeCombo, &QComboBox::activated, this, [this](int index) {
        setMode(modeFromName(m_modeCombo->itemData(index).toString()), true);
    });

    if (auto *viewMenu = m_window.findChild<QMenu *>(QStringLiteral("viewMenu"))) {
        m_addressesAction = new QAction(&m_window);
        m_addressesAction->setObjectName(QStringLiteral("addressesAction"));
        connect(m_addressesAction, &QAction::triggered, this, &IpMsgMode::showAddresses);
        const auto actions = viewMenu->actions();
        viewMenu->insertAction(actions.isEmpty() ? nullptr : actions.first(), m_addressesAction);
    }

    // Broadcast is a choice the user makes here, never a default.
    m_targetEdit = m_window.findChild<QLineEdit *>(QStringLiteral("targetAddressEdit"));
    if (m_targetEdit && m_targetEdit->parentWidget()) {
        // A push button draws its menu arrow beside the text (a tool button drew it over it).
        m_broadcastButton = new QPushButton(m_targetEdit->parentWidget());
        m_broadcastButton->setObjectName(QStringLiteral("broadcastButton"));
        auto *menu = new QMenu(m_broadcastButton);
        menu->setObjectName(QStringLiteral("broadcastMenu"));
        m_broadcastButton->setMenu(menu);
        connect(menu, &QMenu::aboutToShow, this, &IpMsgMode::fillBroadcastMenu);
        const auto layouts = m_targetEdit->parentWidget()->findChildren<QBoxLayout *>();
        for (QBoxLayout *layout : layouts) {
            const int at = layout->indexOf(m_targetEdit);
            if (at >= 0) {
                layout->insertWidget(at + 1, m_broadcastButton);
                break;
            }
        }
    }

    m_window.installEventFilter(this);
    retranslate();
}

IpMsgMode::~IpMsgMode() = default;

QString IpMsgMode::modeName(Mode mode)
{
    return mode == Mode::IpMsg ? QStringLiteral("ipmsg") : QStringLiteral("plain");
}

IpMsgMode::Mode IpMsgMode::modeFromName(const QString &name)
{
    return name == QLatin1String("ipmsg") ? Mode::IpMsg : Mode::Plain;
}

void IpMsgMode::setMode(Mode mode, bool remember)
{
    m_mode = mode;
    m_stack->setCurrentIndex(mode == Mode::IpMsg ? m_stack->indexOf(m_panel) : 0);
    m_modeCombo->setCurrentIndex(m_modeCombo->findData(modeName(mode)));
    if (m_broadcastButton)
        m_broadcastButton->setVisible(mode == Mode::Plain);
    if (mode == Mode::IpMsg) {
        if (!m_session.isRunning())
            m_session.start(m_portOverride.value_or(m_settings.ipmsgPort()));
    } else {
        m_session.stop();
    }
    m_panel->updateStatus();
    if (mode == Mode::IpMsg)
        m_panel->focusMessageEdit();
    else if (m_plainFocus)
        m_plainFocus->setFocus();
    if (remember) {
        m_settings.setChatMode(modeName(mode));
        m_settings.save();
    }
}

AddressesDialog *IpMsgMode::showAddresses()
{
    if (!m_addresses) {
        m_addresses = new AddressesDialog(&m_window);
        m_addresses->setAttribute(Qt::WA_DeleteOnClose);
    }
    QHostAddress target;
    if (m_mode == Mode::Plain && m_targetEdit) {
        const auto parsed = EndpointParser::parseAddress(m_targetEdit->text());
        if (parsed.ok())
            target = parsed.address;
    }
    m_addresses->setTarget(target);
    m_addresses->show();
    m_addresses->raise();
    return m_addresses;
}

void IpMsgMode::fillBroadcastMenu()
{
    QMenu *menu = m_broadcastButton->menu();
    menu->clear();
    for (const LocalAddress &a : broadcastCapableAddresses()) {
        const QString address = a.broadcast.toString();
        QAction *action =
                menu->addAction(tr("Everyone on %1's subnet (%2)").arg(a.interfaceName, address));
        connect(action, &QAction::triggered, this,
                [this, address] { m_targetEdit->setText(address); });
    }
    QAction *all = menu->addAction(tr("Everyone on the local network (255.255.255.255)"));
    connect(all, &QAction::triggered, this,
            [this] { m_targetEdit->setText(QStringLiteral("255.255.255.255")); });
}

bool IpMsgMode::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == &m_window && event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::eventFilter(watched, event);
}

void IpMsgMode::retranslate()
{
    m_modeLabel->setText(tr("Mode:"));
    m_modeCombo->setItemText(0, tr("Plain UDP"));
    m_modeCombo->setItemText(1, tr("IP Messenger"));
    m_modeCombo->setToolTip(
            tr("Plain UDP: send to an address and port you type. IP Messenger: find people on "
               "the LAN (IP Messenger, iptux, FeiQ) on port %1, with delivery confirmation.")
                    .arg(m_settings.ipmsgPort()));
    if (m_addressesAction)
        m_addressesAction->setText(tr("Your &Addresses…"));
    if (m_broadcastButton) {
        m_broadcastButton->setText(tr("Broadcast"));
        m_broadcastButton->setToolTip(
                tr("Send to everyone on a network: choose a broadcast address as the target. "
                   "Routers do not forward broadcasts, and some Wi-Fi networks drop them."));
    }
}
