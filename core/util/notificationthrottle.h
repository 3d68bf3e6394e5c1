#pragma once

#include <QString>
#include <QStringList>

#include <optional>

/// Decides which incoming messages become a desktop notification: the first at once, then at
/// most one per interval, summarising what came meanwhile ("12 messages from 3 peers"), so a
/// flood gives a handful of notifications, not thousands.
class NotificationThrottle
{
public:
    struct Notice
    {
        int messages = 0; ///< messages this notice stands for (1: @p text is the message)
        int peers = 0; ///< distinct peers among them
        QString peer; ///< the latest sender
        QString text; ///< the latest message's text (as given; sanitise before showing)
    };

    explicit NotificationThrottle(qint64 intervalMs = DefaultIntervalMs);
    static constexpr qint64 DefaultIntervalMs = 10000;

    /// @p count messages (the latest from @p peer, saying @p text) arrived at @p nowMs: a notice
    /// to show now, or nothing (they are counted into the next one).
    std::optional<Notice> submit(const QString &peer, const QString &text, qint64 nowMs,
                                 int count = 1);
    /// The notice for messages held back, once the interval is over; nothing otherwise.
    std::optional<Notice> takePending(qint64 nowMs);
    /// Milliseconds until takePending() can return something (0 when nothing is held back).
    qint64 msUntilPending(qint64 nowMs) const;
    int pendingMessages() const { return m_pending.messages; }
    void reset();

private:
    qint64 m_intervalMs;
    qint64 m_lastShownMs = -1;
    Notice m_pending;
    QStringList m_pendingPeers;
};
