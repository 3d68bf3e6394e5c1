// The receive path with the window open: bursts arrive whole and in order, the drain leaves room
// for the rest of the event loop, and a user reading older messages keeps their place.

#include "core/config/settings.h"
#include "core/session/chatsession.h"
#include "tests/support/guifixture.h"
#include "ui/chat/chatpage.h"
#include "ui/common/messageview.h"

#include <QLabel>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUdpSocket>

class tst_ReceiveFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void burstArrivesWholeAndInOrder();
    void drainYieldsToTheEventLoop();
    void readerAboveTheBottomKeepsTheirPlace();
    void readerAtTheBottomFollowsNewRows();
    void busiestSenderIsNamedWithItsRate();
    void hostFloodingFromManyPortsIsNamed();

private:
    // Sends "0", "1", ... from the peer, @p count of them starting at @p first.
    void send(int first, int count);
    MessageView *view() const
    {
        return m_fx->window().findChild<MessageView *>(QStringLiteral("messageView"));
    }

    std::unique_ptr<GuiFixture> m_fx;
};

void tst_ReceiveFlow::init()
{
    m_fx = std::make_unique<GuiFixture>();
    QVERIFY(m_fx->start());
    m_fx->window().resize(600, 400);
}

void tst_ReceiveFlow::cleanup()
{
    m_fx.reset();
}

void tst_ReceiveFlow::send(int first, int count)
{
    const quint16 port = m_fx->session().channel()->localPort();
    for (int i = first; i < first + count; ++i)
        QCOMPARE(m_fx->peer().writeDatagram(QByteArray::number(i), QHostAddress::LocalHost, port),
                 qint64(QByteArray::number(i).size()));
}

void tst_ReceiveFlow::burstArrivesWholeAndInOrder()
{
    // 20,000 datagrams, in bursts of 200: the kernel's receive buffer (its size differs per
    // machine) holds a burst, so what is tested is that udpchat loses and reorders none.
    MessageListModel *model = m_fx->session().messages();
    QStringList arrived;
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [&](const QModelIndex &, int first, int last) {
                for (int row = first; row <= last; ++row)
                    arrived << model->at(row).text;
            });
    constexpr int total = 20000;
    constexpr int burst = 200;
    for (int sent = 0; sent < total; sent += burst) {
        send(sent, burst);
        QTRY_COMPARE(arrived.size(), sent + burst);
    }
    for (int i = 0; i < total; ++i)
        QCOMPARE(arrived.at(i), QString::number(i));
    QCOMPARE(m_fx->session().channel()->receivedCount(), quint64(total));
    // The view keeps the newest rows, oldest first, and counts the rest as scrolled out.
    QCOMPARE(model->rowCount(), MessageListModel::DefaultMaxRows);
    QCOMPARE(model->at(0).text, QString::number(total - MessageListModel::DefaultMaxRows));
    QCOMPARE(model->at(model->rowCount() - 1).text, QString::number(total - 1));
    QCOMPARE(model->evictedCount(), quint64(total - MessageListModel::DefaultMaxRows));
    QCOMPARE(view()->model()->rowCount(), MessageListModel::DefaultMaxRows);
}

void tst_ReceiveFlow::drainYieldsToTheEventLoop()
{
    // 300 datagrams wait in the socket before the event loop runs; with a budget of 16 per pass,
    // a timer gets its turn while some of them are still unread.
    UdpChannel *channel = m_fx->session().channel();
    channel->setReadBudget(16);
    constexpr int total = 300;
    send(0, total);
    QList<quint64> seenByTimer;
    QTimer probe;
    connect(&probe, &QTimer::timeout, this, [&] { seenByTimer << channel->receivedCount(); });
    probe.start(0);
    QTRY_COMPARE(channel->receivedCount(), quint64(total));
    probe.stop();
    const bool midBurst = std::any_of(seenByTimer.cbegin(), seenByTimer.cend(),
                                      [](quint64 n) { return n > 0 && n < total; });
    QVERIFY2(midBurst, "the timer never ran while datagrams were waiting");
    QTRY_COMPARE(m_fx->session().messages()->rowCount(), total);
}

