// Files over IP Messenger in the real window (issue 17): a file offered to us shows in its
// bubble with Save All, Save… and Reject, and each button does what it says to the bytes on disk
// and to the sender's offer; our own offer has Withdraw Files; several offers are received at
// once, each with its own row in the transfer list and its own Cancel. The other person is
// another IpMsgSession on 127.0.0.1, the "broadcast" list is its address: nothing leaves
// loopback.

#include "core/ipmsg/ipmsgchat.h"
#include "core/ipmsg/ipmsgoffers.h"
#include "core/ipmsg/ipmsgsession.h"
#include "tests/support/guifixture.h"
#include "tests/support/offerbuttons.h"
#include "ui/common/messagedelegate.h"
#include "ui/common/messageedit.h"
#include "ui/common/messageview.h"
#include "ui/ipmsg/ipmsgpanel.h"
#include "ui/ipmsg/offeractions.h"
#include "ui/ipmsg/savefilesdialog.h"
#include "ui/ipmsg/transferlist.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using Action = OfferActions::Action;

class TstIpMsgOffers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void ourOfferIsFetchedAndWithdrawnFromItsBubble();
    void saveAllFromTheBubble();
    void rejectTellsTheSender();
    void saveChosenFilesInAnotherFolder();
    void senderWithdrawsWhileWeLook();
    void severalOffersAtOnceEachCancelledAlone();
    void sendingShownAndStoppedFromTheTransferList();
    void aFolderIsCountedBeforeItIsOffered();
    void aLongNameGivesWayToTheFigures();
    void countingCanBeStopped();

private:
    IpMsgPanel *panel() { return m_fx->window().ipmsgPanel(); }
    MessageListModel *rows() { return panel()->view()->messages(); }
    /// A file in the sender's folder with @p bytes.
    QString makeFile(const QString &name, const QByteArray &bytes);
    /// Bob offers @p paths to the window; the row they show as.
    int offerFromBob(const QString &text, const QStringList &paths);
    /// Bob fetches the first file of our @p offer into the download folder, to its end.
    bool bobFetchesWhole(const IpMsgSession::Message &offer);
    /// Clicks the button for @p action in the bubble of @p row, as a user would.
    void clickInBubble(int row, Action action);
    QStringList buttonsOf(int row);

    std::unique_ptr<GuiFixture> m_fx;
    std::unique_ptr<IpMsgSession> m_bob;
    std::unique_ptr<QTemporaryDir> m_files;
    std::unique_ptr<QTemporaryDir> m_downloads;
};

void TstIpMsgOffers::init()
{
    m_fx = std::make_unique<GuiFixture>();
    QVERIFY(m_fx->start({QStringLiteral("--nickname"), QStringLiteral("Me")}));
    IpMsgSession &me = m_fx->app().ipmsg();
    me.setBroadcastTargets({});
    me.setRetryPolicy(50, 2);
    m_fx->window().setMode(MainWindow::Mode::IpMsg, false);
    QVERIFY(me.isRunning());
    m_files = std::make_unique<QTemporaryDir>();
    m_downloads = std::make_unique<QTemporaryDir>();
    panel()->setDownloadFolder(m_downloads->path());

    m_bob = std::make_unique<IpMsgSession>();
    m_bob->setIdentity(
            {QStringLiteral("bob"), QStringLiteral("pc-b"), QStringLiteral("Bob"), QString()});
    m_bob->setBroadcastTargets({Endpoint{QHostAddress(QHostAddress::LocalHost), me.localPort()}});
    QVERIFY(m_bob->start(0));
    QTRY_COMPARE(me.peers().size(), 1);
    QTRY_COMPARE(m_bob->peers().size(), 1);
    QVERIFY(panel()->selectPeer(me.peers().first().key));
}

void TstIpMsgOffers::cleanup()
{
    m_bob.reset();
    m_fx.reset();
}

QString TstIpMsgOffers::makeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_files->filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        QTest::qFail("cannot write the sender's file", __FILE__, __LINE__);
    return path;
}

