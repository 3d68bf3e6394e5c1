#include "core/net/udpchannel.h"

#include <QNetworkDatagram>
#include <QNetworkInterface>
#include <QNetworkProxy>
#include <QSocketNotifier>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <cstring>
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
    // Room for IPV6_PKTINFO or IP_PKTINFO and the hop limit or TTL Qt asks the kernel for.
    static constexpr int ControlSize = 128;
    // Not zero-filled: 4 MiB of memset would cost page faults at start-up, and the kernel only
    // touches the pages datagrams land in.
    BatchBuffers() : data(new char[static_cast<size_t>(Slots) * kDatagramBufferSize])
    {
        for (int i = 0; i < Slots; ++i) {
            vectors[i].iov_base = data.get() + static_cast<size_t>(i) * kDatagramBufferSize;
            vectors[i].iov_len = kDatagramBufferSize;
        }
    }
    void reset(int count, bool withControl)
    {
        for (int i = 0; i < count; ++i) {
            headers[i] = {};
            headers[i].msg_hdr.msg_name = &addresses[i];
            headers[i].msg_hdr.msg_namelen = sizeof(addresses[i]);
            headers[i].msg_hdr.msg_iov = &vectors[i];
            headers[i].msg_hdr.msg_iovlen = 1;
            if (withControl) {
                headers[i].msg_hdr.msg_control = controls[i];
                headers[i].msg_hdr.msg_controllen = ControlSize;
            }
        }
    }
    std::unique_ptr<char[]> data;
    iovec vectors[Slots];
    sockaddr_storage addresses[Slots];
    mmsghdr headers[Slots];
    alignas(cmsghdr) char controls[Slots][ControlSize];
    // Interface names by index, for link-local senders (one lookup per interface, not per
    // datagram).
    QHash<quint32, QString> scopeNames;
    // The sender of the last datagram, as the kernel gave it and as read: a flood, or a
    // conversation, comes from one sender, whose address is then made once and shared, not
    // allocated for every datagram.
    sockaddr_storage lastAddress{};
    socklen_t lastLength = 0;
    QHostAddress lastSender;
    quint16 lastPort = 0;
    /// Sets lastSender and lastPort to the sender in @p address (@p length bytes of it).
    void readSender(const sockaddr_storage &address, socklen_t length)
    {
        if (length == lastLength && std::memcmp(&address, &lastAddress, length) == 0)
            return;
        std::memcpy(&lastAddress, &address, length);
        lastLength = length;
        const auto *any = reinterpret_cast<const sockaddr *>(&address);
        lastSender = QHostAddress(any);
        lastPort = 0;
        if (any->sa_family == AF_INET6) {
            const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(any);
            lastPort = ntohs(in6->sin6_port);
            if (in6->sin6_scope_id != 0) {
                // As QUdpSocket reports it: the interface name as scope.
                auto name = scopeNames.find(in6->sin6_scope_id);
                if (name == scopeNames.end()) {
                    name = scopeNames.insert(
                            in6->sin6_scope_id,
                            QNetworkInterface::interfaceNameFromIndex(int(in6->sin6_scope_id)));
                }
                lastSender.setScopeId(*name);
            }
        } else if (any->sa_family == AF_INET) {
            lastPort = ntohs(reinterpret_cast<const sockaddr_in *>(any)->sin_port);
        }
    }
};
#else
struct UdpChannel::BatchBuffers
{
};
#endif

UdpChannel::UdpChannel(QObject *parent) : QObject(parent)
{
    m_interfaceCheck.setInterval(InterfaceCheckIntervalMs);
    connect(&m_interfaceCheck, &QTimer::timeout, this, &UdpChannel::checkInterfaces);
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
    m_outgoingIndex4 = m_outgoingIndex6 = -1;
    for (GroupMembership &membership : m_groups)
        membership.joinedOn.clear(); // the kernel left them with the socket
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
        applyMulticastOptions();
        for (GroupMembership &membership : m_groups)
            applyGroup(membership);
        updateGroupState();
        if (m_readMethod == ReadMethod::Batched)
            startBatchedReading();
        if (m_socket.hasPendingDatagrams())
            readPending();
    }
    Q_EMIT listeningChanged();
    if (!m_groups.isEmpty())
        Q_EMIT groupsChanged();
    return ok;
}

