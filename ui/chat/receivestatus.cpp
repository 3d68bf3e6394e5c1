#include "ui/chat/receivestatus.h"

#include "core/net/localaddresses.h"
#include "core/net/udpstats.h"
#include "core/session/chatsession.h"
#include "ui/common/plaintooltip.h"
#include "ui/common/statuscolors.h"

#include <QLabel>
#include <QStatusBar>
#include <QToolButton>

namespace {
constexpr int kCountersIntervalMs = 1000;
// From this many datagrams a second, the busiest sender is named in the status bar.
constexpr double kBusySenderRate = 10;
constexpr int kRateTooltipSenders = 5;
// At most one network error message per this interval; the rest are counted.
constexpr qint64 kNetworkErrorIntervalMs = 5000;
constexpr int kNetworkErrorShownMs = 10000;

QLabel *plainLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    return label;
}
} // namespace

ReceiveStatus::ReceiveStatus(ChatSession &session, QStatusBar *bar)
    : QObject(bar),
      m_session(session),
      m_bar(bar),
      m_listenLabel(plainLabel(QStringLiteral("listenStatusLabel"), bar)),
      m_freePortButton(new QToolButton(bar)),
      m_countersLabel(plainLabel(QStringLiteral("countersLabel"), bar)),
      m_ownAddressButton(new QToolButton(bar)),
      m_networkErrors(kNetworkErrorIntervalMs)
{
    m_freePortButton->setObjectName(QStringLiteral("freePortButton"));
    m_freePortButton->setAutoRaise(true);
    m_countersLabel->hide();
    m_ownAddressButton->setObjectName(QStringLiteral("ownAddressButton"));
    m_ownAddressButton->setAutoRaise(true);
    connect(m_ownAddressButton, &QToolButton::clicked, this, &ReceiveStatus::addressesRequested);
    bar->addWidget(m_listenLabel, 1);
    bar->addWidget(m_ownAddressButton);
    bar->addPermanentWidget(m_freePortButton);
    bar->addPermanentWidget(m_countersLabel);
    connect(m_freePortButton, &QToolButton::clicked, this, &ReceiveStatus::anyFreePortRequested);
    connect(m_session.channel(), &UdpChannel::listeningChanged, this,
            &ReceiveStatus::updateListeningState);
    connect(m_session.channel(), &UdpChannel::groupsChanged, this,
            &ReceiveStatus::updateListeningState);
    connect(m_session.channel(), &UdpChannel::socketError, this, &ReceiveStatus::showNetworkError);
    m_networkSummaryTimer.setSingleShot(true);
    connect(&m_networkSummaryTimer, &QTimer::timeout, this,
            &ReceiveStatus::showHeldBackNetworkErrors);
    m_countersTimer.setInterval(kCountersIntervalMs);
    connect(&m_countersTimer, &QTimer::timeout, this, &ReceiveStatus::updateCounters);
    m_countersTimer.start();
    if (HistoryStore *history = m_session.history())
        connect(history, &HistoryStore::pruned, this, &ReceiveStatus::updateCounters);
}

void ReceiveStatus::refresh()
{
    m_freePortButton->setText(tr("Use a free port"));
    m_ownAddress.clear(); // the texts are set again
    updateListeningState();
    updateCounters();
}

void ReceiveStatus::updateListeningState()
{
    const UdpChannel *channel = m_session.channel();
    const bool listening = channel->isListening();
    if (listening) {
        QString text = tr("Listening on UDP port %1 (IPv4 and IPv6)").arg(channel->localPort());
        // And the groups, where they are joined.
        QStringList groups;
        for (const UdpChannel::GroupMembership &m : channel->groups()) {
            if (!m.joinedOn.isEmpty())
                groups << m.group.address.toString();
        }
        if (!groups.isEmpty())
            text = tr("%1 and groups %2").arg(text, groups.join(QStringLiteral(", ")));
        m_listenLabel->setText(text);
    } else if (!channel->bindError().isEmpty()) {
        m_listenLabel->setText(tr("Not listening: %1").arg(channel->bindError()));
    } else {
        m_listenLabel->setText(tr("Not listening"));
    }
    setAlarm(m_listenLabel, !listening);
    m_freePortButton->setVisible(!listening);
    updateOwnAddress();
}

