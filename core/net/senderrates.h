#pragma once

#include "core/net/endpoint.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>

/// Datagrams per second by sender, so the source of a flood is obvious. Counting costs a hash
/// lookup per run of datagrams from one sender (floods come in such runs), never a string.
class SenderRates
{
public:
    struct Rate
    {
        Endpoint sender;
        double perSecond = 0;
    };

    SenderRates() { m_clock.start(); }

    /// Counts @p datagrams from @p sender (pass normalised addresses: see normalizedAddress()).
    void count(const QHostAddress &address, quint16 port, qint64 datagrams = 1);
    /// The rates since the previous take() (or construction), highest first, at most @p limit,
    /// and starts a new interval. @p elapsedMs overrides the measured interval (for tests).
    QList<Rate> take(int limit, qint64 elapsedMs = -1);

private:
    struct Key
    {
        QHostAddress address;
        quint16 port = 0;
        friend bool operator==(const Key &a, const Key &b)
        {
            return a.port == b.port && a.address == b.address;
        }
        friend size_t qHash(const Key &key, size_t seed = 0)
        {
            return qHashMulti(seed, key.address, key.port);
        }
    };
    QHash<Key, qint64> m_counts;
    // The run being counted, added to m_counts when another sender comes or on take().
    Key m_run;
    qint64 m_runCount = 0;
    QElapsedTimer m_clock;
};
