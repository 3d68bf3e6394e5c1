#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

/// Visible, unambiguous forms of untrusted text for places that interpret characters: terminals,
/// logs, JSON. Nothing in the result can move the cursor, change colours, end the line or
/// reorder it (bidi), and nothing is dropped: every escape names the character it replaces.
namespace TextEscape {

/// True for the UTF-16 code unit @p c when it must never reach a terminal raw: C0 controls, DEL,
/// C1 controls, the bidi marks (U+061C, U+200E, U+200F), the line and paragraph separators
/// (U+2028, U+2029), the bidi embeddings and overrides (U+202A..U+202E) and isolates
/// (U+2066..U+2069), and the characters that draw nothing (U+00AD, U+180E, U+200B..U+200D,
/// U+2060..U+2064, U+FEFF). Surrogates are judged by the callers below.
bool isUnsafe(char16_t c);
/// isUnsafe() for a whole code point; past the BMP, the tag characters U+E0000..U+E007F.
bool isUnsafeCodePoint(char32_t c);

/// @p text for one line of a terminal: "\" becomes "\\"; tab, line feed and carriage return
/// become "\t", "\n", "\r"; other C0 controls and DEL become "\x1b" style escapes; the other
/// unsafe characters and unpaired surrogates become "\u202e" style escapes, tag characters
/// "\U000e0041" ones. Everything else, including all printable non-ASCII text, is unchanged.
QString forTerminal(QStringView text);

/// @p text as a JSON string literal (with the quotes) in UTF-8, valid per RFC 8259. Besides what
/// JSON requires, every unsafe character and unpaired surrogate is a "\u" escape too (a tag
/// character a pair of them), so a JSON line printed to a terminal is as harmless as
/// forTerminal().
QByteArray jsonString(QStringView text);

} // namespace TextEscape