void ReceiveStatus::updateOwnAddress()
{
    // The address a peer on the LAN sends to: the first of a LAN interface, IPv4 first; the
    // loopback address when there is no network. Interfaces come and go: read every second.
    QHostAddress best;
    for (const LocalAddress &a : localAddresses()) {
        const QHostAddress address = normalizedAddress(a.address);
        if (address.isLoopback() || address.isLinkLocal())
            continue;
        if (best.isNull()
            || (best.protocol() != QAbstractSocket::IPv4Protocol
                && address.protocol() == QAbstractSocket::IPv4Protocol))
            best = address;
    }
    const QString shown = best.isNull() ? QStringLiteral("127.0.0.1") : displayAddress(best);
    const bool listening = m_session.channel()->isListening();
    m_ownAddressButton->setVisible(listening);
    if (shown == m_ownAddress)
        return;
    m_ownAddress = shown;
    m_ownAddressButton->setText(best.isNull() ? tr("This computer: %1 (no network)").arg(shown)
                                              : tr("This computer: %1").arg(shown));
    m_ownAddressButton->setToolTip(
            tr("Peers send to this address and the port udpchat listens on. Click to see every "
               "address of this computer."));
}

void ReceiveStatus::updateCounters()
{
    updateOwnAddress();
    const UdpChannel *channel = m_session.channel();
    const quint64 received = channel->receivedCount();
    // Every second, so each rate covers one second.
    const QList<SenderRates::Rate> rates = m_session.senderRates()->take(kRateTooltipSenders);
    const HistoryStore *history = m_session.history();
    if (received == 0 && !(history && history->prunedCount() > 0)) {
        m_countersLabel->hide();
        return;
    }
    const QLocale locale;
    QStringList parts{tr("%1 received").arg(locale.toString(received))};
    // The busiest sender while datagrams come faster than anyone types: where a flood is from.
    QStringList busiest;
    for (const SenderRates::Rate &rate : rates) {
        busiest << tr("%1: %2/s")
                           .arg(rate.sender.toString(), locale.toString(qRound64(rate.perSecond)));
    }
    // One host through many ports (each below the threshold, or one port among many): the
    // address is named, with how many ports it used.
    const QList<SenderRates::Rate> &hosts = m_session.senderRates()->byAddress();
    const bool busyHost = !hosts.isEmpty() && hosts.constFirst().ports > 1
                          && hosts.constFirst().perSecond >= kBusySenderRate
                          && (rates.isEmpty()
                              || hosts.constFirst().perSecond >= 2 * rates.constFirst().perSecond);
    if (busyHost) {
        //: %1 datagrams per second from the address %2, sent from %3 different ports
        parts << tr("%1/s from %2 (%3 ports)")
                         .arg(locale.toString(qRound64(hosts.constFirst().perSecond)),
                              displayAddress(hosts.constFirst().sender.address),
                              locale.toString(hosts.constFirst().ports));
    } else if (!rates.isEmpty() && rates.constFirst().perSecond >= kBusySenderRate) {
        parts << tr("%1/s from %2")
                         .arg(locale.toString(qRound64(rates.constFirst().perSecond)),
                              rates.constFirst().sender.toString());
    }
    m_countersLabel->setToolTip(plainToolTip(
            busiest.isEmpty()
                    ? QString()
                    : tr("Datagrams per second in the last second:\n%1").arg(busiest.join(u'\n'))));
    if (const quint64 scrolledOut = m_session.messages()->evictedCount(); scrolledOut > 0)
        parts << tr("%1 scrolled out").arg(locale.toString(scrolledOut));
    if (history) {
        // Never silent: what the caps removed from the history, and what a flood kept out.
        if (history->prunedCount() > 0)
            parts << tr("%1 pruned from history").arg(locale.toString(history->prunedCount()));
        if (history->unsavedCount() > 0)
            parts << tr("%1 not saved to history").arg(locale.toString(history->unsavedCount()));
    }
    // The kernel's count for our socket: datagrams that came while the receive buffer was full.
    if (const auto drops =
                channel->isListening() ? UdpStats::kernelDrops(channel->localPort()) : std::nullopt;
        drops && *drops > 0) {
        parts << tr("%1 dropped by the system").arg(locale.toString(*drops));
    }
    m_countersLabel->setText(parts.join(QStringLiteral(" \u00b7 ")));
    m_countersLabel->show();
}

void ReceiveStatus::showNetworkError(const QString &message)
{
    if (const auto text = m_networkErrors.submit(message)) {
        m_bar->showMessage(tr("Network error: %1").arg(*text), kNetworkErrorShownMs);
    } else if (!m_networkSummaryTimer.isActive()) {
        // Held back: say how many once the interval is over, even if no further error comes.
        m_networkSummaryTimer.start(int(m_networkErrors.msUntilSummary()));
    }
}

void ReceiveStatus::showHeldBackNetworkErrors()
{
    if (const auto text = m_networkErrors.takeSummary())
        m_bar->showMessage(tr("Network error: %1").arg(*text), kNetworkErrorShownMs);
    else if (m_networkErrors.heldBack() > 0)
        m_networkSummaryTimer.start(int(m_networkErrors.msUntilSummary()));
}
