// GUI tests of the history in the window: restart, scrollback.
#include "core/config/profilelock.h"
#include "core/config/settings.h"
#include "core/history/historystore.h"
#include "core/history/historywriter.h"
#include "core/session/chatsession.h"
#include "tests/support/guifixture.h"
#include "ui/chat/chatpage.h"
#include "ui/common/messageedit.h"
#include "ui/history/exportcontroller.h"
#include "ui/history/historydocks.h"
#include "ui/history/historypanels.h"
#include "ui/history/searchresultdelegate.h"

#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QNetworkDatagram>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

class tst_HistoryWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void restartedWindowShowsOldMessages();
    void scrollingToTheTopLoadsOlderPages();
    void searchFindsAndJumpsToAnUnloadedMessage();
    void searchResultsShowTheMatchHighlighted();
    void conversationsGroupMappedAddressesAndFilter();
    void unreadCountsForOtherConversations();
    void historyOffIsShownAndChatStillWorks();
    void readOnlyHistoryIsShownAndNotWritten();
    void exportConversationWritesTheFile();
    void exportSuggestsATextLogInTheDocumentsFolder();
    void draftIsSavedWhileTypingNotOnlyOnQuit();
    void spoofedSendersAreFoldedInTheConversations();
    void notSavingGoesWhenTheDatabaseRecovers();

private:
    void fill(int count, const QString &peer = QStringLiteral("::ffff:10.0.0.5"));
    void openWindow();
    // The window's history while it runs, before that one of the test's own on the same file.
    HistoryStore *store() { return m_history ? m_history.get() : m_fx->app().history(); }
    QString historyPath() const { return HistoryStore::pathInProfile(m_fx->profile()); }
    ConversationsPanel *conversations() const { return m_fx->window().history()->conversations(); }

    std::unique_ptr<GuiFixture> m_fx;
    std::unique_ptr<HistoryStore> m_history;
};

void tst_HistoryWindow::init()
{
    m_history.reset();
    m_fx = std::make_unique<GuiFixture>();
    m_history = std::make_unique<HistoryStore>();
    QVERIFY(m_history->open(historyPath()));
}

void tst_HistoryWindow::fill(int count, const QString &peer)
{
    QList<ChatMessage> messages;
    HistoryStore *history = store();
    const quint64 first = history->lastId() + 1;
    for (int i = 0; i < count; ++i) {
        ChatMessage m;
        m.id = first + quint64(i);
        m.peerAddress = QHostAddress(peer);
        m.peerPort = 5000;
        m.time = QDateTime::currentDateTimeUtc();
        m.text = QStringLiteral("old message %1").arg(m.id);
        m.payload = m.text.toUtf8();
        m.encoding = QStringLiteral("UTF-8");
        messages.append(m);
    }
    history->record(messages);
    QVERIFY(history->flush());
}

void tst_HistoryWindow::openWindow()
{
    m_history.reset(); // the window's own store takes over the file
    QVERIFY(m_fx->start());
    m_fx->window().resize(900, 600);
}

void tst_HistoryWindow::scrollingToTheTopLoadsOlderPages()
{
    fill(1000);
    openWindow();
    auto *view = m_fx->window().findChild<QListView *>(QStringLiteral("messageView"));
    MessageListModel *model = m_fx->session().messages();
    QCOMPARE(model->rowCount(), MessageListModel::PageSize); // only the latest page at start
    QTRY_VERIFY(view->verticalScrollBar()->maximum() > 0);
    view->verticalScrollBar()->setValue(0); // the user scrolls to the top
    QTRY_COMPARE(model->rowCount(), 2 * MessageListModel::PageSize);
    // The row that was at the top is still in view (no jump).
    const QModelIndex top = view->indexAt(QPoint(1, 1));
    QVERIFY(top.isValid());
    QCOMPARE(model->at(top.row()).id, quint64(1000 - MessageListModel::PageSize + 1));
    for (int i = 0; i < 10 && model->olderAvailable(); ++i)
        view->verticalScrollBar()->setValue(0);
    QTRY_COMPARE(model->rowCount(), 1000);
    QCOMPARE(model->at(0).id, quint64(1));
}

