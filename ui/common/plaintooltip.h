#pragma once

#include <QString>

/// Qt shows a tool tip as rich text when Qt::mightBeRichText() guesses so, and as plain text
/// otherwise (then an escaped "&amp;" shows as it is written). Always rich, with the text escaped
/// and its line breaks kept, shows any text, untrusted or not, exactly as it is.
inline QString plainToolTip(const QString &text)
{
    if (text.isEmpty())
        return {};
    return QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>").arg(text.toHtmlEscaped());
}
