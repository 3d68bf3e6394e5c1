#include "signalwatcher.h"

#include <QSocketNotifier>

#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

volatile std::sig_atomic_t s_writeFd = -1;

extern "C" void onSignal(int signalNumber)
{
    // Only async-signal-safe calls here. A full pipe (many signals at once) just loses the extra
    // bytes: one is enough to wake the event loop.
    const int savedErrno = errno;
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    if (::write(s_writeFd, &byte, 1) < 0) {
        // Nothing to do in a handler.
    }
    errno = savedErrno;
}

} // namespace

SignalWatcher::SignalWatcher(const QList<int> &signalNumbers, QObject *parent) : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, m_fds) != 0)
        return;
    // Non-blocking on both ends: the handler must never block, and the reader drains.
    ::fcntl(m_fds[0], F_SETFL, ::fcntl(m_fds[0], F_GETFL) | O_NONBLOCK);
    ::fcntl(m_fds[1], F_SETFL, ::fcntl(m_fds[1], F_GETFL) | O_NONBLOCK);
    s_writeFd = m_fds[1];

    m_notifier = new QSocketNotifier(m_fds[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalWatcher::onReadable);

    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int signalNumber : signalNumbers) {
        struct sigaction previous = {};
        if (::sigaction(signalNumber, &action, &previous) == 0)
            m_previous.append({signalNumber, previous});
    }
}

SignalWatcher::~SignalWatcher()
{
    restoreHandlers();
    s_writeFd = -1;
    for (int fd : m_fds) {
        if (fd >= 0)
            ::close(fd);
    }
}

void SignalWatcher::restoreHandlers()
{
    for (const auto &[signalNumber, previous] : std::as_const(m_previous))
        ::sigaction(signalNumber, &previous, nullptr);
    m_previous.clear();
}

void SignalWatcher::onReadable()
{
    unsigned char bytes[16];
    const ssize_t n = ::read(m_fds[0], bytes, sizeof bytes);
    if (n <= 0)
        return;
    restoreHandlers();
    for (ssize_t i = 0; i < n; ++i)
        Q_EMIT caught(bytes[i]);
}
