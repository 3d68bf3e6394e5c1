#include "ui/common/messagedelegate.h"

#include "core/chat/chatmessage.h"
#include "core/chat/messagelistmodel.h"
#include "core/text/displaytext.h"
#include "ui/common/statuscolors.h"

#include <QApplication>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOption>
#include <QTextLayout>
#include <QTimeZone>
#include <QtMath>

#include <algorithm>
#include <optional>

namespace {
constexpr int kMargin = 6; // around the bubble
constexpr int kPadding = 8; // inside the bubble
constexpr int kHeaderGap = 2; // between header and text
constexpr int kRadius = 8;
// Text is laid out with QTextLayout (plain text, never markup): wrapped at word boundaries,
// anywhere inside a word too long for a line. The base direction is forced to left-to-right, so
// a right-to-left message cannot flip the row's alignment; its own text still reads correctly.
// Header and text are separate layouts, separate bidi paragraphs: a message cannot reorder its
// header or another row.
QTextOption textOption()
{
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    option.setTextDirection(Qt::LeftToRight);
    option.setAlignment(Qt::AlignLeft);
    return option;
}

// Lays @p text out at @p width into @p layout; returns the size it takes (rounded up, so nothing
// wraps differently when drawn in that size).
QSize layOut(QTextLayout &layout, qreal width)
{
    layout.setTextOption(textOption());
    layout.setCacheEnabled(true);
    layout.beginLayout();
    qreal y = 0;
    qreal widest = 0;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, y));
        y += line.height();
        widest = qMax(widest, line.naturalTextWidth());
    }
    layout.endLayout();
    return QSize(qMin(qCeil(widest), qCeil(width)), qCeil(y));
}

// QTextLayout breaks lines at U+2028, not at '\n'.
QString forLayout(QString text)
{
    return text.replace(u'\n', QChar::LineSeparator);
}

// Lays @p text out at @p wrapWidth, the width it was measured at (see layout()), and draws it at
// @p rect's top left. Laying it out again at the rect's width, the widest line rounded up, can
// wrap it differently (a line that fitted exactly no longer does), and the last line ended up
// below the row.
void drawText(QPainter *painter, const QRect &rect, int wrapWidth, const QFont &font,
              const QString &text)
{
    QTextLayout layout(forLayout(text), font);
    layOut(layout, wrapWidth);
    layout.draw(painter, rect.topLeft());
}

QFont headerFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 0.85);
    return font;
}

// Colours derived from the palette, so light and dark themes both work.
QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

// Exact measurement lays the text out (shaping, line breaking): the most expensive thing per
// row. Single-line Latin-1 text, by far the most common case and what floods consist of, is
// measured from a table of character advances instead.
class FastMeasure
{
public:
    // The width of @p text if it is one line of Latin-1 characters no wider than @p maxWidth.
    std::optional<qreal> singleLineWidth(const QFont &font, const QString &text, qreal maxWidth)
    {
        if (text.size() > 512)
            return std::nullopt;
        prepare(font);
        qreal width = 0;
        for (QChar c : text) {
            const char16_t u = c.unicode();
            if (u < 0x20 || u > 0xff || (u >= 0x7f && u < 0xa0) || u == 0xad)
                return std::nullopt; // line breaks, tabs, controls, soft hyphen, non-Latin-1
            width += m_advance[u];
            if (width > maxWidth)
                return std::nullopt;
        }
        return width;
    }
    // A cheap guess of the wrapped size, without laying the text out: Latin-1 characters from
    // the table, wider scripts from the average width (CJK as two). Never fewer lines than a
    // greedy break at any character gives; word wrap can add some, which paint() corrects.
    QSize estimate(const QFont &font, const QString &text, qreal maxWidth)
    {
        prepare(font);
        int lines = 1;
        qreal line = 0;
        qreal widest = 0;
        for (QChar c : text) {
            const char16_t u = c.unicode();
            if (u == u'\n') {
                widest = qMax(widest, line);
                line = 0;
                ++lines;
                continue;
            }
            const qreal advance = u <= 0xff                                 ? m_advance[u]
                                  : (u >= 0x1100 && !QChar::isSurrogate(u)) ? 2 * m_average
                                                                            : m_average;
            if (line + advance > maxWidth && line > 0) {
                widest = maxWidth;
                line = 0;
                ++lines;
            }
            line += advance;
        }
        widest = qMax(widest, line);
        return QSize(qMin(qCeil(widest), int(maxWidth)), m_lineHeight + (lines - 1) * m_lineStep);
    }
    int lineHeight() const { return m_lineHeight; }
    bool isFor(const QFont &font) const { return m_lineHeight > 0 && font == m_font; }

private:
    void prepare(const QFont &font)
    {
        if (isFor(font))
            return;
        m_font = font;
        const QFontMetricsF metrics(font);
        for (int c = 0; c < 256; ++c)
            m_advance[c] = metrics.horizontalAdvance(QChar(char16_t(c)));
        const auto height = [&](const QString &sample) {
            QTextLayout layout(forLayout(sample), font);
            return layOut(layout, 1000).height();
        };
        m_lineHeight = height(QStringLiteral("Xy"));
        m_lineStep = height(QStringLiteral("Xy\nXy")) - m_lineHeight;
        m_average = metrics.averageCharWidth();
    }

