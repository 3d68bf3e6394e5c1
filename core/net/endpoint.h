#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QString>

/// A UDP peer: an address and a port. Values come only from the strict parsers below, so an
/// Endpoint that isValid() can be handed to writeDatagram() as it is.
struct Endpoint
{
    QHostAddress address;
    quint16 port = 0;

    /// True when the address is a concrete target (not null, not unspecified) and port > 0.
    bool isValid() const;
    /// "192.168.0.2:6666" or "[fe80::1%eth0]:6666"; IPv4-mapped IPv6 shown as IPv4.
    QString toString() const;

    friend bool operator==(const Endpoint &a, const Endpoint &b)
    {
        return a.port == b.port && a.address.isEqual(b.address);
    }
    friend bool operator!=(const Endpoint &a, const Endpoint &b) { return !(a == b); }
};

/// Strict parsing of what a person types as a target, with a specific reason on failure.
/// Canonical dotted-quad IPv4 only (no "10.1", "0177.0.0.1", "0x7f.0.0.1", "2130706433"), IPv6
/// with an optional %interface, no host names, no unspecified address. Surrounding white space is
/// ignored; nothing else is corrected silently.
class EndpointParser
{
    Q_DECLARE_TR_FUNCTIONS(EndpointParser)
public:
    enum class AddressError {
        None,
        Empty,
        Unspecified, // 0.0.0.0 or ::
        HasPort, // "1.2.3.4:5000"
        Brackets, // "[::1]"
        ShortForm, // "10.1", "0177.0.0.1", "0x7f.0.0.1", "2130706433", "01.2.3.4"
        OctetRange, // "256.1.1.1"
        HostName, // "localhost", "example.org"
        BadIPv6, // contains ':' but is not an IPv6 address
        MissingScope, // link-local IPv6 without %interface
        NoSuchInterface, // "%eth9" names no interface of this computer
        Invalid, // anything else
    };
    enum class PortError { None, Empty, NotANumber, OutOfRange };

    struct AddressResult
    {
        QHostAddress address;
        AddressError error = AddressError::None;
        bool ok() const { return error == AddressError::None; }
    };
    struct PortResult
    {
        quint16 port = 0;
        PortError error = PortError::None;
        bool ok() const { return error == PortError::None; }
    };
    struct EndpointResult
    {
        Endpoint endpoint;
        QString error; // empty when ok
        bool ok() const { return error.isEmpty(); }
    };

    static AddressResult parseAddress(const QString &text);
    /// Decimal 1..65535 ("0", "+80", "0x50", "08", "65536" are rejected).
    static PortResult parsePort(const QString &text);
    /// A port to listen on: parsePort(), or "0" for any free port.
    static PortResult parseBindPort(const QString &text);
    /// "a.b.c.d:port" or "[ipv6]:port" (as given to --target).
    static EndpointResult parseEndpoint(const QString &text);

    /// One sentence a person can act on; empty for None.
    static QString describe(AddressError error);
    static QString describe(PortError error);
};

/// The address as people write it: IPv4-mapped IPv6 (::ffff:a.b.c.d) becomes a.b.c.d, the IPv6
/// scope is kept.
QString displayAddress(const QHostAddress &address);
/// The same normalisation as a value, for grouping and comparisons.
QHostAddress normalizedAddress(const QHostAddress &address);
/// Whether @p a and @p b are the same address with the same IPv6 scope (QHostAddress's == does
/// not compare scopes: fe80::1%eth0 == fe80::1%eth1).
bool sameAddress(const QHostAddress &a, const QHostAddress &b);
