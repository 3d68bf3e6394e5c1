#include "core/util/errorthrottle.h"

#include <QTest>

class tst_ErrorThrottle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstPassesThenOnePerInterval();
    void summaryAfterTheInterval();
    void resetShowsTheNextAtOnce();
    void floodBecomesAFewCountedMessages();

private:
    qint64 m_now = 0;
    ErrorThrottle::Clock clock()
    {
        return [this] { return m_now; };
    }
};

void tst_ErrorThrottle::firstPassesThenOnePerInterval()
{
    m_now = 1000;
    ErrorThrottle throttle(5000, clock());
    QCOMPARE(throttle.msUntilSummary(), qint64(-1));
    QCOMPARE(throttle.submit(QStringLiteral("a")), std::optional<QString>(QStringLiteral("a")));
    m_now += 1;
    QCOMPARE(throttle.submit(QStringLiteral("b")), std::nullopt);
    m_now += 4998;
    QCOMPARE(throttle.submit(QStringLiteral("c")), std::nullopt);
    QCOMPARE(throttle.heldBack(), 2);
    QCOMPARE(throttle.msUntilSummary(), qint64(1));
    m_now += 1;
    // b and c were never shown: counted on the next message.
    QCOMPARE(throttle.submit(QStringLiteral("d")),
             std::optional<QString>(QStringLiteral("d (2 more)")));
    QCOMPARE(throttle.heldBack(), 0);
    QCOMPARE(throttle.submit(QStringLiteral("e")), std::nullopt);
}

void tst_ErrorThrottle::summaryAfterTheInterval()
{
    ErrorThrottle throttle(5000, clock());
    QVERIFY(throttle.submit(QStringLiteral("a")));
    QCOMPARE(throttle.takeSummary(), std::nullopt); // nothing held back
    m_now += 10;
    QVERIFY(!throttle.submit(QStringLiteral("b")));
    QVERIFY(!throttle.submit(QStringLiteral("c")));
    QCOMPARE(throttle.takeSummary(), std::nullopt); // too early
    m_now += 4990;
    QCOMPARE(throttle.msUntilSummary(), qint64(0));
    QCOMPARE(throttle.takeSummary(), std::optional<QString>(QStringLiteral("c (1 more)")));
    QCOMPARE(throttle.takeSummary(), std::nullopt);
    QCOMPARE(throttle.msUntilSummary(), qint64(-1));
    // The summary counts as shown: the interval starts again.
    m_now += 1;
    QVERIFY(!throttle.submit(QStringLiteral("f")));
    m_now += 5000;
    QCOMPARE(throttle.takeSummary(), std::optional<QString>(QStringLiteral("f")));
}

void tst_ErrorThrottle::resetShowsTheNextAtOnce()
{
    ErrorThrottle throttle(60000, clock());
    QVERIFY(throttle.submit(QStringLiteral("disk full")));
    m_now += 500;
    QVERIFY(!throttle.submit(QStringLiteral("disk full")));
    throttle.reset();
    QCOMPARE(throttle.heldBack(), 0);
    m_now += 500;
    QCOMPARE(throttle.submit(QStringLiteral("disk full")),
             std::optional<QString>(QStringLiteral("disk full")));
}

void tst_ErrorThrottle::floodBecomesAFewCountedMessages()
{
    // One error per millisecond for ten seconds, as from a datagram flood.
    ErrorThrottle throttle(5000, clock());
    int shown = 0;
    int accounted = 0;
    const auto count = [&](const std::optional<QString> &text) {
        if (!text)
            return;
        ++shown;
        ++accounted;
        const qsizetype open = text->lastIndexOf(u'(');
        if (open > 0)
            accounted += text->mid(open + 1).section(u' ', 0, 0).toInt();
    };
    for (int i = 0; i < 10000; ++i, ++m_now)
        count(throttle.submit(QStringLiteral("Unable to send a message")));
    m_now += 5000;
    count(throttle.takeSummary());
    QCOMPARE(shown, 3); // t=0, t=5000, and the summary of the rest
    QCOMPARE(accounted, 10000); // nothing dropped without being counted
}

QTEST_GUILESS_MAIN(tst_ErrorThrottle)
#include "tst_errorthrottle.moc"
