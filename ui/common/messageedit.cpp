#include "ui/common/messageedit.h"

#include <QKeyEvent>
#include <QTextBlock>

namespace {
// Runs up to this long wrap at word boundaries as usual (and cost nothing noticeable).
constexpr qsizetype kLongRun = 1024;
} // namespace

MessageEdit::MessageEdit(QWidget *parent) : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    // Before anyone else's slot: the mode is set before the text is laid out (lazily, on show).
    connect(this, &QPlainTextEdit::textChanged, this, &MessageEdit::updateWrapMode);
}

void MessageEdit::updateWrapMode()
{
    bool longRun = false;
    if (document()->characterCount() > kLongRun) {
        const QString raw = document()->toRawText();
        qsizetype run = 0;
        for (const QChar c : raw) {
            run = c.isSpace() ? 0 : run + 1;
            if (run > kLongRun) {
                longRun = true;
                break;
            }
        }
    }
    const QTextOption::WrapMode mode =
            longRun ? QTextOption::WrapAnywhere : QTextOption::WrapAtWordBoundaryOrAnywhere;
    if (wordWrapMode() != mode)
        setWordWrapMode(mode);
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
