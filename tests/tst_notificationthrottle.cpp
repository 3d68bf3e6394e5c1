// Notifications under a flood: the first at once, then one summary per interval.
#include "core/util/notificationthrottle.h"

#include <QTest>

class tst_NotificationThrottle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstMessageIsShownAtOnce();
    void floodGivesOneSummaryPerInterval();
};

void tst_NotificationThrottle::firstMessageIsShownAtOnce()
{
    NotificationThrottle throttle(10000);
    const auto notice = throttle.submit(QStringLiteral("10.0.0.5"), QStringLiteral("hi"), 1000);
    QVERIFY(notice);
    QCOMPARE(notice->messages, 1);
    QCOMPARE(notice->peers, 1);
    QCOMPARE(notice->text, QStringLiteral("hi"));
    QCOMPARE(throttle.msUntilPending(1000), 0);
}

void tst_NotificationThrottle::floodGivesOneSummaryPerInterval()
{
    NotificationThrottle throttle(10000);
    int shown = 0;
    qint64 now = 0;
    // 100,000 messages over 30 s from 3 peers.
    for (int i = 0; i < 100000; ++i) {
        now = qint64(i) * 30000 / 100000;
        if (throttle.submit(QStringLiteral("10.0.0.%1").arg(i % 3), QStringLiteral("x"), now))
            ++shown;
    }
    QCOMPARE(shown, 3); // at 0 s, 10 s, 20 s
    QVERIFY(throttle.pendingMessages() > 0);
    QCOMPARE(throttle.msUntilPending(now), 20000 + 10000 - now);
    QVERIFY(!throttle.takePending(now));
    const auto summary = throttle.takePending(30000);
    QVERIFY(summary);
    QCOMPARE(summary->peers, 3);
    QVERIFY(summary->messages > 30000);
    QVERIFY(!throttle.takePending(40001)); // nothing held back
}

QTEST_GUILESS_MAIN(tst_NotificationThrottle)
#include "tst_notificationthrottle.moc"
