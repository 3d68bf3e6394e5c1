// IP Messenger conversations in the real window (issue 16): one per person in the Conversations
// panel, with unread counts, whatever port the person's client uses; kept in the history and
// shown after a restart, found by the search; several recipients each get their own message and
// status; long nicknames are not elided. The peers are raw sockets on 127.0.0.1 and the
// "broadcast" list is one of them: nothing leaves loopback.

#include "core/history/historystore.h"
#include "core/ipmsg/ipmsgchat.h"
#include "core/ipmsg/ipmsgsession.h"
#include "core/text/textcodec.h"
#include "tests/rawipmsgpeer.h"
#include "tests/support/guifixture.h"
#include "ui/common/messagedelegate.h"
#include "ui/common/messageedit.h"
#include "ui/common/messageview.h"
#include "ui/history/historydocks.h"
#include "ui/history/historypanels.h"
#include "ui/ipmsg/ipmsgpanel.h"
#include "ui/tray/traynotifier.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace IpMsg;
using RawIpMsg::packet;
using RawIpMsg::raw;
using RawIpMsg::RawPeer;

class TstIpMsgConversations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void conversationPerPersonWithUnreadCounts();
    void keptInTheHistoryAndFoundBySearch();
    void severalRecipientsEachTheirOwnStatus();
    void longNicknamesAreNotElided();
    void presenceAsItChanges();
    void gbkPeerWithoutUtf8BothWays();
    void alertsWhileInTheBackground();

private:
    void startIpMsg();
    void announce(RawPeer &peer, const QByteArray &user, const QByteArray &nickname);
    void say(RawPeer &peer, quint32 packetNo, const QByteArray &user, const QByteArray &text);
    ConversationsPanel *conversations() { return m_fx->window().history()->conversations(); }
    IpMsgPanel *panel() { return m_fx->window().ipmsgPanel(); }
    QString keyOf(const RawPeer &peer);
    QListWidgetItem *conversationItem(const QString &conversation);

    std::unique_ptr<GuiFixture> m_fx;
};

void TstIpMsgConversations::init()
{
    m_fx = std::make_unique<GuiFixture>();
    QVERIFY(m_fx->start({QStringLiteral("--nickname"), QStringLiteral("Me")}));
    startIpMsg();
}

void TstIpMsgConversations::cleanup()
{
    m_fx.reset();
}

void TstIpMsgConversations::startIpMsg()
{
    m_fx->app().ipmsg().setBroadcastTargets({});
    m_fx->app().ipmsg().setRetryPolicy(50, 2);
    m_fx->window().setMode(MainWindow::Mode::IpMsg, false);
    QVERIFY(m_fx->app().ipmsg().isRunning());
}

void TstIpMsgConversations::announce(RawPeer &peer, const QByteArray &user,
                                     const QByteArray &nickname)
{
    const qsizetype before = m_fx->app().ipmsg().peers().size();
    // As iptux announces itself: nickname, group, icon, encoding.
    peer.send(packet(1, AnsEntry, nickname + raw("\0dev\0icon.png\0utf-8\0"), user),
              m_fx->app().ipmsg().localPort());
    QTRY_COMPARE(m_fx->app().ipmsg().peers().size(), before + 1);
}

void TstIpMsgConversations::say(RawPeer &peer, quint32 packetNo, const QByteArray &user,
                                const QByteArray &text)
{
    peer.send(packet(packetNo, SendMsg | SendCheckOpt, text + '\0', user),
              m_fx->app().ipmsg().localPort());
}

QString TstIpMsgConversations::keyOf(const RawPeer &peer)
{
    for (const IpMsgSession::Peer &p : m_fx->app().ipmsg().peers()) {
        if (p.port == peer.port())
            return p.key;
    }
    return QString();
}

