// IpMsgSession on loopback: two sessions discover each other (the "broadcast" list is injected as
// 127.0.0.1:<other port>) and exchange confirmed messages; retransmission, duplicate suppression,
// the acknowledgement rules and legacy (GBK) peers are checked against a raw socket peer.
// Nothing here sends anywhere but 127.0.0.1.

#include "core/ipmsg/ipmsgpacket.h"
#include "core/ipmsg/ipmsgsession.h"
#include "core/text/textcodec.h"
#include "tests/rawipmsgpeer.h"

#include <QDir>
#include <QFile>
#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <sys/socket.h>

using namespace IpMsg;
using RawIpMsg::loopback;
using RawIpMsg::packet;
using RawIpMsg::raw;
using RawIpMsg::RawPeer;

namespace {

Endpoint at(quint16 port)
{
    return Endpoint{loopback, port};
}

QString onlyPeerKey(const IpMsgSession &s)
{
    const auto peers = s.peers();
    return peers.size() == 1 ? peers.first().key : QString();
}

QList<IpMsgSession::Message> incoming(const IpMsgSession &s)
{
    QList<IpMsgSession::Message> list;
    for (const auto &m : s.messages()) {
        if (m.incoming)
            list.append(m);
    }
    return list;
}
} // namespace

class TstIpMsgSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void qtSetsSoBroadcast();
    void nothingSentBeforeStart();
    void interfaceTargetsAreBroadcastAddresses();
    void releaseFilesOnlyFromTheOtherSide();
    void twoSessionsDiscoverAndConfirm();
    void filesOfferedFetchedAndReleased();
    void retransmitsWhenAckLost();
    void notConfirmedWithoutAck();
    void duplicatesShownOnceButAckedEachTime();
    void noAckForBroadcastOrAutoReply();
    void malformedAndUnknownCounted();
    void legacyGbkPeer();
    void iptuxUtf8Peer();
    void exitRemovesPeer();
    void tooLongRefused();
    void entryFloodIsBounded();
    void peerEncodingChosenByUser();
};

void TstIpMsgSession::qtSetsSoBroadcast()
{
    // QUdpSocket turns SO_BROADCAST on for every UDP socket, so sending to a broadcast address
    // needs no option of ours. Checked on a loopback-bound socket (nothing is sent).
    QUdpSocket socket;
    QVERIFY(socket.bind(QHostAddress::Any, 0));
    int value = 0;
    socklen_t length = sizeof(value);
    QCOMPARE(
            ::getsockopt(int(socket.socketDescriptor()), SOL_SOCKET, SO_BROADCAST, &value, &length),
            0);
    QCOMPARE(value, 1);
}

void TstIpMsgSession::nothingSentBeforeStart()
{
    RawPeer raw;
    IpMsgSession s;
    s.setBroadcastTargets({at(raw.port())});
    s.refresh(); // not running: must not send
    QString error;
    QCOMPARE(s.sendMessage(QStringLiteral("x@127.0.0.1:1"), QStringLiteral("hi"), &error),
             quint64(0));
    QVERIFY(!error.isEmpty());
    // Prove the socket works, then that nothing came before it.
    QVERIFY(s.start(0));
    QTRY_COMPARE(raw.received.size(), 1);
    QCOMPARE(raw.received.first().mode(), quint32(BrEntry));
}

void TstIpMsgSession::interfaceTargetsAreBroadcastAddresses()
{
    // Only inspected, never sent to.
    const QList<Endpoint> targets = IpMsgSession::interfaceBroadcastTargets(2425);
    for (const Endpoint &t : targets) {
        QCOMPARE(t.port, quint16(2425));
        QCOMPARE(t.address.protocol(), QAbstractSocket::IPv4Protocol);
        QVERIFY(!t.address.isLoopback());
    }
}