    QFont m_font;
    qreal m_advance[256] = {};
    qreal m_average = 0;
    int m_lineHeight = 0;
    int m_lineStep = 0;
};

QRect measure(const QFont &font, int maxWidth, const QString &text, bool exact)
{
    return exact ? MessageDelegate::measureText(font, maxWidth, text)
                 : MessageDelegate::estimateText(font, maxWidth, text);
}

FastMeasure &fastMeasureFor(const QFont &font)
{
    // A table per font in use: text, italic text (empty datagrams), header and note.
    static FastMeasure tables[4];
    static int next = 0;
    for (FastMeasure &table : tables) {
        if (table.isFor(font))
            return table;
    }
    FastMeasure &table = tables[next];
    next = (next + 1) % 4;
    return table;
}
} // namespace

QRect MessageDelegate::measureTextExactly(const QFont &font, int maxWidth, const QString &text)
{
    QTextLayout layout(forLayout(text), font);
    const QSize size = layOut(layout, maxWidth);
    return QRect(QPoint(0, 0), size);
}

QRect MessageDelegate::measureText(const QFont &font, int maxWidth, const QString &text)
{
    FastMeasure &table = fastMeasureFor(font);
    if (const auto width = table.singleLineWidth(font, text, maxWidth))
        return QRect(0, 0, qCeil(*width), table.lineHeight());
    return measureTextExactly(font, maxWidth, text);
}

QRect MessageDelegate::estimateText(const QFont &font, int maxWidth, const QString &text)
{
    FastMeasure &table = fastMeasureFor(font);
    if (const auto width = table.singleLineWidth(font, text, maxWidth))
        return QRect(0, 0, qCeil(*width), table.lineHeight());
    const QSize size = table.estimate(font, text, maxWidth);
    return QRect(0, 0, size.width(), size.height());
}

