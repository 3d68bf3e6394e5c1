#include "ui/chat/groupsdialog.h"

#include "core/config/settings.h"
#include "core/config/settingssaver.h"
#include "core/net/multicastgroups.h"
#include "core/net/udpchannel.h"
#include "ui/common/plaintooltip.h"
#include "ui/common/statuscolors.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QNetworkInterface>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>

namespace {
enum Column { Group, Where, Received, Columns };
constexpr int kCountsIntervalMs = 250;
constexpr int kGroupRole = Qt::UserRole + 1;

QLabel *wrappingLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}
} // namespace

GroupsDialog::GroupsDialog(UdpChannel &channel, SettingsSaver &saver, QWidget *parent)
    : QDialog(parent),
      m_channel(channel),
      m_saver(saver),
      m_intro(wrappingLabel(this)),
      m_field(new QLineEdit(this)),
      m_join(new QPushButton(this)),
      m_leave(new QPushButton(this)),
      m_error(wrappingLabel(this)),
      m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("groupsDialog"));
    m_field->setObjectName(QStringLiteral("groupEdit"));
    m_join->setObjectName(QStringLiteral("joinGroupButton"));
    m_leave->setObjectName(QStringLiteral("leaveGroupButton"));
    m_error->setObjectName(QStringLiteral("groupErrorLabel"));
    m_list->setObjectName(QStringLiteral("groupsList"));
    setAlarm(m_error, true);
    m_error->hide();
    m_list->setColumnCount(Columns);
    m_list->setRootIsDecorated(false);
    m_list->header()->setSectionResizeMode(Group, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(Received, QHeaderView::ResizeToContents);
    auto *row = new QHBoxLayout;
    row->addWidget(m_field, 1);
    row->addWidget(m_join);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_leave, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(row);
    layout->addWidget(m_error);
    layout->addWidget(m_list, 1);
    setUpSending(layout);
    layout->addWidget(buttons);
    connect(m_field, &QLineEdit::returnPressed, this, &GroupsDialog::join);
    connect(m_join, &QPushButton::clicked, this, &GroupsDialog::join);
    connect(m_leave, &QPushButton::clicked, this, &GroupsDialog::leaveSelected);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(&m_channel, &UdpChannel::groupsChanged, this, &GroupsDialog::refresh);
    m_countsTimer.setSingleShot(true);
    m_countsTimer.setInterval(kCountsIntervalMs);
    connect(&m_countsTimer, &QTimer::timeout, this, &GroupsDialog::updateCounts);
    connect(&m_channel, &UdpChannel::groupTrafficReceived, &m_countsTimer,
            qOverload<>(&QTimer::start));
    connect(m_list, &QTreeWidget::itemSelectionChanged, this,
            [this] { m_leave->setEnabled(!m_list->selectedItems().isEmpty()); });
    resize(560, 340);
    retranslate();
}

void GroupsDialog::setUpSending(QVBoxLayout *layout)
{
    m_sendingLabel = new QLabel(this);
    m_ttlLabel = new QLabel(this);
    m_ttl = new QSpinBox(this);
    m_ttl->setObjectName(QStringLiteral("multicastTtlSpin"));
    m_ttl->setRange(0, 255);
    m_ttl->setValue(m_channel.multicastTtl());
    m_ttlLabel->setBuddy(m_ttl);
    m_loopback = new QCheckBox(this);
    m_loopback->setObjectName(QStringLiteral("multicastLoopbackCheck"));
    m_loopback->setChecked(m_channel.multicastLoopback());
    m_interfaceLabel = new QLabel(this);
    m_interface = new QComboBox(this);
    m_interface->setObjectName(QStringLiteral("multicastInterfaceCombo"));
    m_interfaceLabel->setBuddy(m_interface);
    fillInterfaces();
    auto *row = new QHBoxLayout;
    row->addWidget(m_sendingLabel);
    row->addWidget(m_ttlLabel);
    row->addWidget(m_ttl);
    row->addWidget(m_interfaceLabel);
    row->addWidget(m_interface, 1);
    layout->addLayout(row);
    layout->addWidget(m_loopback);
    connect(m_ttl, &QSpinBox::valueChanged, this, &GroupsDialog::applySending);
    connect(m_loopback, &QCheckBox::toggled, this, &GroupsDialog::applySending);
    connect(m_interface, &QComboBox::activated, this, &GroupsDialog::applySending);
}

void GroupsDialog::fillInterfaces()
{
    // Automatic, then the interfaces that can do multicast (and the one chosen, if it is gone).
    const QString chosen = m_channel.multicastInterface();
    m_interface->clear();
    m_interface->addItem(QString(), QString());
    for (const QNetworkInterface &i : QNetworkInterface::allInterfaces()) {
        if (i.flags().testFlag(QNetworkInterface::CanMulticast)
            && !i.flags().testFlag(QNetworkInterface::IsLoopBack))
            m_interface->addItem(i.name(), i.name());
    }
    if (!chosen.isEmpty() && m_interface->findData(chosen) < 0)
        m_interface->addItem(chosen, chosen);
    m_interface->setCurrentIndex(qMax(0, m_interface->findData(chosen)));
}

