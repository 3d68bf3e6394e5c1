#include "ui/common/statuscolors.h"

#include <QLabel>

#include <cmath>

namespace {
constexpr double kMinimumContrast = 4.5;

double linear(double channel)
{
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &c)
{
    const QColor rgb = c.toRgb();
    return 0.2126 * linear(rgb.redF()) + 0.7152 * linear(rgb.greenF())
           + 0.0722 * linear(rgb.blueF());
}

QPalette parentPalette(const QLabel *label)
{
    return label->parentWidget() ? label->parentWidget()->palette() : label->palette();
}

void setTone(QLabel *label, StatusTone tone)
{
    QPalette palette = parentPalette(label);
    palette.setColor(QPalette::WindowText,
                     statusColor(tone, palette.color(label->backgroundRole())));
    label->setPalette(palette);
}
} // namespace

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QColor statusColor(StatusTone tone, const QColor &background)
{
    // Material red 900 / 200, a brown-amber / amber 200, green 800 / 300.
    static const QColor dark[] = {QColor(0xb7, 0x1c, 0x1c), QColor(0x8a, 0x4b, 0x00),
                                  QColor(0x1b, 0x5e, 0x20)};
    static const QColor light[] = {QColor(0xff, 0x8a, 0x80), QColor(0xff, 0xc1, 0x68),
                                   QColor(0x81, 0xc7, 0x84)};
    // Dark text where black reads better than white, light text otherwise.
    const bool lightBackground =
            contrastRatio(Qt::black, background) >= contrastRatio(Qt::white, background);
    QColor color = (lightBackground ? dark : light)[static_cast<int>(tone)];
    // A background between the two (mid grey): towards black or white until it reads.
    const QColor target = lightBackground ? QColor(Qt::black) : QColor(Qt::white);
    for (int step = 0; step < 40 && contrastRatio(color, background) < kMinimumContrast; ++step) {
        color = QColor::fromRgbF(float(color.redF() * 0.8 + target.redF() * 0.2),
                                 float(color.greenF() * 0.8 + target.greenF() * 0.2),
                                 float(color.blueF() * 0.8 + target.blueF() * 0.2));
    }
    return color;
}

void setAlarm(QLabel *label, bool alarm)
{
    if (alarm)
        setTone(label, StatusTone::Alarm);
    else
        label->setPalette(parentPalette(label));
}

void setWarning(QLabel *label)
{
    setTone(label, StatusTone::Warning);
}
