#include "core/util/errorthrottle.h"

#include <QElapsedTimer>

ErrorThrottle::ErrorThrottle(qint64 intervalMs, Clock clock)
    : m_intervalMs(intervalMs), m_clock(std::move(clock))
{
    if (!m_clock) {
        QElapsedTimer elapsed;
        elapsed.start();
        m_clock = [elapsed] { return elapsed.elapsed(); };
    }
}

std::optional<QString> ErrorThrottle::submit(const QString &message)
{
    const qint64 now = m_clock();
    if (!m_lastShownAt || now - *m_lastShownAt >= m_intervalMs) {
        // Everything held back so far is older than this one and was never shown.
        const int others = m_heldBack;
        m_heldBack = 0;
        m_lastHeld.clear();
        m_lastShownAt = now;
        return withCount(message, others);
    }
    ++m_heldBack;
    m_lastHeld = message;
    return std::nullopt;
}

std::optional<QString> ErrorThrottle::takeSummary()
{
    if (m_heldBack == 0 || msUntilSummary() != 0)
        return std::nullopt;
    const QString text = withCount(m_lastHeld, m_heldBack - 1);
    m_heldBack = 0;
    m_lastHeld.clear();
    m_lastShownAt = m_clock();
    return text;
}

qint64 ErrorThrottle::msUntilSummary() const
{
    if (m_heldBack == 0)
        return -1;
    // m_lastShownAt is set whenever something is held back.
    const qint64 since = m_clock() - *m_lastShownAt;
    return since >= m_intervalMs ? 0 : m_intervalMs - since;
}

void ErrorThrottle::reset()
{
    m_lastShownAt.reset();
    m_heldBack = 0;
    m_lastHeld.clear();
}

QString ErrorThrottle::withCount(const QString &message, int others) const
{
    if (others <= 0)
        return message;
    return tr("%1 (%n more)", nullptr, others).arg(message);
}
