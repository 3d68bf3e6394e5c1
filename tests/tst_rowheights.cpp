// Issue 15 #4: rows overlapped. A row's size is estimated until it is laid out exactly, and the
// estimate was not corrected everywhere (word-wrapped text, after a resize, escaped controls), so
// the next bubble covered the last lines of a message. Drives the real window: datagrams from a
// loopback peer, the window resized, the rows painted by the view.
#include "tests/support/guifixture.h"
#include "ui/chat/chatpage.h"
#include "ui/common/messagedelegate.h"
#include "ui/common/messageview.h"

#include <QApplication>
#include <QDockWidget>
#include <QPaintEngine>
#include <QPainter>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

namespace {
const QHostAddress kLoopback4(QHostAddress::LocalHost);

// A paint device that records the text a painter draws on it, line by line, with where it went:
// what the delegate really paints, clipping or not.
struct DrawnText
{
    QString text;
    qreal top = 0; ///< baseline minus ascent
    qreal bottom = 0; ///< baseline plus descent
};

class TextRecorder : public QPaintEngine
{
public:
    TextRecorder() : QPaintEngine(QPaintEngine::AllFeatures) { }
    bool begin(QPaintDevice *) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState &) override { }
    void drawPixmap(const QRectF &, const QPixmap &, const QRectF &) override { }
    void drawTextItem(const QPointF &p, const QTextItem &item) override
    {
        const QPointF at = painter()->transform().map(p);
        drawn.append({item.text(), at.y() - item.ascent(), at.y() + item.descent()});
    }
    Type type() const override { return QPaintEngine::User; }
    QList<DrawnText> drawn;
};

class RecordingDevice : public QPaintDevice
{
public:
    explicit RecordingDevice(const QSize &size) : m_size(size) { }
    QPaintEngine *paintEngine() const override { return &m_engine; }
    const QList<DrawnText> &drawn() const { return m_engine.drawn; }

protected:
    int metric(PaintDeviceMetric metric) const override
    {
        switch (metric) {
        case PdmWidth:
            return m_size.width();
        case PdmHeight:
            return m_size.height();
        case PdmWidthMM:
            return m_size.width() * 254 / 960;
        case PdmHeightMM:
            return m_size.height() * 254 / 960;
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY:
            return 96;
        case PdmDepth:
            return 32;
        case PdmNumColors:
            return INT_MAX;
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return int(devicePixelRatioFScale());
        }
        return 0;
    }

private:
    QSize m_size;
    mutable TextRecorder m_engine;
};
} // namespace

class tst_RowHeights : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void paintedRowsHaveTheirExactHeight_data();
    void paintedRowsHaveTheirExactHeight();
    void issueReproduction();
    void everyLineIsDrawnInsideItsRow_data();
    void everyLineIsDrawnInsideItsRow();

private:
    void send(const QByteArray &datagram);
    // Paints the window once; why a painted row was not as high as its content, or empty.
    QString paint();
    // Paints row @p row with the view's delegate on a recording device: why a line of it was
    // drawn outside the row, or its end not at all; empty when all is well.
    QString drawnOutside(int row) const;
    void sendAndWait(const QList<QByteArray> &datagrams);
    // Why the rows the view shows are not exactly as high as their content, or empty.
    QString visibleRowProblems() const;
    MessageView *view() const { return m_fx->window().chatPage()->view(); }

    std::unique_ptr<GuiFixture> m_fx;
};

void tst_RowHeights::init()
{
    m_fx = std::make_unique<GuiFixture>();
    QVERIFY(m_fx->start());
    // The sizes below are the message list's: without the side panels, as a user who closed them.
    const auto docks = m_fx->window().findChildren<QDockWidget *>();
    for (QDockWidget *dock : docks)
        dock->close();
    m_fx->window().resize(760, 560);
    QVERIFY(view());
}

void tst_RowHeights::cleanup()
{
    m_fx.reset();
}

