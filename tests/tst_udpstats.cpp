#include "core/net/udpstats.h"

#include <QTest>
#include <QUdpSocket>

namespace {
// Two rows of /proc/net/udp as Linux 6.1 prints them (port 0x1a0a = 6666, 0x0035 = 53).
const QByteArray kTable =
        "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
        "timeout inode ref pointer drops            \n"
        "  123: 00000000:1A0A 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000 "
        "       0 4242 2 0000000000000000 17        \n"
        "  124: 0100007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0 "
        "       0 4243 2 0000000000000000 5         \n";
} // namespace

class tst_UdpStats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesTable();
    void countsRealKernelDrops();
};

void tst_UdpStats::parsesTable()
{
    QCOMPARE(UdpStats::dropsInTable(kTable, 6666, 1000), std::optional<quint64>(17));
    QCOMPARE(UdpStats::dropsInTable(kTable, 53, 0), std::optional<quint64>(5));
    QCOMPARE(UdpStats::dropsInTable(kTable, 6666, 0), std::nullopt); // someone else's socket
    QCOMPARE(UdpStats::dropsInTable(kTable, 6667, 1000), std::nullopt);
    QCOMPARE(UdpStats::dropsInTable(QByteArray(), 6666, 1000), std::nullopt);
    QCOMPARE(UdpStats::dropsInTable(kTable.left(kTable.indexOf('\n') + 40), 6666, 1000),
             std::nullopt); // a cut row is skipped, not misread
}

void tst_UdpStats::countsRealKernelDrops()
{
#ifndef Q_OS_LINUX
    QSKIP("Kernel drop counters are read from Linux's /proc");
#endif
    QUdpSocket receiver;
    QVERIFY(receiver.bind(QHostAddress::LocalHost, 0));
    const quint16 port = receiver.localPort();
    QCOMPARE(UdpStats::kernelDrops(port), std::optional<quint64>(0));

    // The smallest receive buffer the kernel allows holds a few datagrams; the rest are dropped
    // at once on loopback, and nobody reads in between (no event loop runs here).
    receiver.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 1);
    QUdpSocket sender;
    const QByteArray payload(1000, 'x');
    constexpr int sent = 50;
    for (int i = 0; i < sent; ++i)
        QCOMPARE(sender.writeDatagram(payload, QHostAddress::LocalHost, port), qint64(1000));
    const auto drops = UdpStats::kernelDrops(port);
    QVERIFY(drops.has_value());
    qInfo("%d of %d datagrams dropped by the kernel", int(*drops), sent);
    QVERIFY2(*drops >= sent / 2 && *drops < sent, qPrintable(QString::number(*drops)));
}

QTEST_GUILESS_MAIN(tst_UdpStats)
#include "tst_udpstats.moc"
