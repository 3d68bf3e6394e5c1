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
        Endpoint sender; ///< in byAddress(): port 0
        double perSecond = 0;
        int ports = 1; ///< in byAddress(): how many ports of the address sent
    };

    SenderRates() { m_clock.start(); }

    /// Counts @p datagrams from @p sender (pass normalised addresses: see normalizedAddress()).
    void count(const QHostAddress &address, quint16 port, qint64 datagrams = 1);
    /// The rates since the previous take() (or construction), highest first, at most @p limit,
    /// and starts a new interval. @p elapsedMs overrides the measured interval (for tests).
    QList<Rate> take(int limit, qint64 elapsedMs = -1);
    /// The interval take() ended, summed per address (sender port 0), highest first, at most the
    /// limit given to take(): a flood from one host through many ports (each below any per-port
    /// threshold) still has a name.
    const QList<Rate> &byAddress() const { return m_byAddress; }

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
    QList<Rate> m_byAddress;
};