// Issue 17: Alice offers a file and a folder with a message; Bob sees the offer in the message and
// fetches both over TCP into his folder, whole; once Alice releases them, they are refused; an
// offer names only what exists.
void TstIpMsgSession::filesOfferedFetchedAndReleased()
{
    QTemporaryDir files;
    QTemporaryDir downloads;
    const QByteArray bytes(200000, 'r');
    {
        QFile f(files.filePath(QStringLiteral("报告.bin")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        QDir().mkpath(files.filePath(QStringLiteral("photos/sub")));
        QFile g(files.filePath(QStringLiteral("photos/sub/a.txt")));
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("hello");
    }
    IpMsgSession alice;
    alice.setIdentity(
            {QStringLiteral("alice"), QStringLiteral("pc-a"), QStringLiteral("Alice"), QString()});
    alice.setBroadcastTargets({});
    QVERIFY(alice.start(0));
    QVERIFY2(alice.fileServerError().isEmpty(), qPrintable(alice.fileServerError()));
    IpMsgSession bob;
    bob.setBroadcastTargets({at(alice.localPort())});
    QVERIFY(bob.start(0));
    QTRY_COMPARE(alice.peers().size(), 1);
    QString error;
    QCOMPARE(alice.sendFiles(alice.peers().first().key, QStringLiteral("two things"),
                             {files.filePath(QStringLiteral("missing"))}, &error),
             quint64(0));
    QVERIFY2(error.contains(QStringLiteral("cannot be read")), qPrintable(error));
    const quint64 sent = alice.sendFiles(
            alice.peers().first().key, QStringLiteral("two things"),
            {files.filePath(QStringLiteral("报告.bin")), files.filePath(QStringLiteral("photos"))},
            &error);
    QVERIFY2(sent != 0, qPrintable(error));
    QTRY_COMPARE(incoming(bob).size(), 1);
    const IpMsgSession::Message offer = incoming(bob).first();
    QCOMPARE(offer.text, QStringLiteral("two things"));
    QCOMPARE(offer.files.size(), 2);
    QCOMPARE(offer.files[0].name, QStringLiteral("报告.bin"));
    QCOMPARE(offer.files[0].size, bytes.size());
    QCOMPARE(offer.files[1].type(), FileType::Directory);
    for (const FileEntry &f : offer.files) {
        std::unique_ptr<IpMsgFileFetch> fetch =
                bob.fetchFile(offer.id, f.fileId, downloads.path(), &error);
        QVERIFY2(fetch, qPrintable(error));
        QSignalSpy done(fetch.get(), &IpMsgFileFetch::finished);
        fetch->start();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 20000);
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    }
    QFile got(downloads.filePath(QStringLiteral("报告.bin")));
    QVERIFY(got.open(QIODevice::ReadOnly));
    QCOMPARE(got.readAll(), bytes);
    QFile deep(downloads.filePath(QStringLiteral("photos/sub/a.txt")));
    QVERIFY(deep.open(QIODevice::ReadOnly));
    QCOMPARE(deep.readAll(), QByteArray("hello"));
    // Released: refused.
    alice.releaseFiles(sent);
    QVERIFY(!alice.fileServer()->isOffered(alice.message(sent)->packetNo));
    std::unique_ptr<IpMsgFileFetch> late = bob.fetchFile(offer.id, 0, downloads.path());
    QSignalSpy refused(late.get(), &IpMsgFileFetch::finished);
    late->start();
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, 20000);
    QVERIFY(!refused.first().at(0).toBool());
    QVERIFY(!bob.fetchFile(offer.id, 7, downloads.path(), &error));
    // Offered again; Bob leaves (BR_EXIT): withdrawn.
    const quint64 again = alice.sendFiles(alice.peers().first().key, QString(),
                                          {files.filePath(QStringLiteral("报告.bin"))});
    QVERIFY(alice.fileServer()->isOffered(alice.message(again)->packetNo));
    bob.stop();
    QTRY_VERIFY(!alice.fileServer()->isOffered(alice.message(again)->packetNo));
}

