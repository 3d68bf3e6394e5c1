#include "senderrates.h"

#include <algorithm>

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
    std::sort(rates.begin(), rates.end(), [](const Rate &a, const Rate &b) {
        if (a.perSecond != b.perSecond)
            return a.perSecond > b.perSecond;
        return a.sender.toString() < b.sender.toString(); // a stable order for equal rates
    });
    if (limit >= 0 && rates.size() > limit)
        rates.resize(limit);
    return rates;
}