QListWidgetItem *TstIpMsgConversations::conversationItem(const QString &conversation)
{
    conversations()->refresh();
    QListWidget *list = conversations()->list();
    for (int row = 0; row < list->count(); ++row) {
        if (list->item(row)->data(Qt::UserRole + 1).toString() == conversation)
            return list->item(row);
    }
    return nullptr;
}

// Wang's client restarts on another port: one conversation, listed once, with its unread count;
// Li's message is not in Wang's conversation. Choosing it reads it.
void TstIpMsgConversations::conversationPerPersonWithUnreadCounts()
{
    RawPeer wang;
    RawPeer wangAgain;
    RawPeer li;
    announce(li, "li", "Li");
    panel()->selectPeer(keyOf(li)); // Li's conversation is shown
    const QString wangKey =
            ChatMessage::ipMsgConversation(QStringLiteral("wang"), QStringLiteral("rawhost"),
                                           QHostAddress(QHostAddress::LocalHost));
    say(wang, 10, "wang", "first");
    say(wangAgain, 11, "wang", "second, from a new port");
    QTRY_COMPARE(conversations()->unread(wangKey), 2);
    QVERIFY(m_fx->window().windowTitle().startsWith(QStringLiteral("(2) ")));
    // Listed once written (the panel reads the history).
    QTRY_VERIFY(conversationItem(wangKey));
    QListWidgetItem *item = conversationItem(wangKey);
    QVERIFY2(item->text().startsWith(QStringLiteral("\u2709 wang (rawhost)")),
             qPrintable(item->text()));
    QVERIFY2(item->text().contains(QStringLiteral("2 unread")), qPrintable(item->text()));
    int listed = 0;
    for (int row = 0; row < conversations()->list()->count(); ++row)
        listed += conversations()->list()->item(row)->text().contains(QStringLiteral("wang"));
    QCOMPARE(listed, 1);
    // Not in Li's conversation.
    QCOMPARE(panel()->view()->messages()->rowCount(), 0);

    // Chosen in the panel: both messages, read.
    conversations()->list()->setCurrentItem(conversationItem(wangKey));
    QCOMPARE(m_fx->app().window().mode(), MainWindow::Mode::IpMsg);
    MessageListModel *rows = panel()->view()->messages();
    QCOMPARE(rows->rowCount(), 2);
    QCOMPARE(rows->at(0).text, QStringLiteral("first"));
    QCOMPARE(rows->at(1).text, QStringLiteral("second, from a new port"));
    QCOMPARE(conversations()->unread(wangKey), 0);
    QVERIFY(!m_fx->window().windowTitle().startsWith(QStringLiteral("(")));
    // Wang is listed on the LAN now (its message added it): it is the one written to.
    auto *to = m_fx->child<QLabel>("ipmsgToLabel");
    QVERIFY2(to->text().startsWith(QStringLiteral("To wang")), qPrintable(to->text()));
}

