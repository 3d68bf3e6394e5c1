#pragma once

#include <QtGlobal>

#include <algorithm>

/// Where message ids come from: unique and growing across every list that shares one source. The
/// plain chat and IP Messenger keep separate lists but write to one history, where the id is the
/// message's key.
class MessageIds
{
public:
    /// Takes @p count ids and returns the first.
    quint64 take(quint64 count = 1)
    {
        const quint64 first = m_next;
        m_next += count;
        return first;
    }
    /// The id the next take() returns.
    quint64 next() const { return m_next; }
    /// Ids from now on are above @p id (e.g. the history's last one).
    void continueAfter(quint64 id) { m_next = std::max(m_next, id + 1); }
    /// Sets the next id exactly (at least 1).
    void setNext(quint64 id) { m_next = std::max<quint64>(id, 1); }

private:
    quint64 m_next = 1;
};
