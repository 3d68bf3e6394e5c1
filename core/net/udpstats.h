#pragma once

#include <QByteArray>

#include <optional>

/// What the kernel counts for our UDP sockets. Linux keeps it in /proc/net/udp and
/// /proc/net/udp6; elsewhere nothing is known.
namespace UdpStats {

/// Datagrams the kernel dropped for this user's UDP socket bound to @p localPort, mostly because
/// the receive buffer was full (the "drops" column), summed over IPv4 and IPv6. Empty when it
/// cannot be known: not Linux, no /proc, or no such socket. Reads /proc: call it for a summary,
/// not per datagram.
std::optional<quint64> kernelDrops(quint16 localPort);

/// The sum of the "drops" column over the rows of one /proc/net/udp or /proc/net/udp6 @p table
/// whose local port is @p localPort and whose owner is @p uid; empty when no row matches.
std::optional<quint64> dropsInTable(const QByteArray &table, quint16 localPort, uint uid);

} // namespace UdpStats
