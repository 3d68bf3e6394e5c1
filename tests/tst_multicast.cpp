// Multicast groups (issue 18) without any traffic on a real interface: address and interface
// checks, the socket options as the kernel reports them, and joins on the loopback interface
// (its traffic never leaves this computer; the three-host tests are in lansim/).

#include "core/config/commandline.h"
#include "core/net/multicastgroups.h"
#include "core/net/udpchannel.h"
#include "tests/loopback.h"

#include <QSignalSpy>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>

namespace {
const QString kNoSuchInterface = QStringLiteral("udpchatnoif0");

int intOption(const UdpChannel &channel, int level, int name)
{
    int value = -1;
    socklen_t size = sizeof value;
    if (::getsockopt(static_cast<int>(channel.socketDescriptor()), level, name, &value, &size) != 0)
        return -2;
    // IP_MULTICAST_TTL and IP_MULTICAST_LOOP may come back as one byte.
    return size == 1 ? static_cast<unsigned char>(value & 0xff) : value;
}

QByteArrayList payloads(const QSignalSpy &spy)
{
    QByteArrayList all;
    for (const QList<QVariant> &args : spy) {
        const auto batch = args.at(0).value<QList<Datagram>>();
        for (const Datagram &datagram : batch)
            all.append(datagram.payload);
    }
    return all;
}

MulticastGroup group(const char *address, const QString &interfaceName)
{
    return MulticastGroup{QHostAddress(QString::fromLatin1(address)), interfaceName};
}

// @p receiver listens and joins @p groups (on the loopback interface @p lo); @p sender listens
// and sends to groups on @p lo.
bool joinOnLoopback(UdpChannel &receiver, UdpChannel &sender, const QString &lo,
                    const QList<MulticastGroup> &groups)
{
    if (!receiver.listen(0) || !sender.listen(0))
        return false;
    for (const MulticastGroup &g : groups) {
        if (!receiver.joinGroup(g).isEmpty())
            return false;
    }
    sender.setMulticastInterface(lo);
    return true;
}
} // namespace

class tst_Multicast : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void parseGroup_data();
    void parseGroup();
    void unicastRefusedInASentence();
    void noSuchInterface();
    void joinRefusesUnicast();
    void joinOnMissingInterfaceSaysWhy();
    void ttlAndLoopbackOnTheSocket();
    void sendOnMissingInterfaceIsRefused();
    void rejoinAfterRebind();
    void twoGroupsOnOnePortAndLeave();
    void desktopCommandLineJoin();
    void destinationsReadOnlyWhileJoined();
    void datagramSaysItsGroup_data();
    void datagramSaysItsGroup();
    void countsPerGroup();
    void interfacesWatchedOnlyWithGroups();

private:
    QString m_lo;
};

void tst_Multicast::initTestCase()
{
    m_lo = Loopback::interfaceName();
    QVERIFY2(!m_lo.isEmpty(), "this computer has no loopback interface");
    QVERIFY(!QNetworkInterface::interfaceFromName(kNoSuchInterface).isValid());
}

void tst_Multicast::parseGroup_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("interfaceName");

    QTest::newRow("IPv4 group") << "239.255.77.1" << true << "239.255.77.1"
                                << "";
    QTest::newRow("lowest IPv4 group") << "224.0.0.0" << true << "224.0.0.0"
                                       << "";
    QTest::newRow("highest IPv4 group") << "239.255.255.255" << true << "239.255.255.255"
                                        << "";
    QTest::newRow("IPv4 on an interface") << "239.255.43.21%eth0" << true << "239.255.43.21"
                                          << "eth0";
    QTest::newRow("IPv6 group") << "ff12::2115" << true << "ff12::2115"
                                << "";
    QTest::newRow("IPv6 on an interface") << "ff15::979%eth1" << true << "ff15::979"
                                          << "eth1";
    QTest::newRow("unicast IPv4") << "10.99.0.2" << false << ""
                                  << "";
    QTest::newRow("just below 224") << "223.255.255.255" << false << ""
                                    << "";
    QTest::newRow("class E") << "240.0.0.1" << false << ""
                             << "";
    QTest::newRow("broadcast") << "255.255.255.255" << false << ""
                               << "";
    QTest::newRow("unicast IPv6") << "fd00::1" << false << ""
                                  << "";
    QTest::newRow("short form") << "239.1" << false << ""
                                << "";
    QTest::newRow("host name") << "localhost" << false << ""
                               << "";
    QTest::newRow("empty") << "" << false << ""
                           << "";
    QTest::newRow("empty interface") << "239.255.77.1%" << false << ""
                                     << "";
    QTest::newRow("with a port") << "239.255.77.1:7000" << false << ""
                                 << "";
}

