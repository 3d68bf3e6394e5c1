#pragma once

// The loopback interface by its flag, not by its name ("lo" on Linux, "lo0" elsewhere): tests
// that join a multicast group join it there, so nothing leaves this computer.

#include <QList>
#include <QNetworkInterface>
#include <QString>

namespace Loopback {

/// The name of the loopback interface, or empty when there is none.
inline QString interfaceName()
{
    const QList<QNetworkInterface> all = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : all) {
        if (interface.flags().testFlag(QNetworkInterface::IsLoopBack))
            return interface.name();
    }
    return QString();
}

} // namespace Loopback