int TstIpMsgOffers::offerFromBob(const QString &text, const QStringList &paths)
{
    const int before = rows()->rowCount();
    if (!m_bob->sendFiles(m_bob->peers().first().key, text, paths))
        QTest::qFail("Bob could not offer the files", __FILE__, __LINE__);
    if (!QTest::qWaitFor([&] { return rows()->rowCount() == before + 1; }))
        QTest::qFail("the offer did not arrive", __FILE__, __LINE__);
    return before;
}

bool TstIpMsgOffers::bobFetchesWhole(const IpMsgSession::Message &offer)
{
    std::unique_ptr<IpMsgFileFetch> fetch =
            m_bob->fetchFile(offer.id, offer.files[0].fileId, m_downloads->path());
    QSignalSpy fetched(fetch.get(), &IpMsgFileFetch::finished);
    fetch->start();
    if (!QTest::qWaitFor([&] { return !fetched.isEmpty(); }, 20000)) {
        qWarning("Bob's fetch did not end");
        return false;
    }
    if (!fetched.first().at(0).toBool())
        qWarning("Bob's fetch failed: %s", qPrintable(fetched.first().at(1).toString()));
    return fetched.first().at(0).toBool();
}

QStringList TstIpMsgOffers::buttonsOf(int row)
{
    return panel()->offerActions()->extras(rows()->at(row).id).buttons;
}

void TstIpMsgOffers::clickInBubble(int row, Action action)
{
    QString why;
    QVERIFY2(clickOfferButton(*panel(), rows()->at(row).id, action, &why), qPrintable(why));
}

// Our offer: Bob fetches it whole; the bubble says so; Withdraw Files in the bubble tells Bob
// (RELEASEFILES), and the file is no longer served.
void TstIpMsgOffers::ourOfferIsFetchedAndWithdrawnFromItsBubble()
{
    const QByteArray report(150000, 'r');
    QSignalSpy bobGot(m_bob.get(), &IpMsgSession::messageAdded);
    panel()->sendPaths({makeFile(QStringLiteral("报告.bin"), report)});
    QTRY_COMPARE(bobGot.size(), 1);
    QCOMPARE(rows()->rowCount(), 1);
    QVERIFY2(rows()->at(0).text.contains(QStringLiteral("\u2022 报告.bin")),
             qPrintable(rows()->at(0).text));
    QCOMPARE(buttonsOf(0), QStringList{OfferActions::label(Action::Withdraw)});
    // Sent without a message: the bubble shows the files, not "(empty datagram)", and a
    // screen reader hears them.
    QCOMPARE(MessageDelegate::bodyText(rows()->index(0)), rows()->at(0).text);
    QVERIFY2(rows()->index(0)
                     .data(Qt::AccessibleTextRole)
                     .toString()
                     .contains(QStringLiteral("报告.bin")),
             qPrintable(rows()->index(0).data(Qt::AccessibleTextRole).toString()));

    const auto offer = bobGot.first().first().value<IpMsgSession::Message>();
    QVERIFY(bobFetchesWhole(offer));
    QFile got(m_downloads->filePath(QStringLiteral("报告.bin")));
    QVERIFY(got.open(QIODevice::ReadOnly));
    QVERIFY(got.readAll() == report);
    const quint64 ours = rows()->at(0).id;
    QTRY_COMPARE(panel()->offerActions()->extras(ours).state,
                 QStringLiteral("The recipient received them."));
    // The transfer list said so too.
    QTRY_COMPARE(m_fx->child<QLabel>("ipmsgTransferLabel")->text(),
                 QStringLiteral("Bob received 报告.bin."));
    QCOMPARE(panel()->transfers()->rowCount(), 0);

    clickInBubble(0, Action::Withdraw);
    IpMsgSession &me = m_fx->app().ipmsg();
    QVERIFY(!me.fileServer()->isOffered(me.messages().last().packetNo));
    QCOMPARE(panel()->offerActions()->extras(ours).state,
             QStringLiteral("You withdrew these files."));
    QVERIFY(buttonsOf(0).isEmpty());
    QTRY_COMPARE(m_bob->message(offer.id)->offer, IpMsgSession::Offer::Withdrawn);
    std::unique_ptr<QMenu> menu = panel()->messageMenu()->createMenu(rows()->index(0));
    QVERIFY(!menu->findChild<QAction *>(OfferActions::objectName(Action::Withdraw)));
}

