// GUI tests: drive the real window with keys and clicks, and check what a real peer socket gets.

#include "core/config/profilelock.h"
#include "core/config/settings.h"
#include "core/net/localaddresses.h"
#include "core/session/chatsession.h"
#include "tests/ipv6.h"
#include "tests/loopback.h"
#include "tests/support/guifixture.h"
#include "ui/chat/chatpage.h"
#include "ui/chat/groupsdialog.h"
#include "ui/chat/messageactions.h"
#include "ui/common/applicationicon.h"
#include "ui/common/messagedelegate.h"
#include "ui/common/messageedit.h"
#include "ui/common/messageview.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QNetworkDatagram>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <QUdpSocket>

namespace {
const QHostAddress kLoopback4(QHostAddress::LocalHost);

// Text as an input method commits it (how Chinese is typed); QTest::keyClicks is Latin-1 only.
void commitText(QWidget *widget, const QString &text)
{
    QInputMethodEvent event;
    event.setCommitString(text);
    QApplication::sendEvent(widget, &event);
}

const QString kNiHao = QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd"); // 你好
} // namespace

class tst_ChatWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void focusStartsInMessageBox();
    void enterSendsExactlyTheTypedBytes();
    void shiftEnterSendsOneDatagramWithNewline();
    void incomingDatagramShowsSenderAndText();
    void undecodableAndEmptyDatagramsAreMarked();
    void invalidTargetDisablesSendAndSaysWhy_data();
    void invalidTargetDisablesSendAndSaysWhy();
    void sendFailureKeepsTheText();
    void networkErrorMarksRowFailed();
    void oversizedMessageIsRefusedAndKept();
    void doubleClickRepliesToSender();
    void busyPortIsReportedAndAnotherCanBeChosen();
    void enterInListenPortAppliesIt();
    void targetThatIsUdpchatItselfIsSaid();
    void sentDraftIsClearedOnDisk();
    void tabOrderFollowsTheTask();
    void ownAddressIsShownAndOpensYourAddresses();
    void bytesAboutToBeSentAreShownInHex();
    void multicastGroupsAreJoinedLeftAndRemembered();
    void multicastSendingChoicesAreAppliedAndRemembered();
    void clearAndQuitShortcuts();
    void draftAndTargetSurviveRestart();
    void commandLineTargetIsNotRemembered();
    void applicationIconLoadsAtEverySize();
    void countersShowReceivedScrolledOutAndDropped();
    void wrappedRowGetsItsExactHeightWhenPainted();
    void failingSaveIsReportedOnceAndKeepsTheDraft();
    void networkErrorFloodIsRateLimited();
    void damagedSettingsAreReportedOnceAtStart();
    void lineQtParsesLazilyNoLongerLosesTheDraft();
    void readOnlyProfileSaysSoAndSavesNothing();
    void chineseTypedWithGbkReachesThePeerAsGbk();
    void encodingCombosOfferWhatIsAvailable();
    void sendEncodingIsRememberedPerTarget();
    void receiveEncodingChoiceDecodesIncoming();
    void decodeAsRedecodesAndCanRememberThePeer();
    void showBytesListsTheExactBytes();
    void contextMenuOffersDecodeAsAndBytes();
    void byteCounterWarnsAndRefuses();
    void unrepresentableCharactersAreReportedBeforeSending();
    void hexEncodingSendsTypedBytes();
    void repeatSendsCountTimes();
    void repeatUntilStoppedCanBeStopped();

private:
    void createWindow(const QString &profile = QString());
    int messagesContaining(const QSignalSpy &spy, const QString &text) const;
    void typeTarget(const QString &address, quint16 port);
    void chooseInCombo(const char *comboName, const QString &text);
    QByteArray nextPeerDatagram(QUdpSocket &socket);
    template<typename T>
    T *child(const char *name)
    {
        return m_fx->child<T>(name);
    }
    ChatPage *page() const { return m_fx->window().chatPage(); }

    std::unique_ptr<GuiFixture> m_fx;
};

void tst_ChatWindow::init()
{
    m_fx = std::make_unique<GuiFixture>();
    createWindow();
}

void tst_ChatWindow::createWindow(const QString &profile)
{
    // Closed first (as the user would: it saves), then built again on the same profile.
    if (m_fx->isRunning())
        m_fx->window().close();
    QVERIFY(m_fx->start({}, profile));
}

int tst_ChatWindow::messagesContaining(const QSignalSpy &spy, const QString &text) const
{
    int count = 0;
    for (const QList<QVariant> &arguments : spy)
        count += arguments.constFirst().toString().contains(text) ? 1 : 0;
    return count;
}

void tst_ChatWindow::cleanup()
{
    m_fx.reset();
}

void tst_ChatWindow::typeTarget(const QString &address, quint16 port)
{
    auto *addressEdit = child<QLineEdit>("targetAddressEdit");
    auto *portEdit = child<QLineEdit>("targetPortEdit");
    addressEdit->setFocus();
    addressEdit->selectAll();
    QTest::keyClicks(addressEdit, address);
    portEdit->setFocus();
    portEdit->selectAll();
    QTest::keyClicks(portEdit, QString::number(port));
    child<MessageEdit>("messageEdit")->setFocus();
}

void tst_ChatWindow::chooseInCombo(const char *comboName, const QString &text)
{
    // With the keyboard, as a user would: only user choices emit activated().
    auto *combo = child<QComboBox>(comboName);
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Home);
    for (int i = 0; i < combo->count() && combo->currentText() != text; ++i)
        QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(combo->currentText(), text);
    child<MessageEdit>("messageEdit")->setFocus();
}

QByteArray tst_ChatWindow::nextPeerDatagram(QUdpSocket &socket)
{
    if (!QTest::qWaitFor([&] { return socket.hasPendingDatagrams(); }, 5000))
        return QByteArray("<nothing arrived>");
    return socket.receiveDatagram().data();
}

void tst_ChatWindow::focusStartsInMessageBox()
{
    // The empty list says what it is for, with the real port.
    const auto *view = child<MessageView>("messageView");
    QVERIFY(view->placeholderText().contains(
            QString::number(m_fx->session().channel()->localPort())));
    QTRY_COMPARE(QApplication::focusWidget(), child<MessageEdit>("messageEdit"));
    QVERIFY(child<QLabel>("listenStatusLabel")
                    ->text()
                    .contains(QString::number(m_fx->session().channel()->localPort())));
    QVERIFY(!child<QToolButton>("freePortButton")->isVisible());
}

void tst_ChatWindow::enterSendsExactlyTheTypedBytes()
{
    typeTarget(QStringLiteral("127.0.0.1"), m_fx->peer().localPort());
    auto *edit = child<MessageEdit>("messageEdit");
    const QString chinese = QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd");
    QTest::keyClicks(edit, QStringLiteral("hello "));
    commitText(edit, chinese);
    const QString text = QStringLiteral("hello ") + chinese;
    QCOMPARE(edit->text(), text);
    QVERIFY(child<QPushButton>("sendButton")->isEnabled());
    QTest::keyClick(edit, Qt::Key_Return);

    QCOMPARE(nextPeerDatagram(m_fx->peer()), text.toUtf8()); // no header, no newline
    QVERIFY(edit->text().isEmpty());
    QCOMPARE(m_fx->session().messages()->rowCount(), 1);
    const QModelIndex row = m_fx->session().messages()->index(0);
    QCOMPARE(row.data(MessageListModel::StatusRole).toInt(), int(ChatMessage::Status::Sent));
    QVERIFY(MessageDelegate::headerText(row).contains(
            QStringLiteral("127.0.0.1:%1").arg(m_fx->peer().localPort())));
}