// RELEASEFILES goes both ways, and only the other side of the offer can send it: forged from
// another address (127.0.0.2) it changes nothing; from the peer it rejects our offer, or
// withdraws theirs.
void TstIpMsgSession::releaseFilesOnlyFromTheOtherSide()
{
    QTemporaryDir files;
    QFile f(files.filePath(QStringLiteral("a.txt")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("hello");
    f.close();
    IpMsgSession s;
    s.setBroadcastTargets({});
    QVERIFY(s.start(0));
    RawPeer peer;
    peer.send(packet(1, BrEntry, raw("Peer\0")), s.localPort());
    QTRY_COMPARE(s.peers().size(), 1);
    QUdpSocket forger;
    QVERIFY(forger.bind(QHostAddress(QStringLiteral("127.0.0.2")), 0));
    const auto forge = [&](quint32 aboutPacketNo) {
        const quint64 before = s.counters().received;
        forger.writeDatagram(
                build(packet(90, ReleaseFiles, QByteArray::number(aboutPacketNo) + '\0')), loopback,
                s.localPort());
        QTRY_COMPARE(s.counters().received, before + 1);
    };
    QSignalSpy changed(&s, &IpMsgSession::offerChanged);

    // Ours, offered to the peer.
    const quint64 ours = s.sendFiles(onlyPeerKey(s), QString(), {f.fileName()});
    QVERIFY(ours != 0);
    const quint32 ourPacket = s.message(ours)->packetNo;
    forge(ourPacket);
    QVERIFY(s.fileServer()->isOffered(ourPacket));
    QCOMPARE(s.message(ours)->offer, IpMsgSession::Offer::Open);
    peer.send(packet(2, ReleaseFiles, QByteArray::number(ourPacket) + '\0'), s.localPort());
    QTRY_COMPARE(s.message(ours)->offer, IpMsgSession::Offer::Rejected);
    QVERIFY(!s.fileServer()->isOffered(ourPacket));
    QCOMPARE(changed.size(), 1);

    // Theirs, offered to us.
    FileEntry entry;
    entry.fileId = 0;
    entry.name = QStringLiteral("theirs.txt");
    entry.size = 5;
    entry.attr = quint32(FileType::Regular);
    peer.send(packet(77, SendMsg | FileAttachOpt,
                     raw("files\0") + buildFileList({entry}, TextCodec(QStringLiteral("UTF-8")))
                             + '\0'),
              s.localPort());
    QTRY_COMPARE(incoming(s).size(), 1);
    const quint64 theirs = incoming(s).first().id;
    QCOMPARE(incoming(s).first().files.size(), 1);
    forge(77);
    QCOMPARE(s.message(theirs)->offer, IpMsgSession::Offer::Open);
    peer.send(packet(3, ReleaseFiles, raw("77\0")), s.localPort());
    QTRY_COMPARE(s.message(theirs)->offer, IpMsgSession::Offer::Withdrawn);
    QString error;
    QVERIFY(!s.fetchFile(theirs, 0, files.path(), &error));
    QCOMPARE(error, QStringLiteral("The sender withdrew these files."));
}

void TstIpMsgSession::twoSessionsDiscoverAndConfirm()
{
    IpMsgSession alice;
    alice.setIdentity({QStringLiteral("alice"), QStringLiteral("pc-a"),
                       QStringLiteral("Alice 爱丽丝"), QStringLiteral("Dev")});
    alice.setBroadcastTargets({});
    QVERIFY(alice.start(0));
    IpMsgSession bob;
    bob.setIdentity(
            {QStringLiteral("bob"), QStringLiteral("pc-b"), QStringLiteral("Bob"), QString()});
    bob.setBroadcastTargets({at(alice.localPort())});
    QVERIFY(bob.start(0)); // BR_ENTRY to alice; she answers ANSENTRY

    QTRY_COMPARE(alice.peers().size(), 1);
    QTRY_COMPARE(bob.peers().size(), 1);
    const IpMsgSession::Peer bobSeen = alice.peers().first();
    QCOMPARE(bobSeen.nickname, QStringLiteral("Bob"));
    QCOMPARE(bobSeen.user, QStringLiteral("bob"));
    QCOMPARE(bobSeen.host, QStringLiteral("pc-b"));
    QCOMPARE(bobSeen.port, bob.localPort());
    QVERIFY(bobSeen.capUtf8);
    QVERIFY(bobSeen.lastSeen.isValid());
    const IpMsgSession::Peer aliceSeen = bob.peers().first();
    QCOMPARE(aliceSeen.nickname, QStringLiteral("Alice 爱丽丝"));
    QCOMPARE(aliceSeen.group, QStringLiteral("Dev"));

    QSignalSpy delivered(&alice, &IpMsgSession::deliveryChanged);
    const quint64 id = alice.sendMessage(bobSeen.key, QStringLiteral("你好, Bob"));
    QVERIFY(id != 0);
    QCOMPARE(alice.message(id)->delivery, IpMsgSession::Delivery::Pending);
    QTRY_COMPARE(alice.message(id)->delivery, IpMsgSession::Delivery::Delivered);
    QCOMPARE(delivered.size(), 1);
    QTRY_COMPARE(incoming(bob).size(), 1);
    QCOMPARE(incoming(bob).first().text, QStringLiteral("你好, Bob"));
    QCOMPARE(incoming(bob).first().peerName, QStringLiteral("Alice 爱丽丝"));
    QCOMPARE(incoming(bob).first().encoding, QStringLiteral("UTF-8"));
    QCOMPARE(alice.counters().retransmissions, quint64(0));

    const quint64 reply = bob.sendMessage(aliceSeen.key, QStringLiteral("hi Alice"));
    QTRY_COMPARE(bob.message(reply)->delivery, IpMsgSession::Delivery::Delivered);
    QTRY_COMPARE(incoming(alice).size(), 1);
    QCOMPARE(incoming(alice).first().text, QStringLiteral("hi Alice"));
    QCOMPARE(incoming(alice).first().peerName, QStringLiteral("Bob"));
}

void TstIpMsgSession::retransmitsWhenAckLost()
{
    IpMsgSession a;
    a.setBroadcastTargets({});
    a.setRetryPolicy(100, 4);
    QVERIFY(a.start(0));
    IpMsgSession b;
    b.setBroadcastTargets({at(a.localPort())});
    QVERIFY(b.start(0));
    QTRY_COMPARE(a.peers().size(), 1);

    b.dropOutgoingAcksForTesting(1); // b receives the first copy but its ack is "lost"
    const quint64 id = a.sendMessage(onlyPeerKey(a), QStringLiteral("once"));
    QTRY_COMPARE(a.message(id)->delivery, IpMsgSession::Delivery::Delivered);
    QVERIFY(a.counters().retransmissions >= 1);
    QCOMPARE(a.message(id)->attempts, 2);
    QCOMPARE(incoming(b).size(), 1); // shown once
    QCOMPARE(b.counters().duplicates, quint64(1));
}

void TstIpMsgSession::notConfirmedWithoutAck()
{
    RawPeer raw;
    IpMsgSession s;
    s.setBroadcastTargets({});
    s.setRetryPolicy(50, 3);
    QVERIFY(s.start(0));
    raw.send(packet(1, BrEntry, QByteArray("silent\0\0", 8)), s.localPort());
    QTRY_COMPARE(s.peers().size(), 1);
    QTRY_COMPARE(raw.withMode(AnsEntry).size(), 1);

    const quint64 id = s.sendMessage(onlyPeerKey(s), QStringLiteral("anyone?"));
    QTRY_COMPARE(s.message(id)->delivery, IpMsgSession::Delivery::NotConfirmed);
    const QList<Packet> sends = raw.withMode(SendMsg);
    QCOMPARE(sends.size(), 3); // first try + 2 retries, then it gives up
    QCOMPARE(sends.at(1).packetNo, sends.at(0).packetNo);
    QVERIFY(sends.at(0).has(SendCheckOpt));
    QVERIFY(!sends.at(0).has(RetryOpt));
    QVERIFY(sends.at(2).has(RetryOpt));

    // A late RECVMSG still confirms it.
    raw.send(packet(2, RecvMsg, QByteArray::number(sends.at(0).packetNo)), s.localPort());
    QTRY_COMPARE(s.message(id)->delivery, IpMsgSession::Delivery::Delivered);
}

void TstIpMsgSession::duplicatesShownOnceButAckedEachTime()
{
    RawPeer raw;
    IpMsgSession s;
    s.setBroadcastTargets({});
    QVERIFY(s.start(0));
    const Packet msg = packet(777, SendMsg | SendCheckOpt, QByteArray("dup\0", 4));
    raw.send(msg, s.localPort());
    raw.send(msg, s.localPort());
    QTRY_COMPARE(raw.withMode(RecvMsg).size(), 2);
    for (const Packet &ack : raw.withMode(RecvMsg)) {
        quint32 n = 0;
        QVERIFY(ackedPacketNo(ack, &n));
        QCOMPARE(n, 777u);
    }
    QCOMPARE(incoming(s).size(), 1);
    QCOMPARE(incoming(s).first().text, QStringLiteral("dup"));
    QCOMPARE(s.counters().duplicates, quint64(1));
    // The same number from another user is another message.
    raw.send(packet(777, SendMsg, QByteArray("other"), "raw2"), s.localPort());
    QTRY_COMPARE(incoming(s).size(), 2);
}

void TstIpMsgSession::noAckForBroadcastOrAutoReply()
{
    RawPeer raw;
    IpMsgSession s;
    s.setBroadcastTargets({});
    QVERIFY(s.start(0));
    raw.send(packet(10, SendMsg | SendCheckOpt | BroadcastOpt, "to all"), s.localPort());
    raw.send(packet(11, SendMsg | SendCheckOpt | AutoRetOpt, "away"), s.localPort());
    raw.send(packet(12, SendMsg | SendCheckOpt, "normal"), s.localPort());
    QTRY_COMPARE(incoming(s).size(), 3);
    QTRY_COMPARE(raw.withMode(RecvMsg).size(), 1);
    quint32 n = 0;
    QVERIFY(ackedPacketNo(raw.withMode(RecvMsg).first(), &n));
    QCOMPARE(n, 12u); // only the plain SENDCHECKOPT one was acknowledged
    QCOMPARE(s.counters().acksSent, quint64(1));
    // The auto-reply did not make us send an entry back either (ping-pong guard); the first
    // one did (unknown sender): exactly one BR_ENTRY.
    QCOMPARE(raw.withMode(BrEntry).size(), 1);
}

void TstIpMsgSession::malformedAndUnknownCounted()
{
    RawPeer raw;
    IpMsgSession s;
    s.setBroadcastTargets({});
    QVERIFY(s.start(0));
    raw.send(QByteArray("hello, not ipmsg"), s.localPort());
    raw.send(QByteArray("1:x:u:h:32:bad number"), s.localPort());
    raw.send(QByteArray("1:5:u:h:33:notanumber"), s.localPort()); // RECVMSG without a number
    raw.send(packet(6, GetInfo, ""), s.localPort());
    raw.send(packet(7, SendMsg, "after"), s.localPort());
    QTRY_COMPARE(incoming(s).size(), 1);
    QCOMPARE(incoming(s).first().text, QStringLiteral("after"));
    QCOMPARE(s.counters().malformed, quint64(3));
    QCOMPARE(s.counters().unknown, quint64(1));
}

void TstIpMsgSession::legacyGbkPeer()
{
    RawPeer raw;
    IpMsgSession s;
    s.setBroadcastTargets({});
    QVERIFY(s.start(0));
    const TextCodec gbk(QStringLiteral("GBK"));
    // A FeiQ-like entry: GBK names, no CAPUTF8OPT, no iptux trailer.
    Packet entry = packet(1, BrEntry,
                          gbk.encode(QStringLiteral("小王")).bytes + '\0'
                                  + gbk.encode(QStringLiteral("研发部")).bytes + '\0');
    entry.version = "1_lbt6_0#128#000C29D7A0E3#0#0#0#4001#9";
    raw.send(entry, s.localPort());
    QTRY_COMPARE(s.peers().size(), 1);
    const IpMsgSession::Peer p = s.peers().first();
    QCOMPARE(p.nickname, QStringLiteral("小王"));
    QCOMPARE(p.group, QStringLiteral("研发部"));
    QVERIFY(!p.utf8);
    QCOMPARE(p.encoding, QStringLiteral("GBK"));

    s.sendMessage(p.key, QStringLiteral("你好"));
    QTRY_COMPARE(raw.withMode(SendMsg).size(), 1);
    const Packet out = raw.withMode(SendMsg).first();
    QVERIFY(!out.has(Utf8Opt));
    QCOMPARE(out.extraParts().first(), gbk.encode(QStringLiteral("你好")).bytes);

    raw.send(packet(2, SendMsg, gbk.encode(QStringLiteral("收到")).bytes + '\0'), s.localPort());
    QTRY_COMPARE(incoming(s).size(), 1);
    QCOMPARE(incoming(s).first().text, QStringLiteral("收到"));
    QCOMPARE(incoming(s).first().encoding, QStringLiteral("GBK"));
}

void TstIpMsgSession::iptuxUtf8Peer()
{
    RawPeer raw;
    IpMsgSession s;
    s.setBroadcastTargets({});
    QVERIFY(s.start(0));
    raw.send(QByteArray("1_iptux 0.8.3:4:root:vm:259:root\0\0icon-tux.png\0utf-8\0", 53),
             s.localPort());
    QTRY_COMPARE(s.peers().size(), 1);
    const IpMsgSession::Peer p = s.peers().first();
    QCOMPARE(p.nickname, QStringLiteral("root"));
    QVERIFY(p.utf8);
    QVERIFY(!p.capUtf8);
    QCOMPARE(p.version, QStringLiteral("1_iptux 0.8.3"));
    s.sendMessage(p.key, QStringLiteral("你好 iptux"));
    QTRY_COMPARE(raw.withMode(SendMsg).size(), 1);
    const Packet out = raw.withMode(SendMsg).first();
    // iptux reads UTF-8 without the flag; it does not know UTF8OPT, so we do not set it.
    QVERIFY(!out.has(Utf8Opt));
    QVERIFY(out.has(SendCheckOpt));
    QCOMPARE(QString::fromUtf8(out.extraParts().first()), QStringLiteral("你好 iptux"));
}

void TstIpMsgSession::exitRemovesPeer()
{
    IpMsgSession a;
    a.setBroadcastTargets({});
    QVERIFY(a.start(0));
    IpMsgSession b;
    b.setBroadcastTargets({at(a.localPort())});
    QVERIFY(b.start(0));
    QTRY_COMPARE(a.peers().size(), 1);
    b.stop(); // BR_EXIT to its broadcast list
    QTRY_COMPARE(a.peers().size(), 0);
    QVERIFY(!b.isRunning());
}

void TstIpMsgSession::tooLongRefused()
{
    RawPeer raw;
    IpMsgSession s;
    s.setBroadcastTargets({});
    QVERIFY(s.start(0));
    raw.send(packet(1, AnsEntry | CapUtf8Opt, QByteArray("n\0\0", 3)), s.localPort());
    QTRY_COMPARE(s.peers().size(), 1);
    QString error;
    QCOMPARE(s.sendMessage(onlyPeerKey(s), QString(MaxDatagramSize, QLatin1Char('x')), &error),
             quint64(0));
    QVERIFY(error.contains(QStringLiteral("at most")));
    QVERIFY(s.messages().isEmpty());
    const quint64 id = s.sendMessage(onlyPeerKey(s), QString(8000, QLatin1Char('x')), &error);
    QVERIFY(id != 0);
    QTRY_COMPARE(raw.withMode(SendMsg).size(), 1);
}

void TstIpMsgSession::entryFloodIsBounded()
{
    RawPeer raw;
    IpMsgSession s;
    s.setBroadcastTargets({});
    QVERIFY(s.start(0));
    const int flood = IpMsgSession::MaxPeers + 200;
    for (int i = 0; i < flood; ++i) {
        raw.send(packet(quint32(i), BrEntry, "n", "user" + QByteArray::number(i)), s.localPort());
        if (i % 64 == 0)
            QCoreApplication::processEvents(); // keep the socket buffer from overflowing
    }
    QTRY_COMPARE(s.counters().received, quint64(flood));
    QCOMPARE(s.peers().size(), IpMsgSession::MaxPeers);
    // Answers to one address are rate-limited (20 a second, burst 20), not one per entry.
    QTRY_VERIFY(raw.withMode(AnsEntry).size() >= 20);
    QVERIFY(raw.withMode(AnsEntry).size() < 100);
    QVERIFY(s.counters().acksLimited > quint64(flood - 100));
}

void TstIpMsgSession::peerEncodingChosenByUser()
{
    RawPeer raw;
    IpMsgSession s;
    s.setBroadcastTargets({});
    QVERIFY(s.start(0));
    // An iptux that declares UTF-8 but (say) really is a Big5 client.
    raw.send(QByteArray("1_iptux 0.8.3:4:root:vm:259:root\0\0icon-tux.png\0utf-8\0", 53),
             s.localPort());
    QTRY_COMPARE(s.peers().size(), 1);
    const QString key = onlyPeerKey(s);
    QVERIFY(!s.setPeerEncoding(key, QStringLiteral("KOI8-X")));
    QVERIFY(!s.setPeerEncoding(QStringLiteral("nobody"), QStringLiteral("Big5")));
    QVERIFY(s.setPeerEncoding(key, QStringLiteral("big5")));
    QCOMPARE(s.peer(key)->encoding, QStringLiteral("Big5"));
    QCOMPARE(s.peer(key)->encodingOverride, QStringLiteral("Big5"));
    const TextCodec big5(QStringLiteral("Big5"));
    s.sendMessage(key, QStringLiteral("你好"));
    QTRY_COMPARE(raw.withMode(SendMsg).size(), 1);
    QCOMPARE(raw.withMode(SendMsg).first().extraParts().first(),
             big5.encode(QStringLiteral("你好")).bytes);
    raw.send(packet(9, SendMsg, big5.encode(QStringLiteral("謝謝")).bytes + '\0', "root"),
             s.localPort());
    QTRY_COMPARE(incoming(s).size(), 1);
    QCOMPARE(incoming(s).first().text, QStringLiteral("謝謝"));
    QCOMPARE(incoming(s).first().encoding, QStringLiteral("Big5"));

    // Its next entry does not undo the choice; "automatic" does.
    raw.send(QByteArray("1_iptux 0.8.3:5:root:vm:1:root\0\0icon-tux.png\0utf-8\0", 51),
             s.localPort());
    QTRY_COMPARE(raw.withMode(AnsEntry).size(), 1); // the answer to that BR_ENTRY
    QCOMPARE(s.peer(key)->encoding, QStringLiteral("Big5"));
    QVERIFY(s.setPeerEncoding(key, QString()));
    QCOMPARE(s.peer(key)->encoding, QStringLiteral("UTF-8"));
    QVERIFY(s.peer(key)->utf8);
}

QTEST_GUILESS_MAIN(TstIpMsgSession)
#include "tst_ipmsgsession.moc"