void tst_ReceiveFlow::readerAboveTheBottomKeepsTheirPlace()
{
    MessageListModel *model = m_fx->session().messages();
    model->setMaxRows(300);
    send(0, 200);
    QTRY_COMPARE(model->rowCount(), 200);
    MessageView *list = view();
    QScrollBar *bar = list->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum()); // followed the new rows so far

    // The user scrolls up to row 150 and reads it.
    list->scrollTo(model->index(150), QAbstractItemView::PositionAtTop);
    const QModelIndex read = list->indexAt(QPoint(1, 1));
    QVERIFY(read.isValid());
    const QString readText = model->at(read.row()).text;
    const int readTop = list->visualRect(read).top();
    QVERIFY(bar->value() < bar->maximum());

    // More arrives below, then so much that the oldest rows leave (the cap of 300).
    send(200, 50);
    QTRY_COMPARE(model->rowCount(), 250);
    QCOMPARE(model->at(list->indexAt(QPoint(1, 1)).row()).text, readText);
    send(250, 100);
    QTRY_COMPARE(model->evictedCount(), quint64(50));
    const QModelIndex now = list->indexAt(QPoint(1, 1));
    QVERIFY(now.isValid());
    QCOMPARE(model->at(now.row()).text, readText);
    QCOMPARE(list->visualRect(now).top(), readTop);
    QVERIFY(bar->value() < bar->maximum());
}

void tst_ReceiveFlow::readerAtTheBottomFollowsNewRows()
{
    MessageListModel *model = m_fx->session().messages();
    model->setMaxRows(100);
    send(0, 150);
    QTRY_COMPARE(model->evictedCount(), quint64(50));
    QScrollBar *bar = view()->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());
    const QModelIndex last = model->index(model->rowCount() - 1);
    QTRY_VERIFY(view()->viewport()->rect().intersects(view()->visualRect(last)));
    QCOMPARE(model->at(last.row()).text, QStringLiteral("149"));
}

void tst_ReceiveFlow::busiestSenderIsNamedWithItsRate()
{
    // A quiet peer and a busy one: the status bar names the busy one and its rate; the tool tip
    // lists both.
    QUdpSocket quiet;
    QVERIFY(quiet.bind(QHostAddress::LocalHost, 0));
    const quint16 port = m_fx->session().channel()->localPort();
    quiet.writeDatagram("hello", QHostAddress::LocalHost, port);
    send(0, 300);
    QTRY_COMPARE(m_fx->session().channel()->receivedCount(), quint64(301));
    auto *counters = m_fx->window().findChild<QLabel *>(QStringLiteral("countersLabel"));
    QVERIFY(counters);
    const QString busy = QStringLiteral("127.0.0.1:%1").arg(m_fx->peer().localPort());
    QTRY_VERIFY2(counters->text().contains(QStringLiteral("/s from %1").arg(busy)),
                 qPrintable(counters->text()));
    QVERIFY(counters->toolTip().contains(busy));
    QVERIFY(counters->toolTip().contains(QStringLiteral("127.0.0.1:%1").arg(quiet.localPort())));
}

// Issue 15: one host sending through many ports, each port slower than the busy-sender threshold,
// was never named; now its address is, with the number of ports.
void tst_ReceiveFlow::hostFloodingFromManyPortsIsNamed()
{
    const quint16 port = m_fx->session().channel()->localPort();
    std::vector<std::unique_ptr<QUdpSocket>> sockets;
    for (int i = 0; i < 60; ++i) {
        auto &socket = sockets.emplace_back(std::make_unique<QUdpSocket>());
        QVERIFY(socket->bind(QHostAddress::LocalHost, 0));
        QCOMPARE(socket->writeDatagram("x", QHostAddress::LocalHost, port), qint64(1));
    }
    QTRY_COMPARE(m_fx->session().channel()->receivedCount(), quint64(60));
    auto *counters = m_fx->window().findChild<QLabel *>(QStringLiteral("countersLabel"));
    QVERIFY(counters);
    // One datagram a port: no port reaches 10/s, the address does (all 60, or the larger part
    // when the second boundary fell between them).
    static const QRegularExpression host(
            QStringLiteral("/s from 127\\.0\\.0\\.1 \\((\\d+) ports\\)"));
    QTRY_VERIFY2(host.match(counters->text()).hasMatch(), qPrintable(counters->text()));
    QVERIFY(host.match(counters->text()).captured(1).toInt() >= 10);
    QVERIFY(!counters->text().contains(QStringLiteral("from 127.0.0.1:")));
}

QTEST_MAIN(tst_ReceiveFlow)
#include "tst_receiveflow.moc"
