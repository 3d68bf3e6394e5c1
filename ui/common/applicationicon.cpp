#include "ui/common/applicationicon.h"

#include <QIcon>
#include <QPixmap>

QIcon applicationIcon()
{
    // Decoded once per process (the application and the window share it). Up to 128 px: the
    // window system gets every size on show (decoding the 256 px one cost 3 ms of a 36 ms
    // start-up), and larger icons (launchers, task switchers) come from the installed icon
    // theme through the desktop file.
    static const QIcon icon = [] {
        QIcon sizes;
        for (const int size : {16, 22, 24, 32, 48, 64, 128})
            sizes.addPixmap(QPixmap(QStringLiteral(":/icons/udpchat-%1.png").arg(size), "PNG"));
        return sizes;
    }();
    return icon;
}
