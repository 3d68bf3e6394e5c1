#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

/// Text <-> bytes for one named encoding. Every call is independent (a fresh, stateless
/// converter), so one datagram can never change how the next one decodes.
class TextCodec
{
public:
    struct Decoded
    {
        QString text;
        bool valid = true; ///< false if some bytes were not valid in the encoding (shown as U+FFFD)
    };
    struct Encoded
    {
        QByteArray bytes;
        bool valid = true; ///< false if some characters cannot be represented in the encoding
    };

    /// @p name is any name QStringConverter knows (with ICU: GB18030, GBK, Big5, Shift_JIS ...).
    explicit TextCodec(const QString &name = QStringLiteral("UTF-8"));

    /// False when the platform has no converter for the name.
    bool isAvailable() const;
    /// The encodings udpchat offers, in this order, restricted to those isAvailable() here:
    /// UTF-8, GB18030, GBK, Big5, Shift_JIS, UTF-16LE, UTF-16BE, ISO-8859-1.
    static QStringList availableEncodings();
    /// Every encoding udpchat would offer, available here or not (in the same order).
    static QStringList offeredEncodings();
    QString name() const { return m_name; }
    /// The spelling of @p name in availableEncodings() (compared without case), or empty when it
    /// is not one of them.
    static QString canonicalName(const QString &name);

    /// The distinct characters of @p text that this encoding cannot represent, in order of first
    /// appearance, at most @p limit of them; empty when encode() of @p text is valid.
    QStringList unrepresentable(const QString &text, int limit = 8) const;

    /// Decodes all of @p bytes, NUL bytes included.
    Decoded decode(const QByteArray &bytes) const;
    Encoded encode(const QString &text) const;

private:
    QString m_name;
    QByteArray m_nameBytes;
};
