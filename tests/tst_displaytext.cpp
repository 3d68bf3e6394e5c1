#include "core/text/displaytext.h"

#include <QTest>

class tst_DisplayText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void escapes_data();
    void escapes();
    void lineBreaks_data();
    void lineBreaks();
    void capsCombiningMarks();
    void capsLength();
    void capsLengthWithoutSplittingSurrogates();
    void capsLines();
    void unboundedKeepsEverything();
    void everyControlIsNeutralised();
    void plainAsciiIsSharedNotCopied();
    void bidiMarksAndInvisiblesShown_data();
    void bidiMarksAndInvisiblesShown();
};

void tst_DisplayText::escapes_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<int>("escapes");

    QTest::newRow("plain") << QStringLiteral("hello") << QStringLiteral("hello") << 0;
    QTest::newRow("html stays text") << QStringLiteral("<b>x</b> <img src=/etc/passwd>")
                                     << QStringLiteral("<b>x</b> <img src=/etc/passwd>") << 0;
    QTest::newRow("NUL") << QString::fromUtf16(u"a\u0000b", 3)
                         << QStringLiteral("a\u27e8NUL\u27e9b") << 1;
    QTest::newRow("ANSI escape") << QStringLiteral("\x1b[31mred")
                                 << QStringLiteral("\u27e8ESC\u27e9[31mred") << 1;
    QTest::newRow("BEL and DEL") << QStringLiteral("\x07\x7f")
                                 << QStringLiteral("\u27e8BEL\u27e9\u27e8DEL\u27e9") << 2;
    QTest::newRow("lone CR") << QStringLiteral("a\rb") << QStringLiteral("a\u27e8CR\u27e9b") << 1;
    QTest::newRow("tab kept") << QStringLiteral("a\tb") << QStringLiteral("a\tb") << 0;
    QTest::newRow("C1 NEL") << QStringLiteral("a\u0085b") << QStringLiteral("a\u27e8U+0085\u27e9b")
                            << 1;
    QTest::newRow("RLO") << QStringLiteral("hi \u202e]5000:5.0.0.01[ morf")
                         << QStringLiteral("hi \u27e8U+202E\u27e9]5000:5.0.0.01[ morf") << 1;
    QTest::newRow("isolates") << QStringLiteral("\u2067x\u2069")
                              << QStringLiteral("\u27e8U+2067\u27e9x\u27e8U+2069\u27e9") << 2;
    QTest::newRow("BOM") << QStringLiteral("\ufeffhi") << QStringLiteral("\u27e8U+FEFF\u27e9hi")
                         << 1;
    QTest::newRow("hebrew kept") << QStringLiteral("\u05e9\u05dc\u05d5\u05dd")
                                 << QStringLiteral("\u05e9\u05dc\u05d5\u05dd") << 0;
    QTest::newRow("emoji kept") << QStringLiteral("\U0001F600") << QStringLiteral("\U0001F600")
                                << 0;
    QTest::newRow("empty") << QString() << QString() << 0;
}

void tst_DisplayText::escapes()
{
    QFETCH(QString, input);
    QFETCH(QString, shown);
    QFETCH(int, escapes);
    const DisplayText d = sanitizeForDisplay(input);
    QCOMPARE(d.text, shown);
    QCOMPARE(d.escapes, escapes);
    QVERIFY(!d.isShortened());
    QVERIFY(isSafeForDisplay(d.text));
}

void tst_DisplayText::lineBreaks_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("shown");
    QTest::newRow("LF") << QStringLiteral("a\nb")
                        << QStringLiteral("a") + u'\n' + QStringLiteral("b");
    QTest::newRow("CRLF") << QStringLiteral("a\r\nb")
                          << QStringLiteral("a") + u'\n' + QStringLiteral("b");
    QTest::newRow("U+2028") << QStringLiteral("a\u2028b")
                            << QStringLiteral("a") + u'\n' + QStringLiteral("b");
    QTest::newRow("U+2029") << QStringLiteral("a\u2029b")
                            << QStringLiteral("a") + u'\n' + QStringLiteral("b");
    QTest::newRow("trailing LF") << QStringLiteral("a\n")
                                 << QStringLiteral("a") + u'\n' + QString();
}

