#include "core/text/textcodec.h"

#include <QStringDecoder>
#include <QStringEncoder>

#include <algorithm>

TextCodec::TextCodec(const QString &name) : m_name(name), m_nameBytes(name.toLatin1()) { }

bool TextCodec::isAvailable() const
{
    return QStringDecoder(m_nameBytes.constData()).isValid();
}

QStringList TextCodec::offeredEncodings()
{
    return {QStringLiteral("UTF-8"),    QStringLiteral("GB18030"),   QStringLiteral("GBK"),
            QStringLiteral("Big5"),     QStringLiteral("Shift_JIS"), QStringLiteral("UTF-16LE"),
            QStringLiteral("UTF-16BE"), QStringLiteral("ISO-8859-1")};
}

QStringList TextCodec::availableEncodings()
{
    static const QStringList available = [] {
        QStringList names;
        const QStringList candidates = offeredEncodings();
        for (const QString &name : candidates) {
            if (TextCodec(name).isAvailable())
                names.append(name);
        }
        return names;
    }();
    return available;
}

QString TextCodec::canonicalName(const QString &name)
{
    for (const QString &known : availableEncodings()) {
        if (known.compare(name, Qt::CaseInsensitive) == 0)
            return known;
    }
    return QString();
}

QStringList TextCodec::unrepresentable(const QString &text, int limit) const
{
    QStringList found;
    if (encode(text).valid)
        return found;
    // Character by character (a surrogate pair is one character), each with a fresh encoder.
    for (qsizetype i = 0; i < text.size() && found.size() < limit;) {
        const qsizetype length = text.at(i).isHighSurrogate() && i + 1 < text.size()
                                                 && text.at(i + 1).isLowSurrogate()
                                         ? 2
                                         : 1;
        const QString character = text.mid(i, length);
        if (!found.contains(character) && !encode(character).valid)
            found.append(character);
        i += length;
    }
    return found;
}

TextCodec::Decoded TextCodec::decode(const QByteArray &bytes) const
{
    // Stateless: an incomplete sequence at the end is an error here, not a prefix of the next
    // datagram. A leading BOM is data a peer sent, so it is kept visible, not swallowed.
    QStringDecoder decoder(m_nameBytes.constData(),
                           QStringConverter::Flag::Stateless
                                   | QStringConverter::Flag::ConvertInitialBom);
    Decoded result;
    result.text = decoder.decode(bytes);
    result.valid = decoder.isValid() && !decoder.hasError();
    return result;
}

TextCodec::Encoded TextCodec::encode(const QString &text) const
{
    QStringEncoder encoder(m_nameBytes.constData(), QStringConverter::Flag::Stateless);
    Encoded result;
    result.bytes = encoder.encode(text);
    result.valid = encoder.isValid() && !encoder.hasError();
    // Qt 6.4's own Latin-1 encoder drops its error count in stateless mode: it writes '?' for
    // every character above U+00FF and reports success. Check those characters here.
    if (result.valid
        && QStringConverter::encodingForName(m_nameBytes.constData()) == QStringConverter::Latin1) {
        result.valid = std::all_of(text.cbegin(), text.cend(),
                                   [](QChar c) { return c.unicode() <= 0xff; });
    }
    return result;
}
