// The IP Messenger page and the mode switch in the real window: switching modes starts and stops
// the session (BR_ENTRY / BR_EXIT), a peer appears with its nickname, a message typed in the page
// reaches a peer socket and its row turns "delivered" on RECVMSG; the Broadcast choice and "Your
// Addresses". The "broadcast" list is 127.0.0.1:<peer port>: nothing leaves loopback.

#include "core/config/settings.h"
#include "core/ipmsg/ipmsgpacket.h"
#include "core/ipmsg/ipmsgsession.h"
#include "core/session/chatsession.h"
#include "tests/support/guifixture.h"
#include "ui/chat/chatpage.h"
#include "ui/common/messagedelegate.h"
#include "ui/common/messageedit.h"
#include "ui/common/messageview.h"
#include "ui/ipmsg/addressesdialog.h"
#include "ui/ipmsg/ipmsgpanel.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QNetworkDatagram>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUdpSocket>

#include <memory>

using namespace IpMsg;

class TstIpMsgMode : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void switchDiscoverSendConfirm();
    void broadcastIsAnExplicitChoice();
    void yourAddresses();

private:
    QList<Packet> received(quint32 mode) const;
    void peerSend(const Packet &p);

    std::unique_ptr<GuiFixture> m_fx;
    std::unique_ptr<QUdpSocket> m_peer;
    QList<Packet> m_received;
};

void TstIpMsgMode::init()
{
    m_fx = std::make_unique<GuiFixture>();
    QVERIFY(m_fx->start({QStringLiteral("--nickname"), QStringLiteral("Me")}));
    m_peer = std::make_unique<QUdpSocket>();
    QVERIFY(m_peer->bind(QHostAddress::LocalHost, 0));
    m_received.clear();
    connect(m_peer.get(), &QUdpSocket::readyRead, this, [this] {
        while (m_peer->hasPendingDatagrams()) {
            const ParseResult r = parse(m_peer->receiveDatagram().data());
            if (r.ok())
                m_received.append(r.packet);
        }
    });
    // The "broadcast" is the peer on loopback: nothing leaves this machine.
    m_fx->app().ipmsg().setBroadcastTargets(
            {Endpoint{QHostAddress::LocalHost, m_peer->localPort()}});
}

void TstIpMsgMode::cleanup()
{
    m_fx.reset();
    m_peer.reset();
}

QList<Packet> TstIpMsgMode::received(quint32 mode) const
{
    QList<Packet> list;
    for (const Packet &p : m_received) {
        if (p.mode() == mode)
            list.append(p);
    }
    return list;
}

void TstIpMsgMode::peerSend(const Packet &p)
{
    m_peer->writeDatagram(build(p), QHostAddress::LocalHost, m_fx->app().ipmsg().localPort());
}