// Save All saves every file and folder in the download folder; the bubble then says where, with
// Open Folder.
void TstIpMsgOffers::saveAllFromTheBubble()
{
    const QString folder = m_files->filePath(QStringLiteral("photos"));
    QVERIFY(QDir().mkpath(folder + QStringLiteral("/2026")));
    QFile inner(folder + QStringLiteral("/2026/a.jpg"));
    QVERIFY(inner.open(QIODevice::WriteOnly));
    inner.write(QByteArray(5000, 'j'));
    inner.close();
    const int row = offerFromBob(QStringLiteral("here you go"),
                                 {makeFile(QStringLiteral("back.txt"), "back"), folder});
    QVERIFY2(rows()->at(row).text.startsWith(QStringLiteral("here you go\n\u2022 back.txt")),
             qPrintable(rows()->at(row).text));
    QCOMPARE(buttonsOf(row), (QStringList{OfferActions::label(Action::SaveAll),
                                          OfferActions::label(Action::SaveChosen),
                                          OfferActions::label(Action::Reject)}));
    // A screen reader hears the buttons; the menu has the same, for the keyboard, and says where
    // Save All puts them.
    const QString spoken = rows()->index(row).data(Qt::AccessibleTextRole).toString();
    QVERIFY2(spoken.endsWith(QStringLiteral("Buttons: Save All, Save\u2026, Reject (also in the "
                                            "message's menu)")),
             qPrintable(spoken));
    std::unique_ptr<QMenu> menu = panel()->messageMenu()->createMenu(rows()->index(row));
    QAction *saveAll = menu->findChild<QAction *>(OfferActions::objectName(Action::SaveAll));
    QVERIFY(saveAll);
    QVERIFY2(saveAll->text().contains(QDir::toNativeSeparators(m_downloads->path())),
             qPrintable(saveAll->text()));

    clickInBubble(row, Action::SaveAll);
    auto *sentence = m_fx->child<QLabel>("ipmsgTransferLabel");
    QTRY_VERIFY2(sentence->text().startsWith(QStringLiteral("Saved 2 items")),
                 qPrintable(sentence->text()));
    QFile back(m_downloads->filePath(QStringLiteral("back.txt")));
    QVERIFY(back.open(QIODevice::ReadOnly));
    QCOMPARE(back.readAll(), QByteArray("back"));
    QCOMPARE(QFileInfo(m_downloads->filePath(QStringLiteral("photos/2026/a.jpg"))).size(), 5000);
    const quint64 id = rows()->at(row).id;
    QCOMPARE(panel()->offerActions()->extras(id).state,
             QStringLiteral("Saved in %1").arg(QDir::toNativeSeparators(m_downloads->path())));
    QCOMPARE(buttonsOf(row), QStringList{OfferActions::label(Action::OpenFolder)});
    QCOMPARE(panel()->transfers()->rowCount(), 0);
}

// Reject: the sender is told (RELEASEFILES) and stops serving them; nothing is written here.
void TstIpMsgOffers::rejectTellsTheSender()
{
    const int row = offerFromBob(QString(), {makeFile(QStringLiteral("unwanted.bin"), "xx")});
    const quint64 bobsMessage = m_bob->messages().last().id;
    const quint32 packetNo = m_bob->messages().last().packetNo;
    QVERIFY(m_bob->fileServer()->isOffered(packetNo));
    clickInBubble(row, Action::Reject);
    QTRY_COMPARE(m_bob->message(bobsMessage)->offer, IpMsgSession::Offer::Rejected);
    QVERIFY(!m_bob->fileServer()->isOffered(packetNo));
    const quint64 id = rows()->at(row).id;
    QCOMPARE(panel()->offerActions()->extras(id).state,
             QStringLiteral("You rejected these files."));
    QVERIFY(buttonsOf(row).isEmpty());
    QVERIFY(!panel()->saveFiles(id, m_downloads->path()));
    QVERIFY(QDir(m_downloads->path()).isEmpty());
}

