#include "core/session/chatsession.h"
#include "tests/ipv6.h"

#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

namespace {
const QHostAddress kLoopback4(QHostAddress::LocalHost);

QByteArray nextDatagram(QUdpSocket &socket)
{
    if (!socket.hasPendingDatagrams() && !socket.waitForReadyRead(5000))
        return QByteArray("<nothing arrived>");
    return socket.receiveDatagram().data();
}
QString kNiHaoText()
{
    return QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd");
}
} // namespace

class tst_ChatSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void sendsExactlyTheUtf8Bytes_data();
    void sendsExactlyTheUtf8Bytes();
    void refusesTextTooLargeForOneDatagram();
    void acceptsTheLargestText();
    void failedSendAddsFailedRow();
    void notListeningAddsFailedRow();
    void receivedDatagramBecomesRow();
    void invalidUtf8IsShownAndKept();
    void peersAreNormalised();
    void roundTripInEveryEncoding_data();
    void roundTripInEveryEncoding();
    void chineseInGbkAndUtf8HasTheKnownBytes_data();
    void chineseInGbkAndUtf8HasTheKnownBytes();
    void receiveEncodingDecodesIncoming();
    void peerEncodingOverridesReceiveEncoding();
    void unknownEncodingsAreRefused();
    void targetEncodingOverridesSendEncoding();
    void hexIsSentAsTheBytes_data();
    void hexIsSentAsTheBytes();
    void badHexIsRefusedWithoutSending();
    void unrepresentableCharactersAreNamedNotReplaced_data();
    void unrepresentableCharactersAreNamedNotReplaced();
    void sizeLevels_data();
    void sizeLevels();

private:
    ChatSession *m_session = nullptr;
    QUdpSocket *m_peer = nullptr;
    Endpoint peerEndpoint() const { return {kLoopback4, m_peer->localPort()}; }
};

void tst_ChatSession::init()
{
    m_session = new ChatSession;
    QVERIFY(m_session->channel()->listen(0));
    m_peer = new QUdpSocket;
    QVERIFY(m_peer->bind(kLoopback4, 0));
}

void tst_ChatSession::cleanup()
{
    delete m_peer;
    delete m_session;
}

void tst_ChatSession::sendsExactlyTheUtf8Bytes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("ascii") << QStringLiteral("hhh") << QByteArray("hhh");
    QTest::newRow("chinese") << QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd")
                             << QByteArray("\xe4\xbd\xa0\xe5\xa5\xbd");
    QTest::newRow("two lines") << QStringLiteral("one\ntwo") << QByteArray("one\ntwo");
    QTest::newRow("trailing space kept") << QStringLiteral("x ") << QByteArray("x ");
}

void tst_ChatSession::sendsExactlyTheUtf8Bytes()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    const auto outcome = m_session->send(text, peerEndpoint());
    QVERIFY2(outcome.sent, qPrintable(outcome.error));
    QCOMPARE(nextDatagram(*m_peer), bytes); // no header, no trailing newline

    MessageListModel *model = m_session->messages();
    QCOMPARE(model->rowCount(), 1);
    const ChatMessage &row = model->at(0);
    QCOMPARE(row.id, outcome.messageId);
    QCOMPARE(row.direction, ChatMessage::Direction::Outgoing);
    QCOMPARE(row.status, ChatMessage::Status::Sent);
    QCOMPARE(row.text, text);
    QCOMPARE(row.payload, bytes);
    QCOMPARE(row.peerPort, m_peer->localPort());
}

void tst_ChatSession::refusesTextTooLargeForOneDatagram()
{
    // 21,836 three-byte characters: few characters, but 65,508 bytes.
    const QString text(21836, QChar(0x4f60));
    QCOMPARE(m_session->encodedSize(text), qsizetype(65508));
    const auto outcome = m_session->send(text, peerEndpoint());
    QVERIFY(!outcome.sent);
    QCOMPARE(outcome.messageId, quint64(0));
    QVERIFY(outcome.error.contains(QStringLiteral("65508")));
    QVERIFY(outcome.error.contains(QStringLiteral("65507")));
    QCOMPARE(m_session->messages()->rowCount(), 0); // refused before sending: no row
    QVERIFY(m_session->send(QStringLiteral("marker"), peerEndpoint()).sent);
    QCOMPARE(nextDatagram(*m_peer), QByteArray("marker"));
}

