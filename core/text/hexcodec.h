#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringView>

/// Bytes written as hexadecimal, as people paste them: "48 65 6c", "48656c", "0x48 0x65",
/// "0x48,0x65,0x6c" or "48:65:6c".
class HexCodec
{
    Q_DECLARE_TR_FUNCTIONS(HexCodec)
public:
    /// The name of this "encoding" where encodings are chosen: typed hex digits, sent as bytes.
    static QString encodingName() { return QStringLiteral("Hex"); }
    struct Parsed
    {
        QByteArray bytes;
        QString error; ///< a sentence naming the offending text and its position; empty when ok
        bool ok() const { return error.isEmpty(); }
    };

    /// Groups of hex digits separated by white space, commas or colons. A group may start with
    /// 0x or 0X and holds whole bytes: an even number of digits, two per byte. Nothing is
    /// guessed: "0x4" and "abc" are errors, not 04 and 0a bc. Empty (or only separators) is
    /// an empty payload.
    static Parsed parse(QStringView text);

    /// "48656c", or "48 65 6c" with @p separator ' '.
    static QString format(const QByteArray &bytes, char separator = '\0');
};
