#pragma once

class QLabel;

/// Marks @p label's text as an error (red) or back to the palette's colour.
void setAlarm(QLabel *label, bool alarm);
/// Marks @p label's text as worth knowing, not an error (amber).
void setWarning(QLabel *label);
