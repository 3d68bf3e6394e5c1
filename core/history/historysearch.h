#pragma once

#include "core/history/historystore.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

/// Searches the whole history without stopping the window: the ids are searched slice by slice
/// (SliceIds per event-loop turn), newest first, until MaxResults are found or the oldest
/// message was looked at.
class HistorySearch : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistorySearch)
public:
    static constexpr quint64 SliceIds = 50000;
    static constexpr int MaxResults = 1000;

    explicit HistorySearch(QObject *parent = nullptr);

    /// Ids looked at per event-loop turn (tests make it small).
    void setSliceIds(quint64 ids) { m_sliceIds = std::max<quint64>(1, ids); }

    /// Starts a new search (a running one is dropped).
    void start(HistoryStore *store, const HistoryStore::Filter &filter);
    void cancel();
    bool isRunning() const { return m_timer.isActive(); }
    /// Everything found so far, newest first.
    const QList<ChatMessage> &results() const { return m_results; }
    HistoryStore::Filter filter() const { return m_filter; }

Q_SIGNALS:
    /// More results (newest first), appended to results().
    void found(const QList<ChatMessage> &messages);
    /// The search ended; @p truncated: MaxResults were found and older matches not looked for.
    void finished(bool truncated);

private:
    void step();

    QPointer<HistoryStore> m_store;
    HistoryStore::Filter m_filter;
    QList<ChatMessage> m_results;
    quint64 m_high = 0; // next slice ends here
    quint64 m_low = 0; // the oldest id
    quint64 m_sliceIds = SliceIds;
    QTimer m_timer;
};
