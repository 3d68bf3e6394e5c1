#include "chatsession.h"

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

QTEST_GUILESS_MAIN(tst_ChatSession)
#include "tst_chatsession.moc"