void tst_Multicast::parseGroup()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, address);
    QFETCH(QString, interfaceName);
    const Multicast::GroupResult result = Multicast::parseGroup(text);
    QCOMPARE(result.ok(), ok);
    if (ok) {
        QCOMPARE(result.group.address, QHostAddress(address));
        QCOMPARE(result.group.interfaceName, interfaceName);
        QCOMPARE(result.group.toString(), text);
    } else {
        QVERIFY(!result.error.isEmpty());
        QVERIFY2(result.error.endsWith(u'.'), qPrintable(result.error));
    }
}

void tst_Multicast::unicastRefusedInASentence()
{
    const Multicast::GroupResult result = Multicast::parseGroup(QStringLiteral("10.99.0.2"));
    QCOMPARE(result.error,
             QStringLiteral("10.99.0.2 is not a multicast group: use an IPv4 address from "
                            "224.0.0.0 to 239.255.255.255 (e.g. 239.255.77.1) or an IPv6 address "
                            "starting with ff (e.g. ff12::2115)."));
    QVERIFY(Multicast::isMulticast(QHostAddress(QStringLiteral("::ffff:239.1.2.3"))));
    QVERIFY(!Multicast::isMulticast(QHostAddress()));
}

void tst_Multicast::noSuchInterface()
{
    const Multicast::InterfaceResult result = Multicast::findInterface(kNoSuchInterface);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.startsWith(QStringLiteral("this computer has no interface named '%1'")
                                             .arg(kNoSuchInterface)),
             qPrintable(result.error));
    const Multicast::InterfaceResult lo = Multicast::findInterface(m_lo);
    QVERIFY2(lo.ok(), qPrintable(lo.error));
    QCOMPARE(lo.interface.name(), m_lo);
    // Loopback is never one of the LAN interfaces an unnamed group joins or sends on.
    for (const QNetworkInterface &interface :
         Multicast::lanInterfaces(QAbstractSocket::IPv4Protocol)) {
        QVERIFY(!interface.flags().testFlag(QNetworkInterface::IsLoopBack));
    }
}

void tst_Multicast::joinRefusesUnicast()
{
    UdpChannel channel;
    QVERIFY(channel.listen(0));
    QSignalSpy changed(&channel, &UdpChannel::groupsChanged);
    const QString error = channel.joinGroup(group("10.99.0.2", m_lo));
    QVERIFY2(error.startsWith(QStringLiteral("Cannot join 10.99.0.2: it is not a multicast group")),
             qPrintable(error));
    QVERIFY(channel.groups().isEmpty());
    QCOMPARE(changed.count(), 0);
}

void tst_Multicast::joinOnMissingInterfaceSaysWhy()
{
    UdpChannel channel;
    QVERIFY(channel.listen(0));
    const QString error = channel.joinGroup(group("239.255.77.1", kNoSuchInterface));
    QVERIFY2(error.startsWith(QStringLiteral("Cannot join 239.255.77.1%%1: this computer has no "
                                             "interface named '%1'")
                                      .arg(kNoSuchInterface)),
             qPrintable(error));
    // Kept, to be tried again when the interface comes, but joined nowhere.
    QCOMPARE(channel.groups().size(), 1);
    QVERIFY(channel.groups().constFirst().joinedOn.isEmpty());
    QCOMPARE(channel.groups().constFirst().error, error);
}

