#include "core/net/udpchannel.h"
#include "tests/ipv6.h"

#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

namespace {
const QHostAddress kLoopback4(QHostAddress::LocalHost);
const QHostAddress kLoopback6(QHostAddress::LocalHostIPv6);

QList<Datagram> collected(const QSignalSpy &spy)
{
    QList<Datagram> all;
    for (const QList<QVariant> &args : spy)
        all += args.at(0).value<QList<Datagram>>();
    return all;
}

int collectedCount(const QSignalSpy &spy)
{
    return static_cast<int>(collected(spy).size());
}

// A peer program: a plain QUdpSocket on loopback with an OS-chosen port.
struct Peer
{
    explicit Peer(const QHostAddress &address = kLoopback4) { ok = socket.bind(address, 0); }
    // Waits for the next datagram (event loop runs meanwhile).
    QNetworkDatagram next()
    {
        if (!socket.hasPendingDatagrams() && !socket.waitForReadyRead(5000))
            return {};
        return socket.receiveDatagram();
    }
    QUdpSocket socket;
    bool ok = false;
};
} // namespace

class tst_UdpChannel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void listensOnAChosenPort();
    void receives_data();
    void receives();
    void receivesEmptyDatagram();
    void receivesLargestDatagramsWhole_data();
    void receivesLargestDatagramsWhole();
    void keepsBytesExactly();
    void sendsFromTheListeningPort_data();
    void sendsFromTheListeningPort();
    void refusesOversizedPayload();
    void refusesInvalidTargets_data();
    void refusesInvalidTargets();
    void refusesToSendWhenNotListening();
    void reportsBusyPort();
    void rebindsToAnotherPort();
    void drainsInBatchesWithinBudget();
    void readMethodsDeliverTheSame();
    void reportsGrantedReceiveBuffer();
    void keepsReceivingAfterABudgetSplit_data();
    void keepsReceivingAfterABudgetSplit();
};

void tst_UdpChannel::initTestCase()
{
    qRegisterMetaType<QList<Datagram>>();
}

void tst_UdpChannel::listensOnAChosenPort()
{
    UdpChannel channel;
    QSignalSpy changed(&channel, &UdpChannel::listeningChanged);
    QVERIFY(!channel.isListening());
    QVERIFY(channel.listen(0));
    QVERIFY(channel.isListening());
    QVERIFY(channel.localPort() > 0);
    QCOMPARE(channel.requestedPort(), quint16(0));
    QVERIFY(channel.bindError().isEmpty());
    QCOMPARE(changed.size(), 1);
    channel.close();
    QVERIFY(!channel.isListening());
    QCOMPARE(channel.localPort(), quint16(0));
    QCOMPARE(changed.size(), 2);
}

void tst_UdpChannel::receives_data()
{
    QTest::addColumn<QHostAddress>("peerAddress");
    QTest::newRow("IPv4") << kLoopback4;
    QTest::newRow("IPv6") << kLoopback6;
}

void tst_UdpChannel::receives()
{
    QFETCH(QHostAddress, peerAddress);
    UDPCHAT_REQUIRE_IPV6_FOR(peerAddress);
    UdpChannel channel;
    QVERIFY(channel.listen(0));
    QSignalSpy received(&channel, &UdpChannel::datagramsReceived);
    Peer peer(peerAddress);
    QVERIFY(peer.ok);

    QCOMPARE(peer.socket.writeDatagram(QByteArray("hello"), peerAddress, channel.localPort()),
             qint64(5));
    QTRY_COMPARE(collectedCount(received), 1);
    const Datagram d = collected(received).constFirst();
    QCOMPARE(d.payload, QByteArray("hello"));
    QVERIFY(d.sender.isEqual(peerAddress)); // IPv4 arrives as ::ffff:127.0.0.1 on dual-stack
    QCOMPARE(d.senderPort, peer.socket.localPort());
    QCOMPARE(d.time.timeSpec(), Qt::UTC);
    QVERIFY(qAbs(d.time.secsTo(QDateTime::currentDateTimeUtc())) < 60);
}

void tst_UdpChannel::receivesEmptyDatagram()
{
    UdpChannel channel;
    QVERIFY(channel.listen(0));
    QSignalSpy received(&channel, &UdpChannel::datagramsReceived);
    Peer peer;
    QCOMPARE(peer.socket.writeDatagram(QByteArray(), kLoopback4, channel.localPort()), qint64(0));
    QCOMPARE(peer.socket.writeDatagram(QByteArray("after"), kLoopback4, channel.localPort()),
             qint64(5));
    QTRY_COMPARE(collectedCount(received), 2);
    QVERIFY(collected(received).at(0).payload.isEmpty());
    QCOMPARE(collected(received).at(1).payload, QByteArray("after"));
}

