#include "messagedelegate.h"

#include <QApplication>
#include <QTest>

class tst_MessageDelegate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fastMeasureMatchesLayout_data();
    void fastMeasureMatchesLayout();
    void estimateIsExactWithoutSpacesAndNeverTooTall_data();
    void estimateIsExactWithoutSpacesAndNeverTooTall();
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

QTEST_MAIN(tst_MessageDelegate)
#include "tst_messagedelegate.moc"
