#include "core/text/textescape.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {
QString u16(std::initializer_list<char16_t> units)
{
    QString s;
    for (char16_t u : units)
        s.append(QChar(u));
    return s;
}
} // namespace

class tst_TextEscape : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void forTerminal_data();
    void forTerminal();
    void terminalOutputHasNoUnsafeCharacter();
    void jsonString_data();
    void jsonString();
    void jsonStringParsesBack_data();
    void jsonStringParsesBack();
    void invisiblesEscaped_data();
    void invisiblesEscaped();
};

void tst_TextEscape::forTerminal_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("escaped");

    QTest::newRow("plain") << QStringLiteral("hello") << QStringLiteral("hello");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("chinese kept") << QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd")
                                  << QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd");
    QTest::newRow("emoji kept (surrogate pair)")
            << QString::fromUtf8("\xf0\x9f\x98\x80") << QString::fromUtf8("\xf0\x9f\x98\x80");
    QTest::newRow("backslash") << QStringLiteral("a\\b") << QStringLiteral("a\\\\b");
    QTest::newRow("named") << QStringLiteral("a\tb\nc\rd") << QStringLiteral("a\\tb\\nc\\rd");
    QTest::newRow("escape sequence")
            << QStringLiteral("\x1b[31mred") << QStringLiteral("\\x1b[31mred");
    QTest::newRow("NUL and BEL") << u16({0, u'x', 7}) << QStringLiteral("\\x00x\\x07");
    QTest::newRow("DEL") << u16({0x7f}) << QStringLiteral("\\x7f");
    QTest::newRow("C1 CSI and NEL")
            << u16({0x9b, u'2', u'J', 0x85}) << QStringLiteral("\\u009b2J\\u0085");
    QTest::newRow("last before C1, first after")
            << u16({0x7e, 0xa0}) << u16({0x7e, 0xa0}); // ~ and NBSP are printable
    QTest::newRow("bidi override forging a sender")
            << QStringLiteral("hi ") + u16({0x202e}) + QStringLiteral("]0005:5.0.0.01[")
            << QStringLiteral("hi \\u202e]0005:5.0.0.01[");
    QTest::newRow("bidi embeddings and isolates")
            << u16({0x202a, 0x202b, 0x202c, 0x202d, 0x2066, 0x2067, 0x2068, 0x2069})
            << QStringLiteral("\\u202a\\u202b\\u202c\\u202d\\u2066\\u2067\\u2068\\u2069");
    QTest::newRow("bidi marks") << u16({0x200e, 0x200f, 0x061c})
                                << QStringLiteral("\\u200e\\u200f\\u061c");
    QTest::newRow("line separators") << u16({0x2028, 0x2029}) << QStringLiteral("\\u2028\\u2029");
    QTest::newRow("neighbours kept")
            << u16({0x2027, 0x202f, 0x2065, 0x206a}) << u16({0x2027, 0x202f, 0x2065, 0x206a});
    QTest::newRow("lone high surrogate")
            << u16({u'a', 0xd83d, u'b'}) << QStringLiteral("a\\ud83db");
    QTest::newRow("lone low surrogate at end") << u16({u'a', 0xde00}) << QStringLiteral("a\\ude00");
    QTest::newRow("replacement character kept") << u16({0xfffd}) << u16({0xfffd});
}

void tst_TextEscape::forTerminal()
{
    QFETCH(QString, text);
    QFETCH(QString, escaped);
    QCOMPARE(TextEscape::forTerminal(text), escaped);
}

void tst_TextEscape::terminalOutputHasNoUnsafeCharacter()
{
    // Every UTF-16 code unit, each alone: the output is printable and unambiguous.
    for (uint c = 0; c <= 0xffff; ++c) {
        const QString in{QChar(char16_t(c))};
        const QString out = TextEscape::forTerminal(in);
        for (QChar ch : out) {
            QVERIFY2(!TextEscape::isUnsafe(ch.unicode()) && !ch.isSurrogate(),
                     qPrintable(QString::number(c, 16)));
        }
        if (out != in)
            QVERIFY2(out.startsWith(u'\\'), qPrintable(QString::number(c, 16)));
    }
}

