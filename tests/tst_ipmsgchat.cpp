// IpMsgChat on loopback: IP Messenger messages as conversations (issue 16). One conversation per
// person (user, host, address), not per source port; ids shared with the plain chat; the history
// keeps both modes apart and finds both; receipts become the row's status; several recipients
// each get their own message and status. Nothing here sends anywhere but 127.0.0.1.

#include "core/history/historystore.h"
#include "core/ipmsg/ipmsgchat.h"
#include "core/ipmsg/ipmsgsession.h"
#include "core/session/chatsession.h"
#include "tests/rawipmsgpeer.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace IpMsg;
using RawIpMsg::loopback;
using RawIpMsg::packet;
using RawIpMsg::RawPeer;

class TstIpMsgChat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void onePersonOneConversationWhateverThePort();
    void historyKeepsModesApartAndFindsBoth();
    void receiptsBecomeTheRowStatus();
    void severalRecipientsEachTheirOwnStatus();
    void conversationKeyIsUnambiguous();
    void sealedMessagesSayWhenTheyAreRead();

private:
    // A peer's entry (ANSENTRY) from @p peer, so the session lists it.
    void announce(RawPeer &peer, const QByteArray &user, const QByteArray &nickname);
    QString keyOf(quint16 port) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HistoryStore> m_history;
    std::unique_ptr<IpMsgSession> m_session;
    std::unique_ptr<IpMsgChat> m_chat;
};

void TstIpMsgChat::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_history = std::make_unique<HistoryStore>();
    QVERIFY(m_history->open(m_dir->filePath(QStringLiteral("history.sqlite"))));
    m_session = std::make_unique<IpMsgSession>();
    m_session->setBroadcastTargets({});
    m_session->setRetryPolicy(50, 2);
    QVERIFY(m_session->start(0));
    m_chat = std::make_unique<IpMsgChat>(*m_session);
    m_chat->setHistory(m_history.get());
}

void TstIpMsgChat::cleanup()
{
    m_chat.reset();
    m_session.reset();
    m_history.reset();
    m_dir.reset();
}

void TstIpMsgChat::announce(RawPeer &peer, const QByteArray &user, const QByteArray &nickname)
{
    const int before = int(m_session->peers().size());
    Packet p = packet(1, AnsEntry, nickname + QByteArray("\0group\0", 7), user);
    peer.send(p, m_session->localPort());
    QTRY_COMPARE(int(m_session->peers().size()), before + 1);
}

QString TstIpMsgChat::keyOf(quint16 port) const
{
    for (const IpMsgSession::Peer &p : m_session->peers()) {
        if (p.port == port)
            return p.key;
    }
    return QString();
}

// The same person (user "wang" on host "rawhost" at 127.0.0.1) restarts its client on another
// port: its messages stay in one conversation, another person's do not join it.
void TstIpMsgChat::onePersonOneConversationWhateverThePort()
{
    RawPeer first;
    RawPeer restarted;
    RawPeer other;
    QSignalSpy received(m_chat.get(), &IpMsgChat::messagesReceived);
    first.send(packet(10, SendMsg | SendCheckOpt, QByteArray("one\0", 4), "wang"),
               m_session->localPort());
    QTRY_COMPARE(received.size(), 1);
    restarted.send(packet(11, SendMsg | SendCheckOpt, QByteArray("two\0", 4), "wang"),
                   m_session->localPort());
    other.send(packet(12, SendMsg | SendCheckOpt, QByteArray("three\0", 6), "li"),
               m_session->localPort());
    QTRY_COMPARE(received.size(), 3);
    const auto first1 = received.at(0).at(0).value<QList<ChatMessage>>().first();
    const auto second = received.at(1).at(0).value<QList<ChatMessage>>().first();
    const auto third = received.at(2).at(0).value<QList<ChatMessage>>().first();
    QVERIFY(first1.isIpMsg());
    QCOMPARE(first1.conversation, second.conversation);
    QVERIFY(first1.peerPort != second.peerPort);
    QVERIFY(third.conversation != first1.conversation);
    QCOMPARE(ChatMessage::ipMsgPerson(first1.conversation).user, QStringLiteral("wang"));
    QCOMPARE(ChatMessage::ipMsgPerson(first1.conversation).host, QStringLiteral("rawhost"));
    QCOMPARE(ChatMessage::ipMsgPerson(first1.conversation).address, QStringLiteral("127.0.0.1"));

    m_chat->showConversation(first1.conversation);
    MessageListModel *rows = m_chat->messages();
    QCOMPARE(rows->rowCount(), 2);
    QCOMPARE(rows->at(0).text, QStringLiteral("one"));
    QCOMPARE(rows->at(1).text, QStringLiteral("two"));
    // What arrives later from that person is listed; from another, not.
    restarted.send(packet(13, SendMsg | SendCheckOpt, QByteArray("four\0", 5), "wang"),
                   m_session->localPort());
    other.send(packet(14, SendMsg | SendCheckOpt, QByteArray("five\0", 5), "li"),
               m_session->localPort());
    QTRY_COMPARE(received.size(), 5);
    QCOMPARE(rows->rowCount(), 3);
    QCOMPARE(rows->at(2).text, QStringLiteral("four"));
    // Everyone's, with no person chosen.
    m_chat->showConversation(QString());
    QCOMPARE(rows->rowCount(), 5);
}

