#pragma once

#include <QColor>

class QLabel;

/// What a coloured text says.
enum class StatusTone { Alarm, Warning, Success };

/// The colour for @p tone on @p background: a dark shade on light backgrounds and a light one on
/// dark backgrounds, with a contrast of at least 4.5:1 (WCAG AA for text) whatever the palette.
QColor statusColor(StatusTone tone, const QColor &background);
/// The WCAG contrast ratio of two colours, 1 to 21.
double contrastRatio(const QColor &a, const QColor &b);

/// Marks @p label's text as an error (red on its background) or back to the palette's colour.
void setAlarm(QLabel *label, bool alarm);
/// Marks @p label's text as worth knowing, not an error (amber on its background).
void setWarning(QLabel *label);