void UdpChannel::close()
{
    stopBatchedReading();
    m_socket.abort();
    m_receiveBufferSize = 0;
    m_bindError.clear();
    m_outgoingIndex4 = m_outgoingIndex6 = -1;
    for (GroupMembership &membership : m_groups)
        membership.joinedOn.clear();
    updateGroupState();
    Q_EMIT listeningChanged();
    if (!m_groups.isEmpty())
        Q_EMIT groupsChanged();
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

    const bool toGroup = Multicast::isMulticast(to.address);
    if (toGroup) {
        const Multicast::InterfaceResult out =
                Multicast::outgoingInterface(to.address, m_multicastInterface);
        if (!out.ok())
            return {SendError::InvalidTarget, tr("Not sent: %1").arg(out.error)};
        if (out.interface.isValid() && !selectMulticastInterface(to.address, out.interface)) {
            return {SendError::Network, tr("Not sent: the system refused to send on %1 (%2).")
                                                .arg(out.interface.name(),
                                                     QString::fromLocal8Bit(std::strerror(errno)))};
        }
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
    if (toGroup) {
        return {SendError::Network,
                tr("Not sent: the system refused it (%1): %2")
                        .arg(m_socket.errorString(), Multicast::noRouteAdvice(to.address))};
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
    if (m_trafficCounted) {
        m_trafficCounted = false;
        Q_EMIT groupTrafficReceived();
    }
    // Anything left makes the (level-triggered) notifier fire again on the next event-loop pass,
    // after painting, input and timers had their turn.
}

void UdpChannel::readPortable(QList<Datagram> &batch)
{
    if (m_readBuffer.size() != kDatagramBufferSize)
        m_readBuffer.resize(kDatagramBufferSize);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    while (m_packetInfo && batch.size() < m_readBudget) {
        // Through QNetworkDatagram, which carries the destination (Qt asks for the size first).
        const QNetworkDatagram datagram = m_socket.receiveDatagram();
        if (!datagram.isValid())
            return;
        Datagram read{datagram.data(),
                      datagram.senderAddress(),
                      static_cast<quint16>(datagram.senderPort()),
                      now,
                      {}};
        if (const QString *group =
                    countGroupDatagram(datagram.destinationAddress().toIPv6Address()))
            read.group = *group;
        batch.append(read);
    }
    while (batch.size() < m_readBudget) {
        QHostAddress sender;
        quint16 senderPort = 0;
        // Until it returns -1 (nothing left; a TemporaryError that onSocketError ignores): one
        // system call per datagram, instead of three with hasPendingDatagrams()/receiveDatagram().
        const qint64 size = m_socket.readDatagram(m_readBuffer.data(), kDatagramBufferSize, &sender,
                                                  &senderPort);
        if (size < 0)
            break;
        batch.append(
                Datagram{QByteArray(m_readBuffer.constData(), size), sender, senderPort, now, {}});
    }
}

#ifdef Q_OS_LINUX
namespace {
// The destination address of a datagram read with IPV6_RECVPKTINFO (IPv4 as IPv4-mapped) or
// IP_PKTINFO, as IPv6 bytes.
bool destinationOf(msghdr &header, Q_IPV6ADDR &destination)
{
    for (cmsghdr *c = CMSG_FIRSTHDR(&header); c; c = CMSG_NXTHDR(&header, c)) {
        if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
            in6_pktinfo info;
            std::memcpy(&info, CMSG_DATA(c), sizeof info);
            std::memcpy(&destination, &info.ipi6_addr, sizeof destination);
            return true;
        }
        if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
            in_pktinfo info;
            std::memcpy(&info, CMSG_DATA(c), sizeof info);
            destination = {}; // ::ffff:a.b.c.d
            destination[10] = destination[11] = 0xff;
            std::memcpy(&destination[12], &info.ipi_addr, 4);
            return true;
        }
    }
    return false;
}
} // namespace

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
        b.reset(wanted, m_packetInfo);
        const int count = ::recvmmsg(m_batchFd, b.headers, static_cast<unsigned>(wanted),
                                     MSG_DONTWAIT, nullptr);
        if (count < 0 && errno == EINTR)
            continue;
        if (count <= 0)
            break; // EAGAIN: drained
        for (int i = 0; i < count; ++i) {
            b.readSender(b.addresses[i], std::min<socklen_t>(b.headers[i].msg_hdr.msg_namelen,
                                                             socklen_t(sizeof(sockaddr_storage))));
            batch.append(Datagram{QByteArray(static_cast<const char *>(b.vectors[i].iov_base),
                                             qsizetype(b.headers[i].msg_len)),
                                  b.lastSender,
                                  b.lastPort,
                                  now,
                                  {}});
            if (m_packetInfo) {
                Q_IPV6ADDR destination;
                if (destinationOf(b.headers[i].msg_hdr, destination)) {
                    if (const QString *group = countGroupDatagram(destination))
                        batch.last().group = *group;
                }
            }
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

// Multicast ---------------------------------------------------------------------------------------
// Set with setsockopt() on Linux: QUdpSocket refuses IPv4 groups on the dual-stack socket
// (it warns "cannot bind to QHostAddress::Any ... and join an IPv4 multicast group"), while Linux
// takes IPv4 memberships and options on an IPv6 socket for its IPv4-mapped traffic, and its
// TTL option sets only one of the two families.

namespace {
#ifdef Q_OS_LINUX
// 0 when done, else errno.
int setIntOption(int fd, int level, int name, int value)
{
    return ::setsockopt(fd, level, name, &value, sizeof value) == 0 ? 0 : errno;
}

int setMembership(int fd, const QHostAddress &group, int interfaceIndex, bool join)
{
    bool isV4 = false;
    const quint32 v4 = group.toIPv4Address(&isV4);
    if (isV4) {
        ip_mreqn request{};
        request.imr_multiaddr.s_addr = htonl(v4);
        request.imr_ifindex = interfaceIndex;
        return ::setsockopt(fd, IPPROTO_IP, join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP, &request,
                            sizeof request)
                               == 0
                       ? 0
                       : errno;
    }
    ipv6_mreq request{};
    const Q_IPV6ADDR bytes = group.toIPv6Address();
    std::memcpy(&request.ipv6mr_multiaddr, &bytes, sizeof bytes);
    request.ipv6mr_interface = static_cast<unsigned>(interfaceIndex);
    return ::setsockopt(fd, IPPROTO_IPV6, join ? IPV6_JOIN_GROUP : IPV6_LEAVE_GROUP, &request,
                        sizeof request)
                           == 0
                   ? 0
                   : errno;
}
#endif
} // namespace

void UdpChannel::applyMulticastOptions()
{
#ifdef Q_OS_LINUX
    const int fd = static_cast<int>(m_socket.socketDescriptor());
    // An IPv4-only socket (no IPv6 in the kernel) refuses the IPv6 options: nothing to set there.
    setIntOption(fd, IPPROTO_IP, IP_MULTICAST_TTL, m_multicastTtl);
    setIntOption(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, m_multicastTtl);
    setIntOption(fd, IPPROTO_IP, IP_MULTICAST_LOOP, m_multicastLoopback ? 1 : 0);
    setIntOption(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, m_multicastLoopback ? 1 : 0);
    // Only the groups this socket joined, not every group some other program joined on the port.
    setIntOption(fd, IPPROTO_IP, IP_MULTICAST_ALL, 0);
#ifdef IPV6_MULTICAST_ALL
    setIntOption(fd, IPPROTO_IPV6, IPV6_MULTICAST_ALL, 0);
#endif
#else
    m_socket.setSocketOption(QAbstractSocket::MulticastTtlOption, m_multicastTtl);
    m_socket.setSocketOption(QAbstractSocket::MulticastLoopbackOption, m_multicastLoopback ? 1 : 0);
#endif
}

void UdpChannel::setMulticastTtl(int ttl)
{
    m_multicastTtl = qBound(0, ttl, Multicast::MaxTtl);
    if (isListening())
        applyMulticastOptions();
}

void UdpChannel::setMulticastLoopback(bool enabled)
{
    m_multicastLoopback = enabled;
    if (isListening())
        applyMulticastOptions();
}

bool UdpChannel::selectMulticastInterface(const QHostAddress &group,
                                          const QNetworkInterface &interface)
{
#ifdef Q_OS_LINUX
    const int fd = static_cast<int>(m_socket.socketDescriptor());
    const int index = interface.index();
    bool isV4 = false;
    group.toIPv4Address(&isV4);
    if (isV4) {
        if (m_outgoingIndex4 == index)
            return true;
        ip_mreqn request{};
        request.imr_ifindex = index;
        if (::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &request, sizeof request) != 0)
            return false;
        m_outgoingIndex4 = index;
        return true;
    }
    if (m_outgoingIndex6 == index)
        return true;
    if (setIntOption(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, index) != 0)
        return false;
    m_outgoingIndex6 = index;
    return true;
#else
    Q_UNUSED(group);
    m_socket.setMulticastInterface(interface);
    return true;
#endif
}

