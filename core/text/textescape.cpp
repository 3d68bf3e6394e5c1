#include "core/text/textescape.h"

namespace {

// "\x1b" (2 digits) or "\u202e" (4 digits).
QString hexEscape(char16_t c, QLatin1String prefix, int digits)
{
    return QString(prefix) + QString::number(uint(c), 16).rightJustified(digits, u'0');
}

// Calls @p plain for runs of characters kept as they are and @p escape for each code unit that
// needs an escape. Paired surrogates are kept; unpaired ones go to @p escape.
template<typename Plain, typename Escape>
void walk(QStringView text, bool (*needsEscape)(char16_t), Plain plain, Escape escape)
{
    qsizetype runStart = 0;
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t c = text[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < size && text[i + 1].isLowSurrogate()) {
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

bool needsTerminalEscape(char16_t c)
{
    return c == u'\\' || TextEscape::isUnsafe(c);
}

bool needsJsonEscape(char16_t c)
{
    return c == u'"' || c == u'\\' || TextEscape::isUnsafe(c);
}

} // namespace

bool TextEscape::isUnsafe(char16_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x061c || c == 0x200e
           || c == 0x200f || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

QString TextEscape::forTerminal(QStringView text)
{
    QString out;
    out.reserve(text.size());
    walk(
            text, needsTerminalEscape, [&out](QStringView run) { out += run; },
            [&out](char16_t c) {
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
                    out += c < 0x80 ? hexEscape(c, QLatin1String("\\x"), 2)
                                    : hexEscape(c, QLatin1String("\\u"), 4);
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
            [&out](char16_t c) {
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
                    out += hexEscape(c, QLatin1String("\\u"), 4).toLatin1();
                    break;
                }
            });
    out += '"';
    return out;
}