namespace {

// Measured and drawn with the same fonts, so the text wraps the same way in both.
QFont noteFont(const QFont &base)
{
    QFont font = headerFont(base);
    font.setItalic(true);
    return font;
}

// An empty datagram, shown as a note in italics (see ChatMessage::isEmptyDatagram()).
bool isEmptyDatagram(const QModelIndex &index)
{
    return index.data(MessageListModel::PayloadRole).toByteArray().isEmpty()
           && index.data(Qt::DisplayRole).toString().isEmpty();
}

QFont bodyFont(const QFont &base, const QModelIndex &index)
{
    QFont font = base;
    font.setItalic(isEmptyDatagram(index));
    return font;
}

// The widest the text of a row laid out in @p row may be: bubbles take at most 80 % of the
// width, so direction is visible by position too.
int maxTextWidth(const QRect &row)
{
    const QRect area = row.adjusted(kMargin, kMargin / 2, -kMargin, -kMargin / 2);
    return qMax(80, area.width() * 4 / 5) - 2 * kPadding;
}

// A received message whose header is only "ip:port · time" (valid text in the default encoding),
// and " · via GROUP" after it when it came through a multicast group.
bool hasPlainHeader(ChatMessage::Status status, bool decodedCleanly, const QString &encoding)
{
    return status == ChatMessage::Status::Received && decodedCleanly
           && (encoding.isEmpty() || encoding == QLatin1String("UTF-8"));
}

bool isOutgoing(const QModelIndex &index)
{
    return index.data(MessageListModel::DirectionRole).toInt()
           == static_cast<int>(ChatMessage::Direction::Outgoing);
}

constexpr int kButtonGap = 6; // between buttons, and above their row

const QStyle *styleOf(const QStyleOptionViewItem &option)
{
    return option.widget ? option.widget->style() : QApplication::style();
}

QStyleOptionButton buttonOption(const QStyleOptionViewItem &option, const QString &text)
{
    QStyleOptionButton button;
    button.text = text;
    button.palette = option.palette;
    button.fontMetrics = option.fontMetrics;
    button.direction = option.direction;
    button.state = QStyle::State_Enabled | QStyle::State_Raised;
    return button;
}

// The buttons' rects relative to the top left of their area, in rows no wider than @p maxWidth
// (a row holds at least one button); @p size becomes the area's size.
QList<QRect> placeButtons(const QStyleOptionViewItem &option, const QStringList &labels,
                          int maxWidth, QSize *size)
{
    QList<QRect> rects;
    int x = 0;
    int y = 0;
    int rowHeight = 0;
    int widest = 0;
    for (const QString &label : labels) {
        const QStyleOptionButton button = buttonOption(option, label);
        const QSize content = option.fontMetrics.size(Qt::TextShowMnemonic, label);
        const QSize hint = styleOf(option)->sizeFromContents(QStyle::CT_PushButton, &button,
                                                             content, option.widget);
        if (x > 0 && x + hint.width() > maxWidth) {
            x = 0;
            y += rowHeight + kButtonGap;
            rowHeight = 0;
        }
        rects.append(QRect(QPoint(x, y), QSize(qMin(hint.width(), maxWidth), hint.height())));
        x += rects.last().width() + kButtonGap;
        widest = qMax(widest, x - kButtonGap);
        rowHeight = qMax(rowHeight, hint.height());
    }
    *size = rects.isEmpty() ? QSize() : QSize(widest, y + rowHeight);
    return rects;
}
} // namespace

MessageDelegate::Extras MessageDelegate::extrasOf(const QModelIndex &index) const
{
    if (!m_extras)
        return {};
    return m_extras(index.data(MessageListModel::IdRole).toULongLong());
}

QString MessageDelegate::headerText(const QModelIndex &index)
{
    const QString peer = index.data(MessageListModel::PeerRole).toString();
    // Through a cached QTimeZone: QDateTime::toLocalTime() asks the C library, which re-reads
    // /etc/localtime on every call (it dominated a profile of the window under a flood).
    static const QTimeZone zone = QTimeZone::systemTimeZone();
    const QDateTime time = index.data(MessageListModel::TimeRole).toDateTime().toTimeZone(zone);
    const QString clock = QLocale().toString(time.time(), QStringLiteral("HH:mm:ss"));
    const auto status =
            static_cast<ChatMessage::Status>(index.data(MessageListModel::StatusRole).toInt());
    const bool clean = index.data(MessageListModel::DecodedCleanlyRole).toBool();
    const QString encoding = index.data(MessageListModel::EncodingRole).toString();
    const QString group = index.data(MessageListModel::GroupRole).toString();
    const QString via = group.isEmpty() ? QString() : viaGroupText(group);
    if (hasPlainHeader(status, clean, encoding))
        return QStringLiteral("%1 \u00b7 %2").arg(peer, clock) + via;
    switch (status) {
    case ChatMessage::Status::Received:
        if (!clean) {
            //: Header of a received message whose bytes were not valid in the encoding
            return MessageDelegate::tr("%1 \u00b7 %2 \u00b7 not valid %3")
                           .arg(peer, clock, encoding)
                   + via;
        }
        return QStringLiteral("%1 \u00b7 %2 \u00b7 %3").arg(peer, clock, encoding) + via;
    case ChatMessage::Status::Sent:
        if (index.data(MessageListModel::ChannelRole).toInt()
            == static_cast<int>(ChatMessage::Channel::IpMsg)) {
            //: Header of an IP Messenger message sent, its receipt not here yet (retrying)
            return MessageDelegate::tr("To %1 \u00b7 %2 \u00b7 Waiting for receipt")
                    .arg(peer, clock);
        }
        //: Header of a message we sent; %1 is ip:port, %2 the time. "Sent" is not "delivered".
        return MessageDelegate::tr("To %1 \u00b7 %2 \u00b7 Sent").arg(peer, clock);
    case ChatMessage::Status::Delivered:
        //: Header of an IP Messenger message whose receipt came
        return MessageDelegate::tr("To %1 \u00b7 %2 \u00b7 Delivered").arg(peer, clock);
    case ChatMessage::Status::Read:
        //: Header of a sealed IP Messenger message the peer opened
        return MessageDelegate::tr("To %1 \u00b7 %2 \u00b7 Read").arg(peer, clock);
    case ChatMessage::Status::NotConfirmed:
        //: Header of an IP Messenger message with no receipt after every retry
        return MessageDelegate::tr("To %1 \u00b7 %2 \u00b7 Not confirmed (no receipt)")
                .arg(peer, clock);
    case ChatMessage::Status::Failed:
        return MessageDelegate::tr("To %1 \u00b7 %2 \u00b7 Failed: %3")
                .arg(peer, clock, index.data(MessageListModel::ErrorRole).toString());
    }
    return peer;
}

