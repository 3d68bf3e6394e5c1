// The IP Messenger packet layer: parser and builder on real frames, entry parsing, the
// acknowledgement rules, packet numbers, duplicate suppression and the ack rate limit.

#include "core/ipmsg/ipmsgpacket.h"
#include "tests/rawipmsgpeer.h"

#include <QDateTime>
#include <QTest>

using namespace IpMsg;

using RawIpMsg::raw;

class TstIpMsg : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseRealFrames_data();
    void parseRealFrames();
    void malformed_data();
    void malformed();
    void buildRoundTrip();
    void buildKeepsFraming();
    void iptuxEntry();
    void capUtf8Entry();
    void entryExtraIsReadBack();
    void ackRules_data();
    void ackRules();
    void ackedPacketNo();
    void packetCounterSeededFromClock();
    void duplicateFilter();
    void ackLimiter();
};

void TstIpMsg::parseRealFrames_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<quint32>("packetNo");
    QTest::addColumn<QByteArray>("user");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<quint32>("mode");
    QTest::addColumn<quint32>("options");
    QTest::addColumn<QByteArray>("extra");

    // iptux 0.8.3's ANSENTRY: nickname, group, icon, encoding.
    const QByteArray iptuxAns = raw("1_iptux 0.8.3:4:root:vm:259:root\0\0icon-tux.png\0utf-8\0");
    QTest::newRow("iptux ANSENTRY") << iptuxAns << QByteArray("1_iptux 0.8.3") << 4u
                                    << QByteArray("root") << QByteArray("vm") << quint32(AnsEntry)
                                    << 0x100u << raw("root\0\0icon-tux.png\0utf-8\0");
    QTest::newRow("iptux RECVMSG")
            << raw("1_iptux 0.8.3:7:root:vm:33:1700000123\0") << QByteArray("1_iptux 0.8.3") << 7u
            << QByteArray("root") << QByteArray("vm") << quint32(RecvMsg) << 0u
            << raw("1700000123\0");
    QTest::newRow("official SENDMSG|SENDCHECKOPT|UTF8OPT")
            << raw("1:1700000001:alice:pc1:8388896:hello: world\0") << QByteArray("1")
            << 1700000001u << QByteArray("alice") << QByteArray("pc1") << quint32(SendMsg)
            << quint32(SendCheckOpt | Utf8Opt) << raw("hello: world\0");
    QTest::newRow("FeiQ-style version")
            << QByteArray("1_lbt6_0#128#000C29D7A0E3#0#0#0#4001#9:1700000002:bob:PC-2:288:hi")
            << QByteArray("1_lbt6_0#128#000C29D7A0E3#0#0#0#4001#9") << 1700000002u
            << QByteArray("bob") << QByteArray("PC-2") << quint32(SendMsg) << quint32(SendCheckOpt)
            << QByteArray("hi");
    QTest::newRow("empty extra") << QByteArray("1:5:u:h:2:") << QByteArray("1") << 5u
                                 << QByteArray("u") << QByteArray("h") << quint32(BrExit) << 0u
                                 << QByteArray();
    QTest::newRow("max packetNo") << QByteArray("1:4294967295:u:h:32:x") << QByteArray("1")
                                  << 4294967295u << QByteArray("u") << QByteArray("h")
                                  << quint32(SendMsg) << 0u << QByteArray("x");
}

void TstIpMsg::parseRealFrames()
{
    QFETCH(QByteArray, frame);
    const ParseResult r = parse(frame);
    QVERIFY(r.ok());
    QTEST(r.packet.version, "version");
    QTEST(r.packet.packetNo, "packetNo");
    QTEST(r.packet.user, "user");
    QTEST(r.packet.host, "host");
    QTEST(r.packet.mode(), "mode");
    QTEST(r.packet.options(), "options");
    QTEST(r.packet.extra, "extra");
    // What we build from it is the same frame.
    QCOMPARE(build(r.packet), frame);
}

void TstIpMsg::malformed_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("error");
    QTest::newRow("empty") << QByteArray() << int(ParseError::MissingField);
    QTest::newRow("plain text") << QByteArray("hello world") << int(ParseError::MissingField);
    QTest::newRow("four fields") << QByteArray("1:2:u:h") << int(ParseError::MissingField);
    QTest::newRow("version 2") << QByteArray("2:1:u:h:32:x") << int(ParseError::BadVersion);
    QTest::newRow("version 10") << QByteArray("10:1:u:h:32:x") << int(ParseError::BadVersion);
    QTest::newRow("empty version") << QByteArray(":1:u:h:32:x") << int(ParseError::BadVersion);
    QTest::newRow("empty packetNo") << QByteArray("1::u:h:32:x") << int(ParseError::BadPacketNo);
    QTest::newRow("negative packetNo")
            << QByteArray("1:-1:u:h:32:x") << int(ParseError::BadPacketNo);
    QTest::newRow("packetNo 2^32")
            << QByteArray("1:4294967296:u:h:32:x") << int(ParseError::BadPacketNo);
    QTest::newRow("packetNo hex") << QByteArray("1:0x10:u:h:32:x") << int(ParseError::BadPacketNo);
    QTest::newRow("packetNo space") << QByteArray("1: 1:u:h:32:x") << int(ParseError::BadPacketNo);
    QTest::newRow("command text") << QByteArray("1:1:u:h:abc:x") << int(ParseError::BadCommand);
    QTest::newRow("command empty") << QByteArray("1:1:u:h::x") << int(ParseError::BadCommand);
    QTest::newRow("too large") << QByteArray("1:1:u:h:32:") + QByteArray(MaxDatagramSize, 'x')
                               << int(ParseError::TooLarge);
}

