// GUI tests of the history in the window: restart, scrollback.
#include "chatsession.h"
#include "chatwindow.h"
#include "historypanels.h"
#include "historystore.h"
#include "messageedit.h"
#include "settings.h"

#include <QFile>
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
    void conversationsGroupMappedAddressesAndFilter();
    void unreadCountsForOtherConversations();
    void historyOffIsShownAndChatStillWorks();
    void readOnlyHistoryIsShownAndNotWritten();
    void exportConversationWritesTheFile();
    void draftIsSavedWhileTypingNotOnlyOnQuit();
    void notSavingGoesWhenTheDatabaseRecovers();

private:
    void fill(int count, const QString &peer = QStringLiteral("::ffff:10.0.0.5"));
    void openWindow();
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_store;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<HistoryStore> m_history;
    std::unique_ptr<ChatSession> m_session;
    std::unique_ptr<ChatWindow> m_window;
};

void tst_HistoryWindow::init()
{
    m_window.reset();
    m_session.reset();
    m_history.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<QSettings>(m_dir->filePath(QStringLiteral("udpchat.conf")),
                                          QSettings::IniFormat);
    m_settings = std::make_unique<Settings>(*m_store);
    m_history = std::make_unique<HistoryStore>();
    QVERIFY(m_history->open(m_dir->filePath(QStringLiteral("history.sqlite"))));
}

void tst_HistoryWindow::fill(int count, const QString &peer)
{
    QList<ChatMessage> messages;
    const quint64 first = m_history->lastId() + 1;
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
    m_history->record(messages);
    QVERIFY(m_history->flush());
}

