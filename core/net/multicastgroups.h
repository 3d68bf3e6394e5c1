#pragma once

#include <QAbstractSocket>
#include <QCoreApplication>
#include <QHostAddress>
#include <QList>
#include <QNetworkInterface>
#include <QString>
#include <QStringList>

/// A multicast group to join: an IPv4 (224.0.0.0/4) or IPv6 (ff00::/8) address, on one named
/// interface or, with an empty name, on every interface that is up and can do multicast.
struct MulticastGroup
{
    QHostAddress address; ///< without scope; IPv4 as IPv4, never IPv4-mapped
    QString interfaceName; ///< empty: every up, multicast-capable interface

    /// "239.255.77.1", "ff12::2115%eth0", as --join takes it.
    QString toString() const;

    friend bool operator==(const MulticastGroup &a, const MulticastGroup &b)
    {
        return a.interfaceName == b.interfaceName && a.address.isEqual(b.address);
    }
    friend bool operator!=(const MulticastGroup &a, const MulticastGroup &b) { return !(a == b); }
};

/// Checks and choices around multicast groups, without touching any socket. Every error is a
/// sentence a person can act on.
class Multicast
{
    Q_DECLARE_TR_FUNCTIONS(Multicast)
public:
    /// Largest TTL / hop limit; the default is 1 (the local network only).
    static constexpr int MaxTtl = 255;
    static constexpr int DefaultTtl = 1;

    struct GroupResult
    {
        MulticastGroup group;
        QString error; ///< empty when ok
        bool ok() const { return error.isEmpty(); }
    };
    struct InterfaceResult
    {
        QNetworkInterface interface; ///< invalid: leave the choice to the system
        QString error; ///< empty when ok
        bool ok() const { return error.isEmpty(); }
    };

    /// True for 224.0.0.0/4 (also IPv4-mapped) and ff00::/8.
    static bool isMulticast(const QHostAddress &address);
    /// @p address as IPv4 when it is IPv4-mapped, without scope.
    static QHostAddress plain(const QHostAddress &address);

    /// "GROUP" or "GROUP%INTERFACE", e.g. "239.255.77.1%eth0" or "ff12::2115". Only the address
    /// is checked here (strictly, as EndpointParser does); the interface is checked on joining.
    static GroupResult parseGroup(const QString &text);

    /// The interface called @p name, if it exists, is up and can do multicast (the loopback
    /// interface counts: it keeps the traffic on this computer).
    static InterfaceResult findInterface(const QString &name);

    /// The up, non-loopback interfaces that can do multicast and have an address of
    /// @p protocol (IPv4 or IPv6), in the system's order.
    static QList<QNetworkInterface> lanInterfaces(QAbstractSocket::NetworkLayerProtocol protocol);

    /// Where a datagram to @p group goes out: the interface named @p name (or in the group's
    /// IPv6 scope), else the only LAN interface there is; else an invalid one (the system
    /// chooses, by its routes). An error only for a named interface that cannot be used.
    static InterfaceResult outgoingInterface(const QHostAddress &group, const QString &name);

    /// What matters for memberships about every interface (index, name, up, multicast, which
    /// address families it has), as one string: when it changes, groups are joined again.
    static QString interfaceState();

    /// The end of a "Not sent" sentence when the system refused a datagram to @p group: what
    /// to do about it.
    static QString noRouteAdvice(const QHostAddress &group);
};
