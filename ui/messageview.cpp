#include "messageview.h"

#include "messagedelegate.h"

#include <QPainter>

namespace {
constexpr int kProbeX = 1; // rows span the width; a point just inside the left edge finds one
} // namespace

MessageView::MessageView(QWidget *parent) : QListView(parent) { }

void MessageView::setPlaceholderText(const QString &text)
{
    if (text == m_placeholder)
        return;
    m_placeholder = text;
    viewport()->update();
}

void MessageView::settleVisibleRows()
{
    const auto *delegate = qobject_cast<const MessageDelegate *>(itemDelegate());
    if (!delegate || !model())
        return;
    executeDelayedItemsLayout();
    const QRect area = viewport()->rect();
    const int rows = model()->rowCount(rootIndex());
    // Settling a row moves the rows below it, which may bring more rows into view: a few rounds.
    for (int round = 0; round < 4; ++round) {
        bool changed = false;
        QModelIndex index = indexAt(QPoint(area.left() + kProbeX, area.top()));
        int row = index.isValid() ? index.row() : 0;
        for (; row < rows; ++row) {
            index = model()->index(row, modelColumn(), rootIndex());
            const QRect rect = visualRect(index);
            if (rect.top() > area.bottom())
                break;
            if (rect.bottom() < area.top())
                continue;
            QStyleOptionViewItem option = itemOption();
            option.rect = rect;
            changed |= delegate->settleSize(option, index);
        }
        if (!changed)
            return;
        doItemsLayout();
    }
}

void MessageView::paintEvent(QPaintEvent *event)
{
    // Estimated rows would be drawn in a rect of the wrong height, the next bubble over this one.
    settleVisibleRows();
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