// After a restart both modes' messages are back: the IP Messenger conversation in the panel and
// on its page, the plain one on the plain page; the search finds the IP Messenger message and
// opens it in its conversation.
void TstIpMsgConversations::keptInTheHistoryAndFoundBySearch()
{
    RawPeer wang;
    announce(wang, "wang", "小王");
    say(wang, 20, "wang", "hello from iptux\nsecond line");
    // Everyone's messages are shown (nobody chosen) in the active window: read at once.
    QTRY_COMPARE(panel()->view()->messages()->rowCount(), 1);
    QCOMPARE(conversations()->unreadTotal(), 0);
    QVERIFY(m_fx->peerSend("plain datagram"));
    QTRY_COMPARE(m_fx->session().messages()->rowCount(), 1);
    QVERIFY(m_fx->restart({QStringLiteral("--nickname"), QStringLiteral("Me")}));
    // Plain mode after the restart (the mode was chosen for the test run only).
    QCOMPARE(m_fx->session().messages()->rowCount(), 1);
    QCOMPARE(m_fx->session().messages()->at(0).text, QStringLiteral("plain datagram"));
    const QString wangKey =
            ChatMessage::ipMsgConversation(QStringLiteral("wang"), QStringLiteral("rawhost"),
                                           QHostAddress(QHostAddress::LocalHost));
    QListWidgetItem *item = conversationItem(wangKey);
    QVERIFY(item);
    QVERIFY2(item->text().startsWith(QStringLiteral("\u2709 小王 (rawhost)")),
             qPrintable(item->text()));
    startIpMsg();
    panel()->openConversation(wangKey);
    MessageListModel *rows = panel()->view()->messages();
    QCOMPARE(rows->rowCount(), 1);
    QCOMPARE(rows->at(0).text, QStringLiteral("hello from iptux\nsecond line"));
    QVERIFY2(MessageDelegate::headerText(rows->index(0))
                     .startsWith(QStringLiteral("小王 (rawhost)")),
             qPrintable(MessageDelegate::headerText(rows->index(0))));
    // Not on the LAN since the restart: nobody to write to, said so, by nickname.
    auto *to = m_fx->child<QLabel>("ipmsgToLabel");
    QCOMPARE(to->text(), QStringLiteral("小王 is not on the LAN now."));

    // The search finds it (Unicode case folding) and opens it in its conversation.
    panel()->openConversation(QString());
    m_fx->window().setMode(MainWindow::Mode::Plain, false);
    SearchPanel *search = m_fx->window().history()->search();
    auto *field = m_fx->child<QLineEdit>("searchEdit");
    field->setText(QStringLiteral("FROM IPTUX"));
    search->search();
    QTRY_COMPARE(search->results()->count(), 1);
    startIpMsg();
    m_fx->window().setMode(MainWindow::Mode::Plain, false);
    QVERIFY(m_fx->window().history()->jumpToMessage(rows->at(0).id));
    QCOMPARE(m_fx->window().mode(), MainWindow::Mode::IpMsg);
    QCOMPARE(m_fx->app().ipmsg().isRunning(), true);
    QCOMPARE(panel()->view()->messages()->rowCount(), 1);
    QCOMPARE(panel()->view()->currentIndex().row(), 0);
}

// Two people chosen: each gets its own SENDMSG; only Wang's receipt comes, so only Wang's row is
// Delivered and Li's ends Not confirmed. Both are in view (everyone's messages while several are
// chosen), and in their own conversations.
void TstIpMsgConversations::severalRecipientsEachTheirOwnStatus()
{
    RawPeer wang;
    RawPeer li;
    announce(wang, "wang", "Wang");
    announce(li, "li", "Li");
    // Both are in group "dev": chosen together from either one's menu.
    RawPeer ops;
    announce(ops, "zhao", "Zhao");
    ops.send(packet(2, AnsEntry, raw("Zhao\0ops\0icon.png\0utf-8\0"), "zhao"),
             m_fx->app().ipmsg().localPort());
    QTRY_COMPARE(m_fx->app().ipmsg().peer(keyOf(ops))->group, QStringLiteral("ops"));
    {
        std::unique_ptr<QMenu> menu = panel()->createPeerMenu(keyOf(wang));
        QAction *group = menu->findChild<QAction *>(QStringLiteral("chooseGroupAction"));
        QVERIFY(group);
        QCOMPARE(group->text(), QStringLiteral("Choose Everyone in Group dev"));
        group->trigger();
    }
    auto *to = m_fx->child<QLabel>("ipmsgToLabel");
    QVERIFY2(to->text().contains(QStringLiteral("1 more")), qPrintable(to->text()));
    auto *edit = m_fx->child<MessageEdit>("ipmsgMessageEdit");
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("meeting at 3"));
    QTest::keyClick(edit, Qt::Key_Return);
    const QStringList expected{QStringLiteral("meeting at 3")};
    QTRY_COMPARE(wang.messageTexts(), expected);
    QTRY_COMPARE(li.messageTexts(), expected);
    QVERIFY(edit->text().isEmpty());
    MessageListModel *rows = panel()->view()->messages();
    QCOMPARE(rows->rowCount(), 2);
    wang.send(
            packet(2, RecvMsg, QByteArray::number(wang.withMode(SendMsg).first().packetNo), "wang"),
            m_fx->app().ipmsg().localPort());
    const auto rowOf = [rows](const QString &name) {
        for (int row = 0; row < rows->rowCount(); ++row) {
            if (rows->at(row).peerName == name)
                return row;
        }
        return -1;
    };
    QTRY_COMPARE(rows->at(rowOf(QStringLiteral("Wang"))).status, ChatMessage::Status::Delivered);
    QTRY_COMPARE_WITH_TIMEOUT(rows->at(rowOf(QStringLiteral("Li"))).status,
                              ChatMessage::Status::NotConfirmed, 10000);
    QVERIFY(MessageDelegate::headerText(rows->index(rowOf(QStringLiteral("Wang"))))
                    .endsWith(QStringLiteral("Delivered")));
    QVERIFY(MessageDelegate::headerText(rows->index(rowOf(QStringLiteral("Li"))))
                    .contains(QStringLiteral("Not confirmed")));
    // Each in its own conversation.
    QVERIFY(panel()->selectPeer(keyOf(li)));
    QCOMPARE(rows->rowCount(), 1);
    QCOMPARE(rows->at(0).peerName, QStringLiteral("Li"));
}