void tst_ChatWindow::shiftEnterSendsOneDatagramWithNewline()
{
    typeTarget(QStringLiteral("127.0.0.1"), m_fx->peer().localPort());
    auto *edit = child<MessageEdit>("messageEdit");
    QTest::keyClicks(edit, QStringLiteral("one"));
    QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(edit, QStringLiteral("two"));
    QVERIFY(!m_fx->peer().hasPendingDatagrams());
    QTest::keyClick(edit, Qt::Key_Enter, Qt::KeypadModifier);
    QCOMPARE(nextPeerDatagram(m_fx->peer()), QByteArray("one\ntwo"));
    QVERIFY(!m_fx->peer().hasPendingDatagrams());
}

void tst_ChatWindow::incomingDatagramShowsSenderAndText()
{
    m_fx->peer().writeDatagram(QByteArray("ping from python"), kLoopback4,
                               m_fx->session().channel()->localPort());
    auto *view = child<QListView>("messageView");
    QTRY_COMPARE(view->model()->rowCount(), 1);
    const QModelIndex row = view->model()->index(0, 0);
    QCOMPARE(row.data(MessageListModel::TextRole).toString(), QStringLiteral("ping from python"));
    const QString header = MessageDelegate::headerText(row);
    QVERIFY2(header.startsWith(QStringLiteral("127.0.0.1:%1 ").arg(m_fx->peer().localPort())),
             qPrintable(header));
    QVERIFY(header.contains(QLocale().toString(
            row.data(MessageListModel::TimeRole).toDateTime().toLocalTime().time(),
            QStringLiteral("HH:mm:ss"))));
    QVERIFY(view->visualRect(row).height() > 0);
}

void tst_ChatWindow::undecodableAndEmptyDatagramsAreMarked()
{
    const quint16 port = m_fx->session().channel()->localPort();
    m_fx->peer().writeDatagram(QByteArray("\xc4\xe3\xba\xc3"), kLoopback4, port); // GBK, not UTF-8
    m_fx->peer().writeDatagram(QByteArray(), kLoopback4, port);
    m_fx->peer().writeDatagram(QByteArray("fine"), kLoopback4, port);
    auto *view = child<QListView>("messageView");
    QTRY_COMPARE(view->model()->rowCount(), 3);
    const QModelIndex gbk = view->model()->index(0, 0);
    QVERIFY(MessageDelegate::headerText(gbk).endsWith(QStringLiteral("not valid UTF-8")));
    QVERIFY(MessageDelegate::bodyText(gbk).contains(QChar::ReplacementCharacter));
    QCOMPARE(MessageDelegate::bodyText(view->model()->index(1, 0)),
             QStringLiteral("(empty datagram)"));
    QVERIFY(view->visualRect(view->model()->index(1, 0)).height() > 0);
    QVERIFY(!MessageDelegate::headerText(view->model()->index(2, 0))
                     .contains(QStringLiteral("not valid")));
}

void tst_ChatWindow::invalidTargetDisablesSendAndSaysWhy_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("port");
    QTest::addColumn<QString>("reason");
    QTest::newRow("short form") << "10.1"
                                << "6666"
                                << "four parts";
    QTest::newRow("octal") << "0177.0.0.1"
                           << "6666"
                           << "four parts";
    QTest::newRow("any") << "0.0.0.0"
                         << "6666"
                         << "any address";
    QTest::newRow("ipv6 any") << "::"
                              << "6666"
                              << "any address";
    QTest::newRow("host:port") << "127.0.0.1:6666"
                               << "6666"
                               << "Port field";
    QTest::newRow("host name") << "localhost"
                               << "6666"
                               << "Host names";
    QTest::newRow("empty") << ""
                           << "6666"
                           << "Type the IP address";
    QTest::newRow("port 0") << "127.0.0.1"
                            << "0"
                            << "1 to 65535";
    QTest::newRow("port 65536") << "127.0.0.1"
                                << "65536"
                                << "1 to 65535";
    QTest::newRow("port text") << "127.0.0.1"
                               << "abc"
                               << "decimal number";
}

void tst_ChatWindow::invalidTargetDisablesSendAndSaysWhy()
{
    QFETCH(QString, address);
    QFETCH(QString, port);
    QFETCH(QString, reason);
    auto *addressEdit = child<QLineEdit>("targetAddressEdit");
    auto *portEdit = child<QLineEdit>("targetPortEdit");
    auto *edit = child<MessageEdit>("messageEdit");
    auto *send = child<QPushButton>("sendButton");
    auto *error = child<QLabel>("targetErrorLabel");

    QTest::keyClicks(edit, QStringLiteral("should not leave"));
    addressEdit->clear();
    QTest::keyClicks(addressEdit, address);
    portEdit->clear();
    QTest::keyClicks(portEdit, port);
    QVERIFY(!send->isEnabled());
    QVERIFY(error->isVisible());
    QCOMPARE(error->textFormat(), Qt::PlainText);
    QVERIFY2(error->text().contains(reason), qPrintable(error->text()));

    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(edit->text(), QStringLiteral("should not leave"));
    QCOMPARE(m_fx->session().messages()->rowCount(), 0);

    // Corrected, the same text goes out, and it is the first thing the peer sees.
    typeTarget(QStringLiteral("127.0.0.1"), m_fx->peer().localPort());
    QVERIFY(!error->isVisible());
    QVERIFY(send->isEnabled());
    QTest::mouseClick(send, Qt::LeftButton);
    QCOMPARE(nextPeerDatagram(m_fx->peer()), QByteArray("should not leave"));
}

void tst_ChatWindow::sendFailureKeepsTheText()
{
    typeTarget(QStringLiteral("127.0.0.1"), m_fx->peer().localPort());
    m_fx->session().channel()->close();
    QTRY_VERIFY(
            child<QLabel>("listenStatusLabel")->text().startsWith(QStringLiteral("Not listening")));
    auto *edit = child<MessageEdit>("messageEdit");
    QTest::keyClicks(edit, QStringLiteral("keep me"));
    QTest::keyClick(edit, Qt::Key_Return);

    QCOMPARE(edit->text(), QStringLiteral("keep me"));
    QCOMPARE(m_fx->session().messages()->rowCount(), 1);
    const QModelIndex row = m_fx->session().messages()->index(0);
    QCOMPARE(row.data(MessageListModel::StatusRole).toInt(), int(ChatMessage::Status::Failed));
    QVERIFY(MessageDelegate::headerText(row).contains(QStringLiteral("Failed: ")));
    QVERIFY(child<QLabel>("sendErrorLabel")->isVisible());
    QVERIFY(!m_fx->peer().hasPendingDatagrams());
}

