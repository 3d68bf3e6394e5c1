#pragma once

#include <QHostAddress>
#include <QList>
#include <QString>

/// This computer's addresses, for "Your addresses" and the broadcast targets.
struct LocalAddress
{
    QString interfaceName; ///< human-readable name, e.g. "eth0"
    QHostAddress address; ///< IPv6 link-local addresses carry their scope
    int prefixLength = -1;
    QHostAddress broadcast; ///< IPv4 subnet broadcast, or null
};

/// Addresses of the interfaces that are up, loopback last; IPv4 before IPv6 within an interface.
QList<LocalAddress> localAddresses();

/// The subnet broadcast address of each up, broadcast-capable, non-loopback IPv4 interface.
QList<LocalAddress> broadcastCapableAddresses();

/// The local address the system would send from to reach @p target (what the peer sees as our
/// address), found with connect() on an unbound UDP socket: no packet is sent. Null when there is
/// no route or @p target is null.
QHostAddress sourceAddressFor(const QHostAddress &target);