QString UdpChannel::applyGroup(GroupMembership &membership)
{
    membership.joinedOn.clear();
    membership.error.clear();
    const MulticastGroup &group = membership.group;
    QList<QNetworkInterface> interfaces;
    if (!group.interfaceName.isEmpty()) {
        const Multicast::InterfaceResult found = Multicast::findInterface(group.interfaceName);
        if (!found.ok()) {
            membership.error = tr("Cannot join %1: %2").arg(group.toString(), found.error);
            return membership.error;
        }
        interfaces.append(found.interface);
    } else {
        interfaces = Multicast::lanInterfaces(group.address.protocol());
        if (interfaces.isEmpty()) {
            membership.error =
                    tr("Cannot join %1: no interface is up that can do multicast over %2; "
                       "connect to a network or name an interface (GROUP%INTERFACE).")
                            .arg(group.toString(),
                                 group.address.protocol() == QAbstractSocket::IPv4Protocol
                                         ? QStringLiteral("IPv4")
                                         : QStringLiteral("IPv6"));
            return membership.error;
        }
    }
    QStringList failures;
    for (const QNetworkInterface &interface : interfaces) {
#ifdef Q_OS_LINUX
        const int error = setMembership(static_cast<int>(m_socket.socketDescriptor()),
                                        group.address, interface.index(), true);
        if (error == 0 || error == EADDRINUSE) // EADDRINUSE: this socket is a member already
            membership.joinedOn.append(interface.name());
        else
            failures.append(
                    tr("on %1: %2")
                            .arg(interface.name(), QString::fromLocal8Bit(std::strerror(error))));
#else
        if (m_socket.joinMulticastGroup(group.address, interface))
            membership.joinedOn.append(interface.name());
        else
            failures.append(tr("on %1: %2").arg(interface.name(), m_socket.errorString()));
#endif
    }
    if (!failures.isEmpty()) {
        membership.error =
                tr("Cannot join %1 %2.").arg(group.toString(), failures.join(QStringLiteral("; ")));
    }
    return membership.error;
}

