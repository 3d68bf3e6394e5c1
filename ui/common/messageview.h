#pragma once

#include <QListView>

class MessageDelegate;
class MessageListModel;

/// The message list: bubbles painted by a MessageDelegate, a hint while there are no rows, and
/// the reading position kept as rows come and go. It follows the newest row while the user is
/// at the bottom; whoever reads above it keeps their place when rows arrive below or the row cap
/// removes the oldest, and scrolling to the top loads older pages from the history.
class MessageView : public QListView
{
    Q_OBJECT
public:
    explicit MessageView(QWidget *parent = nullptr);

    /// Shows @p model (not owned) with a MessageDelegate; call once.
    void setMessages(MessageListModel *model);
    MessageListModel *messages() const { return m_model; }
    MessageDelegate *delegate() const { return m_delegate; }
    /// Measures every row again (headers and notes changed, e.g. another language).
    void relayoutRows();
    /// Measures the row of message @p id again and repaints it (its extras changed).
    void relayoutRow(quint64 id);
    /// Where the buttons of @p index are, in viewport coordinates (MessageDelegate::Extras).
    QList<QRect> buttonRects(const QModelIndex &index) const;

    /// Shown in the middle of the empty list (plain text).
    void setPlaceholderText(const QString &text);
    QString placeholderText() const { return m_placeholder; }

    /// The style options rows are painted with.
    QStyleOptionViewItem itemOption() const
    {
        QStyleOptionViewItem option;
        initViewItemOption(&option);
        return option;
    }

Q_SIGNALS:
    /// Enter on a row: reply to it.
    void rowActivatedByKey(const QModelIndex &index);
    /// The menu of @p index is asked for at @p globalPos (right click or the menu key).
    void menuRequested(const QModelIndex &index, const QPoint &globalPos);

protected:
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;

private:
    /// Gives the rows about to be painted their exact sizes (see MessageDelegate::settleSize()),
    /// laying the view out again where an estimate was off.
    void settleVisibleRows();
    void onRowsAboutToChange();
    void onRowsInserted();
    void onRowsChanged(const QModelIndex &first, const QModelIndex &last);
    void onRangeChanged();
    void onScrolled(int value);
    void showNewestSoon();
    void fetchOlderAtTop();
    void rememberAnchor();
    void restoreAnchor();

    QString m_placeholder;
    MessageListModel *m_model = nullptr;
    MessageDelegate *m_delegate = nullptr;
    bool m_followNewRows = true;
    // While the user reads older rows: the row at the top of the view and its offset, kept in
    // place when rows arrive below or leave above (the row cap).
    quint64 m_anchorId = 0;
    int m_anchorOffset = 0;
};
