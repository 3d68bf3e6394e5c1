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

namespace {
// The text shown for a string that is not plain ASCII: one pass over its code points, copying
// what is shown as it is in runs, escaping what is not, and stopping at the limits.
class Sanitizer
{
public:
    Sanitizer(const QString &text, const DisplayLimits &limits) : m_text(text), m_limits(limits)
    {
        m_result.text.reserve(qMin(text.size(), limits.maxChars < 0 ? text.size() : limits.maxChars)
                              + 16);
    }

    DisplayText run()
    {
        for (qsizetype i = 0; i < m_text.size();) {
            CodePoint cp = codePointAt(m_text, i);
            const char32_t c = cp.value;
            const bool crlf = c == u'\r' && i + 1 < m_text.size() && m_text.at(i + 1) == u'\n';
            if (crlf)
                cp.length = 2;
            if (crlf || c == u'\n' || c == 0x2028 || c == 0x2029)
                lineBreak(i);
            else if (isCombiningMark(c) && ++m_marksAfterBase > m_limits.maxMarksPerBase)
                removeMark(i);
            else if (m_cutAt < 0)
                character(i, cp);
            i += cp.length;
        }
        endRun(m_text.size());
        if (m_cutAt >= 0) {
            m_result.hiddenChars = m_text.size() - m_cutAt;
            m_result.hiddenLines = m_totalLines - m_linesShown;
        }
        return m_result;
    }

private:
    void endRun(qsizetype end)
    {
        if (m_runStart >= 0)
            m_result.text += QStringView(m_text).mid(m_runStart, end - m_runStart);
        m_runStart = -1;
    }

    void lineBreak(qsizetype at)
    {
        endRun(at);
        ++m_totalLines;
        m_marksAfterBase = 0;
        if (m_cutAt < 0 && m_limits.maxLines >= 0 && m_linesShown >= m_limits.maxLines)
            m_cutAt = at;
        if (m_cutAt < 0) {
            ++m_linesShown;
            m_result.text += u'\n';
        }
    }

    void removeMark(qsizetype at)
    {
        endRun(at);
        ++m_result.removedMarks;
    }

    void character(qsizetype at, const CodePoint &cp)
    {
        if (m_limits.maxChars >= 0 && m_shownChars + cp.length > m_limits.maxChars) {
            endRun(at);
            m_cutAt = at;
            return;
        }
        m_shownChars += cp.length;
        if (!isCombiningMark(cp.value))
            m_marksAfterBase = 0;
        if (cp.value != u'\t' && isUnsafeForDisplay(cp.value)) {
            endRun(at);
            ++m_result.escapes;
            m_result.text += escapeFor(cp.value);
        } else if (m_runStart < 0) {
            m_runStart = at;
        }
    }

    const QString &m_text;
    const DisplayLimits &m_limits;
    DisplayText m_result;
    int m_linesShown = 1;
    int m_totalLines = 1;
    int m_marksAfterBase = 0;
    qsizetype m_shownChars = 0;
    qsizetype m_cutAt = -1; // where the limits stopped the output
    qsizetype m_runStart = -1; // the run of characters shown as they are, not yet copied
};
} // namespace

DisplayText sanitizeForDisplay(const QString &text, const DisplayLimits &limits)
{
    // Printable ASCII and TAB within the length bound, what floods and most devices send: shown
    // as it is, sharing the text (no copy).
    if (limits.maxChars < 0 || text.size() <= limits.maxChars) {
        const bool plainAscii = std::all_of(text.cbegin(), text.cend(), [](QChar c) {
            return (c.unicode() >= 0x20 && c.unicode() < 0x7f) || c.unicode() == u'\t';
        });
        if (plainAscii) {
            DisplayText result;
            result.text = text;
            return result;
        }
    }
    return Sanitizer(text, limits).run();
}

QString displayLine(const QString &untrusted, qsizetype maxChars)
{
    DisplayLimits limits;
    limits.maxChars = maxChars;
    limits.maxLines = 1;
    return sanitizeForDisplay(untrusted, limits).text;
}