// Save…: the dialog lists the files, all ticked; the user unticks one and picks another folder:
// only the others are saved, there, and the folder is remembered.
void TstIpMsgOffers::saveChosenFilesInAnotherFolder()
{
    const int row =
            offerFromBob(QStringLiteral("three"), {makeFile(QStringLiteral("a.txt"), "a"),
                                                   makeFile(QStringLiteral("b.txt"), "bb"),
                                                   makeFile(QStringLiteral("c.txt"), "ccc")});
    QSignalSpy remembered(panel(), &IpMsgPanel::downloadFolderChosen);
    clickInBubble(row, Action::SaveChosen);
    SaveFilesDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = panel()->findChild<SaveFilesDialog *>()) != nullptr);
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isModal());
    QListWidget *list = dialog->fileList();
    QCOMPARE(list->count(), 3);
    QCOMPARE(list->item(1)->text(), QStringLiteral("b.txt (2 bytes)"));
    for (int i = 0; i < list->count(); ++i)
        QCOMPARE(list->item(i)->checkState(), Qt::Checked);
    list->item(1)->setCheckState(Qt::Unchecked);
    QTemporaryDir elsewhere;
    dialog->setFolder(elsewhere.path());
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(buttons->button(QDialogButtonBox::Save)->isEnabled());
    QTest::mouseClick(buttons->button(QDialogButtonBox::Save), Qt::LeftButton);

    auto *sentence = m_fx->child<QLabel>("ipmsgTransferLabel");
    QTRY_VERIFY2(sentence->text().startsWith(QStringLiteral("Saved 2 items")),
                 qPrintable(sentence->text()));
    QVERIFY(QFileInfo::exists(elsewhere.filePath(QStringLiteral("a.txt"))));
    QVERIFY(!QFileInfo::exists(elsewhere.filePath(QStringLiteral("b.txt"))));
    QCOMPARE(QFileInfo(elsewhere.filePath(QStringLiteral("c.txt"))).size(), 3);
    QVERIFY(QDir(m_downloads->path()).isEmpty());
    QCOMPARE(remembered.size(), 1);
    QCOMPARE(panel()->downloadFolder(), elsewhere.path());
}

// The sender withdraws the offer (RELEASEFILES): the bubble says so and nothing can be saved.
void TstIpMsgOffers::senderWithdrawsWhileWeLook()
{
    const int row = offerFromBob(QStringLiteral("oops"), {makeFile(QStringLiteral("x"), "x")});
    const quint64 id = rows()->at(row).id;
    QCOMPARE(buttonsOf(row).size(), 3);
    m_bob->releaseFiles(m_bob->messages().last().id);
    QTRY_COMPARE(panel()->offerActions()->extras(id).state,
                 QStringLiteral("The sender withdrew these files."));
    QVERIFY(buttonsOf(row).isEmpty());
    QVERIFY(!panel()->saveFiles(id, m_downloads->path()));
    QCOMPARE(m_fx->child<QLabel>("ipmsgTransferLabel")->text(),
             QStringLiteral("These files are no longer offered."));
    QVERIFY(QDir(m_downloads->path()).isEmpty());
}

