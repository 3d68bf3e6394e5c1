#include "ui/common/messageview.h"

#include "core/chat/messagelistmodel.h"
#include "ui/common/messagedelegate.h"

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>

namespace {
constexpr int kProbeX = 1; // rows span the width; a point just inside the left edge finds one
} // namespace

MessageView::MessageView(QWidget *parent) : QListView(parent) { }

void MessageView::setMessages(MessageListModel *model)
{
    m_model = model;
    m_delegate = new MessageDelegate(this);
    setItemDelegate(m_delegate);
    // Connected before the view's own handlers, so the row at the top of the view is still
    // where it was drawn when it is remembered (see rememberAnchor()).
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            &MessageView::onRowsAboutToChange);
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            &MessageView::onRowsAboutToChange);
    setModel(model);
    setUniformItemSizes(false);
    connect(model, &QAbstractItemModel::rowsInserted, this, &MessageView::onRowsInserted);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &MessageView::restoreAnchor);
    connect(model, &QAbstractItemModel::dataChanged, this, &MessageView::onRowsChanged);
    // A new page (start-up, another conversation) is shown from its newest message.
    connect(model, &QAbstractItemModel::modelReset, this, &MessageView::showNewestSoon);
    const QScrollBar *bar = verticalScrollBar();
    connect(bar, &QScrollBar::rangeChanged, this, &MessageView::onRangeChanged);
    connect(bar, &QScrollBar::valueChanged, this, &MessageView::onScrolled);
    showNewestSoon();
}

void MessageView::relayoutRows()
{
    m_delegate->forgetSizes();
    doItemsLayout();
}

void MessageView::relayoutRow(quint64 id)
{
    m_delegate->forgetSize(id);
    doItemsLayout();
    viewport()->update();
}

QList<QRect> MessageView::buttonRects(const QModelIndex &index) const
{
    QStyleOptionViewItem option = itemOption();
    option.rect = visualRect(index);
    return m_delegate->buttonRects(option, index);
}

void MessageView::setPlaceholderText(const QString &text)
{
    if (text == m_placeholder)
        return;
    m_placeholder = text;
    viewport()->update();
}

void MessageView::settleVisibleRows()
{
    if (!m_delegate || !model())
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
            changed |= m_delegate->settleSize(option, index);
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

void MessageView::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && currentIndex().isValid() && event->modifiers() == Qt::NoModifier) {
        Q_EMIT rowActivatedByKey(currentIndex());
        return;
    }
    QListView::keyPressEvent(event);
}

void MessageView::contextMenuEvent(QContextMenuEvent *event)
{
    // From the keyboard (the menu key, Shift+F10): the selected row's menu, beside it.
    QModelIndex index = indexAt(event->pos());
    QPoint at = event->globalPos();
    if (event->reason() == QContextMenuEvent::Keyboard || !index.isValid()) {
        index = currentIndex();
        if (event->reason() == QContextMenuEvent::Keyboard && index.isValid())
            at = viewport()->mapToGlobal(visualRect(index).center());
    }
    if (index.isValid())
        Q_EMIT menuRequested(index, at);
}

void MessageView::focusInEvent(QFocusEvent *event)
{
    // Reached by keyboard: it starts on the newest message.
    if (!currentIndex().isValid() && m_model && m_model->rowCount() > 0)
        setCurrentIndex(m_model->index(m_model->rowCount() - 1));
    QListView::focusInEvent(event);
}

void MessageView::onRowsAboutToChange()
{
    // Rows arrive below or the row cap removes the oldest: whoever reads above the bottom keeps
    // their place.
    if (!m_followNewRows)
        rememberAnchor();
}

void MessageView::onRowsInserted()
{
    // Follow the conversation only when the user is at the bottom.
    if (m_followNewRows)
        scrollToBottom();
    else
        restoreAnchor();
}

void MessageView::onRowsChanged(const QModelIndex &first, const QModelIndex &last)
{
    // A row decoded again has another text and height: measure it anew.
    for (int row = first.row(); row <= last.row(); ++row)
        m_delegate->forgetSize(m_model->at(row).id);
    doItemsLayout();
}

void MessageView::onRangeChanged()
{
    const QScrollBar *bar = verticalScrollBar();
    // Rows that do not fill the view: let Qt's view fetch older ones until they do.
    m_model->setFetchOlderEnabled(bar->maximum() == bar->minimum());
    // Rows measured exactly when painted can grow the list: whoever was at the bottom stays.
    if (m_followNewRows)
        verticalScrollBar()->setValue(bar->maximum());
}

void MessageView::onScrolled(int value)
{
    m_followNewRows = value >= verticalScrollBar()->maximum();
    fetchOlderAtTop();
}

void MessageView::showNewestSoon()
{
    QMetaObject::invokeMethod(
            this,
            [this] {
                // Unless a message was chosen meanwhile (e.g. a search result opened).
                if (!currentIndex().isValid())
                    scrollToBottom();
            },
            Qt::QueuedConnection);
}

void MessageView::fetchOlderAtTop()
{
    const QScrollBar *bar = verticalScrollBar();
    const bool atTop = bar->value() == bar->minimum();
    m_model->setFetchOlderEnabled(atTop);
    // When the rows fill the view, Qt does not ask for more at the top: the view does, and
    // keeps the row the user was looking at in place.
    if (!atTop || bar->maximum() == bar->minimum() || !m_model->canFetchMore({}))
        return;
    const QModelIndex first = indexAt(QPoint(1, 1));
    const quint64 id = first.isValid() ? m_model->at(first.row()).id : 0;
    m_model->fetchMore({});
    if (const int row = m_model->rowOf(id); row >= 0)
        scrollTo(m_model->index(row), QAbstractItemView::PositionAtTop);
}

void MessageView::rememberAnchor()
{
    const QModelIndex top = indexAt(QPoint(1, 1));
    m_anchorId = top.isValid() ? m_model->at(top.row()).id : 0;
    m_anchorOffset = top.isValid() ? visualRect(top).top() : 0;
}

void MessageView::restoreAnchor()
{
    if (m_anchorId == 0)
        return;
    const int row = m_model->rowOf(m_anchorId);
    m_anchorId = 0;
    if (row < 0)
        return; // the row itself left: the view stays where it is
    doItemsLayout(); // rows above may have gone: positions first
    QScrollBar *bar = verticalScrollBar();
    bar->setValue(bar->value() + visualRect(m_model->index(row)).top() - m_anchorOffset);
}
