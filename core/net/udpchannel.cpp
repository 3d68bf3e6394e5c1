#include "core/net/udpchannel.h"

#include <QNetworkInterface>
#include <QNetworkProxy>
#include <QSocketNotifier>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace {
// Larger than any UDP payload (65,527 bytes), so no datagram is ever cut.
constexpr int kDatagramBufferSize = 65536;
} // namespace

#ifdef Q_OS_LINUX
struct UdpChannel::BatchBuffers
{
    static constexpr int Slots = 64;
    // Not zero-filled: 4 MiB of memset would cost page faults at start-up, and the kernel only
    // touches the pages datagrams land in.
    BatchBuffers() : data(new char[static_cast<size_t>(Slots) * kDatagramBufferSize])
    {
        for (int i = 0; i < Slots; ++i) {
            vectors[i].iov_base = data.get() + static_cast<size_t>(i) * kDatagramBufferSize;
            vectors[i].iov_len = kDatagramBufferSize;
        }
    }
    void reset(int count)
    {
        for (int i = 0; i < count; ++i) {
            headers[i] = {};
            headers[i].msg_hdr.msg_name = &addresses[i];
            headers[i].msg_hdr.msg_namelen = sizeof(addresses[i]);
            headers[i].msg_hdr.msg_iov = &vectors[i];
            headers[i].msg_hdr.msg_iovlen = 1;
        }
    }
    std::unique_ptr<char[]> data;
    iovec vectors[Slots];
    sockaddr_storage addresses[Slots];
    mmsghdr headers[Slots];
    // Interface names by index, for link-local senders (one lookup per interface, not per
    // datagram).
    QHash<quint32, QString> scopeNames;
};
#else
struct UdpChannel::BatchBuffers
{
};
#endif

UdpChannel::UdpChannel(QObject *parent) : QObject(parent)
{
    // Connected before any bind(): a datagram that arrives between bind() and connect() would
    // otherwise leave readyRead silent for good.
    connect(&m_socket, &QUdpSocket::readyRead, this, &UdpChannel::readPending);
    // Datagrams go straight to the LAN. Without this, the first bind() asks the system proxy
    // configuration (libproxy), which costs tens of milliseconds at start-up.
    m_socket.setProxy(QNetworkProxy::NoProxy);
    connect(&m_socket, &QUdpSocket::errorOccurred, this, &UdpChannel::onSocketError);
}

UdpChannel::~UdpChannel()
{
    stopBatchedReading();
}

UdpChannel::ReadMethod UdpChannel::defaultReadMethod()
{
#ifdef Q_OS_LINUX
    return ReadMethod::Batched;
#else
    return ReadMethod::Portable;
#endif
}

void UdpChannel::setReadMethod(ReadMethod method)
{
#ifndef Q_OS_LINUX
    method = ReadMethod::Portable;
#endif
    m_readMethod = method;
}

bool UdpChannel::listen(quint16 port)
{
    stopBatchedReading();
    m_socket.abort();
    m_receiveBufferSize = 0;
    m_requestedPort = port;
    m_bindError.clear();

    m_inSendOrBind = true;
    // Default bind mode: no SO_REUSEADDR, so another program cannot share the port and take our
    // unicast datagrams. Any = one dual-stack socket for IPv4 and IPv6.
    const bool ok = m_socket.bind(QHostAddress::Any, port);
    m_inSendOrBind = false;

    if (!ok) {
        switch (m_socket.error()) {
        case QAbstractSocket::AddressInUseError:
            m_bindError = tr("port %1 is used by another program").arg(port);
            break;
        case QAbstractSocket::SocketAccessError:
            m_bindError =
                    tr("port %1 needs administrator rights; use a port from 1024 up").arg(port);
            break;
        default:
            m_bindError = tr("port %1 could not be opened (%2)")
                                  .arg(QString::number(port), m_socket.errorString());
            break;
        }
        m_socket.abort();
    } else {
        if (m_receiveBufferRequest > 0) {
            m_socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption,
                                     m_receiveBufferRequest);
        }
        m_receiveBufferSize =
                m_socket.socketOption(QAbstractSocket::ReceiveBufferSizeSocketOption).toInt();
        if (m_readMethod == ReadMethod::Batched)
            startBatchedReading();
        if (m_socket.hasPendingDatagrams())
            readPending();
    }
    Q_EMIT listeningChanged();
    return ok;
}

void UdpChannel::close()
{
    stopBatchedReading();
    m_socket.abort();
    m_receiveBufferSize = 0;
    m_bindError.clear();
    Q_EMIT listeningChanged();
}

bool UdpChannel::isListening() const
{
    return m_socket.state() == QAbstractSocket::BoundState;
}

quint16 UdpChannel::localPort() const
{
    return isListening() ? m_socket.localPort() : 0;
}

qsizetype UdpChannel::maxPayloadFor(const QHostAddress &to)
{
    bool isV4 = false;
    to.toIPv4Address(&isV4);
    return isV4 ? MaxPayloadIPv4 : MaxPayloadIPv6;
}

void UdpChannel::setReadBudget(int datagramsPerPass)
{
    m_readBudget = qMax(1, datagramsPerPass);
}

