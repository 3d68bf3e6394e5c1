#pragma once

#include <QListView>

/// The message list: a QListView that shows a hint while it has no rows.
class MessageView : public QListView
{
    Q_OBJECT
public:
    explicit MessageView(QWidget *parent = nullptr);

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

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    /// Gives the rows about to be painted their exact sizes (see MessageDelegate::settleSize()),
    /// laying the view out again where an estimate was off.
    void settleVisibleRows();

private:
    QString m_placeholder;
};
