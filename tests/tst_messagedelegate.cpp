#include "core/chat/messagelistmodel.h"
#include "ui/common/messagedelegate.h"
#include "ui/common/plaintooltip.h"

#include <QApplication>
#include <QIdentityProxyModel>
#include <QTest>
#include <QTextDocument>
#include <QTimeZone>

class tst_MessageDelegate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fastMeasureMatchesLayout_data();
    void fastMeasureMatchesLayout();
    void estimateIsExactWithoutSpacesAndNeverTooTall_data();
    void estimateIsExactWithoutSpacesAndNeverTooTall();
    void rowEstimateMatchesExactSizeAndTheRolePath_data();
    void rowEstimateMatchesExactSizeAndTheRolePath();
    void toolTipsShowTextExactly_data();
    void toolTipsShowTextExactly();
    void groupShownInHeaderAndAccessibleText();
};

void tst_MessageDelegate::fastMeasureMatchesLayout_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("maxWidth");
    QTest::newRow("short") << QStringLiteral("hello") << 400;
    QTest::newRow("header") << QStringLiteral("127.0.0.1:51234 \u00b7 21:36:32") << 400;
    QTest::newRow("kerning pairs") << QStringLiteral("AVAVAV To WA Ty") << 400;
    QTest::newRow("ligatures") << QStringLiteral("office ffi fl") << 400;
    QTest::newRow("latin-1") << QStringLiteral("\u00e9t\u00e9 \u00fcber \u00df\u00f8") << 400;
    QTest::newRow("last char at the edge") << QStringLiteral("hi \u27e8U+202E\u27e9 morf") << 400;
    QTest::newRow("wraps") << QString(300, u'x') << 200;
    QTest::newRow("two lines") << QStringLiteral("one\ntwo") << 400;
    QTest::newRow("chinese") << QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd") << 400;
}

void tst_MessageDelegate::fastMeasureMatchesLayout()
{
    QFETCH(QString, text);
    QFETCH(int, maxWidth);
    for (QFont font : {QApplication::font(), QFont(QStringLiteral("DejaVu Serif"), 13)}) {
        const QRect fast = MessageDelegate::measureText(font, maxWidth, text);
        const QRect exact = MessageDelegate::measureTextExactly(font, maxWidth, text);
        QCOMPARE(fast.height(), exact.height());
        QVERIFY2(fast.width() >= exact.width(),
                 qPrintable(QStringLiteral("%1 < %2").arg(fast.width()).arg(exact.width())));
        QVERIFY(fast.width() <= exact.width() * 1.1 + 2); // only kerning makes it wider
        // Laid out again at the measured width, the text still fits in the measured height:
        // nothing wraps out of the bubble.
        const QRect again = MessageDelegate::measureTextExactly(font, fast.width(), text);
        QCOMPARE(again.height(), fast.height());
    }
}

void tst_MessageDelegate::estimateIsExactWithoutSpacesAndNeverTooTall_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("exactLines"); // greedy breaks give Qt's lines
    QTest::newRow("1 KiB, no spaces") << QString(1024, u'w') << true;
    QTest::newRow("digits") << QString(3000, u'7') << true;
    QTest::newRow("lines") << QStringLiteral("one\ntwo\nthree") << true;
    QTest::newRow("words")
            << QStringLiteral("the quick brown fox jumps over the lazy dog ").repeated(20) << false;
    QTest::newRow("chinese") << QString(200, QChar(0x4f60)) << false;
}

void tst_MessageDelegate::estimateIsExactWithoutSpacesAndNeverTooTall()
{
    QFETCH(QString, text);
    QFETCH(bool, exactLines);
    const QFont font = QApplication::font();
    const QRect estimate = MessageDelegate::estimateText(font, 300, text);
    const QRect exact = MessageDelegate::measureTextExactly(font, 300, text);
    if (exactLines)
        QCOMPARE(estimate.height(), exact.height());
    else
        QVERIFY(estimate.height() > 0); // a guess; the first paint corrects it
    QVERIFY(estimate.width() <= 300);
}

namespace {
ChatMessage received(const QHostAddress &from, const QByteArray &payload)
{
    ChatMessage m;
    m.peerAddress = from;
    m.peerPort = 6666;
    m.time = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, QTimeZone::utc());
    m.payload = payload;
    m.text = QString::fromUtf8(payload);
    m.encoding = QStringLiteral("UTF-8");
    return m;
}
} // namespace

