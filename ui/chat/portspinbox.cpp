#include "ui/chat/portspinbox.h"

#include <QKeyEvent>
#include <QLineEdit>

PortSpinBox::PortSpinBox(QWidget *parent) : QSpinBox(parent)
{
    connect(lineEdit(), &QLineEdit::textEdited, this, &PortSpinBox::typed);
}

int PortSpinBox::shownPort() const
{
    if (!specialValueText().isEmpty() && text() == specialValueText())
        return 0;
    bool ok = false;
    const int port = cleanText().toInt(&ok);
    return ok && port >= minimum() && port <= maximum() ? port : -1;
}

void PortSpinBox::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        interpretText();
        Q_EMIT applyRequested();
        event->accept();
        return;
    }
    QSpinBox::keyPressEvent(event);
}