void tst_UdpChannel::receivesLargestDatagramsWhole_data()
{
    QTest::addColumn<QHostAddress>("peerAddress");
    QTest::addColumn<int>("size");
    QTest::newRow("IPv4 65507") << kLoopback4 << int(UdpChannel::MaxPayloadIPv4);
    QTest::newRow("IPv6 65527") << kLoopback6 << int(UdpChannel::MaxPayloadIPv6);
}

void tst_UdpChannel::receivesLargestDatagramsWhole()
{
    QFETCH(QHostAddress, peerAddress);
    UDPCHAT_REQUIRE_IPV6_FOR(peerAddress);
    QFETCH(int, size);
    UdpChannel channel;
    QVERIFY(channel.listen(0));
    QSignalSpy received(&channel, &UdpChannel::datagramsReceived);
    Peer peer(peerAddress);
    QByteArray payload(size, '\0');
    for (int i = 0; i < size; ++i)
        payload[i] = char(i * 7 + 3);
    QCOMPARE(peer.socket.writeDatagram(payload, peerAddress, channel.localPort()), qint64(size));
    QTRY_COMPARE(collectedCount(received), 1);
    QCOMPARE(collected(received).constFirst().payload, payload);
}

void tst_UdpChannel::keepsBytesExactly()
{
    UdpChannel channel;
    QVERIFY(channel.listen(0));
    QSignalSpy received(&channel, &UdpChannel::datagramsReceived);
    Peer peer;
    const QList<QByteArray> payloads{QByteArray("a\0b\0", 4), QByteArray("\xff\xfe\xc0\xaf"),
                                     QByteArray("\xc4\xe3\xba\xc3"), QByteArray("line\r\n")};
    for (const QByteArray &p : payloads)
        QCOMPARE(peer.socket.writeDatagram(p, kLoopback4, channel.localPort()), qint64(p.size()));
    QTRY_COMPARE(collectedCount(received), int(payloads.size()));
    for (int i = 0; i < payloads.size(); ++i)
        QCOMPARE(collected(received).at(i).payload, payloads.at(i));
}

void tst_UdpChannel::sendsFromTheListeningPort_data()
{
    receives_data();
}

void tst_UdpChannel::sendsFromTheListeningPort()
{
    QFETCH(QHostAddress, peerAddress);
    UDPCHAT_REQUIRE_IPV6_FOR(peerAddress);
    UdpChannel channel;
    QVERIFY(channel.listen(0));
    Peer peer(peerAddress);
    const auto result =
            channel.send(QByteArray("hi there"), Endpoint{peerAddress, peer.socket.localPort()});
    QVERIFY2(result.ok(), qPrintable(result.message));
    const QNetworkDatagram d = peer.next();
    QCOMPARE(d.data(), QByteArray("hi there"));
    QCOMPARE(d.senderPort(), int(channel.localPort())); // so the peer can reply
}

void tst_UdpChannel::refusesOversizedPayload()
{
    UdpChannel channel;
    QVERIFY(channel.listen(0));
    Peer peer;
    const Endpoint to{kLoopback4, peer.socket.localPort()};
    const auto result = channel.send(QByteArray(UdpChannel::MaxPayloadIPv4 + 1, 'x'), to);
    QCOMPARE(result.error, UdpChannel::SendError::TooLarge);
    QVERIFY(result.message.contains(QString::number(UdpChannel::MaxPayloadIPv4)));
    QVERIFY(channel.isListening()); // a send error never tears the socket down
    QVERIFY(channel.send(QByteArray("marker"), to).ok());
    QCOMPARE(peer.next().data(), QByteArray("marker")); // nothing else arrived before it
    QCOMPARE(UdpChannel::maxPayloadFor(QHostAddress(QStringLiteral("::ffff:10.0.0.1"))),
             UdpChannel::MaxPayloadIPv4);
    QCOMPARE(UdpChannel::maxPayloadFor(kLoopback6), UdpChannel::MaxPayloadIPv6);
}

void tst_UdpChannel::refusesInvalidTargets_data()
{
    QTest::addColumn<QHostAddress>("address");
    QTest::addColumn<bool>("usePeerPort");
    QTest::newRow("null address") << QHostAddress() << true;
    QTest::newRow("Any") << QHostAddress(QHostAddress::Any) << true;
    QTest::newRow("AnyIPv4") << QHostAddress(QHostAddress::AnyIPv4) << true;
    QTest::newRow("AnyIPv6") << QHostAddress(QHostAddress::AnyIPv6) << true;
    QTest::newRow("port 0") << kLoopback4 << false;
}