void tst_RowHeights::send(const QByteArray &datagram)
{
    QCOMPARE(m_fx->peer().writeDatagram(datagram, kLoopback4,
                                        m_fx->session().channel()->localPort()),
             qint64(datagram.size()));
}

void tst_RowHeights::sendAndWait(const QList<QByteArray> &datagrams)
{
    const int before = view()->model()->rowCount();
    for (const QByteArray &datagram : datagrams)
        send(datagram);
    QTRY_COMPARE(view()->model()->rowCount(), before + int(datagrams.size()));
}

QString tst_RowHeights::visibleRowProblems() const
{
    MessageView *v = view();
    const auto *delegate = static_cast<const MessageDelegate *>(v->itemDelegate());
    const QRect viewport = v->viewport()->rect();
    QStringList problems;
    QRect previous;
    for (int row = 0; row < v->model()->rowCount(); ++row) {
        const QModelIndex index = v->model()->index(row, 0);
        const QRect rect = v->visualRect(index);
        if (!previous.isNull() && rect.top() <= previous.bottom())
            problems << QStringLiteral("row %1 starts at %2, inside row %3 (ends at %4)")
                                .arg(row)
                                .arg(rect.top())
                                .arg(row - 1)
                                .arg(previous.bottom());
        previous = rect;
        if (!rect.intersects(viewport))
            continue;
        QStyleOptionViewItem option = v->itemOption();
        option.rect = rect;
        const int exact = delegate->exactSizeHint(option, index).height();
        if (rect.height() != exact)
            problems << QStringLiteral("row %1 is %2 px high, its content %3 px")
                                .arg(row)
                                .arg(rect.height())
                                .arg(exact);
    }
    return problems.join(QStringLiteral("; "));
}

QString tst_RowHeights::paint()
{
    // The delegate paints each row laid out exactly, and says sizeHintChanged() when the rect
    // the view gave it had another height: then the row was drawn over its neighbour. Asking
    // the view for the rects afterwards would hide that, as it lays itself out again first.
    QSignalSpy corrected(view()->itemDelegate(), &QAbstractItemDelegate::sizeHintChanged);
    m_fx->window().grab();
    QStringList problems;
    for (const QList<QVariant> &signal : corrected) {
        problems << QStringLiteral("row %1 was painted in a rect of another height")
                            .arg(signal.at(0).toModelIndex().row());
    }
    const QString rows = visibleRowProblems();
    if (!rows.isEmpty())
        problems << rows;
    const QRect viewport = view()->viewport()->rect();
    for (int row = 0; row < view()->model()->rowCount(); ++row) {
        if (!view()->visualRect(view()->model()->index(row, 0)).intersects(viewport))
            continue;
        if (const QString outside = drawnOutside(row); !outside.isEmpty())
            problems << outside;
    }
    return problems.join(QStringLiteral("; "));
}

// What is painted is what the row measures: the view is painted once (grab() paints
// synchronously, as the screen would), and every row it showed must then have the height of its
// content, without waiting for a later correction.
void tst_RowHeights::paintedRowsHaveTheirExactHeight_data()
{
    QTest::addColumn<QByteArray>("datagram");
    const QByteArray word(41, 'W');
    QByteArray wrapped("WORDWRAP-START");
    for (int i = 0; i < 20; ++i)
        wrapped += ' ' + word;
    wrapped += " WORDWRAP-END";
    QTest::newRow("word-wrapped Latin-1") << wrapped;
    // The issue's: the first and last lines are the widest, each exactly as wide as it is.
    QByteArray issue("WORDWRAP-START");
    for (int i = 0; i < 20; ++i)
        issue += ' ' + QByteArray(41, 'A');
    issue += " WORDWRAP-END";
    QTest::newRow("the issue's word wrap") << issue;
    QTest::newRow("escaped NULs") << QByteArray(300, '\0');
    QTest::newRow("escaped controls and text")
            << QByteArray("a\x01 b\x02 c\x03 d\x04 e\x05 ").repeated(30);
    QTest::newRow("table nest") << QByteArray("<table><tr><td>").repeated(22) + "x";
    QTest::newRow("Cyrillic") << QString(300, QChar(0x0428)).toUtf8();
}