void tst_DisplayText::lineBreaks()
{
    QFETCH(QString, input);
    QFETCH(QString, shown);
    QCOMPARE(sanitizeForDisplay(input).text, shown);
}

void tst_DisplayText::capsCombiningMarks()
{
    const QString flood = QStringLiteral("a") + QString(65000, QChar(0x0301)) + QStringLiteral("b");
    const DisplayText d = sanitizeForDisplay(flood);
    QCOMPARE(d.text, QStringLiteral("a") + QString(16, QChar(0x0301)) + QStringLiteral("b"));
    QCOMPARE(d.removedMarks, qsizetype(65000 - 16));

    // Realistic text with a few marks per base keeps all of them.
    const QString zalgo = QStringLiteral("e\u0301\u0302\u0303o\u0308");
    QCOMPARE(sanitizeForDisplay(zalgo).text, zalgo);
    QCOMPARE(sanitizeForDisplay(zalgo).removedMarks, qsizetype(0));
}

void tst_DisplayText::capsLength()
{
    const QString line(65536, u'x');
    const DisplayText d = sanitizeForDisplay(line);
    QCOMPARE(d.text.size(), 4096);
    QCOMPARE(d.hiddenChars, qsizetype(65536 - 4096));
    QCOMPARE(d.hiddenLines, 0);
    QVERIFY(d.isShortened());
}

void tst_DisplayText::capsLengthWithoutSplittingSurrogates()
{
    DisplayLimits limits;
    limits.maxChars = 5;
    const QString emoji = QStringLiteral("\U0001F600\U0001F600\U0001F600"); // 6 UTF-16 units
    const DisplayText d = sanitizeForDisplay(emoji, limits);
    QCOMPARE(d.text, QStringLiteral("\U0001F600\U0001F600"));
    QCOMPARE(d.hiddenChars, qsizetype(2));
}

void tst_DisplayText::capsLines()
{
    QStringList lines;
    for (int i = 0; i < 100; ++i)
        lines << QString::number(i);
    const DisplayText d = sanitizeForDisplay(lines.join(u'\n'));
    QCOMPARE(d.text.count(u'\n'), 11); // 12 lines shown
    QVERIFY(d.text.endsWith(QStringLiteral("11")));
    QCOMPARE(d.hiddenLines, 88);
    QVERIFY(d.hiddenChars > 0);
}

void tst_DisplayText::unboundedKeepsEverything()
{
    const QString big = QString(10000, u'y') + QStringLiteral("\n") + QString(30, u'\n');
    const DisplayText d = sanitizeForDisplay(big, DisplayLimits::unbounded());
    QVERIFY(!d.isShortened());
    QCOMPARE(d.text.count(u'y'), 10000);
    QCOMPARE(d.text.count(u'\n'), 31);
}

void tst_DisplayText::everyControlIsNeutralised()
{
    // Every code point below U+0100 and every bidi control, in one message.
    QString all;
    for (char32_t c = 0; c < 0x100; ++c)
        all += QChar(char16_t(c));
    for (char32_t c :
         {0x202Au, 0x202Bu, 0x202Cu, 0x202Du, 0x202Eu, 0x2066u, 0x2067u, 0x2068u, 0x2069u, 0xFEFFu})
        all += QChar(char16_t(c));
    const DisplayText d = sanitizeForDisplay(all);
    QVERIFY(isSafeForDisplay(d.text));
    QVERIFY(d.escapes > 60);
}

