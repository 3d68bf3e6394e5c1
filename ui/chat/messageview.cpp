#include "ui/chat/messageview.h"

#include <QPainter>

MessageView::MessageView(QWidget *parent) : QListView(parent) { }

void MessageView::setPlaceholderText(const QString &text)
{
    if (text == m_placeholder)
        return;
    m_placeholder = text;
    viewport()->update();
}

void MessageView::paintEvent(QPaintEvent *event)
{
    QListView::paintEvent(event);
    if (m_placeholder.isEmpty() || (model() && model()->rowCount(rootIndex()) > 0))
        return;
    QPainter painter(viewport());
    QColor color = palette().color(QPalette::Text);
    color.setAlphaF(0.45f);
    painter.setPen(color);
    const QRect area = viewport()->rect().adjusted(24, 24, -24, -24);
    painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
}