// A 60-character nickname is whole in the people list's column, in the bubble's header and in
// the Conversations panel's tool tip.
void TstIpMsgConversations::longNicknamesAreNotElided()
{
    const QByteArray nickname = "Dr. Maximilian Alexander von Hohenberg-Wittelsbach, Engineering";
    RawPeer peer;
    announce(peer, "max", nickname);
    auto *people = m_fx->child<QTreeWidget>("ipmsgPeerList");
    QTRY_COMPARE(people->topLevelItemCount(), 1);
    const QString name = QString::fromUtf8(nickname);
    QCOMPARE(people->topLevelItem(0)->text(0), name);
    QVERIFY(people->columnWidth(0) >= people->fontMetrics().horizontalAdvance(name));
    say(peer, 5, "max", "hi");
    panel()->selectPeer(keyOf(peer));
    MessageListModel *rows = panel()->view()->messages();
    QTRY_COMPARE(rows->rowCount(), 1);
    QVERIFY2(MessageDelegate::headerText(rows->index(0)).startsWith(name + QStringLiteral(" (")),
             qPrintable(MessageDelegate::headerText(rows->index(0))));
}

// Away (BR_ABSENCE with ABSENCEOPT), back (BR_ENTRY), gone (BR_EXIT): the list says so as it
// happens, and the message box says when the person shown left.
void TstIpMsgConversations::presenceAsItChanges()
{
    RawPeer peer;
    announce(peer, "wang", "Wang");
    auto *people = m_fx->child<QTreeWidget>("ipmsgPeerList");
    QCOMPARE(people->topLevelItem(0)->text(0), QStringLiteral("Wang"));
    const QByteArray names = raw("Wang\0dev\0icon.png\0utf-8\0");
    peer.send(packet(2, BrAbsence | AbsenceOpt, names, "wang"), m_fx->app().ipmsg().localPort());
    QTRY_COMPARE(people->topLevelItem(0)->text(0), QStringLiteral("Wang (away)"));
    QVERIFY(people->topLevelItem(0)->toolTip(0).contains(QStringLiteral("Away")));
    peer.send(packet(3, BrEntry, names, "wang"), m_fx->app().ipmsg().localPort());
    QTRY_COMPARE(people->topLevelItem(0)->text(0), QStringLiteral("Wang"));
    panel()->selectPeer(keyOf(peer));
    auto *to = m_fx->child<QLabel>("ipmsgToLabel");
    QCOMPARE(to->text(), QStringLiteral("To Wang:"));
    peer.send(packet(4, BrExit, names, "wang"), m_fx->app().ipmsg().localPort());
    QTRY_COMPARE(people->topLevelItemCount(), 0);
    QVERIFY2(to->text().contains(QStringLiteral("not on the LAN")), qPrintable(to->text()));
    QVERIFY(!m_fx->child<QPushButton>("ipmsgSendButton")->isEnabled());
}