void tst_HistoryWindow::openWindow()
{
    m_session = std::make_unique<ChatSession>();
    m_session->setHistory(m_history.get());
    QVERIFY(m_session->channel()->listen(0));
    m_window = std::make_unique<ChatWindow>(*m_session, *m_settings);
    m_window->resize(900, 600);
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void tst_HistoryWindow::scrollingToTheTopLoadsOlderPages()
{
    fill(1000);
    openWindow();
    auto *view = m_window->findChild<QListView *>(QStringLiteral("messageView"));
    MessageListModel *model = m_session->messages();
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
    QCOMPARE(m_session->messages()->rowOf(42), -1);
    auto *field = m_window->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    auto *results = m_window->findChild<QListWidget *>(QStringLiteral("searchResults"));
    QVERIFY(field && results);
    QTest::keyClicks(field, QStringLiteral("message 42"));
    QTest::keyClick(field, Qt::Key_Return);
    // "old message 42", "old message 420".."429", "4200".. : the newest first.
    QTRY_COMPARE(results->count(), 11);
    auto *status = m_window->findChild<QLabel *>(QStringLiteral("searchStatusLabel"));
    QTRY_COMPARE(status->text(), QStringLiteral("11 found."));
    QListWidgetItem *oldest = results->item(results->count() - 1);
    QVERIFY(oldest->text().contains(QStringLiteral("old message 42")));
    results->setCurrentItem(oldest);
    QTest::keyClick(results, Qt::Key_Return);
    auto *view = m_window->findChild<QListView *>(QStringLiteral("messageView"));
    QTRY_VERIFY(view->currentIndex().isValid());
    QCOMPARE(m_session->messages()->at(view->currentIndex().row()).id, quint64(42));
    QCoreApplication::processEvents(); // queued scrolling has run
    QVERIFY(view->viewport()->rect().intersects(view->visualRect(view->currentIndex())));
}

void tst_HistoryWindow::conversationsGroupMappedAddressesAndFilter()
{
    fill(3, QStringLiteral("::ffff:10.0.0.5"));
    fill(2, QStringLiteral("10.0.0.5"));
    fill(4, QStringLiteral("2001:db8::9"));
    openWindow();
    auto *list = m_window->findChild<QListWidget *>(QStringLiteral("conversationsList"));
    QVERIFY(list);
    QCOMPARE(list->count(), 3); // All messages, 2001:db8::9, 10.0.0.5
    QCOMPARE(list->item(0)->text(), QStringLiteral("All messages"));
    QList<QListWidgetItem *> v4 =
            list->findItems(QStringLiteral("10.0.0.5:5000"), Qt::MatchExactly);
    QCOMPARE(v4.size(), 1);
    list->setCurrentItem(v4.first());
    QCOMPARE(m_session->messages()->rowCount(), 5);
    QCOMPARE(m_window->findChild<QLineEdit *>(QStringLiteral("targetAddressEdit"))->text(),
             QStringLiteral("10.0.0.5"));
    QCOMPARE(m_window->findChild<QLineEdit *>(QStringLiteral("targetPortEdit"))->text(),
             QStringLiteral("5000"));
    list->setCurrentRow(0);
    QCOMPARE(m_session->messages()->rowCount(), 9);
    // Named and a favourite: listed first, with the name.
    m_window->conversationsPanel()->rename(QStringLiteral("10.0.0.5"), QStringLiteral("printer"));
    m_window->conversationsPanel()->setFavourite(QStringLiteral("10.0.0.5"), true);
    QCOMPARE(list->item(1)->text(), QStringLiteral("\u2605 printer (10.0.0.5:5000)"));
}

void tst_HistoryWindow::unreadCountsForOtherConversations()
{
    openWindow();
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    peer.writeDatagram(QByteArray("first"), QHostAddress::LocalHost,
                       m_session->channel()->localPort());
    auto *list = m_window->findChild<QListWidget *>(QStringLiteral("conversationsList"));
    QTRY_COMPARE(list->count(), 2);
    m_window->conversationsPanel()->select(QString()); // all messages shown: read
    fill(1, QStringLiteral("10.9.9.9"));
    m_window->conversationsPanel()->refresh();
    m_window->conversationsPanel()->select(QStringLiteral("10.9.9.9"));
    peer.writeDatagram(QByteArray("second"), QHostAddress::LocalHost,
                       m_session->channel()->localPort());
    QTRY_COMPARE(m_window->conversationsPanel()->unread(QStringLiteral("127.0.0.1")), 1);
    QTRY_VERIFY(m_window->windowTitle().startsWith(QStringLiteral("(1) ")));
    m_window->conversationsPanel()->select(QStringLiteral("127.0.0.1"));
    QCOMPARE(m_window->conversationsPanel()->unreadTotal(), 0);
    QVERIFY(!m_window->windowTitle().startsWith(QStringLiteral("(")));
}

void tst_HistoryWindow::historyOffIsShownAndChatStillWorks()
{
    m_history = std::make_unique<HistoryStore>();
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("blocked.sqlite")));
    QVERIFY(!m_history->open(m_dir->filePath(QStringLiteral("blocked.sqlite"))));
    openWindow();
    auto *label = m_window->findChild<QLabel *>(QStringLiteral("historyStatusLabel"));
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(), QStringLiteral("History off"));
    QVERIFY(label->toolTip().contains(QStringLiteral("History is off")));
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    m_window->setTarget(Endpoint{QHostAddress::LocalHost, peer.localPort()});
    auto *edit = m_window->findChild<MessageEdit *>(QStringLiteral("messageEdit"));
    QTest::keyClicks(edit, QStringLiteral("still chatting"));
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_VERIFY(peer.hasPendingDatagrams());
    QCOMPARE(peer.receiveDatagram().data(), QByteArray("still chatting"));
}

void tst_HistoryWindow::readOnlyHistoryIsShownAndNotWritten()
{
    fill(3);
    const QString path = m_history->path();
    m_history = std::make_unique<HistoryStore>();
    QVERIFY(m_history->open(path, HistoryStore::Mode::ReadOnly));
    openWindow();
    QCOMPARE(m_session->messages()->rowCount(), 3); // the owner's history is shown
    auto *label = m_window->findChild<QLabel *>(QStringLiteral("historyStatusLabel"));
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(), QStringLiteral("History read-only"));
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    peer.writeDatagram(QByteArray("not saved here"), QHostAddress::LocalHost,
                       m_session->channel()->localPort());
    QTRY_COMPARE(m_session->messages()->rowCount(), 4);
    QVERIFY(m_history->flush());
    HistoryStore check;
    QVERIFY(check.open(path, HistoryStore::Mode::ReadOnly));
    QCOMPARE(check.count(), 3);
}