void tst_HistoryWindow::searchFindsAndJumpsToAnUnloadedMessage()
{
    fill(3000);
    openWindow();
    QCOMPARE(m_fx->session().messages()->rowOf(42), -1);
    auto *field = m_fx->window().findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    auto *results = m_fx->window().findChild<QListWidget *>(QStringLiteral("searchResults"));
    QVERIFY(field && results);
    QTest::keyClicks(field, QStringLiteral("message 42"));
    QTest::keyClick(field, Qt::Key_Return);
    // "old message 42", "old message 420".."429", "4200".. : the newest first.
    QTRY_COMPARE(results->count(), 11);
    auto *status = m_fx->window().findChild<QLabel *>(QStringLiteral("searchStatusLabel"));
    QTRY_COMPARE(status->text(), QStringLiteral("11 found."));
    QListWidgetItem *oldest = results->item(results->count() - 1);
    QVERIFY(oldest->text().contains(QStringLiteral("old message 42")));
    results->setCurrentItem(oldest);
    QTest::keyClick(results, Qt::Key_Return);
    auto *view = m_fx->window().findChild<QListView *>(QStringLiteral("messageView"));
    QTRY_VERIFY(view->currentIndex().isValid());
    QCOMPARE(m_fx->session().messages()->at(view->currentIndex().row()).id, quint64(42));
    QCoreApplication::processEvents(); // queued scrolling has run
    QVERIFY(view->viewport()->rect().intersects(view->visualRect(view->currentIndex())));
}

void tst_HistoryWindow::searchResultsShowTheMatchHighlighted()
{
    // The match far into a long text: the result shows the text around it, marked.
    ChatMessage m;
    m.id = 1;
    m.peerAddress = QHostAddress(QStringLiteral("10.0.0.5"));
    m.peerPort = 5000;
    m.time = QDateTime::currentDateTimeUtc();
    m.text = QString(200, u'x') + QStringLiteral(" the NEEDLE is here ") + QString(50, u'y');
    m.payload = m.text.toUtf8();
    m.encoding = QStringLiteral("UTF-8");
    m_history->record({m});
    QVERIFY(m_history->flush());
    openWindow();
    auto *field = m_fx->child<QLineEdit>("searchEdit");
    auto *results = m_fx->child<QListWidget>("searchResults");
    QTest::keyClicks(field, QStringLiteral("needle"));
    QTest::keyClick(field, Qt::Key_Return);
    QTRY_COMPARE(results->count(), 1);
    const QListWidgetItem *item = results->item(0);
    const QString excerpt = item->data(SearchResultDelegate::ExcerptRole).toString();
    const int start = item->data(SearchResultDelegate::MatchStartRole).toInt();
    const int length = item->data(SearchResultDelegate::MatchLengthRole).toInt();
    QVERIFY2(excerpt.startsWith(QStringLiteral("\u2026")), qPrintable(excerpt));
    QCOMPARE(excerpt.mid(start, length), QStringLiteral("NEEDLE"));
    QVERIFY(item->data(SearchResultDelegate::HeaderRole)
                    .toString()
                    .contains(QStringLiteral("10.0.0.5:5000")));
    // Wrapped to the panel, not behind a horizontal scroll bar.
    QCOMPARE(results->horizontalScrollBarPolicy(), Qt::ScrollBarAlwaysOff);
    QVERIFY(results->visualItemRect(item).width() <= results->viewport()->width());
}