void tst_TextEscape::jsonString_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("plain") << QStringLiteral("hello") << QByteArray("\"hello\"");
    QTest::newRow("empty") << QString() << QByteArray("\"\"");
    QTest::newRow("quote and backslash")
            << QStringLiteral("a\"b\\c") << QByteArray("\"a\\\"b\\\\c\"");
    QTest::newRow("named controls")
            << QStringLiteral("\b\f\n\r\t") << QByteArray("\"\\b\\f\\n\\r\\t\"");
    QTest::newRow("other controls")
            << u16({0, 0x1b, 0x7f, 0x9b}) << QByteArray("\"\\u0000\\u001b\\u007f\\u009b\"");
    QTest::newRow("bidi") << u16({0x202e, 0x2066}) << QByteArray("\"\\u202e\\u2066\"");
    QTest::newRow("utf-8 kept") << QString::fromUtf8("\xe4\xbd\xa0\xf0\x9f\x98\x80")
                                << QByteArray("\"\xe4\xbd\xa0\xf0\x9f\x98\x80\"");
    QTest::newRow("lone surrogate") << u16({0xd800}) << QByteArray("\"\\ud800\"");
    QTest::newRow("slash not escaped") << QStringLiteral("a/b") << QByteArray("\"a/b\"");
}

void tst_TextEscape::jsonString()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, json);
    QCOMPARE(TextEscape::jsonString(text), json);
}

void tst_TextEscape::jsonStringParsesBack_data()
{
    QTest::addColumn<QString>("text");
    QString everyUnit; // all of the BMP except surrogates, NUL included
    for (uint c = 0; c <= 0xffff; ++c) {
        if (!QChar::isSurrogate(c))
            everyUnit.append(QChar(char16_t(c)));
    }
    QTest::newRow("every BMP character") << everyUnit;
    QTest::newRow("astral") << QString::fromUtf8("\xf0\x9f\x98\x80\xf0\x90\x8d\x88");
    QTest::newRow("quotes") << QStringLiteral("\"\\\"\\\\");
}

void tst_TextEscape::jsonStringParsesBack()
{
    QFETCH(QString, text);
    const QByteArray document = "{\"k\":" + TextEscape::jsonString(text) + '}';
    QJsonParseError error;
    const QJsonDocument parsed = QJsonDocument::fromJson(document, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(parsed.object().value(QStringLiteral("k")).toString(), text);
    for (char byte : document)
        QVERIFY(uchar(byte) >= 0x20 && byte != 0x7f); // no raw control byte on the line
}

// Issue 15 #2: characters that draw nothing were printed raw, so "ad\u200bmin" read "admin".
void tst_TextEscape::invisiblesEscaped_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("terminal");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("ZWSP") << QStringLiteral("ad\u200bmin") << QStringLiteral("ad\\u200bmin")
                          << QByteArray("\"ad\\u200bmin\"");
    QTest::newRow("ZWNJ ZWJ word joiner")
            << u16({0x200c, 0x200d, 0x2060}) << QStringLiteral("\\u200c\\u200d\\u2060")
            << QByteArray("\"\\u200c\\u200d\\u2060\"");
    QTest::newRow("BOM and soft hyphen")
            << u16({0xfeff, u'a', 0x00ad}) << QStringLiteral("\\ufeffa\\u00ad")
            << QByteArray("\"\\ufeffa\\u00ad\"");
    QTest::newRow("tag characters") << QStringLiteral("x\U000E0041\U000E007Fy")
                                    << QStringLiteral("x\\U000e0041\\U000e007fy")
                                    << QByteArray("\"x\\udb40\\udc41\\udb40\\udc7fy\"");
    QTest::newRow("other astral kept")
            << QStringLiteral("\U000E0100\U0001F600") << QStringLiteral("\U000E0100\U0001F600")
            << QStringLiteral("\"\U000E0100\U0001F600\"").toUtf8();
}

void tst_TextEscape::invisiblesEscaped()
{
    QFETCH(QString, text);
    QFETCH(QString, terminal);
    QFETCH(QByteArray, json);
    QCOMPARE(TextEscape::forTerminal(text), terminal);
    QCOMPARE(TextEscape::jsonString(text), json);
    const QByteArray document = "{\"k\":" + json + '}';
    QCOMPARE(QJsonDocument::fromJson(document).object().value(QStringLiteral("k")).toString(),
             text);
}

QTEST_APPLESS_MAIN(tst_TextEscape)
#include "tst_textescape.moc"