void tst_HistoryWindow::exportConversationWritesTheFile()
{
    fill(5000);
    openWindow();
    const QString path = m_dir->filePath(QStringLiteral("all.jsonl"));
    QSignalSpy finished(m_window->historyExport(), &HistoryExport::finished);
    QVERIFY(m_window->exportConversation(path));
    QVERIFY(finished.wait(10000));
    QVERIFY(finished.at(0).at(0).toBool());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 5000);
    QTRY_VERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("Exported")));
}

void tst_HistoryWindow::draftIsSavedWhileTypingNotOnlyOnQuit()
{
    openWindow();
    auto *edit = m_window->findChild<MessageEdit *>(QStringLiteral("messageEdit"));
    QTest::keyClicks(edit, QStringLiteral("unsent words"));
    // Without closing the window (as if it crashed next): the file on disk has it.
    const QString file = m_dir->filePath(QStringLiteral("udpchat.conf"));
    QTRY_VERIFY_WITH_TIMEOUT(
            QSettings(file, QSettings::IniFormat).value(QStringLiteral("window/draft")).toString()
                    == QStringLiteral("unsent words"),
            5000);
}

void tst_HistoryWindow::restartedWindowShowsOldMessages()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString db = dir.filePath(QStringLiteral("history.sqlite"));
    QSettings store(dir.filePath(QStringLiteral("udpchat.conf")), QSettings::IniFormat);
    Settings settings(store);
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    {
        HistoryStore history;
        QVERIFY(history.open(db));
        ChatSession session;
        session.setHistory(&history);
        QVERIFY(session.channel()->listen(0));
        ChatWindow window(session, settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setTarget(Endpoint{QHostAddress::LocalHost, peer.localPort()});
        auto *edit = window.findChild<MessageEdit *>(QStringLiteral("messageEdit"));
        QVERIFY(edit);
        QTest::keyClicks(edit, QStringLiteral("said before the restart"));
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_VERIFY(peer.hasPendingDatagrams());
        peer.writeDatagram(QByteArray("answer from the peer"), QHostAddress::LocalHost,
                           session.channel()->localPort());
        QTRY_COMPARE(session.messages()->rowCount(), 2);
        window.close();
    }
    HistoryStore history;
    QVERIFY(history.open(db));
    ChatSession session;
    session.setHistory(&history);
    ChatWindow window(session, settings);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *view = window.findChild<QListView *>(QStringLiteral("messageView"));
    QVERIFY(view);
    QCOMPARE(view->model()->rowCount(), 2);
    QCOMPARE(view->model()->index(0, 0).data().toString(),
             QStringLiteral("said before the restart"));
    QCOMPARE(view->model()->index(1, 0).data().toString(), QStringLiteral("answer from the peer"));
}

void tst_HistoryWindow::notSavingGoesWhenTheDatabaseRecovers()
{
    openWindow();
    auto *label = m_window->findChild<QLabel *>(QStringLiteral("historyStatusLabel"));
    QVERIFY(label);
    QVERIFY(!label->isVisible());
    QSignalSpy failed(m_history.get(), &HistoryStore::writeFailed);
    QSignalSpy recovered(m_history.get(), &HistoryStore::recovered);
    {
        // Another program holds the write lock: the writer gives up after its busy timeout.
        QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
        db.setDatabaseName(m_dir->filePath(QStringLiteral("history.sqlite")));
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE")));
        QList<ChatMessage> messages;
        ChatMessage m;
        m.id = m_history->lastId() + 1;
        m.peerAddress = QHostAddress(QStringLiteral("10.0.0.5"));
        m.peerPort = 5000;
        m.time = QDateTime::currentDateTimeUtc();
        m.text = QStringLiteral("waiting");
        m.payload = m.text.toUtf8();
        m.encoding = QStringLiteral("UTF-8");
        m_history->record({m});
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
    QVERIFY(m_history->error().isEmpty());
}

QTEST_MAIN(tst_HistoryWindow)
#include "tst_historywindow.moc"
