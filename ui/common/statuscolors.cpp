#include "ui/common/statuscolors.h"

#include <QLabel>

namespace {
QPalette parentPalette(const QLabel *label)
{
    return label->parentWidget() ? label->parentWidget()->palette() : label->palette();
}
} // namespace

void setAlarm(QLabel *label, bool alarm)
{
    QPalette palette = parentPalette(label);
    if (alarm)
        palette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    label->setPalette(palette);
}

void setWarning(QLabel *label)
{
    QPalette palette = parentPalette(label);
    palette.setColor(QPalette::WindowText, QColor(0xa0, 0x5a, 0x00));
    label->setPalette(palette);
}
