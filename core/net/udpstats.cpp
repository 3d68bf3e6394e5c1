#include "core/net/udpstats.h"

#include <QFile>
#include <QList>

#ifdef Q_OS_LINUX
#include <unistd.h>
#endif

std::optional<quint64> UdpStats::dropsInTable(const QByteArray &table, quint16 localPort, uint uid)
{
    // "  sl  local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout
    //  inode ref pointer drops"; addresses are hex "ADDR:PORT". The first line is the header.
    enum Column { LocalAddress = 1, Uid = 7, Drops = 12, Columns };
    std::optional<quint64> sum;
    const QList<QByteArray> lines = table.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> columns = lines.at(i).simplified().split(' ');
        if (columns.size() < Columns)
            continue;
        const QByteArray &local = columns.at(LocalAddress);
        bool portOk = false;
        const uint port = local.mid(local.lastIndexOf(':') + 1).toUInt(&portOk, 16);
        bool uidOk = false;
        const uint owner = columns.at(Uid).toUInt(&uidOk);
        bool dropsOk = false;
        const quint64 drops = columns.at(Drops).toULongLong(&dropsOk);
        if (!portOk || !uidOk || !dropsOk || port != localPort || owner != uid)
            continue;
        sum = sum.value_or(0) + drops;
    }
    return sum;
}

std::optional<quint64> UdpStats::kernelDrops(quint16 localPort)
{
#ifdef Q_OS_LINUX
    std::optional<quint64> sum;
    for (const QString &path :
         {QStringLiteral("/proc/net/udp"), QStringLiteral("/proc/net/udp6")}) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const auto drops = dropsInTable(file.readAll(), localPort, uint(::getuid()));
        if (drops)
            sum = sum.value_or(0) + *drops;
    }
    return sum;
#else
    Q_UNUSED(localPort);
    return std::nullopt;
#endif
}