void TstIpMsg::malformed()
{
    QFETCH(QByteArray, frame);
    const ParseResult r = parse(frame);
    QVERIFY(!r.ok());
    QTEST(int(r.error), "error");
}

void TstIpMsg::buildRoundTrip()
{
    Packet p;
    p.version = "1_iptux 0.8.3";
    p.packetNo = 123456789;
    p.user = "用户";
    p.host = "host-1";
    p.command = SendMsg | SendCheckOpt | Utf8Opt;
    p.extra = raw("line 1\nline: 2\0attachment\0");
    const ParseResult r = parse(build(p));
    QVERIFY(r.ok());
    QCOMPARE(r.packet, p);
    QCOMPARE(r.packet.extraParts(), (QList<QByteArray>{"line 1\nline: 2", "attachment"}));
}

void TstIpMsg::buildKeepsFraming()
{
    Packet p;
    p.version = "1:x";
    p.packetNo = 1;
    p.user = "a:b";
    p.host = raw("h\0:");
    p.command = BrEntry;
    p.extra = "nick:name";
    const QByteArray frame = build(p);
    QCOMPARE(frame, raw("1;x:1:a;b:h\0;:1:nick:name"));
    const ParseResult r = parse(frame);
    QVERIFY(r.ok());
    QCOMPARE(r.packet.user, QByteArray("a;b"));
    QCOMPARE(r.packet.extra, QByteArray("nick:name"));
}

void TstIpMsg::iptuxEntry()
{
    const ParseResult r = parse(raw("1_iptux 0.8.3:4:root:vm:259:root\0\0icon-tux.png\0utf-8\0"));
    QVERIFY(r.ok());
    const EntryInfo info = parseEntry(r.packet);
    QCOMPARE(info.nickname, QByteArray("root"));
    QCOMPARE(info.group, QByteArray());
    QCOMPARE(info.declaredEncoding, QByteArray("utf-8"));
    QVERIFY(info.utf8Capable);
    QVERIFY(!info.utf8Block);

    const ParseResult gbk = parse(raw("1_iptux 0.8.3:4:u:h:1:\xc4\xe3\xba\xc3\0dev\0i.png\0"
                                      "gb18030\0"));
    QVERIFY(gbk.ok());
    const EntryInfo gbkInfo = parseEntry(gbk.packet);
    QCOMPARE(gbkInfo.nickname, QByteArray("\xc4\xe3\xba\xc3"));
    QCOMPARE(gbkInfo.group, QByteArray("dev"));
    QCOMPARE(gbkInfo.declaredEncoding, QByteArray("gb18030"));
    QVERIFY(!gbkInfo.utf8Capable);
}

void TstIpMsg::capUtf8Entry()
{
    // The official client: legacy names first, the UTF-8 block after (only with CAPUTF8OPT).
    const QByteArray extra =
            raw("\x83\x41\0grp\0")
            + QByteArray("\nUN:alice\nHN:pc1\nNN:\xe7\x88\xb1\xe4\xb8\xbd\xe4\xb8\x9d\nGN:"
                         "\xe7\xbb\x84\n");
    Packet p;
    p.version = "1";
    p.packetNo = 9;
    p.user = "alice";
    p.host = "pc1";
    p.command = BrEntry | CapUtf8Opt;
    p.extra = extra;
    EntryInfo info = parseEntry(p);
    QVERIFY(info.utf8Block);
    QVERIFY(info.utf8Capable);
    QCOMPARE(QString::fromUtf8(info.nickname), QStringLiteral("爱丽丝"));
    QCOMPARE(QString::fromUtf8(info.group), QStringLiteral("组"));

    // Without CAPUTF8OPT the block is not read.
    p.command = BrEntry;
    info = parseEntry(p);
    QVERIFY(!info.utf8Block);
    QVERIFY(!info.utf8Capable);
    QCOMPARE(info.nickname, QByteArray("\x83\x41"));
    QCOMPARE(info.group, QByteArray("grp"));

    // No group: "nick\0\0\nUN:..."
    p.command = BrEntry | CapUtf8Opt;
    p.extra = raw("n\0\0\nUN:u\nNN:n2\n");
    info = parseEntry(p);
    QCOMPARE(info.nickname, QByteArray("n2"));
    QCOMPARE(info.group, QByteArray());
}

