#include "core/text/jsonline.h"

#include "core/text/textescape.h"

void JsonLine::addKey(QStringView key)
{
    if (!m_members.isEmpty())
        m_members += ',';
    m_members += TextEscape::jsonString(key);
    m_members += ':';
}

JsonLine &JsonLine::addString(QStringView key, QStringView value)
{
    addKey(key);
    m_members += TextEscape::jsonString(value);
    return *this;
}

JsonLine &JsonLine::addNumber(QStringView key, qint64 value)
{
    addKey(key);
    m_members += QByteArray::number(value);
    return *this;
}

JsonLine &JsonLine::addBool(QStringView key, bool value)
{
    addKey(key);
    m_members += value ? "true" : "false";
    return *this;
}

QByteArray JsonLine::toLine() const
{
    return '{' + m_members + "}\n";
}