void tst_HistoryWindow::conversationsGroupMappedAddressesAndFilter()
{
    fill(3, QStringLiteral("::ffff:10.0.0.5"));
    fill(2, QStringLiteral("10.0.0.5"));
    fill(4, QStringLiteral("2001:db8::9"));
    openWindow();
    auto *list = m_fx->window().findChild<QListWidget *>(QStringLiteral("conversationsList"));
    QVERIFY(list);
    QCOMPARE(list->count(), 3); // All messages, 2001:db8::9, 10.0.0.5
    QCOMPARE(list->item(0)->text(), QStringLiteral("All messages"));
    QList<QListWidgetItem *> v4 =
            list->findItems(QStringLiteral("10.0.0.5:5000"), Qt::MatchExactly);
    QCOMPARE(v4.size(), 1);
    auto *address = m_fx->child<QLineEdit>("targetAddressEdit");
    auto *port = m_fx->child<QLineEdit>("targetPortEdit");
    const QString addressBefore = address->text();
    const QString portBefore = port->text();
    list->setCurrentItem(v4.first());
    QCOMPARE(m_fx->session().messages()->rowCount(), 5);
    // Browsing does not change where messages go ...
    QCOMPARE(address->text(), addressBefore);
    QCOMPARE(port->text(), portBefore);
    // ... Reply does, and says it is the port the peer sent from.
    QVERIFY(conversations()->reply(QStringLiteral("10.0.0.5")));
    QCOMPARE(address->text(), QStringLiteral("10.0.0.5"));
    QCOMPARE(port->text(), QStringLiteral("5000"));
    auto *note = m_fx->child<QLabel>("targetNoteLabel");
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QStringLiteral("10.0.0.5:5000")), qPrintable(note->text()));
    list->setCurrentRow(0);
    QCOMPARE(m_fx->session().messages()->rowCount(), 9);
    // Named and a favourite: listed first, with the name.
    conversations()->rename(QStringLiteral("10.0.0.5"), QStringLiteral("printer"));
    conversations()->setFavourite(QStringLiteral("10.0.0.5"), true);
    QCOMPARE(list->item(1)->text(), QStringLiteral("\u2605 printer (10.0.0.5:5000)"));
}

void tst_HistoryWindow::unreadCountsForOtherConversations()
{
    openWindow();
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    peer.writeDatagram(QByteArray("first"), QHostAddress::LocalHost,
                       m_fx->session().channel()->localPort());
    auto *list = m_fx->window().findChild<QListWidget *>(QStringLiteral("conversationsList"));
    QTRY_COMPARE(list->count(), 2);
    conversations()->select(QString()); // all messages shown: read
    fill(1, QStringLiteral("10.9.9.9"));
    conversations()->refresh();
    conversations()->select(QStringLiteral("10.9.9.9"));
    peer.writeDatagram(QByteArray("second"), QHostAddress::LocalHost,
                       m_fx->session().channel()->localPort());
    QTRY_COMPARE(conversations()->unread(QStringLiteral("127.0.0.1")), 1);
    QTRY_VERIFY(m_fx->window().windowTitle().startsWith(QStringLiteral("(1) ")));
    conversations()->select(QStringLiteral("127.0.0.1"));
    QCOMPARE(conversations()->unreadTotal(), 0);
    QVERIFY(!m_fx->window().windowTitle().startsWith(QStringLiteral("(")));
}

void tst_HistoryWindow::historyOffIsShownAndChatStillWorks()
{
    m_history.reset();
    QVERIFY(QFile::remove(historyPath()));
    QVERIFY(QDir().mkpath(historyPath())); // a folder where the database should be
    openWindow();
    auto *label = m_fx->window().findChild<QLabel *>(QStringLiteral("historyStatusLabel"));
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(), QStringLiteral("History off"));
    QVERIFY(label->toolTip().contains(QStringLiteral("History is off")));
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    m_fx->window().chatPage()->setTarget(Endpoint{QHostAddress::LocalHost, peer.localPort()});
    auto *edit = m_fx->window().findChild<MessageEdit *>(QStringLiteral("messageEdit"));
    QTest::keyClicks(edit, QStringLiteral("still chatting"));
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_VERIFY(peer.hasPendingDatagrams());
    QCOMPARE(peer.receiveDatagram().data(), QByteArray("still chatting"));
}

void tst_HistoryWindow::readOnlyHistoryIsShownAndNotWritten()
{
    fill(3);
    const QString path = historyPath();
    // Another window owns the profile.
    ProfileLock owner(m_fx->profile());
    QCOMPARE(owner.tryLock(), ProfileLock::Status::Locked);
    openWindow();
    QCOMPARE(m_fx->session().messages()->rowCount(), 3); // the owner's history is shown
    auto *label = m_fx->window().findChild<QLabel *>(QStringLiteral("historyStatusLabel"));
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(), QStringLiteral("History read-only"));
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    peer.writeDatagram(QByteArray("not saved here"), QHostAddress::LocalHost,
                       m_fx->session().channel()->localPort());
    QTRY_COMPARE(m_fx->session().messages()->rowCount(), 4);
    m_fx->window().close();
    m_fx->stop();
    HistoryStore check;
    QVERIFY(check.open(path, HistoryStore::Mode::ReadOnly));
    QCOMPARE(check.count(), 3);
}

