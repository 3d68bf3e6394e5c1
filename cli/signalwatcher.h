#pragma once

#include <QList>
#include <QObject>

#include <csignal>
#include <utility>

class QSocketNotifier;

/// Turns POSIX signals (SIGINT, SIGTERM) into a Qt signal in the event loop, with the self-pipe
/// trick: the handler only write()s the signal number to a socketpair, which is
/// async-signal-safe; a QSocketNotifier on the other end emits caught(). After the first catch
/// the default actions come back, so a second Ctrl+C ends the program at once even if it hangs.
/// One instance at a time; the previous handlers are restored when it is destroyed.
class SignalWatcher : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)
public:
    explicit SignalWatcher(const QList<int> &signalNumbers, QObject *parent = nullptr);
    ~SignalWatcher() override;

    /// False when the socketpair or a handler could not be set up (the signals then keep their
    /// default action).
    bool isActive() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void caught(int signalNumber);

private:
    void onReadable();
    void restoreHandlers();

    int m_fds[2] = {-1, -1};
    QSocketNotifier *m_notifier = nullptr;
    QList<std::pair<int, struct sigaction>> m_previous;
};
