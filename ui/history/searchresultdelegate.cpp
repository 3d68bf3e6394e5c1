#include "ui/history/searchresultdelegate.h"

#include <QApplication>
#include <QPainter>
#include <QTextLayout>

namespace {
constexpr int kPadding = 4;

QFont headerFont(QFont font)
{
    font.setPointSizeF(font.pointSizeF() * 0.85);
    return font;
}

// Lays @p layout out at @p width; returns its height.
qreal layOut(QTextLayout &layout, int width)
{
    QTextOption wrap;
    wrap.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(wrap);
    layout.beginLayout();
    qreal height = 0;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, height));
        height += line.height();
    }
    layout.endLayout();
    return height;
}
} // namespace

QSize SearchResultDelegate::sizeHint(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    const int width = qMax(40, option.rect.width() - 2 * kPadding);
    QTextLayout header(index.data(HeaderRole).toString(), headerFont(option.font));
    QTextLayout excerpt(index.data(ExcerptRole).toString(), option.font);
    const qreal height = layOut(header, width) + layOut(excerpt, width);
    return {option.rect.width(), qCeil(height) + 2 * kPadding};
}

void SearchResultDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear(); // the background, selection and focus only: the text is drawn below
    const QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette &palette = opt.palette;
    const QColor text = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const int width = qMax(40, opt.rect.width() - 2 * kPadding);
    QPointF at(opt.rect.left() + kPadding, opt.rect.top() + kPadding);

    painter->save();
    QTextLayout header(index.data(HeaderRole).toString(), headerFont(opt.font));
    const qreal headerHeight = layOut(header, width);
    QColor dim = text;
    dim.setAlphaF(0.7f);
    painter->setPen(dim);
    header.draw(painter, at);
    at.ry() += headerHeight;

    QTextLayout excerpt(index.data(ExcerptRole).toString(), opt.font);
    const int start = index.data(MatchStartRole).toInt();
    const int length = index.data(MatchLengthRole).toInt();
    QList<QTextLayout::FormatRange> formats;
    if (start >= 0 && length > 0) {
        QTextLayout::FormatRange match;
        match.start = start;
        match.length = length;
        match.format.setFontWeight(QFont::Bold);
        if (!selected) {
            match.format.setBackground(palette.color(QPalette::Highlight));
            match.format.setForeground(palette.color(QPalette::HighlightedText));
        }
        formats << match;
    }
    excerpt.setFormats(formats);
    layOut(excerpt, width);
    painter->setPen(text);
    excerpt.draw(painter, at);
    painter->restore();
}