UdpChannel::SendResult UdpChannel::send(const QByteArray &payload, const Endpoint &to)
{
    if (!isListening()) {
        // Sending now would auto-bind a random port, and the peer's replies would go nowhere.
        return {SendError::NotListening,
                tr("Not sent: udpchat is not listening on a port, so the peer could not reply. "
                   "Choose a free port first.")};
    }
    if (!to.isValid())
        return {SendError::InvalidTarget, tr("Not sent: the target address or port is invalid.")};
    const qsizetype limit = maxPayloadFor(to.address);
    if (payload.size() > limit) {
        return {SendError::TooLarge,
                tr("Not sent: the message is %1 bytes, one UDP datagram holds at most %2.")
                        .arg(payload.size())
                        .arg(limit)};
    }

    m_inSendOrBind = true;
    const qint64 written = m_socket.writeDatagram(payload, to.address, to.port);
    m_inSendOrBind = false;
    if (written == payload.size())
        return {};
    if (m_socket.error() == QAbstractSocket::DatagramTooLargeError) {
        return {SendError::TooLarge,
                tr("Not sent: the network path does not take a datagram of %1 bytes.")
                        .arg(payload.size())};
    }
    return {SendError::Network,
            tr("Not sent: the system refused it (%1). Check that %2 is reachable from this "
               "computer.")
                    .arg(m_socket.errorString(), displayAddress(to.address))};
}

void UdpChannel::readPending()
{
    if (!isListening())
        return;
    QList<Datagram> batch;
    batch.reserve(qMin(m_readBudget, 256));
    if (m_batchNotifier)
        readBatched(batch);
    else
        readPortable(batch);
    m_received += static_cast<quint64>(batch.size());
    if (!batch.isEmpty())
        Q_EMIT datagramsReceived(batch);
    // Anything left makes the (level-triggered) notifier fire again on the next event-loop pass,
    // after painting, input and timers had their turn.
}

void UdpChannel::readPortable(QList<Datagram> &batch)
{
    if (m_readBuffer.size() != kDatagramBufferSize)
        m_readBuffer.resize(kDatagramBufferSize);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    while (batch.size() < m_readBudget) {
        QHostAddress sender;
        quint16 senderPort = 0;
        // Until it returns -1 (nothing left; a TemporaryError that onSocketError ignores): one
        // system call per datagram, instead of three with hasPendingDatagrams()/receiveDatagram().
        const qint64 size = m_socket.readDatagram(m_readBuffer.data(), kDatagramBufferSize, &sender,
                                                  &senderPort);
        if (size < 0)
            break;
        batch.append(Datagram{QByteArray(m_readBuffer.constData(), size), sender, senderPort, now});
    }
}

#ifdef Q_OS_LINUX
void UdpChannel::startBatchedReading()
{
    m_batchFd = ::fcntl(static_cast<int>(m_socket.socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    if (m_batchFd < 0)
        return; // stay with QUdpSocket's own reading
    if (!m_batchBuffers)
        m_batchBuffers = std::make_unique<BatchBuffers>();
    m_batchNotifier = std::make_unique<QSocketNotifier>(m_batchFd, QSocketNotifier::Read);
    connect(m_batchNotifier.get(), &QSocketNotifier::activated, this, &UdpChannel::readPending);
}

void UdpChannel::stopBatchedReading()
{
    m_batchNotifier.reset();
    if (m_batchFd >= 0) {
        ::close(m_batchFd);
        m_batchFd = -1;
    }
}

void UdpChannel::readBatched(QList<Datagram> &batch)
{
    BatchBuffers &b = *m_batchBuffers;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    while (batch.size() < m_readBudget) {
        const int wanted = qMin(BatchBuffers::Slots, m_readBudget - int(batch.size()));
        b.reset(wanted);
        const int count = ::recvmmsg(m_batchFd, b.headers, static_cast<unsigned>(wanted),
                                     MSG_DONTWAIT, nullptr);
        if (count < 0 && errno == EINTR)
            continue;
        if (count <= 0)
            break; // EAGAIN: drained
        for (int i = 0; i < count; ++i) {
            const auto *address = reinterpret_cast<const sockaddr *>(&b.addresses[i]);
            QHostAddress sender(address);
            quint16 senderPort = 0;
            if (address->sa_family == AF_INET6) {
                const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(address);
                senderPort = ntohs(in6->sin6_port);
                if (in6->sin6_scope_id != 0) {
                    // As QUdpSocket reports it: the interface name as scope.
                    auto name = b.scopeNames.find(in6->sin6_scope_id);
                    if (name == b.scopeNames.end()) {
                        name = b.scopeNames.insert(
                                in6->sin6_scope_id,
                                QNetworkInterface::interfaceNameFromIndex(int(in6->sin6_scope_id)));
                    }
                    sender.setScopeId(*name);
                }
            } else if (address->sa_family == AF_INET) {
                senderPort = ntohs(reinterpret_cast<const sockaddr_in *>(address)->sin_port);
            }
            batch.append(Datagram{QByteArray(static_cast<const char *>(b.vectors[i].iov_base),
                                             qsizetype(b.headers[i].msg_len)),
                                  sender, senderPort, now});
        }
        if (count < wanted)
            break; // the queue is empty
    }
}
#else
void UdpChannel::startBatchedReading() { }
void UdpChannel::stopBatchedReading() { }
void UdpChannel::readBatched(QList<Datagram> &batch)
{
    readPortable(batch);
}
#endif

void UdpChannel::onSocketError(QAbstractSocket::SocketError error)
{
    // bind() and writeDatagram() failures are reported by listen() and send(); an empty read
    // at the end of a drain is not an error.
    if (m_inSendOrBind || error == QAbstractSocket::TemporaryError)
        return;
    Q_EMIT socketError(m_socket.errorString());
}