void GroupsDialog::applySending()
{
    Settings &settings = m_saver.settings();
    m_channel.setMulticastTtl(m_ttl->value());
    m_channel.setMulticastLoopback(m_loopback->isChecked());
    m_channel.setMulticastInterface(m_interface->currentData().toString());
    settings.setMulticastTtl(m_ttl->value());
    settings.setMulticastLoopback(m_loopback->isChecked());
    settings.setMulticastInterface(m_interface->currentData().toString());
    m_saver.save();
}

bool GroupsDialog::join()
{
    const Multicast::GroupResult parsed = Multicast::parseGroup(m_field->text().trimmed());
    QString error = parsed.error;
    if (parsed.ok())
        error = m_channel.joinGroup(parsed.group);
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    if (!parsed.ok())
        return false;
    // Kept even when the system refused it now (no interface yet): the list says why.
    remember(parsed.group, true);
    m_field->clear();
    return error.isEmpty();
}

void GroupsDialog::leaveSelected()
{
    const auto items = m_list->selectedItems();
    if (items.isEmpty())
        return;
    const Multicast::GroupResult parsed =
            Multicast::parseGroup(items.first()->data(Group, kGroupRole).toString());
    if (parsed.ok() && m_channel.leaveGroup(parsed.group))
        remember(parsed.group, false);
}

void GroupsDialog::remember(const MulticastGroup &group, bool joined)
{
    // Only what is joined or left here: a group from --join is for this run and stays unsaved.
    QStringList kept;
    for (const QString &text : m_saver.settings().groups()) {
        const Multicast::GroupResult saved = Multicast::parseGroup(text);
        if (saved.ok() && saved.group != group)
            kept << text;
    }
    if (joined)
        kept << group.toString();
    m_saver.settings().setGroups(kept);
    m_saver.save();
}

void GroupsDialog::refresh()
{
    m_list->clear();
    for (const UdpChannel::GroupMembership &m : m_channel.groups()) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(Group, m.group.address.toString());
        item->setData(Group, kGroupRole, m.group.toString());
        const QString where = m.joinedOn.isEmpty()
                                      ? tr("not joined: %1").arg(m.error)
                                      : tr("on %1").arg(m.joinedOn.join(QStringLiteral(", ")));
        item->setText(Where, where);
        item->setToolTip(Where, plainToolTip(m.error.isEmpty() ? where : m.error));
        item->setTextAlignment(Received, Qt::AlignRight | Qt::AlignVCenter);
    }
    updateCounts();
    m_leave->setEnabled(!m_list->selectedItems().isEmpty());
}

void GroupsDialog::updateCounts()
{
    // Counted in the core per group address, from each datagram's destination.
    const QLocale locale;
    const QList<UdpChannel::GroupMembership> groups = m_channel.groups();
    for (int i = 0; i < m_list->topLevelItemCount() && i < groups.size(); ++i) {
        m_list->topLevelItem(i)->setText(Received, locale.toString(m_channel.groupReceivedCount(
                                                           groups.at(i).group.address)));
    }
}

void GroupsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void GroupsDialog::retranslate()
{
    m_sendingLabel->setText(tr("Sending to a group:"));
    m_ttlLabel->setText(tr("&TTL / hops:"));
    m_ttl->setToolTip(tr("How many routers a datagram to a group may cross; 1 keeps it in this "
                         "network, 0 on this computer."));
    m_interfaceLabel->setText(tr("&Interface:"));
    m_interface->setItemText(0, tr("Automatic"));
    m_interface->setToolTip(tr("Where datagrams to a group go out. Automatic: the only LAN "
                               "interface, or the one the system routes to."));
    m_loopback->setText(tr("&Hear my own sends to a group"));
    setWindowTitle(tr("Multicast Groups"));
    m_intro->setText(tr("Datagrams sent to a group you join arrive in the message list like any "
                        "other. A group is joined on every interface that can do multicast, or "
                        "on one: 239.255.77.1%eth0. The groups are joined again at the next "
                        "start."));
    m_field->setPlaceholderText(tr("Group, e.g. 239.255.77.1 or ff12::2115"));
    m_field->setAccessibleName(tr("Group to join"));
    m_join->setText(tr("&Join"));
    m_leave->setText(tr("&Leave"));
    m_list->setHeaderLabels({tr("Group"), tr("Where"),
                             //: Column: how many messages arrived through the group
                             tr("Messages")});
    m_list->setAccessibleName(tr("Joined groups"));
    refresh();
}