// IP Messenger messages are in the history with their mode and person, after a restart too; the
// plain chat's list does not show them, a search finds them, ids never collide.
void TstIpMsgChat::historyKeepsModesApartAndFindsBoth()
{
    ChatSession plain;
    plain.setHistory(m_history.get());
    m_chat->setIdSource(nullptr);
    MessageIds ids;
    ids.continueAfter(m_history->lastId());
    plain.messages()->setIdSource(&ids);
    m_chat->setIdSource(&ids);

    RawPeer peer;
    QSignalSpy received(m_chat.get(), &IpMsgChat::messagesReceived);
    peer.send(packet(20, SendMsg | SendCheckOpt, QByteArray("hello from iptux\0", 17), "wang"),
              m_session->localPort());
    QTRY_COMPARE(received.size(), 1);
    ChatMessage datagram;
    datagram.peerAddress = loopback;
    datagram.peerPort = 4000;
    datagram.time = QDateTime::currentDateTimeUtc();
    datagram.payload = "hello plain";
    datagram.text = QStringLiteral("hello plain");
    plain.messages()->append(datagram);
    const ChatMessage ipmsg = received.first().first().value<QList<ChatMessage>>().first();
    QVERIFY(ipmsg.id != plain.messages()->at(0).id);
    QVERIFY(m_history->flush());
    // The plain list shows only plain messages.
    plain.showConversation(QString());
    QCOMPARE(plain.messages()->rowCount(), 1);
    QCOMPARE(plain.messages()->at(0).text, QStringLiteral("hello plain"));

    // Reopened (a restart): both are there, told apart.
    m_chat.reset();
    m_history = std::make_unique<HistoryStore>();
    QVERIFY(m_history->open(m_dir->filePath(QStringLiteral("history.sqlite"))));
    HistoryStore::Filter search;
    search.text = QStringLiteral("HELLO");
    const QList<ChatMessage> found = m_history->page(search);
    QCOMPARE(found.size(), 2);
    QVERIFY(found.at(0).isIpMsg());
    QCOMPARE(found.at(0).conversation, ipmsg.conversation);
    QCOMPARE(found.at(0).peerName, QStringLiteral("wang"));
    QCOMPARE(found.at(0).peerAddress, loopback);
    QCOMPARE(found.at(0).text, QStringLiteral("hello from iptux"));
    QCOMPARE(found.at(0).payload, QByteArray("hello from iptux"));
    QVERIFY(!found.at(1).isIpMsg());
    // The conversations know their mode and the person's nickname.
    bool listed = false;
    for (const HistoryStore::Peer &p : m_history->peers()) {
        if (p.address == ipmsg.conversation) {
            listed = true;
            QCOMPARE(p.mode, ChatMessage::Channel::IpMsg);
            QCOMPARE(p.nickname, QStringLiteral("wang"));
            QCOMPARE(p.messages, 1);
        }
    }
    QVERIFY(listed);
    m_chat = std::make_unique<IpMsgChat>(*m_session);
    m_chat->setHistory(m_history.get());
    m_chat->showConversation(ipmsg.conversation);
    QCOMPARE(m_chat->messages()->rowCount(), 1);
    QCOMPARE(m_chat->messages()->at(0).id, ipmsg.id);
    QCOMPARE(m_chat->showMessage(ipmsg.id), 0);
}