void tst_RowHeights::paintedRowsHaveTheirExactHeight()
{
    QFETCH(QByteArray, datagram);
    QList<QByteArray> shortOnes;
    for (int i = 0; i < 5; ++i)
        shortOnes << "short " + QByteArray::number(i);
    sendAndWait(shortOnes);
    sendAndWait({datagram, "after 1", "after 2"});
    QString problems = paint();
    QVERIFY2(problems.isEmpty(), qPrintable(problems));

    // Another width: every estimate is made again, and the painted rows are exact again.
    m_fx->window().resize(1000, 800);
    problems = paint();
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    m_fx->window().resize(520, 560);
    problems = paint();
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

// The issue's reproduction: 40 short datagrams; a word-wrapped message; 2 short ones; the window
// resized to 1000x800; a <table> nest and one more.
void tst_RowHeights::issueReproduction()
{
    QList<QByteArray> first;
    for (int i = 0; i < 40; ++i)
        first << "short datagram " + QByteArray::number(i);
    sendAndWait(first);
    QByteArray wrapped("WORDWRAP-START");
    for (int i = 0; i < 20; ++i)
        wrapped += ' ' + QByteArray(41, 'A');
    wrapped += " WORDWRAP-END";
    sendAndWait({wrapped, "short 41", "short 42"});
    QString problems = paint();
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    m_fx->window().resize(1000, 800);
    problems = paint();
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    sendAndWait({QByteArray("<table><tr><td>").repeated(22) + "x", "one more"});
    problems = paint();
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

// The text a row draws: every line of the message, inside the row. The row's height came from
// laying the text out at one width; drawing it at another (the bubble's, narrower) wrapped it
// differently: "WORDWRAP-START" went onto a line of its own and "WORDWRAP-END" was cut off.
void tst_RowHeights::everyLineIsDrawnInsideItsRow_data()
{
    paintedRowsHaveTheirExactHeight_data();
}

void tst_RowHeights::everyLineIsDrawnInsideItsRow()
{
    QFETCH(QByteArray, datagram);
    for (const QSize &size : {QSize(760, 560), QSize(1000, 800), QSize(520, 560)}) {
        m_fx->window().resize(size);
        if (view()->model()->rowCount() == 0)
            sendAndWait({datagram});
        m_fx->window().grab();
        const QString problem = drawnOutside(0);
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("at %1x%2: %3")
                                                       .arg(size.width())
                                                       .arg(size.height())
                                                       .arg(problem)));
    }
}

QString tst_RowHeights::drawnOutside(int row) const
{
    MessageView *v = view();
    const QModelIndex index = v->model()->index(row, 0);
    QStyleOptionViewItem option = v->itemOption();
    option.rect = v->visualRect(index);
    RecordingDevice device((v->viewport()->size().expandedTo(option.rect.size()) * 2)
                                   .expandedTo(QSize(1, option.rect.bottom() + 1)));
    {
        QPainter painter(&device);
        v->itemDelegate()->paint(&painter, option, index);
    }
    QString all;
    for (const DrawnText &line : device.drawn()) {
        all += line.text;
        if (line.top < option.rect.top() - 1 || line.bottom > option.rect.bottom() + 1) {
            return QStringLiteral("row %1: \"%2\" drawn at %3..%4, the row is %5..%6")
                    .arg(row)
                    .arg(line.text.left(40))
                    .arg(line.top)
                    .arg(line.bottom)
                    .arg(option.rect.top())
                    .arg(option.rect.bottom());
        }
    }
    const QString last = index.data(Qt::DisplayRole).toString().right(8);
    if (!all.contains(last))
        return QStringLiteral("row %1: \"%2\" not drawn").arg(row).arg(last);
    return {};
}

QTEST_MAIN(tst_RowHeights)
#include "tst_rowheights.moc"