void tst_ChatWindow::networkErrorMarksRowFailed()
{
    // Link-local via lo: the kernel refuses it (no route), and nothing can leave through lo.
    typeTarget(QStringLiteral("fe80::1%lo"), 6666);
    QVERIFY(page()->target().has_value());
    auto *edit = child<MessageEdit>("messageEdit");
    QTest::keyClicks(edit, QStringLiteral("nobody there"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(edit->text(), QStringLiteral("nobody there"));
    QTRY_COMPARE(m_fx->session().messages()->rowCount(), 1);
    const QModelIndex row = m_fx->session().messages()->index(0);
    QCOMPARE(row.data(MessageListModel::StatusRole).toInt(), int(ChatMessage::Status::Failed));
    QVERIFY(!row.data(MessageListModel::ErrorRole).toString().isEmpty());
    QVERIFY(m_fx->session().channel()->isListening()); // the socket survives a failed send
}

void tst_ChatWindow::oversizedMessageIsRefusedAndKept()
{
    typeTarget(QStringLiteral("127.0.0.1"), m_fx->peer().localPort());
    auto *edit = child<MessageEdit>("messageEdit");
    const QString big(int(UdpChannel::MaxPayloadIPv4) + 1, u'a');
    edit->setPlainText(big); // as if pasted
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(edit->text(), big);
    auto *error = child<QLabel>("sendErrorLabel");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("65507")), qPrintable(error->text()));
    QCOMPARE(m_fx->session().messages()->rowCount(), 0);

    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("small"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(nextPeerDatagram(m_fx->peer()), QByteArray("small"));
    QVERIFY(!error->isVisible());
}

void tst_ChatWindow::doubleClickRepliesToSender()
{
    QUdpSocket other;
    QVERIFY(other.bind(kLoopback4, 0));
    other.writeDatagram(QByteArray("reply to me"), kLoopback4,
                        m_fx->session().channel()->localPort());
    auto *view = child<QListView>("messageView");
    QTRY_COMPARE(view->model()->rowCount(), 1);
    const QRect rect = view->visualRect(view->model()->index(0, 0));
    QVERIFY(rect.isValid());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, rect.center());

    QCOMPARE(child<QLineEdit>("targetAddressEdit")->text(), QStringLiteral("127.0.0.1"));
    QCOMPARE(child<QLineEdit>("targetPortEdit")->text(), QString::number(other.localPort()));
    QTRY_COMPARE(QApplication::focusWidget(), child<MessageEdit>("messageEdit"));

    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("pong"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCOMPARE(nextPeerDatagram(other), QByteArray("pong"));
}

void tst_ChatWindow::busyPortIsReportedAndAnotherCanBeChosen()
{
    QUdpSocket squatter; // another program on the port we want
    QVERIFY(squatter.bind(QHostAddress::Any, 0));
    const quint16 busy = squatter.localPort();

    auto *spin = child<QSpinBox>("bindPortSpin");
    auto *label = child<QLabel>("listenStatusLabel");
    auto *freePort = child<QToolButton>("freePortButton");
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, QString::number(busy));
    QTest::mouseClick(child<QPushButton>("applyBindButton"), Qt::LeftButton);

    QCOMPARE(label->text(),
             QStringLiteral("Not listening: port %1 is used by another program").arg(busy));
    QCOMPARE(label->textFormat(), Qt::PlainText);
    QVERIFY(freePort->isVisible());
    QVERIFY(m_fx->window().isVisible()); // no modal dialog, the window keeps working

    QTest::mouseClick(freePort, Qt::LeftButton);
    QVERIFY(m_fx->session().channel()->isListening());
    QCOMPARE(label->text(), QStringLiteral("Listening on UDP port %1 (IPv4 and IPv6)")
                                    .arg(m_fx->session().channel()->localPort()));
    QVERIFY(!freePort->isVisible());

    // And it really receives there.
    m_fx->peer().writeDatagram(QByteArray("here"), kLoopback4,
                               m_fx->session().channel()->localPort());
    QTRY_COMPARE(m_fx->session().messages()->rowCount(), 1);
}

void tst_ChatWindow::enterInListenPortAppliesIt()
{
    quint16 free = 0;
    {
        QUdpSocket probe; // a port nobody uses right now
        QVERIFY(probe.bind(QHostAddress::Any, 0));
        free = probe.localPort();
    }
    auto *spin = child<QSpinBox>("bindPortSpin");
    auto *note = child<QLabel>("listenNoteLabel");
    QVERIFY(!note->isVisible());
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, QString::number(free));
    // Typed, not applied: said, and the status bar still tells where udpchat listens.
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QString::number(free)), qPrintable(note->text()));
    QVERIFY(m_fx->session().channel()->localPort() != free);
    QTest::keyClick(spin, Qt::Key_Return);
    QTRY_COMPARE(m_fx->session().channel()->localPort(), free);
    QVERIFY(!note->isVisible());
    QCOMPARE(m_fx->settings().bindPort(), free);
}

void tst_ChatWindow::targetThatIsUdpchatItselfIsSaid()
{
    auto *note = child<QLabel>("targetNoteLabel");
    typeTarget(QStringLiteral("127.0.0.1"), m_fx->port());
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QStringLiteral("udpchat itself")), qPrintable(note->text()));
    QCOMPARE(note->textFormat(), Qt::PlainText);
    typeTarget(QStringLiteral("::1"), m_fx->port());
    QVERIFY(note->isVisible());
    typeTarget(QStringLiteral("127.0.0.1"), m_fx->peer().localPort());
    QVERIFY(!note->isVisible());
}

void tst_ChatWindow::sentDraftIsClearedOnDisk()
{
    typeTarget(QStringLiteral("127.0.0.1"), m_fx->peer().localPort());
    auto *edit = child<MessageEdit>("messageEdit");
    QTest::keyClicks(edit, QStringLiteral("sent once"));
    const auto draftOnDisk = [this] {
        return QSettings(m_fx->file(QStringLiteral("udpchat.conf")), QSettings::IniFormat)
                .value(QStringLiteral("window/draft"))
                .toString();
    };
    QTRY_COMPARE(draftOnDisk(), QStringLiteral("sent once")); // saved while typing
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(nextPeerDatagram(m_fx->peer()), QByteArray("sent once"));
    // Not only in memory: a restart after a crash must not offer it to send again.
    QCOMPARE(draftOnDisk(), QString());
    m_fx->stop();
    QVERIFY(m_fx->start());
    QVERIFY(child<MessageEdit>("messageEdit")->text().isEmpty());
}

void tst_ChatWindow::tabOrderFollowsTheTask()
{
    auto *address = child<QLineEdit>("targetAddressEdit");
    auto *edit = child<MessageEdit>("messageEdit");
    QTest::keyClicks(edit, QStringLiteral("x")); // Send is enabled, so it takes the focus
    address->setFocus();
    QCOMPARE(QApplication::focusWidget(), address);
    const QStringList expected{QStringLiteral("targetPortEdit"), QStringLiteral("messageEdit"),
                               QStringLiteral("sendButton")};
    for (const QString &name : expected) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), name);
    }
}

void tst_ChatWindow::ownAddressIsShownAndOpensYourAddresses()
{
    auto *button = child<QToolButton>("ownAddressButton");
    QVERIFY(button->isVisible());
    // One of this computer's addresses (the loopback one when it has no network).
    QStringList ours{QStringLiteral("127.0.0.1")};
    for (const LocalAddress &a : localAddresses())
        ours << displayAddress(normalizedAddress(a.address));
    const QString shown = button->text().section(u' ', 2, 2);
    QVERIFY2(ours.contains(shown), qPrintable(button->text()));
    button->click();
    auto *dialog = child<QDialog>("addressesDialog");
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(!dialog->isModal());
}

void tst_ChatWindow::bytesAboutToBeSentAreShownInHex()
{
    auto *toggle = child<QToolButton>("showBytesButton");
    auto *preview = child<QLabel>("bytesPreviewLabel");
    QVERIFY(!preview->isVisible());
    toggle->click();
    QVERIFY(preview->isVisible());
    QCOMPARE(preview->textFormat(), Qt::PlainText);
    auto *edit = child<MessageEdit>("messageEdit");
    QTest::keyClicks(edit, QStringLiteral("hi"));
    QCOMPARE(preview->text(), QStringLiteral("68 69"));
    // In the chosen encoding, as typed.
    chooseInCombo("sendEncodingCombo", QStringLiteral("GBK"));
    edit->clear();
    commitText(edit, kNiHao);
    QCOMPARE(preview->text(), QStringLiteral("c4 e3 ba c3"));
    // Kept for the next start.
    QCOMPARE(m_fx->settings().showBytes(), true);
    createWindow();
    QVERIFY(child<QLabel>("bytesPreviewLabel")->isVisible());
    child<QToolButton>("showBytesButton")->click();
    QVERIFY(!child<QLabel>("bytesPreviewLabel")->isVisible());
}