void tst_ChatSession::acceptsTheLargestText()
{
    const QString text(int(UdpChannel::MaxPayloadIPv4), u'z');
    QVERIFY(m_session->send(text, peerEndpoint()).sent);
    QCOMPARE(nextDatagram(*m_peer), text.toUtf8());
}

void tst_ChatSession::failedSendAddsFailedRow()
{
    // Link-local through the loopback interface: the kernel refuses it (no route), and nothing
    // could leave the machine through lo anyway.
    const Endpoint gone{QHostAddress(QStringLiteral("fe80::1%lo")), 6666};
    const auto outcome = m_session->send(QStringLiteral("lost?"), gone);
    QVERIFY(!outcome.sent);
    QVERIFY(!outcome.error.isEmpty());
    QCOMPARE(m_session->messages()->rowCount(), 1);
    const ChatMessage &row = m_session->messages()->at(0);
    QCOMPARE(row.status, ChatMessage::Status::Failed);
    QCOMPARE(row.error, outcome.error);
    QCOMPARE(row.text, QStringLiteral("lost?"));
    QVERIFY(m_session->channel()->isListening());
}

void tst_ChatSession::notListeningAddsFailedRow()
{
    m_session->channel()->close();
    const auto outcome = m_session->send(QStringLiteral("x"), peerEndpoint());
    QVERIFY(!outcome.sent);
    QCOMPARE(m_session->messages()->at(0).status, ChatMessage::Status::Failed);
    QVERIFY(!m_peer->hasPendingDatagrams());
}

void tst_ChatSession::receivedDatagramBecomesRow()
{
    QSignalSpy received(m_session, &ChatSession::messagesReceived);
    m_peer->writeDatagram(QByteArray("\xe4\xbd\xa0\xe5\xa5\xbd"), kLoopback4,
                          m_session->channel()->localPort());
    QTRY_COMPARE(m_session->messages()->rowCount(), 1);
    QCOMPARE(received.size(), 1);
    const ChatMessage &row = m_session->messages()->at(0);
    QCOMPARE(row.direction, ChatMessage::Direction::Incoming);
    QCOMPARE(row.status, ChatMessage::Status::Received);
    QCOMPARE(row.text, QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd"));
    QVERIFY(row.decodedCleanly);
    QCOMPARE(row.encoding, QStringLiteral("UTF-8"));
    QCOMPARE(row.peerPort, m_peer->localPort());
}

void tst_ChatSession::invalidUtf8IsShownAndKept()
{
    const QByteArray gbk("\xc4\xe3\xba\xc3");
    m_peer->writeDatagram(gbk, kLoopback4, m_session->channel()->localPort());
    QTRY_COMPARE(m_session->messages()->rowCount(), 1);
    const ChatMessage &row = m_session->messages()->at(0);
    QVERIFY(!row.decodedCleanly);
    QVERIFY(row.text.contains(QChar::ReplacementCharacter));
    QCOMPARE(row.payload, gbk); // raw bytes kept for later re-decoding
}

void tst_ChatSession::peersAreNormalised()
{
    m_peer->writeDatagram(QByteArray("hi"), kLoopback4, m_session->channel()->localPort());
    QTRY_COMPARE(m_session->messages()->rowCount(), 1);
    const ChatMessage &row = m_session->messages()->at(0);
    QCOMPARE(row.peerAddress.protocol(), QAbstractSocket::IPv4Protocol); // not ::ffff:127.0.0.1
    QCOMPARE(row.peerAddress, kLoopback4);
    QCOMPARE(m_session->messages()->index(0).data(MessageListModel::PeerRole).toString(),
             QStringLiteral("127.0.0.1:%1").arg(m_peer->localPort()));
}

void tst_ChatSession::roundTripInEveryEncoding_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("text");
    const QStringList encodings = TextCodec::availableEncodings();
    // Every encoding udpchat offers is really there (Debian's Qt has ICU).
    QCOMPARE(encodings, (QStringList{QStringLiteral("UTF-8"), QStringLiteral("GB18030"),
                                     QStringLiteral("GBK"), QStringLiteral("Big5"),
                                     QStringLiteral("Shift_JIS"), QStringLiteral("UTF-16LE"),
                                     QStringLiteral("UTF-16BE"), QStringLiteral("ISO-8859-1")}));
    const QString chinese = QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd hello"); // 你好
    const QString traditional = QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd\xe5\x97\x8e"); // 你好嗎
    const QString japanese = QString::fromUtf8("\xe3\x81\x93\xe3\x82\x93\xe3\x81\xab\xe3\x81"
                                               "\xa1\xe3\x81\xaf"); // こんにちは
    for (const QString &encoding : encodings) {
        QString text = chinese;
        if (encoding == QLatin1String("Big5"))
            text = traditional;
        else if (encoding == QLatin1String("Shift_JIS"))
            text = japanese;
        else if (encoding == QLatin1String("ISO-8859-1"))
            text = QString::fromUtf8("gr\xc3\xbc\xc3\x9f dich, \xc2\xa9"); // grüß dich, ©
        QTest::newRow(qPrintable(encoding)) << encoding << text;
    }
}