void tst_Multicast::ttlAndLoopbackOnTheSocket()
{
    UdpChannel channel;
    QCOMPARE(channel.multicastTtl(), 1);
    QVERIFY(channel.multicastLoopback());
    QVERIFY(channel.listen(0));
    QCOMPARE(intOption(channel, IPPROTO_IP, IP_MULTICAST_TTL), 1);
    QCOMPARE(intOption(channel, IPPROTO_IPV6, IPV6_MULTICAST_HOPS), 1);
    QCOMPARE(intOption(channel, IPPROTO_IP, IP_MULTICAST_LOOP), 1);
    QCOMPARE(intOption(channel, IPPROTO_IPV6, IPV6_MULTICAST_LOOP), 1);
    QCOMPARE(intOption(channel, IPPROTO_IP, IP_MULTICAST_ALL), 0);

    channel.setMulticastTtl(7);
    channel.setMulticastLoopback(false);
    QCOMPARE(intOption(channel, IPPROTO_IP, IP_MULTICAST_TTL), 7);
    QCOMPARE(intOption(channel, IPPROTO_IPV6, IPV6_MULTICAST_HOPS), 7);
    QCOMPARE(intOption(channel, IPPROTO_IP, IP_MULTICAST_LOOP), 0);
    QCOMPARE(intOption(channel, IPPROTO_IPV6, IPV6_MULTICAST_LOOP), 0);

    // A new port keeps the settings.
    QVERIFY(channel.listen(0));
    QCOMPARE(intOption(channel, IPPROTO_IP, IP_MULTICAST_TTL), 7);
    QCOMPARE(intOption(channel, IPPROTO_IPV6, IPV6_MULTICAST_HOPS), 7);
    QCOMPARE(intOption(channel, IPPROTO_IP, IP_MULTICAST_LOOP), 0);

    channel.setMulticastTtl(1000);
    QCOMPARE(channel.multicastTtl(), 255);
    QCOMPARE(intOption(channel, IPPROTO_IP, IP_MULTICAST_TTL), 255);
}

void tst_Multicast::sendOnMissingInterfaceIsRefused()
{
    UdpChannel channel;
    QVERIFY(channel.listen(0));
    channel.setMulticastInterface(kNoSuchInterface);
    const UdpChannel::SendResult result = channel.send(
            "x", Endpoint{QHostAddress(QStringLiteral("239.255.77.1")), channel.localPort()});
    QCOMPARE(result.error, UdpChannel::SendError::InvalidTarget);
    QVERIFY2(result.message.startsWith(QStringLiteral("Not sent: this computer has no interface "
                                                      "named '%1'")
                                               .arg(kNoSuchInterface)),
             qPrintable(result.message));
}

void tst_Multicast::rejoinAfterRebind()
{
    UdpChannel receiver;
    QSignalSpy received(&receiver, &UdpChannel::datagramsReceived);
    QVERIFY(receiver.listen(0));
    const MulticastGroup g = group("239.255.77.201", m_lo);
    QCOMPARE(receiver.joinGroup(g), QString());
    QCOMPARE(receiver.groups().constFirst().joinedOn, QStringList{m_lo});

    const quint16 firstPort = receiver.localPort();
    QVERIFY(receiver.listen(0)); // a new socket: the kernel dropped the old memberships
    QVERIFY(receiver.localPort() != firstPort);
    QCOMPARE(receiver.groups().size(), 1);
    QCOMPARE(receiver.groups().constFirst().joinedOn, QStringList{m_lo});

    // Without the membership on lo, the kernel would not deliver this to any socket.
    UdpChannel sender;
    QVERIFY(sender.listen(0));
    sender.setMulticastInterface(m_lo);
    const UdpChannel::SendResult sent =
            sender.send("after rebind", Endpoint{g.address, receiver.localPort()});
    QVERIFY2(sent.ok(), qPrintable(sent.message));
    QTRY_VERIFY(payloads(received).contains("after rebind"));
}