QString MessageDelegate::viaGroupText(const QString &group)
{
    //: Ends the header of a message sent to a multicast group; %1 is the group, e.g. 239.255.77.1
    return tr(" \u00b7 via %1").arg(group);
}

QString MessageDelegate::bodyText(const QModelIndex &index)
{
    if (isEmptyDatagram(index))
        return tr("(empty datagram)");
    return index.data(Qt::DisplayRole).toString();
}

QString MessageDelegate::noteText(const QModelIndex &index)
{
    const auto display = index.data(MessageListModel::DisplayTextRole).value<DisplayText>();
    // Singular and plural spelled out until the translations carry numerus forms.
    const QLocale locale;
    QStringList parts;
    if (display.hiddenLines == 1)
        parts << tr("1 more line");
    else if (display.hiddenLines > 1)
        parts << tr("%1 more lines").arg(locale.toString(display.hiddenLines));
    if (display.hiddenChars == 1)
        parts << tr("1 more character");
    else if (display.hiddenChars > 1)
        parts << tr("%1 more characters").arg(locale.toString(display.hiddenChars));
    if (display.removedMarks == 1)
        parts << tr("1 combining mark not shown");
    else if (display.removedMarks > 1)
        parts << tr("%1 combining marks not shown").arg(locale.toString(display.removedMarks));
    if (parts.isEmpty())
        return {};
    //: %1 lists what is not shown; the context menu has "Show Whole Message"
    return tr("\u2026 %1 (right-click to show the whole message)")
            .arg(parts.join(QStringLiteral(", ")));
}

namespace {
// What the estimate needs to know about a row.
struct RowFacts
{
    bool plainReceived = false; ///< received, valid, UTF-8: the header is "ip:port · time"
    QString peer;
    QString group; ///< the multicast group it came through, or empty
    QString text; ///< the display text
    bool empty = false; ///< an empty datagram, shown as a note in italics
    bool shortened = false; ///< the display text hides something (a note line follows)
};

RowFacts rowFacts(const QModelIndex &index)
{
    RowFacts facts;
    const auto isShortened = [](const DisplayText &display) {
        return display.hiddenLines > 0 || display.hiddenChars > 0 || display.removedMarks > 0;
    };
    // Straight from our model when it is the view's model (no QVariant per field); through the
    // roles otherwise (a proxy, say).
    if (const auto *model = qobject_cast<const MessageListModel *>(index.model())) {
        const ChatMessage &m = model->at(index.row());
        const DisplayText &display = model->displayAt(index.row());
        facts.plainReceived = hasPlainHeader(m.status, m.decodedCleanly, m.encoding);
        if (facts.plainReceived)
            facts.peer = model->peerText(index.row());
        facts.group = m.group;
        facts.text = display.text;
        facts.empty = m.payload.isEmpty();
        facts.shortened = isShortened(display);
        return facts;
    }
    facts.plainReceived = hasPlainHeader(
            static_cast<ChatMessage::Status>(index.data(MessageListModel::StatusRole).toInt()),
            index.data(MessageListModel::DecodedCleanlyRole).toBool(),
            index.data(MessageListModel::EncodingRole).toString());
    if (facts.plainReceived)
        facts.peer = index.data(MessageListModel::PeerRole).toString();
    facts.group = index.data(MessageListModel::GroupRole).toString();
    facts.text = index.data(Qt::DisplayRole).toString();
    facts.empty = facts.text.isEmpty()
                  && index.data(MessageListModel::PayloadRole).toByteArray().isEmpty();
    facts.shortened =
            isShortened(index.data(MessageListModel::DisplayTextRole).value<DisplayText>());
    return facts;
}
} // namespace