void tst_HistoryWindow::exportConversationWritesTheFile()
{
    fill(5000);
    openWindow();
    const QString path = m_fx->file(QStringLiteral("all.jsonl"));
    ExportController *exporter = m_fx->window().history()->exporter();
    QSignalSpy finished(exporter->historyExport(), &HistoryExport::finished);
    QVERIFY(exporter->exportConversation(path));
    QVERIFY(finished.wait(10000));
    QVERIFY(finished.at(0).at(0).toBool());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 5000);
    QTRY_VERIFY(m_fx->window().statusBar()->currentMessage().contains(QStringLiteral("Exported")));
}

void tst_HistoryWindow::exportSuggestsATextLogInTheDocumentsFolder()
{
    fill(2, QStringLiteral("10.0.0.5"));
    openWindow();
    ExportController *exporter = m_fx->window().history()->exporter();
    const QString all = exporter->suggestedPath(false);
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QCOMPARE(QFileInfo(all).absolutePath(), QDir(documents).absolutePath());
    QVERIFY2(QFileInfo(all).fileName().startsWith(QStringLiteral("udpchat-all-")), qPrintable(all));
    QCOMPARE(HistoryExport::formatFor(all), HistoryExport::Format::Text);
    conversations()->select(QStringLiteral("10.0.0.5"));
    QVERIFY2(exporter->suggestedPath(false).contains(QStringLiteral("udpchat-10.0.0.5-")),
             qPrintable(exporter->suggestedPath(false)));
}

void tst_HistoryWindow::draftIsSavedWhileTypingNotOnlyOnQuit()
{
    openWindow();
    auto *edit = m_fx->window().findChild<MessageEdit *>(QStringLiteral("messageEdit"));
    QTest::keyClicks(edit, QStringLiteral("unsent words"));
    // Without closing the window (as if it crashed next): the file on disk has it.
    const QString file = m_fx->file(QStringLiteral("udpchat.conf"));
    QTRY_VERIFY_WITH_TIMEOUT(
            QSettings(file, QSettings::IniFormat).value(QStringLiteral("window/draft")).toString()
                    == QStringLiteral("unsent words"),
            5000);
}

void tst_HistoryWindow::restartedWindowShowsOldMessages()
{
    openWindow();
    QUdpSocket &peer = m_fx->peer();
    m_fx->window().chatPage()->setTarget(Endpoint{QHostAddress::LocalHost, peer.localPort()});
    auto *edit = m_fx->child<MessageEdit>("messageEdit");
    QTest::keyClicks(edit, QStringLiteral("said before the restart"));
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_VERIFY(peer.hasPendingDatagrams());
    QVERIFY(m_fx->peerSend(QByteArray("answer from the peer")));
    QTRY_COMPARE(m_fx->session().messages()->rowCount(), 2);

    QVERIFY(m_fx->restart()); // closed as the user would, started again on the profile
    auto *view = m_fx->child<QListView>("messageView");
    QCOMPARE(view->model()->rowCount(), 2);
    QCOMPARE(view->model()->index(0, 0).data().toString(),
             QStringLiteral("said before the restart"));
    QCOMPARE(view->model()->index(1, 0).data().toString(), QStringLiteral("answer from the peer"));
}

