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

private:
    /// Wraps anywhere while the text has a long run without a break opportunity (a pasted hex or
    /// base64 blob): word wrap lays such a run out in quadratic time (a megabyte: a minute),
    /// wrapping anywhere in linear time. Other text wraps at word boundaries.
    void updateWrapMode();
};