void MessageDelegate::EstimateFonts::update(const QFont &base)
{
    valid = true;
    this->base = base;
    header = headerFont(base);
    body = base;
    italicBody = base;
    italicBody.setItalic(true);
    note = noteFont(base);
}

int MessageDelegate::estimatedHeight(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    // Every arriving datagram is measured once, so under a flood this runs tens of thousands of
    // times a second: no style option, no header string, no layout, fonts made once. Only the
    // common case is handled (a received row whose header is "ip:port · time" on one line);
    // anything else returns 0 and takes the general path.
    const RowFacts facts = rowFacts(index);
    if (!facts.plainReceived || (m_extras && !extrasOf(index).isEmpty()))
        return 0;
    if (!m_fonts.valid || !(m_fonts.base == option.font))
        m_fonts.update(option.font);
    const int maxText = maxTextWidth(option.rect);

    FastMeasure &headerTable = fastMeasureFor(m_fonts.header);
    // " · 00:00:00": digits have one advance in practically every font, so any time measures the
    // same as this one.
    static const QString clockSample = QStringLiteral(" \u00b7 00:00:00");
    const auto clockWidth = headerTable.singleLineWidth(m_fonts.header, clockSample, maxText);
    const auto peerWidth = headerTable.singleLineWidth(m_fonts.header, facts.peer, maxText);
    if (!clockWidth || !peerWidth)
        return 0;
    int headerWidth = *clockWidth + *peerWidth;
    if (!facts.group.isEmpty()) {
        // Group traffic is one group at a time: its " · via GROUP" is made once, not per row.
        if (facts.group != m_viaGroup) {
            m_viaGroup = facts.group;
            m_viaText = viaGroupText(facts.group);
        }
        const auto viaWidth = headerTable.singleLineWidth(m_fonts.header, m_viaText, maxText);
        if (!viaWidth)
            return 0;
        headerWidth += *viaWidth;
    }
    if (headerWidth > maxText)
        return 0;
    const int headerHeight = headerTable.lineHeight();

    const QRect textRect = facts.empty ? estimateText(m_fonts.italicBody, maxText, bodyText(index))
                                       : estimateText(m_fonts.body, maxText, facts.text);
    const int noteHeight =
            facts.shortened
                    ? kHeaderGap + estimateText(m_fonts.note, maxText, noteText(index)).height()
                    : 0;
    return 2 * kPadding + headerHeight + kHeaderGap + textRect.height() + noteHeight;
}

MessageDelegate::Layout MessageDelegate::layout(const QStyleOptionViewItem &option,
                                                const QModelIndex &index, bool exact) const
{
    const QRect area = option.rect.adjusted(kMargin, kMargin / 2, -kMargin, -kMargin / 2);
    const int maxText = maxTextWidth(option.rect);

    Layout l;
    l.wrapWidth = maxText;
    l.extras = extrasOf(index);
    const QString text = bodyText(index);
    // The body is never empty (see bodyText()), so every bubble has a header and a text line.
    const QRect textRect = measure(bodyFont(option.font, index), maxText, text, exact);
    const QRect headerRect = measure(headerFont(option.font), maxText, headerText(index), exact);
    const QString note = noteText(index);
    const QRect noteRect =
            note.isEmpty() ? QRect() : measure(noteFont(option.font), maxText, note, exact);
    const QRect stateRect = l.extras.state.isEmpty() ? QRect()
                                                     : measure(headerFont(option.font), maxText,
                                                               l.extras.state, exact);
    QSize buttonsSize;
    l.buttons = placeButtons(option, l.extras.buttons, maxText, &buttonsSize);
    const int innerWidth =
            qMin(maxText, std::max({textRect.width(), headerRect.width(), noteRect.width(),
                                    stateRect.width(), buttonsSize.width()}));
    const int left = isOutgoing(index) ? area.right() - innerWidth - 2 * kPadding + 1 : area.left();
    // Top to bottom: header, text, then what is there of note, state and buttons.
    l.header = QRect(left + kPadding, area.top() + kPadding, innerWidth, headerRect.height());
    l.text = QRect(left + kPadding, l.header.bottom() + 1 + kHeaderGap, innerWidth,
                   textRect.height());
    int bottom = l.text.bottom();
    const auto below = [&](int gap, int height) {
        const QRect r(left + kPadding, bottom + 1 + gap, innerWidth, height);
        bottom = r.bottom();
        return r;
    };
    if (!note.isEmpty())
        l.note = below(kHeaderGap, noteRect.height());
    if (!stateRect.isNull())
        l.state = below(kHeaderGap, stateRect.height());
    if (!l.buttons.isEmpty()) {
        const QPoint origin = below(kButtonGap, buttonsSize.height()).topLeft();
        for (QRect &button : l.buttons)
            button.translate(origin);
    }
    l.bubble =
            QRect(left, area.top(), innerWidth + 2 * kPadding, bottom + 1 + kPadding - area.top());
    return l;
}

