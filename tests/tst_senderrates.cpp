#include "core/net/senderrates.h"

#include <QTest>

class tst_SenderRates : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ratesAreSortedAndScaledToASecond();
    void runsAndInterleavedSendersCountTheSame();
    void takeStartsANewInterval();
    void limitKeepsTheBusiest();
    void oneHostThroughManyPortsIsSummedByAddress();
};

namespace {
const QHostAddress kA(QStringLiteral("10.0.0.5"));
const QHostAddress kB(QStringLiteral("fd00::7"));
} // namespace

void tst_SenderRates::ratesAreSortedAndScaledToASecond()
{
    SenderRates rates;
    rates.count(kA, 5000, 30);
    rates.count(kB, 6000, 500);
    rates.count(kA, 5001, 2); // another port is another sender
    const QList<SenderRates::Rate> taken = rates.take(-1, 500);
    QCOMPARE(taken.size(), 3);
    QCOMPARE(taken.at(0).sender, (Endpoint{kB, 6000}));
    QCOMPARE(taken.at(0).perSecond, 1000.0);
    QCOMPARE(taken.at(1).sender, (Endpoint{kA, 5000}));
    QCOMPARE(taken.at(1).perSecond, 60.0);
    QCOMPARE(taken.at(2).perSecond, 4.0);
}

void tst_SenderRates::runsAndInterleavedSendersCountTheSame()
{
    SenderRates runs;
    runs.count(kA, 1, 3);
    runs.count(kB, 2, 2);
    SenderRates interleaved;
    for (int i = 0; i < 3; ++i) {
        interleaved.count(kA, 1);
        if (i < 2)
            interleaved.count(kB, 2);
    }
    const auto a = runs.take(-1, 1000);
    const auto b = interleaved.take(-1, 1000);
    QCOMPARE(a.size(), 2);
    QCOMPARE(b.size(), 2);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(a.at(i).sender, b.at(i).sender);
        QCOMPARE(a.at(i).perSecond, b.at(i).perSecond);
    }
    QCOMPARE(a.at(0).perSecond, 3.0);
}

void tst_SenderRates::takeStartsANewInterval()
{
    SenderRates rates;
    rates.count(kA, 1, 10);
    QCOMPARE(rates.take(-1, 1000).size(), 1);
    QVERIFY(rates.take(-1, 1000).isEmpty());
    rates.count(kA, 1, 7);
    QCOMPARE(rates.take(-1, 1000).constFirst().perSecond, 7.0);
}

void tst_SenderRates::limitKeepsTheBusiest()
{
    SenderRates rates;
    for (quint16 port = 1; port <= 20; ++port)
        rates.count(kA, port, port);
    const auto top = rates.take(3, 1000);
    QCOMPARE(top.size(), 3);
    QCOMPARE(top.at(0).sender.port, quint16(20));
    QCOMPARE(top.at(2).sender.port, quint16(18));
}

// Issue 15: a flood from one host through many ports named no sender (each port was below the
// threshold); per address it is the busiest.
void tst_SenderRates::oneHostThroughManyPortsIsSummedByAddress()
{
    SenderRates rates;
    for (int port = 1; port <= 1000; ++port)
        rates.count(kA, quint16(port), 5);
    rates.count(kB, 7000, 40);
    const auto endpoints = rates.take(5, 1000);
    QCOMPARE(endpoints.size(), 5);
    QCOMPARE(endpoints.constFirst().sender, (Endpoint{kB, 7000})); // 40/s against 5/s a port
    const QList<SenderRates::Rate> hosts = rates.byAddress();
    QCOMPARE(hosts.size(), 2);
    QCOMPARE(hosts.at(0).sender, (Endpoint{kA, 0}));
    QCOMPARE(hosts.at(0).perSecond, 5000.0);
    QCOMPARE(hosts.at(0).ports, 1000);
    QCOMPARE(hosts.at(1).sender, (Endpoint{kB, 0}));
    QCOMPARE(hosts.at(1).perSecond, 40.0);
    QCOMPARE(hosts.at(1).ports, 1);
    // Bounded like the endpoints, and per interval.
    for (int i = 0; i < 10; ++i)
        rates.count(QHostAddress(quint32(0x0a000001 + i)), 1, 1 + i);
    rates.take(3, 1000);
    QCOMPARE(rates.byAddress().size(), 3);
    QCOMPARE(rates.byAddress().constFirst().perSecond, 10.0);
    rates.take(3, 1000);
    QVERIFY(rates.byAddress().isEmpty());
}

QTEST_GUILESS_MAIN(tst_SenderRates)
#include "tst_senderrates.moc"