void tst_Multicast::twoGroupsOnOnePortAndLeave()
{
    UdpChannel receiver;
    QSignalSpy received(&receiver, &UdpChannel::datagramsReceived);
    UdpChannel sender;
    const MulticastGroup a = group("239.255.77.202", m_lo);
    const MulticastGroup b = group("239.255.77.203", m_lo);
    QVERIFY(joinOnLoopback(receiver, sender, m_lo, {a, b}));
    QCOMPARE(receiver.joinGroup(b), QString()); // once is enough
    QCOMPARE(receiver.groups().size(), 2);

    const quint16 port = receiver.localPort();
    QVERIFY(sender.send("to a", Endpoint{a.address, port}).ok());
    QVERIFY(sender.send("to b", Endpoint{b.address, port}).ok());
    QTRY_VERIFY(payloads(received).contains("to a") && payloads(received).contains("to b"));

    QVERIFY(receiver.leaveGroup(a));
    QVERIFY(!receiver.leaveGroup(a));
    QCOMPARE(receiver.groups().size(), 1);
    received.clear();
    // a first, then b, from one socket over lo: once b is here, a would have been too.
    QVERIFY(sender.send("to a after leaving", Endpoint{a.address, port}).ok());
    QVERIFY(sender.send("to b still joined", Endpoint{b.address, port}).ok());
    QTRY_VERIFY(payloads(received).contains("to b still joined"));
    QVERIFY(!payloads(received).contains("to a after leaving"));
}

void tst_Multicast::desktopCommandLineJoin()
{
    const CommandLine::Result ok = CommandLine::parse(
            {QStringLiteral("udpchat"), QStringLiteral("--join"), QStringLiteral("239.255.77.1"),
             QStringLiteral("--join"), QStringLiteral("ff12::2115%eth0"), QStringLiteral("--join"),
             QStringLiteral("239.255.77.1")});
    QCOMPARE(ok.action, CommandLine::Action::Run);
    QCOMPARE(ok.groups.size(), 2);
    QCOMPARE(ok.groups.at(0).toString(), QStringLiteral("239.255.77.1"));
    QCOMPARE(ok.groups.at(1).toString(), QStringLiteral("ff12::2115%eth0"));

    const CommandLine::Result refused = CommandLine::parse(
            {QStringLiteral("udpchat"), QStringLiteral("--join"), QStringLiteral("10.99.0.2")});
    QCOMPARE(refused.action, CommandLine::Action::Error);
    QVERIFY2(refused.text.contains(QStringLiteral("invalid --join: 10.99.0.2 is not a multicast "
                                                  "group")),
             qPrintable(refused.text));
}

void tst_Multicast::destinationsReadOnlyWhileJoined()
{
    // Qt asks the kernel for every datagram's destination on each UDP socket; without a group
    // it is not needed, and unicast reading does without.
    UdpChannel channel;
    QVERIFY(channel.listen(0));
    QVERIFY(!channel.readsDestinations());
    QCOMPARE(intOption(channel, IPPROTO_IP, IP_PKTINFO), 0);
    QCOMPARE(intOption(channel, IPPROTO_IPV6, IPV6_RECVPKTINFO), 0);

    const MulticastGroup g = group("239.255.77.206", m_lo);
    QCOMPARE(channel.joinGroup(g), QString());
    QVERIFY(channel.readsDestinations());
    QCOMPARE(intOption(channel, IPPROTO_IP, IP_PKTINFO), 1);
    QCOMPARE(intOption(channel, IPPROTO_IPV6, IPV6_RECVPKTINFO), 1);
    QVERIFY(channel.listen(0)); // a new socket: asked for again
    QCOMPARE(intOption(channel, IPPROTO_IPV6, IPV6_RECVPKTINFO), 1);

    QVERIFY(channel.leaveGroup(g));
    QVERIFY(!channel.readsDestinations());
    QCOMPARE(intOption(channel, IPPROTO_IP, IP_PKTINFO), 0);
    QCOMPARE(intOption(channel, IPPROTO_IPV6, IPV6_RECVPKTINFO), 0);

    // A group that could not be joined anywhere does not make unicast pay either.
    QVERIFY(!channel.joinGroup(group("239.255.77.206", kNoSuchInterface)).isEmpty());
    QVERIFY(!channel.readsDestinations());
    QCOMPARE(intOption(channel, IPPROTO_IPV6, IPV6_RECVPKTINFO), 0);
}

