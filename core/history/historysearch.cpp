#include "core/history/historysearch.h"

#include <algorithm>

HistorySearch::HistorySearch(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &HistorySearch::step);
}

void HistorySearch::start(HistoryStore *store, const HistoryStore::Filter &filter)
{
    m_timer.stop();
    m_store = store;
    m_filter = filter;
    m_results.clear();
    if (!store || !store->isOpen()) {
        Q_EMIT finished(false);
        return;
    }
    // No flush: the store searches what is queued as well as what is written.
    m_high = store->lastId();
    m_low = store->firstId();
    m_timer.start();
}

void HistorySearch::cancel()
{
    m_timer.stop();
}

void HistorySearch::step()
{
    if (!m_store || m_high == 0 || m_high < m_low) {
        m_timer.stop();
        Q_EMIT finished(false);
        return;
    }
    quint64 low = m_high - std::min(m_high - m_low, m_sliceIds - 1);
    if (HistoryStore::searchUsesIndex(m_filter)) {
        // The full-text index answers for everything it covers at once (newest first, as many
        // as wanted); the newer messages it does not cover yet are looked at slice by slice.
        const quint64 indexed = m_store->indexedId();
        low = m_high <= indexed ? m_low : std::max(low, indexed + 1);
    }
    const int wanted = MaxResults - static_cast<int>(m_results.size());
    QList<ChatMessage> slice = m_store->slice(m_filter, low, m_high, wanted);
    std::reverse(slice.begin(), slice.end());
    m_high = low > 0 ? low - 1 : 0;
    if (!slice.isEmpty()) {
        m_results.append(slice);
        Q_EMIT found(slice);
    }
    const bool full = m_results.size() >= MaxResults;
    if (full || low <= m_low) {
        m_timer.stop();
        Q_EMIT finished(full && m_results.constLast().id > m_low);
    }
}