void tst_UdpChannel::refusesInvalidTargets()
{
    QFETCH(QHostAddress, address);
    QFETCH(bool, usePeerPort);
    UdpChannel channel;
    QVERIFY(channel.listen(0));
    // A peer on the local host: a null or Any target would deliver to it if not refused.
    Peer peer(QHostAddress(QHostAddress::AnyIPv4));
    const quint16 port = usePeerPort ? peer.socket.localPort() : 0;
    const auto result = channel.send(QByteArray("leak"), Endpoint{address, port});
    QCOMPARE(result.error, UdpChannel::SendError::InvalidTarget);
    QVERIFY(channel.send(QByteArray("marker"), Endpoint{kLoopback4, peer.socket.localPort()}).ok());
    QCOMPARE(peer.next().data(), QByteArray("marker"));
}

void tst_UdpChannel::refusesToSendWhenNotListening()
{
    UdpChannel channel;
    Peer peer;
    const auto result =
            channel.send(QByteArray("x"), Endpoint{kLoopback4, peer.socket.localPort()});
    QCOMPARE(result.error, UdpChannel::SendError::NotListening);
    QVERIFY(!channel.isListening()); // no silent auto-bind to a random port
    QVERIFY(!peer.socket.hasPendingDatagrams());
}

void tst_UdpChannel::reportsBusyPort()
{
    // Another program holds a port (default bind mode, as any program would).
    QUdpSocket other;
    QVERIFY(other.bind(QHostAddress::Any, 0));
    const quint16 busy = other.localPort();

    UdpChannel channel;
    QVERIFY(channel.listen(0));
    QSignalSpy changed(&channel, &UdpChannel::listeningChanged);
    QVERIFY(!channel.listen(busy));
    QCOMPARE(changed.size(), 1);
    QVERIFY(!channel.isListening()); // the old binding is gone too: no silent fallback
    QCOMPARE(channel.requestedPort(), busy);
    QCOMPARE(channel.bindError(), QStringLiteral("port %1 is used by another program").arg(busy));

    // The user picks another port and it works, without restarting anything.
    QVERIFY(channel.listen(0));
    QVERIFY(channel.bindError().isEmpty());
}

void tst_UdpChannel::rebindsToAnotherPort()
{
    UdpChannel channel;
    QVERIFY(channel.listen(0));
    const quint16 first = channel.localPort();
    QVERIFY(channel.listen(0));
    const quint16 second = channel.localPort();
    QVERIFY(second != first);

    // The first port was released: another program can bind it now.
    QUdpSocket other;
    QVERIFY(other.bind(QHostAddress::Any, first));

    QSignalSpy received(&channel, &UdpChannel::datagramsReceived);
    Peer peer;
    peer.socket.writeDatagram(QByteArray("to second"), kLoopback4, second);
    QTRY_COMPARE(collectedCount(received), 1);
    QCOMPARE(collected(received).constFirst().payload, QByteArray("to second"));
}

void tst_UdpChannel::drainsInBatchesWithinBudget()
{
    UdpChannel channel;
    channel.setReadBudget(10);
    QVERIFY(channel.listen(0));
    QSignalSpy received(&channel, &UdpChannel::datagramsReceived);
    Peer peer;
    constexpr int count = 100; // well below what the default kernel buffer holds
    for (int i = 0; i < count; ++i)
        peer.socket.writeDatagram(QByteArray::number(i), kLoopback4, channel.localPort());

    QTRY_COMPARE(collectedCount(received), count);
    QVERIFY(received.size() >= count / 10);
    for (const QList<QVariant> &args : received)
        QVERIFY(args.at(0).value<QList<Datagram>>().size() <= 10);
    const QList<Datagram> all = collected(received);
    for (int i = 0; i < count; ++i)
        QCOMPARE(all.at(i).payload, QByteArray::number(i));
}