// Issue 18: how sends to a group go out is chosen in the dialog (TTL, hearing our own, the
// interface), applied to the socket's channel at once and again at the next start.
void tst_ChatWindow::multicastSendingChoicesAreAppliedAndRemembered()
{
    UdpChannel *channel = m_fx->session().channel();
    QCOMPARE(channel->multicastTtl(), 1);
    QVERIFY(channel->multicastLoopback());
    GroupsDialog *dialog = m_fx->window().showGroups();
    auto *ttl = dialog->findChild<QSpinBox *>(QStringLiteral("multicastTtlSpin"));
    auto *loopback = dialog->findChild<QCheckBox *>(QStringLiteral("multicastLoopbackCheck"));
    auto *interfaces = dialog->findChild<QComboBox *>(QStringLiteral("multicastInterfaceCombo"));
    QVERIFY(ttl && loopback && interfaces);
    QCOMPARE(ttl->value(), 1);
    QCOMPARE(interfaces->currentText(), QStringLiteral("Automatic"));
    QCOMPARE(interfaces->currentData().toString(), QString());
    ttl->setValue(3);
    loopback->setChecked(false);
    QCOMPARE(channel->multicastTtl(), 3);
    QVERIFY(!channel->multicastLoopback());
    QCOMPARE(m_fx->settings().multicastTtl(), 3);
    QVERIFY(!m_fx->settings().multicastLoopback());
    QVERIFY(m_fx->restart());
    channel = m_fx->session().channel();
    QCOMPARE(channel->multicastTtl(), 3);
    QVERIFY(!channel->multicastLoopback());
    QCOMPARE(channel->multicastInterface(), QString());
    dialog = m_fx->window().showGroups();
    QCOMPARE(dialog->findChild<QSpinBox *>(QStringLiteral("multicastTtlSpin"))->value(), 3);
    QVERIFY(!dialog->findChild<QCheckBox *>(QStringLiteral("multicastLoopbackCheck"))->isChecked());
}

void tst_ChatWindow::multicastGroupsAreJoinedLeftAndRemembered()
{
    // On the loopback interface only: nothing leaves this computer.
    const QString lo = Loopback::interfaceName();
    QVERIFY2(!lo.isEmpty(), "this computer has no loopback interface");
    GroupsDialog *dialog = m_fx->window().showGroups();
    auto *field = dialog->findChild<QLineEdit *>(QStringLiteral("groupEdit"));
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("groupErrorLabel"));
    auto *list = dialog->findChild<QTreeWidget *>(QStringLiteral("groupsList"));
    QVERIFY(field && error && list);
    QVERIFY(!dialog->isModal());
    // Not a group: said in a sentence, nothing joined.
    field->setText(QStringLiteral("10.99.0.2"));
    QVERIFY(!dialog->join());
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("not a multicast group")),
             qPrintable(error->text()));
    QCOMPARE(list->topLevelItemCount(), 0);
    // A group on lo: listed with where it is joined, named in the status bar, remembered.
    const QString group = QStringLiteral("239.255.77.1");
    field->setText(group + u'%' + lo);
    QVERIFY2(dialog->join(), qPrintable(error->text()));
    QCOMPARE(list->topLevelItemCount(), 1);
    QCOMPARE(list->topLevelItem(0)->text(0), group);
    QCOMPARE(list->topLevelItem(0)->text(1), QStringLiteral("on ") + lo);
    QVERIFY(child<QLabel>("listenStatusLabel")
                    ->text()
                    .endsWith(QStringLiteral("and groups ") + group));
    QCOMPARE(m_fx->settings().groups(), QStringList{group + u'%' + lo});
    // Joined again at the next start, and what is sent to the group arrives in the list. Without
    // the membership on lo, the kernel would deliver this datagram to no socket.
    createWindow();
    QCOMPARE(m_fx->session().channel()->groups().size(), 1);
    QCOMPARE(m_fx->session().channel()->groups().constFirst().joinedOn, QStringList{lo});
    UdpChannel sender;
    QVERIFY(sender.listen(0));
    sender.setMulticastInterface(lo);
    const UdpChannel::SendResult sent = sender.send(
            "to the group", Endpoint{QHostAddress(group), m_fx->session().channel()->localPort()});
    QVERIFY2(sent.ok(), qPrintable(sent.message));
    QTRY_COMPARE(m_fx->session().messages()->rowCount(), 1);
    QCOMPARE(m_fx->session().messages()->index(0).data(MessageListModel::TextRole).toString(),
             QStringLiteral("to the group"));
    // The row says which group it came through, and the dialog counts it for that group.
    QCOMPARE(m_fx->session().messages()->index(0).data(MessageListModel::GroupRole).toString(),
             group);
    dialog = m_fx->window().showGroups();
    list = dialog->findChild<QTreeWidget *>(QStringLiteral("groupsList"));
    QCOMPARE(list->headerItem()->text(2), QStringLiteral("Messages"));
    QTRY_COMPARE(list->topLevelItem(0)->text(2), QStringLiteral("1"));
    QVERIFY(sender.send("again",
                        Endpoint{QHostAddress(group), m_fx->session().channel()->localPort()})
                    .ok());
    QTRY_COMPARE(list->topLevelItem(0)->text(2), QStringLiteral("2"));
    // Left: gone from the channel and from the settings.
    list->topLevelItem(0)->setSelected(true);
    dialog->leaveSelected();
    QCOMPARE(m_fx->session().channel()->groups().size(), 0);
    QCOMPARE(list->topLevelItemCount(), 0);
    QVERIFY(m_fx->settings().groups().isEmpty());
    // A group from --join is for that run: joining another here saves only the other.
    const QString runOnly = QStringLiteral("239.255.77.2%") + lo;
    QVERIFY(m_fx->restart({QStringLiteral("--join"), runOnly}));
    QCOMPARE(m_fx->session().channel()->groups().size(), 1);
    dialog = m_fx->window().showGroups();
    field = dialog->findChild<QLineEdit *>(QStringLiteral("groupEdit"));
    field->setText(QStringLiteral("239.255.77.3%") + lo);
    QVERIFY(dialog->join());
    QCOMPARE(m_fx->session().channel()->groups().size(), 2);
    QCOMPARE(m_fx->settings().groups(), QStringList{QStringLiteral("239.255.77.3%") + lo});
}

void tst_ChatWindow::clearAndQuitShortcuts()
{
    m_fx->peer().writeDatagram(QByteArray("a"), kLoopback4, m_fx->session().channel()->localPort());
    QTRY_COMPARE(m_fx->session().messages()->rowCount(), 1);
    QTest::keySequence(&m_fx->window(), QKeySequence(QStringLiteral("Ctrl+L")));
    QCOMPARE(m_fx->session().messages()->rowCount(), 0);
    QTest::keySequence(&m_fx->window(), QKeySequence(QStringLiteral("Ctrl+Q")));
    QTRY_VERIFY(!m_fx->window().isVisible());
}

void tst_ChatWindow::draftAndTargetSurviveRestart()
{
    typeTarget(QStringLiteral("::1"), 7001);
    auto *edit = child<MessageEdit>("messageEdit");
    QTest::keyClicks(edit, QStringLiteral("half-written"));
    createWindow(); // closed, then started again on the same profile
    QCOMPARE(child<MessageEdit>("messageEdit")->text(), QStringLiteral("half-written"));
    QCOMPARE(child<QLineEdit>("targetAddressEdit")->text(), QStringLiteral("::1"));
    QCOMPARE(child<QLineEdit>("targetPortEdit")->text(), QStringLiteral("7001"));
    QVERIFY(page()->target().has_value());
}