// Two offers saved at once: two rows in the transfer list, each with its own Cancel. Cancelling
// one leaves its ".part" and the bubble's Try Again; the other is saved whole.
void TstIpMsgOffers::severalOffersAtOnceEachCancelledAlone()
{
    // Larger than a socket's receive buffer can hold: the first bytes arrive before the end.
    const QByteArray big(32 * 1024 * 1024, 'b');
    const int first =
            offerFromBob(QStringLiteral("one"), {makeFile(QStringLiteral("one.bin"), big)});
    const int second =
            offerFromBob(QStringLiteral("two"), {makeFile(QStringLiteral("two.bin"), big)});
    const quint64 firstId = rows()->at(first).id;
    const quint64 secondId = rows()->at(second).id;
    // Cancel is clicked once the first bytes of the first file are on disk.
    bool cancelled = false;
    connect(panel()->chat().offers(), &IpMsgOffers::progress, this,
            [&](quint64 id, const QString &, qint64 done, qint64) {
                if (id != firstId || done == 0 || cancelled)
                    return;
                cancelled = true;
                QCOMPARE(buttonsOf(first), QStringList{OfferActions::label(Action::Cancel)});
                clickInBubble(first, Action::Cancel);
            });
    clickInBubble(first, Action::SaveAll);
    clickInBubble(second, Action::SaveAll);
    // Both run: the second did not wait for the first.
    QCOMPARE(panel()->transfers()->rowCount(), 2);
    QCOMPARE(buttonsOf(second), QStringList{OfferActions::label(Action::Cancel)});
    QTRY_COMPARE_WITH_TIMEOUT(
            panel()->offerActions()->extras(secondId).state,
            QStringLiteral("Saved in %1").arg(QDir::toNativeSeparators(m_downloads->path())),
            30000);
    QTRY_VERIFY(panel()->offerActions()->extras(firstId).alarm);
    QVERIFY(cancelled);
    QVERIFY2(panel()->offerActions()->extras(firstId).state.startsWith(
                     QStringLiteral("one.bin: Cancelled")),
             qPrintable(panel()->offerActions()->extras(firstId).state));
    QCOMPARE(buttonsOf(first).first(), OfferActions::label(Action::TryAgain));
    QCOMPARE(QFileInfo(m_downloads->filePath(QStringLiteral("two.bin"))).size(), big.size());
    QVERIFY(!QFileInfo::exists(m_downloads->filePath(QStringLiteral("one.bin"))));
    QVERIFY(QFileInfo::exists(m_downloads->filePath(QStringLiteral("one.bin.part"))));
    QCOMPARE(panel()->transfers()->rowCount(), 0);

    // Try Again continues it (Bob is udpchat: from where the ".part" ends) and saves it whole.
    clickInBubble(first, Action::TryAgain);
    QTRY_COMPARE_WITH_TIMEOUT(QFileInfo(m_downloads->filePath(QStringLiteral("one.bin"))).size(),
                              big.size(), 30000);
    QVERIFY(!QFileInfo::exists(m_downloads->filePath(QStringLiteral("one.bin.part"))));
}

