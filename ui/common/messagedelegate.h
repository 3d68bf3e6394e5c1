#pragma once

#include <QFont>
#include <QHash>
#include <QStyledItemDelegate>

#include <functional>

/// Paints one message as a bubble: a header line (peer, local time, status) and the text, all as
/// plain text. Incoming bubbles sit on the left, outgoing ones on the right in another colour.
/// A page can add a line of state and buttons under a row's text (setExtrasSource()).
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    /// What a row shows under its text besides the message: a line of state and push buttons
    /// (a file offer's "Save All", "Reject", say).
    struct Extras
    {
        QString state; ///< plain text; empty: no line
        bool alarm = false; ///< the state tells of a failure
        QStringList buttons;
        bool isEmpty() const { return state.isEmpty() && buttons.isEmpty(); }
    };
    /// Asked for each row by message id; a row with no extras must cost nothing more.
    using ExtrasSource = std::function<Extras(quint64 id)>;
    void setExtrasSource(ExtrasSource source)
    {
        m_extras = std::move(source);
        forgetSizes();
    }
    /// Where the buttons of @p index are when the row is laid out in @p option.
    QList<QRect> buttonRects(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    /// Cheap: an estimate for rows not painted yet, corrected on their first paint.
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    /// The size the row takes when laid out exactly.
    QSize exactSizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    /// Replaces an estimated size of the row by its exact one (what sizeHint() returns from now
    /// on, until the width or font changes). True when that changed the size: the view must be
    /// laid out again before the row is painted, or the row overlaps its neighbour.
    bool settleSize(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    /// The header line of a row, e.g. "10.0.0.5:6666 · 14:03:07" or "To ... · Sent".
    static QString headerText(const QModelIndex &index);
    /// " · via 239.255.77.1": how a header ends for a message that came through a group.
    static QString viaGroupText(const QString &group);
    /// The text shown in the bubble: the message, or a note for an empty datagram.
    static QString bodyText(const QModelIndex &index);
    /// What the row does not show (more lines, characters, marks), or empty.
    static QString noteText(const QModelIndex &index);

    /// The size @p text takes when wrapped at @p maxWidth: from a table of advances for one line
    /// of Latin-1 text, else measureTextExactly(). Never narrower than the text really is.
    /// Drops the measured row sizes (after a language change, say).
    void forgetSizes()
    {
        m_sizes.clear();
        m_otherSizes.clear();
    }
    /// Drops the measured size of the message @p id (its text changed, e.g. decoded again).
    void forgetSize(quint64 id)
    {
        m_sizes.remove(id);
        m_otherSizes.remove(id);
    }

    static QRect measureText(const QFont &font, int maxWidth, const QString &text);
    static QRect measureTextExactly(const QFont &font, int maxWidth, const QString &text);
    /// A guess of measureText() that lays nothing out (see sizeHint()).
    static QRect estimateText(const QFont &font, int maxWidth, const QString &text);

Q_SIGNALS:
    /// The button @p button (its index in Extras::buttons) of message @p id was clicked.
    void buttonClicked(quint64 id, int button);

protected:
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

private:
    ExtrasSource m_extras;
    Extras extrasOf(const QModelIndex &index) const;
    /// The button pressed and not yet released (drawn sunken): message id and button.
    quint64 m_pressedId = 0;
    int m_pressedButton = -1;

    // Measured sizes by message id: the view asks for every row's size on each layout, and
    // measuring wrapped text is what costs. Valid for one width and font.
    struct CachedSize
    {
        QSize size;
        bool exact = false; ///< laid out exactly, not estimated
    };
    mutable QHash<quint64, CachedSize> m_sizes;
    /// Drops the cached sizes when @p option has another width or font than they were made for.
    void checkSizesFor(const QStyleOptionViewItem &option) const;
    mutable int m_sizesWidth = -1;
    mutable QFont m_sizesFont;
    // The sizes for the width before: a row taller than the view brings the scroll bar, which
    // narrows the rows; dropping the exact sizes at each change made the estimate come back, the
    // scroll bar go, and so on, with the row never exact.
    mutable QHash<quint64, CachedSize> m_otherSizes;
    mutable int m_otherWidth = -1;
    mutable QFont m_otherFont;

    // The fonts a row is estimated with, derived once from the view's font.
    struct EstimateFonts
    {
        QFont base;
        QFont header;
        QFont body;
        QFont italicBody;
        QFont note;
        bool valid = false;
        void update(const QFont &base);
    };
    mutable EstimateFonts m_fonts;
    mutable QString m_viaGroup; // the last group estimated, and its viaGroupText()
    mutable QString m_viaText;

    struct Layout
    {
        QRect bubble;
        QRect header;
        QRect text;
        QRect note; ///< null when nothing was shortened
        int wrapWidth = 0; ///< the width header, text and note are laid out at
        Extras extras;
        QRect state; ///< null without Extras::state
        QList<QRect> buttons;
    };
    void paintExtras(QPainter *painter, const QStyleOptionViewItem &option, const Layout &l,
                     quint64 id, const QColor &fill) const;
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index, bool exact) const;
    QSize rowSize(const QStyleOptionViewItem &option, const QModelIndex &index, bool exact) const;
    /// The estimated height of a plain received row without building its header, or 0.
    int estimatedHeight(const QStyleOptionViewItem &option, const QModelIndex &index) const;
};