void tst_ChatWindow::commandLineTargetIsNotRemembered()
{
    page()->setTarget(Endpoint{QHostAddress(QStringLiteral("::ffff:10.9.8.7")), 4242});
    QCOMPARE(child<QLineEdit>("targetAddressEdit")->text(), QStringLiteral("10.9.8.7"));
    QCOMPARE(page()->target()->port, quint16(4242));
    m_fx->window().close();
    QCOMPARE(m_fx->settings().targetAddress(), Settings::defaultTargetAddress());
    QCOMPARE(m_fx->settings().targetPort(), Settings::DefaultPort);
}

void tst_ChatWindow::applicationIconLoadsAtEverySize()
{
    const QIcon icon = applicationIcon();
    QVERIFY(!icon.isNull());
    for (const int size : {16, 24, 32, 48, 64, 128}) {
        QVERIFY2(icon.availableSizes().contains(QSize(size, size)),
                 qPrintable(QString::number(size)));
        const QPixmap pixmap = icon.pixmap(QSize(size, size));
        QCOMPARE(pixmap.size(), QSize(size, size));
        // Not a blank image: the tile's blue is there.
        const QColor centre = pixmap.toImage().pixelColor(size / 2, size - size / 5);
        QVERIFY(centre.alpha() > 0);
    }
    QVERIFY(!m_fx->window().windowIcon().isNull());
}

void tst_ChatWindow::failingSaveIsReportedOnceAndKeepsTheDraft()
{
    // The settings live below a regular file: no save can succeed, even as root.
    const QString blocker = m_fx->file(QStringLiteral("blocker"));
    const auto block = [&] {
        QFile file(blocker);
        return file.open(QIODevice::WriteOnly) && file.write("x") == 1;
    };
    QVERIFY(block());
    const QString path = blocker + QStringLiteral("/profile/udpchat.conf");
    createWindow(blocker + QStringLiteral("/profile"));
    QSignalSpy messages(m_fx->window().statusBar(), &QStatusBar::messageChanged);
    const QString failed = QStringLiteral("could not be saved");
    auto *edit = child<MessageEdit>("messageEdit");

    // The draft is saved 500 ms after typing stops; the first failure is shown ...
    QTest::keyClicks(edit, QStringLiteral("first"));
    QTRY_COMPARE(m_fx->settings().draft(), QStringLiteral("first")); // the save was attempted
    QCOMPARE(messagesContaining(messages, failed), 1);
    QVERIFY(m_fx->window().statusBar()->currentMessage().contains(failed));
    // ... the next ones, by the draft timer or by Apply, are not, even once it went away.
    m_fx->window().statusBar()->clearMessage();
    QTest::keyClicks(edit, QStringLiteral(" second"));
    QTRY_COMPARE(m_fx->settings().draft(), QStringLiteral("first second"));
    child<QPushButton>("applyBindButton")->click();
    child<QPushButton>("applyBindButton")->click();
    QCOMPARE(messagesContaining(messages, failed), 1);
    // Nothing typed is lost, no dialog, the window goes on.
    QCOMPARE(edit->text(), QStringLiteral("first second"));
    QVERIFY(!QApplication::activeModalWidget());

    // Once a save worked, a new failure is news again.
    QVERIFY(QFile::remove(blocker));
    QTest::keyClicks(edit, QStringLiteral(" third"));
    QTRY_VERIFY(QFile::exists(path));
    QVERIFY(!m_fx->window().statusBar()->currentMessage().contains(failed)); // no longer true
    QVERIFY(QDir(blocker).removeRecursively());
    QVERIFY(block());
    QTest::keyClicks(edit, QStringLiteral(" fourth"));
    QTRY_COMPARE(m_fx->settings().draft(), QStringLiteral("first second third fourth"));
    QCOMPARE(messagesContaining(messages, failed), 2);
}

void tst_ChatWindow::networkErrorFloodIsRateLimited()
{
    QSignalSpy messages(m_fx->window().statusBar(), &QStatusBar::messageChanged);
    UdpChannel *channel = m_fx->session().channel();
    for (int i = 1; i <= 200; ++i)
        Q_EMIT channel->socketError(QStringLiteral("failure %1").arg(i));
    QCOMPARE(messagesContaining(messages, QStringLiteral("Network error")), 1);
    QCOMPARE(m_fx->window().statusBar()->currentMessage(),
             QStringLiteral("Network error: failure 1"));
    QVERIFY(!QApplication::activeModalWidget());
    // The rest is summed up once the interval (5 s) is over, without a further error.
    QTRY_COMPARE_WITH_TIMEOUT(m_fx->window().statusBar()->currentMessage(),
                              QStringLiteral("Network error: failure 200 (198 more)"), 15000);
    QCOMPARE(messagesContaining(messages, QStringLiteral("Network error")), 2);
}

void tst_ChatWindow::damagedSettingsAreReportedOnceAtStart()
{
    const QString path = m_fx->file(QStringLiteral("udpchat.conf"));
    m_fx->stop(); // not closed: nothing saved over the file below
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write("[target]\nport=7009\n\x01garbage[[\n[window\n") > 0);
    }
    createWindow();
    const QString notice = m_fx->window().statusBar()->currentMessage();
    QVERIFY2(notice.contains(QStringLiteral("damaged")), qPrintable(notice));
    QVERIFY2(notice.contains(QStringLiteral(".corrupt-")), qPrintable(notice));
    QVERIFY(!child<QLabel>("profileStatusLabel")->isVisible());
    QCOMPARE(child<QLineEdit>("targetPortEdit")->text(), QStringLiteral("7009"));

    // Closed (saved) and opened again: the file is clean, nothing more to say.
    createWindow();
    QVERIFY(m_fx->window().statusBar()->currentMessage().isEmpty());
}

// Issue 15 #3: with a line such as x="\0", every save failed and what was typed was lost at
// each restart, without a copy of the file or a word about it.
void tst_ChatWindow::lineQtParsesLazilyNoLongerLosesTheDraft()
{
    const QString path = m_fx->file(QStringLiteral("udpchat.conf"));
    m_fx->stop(); // not closed: nothing saved over the file below
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write("x=\"\\0\",\n[target]\nport=7009\n") > 0);
    }
    createWindow();
    QTRY_VERIFY(!m_fx->window().statusBar()->currentMessage().isEmpty());
    const QString notice = m_fx->window().statusBar()->currentMessage();
    QVERIFY2(notice.contains(QStringLiteral("damaged")), qPrintable(notice));
    QVERIFY2(notice.contains(QStringLiteral(".corrupt-")), qPrintable(notice));
    QCOMPARE(child<QLineEdit>("targetPortEdit")->text(), QStringLiteral("7009"));

    QTest::keyClicks(child<MessageEdit>("messageEdit"), QStringLiteral("typed before restart"));
    createWindow(); // closed, then started again on the same profile
    QCOMPARE(child<MessageEdit>("messageEdit")->text(), QStringLiteral("typed before restart"));
    QVERIFY(m_fx->window().statusBar()->currentMessage().isEmpty());
}