// Our file being fetched has its own row in the transfer list ("Sending …"); its Cancel stops
// the transfer and withdraws the files: Bob's fetch ends without the file.
void TstIpMsgOffers::sendingShownAndStoppedFromTheTransferList()
{
    QSignalSpy bobGot(m_bob.get(), &IpMsgSession::messageAdded);
    // Larger than the socket buffers hold: the first bytes leave before the end.
    panel()->sendPaths({makeFile(QStringLiteral("big.bin"), QByteArray(32 * 1024 * 1024, 's'))});
    QTRY_COMPARE(bobGot.size(), 1);
    const quint64 ours = rows()->at(0).id;
    const auto offer = bobGot.first().first().value<IpMsgSession::Message>();
    std::unique_ptr<IpMsgFileFetch> fetch =
            m_bob->fetchFile(offer.id, offer.files[0].fileId, m_downloads->path());
    QSignalSpy fetched(fetch.get(), &IpMsgFileFetch::finished);
    bool stopped = false;
    QString shown;
    connect(panel()->chat().offers(), &IpMsgOffers::sendProgress, this,
            [&](quint64 id, const QString &, qint64 done, qint64) {
                if (id != ours || done == 0 || stopped)
                    return;
                stopped = true;
                QCOMPARE(panel()->transfers()->rowCount(), 1);
                const QList<QLabel *> labels = panel()->transfers()->findChildren<QLabel *>();
                for (const QLabel *label : labels)
                    shown += label->text();
                const QList<QPushButton *> buttons =
                        panel()->transfers()->findChildren<QPushButton *>();
                QCOMPARE(buttons.size(), 1);
                QTest::mouseClick(buttons.first(), Qt::LeftButton);
            });
    fetch->start();
    QTRY_COMPARE_WITH_TIMEOUT(fetched.size(), 1, 30000);
    QVERIFY(stopped);
    QVERIFY2(shown.contains(QStringLiteral("Sending big.bin: ")), qPrintable(shown));
    QVERIFY(!fetched.first().at(0).toBool());
    QVERIFY(!QFileInfo::exists(m_downloads->filePath(QStringLiteral("big.bin"))));
    QCOMPARE(panel()->offerActions()->extras(ours).state,
             QStringLiteral("You withdrew these files."));
    QTRY_COMPARE(panel()->transfers()->rowCount(), 0);
}

// A folder's bytes are added up on another thread before it is offered (the offer declares them,
// and walking a big folder would hold the window up): meanwhile nothing is sent, the panel says it
// is counting, and the text stays in the box, where it can still be edited; then the offer leaves
// with the text as it was and the folder's bytes, links not counted, and Bob fetches it whole.
void TstIpMsgOffers::aFolderIsCountedBeforeItIsOffered()
{
    const QString folder = m_files->filePath(QStringLiteral("photos"));
    QVERIFY(QDir().mkpath(folder + QStringLiteral("/2026/raw")));
    const QList<std::pair<QString, qsizetype>> files{{QStringLiteral("a.jpg"), 5000},
                                                     {QStringLiteral("2026/b.jpg"), 7000},
                                                     {QStringLiteral("2026/raw/c.raw"), 11000}};
    for (const auto &[name, size] : files) {
        QFile f(folder + u'/' + name);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(QByteArray(size, name.at(0).toLatin1())), size);
    }
    QVERIFY(QFile::link(folder + QStringLiteral("/a.jpg"), folder + QStringLiteral("/link.jpg")));
    auto *edit = m_fx->child<MessageEdit>("ipmsgMessageEdit");
    auto *note = m_fx->child<QLabel>("ipmsgErrorLabel");
    edit->setPlainText(QStringLiteral("the photos"));
    QSignalSpy bobGot(m_bob.get(), &IpMsgSession::messageAdded);

    panel()->sendPaths({folder});
    // Nothing has turned the event loop since: a count on this thread would have sent it.
    QCOMPARE(rows()->rowCount(), 0);
    QVERIFY(!note->isHidden());
    QCOMPARE(note->text(), QStringLiteral("Counting the files in photos\u2026"));
    QCOMPARE(edit->text(), QStringLiteral("the photos"));
    edit->setPlainText(QStringLiteral("and the next message"));

    QTRY_COMPARE(bobGot.size(), 1);
    const auto offer = bobGot.first().first().value<IpMsgSession::Message>();
    QCOMPARE(offer.text, QStringLiteral("the photos"));
    QCOMPARE(offer.files.size(), 1);
    QCOMPARE(offer.files[0].name, QStringLiteral("photos"));
    QCOMPARE(offer.files[0].size, 5000 + 7000 + 11000);
    QCOMPARE(rows()->rowCount(), 1);
    QVERIFY(note->isHidden());
    QVERIFY(m_fx->child<QPushButton>("ipmsgStopCountingButton")->isHidden());
    QCOMPARE(edit->text(), QStringLiteral("and the next message"));

    QVERIFY(bobFetchesWhole(offer));
    for (const auto &[name, size] : files) {
        QFile got(m_downloads->filePath(QStringLiteral("photos/") + name));
        QVERIFY2(got.open(QIODevice::ReadOnly), qPrintable(got.fileName()));
        QCOMPARE(got.readAll(), QByteArray(size, name.at(0).toLatin1()));
    }
}

