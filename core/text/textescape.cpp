#include "core/text/textescape.h"

namespace {

// "\x1b" (2 digits), "\u202e" (4 digits) or "\U000e0041" (8 digits).
QString hexEscape(char32_t c, QLatin1String prefix, int digits)
{
    return QString(prefix) + QString::number(uint(c), 16).rightJustified(digits, u'0');
}

// Calls @p plain for runs of characters kept as they are and @p escape for each code point that
// needs an escape (an unpaired surrogate is passed as its code unit). Paired surrogates are kept
// unless @p needsEscape says otherwise for their code point (the tag characters).
template<typename Plain, typename Escape>
void walk(QStringView text, bool (*needsEscape)(char32_t), Plain plain, Escape escape)
{
    qsizetype runStart = 0;
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t c = text[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < size && text[i + 1].isLowSurrogate()) {
            const char32_t codePoint = QChar::surrogateToUcs4(c, text[i + 1].unicode());
            if (needsEscape(codePoint)) {
                plain(text.mid(runStart, i - runStart));
                escape(codePoint);
                runStart = i + 2;
            }
            ++i;
            continue;
        }
        if (!QChar::isSurrogate(c) && !needsEscape(c))
            continue;
        plain(text.mid(runStart, i - runStart));
        escape(c);
        runStart = i + 1;
    }
    plain(text.mid(runStart));
}

bool needsTerminalEscape(char32_t c)
{
    return c == u'\\' || TextEscape::isUnsafeCodePoint(c);
}

bool needsJsonEscape(char32_t c)
{
    return c == u'"' || c == u'\\' || TextEscape::isUnsafeCodePoint(c);
}

} // namespace

bool TextEscape::isUnsafe(char16_t c)
{
    return isUnsafeCodePoint(c);
}

bool TextEscape::isUnsafeCodePoint(char32_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x061c || c == 0x200e
           || c == 0x200f || (c >= 0x2028 && c <= 0x202e)
           || (c >= 0x2066 && c <= 0x2069)
           // Characters that draw nothing: "ad\u200bmin" must not read "admin".
           || c == 0x00ad || c == 0x180e || (c >= 0x200b && c <= 0x200d)
           || (c >= 0x2060 && c <= 0x2064) || c == 0xfeff || (c >= 0xe0000 && c <= 0xe007f);
}

QString TextEscape::forTerminal(QStringView text)
{
    QString out;
    out.reserve(text.size());
    walk(
            text, needsTerminalEscape, [&out](QStringView run) { out += run; },
            [&out](char32_t c) {
                switch (c) {
                case u'\\':
                    out += QStringLiteral("\\\\");
                    break;
                case u'\t':
                    out += QStringLiteral("\\t");
                    break;
                case u'\n':
                    out += QStringLiteral("\\n");
                    break;
                case u'\r':
                    out += QStringLiteral("\\r");
                    break;
                default:
                    if (c < 0x80)
                        out += hexEscape(c, QLatin1String("\\x"), 2);
                    else if (c < 0x10000)
                        out += hexEscape(c, QLatin1String("\\u"), 4);
                    else
                        out += hexEscape(c, QLatin1String("\\U"), 8);
                    break;
                }
            });
    return out;
}

QByteArray TextEscape::jsonString(QStringView text)
{
    QByteArray out;
    out.reserve(text.size() + 2);
    out += '"';
    walk(
            text, needsJsonEscape, [&out](QStringView run) { out += run.toUtf8(); },
            [&out](char32_t c) {
                switch (c) {
                case u'"':
                    out += "\\\"";
                    break;
                case u'\\':
                    out += "\\\\";
                    break;
                case u'\b':
                    out += "\\b";
                    break;
                case u'\f':
                    out += "\\f";
                    break;
                case u'\n':
                    out += "\\n";
                    break;
                case u'\r':
                    out += "\\r";
                    break;
                case u'\t':
                    out += "\\t";
                    break;
                default:
                    if (c < 0x10000) {
                        out += hexEscape(c, QLatin1String("\\u"), 4).toLatin1();
                    } else { // a surrogate pair, as JSON writes code points past the BMP
                        out += hexEscape(QChar::highSurrogate(c), QLatin1String("\\u"), 4)
                                       .toLatin1();
                        out += hexEscape(QChar::lowSurrogate(c), QLatin1String("\\u"), 4)
                                       .toLatin1();
                    }
                    break;
                }
            });
    out += '"';
    return out;
}