void tst_ChatSession::roundTripInEveryEncoding()
{
    // Two sessions over loopback: what one sends in an encoding, the other reads back in it.
    QFETCH(QString, encoding);
    QFETCH(QString, text);
    ChatSession receiver;
    QVERIFY(receiver.channel()->listen(0));
    QVERIFY(m_session->setSendEncoding(encoding));
    QVERIFY(receiver.setReceiveEncoding(encoding));
    const Endpoint to{kLoopback4, receiver.channel()->localPort()};
    const auto outcome = m_session->send(text, to);
    QVERIFY2(outcome.sent, qPrintable(outcome.error));
    QCOMPARE(m_session->messages()->at(0).encoding, encoding);
    QTRY_COMPARE(receiver.messages()->rowCount(), 1);
    const ChatMessage &row = receiver.messages()->at(0);
    QCOMPARE(row.text, text);
    QVERIFY(row.decodedCleanly);
    QCOMPARE(row.encoding, encoding);
    QCOMPARE(row.payload, TextCodec(encoding).encode(text).bytes);
    if (encoding != QLatin1String("UTF-8"))
        QVERIFY(row.payload != text.toUtf8()); // really converted
}

void tst_ChatSession::chineseInGbkAndUtf8HasTheKnownBytes_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("GBK") << QStringLiteral("GBK") << QByteArray::fromHex("c4e3bac3");
    QTest::newRow("gbk, any case") << QStringLiteral("gbk") << QByteArray::fromHex("c4e3bac3");
    QTest::newRow("GB18030") << QStringLiteral("GB18030") << QByteArray::fromHex("c4e3bac3");
    QTest::newRow("UTF-8") << QStringLiteral("UTF-8") << QByteArray::fromHex("e4bda0e5a5bd");
    QTest::newRow("UTF-16LE") << QStringLiteral("UTF-16LE") << QByteArray::fromHex("604f7d59");
    QTest::newRow("UTF-16BE") << QStringLiteral("UTF-16BE") << QByteArray::fromHex("4f60597d");
}

