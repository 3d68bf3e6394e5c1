#pragma once

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <optional>

/// Rate limit for error messages shown to the user: the first one of a burst passes at once,
/// then at most one per interval. The ones held back are counted and summarised as
/// "message (N more)", so a flood (one error per datagram) never becomes a flood of messages,
/// yet nothing is hidden without saying so.
class ErrorThrottle
{
    Q_DECLARE_TR_FUNCTIONS(ErrorThrottle)
public:
    /// Monotonic milliseconds; injectable so tests need no real waiting.
    using Clock = std::function<qint64()>;

    /// @p intervalMs between two messages shown; @p clock defaults to a QElapsedTimer.
    explicit ErrorThrottle(qint64 intervalMs, Clock clock = {});

    /// Records @p message. Returns the text to show now (with the count of earlier held-back
    /// messages appended, if any), or std::nullopt when it is held back.
    std::optional<QString> submit(const QString &message);

    /// Once the interval has passed after messages were held back: the last of them with the
    /// count of the others; the count starts again. Otherwise std::nullopt.
    std::optional<QString> takeSummary();

    /// Milliseconds until takeSummary() has something (0: now), or -1 if nothing is held back.
    qint64 msUntilSummary() const;

    /// Messages held back since the last one shown.
    int heldBack() const { return m_heldBack; }

    /// Forgets the history (e.g. after the failing operation succeeded): the next message is
    /// shown at once and nothing held back is reported.
    void reset();

    qint64 intervalMs() const { return m_intervalMs; }

private:
    QString withCount(const QString &message, int others) const;

    qint64 m_intervalMs;
    Clock m_clock;
    std::optional<qint64> m_lastShownAt;
    int m_heldBack = 0;
    QString m_lastHeld;
};