// A peer as FeiQ talks: no UTF-8 anywhere (no encoding in its entry, no UTF8OPT), GBK text. Its
// multi-line message is shown whole and right; ours reaches it in GBK, without UTF8OPT.
void TstIpMsgConversations::gbkPeerWithoutUtf8BothWays()
{
    const TextCodec gbk(QStringLiteral("GBK"));
    RawPeer feiq;
    Packet entry = packet(1, AnsEntry,
                          gbk.encode(QStringLiteral("老李")).bytes + QByteArray("\0", 1)
                                  + gbk.encode(QStringLiteral("研发")).bytes + '\0',
                          "li");
    entry.version = "1_lbt6_0#128#000C29D0F5B1#0#0#0#4001#9";
    feiq.send(entry, m_fx->app().ipmsg().localPort());
    auto *people = m_fx->child<QTreeWidget>("ipmsgPeerList");
    QTRY_COMPARE(people->topLevelItemCount(), 1);
    QCOMPARE(people->topLevelItem(0)->text(0), QStringLiteral("老李"));
    QCOMPARE(people->topLevelItem(0)->text(4), QStringLiteral("GBK"));
    say(feiq, 2, "li", gbk.encode(QStringLiteral("第一行\n第二行：你好")).bytes);
    panel()->selectPeer(keyOf(feiq));
    MessageListModel *rows = panel()->view()->messages();
    QTRY_COMPARE(rows->rowCount(), 1);
    QCOMPARE(rows->index(0).data(Qt::DisplayRole).toString(),
             QStringLiteral("第一行\n第二行：你好"));
    QCOMPARE(rows->at(0).encoding, QStringLiteral("GBK"));

    auto *edit = m_fx->child<MessageEdit>("ipmsgMessageEdit");
    edit->setFocus();
    edit->insertPlainText(QStringLiteral("收到\n明天见"));
    QVERIFY2(m_fx->child<QLabel>("ipmsgBytesLabel")->text().contains(QStringLiteral("GBK")),
             qPrintable(m_fx->child<QLabel>("ipmsgBytesLabel")->text()));
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_COMPARE(feiq.withMode(SendMsg).size(), 1);
    const Packet sent = feiq.withMode(SendMsg).first();
    QVERIFY(!sent.has(Utf8Opt));
    QCOMPARE(sent.extraParts().first(), gbk.encode(QStringLiteral("收到\n明天见")).bytes);
}

// With another window in front, a message from a person alerts (the taskbar; the tray's notice
// too where there is one), naming them by nickname; with udpchat in front, it does not.
void TstIpMsgConversations::alertsWhileInTheBackground()
{
    RawPeer peer;
    announce(peer, "wang", "小王");
    QSignalSpy alerts(m_fx->window().tray(), &TrayNotifier::alerted);
    QVERIFY(m_fx->window().isActiveWindow());
    say(peer, 2, "wang", "in front");
    QTRY_COMPARE(panel()->view()->messages()->rowCount(), 1);
    QCOMPARE(alerts.size(), 0);
    QWidget other;
    other.show();
    other.activateWindow();
    QTRY_VERIFY(!m_fx->window().isActiveWindow());
    say(peer, 3, "wang", "behind");
    QTRY_COMPARE(alerts.size(), 1);
    QCOMPARE(alerts.first().at(0).toString(), QStringLiteral("小王"));
    QCOMPARE(alerts.first().at(1).toInt(), 1);
}

QTEST_MAIN(TstIpMsgConversations)
#include "tst_ipmsgconversations.moc"