// RECVMSG turns the row Delivered, in the view and in the history; no receipt, Not confirmed.
void TstIpMsgChat::receiptsBecomeTheRowStatus()
{
    RawPeer peer;
    announce(peer, "wang", "Wang");
    const QString key = keyOf(peer.port());
    m_chat->showConversation(IpMsgSession::conversationOf(*m_session->peer(key)));
    const IpMsgChat::SendOutcome sent = m_chat->send({key}, QStringLiteral("are you there?"));
    QCOMPARE(sent.ids.size(), 1);
    QVERIFY(sent.errors.isEmpty());
    MessageListModel *rows = m_chat->messages();
    QCOMPARE(rows->rowCount(), 1);
    QCOMPARE(rows->at(0).status, ChatMessage::Status::Sent);
    QCOMPARE(rows->at(0).peerName, QStringLiteral("Wang"));
    QTRY_VERIFY(!peer.withMode(SendMsg).isEmpty());
    Packet ack = packet(30, RecvMsg, QByteArray::number(peer.withMode(SendMsg).first().packetNo),
                        "wang");
    peer.send(ack, m_session->localPort());
    QTRY_COMPARE(rows->at(0).status, ChatMessage::Status::Delivered);
    QVERIFY(m_history->flush());
    QCOMPARE(m_history->page({}).constLast().status, ChatMessage::Status::Delivered);

    // No receipt: after every retry (2, 50 ms apart here), Not confirmed.
    m_chat->send({key}, QStringLiteral("hello?"));
    QCOMPARE(rows->rowCount(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(rows->at(1).status, ChatMessage::Status::NotConfirmed, 10000);
}

// Two people chosen: each gets its own SENDMSG, its own receipt and its own status.
void TstIpMsgChat::severalRecipientsEachTheirOwnStatus()
{
    RawPeer wang;
    RawPeer li;
    announce(wang, "wang", "Wang");
    announce(li, "li", "Li");
    m_chat->showConversation(QString());
    const IpMsgChat::SendOutcome sent =
            m_chat->send({keyOf(wang.port()), keyOf(li.port())}, QStringLiteral("meeting at 3"));
    QCOMPARE(sent.ids.size(), 2);
    const QStringList expected{QStringLiteral("meeting at 3")};
    QTRY_COMPARE(wang.messageTexts(), expected);
    QTRY_COMPARE(li.messageTexts(), expected);
    QVERIFY(wang.withMode(SendMsg).first().packetNo != li.withMode(SendMsg).first().packetNo);
    // Only Wang answers.
    wang.send(packet(40, RecvMsg, QByteArray::number(wang.withMode(SendMsg).first().packetNo),
                     "wang"),
              m_session->localPort());
    MessageListModel *rows = m_chat->messages();
    const int wangRow = rows->rowOf(sent.ids.at(0));
    const int liRow = rows->rowOf(sent.ids.at(1));
    QVERIFY(wangRow >= 0 && liRow >= 0);
    QCOMPARE(rows->at(wangRow).peerName, QStringLiteral("Wang"));
    QCOMPARE(rows->at(liRow).peerName, QStringLiteral("Li"));
    QTRY_COMPARE(rows->at(wangRow).status, ChatMessage::Status::Delivered);
    QTRY_COMPARE_WITH_TIMEOUT(rows->at(liRow).status, ChatMessage::Status::NotConfirmed, 10000);
    QCOMPARE(rows->at(wangRow).status, ChatMessage::Status::Delivered);
    // Each in its own conversation.
    QVERIFY(rows->at(wangRow).conversation != rows->at(liRow).conversation);
}

// Names with the separators in them cannot make two people one conversation.
void TstIpMsgChat::conversationKeyIsUnambiguous()
{
    const QHostAddress a(QStringLiteral("10.0.0.5"));
    const QString k1 =
            ChatMessage::ipMsgConversation(QStringLiteral("a@b"), QStringLiteral("c"), a);
    const QString k2 =
            ChatMessage::ipMsgConversation(QStringLiteral("a"), QStringLiteral("b@c"), a);
    QVERIFY(k1 != k2);
    QCOMPARE(ChatMessage::ipMsgPerson(k1).user, QStringLiteral("a@b"));
    QCOMPARE(ChatMessage::ipMsgPerson(k2).host, QStringLiteral("b@c"));
    // IPv4-mapped is IPv4; not an address, so never a plain peer's key.
    QCOMPARE(ChatMessage::ipMsgConversation(QStringLiteral("u"), QStringLiteral("h"),
                                            QHostAddress(QStringLiteral("::ffff:10.0.0.5"))),
             ChatMessage::ipMsgConversation(QStringLiteral("u"), QStringLiteral("h"), a));
    QVERIFY(QHostAddress(k1).isNull());
    QCOMPARE(ChatMessage::ipMsgPerson(QStringLiteral("10.0.0.5")).user, QString());
}

// A sealed message asks for a read notice: ours turns Read when the peer's READMSG comes (after
// its receipt, and not from anyone else); the peer's is answered with READMSG once, when shown.
void TstIpMsgChat::sealedMessagesSayWhenTheyAreRead()
{
    RawPeer peer;
    RawPeer stranger;
    announce(peer, "wang", "Wang");
    const QString key = keyOf(peer.port());
    m_chat->showConversation(IpMsgSession::conversationOf(*m_session->peer(key)));
    const IpMsgChat::SendOutcome sent = m_chat->send({key}, QStringLiteral("for your eyes"), true);
    QCOMPARE(sent.ids.size(), 1);
    QTRY_COMPARE(peer.withMode(SendMsg).size(), 1);
    const Packet sealed = peer.withMode(SendMsg).first();
    QVERIFY(sealed.has(SecretOpt) && sealed.has(ReadCheckOpt));
    peer.send(packet(50, RecvMsg, QByteArray::number(sealed.packetNo), "wang"),
              m_session->localPort());
    MessageListModel *rows = m_chat->messages();
    QTRY_COMPARE(rows->at(0).status, ChatMessage::Status::Delivered);
    // A READMSG from someone else changes nothing (its message after it shows it was read);
    // the peer's does.
    stranger.send(packet(51, ReadMsg, QByteArray::number(sealed.packetNo), "wang"),
                  m_session->localPort());
    stranger.send(packet(53, SendMsg, QByteArray("after\0", 6), "li"), m_session->localPort());
    m_chat->showConversation(QString());
    QTRY_COMPARE(rows->rowCount(), 2);
    QCOMPARE(rows->at(0).status, ChatMessage::Status::Delivered);
    peer.send(packet(52, ReadMsg, QByteArray::number(sealed.packetNo), "wang"),
              m_session->localPort());
    QTRY_COMPARE(rows->at(0).status, ChatMessage::Status::Read);
    m_chat->showConversation(IpMsgSession::conversationOf(*m_session->peer(key)));
    QVERIFY(m_history->flush());
    QCOMPARE(m_history->range({}, sent.ids.first(), 1).value(0).status, ChatMessage::Status::Read);

    // The peer's sealed message: READMSG when it is shown, once.
    peer.send(packet(60, SendMsg | SendCheckOpt | SecretOpt | ReadCheckOpt,
                     QByteArray("open me\0", 8), "wang"),
              m_session->localPort());
    QTRY_COMPARE(rows->rowCount(), 2); // in Wang's conversation: ours, then his
    QVERIFY(peer.withMode(ReadMsg).isEmpty());
    m_chat->markShownOpened();
    QTRY_COMPARE(peer.withMode(ReadMsg).size(), 1);
    QCOMPARE(peer.withMode(ReadMsg).first().extraParts().value(0), QByteArray("60"));
    m_chat->markShownOpened();
    // Another message round-trips before any second notice could have come.
    m_chat->send({key}, QStringLiteral("ping"));
    QTRY_COMPARE(peer.withMode(SendMsg).size(), 2);
    QCOMPARE(peer.withMode(ReadMsg).size(), 1);
}

QTEST_GUILESS_MAIN(TstIpMsgChat)
#include "tst_ipmsgchat.moc"
