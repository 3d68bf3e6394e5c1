#include "core/util/notificationthrottle.h"

#include <QStringList>

NotificationThrottle::NotificationThrottle(qint64 intervalMs) : m_intervalMs(intervalMs) { }

std::optional<NotificationThrottle::Notice>
NotificationThrottle::submit(const QString &peer, const QString &text, qint64 nowMs, int count)
{
    m_pending.messages += count;
    m_pending.peer = peer;
    m_pending.text = text;
    if (!m_pendingPeers.contains(peer))
        m_pendingPeers.append(peer);
    m_pending.peers = static_cast<int>(m_pendingPeers.size());
    return takePending(nowMs);
}

std::optional<NotificationThrottle::Notice> NotificationThrottle::takePending(qint64 nowMs)
{
    if (m_pending.messages == 0)
        return std::nullopt;
    if (m_lastShownMs >= 0 && nowMs - m_lastShownMs < m_intervalMs)
        return std::nullopt;
    m_lastShownMs = nowMs;
    const Notice notice = m_pending;
    m_pending = Notice();
    m_pendingPeers.clear();
    return notice;
}

qint64 NotificationThrottle::msUntilPending(qint64 nowMs) const
{
    if (m_pending.messages == 0 || m_lastShownMs < 0)
        return 0;
    return std::max<qint64>(0, m_lastShownMs + m_intervalMs - nowMs);
}

void NotificationThrottle::reset()
{
    m_lastShownMs = -1;
    m_pending = Notice();
    m_pendingPeers.clear();
}
