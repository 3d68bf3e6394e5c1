#pragma once

#include <QPlainTextEdit>

/// The message box: Enter sends, Shift+Enter starts a new line. text() returns exactly what the
/// user typed (no non-breaking-space folding as QPlainTextEdit::toPlainText() does).
class MessageEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit MessageEdit(QWidget *parent = nullptr);

    QString text() const;

Q_SIGNALS:
    /// Enter (or Ctrl+Enter) was pressed without Shift.
    void submitted();

protected:
    void keyPressEvent(QKeyEvent *event) override;
};
