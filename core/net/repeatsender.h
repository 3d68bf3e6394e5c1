#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

/// Sends the same message again and again on a timer without blocking the event loop: the first
/// time at start(), then every interval, a given number of times or until stop(). It only says
/// when (due()); the owner sends, and stops it when a send fails.
class RepeatSender : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RepeatSender)
public:
    explicit RepeatSender(QObject *parent = nullptr);

    /// Emits due() for @p text at once, then every @p intervalMs (at least 1), @p count times in
    /// all; @p count 0 means until stop(). A run in progress is replaced.
    void start(const QString &text, int intervalMs, int count);
    /// Ends the run; no due() follows. Does nothing when not running.
    void stop();

    bool isRunning() const { return m_running; }
    /// due() signals emitted in the current (or last) run.
    int sentCount() const { return m_sent; }
    /// The count passed to start(); 0 = until stopped.
    int totalCount() const { return m_count; }

    /// @p text with every "{seq}" replaced by @p seq in decimal.
    static QString expand(const QString &text, int seq);

Q_SIGNALS:
    /// Time to send @p text ("{seq}" already replaced by @p seq, counting from 1).
    void due(const QString &text, int seq);
    /// A run started, or ended (stop() or its count reached); replacing a run emits nothing.
    void runningChanged(bool running);

private:
    void fire();

    QTimer m_timer;
    QString m_text;
    int m_count = 0;
    int m_sent = 0;
    bool m_running = false;
};
