#pragma once

#include <QStyledItemDelegate>

/// A search result in two lines: when and with whom, small, then the text around the match with
/// the match highlighted (plain text laid out by QTextLayout, never markup), wrapped to the
/// panel's width so nothing hides behind a horizontal scroll bar.
class SearchResultDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    /// The roles a result's item carries.
    enum Role {
        HeaderRole = Qt::UserRole + 20, ///< QString: time and peer
        ExcerptRole, ///< QString: the text around the match, one line
        MatchStartRole, ///< int: where the match starts in the excerpt (-1: none)
        MatchLengthRole, ///< int
    };

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};
