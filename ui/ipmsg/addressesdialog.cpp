#include "ui/ipmsg/addressesdialog.h"

#include "core/net/endpoint.h"
#include "core/net/localaddresses.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QEvent>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {
enum Column { Interface, Address, Copy, Columns };
}

AddressesDialog::AddressesDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("addressesDialog"));
    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setTextFormat(Qt::PlainText);
    m_intro->setWordWrap(true);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("addressesList"));
    m_list->setColumnCount(Columns);
    m_list->setRootIsDecorated(false);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(Interface, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(Address, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(Copy, QHeaderView::ResizeToContents);
    m_peerSees = new QLabel(this);
    m_peerSees->setObjectName(QStringLiteral("peerSeesLabel"));
    m_peerSees->setTextFormat(Qt::PlainText);
    m_peerSees->setWordWrap(true);
    m_peerSees->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_peerSees);
    layout->addWidget(buttons);
    resize(560, 360);
    refresh();
    retranslate();
}

void AddressesDialog::setTarget(const QHostAddress &target)
{
    m_target = target;
    retranslate();
}

void AddressesDialog::refresh()
{
    m_list->clear(); // deletes the item widgets too
    m_copyButtons.clear();
    for (const LocalAddress &a : localAddresses()) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(Interface, a.interfaceName);
        const QString text = displayAddress(a.address);
        item->setText(Address, text);
        auto *copy = new QPushButton(m_list);
        copy->setObjectName(QStringLiteral("copyAddressButton"));
        copy->setProperty("address", text);
        connect(copy, &QPushButton::clicked, this,
                [text] { QGuiApplication::clipboard()->setText(text); });
        m_list->setItemWidget(item, Copy, copy);
        m_copyButtons.append(copy);
    }
    retranslate();
}

void AddressesDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void AddressesDialog::retranslate()
{
    setWindowTitle(tr("Your Addresses"));
    m_intro->setText(tr("The other computer sends to one of these addresses (and to the port "
                        "udpchat listens on). Use the one on the same network as the other "
                        "computer; loopback addresses only reach this computer."));
    m_list->setHeaderLabels({tr("Interface"), tr("Address"), QString()});
    for (QPushButton *copy : std::as_const(m_copyButtons))
        copy->setText(tr("Copy"));
    const QHostAddress target = normalizedAddress(m_target);
    if (target.isNull()) {
        m_peerSees->setText(tr("Enter a target address to see which of these it will see."));
        return;
    }
    const QHostAddress source = sourceAddressFor(target);
    m_peerSees->setText(
            source.isNull() ? tr("This computer has no route to %1.").arg(displayAddress(target))
                            : tr("%1 sees this computer as %2 (the address of the route to it).")
                                      .arg(displayAddress(target), displayAddress(source)));
}
