#include "core/net/multicastgroups.h"

#include "core/net/endpoint.h"

namespace {

bool hasAddressOf(const QNetworkInterface &interface,
                  QAbstractSocket::NetworkLayerProtocol protocol)
{
    const QList<QNetworkAddressEntry> entries = interface.addressEntries();
    return std::any_of(entries.begin(), entries.end(), [protocol](const QNetworkAddressEntry &e) {
        return e.ip().protocol() == protocol;
    });
}

bool isUp(const QNetworkInterface &interface)
{
    const auto flags = interface.flags();
    return flags.testFlag(QNetworkInterface::IsUp) && flags.testFlag(QNetworkInterface::IsRunning);
}

QStringList names(const QList<QNetworkInterface> &interfaces)
{
    QStringList result;
    for (const QNetworkInterface &interface : interfaces)
        result.append(interface.name());
    return result;
}

} // namespace

QString MulticastGroup::toString() const
{
    const QString text = Multicast::plain(address).toString();
    return interfaceName.isEmpty() ? text : text + u'%' + interfaceName;
}

bool Multicast::isMulticast(const QHostAddress &address)
{
    return !address.isNull() && plain(address).isMulticast();
}

QHostAddress Multicast::plain(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4);
    QHostAddress result = address;
    result.setScopeId(QString());
    return result;
}

Multicast::GroupResult Multicast::parseGroup(const QString &text)
{
    GroupResult result;
    const qsizetype percent = text.lastIndexOf(u'%');
    const QString addressText = percent >= 0 ? text.left(percent) : text;
    const QString interfaceName = percent >= 0 ? text.mid(percent + 1) : QString();
    if (percent >= 0 && interfaceName.trimmed().isEmpty()) {
        result.error = tr("'%1' names no interface after '%': write GROUP%INTERFACE, e.g. "
                          "239.255.77.1%eth0, or leave out '%' to join on every interface.")
                               .arg(text);
        return result;
    }
    const EndpointParser::AddressResult parsed = EndpointParser::parseAddress(addressText);
    if (!parsed.ok()) {
        result.error = tr("'%1' is not a multicast group: %2")
                               .arg(addressText, EndpointParser::describe(parsed.error));
        return result;
    }
    if (!isMulticast(parsed.address)) {
        result.error = tr("%1 is not a multicast group: use an IPv4 address from 224.0.0.0 to "
                          "239.255.255.255 (e.g. 239.255.77.1) or an IPv6 address starting with "
                          "ff (e.g. ff12::2115).")
                               .arg(plain(parsed.address).toString());
        return result;
    }
    result.group.address = plain(parsed.address);
    result.group.interfaceName = interfaceName.trimmed();
    return result;
}

Multicast::InterfaceResult Multicast::findInterface(const QString &name)
{
    InterfaceResult result;
    const QNetworkInterface interface = QNetworkInterface::interfaceFromName(name);
    if (!interface.isValid()) {
        const QStringList available = names(lanInterfaces(QAbstractSocket::IPv4Protocol)
                                            + lanInterfaces(QAbstractSocket::IPv6Protocol));
        QStringList unique;
        for (const QString &n : available) {
            if (!unique.contains(n))
                unique.append(n);
        }
        result.error = unique.isEmpty()
                               ? tr("this computer has no interface named '%1', and none that is "
                                    "up and can do multicast.")
                                         .arg(name)
                               : tr("this computer has no interface named '%1'; interfaces that "
                                    "can do multicast: %2.")
                                         .arg(name, unique.join(QStringLiteral(", ")));
        return result;
    }
    if (!isUp(interface)) {
        result.error = tr("the interface %1 is down (or has no link); bring it up or choose "
                          "another one.")
                               .arg(name);
        return result;
    }
    const auto flags = interface.flags();
    if (!flags.testFlag(QNetworkInterface::CanMulticast)
        && !flags.testFlag(QNetworkInterface::IsLoopBack)) {
        result.error = tr("the interface %1 cannot do multicast; choose another one.").arg(name);
        return result;
    }
    result.interface = interface;
    return result;
}

QList<QNetworkInterface> Multicast::lanInterfaces(QAbstractSocket::NetworkLayerProtocol protocol)
{
    QList<QNetworkInterface> result;
    const QList<QNetworkInterface> all = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : all) {
        const auto flags = interface.flags();
        if (isUp(interface) && flags.testFlag(QNetworkInterface::CanMulticast)
            && !flags.testFlag(QNetworkInterface::IsLoopBack) && hasAddressOf(interface, protocol))
            result.append(interface);
    }
    return result;
}

Multicast::InterfaceResult Multicast::outgoingInterface(const QHostAddress &group,
                                                        const QString &name)
{
    if (!name.isEmpty())
        return findInterface(name);
    if (!group.scopeId().isEmpty())
        return findInterface(group.scopeId());
    const QList<QNetworkInterface> candidates = lanInterfaces(plain(group).protocol());
    InterfaceResult result;
    if (candidates.size() == 1)
        result.interface = candidates.constFirst();
    return result;
}

QString Multicast::interfaceState()
{
    QString state;
    const QList<QNetworkInterface> all = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : all) {
        const auto flags = interface.flags();
        state += QStringLiteral("%1 %2 %3%4%5%6%7;")
                         .arg(QString::number(interface.index()), interface.name(),
                              QString::number(isUp(interface)),
                              QString::number(flags.testFlag(QNetworkInterface::CanMulticast)),
                              QString::number(flags.testFlag(QNetworkInterface::IsLoopBack)),
                              QString::number(
                                      hasAddressOf(interface, QAbstractSocket::IPv4Protocol)),
                              QString::number(
                                      hasAddressOf(interface, QAbstractSocket::IPv6Protocol)));
    }
    return state;
}

QString Multicast::noRouteAdvice(const QHostAddress &group)
{
    const QList<QNetworkInterface> candidates = lanInterfaces(plain(group).protocol());
    if (candidates.isEmpty()) {
        return tr("no interface that is up can send to the multicast group %1; connect to a "
                  "network first.")
                .arg(plain(group).toString());
    }
    return tr("the system has no route to the multicast group %1; choose the interface to send "
              "on (one of: %2).")
            .arg(plain(group).toString(), names(candidates).join(QStringLiteral(", ")));
}
