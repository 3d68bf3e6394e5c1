#include "core/net/senderrates.h"

#include <algorithm>
#include <cstring>

void SenderRates::count(const QHostAddress &address, quint16 port, qint64 datagrams)
{
    if (m_runCount > 0 && port == m_run.port && address == m_run.address) {
        m_runCount += datagrams;
        return;
    }
    if (m_runCount > 0)
        m_counts[m_run] += m_runCount;
    m_run = Key{address, port};
    m_runCount = datagrams;
}

QList<SenderRates::Rate> SenderRates::take(int limit, qint64 elapsedMs)
{
    if (m_runCount > 0)
        m_counts[m_run] += m_runCount;
    m_runCount = 0;
    const qint64 measured = m_clock.restart();
    const double seconds = double(elapsedMs >= 0 ? elapsedMs : measured) / 1000.0;
    QList<Rate> rates;
    rates.reserve(m_counts.size());
    for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it) {
        rates.append({Endpoint{it.key().address, it.key().port},
                      seconds > 0 ? double(it.value()) / seconds : double(it.value())});
    }
    m_counts.clear();
    QHash<QHostAddress, Rate> addresses;
    addresses.reserve(rates.size());
    for (const Rate &rate : std::as_const(rates)) {
        auto it = addresses.find(rate.sender.address);
        if (it == addresses.end()) {
            addresses.insert(rate.sender.address,
                             {Endpoint{rate.sender.address, 0}, rate.perSecond, 1});
        } else {
            it->perSecond += rate.perSecond;
            ++it->ports;
        }
    }
    // Highest rate first; equal rates in address and port order, compared as numbers (a spoofed
    // flood can bring thousands of senders: nothing here formats an address).
    const auto busier = [](const Rate &a, const Rate &b) {
        if (a.perSecond != b.perSecond)
            return a.perSecond > b.perSecond;
        const Q_IPV6ADDR x = a.sender.address.toIPv6Address();
        const Q_IPV6ADDR y = b.sender.address.toIPv6Address();
        if (const int order = std::memcmp(x.c, y.c, sizeof x.c); order != 0)
            return order < 0;
        return a.sender.port < b.sender.port;
    };
    const qsizetype kept = limit >= 0 ? std::min<qsizetype>(limit, rates.size()) : rates.size();
    std::partial_sort(rates.begin(), rates.begin() + kept, rates.end(), busier);
    rates.resize(kept);
    m_byAddress = addresses.values();
    const qsizetype keptAddresses =
            limit >= 0 ? std::min<qsizetype>(limit, m_byAddress.size()) : m_byAddress.size();
    std::partial_sort(m_byAddress.begin(), m_byAddress.begin() + keptAddresses, m_byAddress.end(),
                      busier);
    m_byAddress.resize(keptAddresses);
    return rates;
}