void UdpChannel::dropGroup(const GroupMembership &membership)
{
    for (const QString &name : membership.joinedOn) {
        const QNetworkInterface interface = QNetworkInterface::interfaceFromName(name);
#ifdef Q_OS_LINUX
        // The interface may be gone (and the membership with it): nothing to undo then.
        if (interface.isValid()) {
            setMembership(static_cast<int>(m_socket.socketDescriptor()), membership.group.address,
                          interface.index(), false);
        }
#else
        m_socket.leaveMulticastGroup(membership.group.address, interface);
#endif
    }
}

QString UdpChannel::joinGroup(const MulticastGroup &group)
{
    if (!Multicast::isMulticast(group.address)) {
        return tr("Cannot join %1: it is not a multicast group (IPv4 224.0.0.0 to "
                  "239.255.255.255, IPv6 ff00::/8).")
                .arg(Multicast::plain(group.address).toString());
    }
    MulticastGroup wanted{Multicast::plain(group.address), group.interfaceName};
    auto it = std::find_if(m_groups.begin(), m_groups.end(),
                           [&wanted](const GroupMembership &m) { return m.group == wanted; });
    if (it == m_groups.end()) {
        m_groups.append(GroupMembership{wanted, {}, {}});
        it = std::prev(m_groups.end());
    }
    const QString error = isListening() ? applyGroup(*it) : QString();
    updateGroupState();
    Q_EMIT groupsChanged();
    return error;
}