void tst_MessageDelegate::rowEstimateMatchesExactSizeAndTheRolePath_data()
{
    QTest::addColumn<ChatMessage>("message");
    QTest::addColumn<bool>("oneLine"); // the estimate must be exact
    const QHostAddress v4(QStringLiteral("192.168.100.200"));
    QTest::newRow("plain") << received(v4, "hello there") << true;
    QTest::newRow("empty datagram") << received(v4, {}) << true;
    QTest::newRow("IPv6 peer") << received(QHostAddress(QStringLiteral("fd00:1234:5678::abcd")),
                                           "hi")
                               << true;
    QTest::newRow("wrapped") << received(v4, QByteArray(2000, 'w')) << false;
    QTest::newRow("shortened") << received(v4, QByteArray("line\n").repeated(40)) << false;
    ChatMessage invalid = received(v4, "\xff\xfe");
    invalid.decodedCleanly = false;
    QTest::newRow("not valid UTF-8") << invalid << true;
    ChatMessage gbk = received(v4, "abc");
    gbk.encoding = QStringLiteral("GBK");
    QTest::newRow("GBK") << gbk << true;
    ChatMessage viaGroup = received(v4, "to all");
    viaGroup.group = QStringLiteral("239.255.77.1");
    QTest::newRow("via a group") << viaGroup << true;
    ChatMessage sent = received(v4, "out");
    sent.direction = ChatMessage::Direction::Outgoing;
    sent.status = ChatMessage::Status::Sent;
    QTest::newRow("sent") << sent << true;
}

void tst_MessageDelegate::rowEstimateMatchesExactSizeAndTheRolePath()
{
    // The estimate reads our model directly and any other model through its roles: both must
    // agree, and for a one-line row (the flood case) it must be the exact size, or every row
    // painted would be laid out again.
    QFETCH(ChatMessage, message);
    QFETCH(bool, oneLine);
    MessageListModel model;
    model.append(message);
    QIdentityProxyModel proxy;
    proxy.setSourceModel(&model);
    MessageDelegate direct;
    MessageDelegate throughRoles;
    QStyleOptionViewItem option;
    option.font = QApplication::font();
    option.rect = QRect(0, 0, 600, 40);
    const QSize fromModel = direct.sizeHint(option, model.index(0));
    const QSize fromProxy = throughRoles.sizeHint(option, proxy.index(0, 0));
    QCOMPARE(fromModel, fromProxy);
    const QSize exact = direct.exactSizeHint(option, model.index(0));
    if (oneLine)
        QCOMPARE(fromModel.height(), exact.height());
    else
        QVERIFY(fromModel.height() > 2 * QFontMetrics(option.font).height());
}

void tst_MessageDelegate::toolTipsShowTextExactly_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("markup") << QStringLiteral("<b>bold</b> <img src=x>");
    QTest::newRow("entities") << QStringLiteral("a &amp; b & c");
    QTest::newRow("lines") << QStringLiteral("one\ntwo  spaced");
    QTest::newRow("plain") << QStringLiteral("10.0.0.5:6666: 3/s");
}

void tst_MessageDelegate::toolTipsShowTextExactly()
{
    // A tool tip is rendered as rich text when Qt guesses so: plainToolTip() always makes it
    // rich, and what the user sees is the text itself, markup and entities included.
    QFETCH(QString, text);
    const QString tip = plainToolTip(text);
    QVERIFY(Qt::mightBeRichText(tip));
    QTextDocument shown;
    shown.setHtml(tip);
    QCOMPARE(shown.toPlainText(), text);
}

void tst_MessageDelegate::groupShownInHeaderAndAccessibleText()
{
    // A row that came through a multicast group says which one, in the header drawn on the
    // bubble and in what a screen reader reads; a unicast row does not.
    MessageListModel model;
    const QHostAddress v4(QStringLiteral("10.99.0.1"));
    ChatMessage viaGroup = received(v4, "to all");
    viaGroup.group = QStringLiteral("239.255.77.1");
    ChatMessage gbk = received(v4, "abc");
    gbk.encoding = QStringLiteral("GBK");
    gbk.group = QStringLiteral("ff12::2115");
    model.append({viaGroup, gbk, received(v4, "unicast")});
    QVERIFY2(MessageDelegate::headerText(model.index(0))
                     .endsWith(QStringLiteral(" \u00b7 via 239.255.77.1")),
             qPrintable(MessageDelegate::headerText(model.index(0))));
    QVERIFY2(MessageDelegate::headerText(model.index(1))
                     .endsWith(QStringLiteral(" \u00b7 GBK \u00b7 via ff12::2115")),
             qPrintable(MessageDelegate::headerText(model.index(1))));
    QVERIFY(!MessageDelegate::headerText(model.index(2)).contains(QStringLiteral("via")));
    QCOMPARE(model.index(0).data(MessageListModel::GroupRole).toString(),
             QStringLiteral("239.255.77.1"));
    const QString spoken = model.index(0).data(Qt::AccessibleTextRole).toString();
    QVERIFY2(spoken.startsWith(
                     QStringLiteral("Received from 10.99.0.1:%1 via group 239.255.77.1 at ")
                             .arg(viaGroup.peerPort)),
             qPrintable(spoken));
    QVERIFY(!model.index(2)
                     .data(Qt::AccessibleTextRole)
                     .toString()
                     .contains(QStringLiteral("via")));
}

QTEST_MAIN(tst_MessageDelegate)
#include "tst_messagedelegate.moc"
