#include "core/text/hexcodec.h"

#include <QTest>

class tst_HexCodec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
    void formats();
};

void tst_HexCodec::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("spaced") << QStringLiteral("48 65 6c") << QByteArray("Hel");
    QTest::newRow("run") << QStringLiteral("48656c") << QByteArray("Hel");
    QTest::newRow("upper") << QStringLiteral("C4E3BAC3") << QByteArray("\xc4\xe3\xba\xc3");
    QTest::newRow("0x per byte") << QStringLiteral("0x48 0x65") << QByteArray("He");
    QTest::newRow("0X run") << QStringLiteral("0X48656C") << QByteArray("Hel");
    QTest::newRow("C array") << QStringLiteral("0x48, 0x65,0x6c") << QByteArray("Hel");
    QTest::newRow("colons") << QStringLiteral("48:65:6c") << QByteArray("Hel");
    QTest::newRow("tabs, newlines, around")
            << QStringLiteral("\t 48\n65  \r\n") << QByteArray("He");
    QTest::newRow("NUL and FF") << QStringLiteral("00 ff 00") << QByteArray("\0\xff\0", 3);
    QTest::newRow("empty") << QString() << QByteArray();
    QTest::newRow("only separators") << QStringLiteral(" , : ") << QByteArray();
}

void tst_HexCodec::parses()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    const HexCodec::Parsed parsed = HexCodec::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.bytes, bytes);
}

void tst_HexCodec::rejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");

    QTest::newRow("odd run") << QStringLiteral("abc")
                             << QStringLiteral("'abc' at position 1 has an odd number of hex "
                                               "digits; write each byte as two digits, for "
                                               "example 0a.");
    QTest::newRow("0x4 is not guessed")
            << QStringLiteral("41 0x4") << QStringLiteral("'0x4' at position 4 has an odd number");
    QTest::newRow("not hex") << QStringLiteral("48 6g")
                             << QStringLiteral("'g' at position 5 is not a hex digit.");
    QTest::newRow("bare 0x") << QStringLiteral("0x")
                             << QStringLiteral("'0x' at position 1 has no hex digits after it.");
    QTest::newRow("sign") << QStringLiteral("-1") << QStringLiteral("'-' at position 1");
    QTest::newRow("control shown escaped")
            << QStringLiteral("4\x1b") << QStringLiteral("'\\x1b' at position 2");
    QTest::newRow("full-width digit")
            << QString::fromUtf8("\xef\xbc\x91\xef\xbc\x91")
            << QString::fromUtf8("'\xef\xbc\x91' at position 1 is not a hex digit.");
}

void tst_HexCodec::rejects()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    const HexCodec::Parsed parsed = HexCodec::parse(text);
    QVERIFY(!parsed.ok());
    QVERIFY(parsed.bytes.isEmpty());
    QVERIFY2(parsed.error.startsWith(error), qPrintable(parsed.error));
}

void tst_HexCodec::formats()
{
    QCOMPARE(HexCodec::format(QByteArray("\x00\xff\x48", 3)), QStringLiteral("00ff48"));
    QCOMPARE(HexCodec::format(QByteArray("\x00\xff\x48", 3), ' '), QStringLiteral("00 ff 48"));
    QCOMPARE(HexCodec::format(QByteArray()), QString());
    const QByteArray all = [] {
        QByteArray b;
        for (int i = 0; i < 256; ++i)
            b.append(char(i));
        return b;
    }();
    QCOMPARE(HexCodec::parse(HexCodec::format(all, ' ')).bytes, all);
}

QTEST_APPLESS_MAIN(tst_HexCodec)
#include "tst_hexcodec.moc"