// Issue 15: 10,000 spoofed senders left 10,000 conversations in the list. The list is bounded:
// the most recent senders, favourites and named peers, and one row counting the rest.
void tst_HistoryWindow::spoofedSendersAreFoldedInTheConversations()
{
    QList<ChatMessage> messages;
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-20000);
    for (int i = 0; i < 10000; ++i) {
        ChatMessage m;
        m.id = quint64(i + 1);
        m.peerAddress = QHostAddress(quint32(0x0a000000 + i)); // 10.0.0.0 + i
        m.peerPort = 5000;
        m.time = start.addSecs(i); // the last one is the most recent
        m.text = QStringLiteral("spoofed %1").arg(i);
        m.payload = m.text.toUtf8();
        m.encoding = QStringLiteral("UTF-8");
        messages.append(m);
    }
    // Named before the flood, as a friend is: kept, whatever comes after.
    QVERIFY(m_history->setPeerName(QStringLiteral("10.0.0.7"), QStringLiteral("old friend")));
    m_history->record(messages);
    QVERIFY(m_history->flush());
    openWindow();
    auto *list = m_fx->window().findChild<QListWidget *>(QStringLiteral("conversationsList"));
    QVERIFY(list);
    const int cap = ConversationsPanel::MaxListedConversations;
    // "All messages", the cap, the named peer (old, beyond the cap) and the folded rest.
    QCOMPARE(list->count(), 1 + cap + 1 + 1);
    QStringList texts;
    for (int row = 0; row < list->count(); ++row)
        texts << list->item(row)->text();
    QVERIFY(texts.contains(QStringLiteral("old friend (10.0.0.7:5000)")));
    QVERIFY(texts.contains(QStringLiteral("10.0.39.15:5000"))); // the most recent (10.0.0.0 + 9999)
    QVERIFY(!texts.contains(QStringLiteral("10.0.0.8:5000"))); // an old one, folded
    const QString rest = texts.constLast();
    // The history keeps HistoryWriter::MaxPeers of the 10,000 (besides the named one); the
    // list shows cap of them and folds the rest.
    QVERIFY2(rest.contains(QLocale().toString(HistoryWriter::MaxPeers - cap)), qPrintable(rest));
    QVERIFY(!(list->item(list->count() - 1)->flags() & Qt::ItemIsSelectable));
    // All messages still has everything.
    QCOMPARE(store()->count(), qint64(10000));

    // A flood while the window was in the background makes every sender unread: still bounded,
    // and every unread message is still counted.
    auto *panel = m_fx->window().findChild<ConversationsPanel *>();
    QVERIFY(panel);
    for (int i = 0; i < 10000; ++i)
        panel->addUnread(QHostAddress(quint32(0x0a000000 + i)).toString(), 1);
    panel->refresh();
    QCOMPARE(list->count(), 1 + cap + 1 + 1);
    QCOMPARE(panel->unreadTotal(), 10000);
    QVERIFY2(list->item(0)->text().contains(QStringLiteral("10000")),
             qPrintable(list->item(0)->text()));
    panel->markRead(QString());
    QCOMPARE(panel->unreadTotal(), 0);
}

void tst_HistoryWindow::notSavingGoesWhenTheDatabaseRecovers()
{
    openWindow();
    auto *label = m_fx->child<QLabel>("historyStatusLabel");
    QVERIFY(!label->isVisible());
    HistoryStore *history = store();
    QSignalSpy failed(history, &HistoryStore::writeFailed);
    QSignalSpy recovered(history, &HistoryStore::recovered);
    {
        // Another program holds the write lock: the writer gives up after its busy timeout.
        QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
        db.setDatabaseName(historyPath());
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE")));
        QList<ChatMessage> messages;
        ChatMessage m;
        m.id = history->lastId() + 1;
        m.peerAddress = QHostAddress(QStringLiteral("10.0.0.5"));
        m.peerPort = 5000;
        m.time = QDateTime::currentDateTimeUtc();
        m.text = QStringLiteral("waiting");
        m.payload = m.text.toUtf8();
        m.encoding = QStringLiteral("UTF-8");
        history->record({m});
        QVERIFY(failed.wait(30000));
        QTRY_VERIFY(label->isVisible());
        QCOMPARE(label->text(), QStringLiteral("History not saving"));
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("ROLLBACK")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("locker"));
    // The next try succeeds: the label goes.
    QVERIFY(recovered.wait(30000));
    QVERIFY(!label->isVisible());
    QVERIFY(history->error().isEmpty());
}

QTEST_MAIN(tst_HistoryWindow)
#include "tst_historywindow.moc"
