#include "core/text/hexcodec.h"

#include "core/text/textescape.h"

namespace {

bool isSeparator(QChar c)
{
    return c.isSpace() || c == u',' || c == u':';
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

} // namespace

HexCodec::Parsed HexCodec::parse(QStringView text)
{
    Parsed result;
    const qsizetype size = text.size();
    qsizetype i = 0;
    while (i < size) {
        if (isSeparator(text[i])) {
            ++i;
            continue;
        }
        const qsizetype groupStart = i;
        qsizetype end = i;
        while (end < size && !isSeparator(text[end]))
            ++end;
        const QStringView group = text.mid(groupStart, end - groupStart);
        const bool prefixed =
                group.size() >= 2 && group[0] == u'0' && (group[1] == u'x' || group[1] == u'X');
        const QStringView digits = prefixed ? group.mid(2) : group;
        const qsizetype digitsStart = groupStart + (prefixed ? 2 : 0);
        for (qsizetype d = 0; d < digits.size(); ++d) {
            if (hexValue(digits[d]) < 0) {
                // Positions count from 1, as a person counts characters.
                result.error = tr("'%1' at position %2 is not a hex digit.")
                                       .arg(TextEscape::forTerminal(digits.mid(d, 1)))
                                       .arg(digitsStart + d + 1);
                result.bytes.clear();
                return result;
            }
        }
        if (digits.isEmpty()) {
            result.error =
                    tr("'0x' at position %1 has no hex digits after it.").arg(groupStart + 1);
            result.bytes.clear();
            return result;
        }
        if (digits.size() % 2 != 0) {
            result.error = tr("'%1' at position %2 has an odd number of hex digits; write each "
                              "byte as two digits, for example 0a.")
                                   .arg(group.toString())
                                   .arg(groupStart + 1);
            result.bytes.clear();
            return result;
        }
        for (qsizetype d = 0; d < digits.size(); d += 2)
            result.bytes.append(char(hexValue(digits[d]) * 16 + hexValue(digits[d + 1])));
        i = end;
    }
    return result;
}

QString HexCodec::format(const QByteArray &bytes, char separator)
{
    return QString::fromLatin1(bytes.toHex(separator));
}