void tst_ChatWindow::readOnlyProfileSaysSoAndSavesNothing()
{
    // Another window holds the profile's lock.
    const QString path = m_fx->file(QStringLiteral("udpchat.conf"));
    createWindow(); // closed once: the file now exists ...
    QVERIFY(QFile::remove(path)); // ... and is gone again
    m_fx->stop();
    ProfileLock other(m_fx->profile());
    QCOMPARE(other.tryLock(), ProfileLock::Status::Locked);
    createWindow();
    const QString reason = QStringLiteral("This window does not save settings or the draft.");
    QVERIFY(m_fx->window().statusBar()->currentMessage().contains(reason));
    auto *label = child<QLabel>("profileStatusLabel");
    QVERIFY(label->isVisible());
    QCOMPARE(label->textFormat(), Qt::PlainText);

    QTest::keyClicks(child<MessageEdit>("messageEdit"), QStringLiteral("typed"));
    QTRY_COMPARE(m_fx->settings().draft(), QStringLiteral("typed"));
    m_fx->window().close();
    QVERIFY(!QFile::exists(path));
}

void tst_ChatWindow::countersShowReceivedScrolledOutAndDropped()
{
    auto *counters = child<QLabel>("countersLabel");
    QVERIFY(!counters->isVisible()); // nothing received yet
    QCOMPARE(counters->textFormat(), Qt::PlainText);

    // A tiny receive buffer and a burst sent while the window is not reading: the kernel drops
    // most of it, and the window says so.
    UdpChannel *channel = m_fx->session().channel();
    channel->setReceiveBufferRequest(16 * 1024); // room for a dozen of these datagrams
    QVERIFY(channel->listen(0));
    m_fx->session().messages()->setMaxRows(5);
    const QByteArray payload(1000, 'b');
    for (int i = 0; i < 200; ++i)
        m_fx->peer().writeDatagram(payload, kLoopback4, channel->localPort());
    QTRY_VERIFY(channel->receivedCount() > 5);
    QTRY_VERIFY2(counters->text().contains(QStringLiteral("dropped by the system")),
                 qPrintable(counters->text()));
    QTRY_VERIFY2(counters->text().startsWith(
                         QStringLiteral("%1 received").arg(channel->receivedCount())),
                 qPrintable(counters->text()));
    QVERIFY(channel->receivedCount() < 200);
    QVERIFY(counters->text().contains(QStringLiteral("scrolled out")));
    QVERIFY(counters->isVisible());
    QCOMPARE(m_fx->session().messages()->rowCount(), 5);
}

void tst_ChatWindow::wrappedRowGetsItsExactHeightWhenPainted()
{
    // Sizes of rows not painted yet are estimates; for Cyrillic text (no advance table) the
    // estimate is off (Ш is much wider than an average character), and the first paint gives
    // the row its exact height.
    const QByteArray text = QString(300, QChar(0x0428)).toUtf8(); // Ш, wider than average
    m_fx->peer().writeDatagram(text, kLoopback4, m_fx->session().channel()->localPort());
    auto *view = child<MessageView>("messageView");
    QTRY_COMPARE(view->model()->rowCount(), 1);
    const QModelIndex index = view->model()->index(0, 0);
    const auto *delegate = static_cast<MessageDelegate *>(view->itemDelegate());
    QStyleOptionViewItem option = view->itemOption();
    option.rect = view->visualRect(index);
    const int exact = delegate->exactSizeHint(option, index).height();
    QVERIFY(exact > 0);
    m_fx->window().grab(); // paint
    QTRY_COMPARE(view->visualRect(index).height(), exact);
}