// A transfer's row is one line: with a name too long for it, the name is shortened in its middle
// and the bytes, the rate and the time left stay whole; the tool tip has it all.
void TstIpMsgOffers::aLongNameGivesWayToTheFigures()
{
    // 55 characters: the longest name the row shows whole is 60.
    const QString name =
            QStringLiteral("Saturday's meeting, the whole of it, uncut 会议录音 (2).wav");
    const int row = offerFromBob(QString(), {makeFile(name, QByteArray(32 * 1024 * 1024, 'w'))});
    QString checked;
    QString tip;
    bool fits = false;
    connect(panel()->chat().offers(), &IpMsgOffers::progress, this,
            [&](quint64, const QString &, qint64 done, qint64) {
                if (done == 0 || !checked.isEmpty())
                    return;
                const QList<QLabel *> labels = panel()->transfers()->findChildren<QLabel *>();
                for (const QLabel *label : labels) {
                    if (!label->toolTip().startsWith(QStringLiteral("Receiving ")))
                        continue;
                    checked = label->text();
                    tip = label->toolTip();
                    fits = QFontMetrics(label->font()).horizontalAdvance(checked)
                           <= label->contentsRect().width();
                }
                if (!checked.isEmpty())
                    panel()->chat().offers()->cancel(rows()->at(row).id);
            });
    clickInBubble(row, Action::SaveAll);
    QTRY_VERIFY_WITH_TIMEOUT(!checked.isEmpty(), 20000);
    QVERIFY2(tip.contains(name), qPrintable(tip));
    QVERIFY2(!checked.contains(name), qPrintable(checked));
    QVERIFY2(checked.contains(QStringLiteral(" of 32.00 MiB, ")), qPrintable(checked));
    QVERIFY2(checked.endsWith(QStringLiteral("/s")) || checked.endsWith(QStringLiteral(" left")),
             qPrintable(checked));
    QVERIFY(fits);
}

// A folder dropped by mistake (a whole home folder) can take long to count: Stop beside the note
// ends it, nothing is offered, and the text stays in the box for the next try.
void TstIpMsgOffers::countingCanBeStopped()
{
    const QString folder = m_files->filePath(QStringLiteral("photos"));
    QVERIFY(QDir().mkpath(folder));
    makeFile(QStringLiteral("photos/a.jpg"), "jpg");
    auto *edit = m_fx->child<MessageEdit>("ipmsgMessageEdit");
    auto *note = m_fx->child<QLabel>("ipmsgErrorLabel");
    auto *stop = m_fx->child<QPushButton>("ipmsgStopCountingButton");
    QVERIFY(stop->isHidden());
    edit->setPlainText(QStringLiteral("the photos"));
    QSignalSpy bobGot(m_bob.get(), &IpMsgSession::messageAdded);

    panel()->sendPaths({folder});
    QCOMPARE(note->text(), QStringLiteral("Counting the files in photos\u2026"));
    QVERIFY(!stop->isHidden());
    QTest::mouseClick(stop, Qt::LeftButton);
    QVERIFY(stop->isHidden());
    QVERIFY(note->isHidden());
    QCOMPARE(edit->text(), QStringLiteral("the photos"));

    // A message sent after it arrives alone: the count never offered the folder.
    QTest::mouseClick(m_fx->child<QPushButton>("ipmsgSendButton"), Qt::LeftButton);
    QTRY_COMPARE(bobGot.size(), 1);
    const auto got = bobGot.first().first().value<IpMsgSession::Message>();
    QCOMPARE(got.text, QStringLiteral("the photos"));
    QVERIFY(got.files.isEmpty());
    QCOMPARE(rows()->rowCount(), 1);
}

QTEST_MAIN(TstIpMsgOffers)
#include "tst_ipmsgoffers.moc"