bool UdpChannel::leaveGroup(const MulticastGroup &group)
{
    const MulticastGroup wanted{Multicast::plain(group.address), group.interfaceName};
    const auto it = std::find_if(m_groups.begin(), m_groups.end(),
                                 [&wanted](const GroupMembership &m) { return m.group == wanted; });
    if (it == m_groups.end())
        return false;
    if (isListening())
        dropGroup(*it);
    m_groups.erase(it);
    updateGroupState();
    Q_EMIT groupsChanged();
    return true;
}

QString UdpChannel::rejoinGroups()
{
    if (!isListening())
        return QString();
    QString first;
    for (GroupMembership &membership : m_groups) {
        // Joined again where the group can be joined now (a membership the kernel still has
        // counts as joined); left where it cannot be any more (an interface that went down).
        const QStringList before = membership.joinedOn;
        const QString error = applyGroup(membership);
        GroupMembership gone{membership.group, {}, {}};
        for (const QString &name : before) {
            if (!membership.joinedOn.contains(name))
                gone.joinedOn.append(name);
        }
        dropGroup(gone);
        if (first.isEmpty())
            first = error;
    }
    updateGroupState();
    Q_EMIT groupsChanged();
    return first;
}

quint64 UdpChannel::groupReceivedCount(const QHostAddress &group) const
{
    const Q_IPV6ADDR address = Multicast::plain(group).toIPv6Address();
    for (const GroupTraffic &traffic : m_traffic) {
        if (std::memcmp(&traffic.address, &address, sizeof address) == 0)
            return traffic.count;
    }
    return 0;
}

void UdpChannel::updateGroupState()
{
    // One counter per group address still asked for; a new address starts at 0.
    QList<GroupTraffic> traffic;
    bool joined = false;
    for (const GroupMembership &membership : std::as_const(m_groups)) {
        joined = joined || !membership.joinedOn.isEmpty();
        const Q_IPV6ADDR address = membership.group.address.toIPv6Address();
        const auto same = [&address](const GroupTraffic &t) {
            return std::memcmp(&t.address, &address, sizeof address) == 0;
        };
        if (std::any_of(traffic.cbegin(), traffic.cend(), same))
            continue;
        const auto old = std::find_if(m_traffic.cbegin(), m_traffic.cend(), same);
        traffic.append(GroupTraffic{address, membership.group.address.toString(),
                                    old == m_traffic.cend() ? 0 : old->count});
    }
    m_traffic = traffic;

    const bool listening = isListening();
    m_packetInfo = listening && joined;
#ifdef Q_OS_LINUX
    if (listening) {
        // Qt turns these on for every UDP socket; unicast-only reading does without them.
        const int fd = static_cast<int>(m_socket.socketDescriptor());
        setIntOption(fd, IPPROTO_IP, IP_PKTINFO, m_packetInfo ? 1 : 0);
        setIntOption(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, m_packetInfo ? 1 : 0);
    }
#endif
    if (listening && !m_groups.isEmpty()) {
        if (!m_interfaceCheck.isActive()) {
            m_interfaceState = Multicast::interfaceState();
            m_interfaceCheck.start();
        }
    } else {
        m_interfaceCheck.stop();
    }
}

const QString *UdpChannel::countGroupDatagram(const Q_IPV6ADDR &destination)
{
    for (GroupTraffic &traffic : m_traffic) {
        if (std::memcmp(&traffic.address, &destination, sizeof destination) == 0) {
            ++traffic.count;
            m_trafficCounted = true;
            return &traffic.text;
        }
    }
    return nullptr; // unicast, broadcast
}

void UdpChannel::checkInterfaces()
{
    const QString state = Multicast::interfaceState();
    if (state == m_interfaceState)
        return;
    m_interfaceState = state;
    rejoinGroups();
}