void tst_UdpChannel::readMethodsDeliverTheSame()
{
    UDPCHAT_REQUIRE_IPV6();
    // The same datagrams from an IPv4 and an IPv6 peer, read once with recvmmsg and once with
    // the portable readDatagram loop: identical sender, port and bytes, in the same order.
    const QList<QByteArray> payloads{QByteArray(), QByteArray("a\0b", 3),
                                     QByteArray(UdpChannel::MaxPayloadIPv4, 'v'),
                                     QByteArray("\xff\xc0\xaf"), QByteArray("last")};
    QMap<int, QList<Datagram>> results;
    for (const auto method : {UdpChannel::ReadMethod::Batched, UdpChannel::ReadMethod::Portable}) {
        UdpChannel channel;
        channel.setReadMethod(method);
        QVERIFY(channel.listen(0));
        QSignalSpy received(&channel, &UdpChannel::datagramsReceived);
        Peer v4(kLoopback4);
        Peer v6(kLoopback6);
        for (const QByteArray &p : payloads) {
            QCOMPARE(v4.socket.writeDatagram(p, kLoopback4, channel.localPort()), qint64(p.size()));
            QTRY_COMPARE(collectedCount(received), int(results[int(method)].size() + 1));
            results[int(method)] = collected(received);
        }
        const QByteArray v6Largest(UdpChannel::MaxPayloadIPv6, '6');
        QCOMPARE(v6.socket.writeDatagram(v6Largest, kLoopback6, channel.localPort()),
                 qint64(v6Largest.size()));
        QTRY_COMPARE(collectedCount(received), int(payloads.size() + 1));
        results[int(method)] = collected(received);
        // Ports differ per run; make them comparable.
        for (Datagram &d : results[int(method)]) {
            QVERIFY(d.senderPort == v4.socket.localPort() || d.senderPort == v6.socket.localPort());
            d.senderPort = d.senderPort == v4.socket.localPort() ? 4 : 6;
        }
        QCOMPARE(channel.receivedCount(), quint64(payloads.size() + 1));
    }
    const QList<Datagram> batched = results[int(UdpChannel::ReadMethod::Batched)];
    const QList<Datagram> portable = results[int(UdpChannel::ReadMethod::Portable)];
    QCOMPARE(batched.size(), portable.size());
    for (int i = 0; i < batched.size(); ++i) {
        QCOMPARE(batched.at(i).payload, portable.at(i).payload);
        QCOMPARE(batched.at(i).sender, portable.at(i).sender);
        QCOMPARE(batched.at(i).sender.scopeId(), portable.at(i).sender.scopeId());
        QCOMPARE(batched.at(i).senderPort, portable.at(i).senderPort);
    }
    QCOMPARE(batched.last().payload.size(), UdpChannel::MaxPayloadIPv6);
}

void tst_UdpChannel::reportsGrantedReceiveBuffer()
{
    UdpChannel osDefault;
    osDefault.setReceiveBufferRequest(0);
    QVERIFY(osDefault.listen(0));
    QVERIFY(osDefault.receiveBufferSize() > 0);

    UdpChannel enlarged; // asks for 4 MiB; the OS caps it (rmem_max) and may double it
    QVERIFY(enlarged.listen(0));
    QVERIFY(enlarged.receiveBufferSize() >= osDefault.receiveBufferSize());
    enlarged.close();
    QCOMPARE(enlarged.receiveBufferSize(), 0);
}

void tst_UdpChannel::keepsReceivingAfterABudgetSplit_data()
{
    QTest::addColumn<int>("budget");
    QTest::addColumn<int>("burst");
    QTest::newRow("budget 1, bursts of 3") << 1 << 3;
    QTest::newRow("budget 2, bursts of 3") << 2 << 3;
    QTest::newRow("budget 10, bursts of 15") << 10 << 15;
}

void tst_UdpChannel::keepsReceivingAfterABudgetSplit()
{
    // A burst cut by the budget must not leave the socket deaf: the bursts after it still
    // arrive. (A drain queued besides readyRead once read the rest of a burst first; the
    // readyRead that came next found nothing, and QAbstractSocket, waiting for a read after
    // that readyRead, disabled its notifier for good while the queue filled up.)
    QFETCH(int, budget);
    QFETCH(int, burst);
    UdpChannel channel;
    channel.setReadBudget(budget);
    QVERIFY(channel.listen(0));
    QSignalSpy received(&channel, &UdpChannel::datagramsReceived);
    Peer peer;
    int sent = 0;
    for (int round = 0; round < 10; ++round) {
        for (int i = 0; i < burst; ++i) {
            peer.socket.writeDatagram(QByteArray::number(sent++), kLoopback4, channel.localPort());
        }
        QTRY_COMPARE_WITH_TIMEOUT(collectedCount(received), sent, 2000);
    }
    const QList<Datagram> all = collected(received);
    for (int i = 0; i < all.size(); ++i)
        QCOMPARE(all.at(i).payload, QByteArray::number(i));
}

QTEST_GUILESS_MAIN(tst_UdpChannel)
#include "tst_udpchannel.moc"
