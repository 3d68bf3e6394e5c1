#pragma once

#include <QByteArray>
#include <QStringView>

/// One JSON object on one line (JSON Lines), compact, with the fields in the order they were
/// added. Strings go through TextEscape::jsonString(), so the line is valid JSON (RFC 8259) and
/// holds no raw control or bidi characters.
class JsonLine
{
public:
    JsonLine &addString(QStringView key, QStringView value);
    JsonLine &addNumber(QStringView key, qint64 value);
    JsonLine &addBool(QStringView key, bool value);

    /// The object, "{...}", followed by one '\n'.
    QByteArray toLine() const;

private:
    void addKey(QStringView key);

    QByteArray m_members;
};
