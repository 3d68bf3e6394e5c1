#include "core/net/repeatsender.h"

#include <QSignalSpy>
#include <QTest>

class tst_RepeatSender : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void expandsSeq_data();
    void expandsSeq();
    void sendsCountTimesThenStops();
    void firstSendIsImmediate();
    void untilStoppedKeepsGoing();
    void stopFromTheSlotEndsTheRun();
    void restartReplacesTheRun();
    void eventLoopStaysResponsive();
};

void tst_RepeatSender::expandsSeq_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("seq");
    QTest::addColumn<QString>("expanded");
    QTest::newRow("none") << QStringLiteral("ping") << 3 << QStringLiteral("ping");
    QTest::newRow("one") << QStringLiteral("ping {seq}") << 3 << QStringLiteral("ping 3");
    QTest::newRow("two") << QStringLiteral("{seq}/{seq}") << 12 << QStringLiteral("12/12");
    QTest::newRow("other braces") << QStringLiteral("{seq {SEQ}") << 1
                                  << QStringLiteral("{seq {SEQ}");
}

void tst_RepeatSender::expandsSeq()
{
    QFETCH(QString, text);
    QFETCH(int, seq);
    QFETCH(QString, expanded);
    QCOMPARE(RepeatSender::expand(text, seq), expanded);
}

void tst_RepeatSender::sendsCountTimesThenStops()
{
    RepeatSender sender;
    QSignalSpy due(&sender, &RepeatSender::due);
    QSignalSpy running(&sender, &RepeatSender::runningChanged);
    sender.start(QStringLiteral("n={seq}"), 5, 4);
    QVERIFY(sender.isRunning());
    QTRY_VERIFY(!sender.isRunning());
    QCOMPARE(due.size(), 4);
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(due.at(i).at(0).toString(), QStringLiteral("n=%1").arg(i + 1));
        QCOMPARE(due.at(i).at(1).toInt(), i + 1);
    }
    QCOMPARE(sender.sentCount(), 4);
    QCOMPARE(running.size(), 2);
    QCOMPARE(running.at(0).at(0).toBool(), true);
    QCOMPARE(running.at(1).at(0).toBool(), false);
    // Nothing more comes after the run ended.
    QVERIFY(!QTest::qWaitFor([&] { return due.size() > 4; }, 50));
}

void tst_RepeatSender::firstSendIsImmediate()
{
    RepeatSender sender;
    QSignalSpy due(&sender, &RepeatSender::due);
    sender.start(QStringLiteral("x"), 60000, 3);
    QCOMPARE(due.size(), 1); // before any event loop: the first one does not wait an interval
    sender.stop();
    QCOMPARE(sender.sentCount(), 1);
}

void tst_RepeatSender::untilStoppedKeepsGoing()
{
    RepeatSender sender;
    QSignalSpy due(&sender, &RepeatSender::due);
    sender.start(QStringLiteral("x"), 2, 0);
    QTRY_VERIFY(due.size() >= 10);
    QVERIFY(sender.isRunning());
    QCOMPARE(sender.totalCount(), 0);
    sender.stop();
    QVERIFY(!sender.isRunning());
    const auto stoppedAt = due.size();
    QVERIFY(!QTest::qWaitFor([&] { return due.size() > stoppedAt; }, 50));
}

void tst_RepeatSender::stopFromTheSlotEndsTheRun()
{
    // What the window does when a send fails.
    RepeatSender sender;
    int calls = 0;
    connect(&sender, &RepeatSender::due, &sender, [&](const QString &, int seq) {
        ++calls;
        if (seq == 2)
            sender.stop();
    });
    QSignalSpy running(&sender, &RepeatSender::runningChanged);
    sender.start(QStringLiteral("x"), 2, 10);
    QTRY_VERIFY(!sender.isRunning());
    QCOMPARE(calls, 2);
    QCOMPARE(running.size(), 2);
}

void tst_RepeatSender::restartReplacesTheRun()
{
    RepeatSender sender;
    QSignalSpy due(&sender, &RepeatSender::due);
    QSignalSpy running(&sender, &RepeatSender::runningChanged);
    sender.start(QStringLiteral("a"), 60000, 5);
    sender.start(QStringLiteral("b{seq}"), 60000, 5);
    QCOMPARE(due.size(), 2);
    QCOMPARE(due.at(1).at(0).toString(), QStringLiteral("b1")); // counts from 1 again
    QCOMPARE(running.size(), 1);
    sender.stop();
    sender.stop();
    QCOMPARE(running.size(), 2);
}

void tst_RepeatSender::eventLoopStaysResponsive()
{
    // Sends are spread over the event loop: a single-shot timer still runs in between.
    RepeatSender sender;
    QSignalSpy due(&sender, &RepeatSender::due);
    bool otherWorkRan = false;
    QTimer::singleShot(0, this, [&] { otherWorkRan = true; });
    sender.start(QStringLiteral("x"), 200, 3);
    QCOMPARE(due.size(), 1); // start() returned after one send, not after all three
    QTRY_VERIFY(otherWorkRan);
    QVERIFY(due.size() < 3); // the rest need 400 ms more
    QTRY_COMPARE(due.size(), 3);
}

QTEST_GUILESS_MAIN(tst_RepeatSender)
#include "tst_repeatsender.moc"