void tst_ChatWindow::chineseTypedWithGbkReachesThePeerAsGbk()
{
    typeTarget(QStringLiteral("127.0.0.1"), m_fx->peer().localPort());
    chooseInCombo("sendEncodingCombo", QStringLiteral("GBK"));
    QCOMPARE(m_fx->session().sendEncoding(), QStringLiteral("GBK"));
    QCOMPARE(m_fx->settings().sendEncoding(), QStringLiteral("GBK")); // remembered
    auto *edit = child<MessageEdit>("messageEdit");
    commitText(edit, kNiHao);
    QCOMPARE(child<QLabel>("byteCountLabel")->text(), QStringLiteral("4 bytes"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(nextPeerDatagram(m_fx->peer()), QByteArray::fromHex("c4e3bac3"));
    QVERIFY(edit->text().isEmpty());
    QCOMPARE(child<QLabel>("byteCountLabel")->text(), QStringLiteral("0 bytes"));

    // Back to UTF-8: the same characters are six bytes.
    chooseInCombo("sendEncodingCombo", QStringLiteral("UTF-8"));
    commitText(edit, kNiHao);
    QCOMPARE(child<QLabel>("byteCountLabel")->text(), QStringLiteral("6 bytes"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(nextPeerDatagram(m_fx->peer()), QByteArray::fromHex("e4bda0e5a5bd"));
}

void tst_ChatWindow::encodingCombosOfferWhatIsAvailable()
{
    auto *send = child<QComboBox>("sendEncodingCombo");
    auto *receive = child<QComboBox>("receiveEncodingCombo");
    QStringList sendItems, receiveItems;
    for (int i = 0; i < send->count(); ++i)
        sendItems << send->itemText(i);
    for (int i = 0; i < receive->count(); ++i)
        receiveItems << receive->itemText(i);
    QCOMPARE(receiveItems, TextCodec::availableEncodings());
    QCOMPARE(sendItems, TextCodec::availableEncodings() + QStringList{QStringLiteral("Hex")});
    QCOMPARE(send->currentText(), QStringLiteral("UTF-8"));
    QCOMPARE(receive->currentText(), QStringLiteral("UTF-8"));

    // The window shows what the settings say at start.
    m_fx->settings().setSendEncoding(QStringLiteral("Big5"));
    m_fx->settings().setReceiveEncoding(QStringLiteral("Shift_JIS"));
    createWindow();
    QCOMPARE(child<QComboBox>("sendEncodingCombo")->currentText(), QStringLiteral("Big5"));
    QCOMPARE(child<QComboBox>("receiveEncodingCombo")->currentText(), QStringLiteral("Shift_JIS"));
}

void tst_ChatWindow::sendEncodingIsRememberedPerTarget()
{
    UDPCHAT_REQUIRE_IPV6();
    QUdpSocket v6;
    QVERIFY(v6.bind(QHostAddress::LocalHostIPv6, 0));
    auto *combo = child<QComboBox>("sendEncodingCombo");
    auto *edit = child<MessageEdit>("messageEdit");
    typeTarget(QStringLiteral("127.0.0.1"), m_fx->peer().localPort());
    chooseInCombo("sendEncodingCombo", QStringLiteral("GBK"));
    typeTarget(QStringLiteral("::1"), v6.localPort());
    QCOMPARE(combo->currentText(), QStringLiteral("GBK")); // the last choice is the default
    chooseInCombo("sendEncodingCombo", QStringLiteral("UTF-16BE"));
    typeTarget(QStringLiteral("127.0.0.1"), m_fx->peer().localPort());
    QCOMPARE(combo->currentText(), QStringLiteral("GBK"));
    commitText(edit, kNiHao);
    QCOMPARE(child<QLabel>("byteCountLabel")->text(), QStringLiteral("4 bytes"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(nextPeerDatagram(m_fx->peer()), QByteArray::fromHex("c4e3bac3"));
    typeTarget(QStringLiteral("::1"), v6.localPort());
    QCOMPARE(combo->currentText(), QStringLiteral("UTF-16BE"));
    commitText(edit, kNiHao);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(nextPeerDatagram(v6), QByteArray::fromHex("4f60597d"));
    QCOMPARE(m_fx->settings().targetEncodings(),
             (QMap<QString, QString>{{QStringLiteral("127.0.0.1"), QStringLiteral("GBK")},
                                     {QStringLiteral("::1"), QStringLiteral("UTF-16BE")}}));
}

void tst_ChatWindow::receiveEncodingChoiceDecodesIncoming()
{
    chooseInCombo("receiveEncodingCombo", QStringLiteral("GBK"));
    QCOMPARE(m_fx->settings().receiveEncoding(), QStringLiteral("GBK"));
    m_fx->peer().writeDatagram(QByteArray::fromHex("c4e3bac3"), kLoopback4,
                               m_fx->session().channel()->localPort());
    QTRY_COMPARE(m_fx->session().messages()->rowCount(), 1);
    const QModelIndex row = m_fx->session().messages()->index(0);
    QCOMPARE(MessageDelegate::bodyText(row), kNiHao);
    QVERIFY(MessageDelegate::headerText(row).endsWith(QStringLiteral("GBK")));
    QVERIFY(!MessageDelegate::headerText(row).contains(QStringLiteral("not valid")));
}

void tst_ChatWindow::decodeAsRedecodesAndCanRememberThePeer()
{
    const quint16 port = m_fx->session().channel()->localPort();
    auto *view = child<QListView>("messageView");
    // Four lines in Latin-1; as UTF-16BE the same bytes are three CJK characters on one line.
    m_fx->peer().writeDatagram(QByteArray("a\nb\nc\nd"), kLoopback4, port);
    m_fx->peer().writeDatagram(QByteArray::fromHex("c4e3bac3"), kLoopback4, port);
    QTRY_COMPARE(m_fx->session().messages()->rowCount(), 2);
    const QModelIndex lines = m_fx->session().messages()->index(0);
    const QModelIndex gbk = m_fx->session().messages()->index(1);
    QVERIFY(MessageDelegate::headerText(gbk).endsWith(QStringLiteral("not valid UTF-8")));

    const int tall = view->visualRect(lines).height();
    QVERIFY(page()->actions()->decodeAs(lines, QStringLiteral("UTF-16BE"), false));
    QCOMPARE(lines.data(MessageListModel::EncodingRole).toString(), QStringLiteral("UTF-16BE"));
    QTRY_VERIFY2(view->visualRect(lines).height() < tall, "the row was not measured again");
    QVERIFY(m_fx->session().peerEncoding(kLoopback4).isEmpty()); // once only

    QVERIFY(page()->actions()->decodeAs(gbk, QStringLiteral("GBK"), true));
    QCOMPARE(MessageDelegate::bodyText(gbk), kNiHao);
    QVERIFY(!MessageDelegate::headerText(gbk).contains(QStringLiteral("not valid")));
    QCOMPARE(m_fx->session().peerEncoding(kLoopback4), QStringLiteral("GBK"));
    QCOMPARE(m_fx->settings().peerEncodings().value(QStringLiteral("127.0.0.1")),
             QStringLiteral("GBK"));
    m_fx->peer().writeDatagram(QByteArray::fromHex("c4e3bac3"), kLoopback4, port);
    QTRY_COMPARE(m_fx->session().messages()->rowCount(), 3);
    QCOMPARE(m_fx->session().messages()->at(2).text, kNiHao); // later ones from that peer too

    // A sent message is what we typed: nothing to decode.
    typeTarget(QStringLiteral("127.0.0.1"), m_fx->peer().localPort());
    QTest::keyClicks(child<MessageEdit>("messageEdit"), QStringLiteral("mine"));
    QTest::keyClick(child<MessageEdit>("messageEdit"), Qt::Key_Return);
    QCOMPARE(nextPeerDatagram(m_fx->peer()), QByteArray("mine"));
    QVERIFY(!page()->actions()->decodeAs(m_fx->session().messages()->index(3),
                                         QStringLiteral("GBK"), true));

    page()->actions()->forgetPeerEncoding(gbk);
    QVERIFY(m_fx->session().peerEncoding(kLoopback4).isEmpty());
    QVERIFY(m_fx->settings().peerEncodings().isEmpty());
}

void tst_ChatWindow::showBytesListsTheExactBytes()
{
    QByteArray payload = QByteArray::fromHex("c4e3bac3");
    payload += QByteArray("0123456789abcdef<b>");
    m_fx->peer().writeDatagram(payload, kLoopback4, m_fx->session().channel()->localPort());
    QTRY_COMPARE(m_fx->session().messages()->rowCount(), 1);
    QDialog *dialog = page()->actions()->showBytes(m_fx->session().messages()->index(0));
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isModal());
    const QString text =
            dialog->findChild<QPlainTextEdit *>(QStringLiteral("bytesText"))->toPlainText();
    QCOMPARE(text, QStringLiteral("0000  c4 e3 ba c3 30 31 32 33 34 35 36 37 38 39 61 62\n"
                                  "0010  63 64 65 66 3c 62 3e"));
    auto *summary = dialog->findChild<QLabel *>(QStringLiteral("bytesSummaryLabel"));
    QCOMPARE(summary->textFormat(), Qt::PlainText);
    QVERIFY(summary->text().startsWith(QStringLiteral("23 bytes")));
    dialog->close();
}

void tst_ChatWindow::contextMenuOffersDecodeAsAndBytes()
{
    m_fx->peer().writeDatagram(QByteArray::fromHex("c4e3bac3"), kLoopback4,
                               m_fx->session().channel()->localPort());
    QTRY_COMPARE(m_fx->session().messages()->rowCount(), 1);
    const QModelIndex row = m_fx->session().messages()->index(0);
    const auto actionIn = [](QMenu *menu, const QString &text) -> QAction * {
        const QList<QAction *> actions = menu->actions();
        for (QAction *action : actions) {
            if (action->text() == text)
                return action;
        }
        return nullptr;
    };
    {
        const std::unique_ptr<QMenu> menu = page()->actions()->createMenu(row);
        auto *decodeMenu = menu->findChild<QMenu *>(QStringLiteral("decodeAsMenu"));
        QVERIFY(decodeMenu);
        QVERIFY(actionIn(decodeMenu, QStringLiteral("UTF-8"))->isChecked()); // the current one
        QVERIFY(!menu->findChild<QAction *>(QStringLiteral("forgetPeerEncodingAction")));
        actionIn(decodeMenu, QStringLiteral("GBK"))->trigger();
        QCOMPARE(MessageDelegate::bodyText(row), kNiHao);
        QVERIFY(m_fx->session().peerEncoding(kLoopback4).isEmpty());
    }
    {
        const std::unique_ptr<QMenu> menu = page()->actions()->createMenu(row);
        auto *peerMenu = menu->findChild<QMenu *>(QStringLiteral("decodePeerAsMenu"));
        QVERIFY(peerMenu->title().contains(QStringLiteral("127.0.0.1")));
        actionIn(peerMenu, QStringLiteral("Big5"))->trigger();
        QCOMPARE(m_fx->session().peerEncoding(kLoopback4), QStringLiteral("Big5"));
        QCOMPARE(row.data(MessageListModel::EncodingRole).toString(), QStringLiteral("Big5"));
    }
    {
        const std::unique_ptr<QMenu> menu = page()->actions()->createMenu(row);
        auto *forget = menu->findChild<QAction *>(QStringLiteral("forgetPeerEncodingAction"));
        QVERIFY(forget);
        forget->trigger();
        QVERIFY(m_fx->session().peerEncoding(kLoopback4).isEmpty());
        QVERIFY(m_fx->settings().peerEncodings().isEmpty());
    }
    {
        const std::unique_ptr<QMenu> menu = page()->actions()->createMenu(row);
        menu->findChild<QAction *>(QStringLiteral("showBytesAction"))->trigger();
        auto *dialog = m_fx->window().findChild<QDialog *>(QStringLiteral("bytesDialog"));
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY(dialog->findChild<QPlainTextEdit *>()->toPlainText().contains(
                QStringLiteral("c4 e3 ba c3")));
        dialog->close();
    }
    // A sent message: bytes yes, decoding no.
    typeTarget(QStringLiteral("127.0.0.1"), m_fx->peer().localPort());
    QTest::keyClicks(child<MessageEdit>("messageEdit"), QStringLiteral("mine"));
    QTest::keyClick(child<MessageEdit>("messageEdit"), Qt::Key_Return);
    QCOMPARE(nextPeerDatagram(m_fx->peer()), QByteArray("mine"));
    const std::unique_ptr<QMenu> menu =
            page()->actions()->createMenu(m_fx->session().messages()->index(1));
    QVERIFY(menu->findChild<QAction *>(QStringLiteral("showBytesAction")));
    QVERIFY(!menu->findChild<QMenu *>(QStringLiteral("decodeAsMenu")));
}

void tst_ChatWindow::byteCounterWarnsAndRefuses()
{
    typeTarget(QStringLiteral("127.0.0.1"), m_fx->peer().localPort());
    auto *edit = child<MessageEdit>("messageEdit");
    auto *counter = child<QLabel>("byteCountLabel");
    auto *note = child<QLabel>("composeNoteLabel");
    QCOMPARE(counter->textFormat(), Qt::PlainText);
    QCOMPARE(note->textFormat(), Qt::PlainText);
    edit->setPlainText(QString(1472, u'a'));
    QCOMPARE(counter->text(), QStringLiteral("1472 bytes"));
    QVERIFY(!note->isVisible());
    edit->setPlainText(QString(1473, u'a'));
    QCOMPARE(counter->text(), QStringLiteral("1473 bytes"));
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QStringLiteral("fragment")), qPrintable(note->text()));
    // Three bytes per character in UTF-8: 491 characters are already over the line.
    edit->setPlainText(QString(491, QChar(0x4f60)));
    QCOMPARE(counter->text(), QStringLiteral("1473 bytes"));
    QVERIFY(note->isVisible());
    edit->setPlainText(QString(65508, u'a'));
    QVERIFY2(note->text().contains(QStringLiteral("65507")), qPrintable(note->text()));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(edit->text().size(), 65508); // kept
    QCOMPARE(m_fx->session().messages()->rowCount(), 0);
    // To IPv6 the limit is 20 bytes higher.
    typeTarget(QStringLiteral("::1"), m_fx->peer().localPort());
    QVERIFY(note->text().contains(QStringLiteral("fragment")));
    edit->setPlainText(QString(65528, u'a'));
    QVERIFY2(note->text().contains(QStringLiteral("65527")), qPrintable(note->text()));
    edit->clear();
    QVERIFY(!note->isVisible());
}

void tst_ChatWindow::unrepresentableCharactersAreReportedBeforeSending()
{
    typeTarget(QStringLiteral("127.0.0.1"), m_fx->peer().localPort());
    chooseInCombo("sendEncodingCombo", QStringLiteral("ISO-8859-1"));
    auto *edit = child<MessageEdit>("messageEdit");
    const QString cafe = QStringLiteral("caf\u00e9 ");
    commitText(edit, cafe);
    auto *note = child<QLabel>("composeNoteLabel");
    QVERIFY(!note->isVisible());
    commitText(edit, kNiHao);
    QVERIFY(note->isVisible()); // before anything is sent
    QVERIFY2(note->text().contains(QStringLiteral("U+4F60")), qPrintable(note->text()));
    QVERIFY(note->text().contains(QStringLiteral("U+597D")));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(edit->text(), cafe + kNiHao);
    QVERIFY(child<QLabel>("sendErrorLabel")->isVisible());
    QCOMPARE(m_fx->session().messages()->rowCount(), 0);
    QVERIFY(!m_fx->peer().hasPendingDatagrams()); // no "caf? ??"
    chooseInCombo("sendEncodingCombo", QStringLiteral("GB18030"));
    QVERIFY(!note->isVisible());
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(nextPeerDatagram(m_fx->peer()),
             TextCodec(QStringLiteral("GB18030")).encode(cafe + kNiHao).bytes);
}

void tst_ChatWindow::hexEncodingSendsTypedBytes()
{
    typeTarget(QStringLiteral("127.0.0.1"), m_fx->peer().localPort());
    chooseInCombo("sendEncodingCombo", QStringLiteral("Hex"));
    auto *edit = child<MessageEdit>("messageEdit");
    auto *note = child<QLabel>("composeNoteLabel");
    QTest::keyClicks(edit, QStringLiteral("48 65 6c 6c 6"));
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QStringLiteral("position 13")), qPrintable(note->text()));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(edit->text(), QStringLiteral("48 65 6c 6c 6")); // kept, nothing sent
    QCOMPARE(m_fx->session().messages()->rowCount(), 0);
    QTest::keyClicks(edit, QStringLiteral("f 0x0A"));
    QVERIFY(!note->isVisible());
    QCOMPARE(child<QLabel>("byteCountLabel")->text(), QStringLiteral("6 bytes"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(nextPeerDatagram(m_fx->peer()), QByteArray("Hello\n"));
}

void tst_ChatWindow::repeatSendsCountTimes()
{
    typeTarget(QStringLiteral("127.0.0.1"), m_fx->peer().localPort());
    auto *edit = child<MessageEdit>("messageEdit");
    QTest::keyClicks(edit, QStringLiteral("ping {seq}"));
    child<QSpinBox>("repeatIntervalSpin")->setValue(5);
    child<QSpinBox>("repeatCountSpin")->setValue(3);
    auto *button = child<QPushButton>("repeatButton");
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(button->isChecked());
    for (int i = 1; i <= 3; ++i)
        QCOMPARE(nextPeerDatagram(m_fx->peer()), QStringLiteral("ping %1").arg(i).toUtf8());
    QTRY_VERIFY(!button->isChecked());
    QVERIFY(!QTest::qWaitFor([&] { return m_fx->peer().hasPendingDatagrams(); }, 50));
    QCOMPARE(m_fx->session().messages()->rowCount(), 3);
    QCOMPARE(edit->text(), QStringLiteral("ping {seq}")); // kept for the next run
    QVERIFY2(child<QLabel>("repeatStatusLabel")->text().contains(u'3'),
             qPrintable(child<QLabel>("repeatStatusLabel")->text()));
}

void tst_ChatWindow::repeatUntilStoppedCanBeStopped()
{
    typeTarget(QStringLiteral("127.0.0.1"), m_fx->peer().localPort());
    auto *edit = child<MessageEdit>("messageEdit");
    QTest::keyClicks(edit, QStringLiteral("tick"));
    child<QSpinBox>("repeatIntervalSpin")->setValue(2);
    child<QSpinBox>("repeatCountSpin")->setValue(0);
    auto *button = child<QPushButton>("repeatButton");
    auto *status = child<QLabel>("repeatStatusLabel");
    QTest::mouseClick(button, Qt::LeftButton);
    // The window keeps running meanwhile: the rows appear and the status counts up.
    QTRY_VERIFY(m_fx->session().messages()->rowCount() >= 5);
    QVERIFY(status->isVisible());
    QVERIFY2(status->text().startsWith(QStringLiteral("Sending ")), qPrintable(status->text()));
    QVERIFY(!child<QSpinBox>("repeatCountSpin")->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton); // Stop
    QVERIFY(!button->isChecked());
    const int sent = m_fx->session().messages()->rowCount();
    QVERIFY(!QTest::qWaitFor([&] { return m_fx->session().messages()->rowCount() > sent; }, 50));
    QVERIFY(child<QSpinBox>("repeatCountSpin")->isEnabled());

    // Without a target it does not start, and says why.
    child<QLineEdit>("targetAddressEdit")->clear();
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(!button->isChecked());
    QVERIFY(child<QLabel>("sendErrorLabel")->isVisible());
}

QTEST_MAIN(tst_ChatWindow)
#include "tst_chatwindow.moc"
