#pragma once

#include <QSpinBox>

/// "Listen on port": a spin box that says when the user types (its value follows only on Enter,
/// without keyboard tracking) and when Enter asks to apply what was typed.
class PortSpinBox : public QSpinBox
{
    Q_OBJECT
public:
    explicit PortSpinBox(QWidget *parent = nullptr);

    /// What the field shows now, typed or not (0 for the special value text); -1 if that is not
    /// a port.
    int shownPort() const;

Q_SIGNALS:
    /// The text was edited (before the value follows).
    void typed();
    /// Enter or Return: the value is what was typed.
    void applyRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
};
