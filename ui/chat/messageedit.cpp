#include "ui/chat/messageedit.h"

#include <QKeyEvent>
#include <QTextBlock>

MessageEdit::MessageEdit(QWidget *parent) : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
}

QString MessageEdit::text() const
{
    // toRawText() keeps every character as typed; blocks are separated by U+2029.
    QString raw = document()->toRawText();
    raw.replace(QChar::ParagraphSeparator, u'\n');
    return raw;
}

void MessageEdit::keyPressEvent(QKeyEvent *event)
{
    const bool isEnter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (isEnter) {
        event->accept();
        if (event->modifiers() & Qt::ShiftModifier)
            textCursor().insertBlock(); // a real '\n', not the default U+2028 soft break
        else
            Q_EMIT submitted();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}