void tst_DisplayText::plainAsciiIsSharedNotCopied()
{
    // The flood case costs no copy; the same text one character past the bound is cut.
    const QString line = QStringLiteral("sensor 7: 21.5 C\tok");
    const DisplayText shown = sanitizeForDisplay(line);
    QCOMPARE(shown.text.constData(), line.constData()); // the same characters, not a copy
    QCOMPARE(shown.escapes, 0);
    QVERIFY(!shown.isShortened());
    const QString long_(4097, u'a');
    const DisplayText cut = sanitizeForDisplay(long_);
    QCOMPARE(cut.text, QString(4096, u'a'));
    QCOMPARE(cut.hiddenChars, 1);
    // Non-ASCII text takes the general path, copied in runs between escapes.
    const QString mixed = QStringLiteral("caf\u00e9 \x1b[0m \u4f60\u597d");
    QCOMPARE(sanitizeForDisplay(mixed).text,
             QStringLiteral("caf\u00e9 \u27e8ESC\u27e9[0m \u4f60\u597d"));
}

// Issue 15 #2: the bidi marks reordered digits ("Pay \u200f1000 - 10\u200f EUR" read
// "Pay 10 - 1000 EUR") and zero-width characters hid inside words ("ad\u200bmin" read "admin").
void tst_DisplayText::bidiMarksAndInvisiblesShown_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<int>("escapes");
    const auto esc = [](const char *name) {
        return QChar(0x27e8) + QLatin1String(name) + QChar(0x27e9);
    };
    QTest::newRow("RLM") << QStringLiteral("Pay \u200f1000 - 10\u200f EUR")
                         << QStringLiteral("Pay ") + esc("U+200F") + QStringLiteral("1000 - 10")
                                    + esc("U+200F") + QStringLiteral(" EUR")
                         << 2;
    QTest::newRow("ALM") << QStringLiteral("\u061c12 - 34\u061c")
                         << esc("U+061C") + QStringLiteral("12 - 34") + esc("U+061C") << 2;
    QTest::newRow("LRM") << QStringLiteral("a\u200eb") << QStringLiteral("a") + esc("U+200E") + u'b'
                         << 1;
    QTest::newRow("ZWSP") << QStringLiteral("ad\u200bmin")
                          << QStringLiteral("ad") + esc("U+200B") + QStringLiteral("min") << 1;
    QTest::newRow("ZWNJ ZWJ") << QStringLiteral("a\u200c\u200db")
                              << QStringLiteral("a") + esc("U+200C") + esc("U+200D") + u'b' << 2;
    QTest::newRow("word joiner") << QStringLiteral("a\u2060b")
                                 << QStringLiteral("a") + esc("U+2060") + u'b' << 1;
    QTest::newRow("ZWNBSP inside")
            << QStringLiteral("a\ufeffb") << QStringLiteral("a") + esc("U+FEFF") + u'b' << 1;
    QTest::newRow("soft hyphen") << QStringLiteral("ad\u00admin")
                                 << QStringLiteral("ad") + esc("U+00AD") + QStringLiteral("min")
                                 << 1;
    QTest::newRow("tag characters") << QStringLiteral("ok\U000E0041\U000E007F")
                                    << QStringLiteral("ok") + esc("U+E0041") + esc("U+E007F") << 2;
    QTest::newRow("neighbours kept") << QStringLiteral("\u200a\u2010\U000E0100")
                                     << QStringLiteral("\u200a\u2010\U000E0100") << 0;
}

void tst_DisplayText::bidiMarksAndInvisiblesShown()
{
    QFETCH(QString, input);
    QFETCH(QString, shown);
    QFETCH(int, escapes);
    const DisplayText d = sanitizeForDisplay(input);
    QCOMPARE(d.text, shown);
    QCOMPARE(d.escapes, escapes);
    QVERIFY(isSafeForDisplay(d.text));
    QCOMPARE(isSafeForDisplay(input), escapes == 0);
}

QTEST_APPLESS_MAIN(tst_DisplayText)
#include "tst_displaytext.moc"