QList<QRect> MessageDelegate::buttonRects(const QStyleOptionViewItem &option,
                                          const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    return layout(opt, index, true).buttons;
}

bool MessageDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                  const QStyleOptionViewItem &option, const QModelIndex &index)
{
    const bool press = event->type() == QEvent::MouseButtonPress;
    const bool release = event->type() == QEvent::MouseButtonRelease;
    if (!m_extras || (!press && !release))
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    const auto *mouse = static_cast<QMouseEvent *>(event);
    const quint64 id = index.data(MessageListModel::IdRole).toULongLong();
    const QList<QRect> buttons =
            mouse->button() == Qt::LeftButton ? buttonRects(option, index) : QList<QRect>();
    int hit = -1;
    for (int i = 0; i < buttons.size(); ++i) {
        if (buttons.at(i).contains(mouse->position().toPoint()))
            hit = i;
    }
    if (press) {
        m_pressedId = hit >= 0 ? id : 0;
        m_pressedButton = hit;
    } else {
        // A click is a press and a release on the same button.
        const bool clicked = hit >= 0 && m_pressedId == id && m_pressedButton == hit;
        m_pressedId = 0;
        m_pressedButton = -1;
        if (clicked)
            Q_EMIT buttonClicked(id, hit);
    }
    if (hit >= 0)
        return true;
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

void MessageDelegate::checkSizesFor(const QStyleOptionViewItem &option) const
{
    if (option.rect.width() <= 0)
        return; // not a layout (see sizeHint())
    if (option.rect.width() != m_sizesWidth || option.font != m_sizesFont) {
        std::swap(m_sizes, m_otherSizes);
        std::swap(m_sizesWidth, m_otherWidth);
        std::swap(m_sizesFont, m_otherFont);
        if (option.rect.width() != m_sizesWidth || option.font != m_sizesFont) {
            m_sizes.clear();
            m_sizesWidth = option.rect.width();
            m_sizesFont = option.font;
        }
    }
    if (m_sizes.size() > 4 * MessageListModel::DefaultMaxRows) {
        m_sizes.clear(); // ids of rows long gone
        m_otherSizes.clear();
    }
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // QListView also asks without a width (for its own size hint, say): answered with an
    // estimate, without dropping the sizes measured for the width the rows are laid out at.
    if (option.rect.width() <= 0)
        return rowSize(option, index, false);
    checkSizesFor(option);
    const quint64 id = index.data(MessageListModel::IdRole).toULongLong();
    if (const auto cached = m_sizes.constFind(id); cached != m_sizes.cend())
        return cached->size;

    // Not laid out yet: an estimate, made exact before the row is painted (see settleSize()).
    const QSize size = rowSize(option, index, false);
    m_sizes.insert(id, {size, false});
    return size;
}

bool MessageDelegate::settleSize(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    checkSizesFor(option);
    const quint64 id = index.data(MessageListModel::IdRole).toULongLong();
    const auto cached = m_sizes.constFind(id);
    if (cached != m_sizes.cend() && cached->exact)
        return false;
    const QSize size = rowSize(option, index, true);
    const bool changed = cached == m_sizes.cend() || cached->size != size;
    m_sizes.insert(id, {size, true});
    return changed;
}

QSize MessageDelegate::exactSizeHint(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    return rowSize(option, index, true);
}

QSize MessageDelegate::rowSize(const QStyleOptionViewItem &option, const QModelIndex &index,
                               bool exact) const
{
    if (!exact) {
        if (const int height = estimatedHeight(option, index); height > 0)
            return {option.rect.width(), height + kMargin};
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const Layout l = layout(opt, index, exact);
    return {option.rect.width() > 0 ? option.rect.width() : l.bubble.width() + 2 * kMargin,
            l.bubble.height() + kMargin};
}

namespace {
struct BubbleColors
{
    QColor fill;
    QColor border;
    bool failed = false;
};

// A bubble's fill and border: by direction, failure and selection.
BubbleColors bubbleColors(const QStyleOptionViewItem &option, const QModelIndex &index)
{
    const QPalette &palette = option.palette;
    const int status = index.data(MessageListModel::StatusRole).toInt();
    BubbleColors c;
    c.failed = status == static_cast<int>(ChatMessage::Status::Failed)
               || status == static_cast<int>(ChatMessage::Status::NotConfirmed);
    const QColor base = palette.color(QPalette::Base);
    c.fill = mix(base, palette.color(QPalette::Text), 0.06);
    c.border = mix(base, palette.color(QPalette::Text), 0.25);
    if (isOutgoing(index)) {
        c.fill = mix(base, palette.color(QPalette::Highlight), 0.16);
        c.border = mix(base, palette.color(QPalette::Highlight), 0.45);
    }
    if (c.failed) {
        const QColor alarm = statusColor(StatusTone::Alarm, base);
        c.fill = mix(base, alarm, 0.10);
        c.border = alarm;
    }
    if (option.state & QStyle::State_Selected)
        c.border = palette.color(QPalette::Highlight);
    return c;
}
} // namespace

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const Layout l = layout(opt, index, true);
    const quint64 id = index.data(MessageListModel::IdRole).toULongLong();
    // Only rows that are painted are laid out exactly; if the estimate was off, the row gets its
    // real height (one more layout of the view, for visible rows only).
    if (l.bubble.height() + kMargin != option.rect.height()
        && option.rect.width() == m_sizesWidth) {
        m_sizes.insert(id, {QSize(option.rect.width(), l.bubble.height() + kMargin), true});
        Q_EMIT const_cast<MessageDelegate *>(this)->sizeHintChanged(index);
    }
    const QColor base = opt.palette.color(QPalette::Base);
    const QColor dim = mix(base, opt.palette.color(QPalette::Text), 0.6);
    const BubbleColors colors = bubbleColors(opt, index);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(QRectF(l.bubble).adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);
    painter->fillPath(path, colors.fill);
    painter->setPen(QPen(colors.border, (opt.state & QStyle::State_Selected) ? 2 : 1));
    painter->drawPath(path);

    // Everything below is QPainter::drawText: plain text, never markup.
    painter->setFont(headerFont(opt.font));
    painter->setPen(colors.failed ? statusColor(StatusTone::Alarm, colors.fill) : dim);
    drawText(painter, l.header, l.wrapWidth, headerFont(opt.font), headerText(index));

    const bool empty = isEmptyDatagram(index);
    const QFont font = bodyFont(opt.font, index);
    painter->setFont(font);
    painter->setPen(empty ? dim : opt.palette.color(QPalette::Text));
    // Clipped to the text, so stacked combining marks cannot cover the header or other rows.
    painter->save();
    painter->setClipRect(l.text.adjusted(0, -2, 0, 2));
    drawText(painter, l.text, l.wrapWidth, font, bodyText(index));
    painter->restore();

    if (!l.note.isNull()) {
        const QFont small = noteFont(opt.font);
        painter->setFont(small);
        painter->setPen(dim);
        drawText(painter, l.note, l.wrapWidth, small, noteText(index));
    }
    paintExtras(painter, opt, l, id, colors.fill);
    painter->restore();
}

void MessageDelegate::paintExtras(QPainter *painter, const QStyleOptionViewItem &option,
                                  const Layout &l, quint64 id, const QColor &fill) const
{
    if (!l.state.isNull()) {
        const QFont small = headerFont(option.font);
        painter->setFont(small);
        painter->setPen(l.extras.alarm ? statusColor(StatusTone::Alarm, fill)
                                       : mix(option.palette.color(QPalette::Base),
                                             option.palette.color(QPalette::Text), 0.75));
        drawText(painter, l.state, l.wrapWidth, small, l.extras.state);
    }
    painter->setFont(option.font);
    for (int i = 0; i < l.buttons.size(); ++i) {
        QStyleOptionButton button = buttonOption(option, l.extras.buttons.at(i));
        button.rect = l.buttons.at(i);
        if (id == m_pressedId && i == m_pressedButton)
            button.state = (button.state & ~QStyle::State_Raised) | QStyle::State_Sunken;
        styleOf(option)->drawControl(QStyle::CE_PushButton, &button, painter, option.widget);
    }
}
