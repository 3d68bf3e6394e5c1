// GUI tests of the history in the window: restart, scrollback.
#include "chatsession.h"
#include "chatwindow.h"
#include "historystore.h"
#include "messageedit.h"
#include "settings.h"

#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

class tst_HistoryWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void restartedWindowShowsOldMessages();
};

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

QTEST_MAIN(tst_HistoryWindow)
#include "tst_historywindow.moc"
