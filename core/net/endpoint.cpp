#include "core/net/endpoint.h"

#include <QNetworkInterface>
#include <QRegularExpression>

namespace {

bool isAsciiDigits(QStringView s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

// Four decimal parts without leading zeros, each 0..255. Returns the error class otherwise.
EndpointParser::AddressError checkDottedQuad(const QString &text)
{
    const QStringList parts = text.split(u'.');
    if (parts.size() != 4)
        return EndpointParser::AddressError::ShortForm;
    for (const QString &part : parts) {
        if (!isAsciiDigits(part))
            return EndpointParser::AddressError::ShortForm;
        if (part.size() > 1 && part.front() == u'0')
            return EndpointParser::AddressError::ShortForm; // would be octal for inet_aton
        if (part.size() > 3 || part.toInt() > 255)
            return EndpointParser::AddressError::OctetRange;
    }
    return EndpointParser::AddressError::None;
}

bool looksLikeHostName(const QString &text)
{
    static const QRegularExpression hostName(
            QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*"
                           "[A-Za-z0-9])?)*\\.?$"));
    return hostName.match(text).hasMatch();
}

} // namespace

bool Endpoint::isValid() const
{
    if (port == 0 || address.isNull())
        return false;
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return v4 != 0;
    return address != QHostAddress(QHostAddress::AnyIPv6);
}

QString Endpoint::toString() const
{
    const QHostAddress shown = normalizedAddress(address);
    if (shown.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(shown.toString(), QString::number(port));
    // One multi-arg call: a scope such as "%1" must not be taken for a placeholder.
    return QStringLiteral("%1:%2").arg(shown.toString(), QString::number(port));
}

namespace {
using AddressResult = EndpointParser::AddressResult;
using AddressError = EndpointParser::AddressError;

// An address without ':': IPv4 in the dotted form, or something that is not.
AddressResult parseIPv4(const QString &text)
{
    bool allDigitsAndDots = true;
    for (QChar c : text) {
        if (c != u'.' && (c < u'0' || c > u'9'))
            allDigitsAndDots = false;
    }
    if (!allDigitsAndDots) {
        static const QRegularExpression hexPart(QStringLiteral("(^|\\.)0[xX]"));
        if (hexPart.match(text).hasMatch())
            return {{}, AddressError::ShortForm};
        return {{}, looksLikeHostName(text) ? AddressError::HostName : AddressError::Invalid};
    }
    const AddressError quad = checkDottedQuad(text);
    if (quad != AddressError::None)
        return {{}, quad};
    const QHostAddress address(text);
    if (address.isNull())
        return {{}, AddressError::Invalid};
    if (address.toIPv4Address() == 0)
        return {{}, AddressError::Unspecified};
    return {address, AddressError::None};
}

// An IPv6 address, with its scope ("%eth0" or "%2") where it has one.
AddressResult parseIPv6(const QString &text)
{
    const qsizetype percent = text.indexOf(u'%');
    const QString bare = percent >= 0 ? text.left(percent) : text;
    const QString scope = percent >= 0 ? text.mid(percent + 1) : QString();
    QHostAddress address;
    if (!address.setAddress(bare) || address.protocol() != QAbstractSocket::IPv6Protocol)
        return {{}, AddressError::BadIPv6};
    if (percent >= 0 && scope.isEmpty())
        return {{}, AddressError::MissingScope};
    if (address == QHostAddress(QHostAddress::AnyIPv6))
        return {{}, AddressError::Unspecified};
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4 && v4 == 0)
        return {{}, AddressError::Unspecified};
    if (address.isLinkLocal() && scope.isEmpty())
        return {{}, AddressError::MissingScope};
    if (!scope.isEmpty()) {
        bool numeric = false;
        const int index = scope.toInt(&numeric);
        const bool exists = numeric ? QNetworkInterface::interfaceFromIndex(index).isValid()
                                    : QNetworkInterface::interfaceIndexFromName(scope) > 0;
        if (!exists)
            return {{}, AddressError::NoSuchInterface};
        address.setScopeId(scope);
    }
    return {address, AddressError::None};
}
} // namespace