void tst_Multicast::datagramSaysItsGroup_data()
{
    QTest::addColumn<bool>("batched");
    QTest::newRow("batched") << true;
    QTest::newRow("portable") << false;
}

void tst_Multicast::datagramSaysItsGroup()
{
    QFETCH(bool, batched);
    UdpChannel receiver;
    receiver.setReadMethod(batched ? UdpChannel::ReadMethod::Batched
                                   : UdpChannel::ReadMethod::Portable);
    QSignalSpy received(&receiver, &UdpChannel::datagramsReceived);
    UdpChannel sender;
    QVERIFY(joinOnLoopback(receiver, sender, m_lo, {group("239.255.77.207", m_lo)}));
    const quint16 port = receiver.localPort();
    QVERIFY(sender.send("to the group",
                        Endpoint{QHostAddress(QStringLiteral("239.255.77.207")), port})
                    .ok());
    QVERIFY(sender.send("unicast", Endpoint{QHostAddress::LocalHost, port}).ok());
    QVERIFY(sender.send("unicast v6", Endpoint{QHostAddress::LocalHostIPv6, port}).ok());
    QMap<QByteArray, QString> groups;
    QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QList<QVariant> &args : std::as_const(received)) {
                    for (const Datagram &d : args.at(0).value<QList<Datagram>>())
                        groups.insert(d.payload, d.group);
                }
                return groups.size() == 3;
            }(),
            10000);
    QCOMPARE(groups.value("to the group"), QStringLiteral("239.255.77.207"));
    QCOMPARE(groups.value("unicast"), QString());
    QCOMPARE(groups.value("unicast v6"), QString());
}

void tst_Multicast::countsPerGroup()
{
    UdpChannel receiver;
    QSignalSpy traffic(&receiver, &UdpChannel::groupTrafficReceived);
    UdpChannel sender;
    const MulticastGroup a = group("239.255.77.208", m_lo);
    const MulticastGroup b = group("239.255.77.209", m_lo);
    QVERIFY(joinOnLoopback(receiver, sender, m_lo, {a, b}));
    QCOMPARE(receiver.groupReceivedCount(a.address), 0u);
    const quint16 port = receiver.localPort();
    for (int i = 0; i < 3; ++i)
        QVERIFY(sender.send("a", Endpoint{a.address, port}).ok());
    QVERIFY(sender.send("b", Endpoint{b.address, port}).ok());
    QVERIFY(sender.send("unicast", Endpoint{QHostAddress::LocalHost, port}).ok());
    QTRY_COMPARE(receiver.receivedCount(), 5u);
    QCOMPARE(receiver.groupReceivedCount(a.address), 3u);
    QCOMPARE(receiver.groupReceivedCount(b.address), 1u);
    QVERIFY(!traffic.isEmpty());

    // Kept across a new port; forgotten when the group is left.
    QVERIFY(receiver.listen(0));
    QCOMPARE(receiver.groupReceivedCount(a.address), 3u);
    QVERIFY(receiver.leaveGroup(a));
    QCOMPARE(receiver.groupReceivedCount(a.address), 0u);
    QCOMPARE(receiver.groupReceivedCount(b.address), 1u);
    QCOMPARE(receiver.joinGroup(a), QString());
    QCOMPARE(receiver.groupReceivedCount(a.address), 0u);
}

void tst_Multicast::interfacesWatchedOnlyWithGroups()
{
    UdpChannel channel;
    QVERIFY(channel.listen(0));
    QVERIFY(!channel.watchesInterfaces());
    const MulticastGroup g = group("239.255.77.210", m_lo);
    QCOMPARE(channel.joinGroup(g), QString());
    QVERIFY(channel.watchesInterfaces());
    channel.close();
    QVERIFY(!channel.watchesInterfaces());
    QVERIFY(channel.listen(0));
    QVERIFY(channel.watchesInterfaces());
    QVERIFY(channel.leaveGroup(g));
    QVERIFY(!channel.watchesInterfaces());
}

QTEST_GUILESS_MAIN(tst_Multicast)
#include "tst_multicast.moc"