void TstIpMsgMode::switchDiscoverSendConfirm()
{
    auto *combo = m_fx->window().findChild<QComboBox *>(QStringLiteral("modeCombo"));
    auto *stack = m_fx->window().findChild<QStackedWidget *>(QStringLiteral("modeStack"));
    QVERIFY(combo && stack);
    QCOMPARE(combo->currentData().toString(), QStringLiteral("plain"));
    QVERIFY(!m_fx->app().ipmsg().isRunning());
    QVERIFY(m_received.isEmpty());

    // The user picks IP Messenger in the status bar.
    combo->setCurrentIndex(combo->findData(QStringLiteral("ipmsg")));
    Q_EMIT combo->activated(combo->currentIndex());
    QVERIFY(m_fx->app().ipmsg().isRunning());
    QCOMPARE(stack->currentWidget(), m_fx->window().ipmsgPanel());
    QCOMPARE(m_fx->settings().chatMode(), QStringLiteral("ipmsg"));
    QTRY_COMPARE(received(BrEntry).size(), 1);
    auto *status = m_fx->window().findChild<QLabel *>(QStringLiteral("ipmsgStatusLabel"));
    QVERIFY(status->text().contains(QString::number(m_fx->app().ipmsg().localPort())));
    QCOMPARE(m_fx->window().focusWidget(),
             m_fx->window().findChild<QWidget *>(QStringLiteral("ipmsgMessageEdit")));

    // A peer answers; it is listed with its nickname.
    Packet ans;
    ans.version = "1_iptux 0.8.3";
    ans.packetNo = 1;
    ans.user = "wang";
    ans.host = "pc";
    ans.command = AnsEntry;
    ans.extra = QByteArray("小王\0研发\0icon.png\0utf-8\0", 29);
    peerSend(ans);
    auto *peers = m_fx->window().findChild<QTreeWidget *>(QStringLiteral("ipmsgPeerList"));
    QTRY_COMPARE(peers->topLevelItemCount(), 1);
    QCOMPARE(peers->topLevelItem(0)->text(0), QStringLiteral("小王"));
    QCOMPARE(peers->topLevelItem(0)->text(1), QStringLiteral("研发"));
    QCOMPARE(peers->topLevelItem(0)->text(3),
             QStringLiteral("127.0.0.1:%1").arg(m_peer->localPort()));

    QCOMPARE(peers->topLevelItem(0)->text(4), QStringLiteral("UTF-8"));
    // Its encoding can be chosen from its menu.
    {
        std::unique_ptr<QMenu> menu = m_fx->window().ipmsgPanel()->createPeerMenu(
                m_fx->app().ipmsg().peers().first().key);
        QVERIFY(menu);
        auto *encodings = menu->findChild<QMenu *>(QStringLiteral("peerEncodingMenu"));
        QAction *gbk = nullptr;
        for (QAction *a : encodings->actions()) {
            if (a->data().toString() == QStringLiteral("GBK"))
                gbk = a;
        }
        QVERIFY(gbk);
        gbk->trigger();
        QCOMPARE(m_fx->app().ipmsg().peers().first().encoding, QStringLiteral("GBK"));
        QCOMPARE(peers->topLevelItem(0)->text(4), QStringLiteral("GBK (chosen)"));
        menu = m_fx->window().ipmsgPanel()->createPeerMenu(m_fx->app().ipmsg().peers().first().key);
        encodings = menu->findChild<QMenu *>(QStringLiteral("peerEncodingMenu"));
        encodings->actions().first()->trigger(); // Automatic
        QCOMPARE(peers->topLevelItem(0)->text(4), QStringLiteral("UTF-8"));
    }

    // Select it, type, press Return.
    peers->topLevelItem(0)->setSelected(true);
    auto *edit = m_fx->child<MessageEdit>("ipmsgMessageEdit");
    auto *send = m_fx->window().findChild<QPushButton *>(QStringLiteral("ipmsgSendButton"));
    QVERIFY(!send->isEnabled());
    edit->insertPlainText(QStringLiteral("你好 ")); // as an input method would; QTest types ASCII
    QTest::keyClicks(edit, QStringLiteral("wang"));
    QVERIFY(send->isEnabled());
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_COMPARE(received(SendMsg).size(), 1);
    const Packet msg = received(SendMsg).first();
    QVERIFY(msg.has(SendCheckOpt));
    QCOMPARE(QString::fromUtf8(msg.extraParts().first()), QStringLiteral("你好 wang"));
    QVERIFY(edit->text().isEmpty());
    // The plain chat's view, with the person's conversation (issue 16).
    MessageView *view = m_fx->window().ipmsgPanel()->view();
    MessageListModel *messages = view->messages();
    const auto header = [messages](int row) {
        return MessageDelegate::headerText(messages->index(row));
    };
    QCOMPARE(messages->rowCount(), 1);
    QVERIFY2(header(0).startsWith(QStringLiteral("To 小王 (pc) · ")), qPrintable(header(0)));
    QVERIFY2(header(0).endsWith(QStringLiteral("Waiting for receipt")), qPrintable(header(0)));
    QCOMPARE(messages->at(0).text, QStringLiteral("你好 wang"));

    Packet ack = ans;
    ack.packetNo = 2;
    ack.command = RecvMsg;
    ack.extra = QByteArray::number(msg.packetNo) + '\0';
    peerSend(ack);
    QTRY_VERIFY2(header(0).endsWith(QStringLiteral(" · Delivered")), qPrintable(header(0)));

    // Its message arrives with its nickname, and is acknowledged.
    Packet in = ans;
    in.packetNo = 3;
    in.command = SendMsg | SendCheckOpt;
    in.extra = QByteArray("收到\0", 7);
    peerSend(in);
    QTRY_COMPARE(messages->rowCount(), 2);
    QVERIFY2(header(1).startsWith(QStringLiteral("小王 (pc) · ")), qPrintable(header(1)));
    QCOMPARE(messages->index(1).data(Qt::DisplayRole).toString(), QStringLiteral("收到"));
    QTRY_COMPARE(received(RecvMsg).size(), 1);

    // Several lines, both ways, whole (issue 16): Shift+Enter starts a line of the same message.
    QTest::keyClicks(edit, QStringLiteral("line one"));
    QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(edit, QStringLiteral("line two"));
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_COMPARE(received(SendMsg).size(), 2);
    QCOMPARE(QString::fromUtf8(received(SendMsg).at(1).extraParts().first()),
             QStringLiteral("line one\nline two"));
    QTRY_COMPARE(messages->rowCount(), 3);
    QCOMPARE(messages->index(2).data(Qt::DisplayRole).toString(),
             QStringLiteral("line one\nline two"));
    Packet lines = in;
    lines.packetNo = 4;
    lines.extra = QByteArray("Hi Alice, from iptux\nsecond line\nthird line\0", 44);
    peerSend(lines);
    QTRY_COMPARE(messages->rowCount(), 4);
    QCOMPARE(messages->index(3).data(Qt::DisplayRole).toString(),
             QStringLiteral("Hi Alice, from iptux\nsecond line\nthird line"));
    // Drawn whole: the row is as tall as its three lines (and the header) need.
    const int oneLine = view->sizeHintForRow(1);
    QVERIFY2(view->sizeHintForRow(3) >= oneLine + 2 * view->fontMetrics().lineSpacing(),
             qPrintable(QStringLiteral("%1 vs %2").arg(view->sizeHintForRow(3)).arg(oneLine)));

    // Junk is counted, not shown.
    m_peer->writeDatagram(QByteArray("not ipmsg"), QHostAddress::LocalHost,
                          m_fx->app().ipmsg().localPort());
    QTRY_VERIFY(m_fx->window()
                        .findChild<QLabel *>(QStringLiteral("ipmsgPeersLabel"))
                        ->text()
                        .endsWith(QStringLiteral("1 packet ignored")));
    QCOMPARE(messages->rowCount(), 4);

    // A new nickname is saved and announced again.
    auto *nickname = m_fx->window().findChild<QLineEdit *>(QStringLiteral("ipmsgNicknameEdit"));
    QCOMPARE(nickname->text(), QStringLiteral("Me"));
    nickname->setFocus();
    nickname->selectAll();
    QTest::keyClicks(nickname, QStringLiteral("Neo"));
    QTest::keyClick(nickname, Qt::Key_Return);
    QCOMPARE(m_fx->app().ipmsg().identity().nickname, QStringLiteral("Neo"));
    QCOMPARE(m_fx->settings().ipmsgNickname(), QStringLiteral("Neo"));
    QTRY_COMPARE(received(BrEntry).size(), 2);
    QVERIFY(parseEntry(received(BrEntry).last()).nickname == "Neo");
    QVERIFY(status->text().contains(QStringLiteral("Neo")));

    // Back to plain UDP: BR_EXIT, the plain page again.
    combo->setCurrentIndex(combo->findData(QStringLiteral("plain")));
    Q_EMIT combo->activated(combo->currentIndex());
    QVERIFY(!m_fx->app().ipmsg().isRunning());
    QTRY_COMPARE(received(BrExit).size(), 1);
    QVERIFY(stack->currentWidget() != m_fx->window().ipmsgPanel());
    QCOMPARE(m_fx->settings().chatMode(), QStringLiteral("plain"));
    // Typing goes to the plain message box again.
    QCOMPARE(m_fx->window().focusWidget(),
             m_fx->window().findChild<QWidget *>(QStringLiteral("messageEdit")));
}