void TstIpMsg::entryExtraIsReadBack()
{
    Packet p;
    p.command = AnsEntry | CapUtf8Opt;
    p.extra = entryExtra("?", "", QStringLiteral("u"), QStringLiteral("h"),
                         QStringLiteral("小明\nx"), QString());
    const ParseResult r = parse(build(p));
    QVERIFY(r.ok());
    const EntryInfo info = parseEntry(r.packet);
    QVERIFY(info.utf8Block);
    QCOMPARE(QString::fromUtf8(info.nickname), QStringLiteral("小明 x"));
    QCOMPARE(info.group, QByteArray());
    QCOMPARE(info.declaredEncoding, QByteArray()); // our block is not an iptux trailer
}

void TstIpMsg::ackRules_data()
{
    QTest::addColumn<quint32>("command");
    QTest::addColumn<quint16>("port");
    QTest::addColumn<bool>("ack");
    QTest::newRow("SENDMSG|SENDCHECKOPT")
            << quint32(SendMsg | SendCheckOpt) << quint16(2425) << true;
    QTest::newRow("with UTF8OPT and RETRYOPT")
            << quint32(SendMsg | SendCheckOpt | Utf8Opt | RetryOpt) << quint16(2425) << true;
    QTest::newRow("no SENDCHECKOPT") << quint32(SendMsg) << quint16(2425) << false;
    QTest::newRow("BROADCASTOPT") << quint32(SendMsg | SendCheckOpt | BroadcastOpt) << quint16(2425)
                                  << false;
    QTest::newRow("AUTORETOPT") << quint32(SendMsg | SendCheckOpt | AutoRetOpt) << quint16(2425)
                                << false;
    QTest::newRow("port 0") << quint32(SendMsg | SendCheckOpt) << quint16(0) << false;
    QTest::newRow("entry with ABSENCEOPT (same bit)")
            << quint32(BrEntry | AbsenceOpt) << quint16(2425) << false;
    QTest::newRow("RECVMSG") << quint32(RecvMsg | SendCheckOpt) << quint16(2425) << false;
}

void TstIpMsg::ackRules()
{
    QFETCH(quint32, command);
    QFETCH(quint16, port);
    Packet p;
    p.command = command;
    QTEST(needsAck(p, port), "ack");
}

void TstIpMsg::ackedPacketNo()
{
    quint32 n = 0;
    QVERIFY(IpMsg::ackedPacketNo(parse(raw("1:2:u:h:33:1700000123\0")).packet, &n));
    QCOMPARE(n, 1700000123u);
    QVERIFY(IpMsg::ackedPacketNo(parse("1:2:u:h:33:42").packet, &n));
    QCOMPARE(n, 42u);
    QVERIFY(!IpMsg::ackedPacketNo(parse("1:2:u:h:33:").packet, &n));
    QVERIFY(!IpMsg::ackedPacketNo(parse("1:2:u:h:33:x1").packet, &n));
    QVERIFY(!IpMsg::ackedPacketNo(parse("1:2:u:h:32:42").packet, &n)); // not a RECVMSG
}

void TstIpMsg::packetCounterSeededFromClock()
{
    const quint32 before = quint32(QDateTime::currentSecsSinceEpoch());
    PacketCounter counter;
    const quint32 first = counter.next();
    QVERIFY(first >= before);
    QVERIFY(first <= before + 5);
    QCOMPARE(counter.next(), first + 1);
    PacketCounter wrap(0xFFFFFFFFu);
    QCOMPARE(wrap.next(), 0xFFFFFFFFu);
    QCOMPARE(wrap.next(), 0u);
}

void TstIpMsg::duplicateFilter()
{
    DuplicateFilter filter(3);
    QVERIFY(!filter.seen(QStringLiteral("a"), 1));
    QVERIFY(filter.seen(QStringLiteral("a"), 1));
    QVERIFY(!filter.seen(QStringLiteral("b"), 1)); // another sender, same number
    QVERIFY(!filter.seen(QStringLiteral("a"), 2));
    QVERIFY(!filter.seen(QStringLiteral("a"), 3)); // evicts (a, 1)
    QCOMPARE(filter.size(), 3);
    QVERIFY(!filter.seen(QStringLiteral("a"), 1));
    QVERIFY(filter.seen(QStringLiteral("a"), 3));
}

void TstIpMsg::ackLimiter()
{
    AckLimiter limiter(3, 5);
    const QString a = QStringLiteral("10.0.0.1");
    const QString b = QStringLiteral("10.0.0.2");
    int allowed = 0;
    for (int i = 0; i < 10; ++i)
        allowed += limiter.allow(a, 1000) ? 1 : 0;
    QCOMPARE(allowed, 3); // burst per sender
    allowed = 0;
    for (int i = 0; i < 10; ++i)
        allowed += limiter.allow(b, 1000) ? 1 : 0;
    QCOMPARE(allowed, 2); // the overall bucket (5) is now empty
    QVERIFY(!limiter.allow(a, 1100));
    QVERIFY(limiter.allow(a, 2000)); // a second later both refilled
    QVERIFY(limiter.allow(b, 2000));
}

QTEST_APPLESS_MAIN(TstIpMsg)
#include "tst_ipmsg.moc"
