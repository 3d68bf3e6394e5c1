#pragma once

#include <QMetaType>
#include <QString>

/// Bounds for what one message row shows.
struct DisplayLimits
{
    qsizetype maxChars = 4096; ///< UTF-16 units of message text shown in a row
    int maxLines = 12; ///< lines shown in a row
    int maxMarksPerBase = 16; ///< combining marks kept after one base character

    /// No length or line bounds (for "show whole message"); marks stay capped.
    static DisplayLimits unbounded() { return {-1, -1, 16}; }
};

/// Message text made safe to draw. Untrusted text is data: it is escaped and bounded here, and
/// only ever drawn as plain text. The stored message keeps the original text and bytes.
struct DisplayText
{
    QString text; ///< controls and bidi controls made visible, bounded
    qsizetype hiddenChars = 0; ///< characters cut by maxChars
    int hiddenLines = 0; ///< lines cut by maxLines
    qsizetype removedMarks = 0; ///< combining marks dropped by maxMarksPerBase
    int escapes = 0; ///< controls and format characters shown as escapes

    bool isShortened() const { return hiddenChars > 0 || hiddenLines > 0; }
};
Q_DECLARE_METATYPE(DisplayText)

/// Makes @p text safe and bounded for display:
/// - NUL and other C0 controls become "⟨NUL⟩", "⟨ESC⟩"..., DEL "⟨DEL⟩"; C1 controls,
///   bidirectional embeddings/overrides/isolates and marks (U+200E, U+200F, U+061C) and the
///   characters that draw nothing (U+200B..U+200D, U+2060..U+2064, U+FEFF, U+00AD, U+180E, the
///   tag characters U+E0000..U+E007F) become "⟨U+XXXX⟩";
///   CR LF, LF, U+2028 and U+2029 are line breaks; TAB stays.
/// No bidi isolates are added: a row draws the message as paragraphs of its own, with a forced
/// left-to-right base direction, so it cannot reorder the header or other rows (FSI/PDI inside
/// the text made Qt 6.4 measure and wrap lines wrongly, cutting off the last character).
/// - at most limits.maxMarksPerBase combining marks follow a base character;
/// - at most limits.maxChars characters and limits.maxLines lines are kept.
DisplayText sanitizeForDisplay(const QString &text, const DisplayLimits &limits = {});
/// sanitizeForDisplay() of @p untrusted as one line of at most @p maxChars characters: a name
/// from the network in a label, a list or a header.
QString displayLine(const QString &untrusted, qsizetype maxChars);

/// True for a character that sanitizeForDisplay() never lets through raw.
bool isUnsafeForDisplay(char32_t c);

/// True when @p text has no such character (TAB and LF, which the display keeps, aside): what
/// sanitizeForDisplay() guarantees for its output.
bool isSafeForDisplay(QStringView text);
