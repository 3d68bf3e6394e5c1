#include "core/net/localaddresses.h"

#include "core/net/endpoint.h"

#include <QNetworkInterface>

#include <arpa/inet.h>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

QList<LocalAddress> localAddresses()
{
    QList<LocalAddress> list;
    QList<LocalAddress> loopback;
    const auto interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &iface : interfaces) {
        if (!(iface.flags() & QNetworkInterface::IsUp))
            continue;
        QList<LocalAddress> v4;
        QList<LocalAddress> v6;
        for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
            LocalAddress a;
            a.interfaceName = iface.humanReadableName();
            a.address = entry.ip();
            a.prefixLength = entry.prefixLength();
            if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol) {
                if (iface.flags() & QNetworkInterface::CanBroadcast)
                    a.broadcast = entry.broadcast();
                v4.append(a);
            } else {
                v6.append(a);
            }
        }
        auto &into = (iface.flags() & QNetworkInterface::IsLoopBack) ? loopback : list;
        into += v4;
        into += v6;
    }
    return list + loopback;
}

QList<LocalAddress> broadcastCapableAddresses()
{
    QList<LocalAddress> list;
    for (const LocalAddress &a : localAddresses()) {
        if (!a.broadcast.isNull() && !a.address.isLoopback())
            list.append(a);
    }
    return list;
}

QHostAddress sourceAddressFor(const QHostAddress &target)
{
    const QHostAddress to = normalizedAddress(target);
    if (to.isNull())
        return {};
    const bool v4 = to.protocol() == QAbstractSocket::IPv4Protocol;
    const int fd = ::socket(v4 ? AF_INET : AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return {};
    QHostAddress result;
    // connect() on a UDP socket only chooses the route and the source address; nothing is sent.
    if (v4) {
        sockaddr_in sa{};
        sa.sin_family = AF_INET;
        sa.sin_port = htons(9);
        sa.sin_addr.s_addr = htonl(to.toIPv4Address());
        sockaddr_in local{};
        socklen_t length = sizeof(local);
        if (::connect(fd, reinterpret_cast<sockaddr *>(&sa), sizeof(sa)) == 0
            && ::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &length) == 0)
            result = QHostAddress(ntohl(local.sin_addr.s_addr));
    } else {
        sockaddr_in6 sa{};
        sa.sin6_family = AF_INET6;
        sa.sin6_port = htons(9);
        const Q_IPV6ADDR bytes = to.toIPv6Address();
        std::memcpy(&sa.sin6_addr, &bytes, sizeof(bytes));
        bool ok = false;
        const int scope = to.scopeId().toInt(&ok);
        sa.sin6_scope_id = ok ? uint32_t(scope)
                              : uint32_t(QNetworkInterface::interfaceIndexFromName(to.scopeId()));
        sockaddr_in6 local{};
        socklen_t length = sizeof(local);
        if (::connect(fd, reinterpret_cast<sockaddr *>(&sa), sizeof(sa)) == 0
            && ::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &length) == 0)
            result = QHostAddress(reinterpret_cast<const quint8 *>(&local.sin6_addr));
    }
    ::close(fd);
    return result;
}
