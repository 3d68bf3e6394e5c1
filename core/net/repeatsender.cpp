#include "core/net/repeatsender.h"

RepeatSender::RepeatSender(QObject *parent) : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &RepeatSender::fire);
}

QString RepeatSender::expand(const QString &text, int seq)
{
    QString expanded = text;
    return expanded.replace(QStringLiteral("{seq}"), QString::number(seq));
}

void RepeatSender::start(const QString &text, int intervalMs, int count)
{
    const bool wasRunning = m_running;
    m_text = text;
    m_count = qMax(0, count);
    m_sent = 0;
    m_running = true;
    m_timer.start(qMax(1, intervalMs));
    if (!wasRunning)
        Q_EMIT runningChanged(true);
    fire();
}

void RepeatSender::stop()
{
    if (!m_running)
        return;
    m_timer.stop();
    m_running = false;
    Q_EMIT runningChanged(false);
}

void RepeatSender::fire()
{
    if (!m_running)
        return;
    ++m_sent;
    Q_EMIT due(expand(m_text, m_sent), m_sent);
    // The owner may have stopped (a failed send) or restarted the run from its slot.
    if (m_running && m_count > 0 && m_sent >= m_count)
        stop();
}