void tst_ChatSession::chineseInGbkAndUtf8HasTheKnownBytes()
{
    QFETCH(QString, encoding);
    QFETCH(QByteArray, bytes);
    QVERIFY(m_session->setSendEncoding(encoding));
    QVERIFY(m_session->send(QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd"), peerEndpoint()).sent);
    QCOMPARE(nextDatagram(*m_peer), bytes);
}

void tst_ChatSession::receiveEncodingDecodesIncoming()
{
    QCOMPARE(m_session->receiveEncoding(), QStringLiteral("UTF-8"));
    QVERIFY(m_session->setReceiveEncoding(QStringLiteral("GBK")));
    m_peer->writeDatagram(QByteArray::fromHex("c4e3bac3"), kLoopback4,
                          m_session->channel()->localPort());
    QTRY_COMPARE(m_session->messages()->rowCount(), 1);
    const ChatMessage &row = m_session->messages()->at(0);
    QCOMPARE(row.text, QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd"));
    QVERIFY(row.decodedCleanly);
    QCOMPARE(row.encoding, QStringLiteral("GBK"));
}

void tst_ChatSession::peerEncodingOverridesReceiveEncoding()
{
    UDPCHAT_REQUIRE_IPV6();
    // Remembered for the IPv4-mapped form: it applies to the plain IPv4 sender (any port).
    QVERIFY(m_session->setPeerEncoding(QHostAddress(QStringLiteral("::ffff:127.0.0.1")),
                                       QStringLiteral("gbk")));
    QCOMPARE(m_session->peerEncoding(kLoopback4), QStringLiteral("GBK"));
    QCOMPARE(m_session->peerEncodings(),
             (QMap<QString, QString>{{QStringLiteral("127.0.0.1"), QStringLiteral("GBK")}}));
    QUdpSocket v6;
    QVERIFY(v6.bind(QHostAddress::LocalHostIPv6, 0));
    const QByteArray gbk = QByteArray::fromHex("c4e3bac3");
    m_peer->writeDatagram(gbk, kLoopback4, m_session->channel()->localPort());
    QTRY_COMPARE(m_session->messages()->rowCount(), 1);
    v6.writeDatagram(gbk, QHostAddress::LocalHostIPv6, m_session->channel()->localPort());
    QTRY_COMPARE(m_session->messages()->rowCount(), 2);
    QCOMPARE(m_session->messages()->at(0).text, QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd"));
    QCOMPARE(m_session->messages()->at(0).encoding, QStringLiteral("GBK"));
    QVERIFY(!m_session->messages()->at(1).decodedCleanly); // ::1 has no encoding of its own
    QCOMPARE(m_session->messages()->at(1).encoding, QStringLiteral("UTF-8"));

    QVERIFY(m_session->setPeerEncoding(kLoopback4, QString())); // forget
    QVERIFY(m_session->peerEncodings().isEmpty());
    m_peer->writeDatagram(gbk, kLoopback4, m_session->channel()->localPort());
    QTRY_COMPARE(m_session->messages()->rowCount(), 3);
    QVERIFY(!m_session->messages()->at(2).decodedCleanly);
}

void tst_ChatSession::unknownEncodingsAreRefused()
{
    QVERIFY(!m_session->setSendEncoding(QStringLiteral("EBCDIC-XYZ")));
    QVERIFY(!m_session->setReceiveEncoding(QStringLiteral("Hex"))); // sending only
    QVERIFY(!m_session->setReceiveEncoding(QString()));
    QVERIFY(!m_session->setPeerEncoding(kLoopback4, QStringLiteral("nope")));
    QCOMPARE(m_session->sendEncoding(), QStringLiteral("UTF-8"));
    QCOMPARE(m_session->receiveEncoding(), QStringLiteral("UTF-8"));
    QVERIFY(m_session->setSendEncoding(QStringLiteral("hex")));
    QCOMPARE(m_session->sendEncoding(), QStringLiteral("Hex"));
    QCOMPARE(ChatSession::sendEncodings().constLast(), QStringLiteral("Hex"));
}

void tst_ChatSession::targetEncodingOverridesSendEncoding()
{
    UDPCHAT_REQUIRE_IPV6();
    QUdpSocket v6;
    QVERIFY(v6.bind(QHostAddress::LocalHostIPv6, 0));
    QVERIFY(m_session->setTargetEncoding(QHostAddress(QStringLiteral("::ffff:127.0.0.1")),
                                         QStringLiteral("gbk")));
    QCOMPARE(m_session->targetEncoding(kLoopback4), QStringLiteral("GBK"));
    QCOMPARE(m_session->sendEncodingFor(kLoopback4), QStringLiteral("GBK"));
    QCOMPARE(m_session->sendEncodingFor(QHostAddress::LocalHostIPv6), QStringLiteral("UTF-8"));
    QCOMPARE(m_session->sendEncodingFor(QHostAddress()), QStringLiteral("UTF-8"));
    QVERIFY(m_session->send(kNiHaoText(), peerEndpoint()).sent);
    QCOMPARE(nextDatagram(*m_peer), QByteArray::fromHex("c4e3bac3"));
    QCOMPARE(m_session->messages()->at(0).encoding, QStringLiteral("GBK"));
    QVERIFY(m_session->send(kNiHaoText(), {QHostAddress::LocalHostIPv6, v6.localPort()}).sent);
    QCOMPARE(nextDatagram(v6), QByteArray::fromHex("e4bda0e5a5bd"));
    QCOMPARE(m_session->encodeForSending(kNiHaoText(), kLoopback4).bytes,
             QByteArray::fromHex("c4e3bac3"));

    QVERIFY(m_session->setTargetEncoding(QHostAddress::LocalHostIPv6, QStringLiteral("hex")));
    QVERIFY(m_session->send(QStringLiteral("6f 6b"), {QHostAddress::LocalHostIPv6, v6.localPort()})
                    .sent);
    QCOMPARE(nextDatagram(v6), QByteArray("ok"));
    QVERIFY(!m_session->setTargetEncoding(kLoopback4, QStringLiteral("nope")));
    QVERIFY(!m_session->setTargetEncoding(QHostAddress(), QStringLiteral("GBK")));
    QCOMPARE(m_session->targetEncodings().size(), 2);
    QVERIFY(m_session->setTargetEncoding(kLoopback4, QString()));
    QVERIFY(m_session->send(kNiHaoText(), peerEndpoint()).sent);
    QCOMPARE(nextDatagram(*m_peer), QByteArray::fromHex("e4bda0e5a5bd"));
}

void tst_ChatSession::hexIsSentAsTheBytes_data()
{
    QTest::addColumn<QString>("hex");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("spaced") << QStringLiteral("48 65 6c 6c 6f") << QByteArray("Hello");
    QTest::newRow("packed") << QStringLiteral("48656c6c6f") << QByteArray("Hello");
    QTest::newRow("0x") << QStringLiteral("0x48 0x65 0x6C") << QByteArray("Hel");
    QTest::newRow("0x packed") << QStringLiteral("0x48656c") << QByteArray("Hel");
    QTest::newRow("commas") << QStringLiteral("0x48,0x65") << QByteArray("He");
    QTest::newRow("colons") << QStringLiteral("48:65") << QByteArray("He");
    QTest::newRow("lines and tabs")
            << QStringLiteral(" c4 e3\n\tba c3 ") << QByteArray::fromHex("c4e3bac3");
    QTest::newRow("NUL and FF") << QStringLiteral("00 ff") << QByteArray("\x00\xff", 2);
}

void tst_ChatSession::hexIsSentAsTheBytes()
{
    QFETCH(QString, hex);
    QFETCH(QByteArray, bytes);
    QVERIFY(m_session->setSendEncoding(ChatSession::hexEncoding()));
    QCOMPARE(m_session->encodedSize(hex), bytes.size());
    const auto outcome = m_session->send(hex, peerEndpoint());
    QVERIFY2(outcome.sent, qPrintable(outcome.error));
    QCOMPARE(nextDatagram(*m_peer), bytes);
    QCOMPARE(m_session->messages()->at(0).payload, bytes);
    QCOMPARE(m_session->messages()->at(0).encoding, QStringLiteral("Hex"));
}

void tst_ChatSession::badHexIsRefusedWithoutSending()
{
    QVERIFY(m_session->setSendEncoding(ChatSession::hexEncoding()));
    for (const QString &bad : {QStringLiteral("48 6"), QStringLiteral("zz"), QStringLiteral("0x"),
                               QStringLiteral("48 65 6g")}) {
        const auto encoded = m_session->encodeForSending(bad);
        QVERIFY2(!encoded.ok(), qPrintable(bad));
        const auto outcome = m_session->send(bad, peerEndpoint());
        QVERIFY(!outcome.sent);
        QVERIFY(outcome.error.contains(encoded.error));
    }
    QCOMPARE(m_session->messages()->rowCount(), 0);
    QVERIFY(m_session->send(QStringLiteral("6f6b"), peerEndpoint()).sent);
    QCOMPARE(nextDatagram(*m_peer), QByteArray("ok")); // nothing arrived before it
}

void tst_ChatSession::unrepresentableCharactersAreNamedNotReplaced_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("named");
    QTest::newRow("Chinese in Latin-1") << QStringLiteral("ISO-8859-1")
                                        << QString::fromUtf8("a\xe4\xbd\xa0"
                                                             "b\xe4\xbd\xa0")
                                        << QStringList{QStringLiteral("U+4F60")};
    QTest::newRow("emoji in Latin-1")
            << QStringLiteral("ISO-8859-1") << QString::fromUtf8("\xc3\xa9 \xf0\x9f\x98\x80")
            << QStringList{QStringLiteral("U+1F600")};
    QTest::newRow("Korean in Shift_JIS")
            << QStringLiteral("Shift_JIS") << QString::fromUtf8("\xed\x95\x9c")
            << QStringList{QStringLiteral("U+D55C")};
    QTest::newRow("lone surrogate in UTF-8")
            << QStringLiteral("UTF-8") << (QStringLiteral("x") + QChar(0xd800))
            << QStringList{QStringLiteral("U+D800")};
}

void tst_ChatSession::unrepresentableCharactersAreNamedNotReplaced()
{
    QFETCH(QString, encoding);
    QFETCH(QString, text);
    QFETCH(QStringList, named);
    QVERIFY(m_session->setSendEncoding(encoding));
    const auto encoded = m_session->encodeForSending(text);
    QVERIFY(!encoded.ok());
    for (const QString &code : named)
        QVERIFY2(encoded.error.contains(code), qPrintable(encoded.error));
    QCOMPARE(encoded.error.count(QStringLiteral("U+")), named.size()); // each named once
    QVERIFY(encoded.error.contains(encoding));
    const auto outcome = m_session->send(text, peerEndpoint());
    QVERIFY(!outcome.sent);
    QCOMPARE(m_session->messages()->rowCount(), 0);
    QVERIFY(m_session->send(QStringLiteral("after"), peerEndpoint()).sent);
    QCOMPARE(nextDatagram(*m_peer), QByteArray("after")); // no '?' version was sent first
}

void tst_ChatSession::sizeLevels_data()
{
    QTest::addColumn<qsizetype>("bytes");
    QTest::addColumn<QString>("to");
    QTest::addColumn<int>("level");
    const int fine = int(ChatSession::SizeLevel::Fine);
    const int fragmented = int(ChatSession::SizeLevel::Fragmented);
    const int tooLarge = int(ChatSession::SizeLevel::TooLarge);
    QTest::newRow("empty") << qsizetype(0) << QStringLiteral("127.0.0.1") << fine;
    QTest::newRow("1472") << qsizetype(1472) << QStringLiteral("127.0.0.1") << fine;
    QTest::newRow("1473") << qsizetype(1473) << QStringLiteral("127.0.0.1") << fragmented;
    QTest::newRow("65507 v4") << qsizetype(65507) << QStringLiteral("127.0.0.1") << fragmented;
    QTest::newRow("65508 v4") << qsizetype(65508) << QStringLiteral("127.0.0.1") << tooLarge;
    QTest::newRow("65508 no target") << qsizetype(65508) << QString() << tooLarge;
    QTest::newRow("65527 v6") << qsizetype(65527) << QStringLiteral("::1") << fragmented;
    QTest::newRow("65528 v6") << qsizetype(65528) << QStringLiteral("::1") << tooLarge;
}

void tst_ChatSession::sizeLevels()
{
    QFETCH(qsizetype, bytes);
    QFETCH(QString, to);
    QFETCH(int, level);
    QCOMPARE(int(ChatSession::sizeLevel(bytes, QHostAddress(to))), level);
}

QTEST_GUILESS_MAIN(tst_ChatSession)
#include "tst_chatsession.moc"
