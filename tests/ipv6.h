#pragma once

// Tests that need IPv6 loopback (::1). A host can have IPv6 disabled (net.ipv6.conf.*.
// disable_ipv6=1, or a kernel without it); there such a test cannot say anything, so it is
// skipped with the reason, except in CI (env CI set), where every test must really run and a
// missing ::1 fails, as the lan-sim test does.

#include <QHostAddress>
#include <QTest>
#include <QUdpSocket>

namespace Ipv6 {

/// Why ::1 cannot be used on this host, or empty.
inline QString unavailable()
{
    static const QString reason = [] {
        QUdpSocket probe;
        if (probe.bind(QHostAddress(QHostAddress::LocalHostIPv6), 0))
            return QString();
        return QStringLiteral("IPv6 loopback (::1) is not available on this host (%1)")
                .arg(probe.errorString());
    }();
    return reason;
}

} // namespace Ipv6

/// Skips the test (fails it in CI) when ::1 cannot be bound.
#define UDPCHAT_REQUIRE_IPV6() \
    do { \
        const QString why_ = Ipv6::unavailable(); \
        if (!why_.isEmpty()) { \
            if (qEnvironmentVariableIsSet("CI")) \
                QFAIL(qPrintable(why_)); \
            QSKIP(qPrintable(why_)); \
        } \
    } while (false)

/// The same for a data-driven test whose row uses @p address.
#define UDPCHAT_REQUIRE_IPV6_FOR(address) \
    do { \
        if ((address).protocol() == QAbstractSocket::IPv6Protocol) \
            UDPCHAT_REQUIRE_IPV6(); \
    } while (false)
