#include "core/text/displaytext.h"

#include <algorithm>

namespace {
// Embeddings, overrides and isolates, and the marks (LRM, RLM, ALM) that reorder neighbouring
// digits and punctuation as well: "Pay \u200f1000 - 10\u200f EUR" would read "10 - 1000".
bool isBidiControl(char32_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E
           || c == 0x200F || c == 0x061C;
}

// Characters that draw nothing, so "ad\u200bmin" would read "admin": zero-width space, non-joiner
// and joiner, word joiner, the invisible operators, BOM/zero-width no-break space, soft hyphen,
// Mongolian vowel separator and the tag characters.
bool isInvisible(char32_t c)
{
    return (c >= 0x200B && c <= 0x200D) || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF
           || c == 0x00AD || c == 0x180E || (c >= 0xE0000 && c <= 0xE007F);
}

bool isCombiningMark(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
        return true;
    default:
        return false;
    }
}

// What an unsafe character is shown as: its ASCII name or code point between angle brackets.
// (Control Pictures such as U+241B would be clearer, but common fonts lack them and draw boxes.)
QString escapeFor(char32_t c)
{
    static const char *const names[] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
                                        "BS",  "HT",  "LF",  "VT",  "FF",  "CR",  "SO",  "SI",
                                        "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
                                        "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};
    QString name;
    if (c < 0x20)
        name = QLatin1String(names[c]);
    else if (c == 0x7F)
        name = QStringLiteral("DEL");
    else
        name = QStringLiteral("U+%1").arg(uint(c), 4, 16, QLatin1Char('0')).toUpper();
    return QChar(0x27e8) + name + QChar(0x27e9);
}

struct CodePoint
{
    char32_t value;
    qsizetype length; // in UTF-16 units
};

CodePoint codePointAt(const QString &text, qsizetype i)
{
    const QChar c = text.at(i);
    if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
        return {QChar::surrogateToUcs4(c, text.at(i + 1)), 2};
    // A lone surrogate (the decoders never produce one) is kept as it is.
    return {c.unicode(), 1};
}
} // namespace

bool isUnsafeForDisplay(char32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || isBidiControl(c) || isInvisible(c);
}

bool isSafeForDisplay(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t c = text[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text[i], text[i + 1]);
            ++i;
        }
        if (c != u'\t' && c != u'\n' && isUnsafeForDisplay(c))
            return false;
    }
    return true;
}

DisplayText sanitizeForDisplay(const QString &text, const DisplayLimits &limits)
{
    DisplayText result;
    // Printable ASCII and TAB within the length bound, what floods and most devices send: shown
    // as it is, sharing the text (no copy).
    if (limits.maxChars < 0 || text.size() <= limits.maxChars) {
        const bool plainAscii = std::all_of(text.cbegin(), text.cend(), [](QChar c) {
            return (c.unicode() >= 0x20 && c.unicode() < 0x7f) || c.unicode() == u'\t';
        });
        if (plainAscii) {
            result.text = text;
            return result;
        }
    }
    QString &out = result.text;
    out.reserve(qMin(text.size(), limits.maxChars < 0 ? text.size() : limits.maxChars) + 16);

    int linesShown = 1;
    int totalLines = 1;
    int marksAfterBase = 0;
    qsizetype shownChars = 0;
    qsizetype cutAt = -1; // where the limits stopped the output
    // Characters shown as they are are copied in runs, not one by one.
    qsizetype runStart = -1;
    const auto endRun = [&](qsizetype end) {
        if (runStart >= 0)
            out += QStringView(text).mid(runStart, end - runStart);
        runStart = -1;
    };

    for (qsizetype i = 0; i < text.size();) {
        CodePoint cp = codePointAt(text, i);
        const char32_t c = cp.value;
        const bool crlf = c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n';
        if (crlf)
            cp.length = 2;
        const bool lineBreak = crlf || c == u'\n' || c == 0x2028 || c == 0x2029;

        if (lineBreak) {
            endRun(i);
            ++totalLines;
            marksAfterBase = 0;
            if (cutAt < 0 && limits.maxLines >= 0 && linesShown >= limits.maxLines)
                cutAt = i;
            if (cutAt < 0) {
                ++linesShown;
                out += u'\n';
            }
        } else if (isCombiningMark(c) && ++marksAfterBase > limits.maxMarksPerBase) {
            endRun(i);
            ++result.removedMarks;
        } else if (cutAt < 0) {
            if (limits.maxChars >= 0 && shownChars + cp.length > limits.maxChars) {
                endRun(i);
                cutAt = i;
            } else {
                shownChars += cp.length;
                if (!isCombiningMark(c))
                    marksAfterBase = 0;
                if (c != u'\t' && isUnsafeForDisplay(c)) {
                    endRun(i);
                    ++result.escapes;
                    out += escapeFor(c);
                } else if (runStart < 0) {
                    runStart = i;
                }
            }
        }
        i += cp.length;
    }
    endRun(text.size());
    if (cutAt >= 0) {
        result.hiddenChars = text.size() - cutAt;
        result.hiddenLines = totalLines - linesShown;
    }
    return result;
}