void TstIpMsgMode::broadcastIsAnExplicitChoice()
{
    auto *button = m_fx->window().findChild<QPushButton *>(QStringLiteral("broadcastButton"));
    auto *target = m_fx->window().findChild<QLineEdit *>(QStringLiteral("targetAddressEdit"));
    QVERIFY(button && target);
    QVERIFY(button->isVisible());
    const QString before = target->text();
    QVERIFY(before != QStringLiteral("255.255.255.255"));
    QMenu *menu = button->menu();
    Q_EMIT menu->aboutToShow();
    const auto actions = menu->actions();
    QVERIFY(!actions.isEmpty());
    QVERIFY(actions.last()->text().contains(QStringLiteral("255.255.255.255")));
    QCOMPARE(target->text(), before); // opening the menu changes nothing
    actions.last()->trigger(); // only fills the field; nothing is sent
    QCOMPARE(target->text(), QStringLiteral("255.255.255.255"));
    QVERIFY(m_fx->window().chatPage()->target().has_value());
    QVERIFY(m_received.isEmpty());
    // Hidden in IP Messenger mode, where discovery does the broadcasting.
    m_fx->window().setMode(MainWindow::Mode::IpMsg, false);
    QVERIFY(!button->isVisible());
    QCOMPARE(m_fx->settings().chatMode(), QStringLiteral("plain")); // not remembered (like --mode)
}

void TstIpMsgMode::yourAddresses()
{
    auto *target = m_fx->window().findChild<QLineEdit *>(QStringLiteral("targetAddressEdit"));
    target->setText(QStringLiteral("127.0.0.1"));
    AddressesDialog *dialog = m_fx->window().showAddresses();
    QVERIFY(dialog && dialog->isVisible());
    auto *list = dialog->findChild<QTreeWidget *>(QStringLiteral("addressesList"));
    bool hasLoopback = false;
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        hasLoopback |= list->topLevelItem(i)->text(1) == QStringLiteral("127.0.0.1");
    QVERIFY(hasLoopback);
    auto *sees = dialog->findChild<QLabel *>(QStringLiteral("peerSeesLabel"));
    QCOMPARE(sees->text(),
             QStringLiteral("127.0.0.1 sees this computer as 127.0.0.1 (the address of the route "
                            "to it)."));
    QPushButton *copy = nullptr;
    for (QPushButton *b :
         dialog->findChildren<QPushButton *>(QStringLiteral("copyAddressButton"))) {
        if (b->property("address").toString() == QStringLiteral("127.0.0.1"))
            copy = b;
    }
    QVERIFY(copy);
    QCOMPARE(copy->text(), QStringLiteral("Copy"));
    copy->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("127.0.0.1"));
}

QTEST_MAIN(TstIpMsgMode)
#include "tst_ipmsgmode.moc"