EndpointParser::AddressResult EndpointParser::parseAddress(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return {{}, AddressError::Empty};
    if (text.startsWith(u'['))
        return {{}, AddressError::Brackets};
    if (!text.contains(u':'))
        return parseIPv4(text); // or a short form of it, or a host name
    // Exactly one ':' after something IPv4-like is "host:port".
    if (text.count(u':') == 1) {
        const QString host = text.section(u':', 0, 0);
        if (host.contains(u'.') || looksLikeHostName(host))
            return {{}, AddressError::HasPort};
    }
    return parseIPv6(text);
}

EndpointParser::PortResult EndpointParser::parsePort(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return {0, PortError::Empty};
    if (!isAsciiDigits(text))
        return {0, PortError::NotANumber};
    if (text.size() > 5 || text.front() == u'0')
        return {0, PortError::OutOfRange};
    const int value = text.toInt();
    if (value < 1 || value > 65535)
        return {0, PortError::OutOfRange};
    return {static_cast<quint16>(value), PortError::None};
}

EndpointParser::PortResult EndpointParser::parseBindPort(const QString &text)
{
    if (text.trimmed() == QLatin1String("0"))
        return {0, PortError::None};
    return parsePort(text);
}

EndpointParser::EndpointResult EndpointParser::parseEndpoint(const QString &input)
{
    const QString text = input.trimmed();
    QString host;
    QString port;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || text.mid(close + 1, 1) != QLatin1String(":"))
            return {{}, tr("Write an IPv6 target as [address]:port, for example [::1]:6666.")};
        host = text.mid(1, close - 1);
        port = text.mid(close + 2);
        if (!host.contains(u':'))
            return {{}, tr("Brackets are only for IPv6 addresses; write IPv4 as address:port.")};
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon < 0)
            return {{}, tr("The target needs a port, for example 127.0.0.1:6666.")};
        host = text.left(colon);
        port = text.mid(colon + 1);
        if (host.contains(u':'))
            return {{}, tr("Write an IPv6 target as [address]:port, for example [::1]:6666.")};
    }
    const AddressResult a = parseAddress(host);
    if (!a.ok())
        return {{}, describe(a.error)};
    const PortResult p = parsePort(port);
    if (!p.ok())
        return {{}, describe(p.error)};
    return {Endpoint{a.address, p.port}, QString()};
}

QString EndpointParser::describe(AddressError error)
{
    switch (error) {
    case AddressError::None:
        return {};
    case AddressError::Empty:
        return tr("Type the IP address of the peer, for example 192.168.0.102.");
    case AddressError::Unspecified:
        return tr("0.0.0.0 and :: mean \"any address\" and cannot be a target; "
                  "use 127.0.0.1 for this computer.");
    case AddressError::HasPort:
        return tr("Type the port in the Port field, not after the address.");
    case AddressError::Brackets:
        return tr("Type the IPv6 address without brackets.");
    case AddressError::ShortForm:
        return tr("Type all four parts as plain decimal numbers without leading zeros, "
                  "for example 10.0.0.1.");
    case AddressError::OctetRange:
        return tr("Each part of an IPv4 address is a number from 0 to 255.");
    case AddressError::HostName:
        return tr("Host names are not looked up; type an IP address (127.0.0.1 for this "
                  "computer).");
    case AddressError::BadIPv6:
        return tr("This is not a valid IPv6 address.");
    case AddressError::MissingScope:
        return tr("A link-local IPv6 address needs its interface, for example fe80::1%eth0.");
    case AddressError::NoSuchInterface:
        return tr("This computer has no network interface of that name (after the %).");
    case AddressError::Invalid:
        break;
    }
    return tr("This is not an IP address; type one like 192.168.0.102 or fd00::2.");
}

QString EndpointParser::describe(PortError error)
{
    switch (error) {
    case PortError::None:
        return {};
    case PortError::Empty:
        return tr("Type the port the peer listens on (1 to 65535).");
    case PortError::NotANumber:
        return tr("The port is a decimal number from 1 to 65535.");
    case PortError::OutOfRange:
        break;
    }
    return tr("The port must be a number from 1 to 65535.");
}

QHostAddress normalizedAddress(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4 && address.protocol() == QAbstractSocket::IPv6Protocol)
        return QHostAddress(v4);
    return address;
}

bool sameAddress(const QHostAddress &a, const QHostAddress &b)
{
    return a == b && (a.protocol() != QAbstractSocket::IPv6Protocol || a.scopeId() == b.scopeId());
}

QString displayAddress(const QHostAddress &address)
{
    return normalizedAddress(address).toString();
}
