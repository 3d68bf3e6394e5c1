#include "core/text/textcodec.h"

#include <QTest>

class tst_TextCodec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void utf8RoundTrip_data();
    void utf8RoundTrip();
    void keepsNulBytes();
    void invalidUtf8_data();
    void invalidUtf8();
    void eachDecodeIsIndependent();
    void keepsLeadingBom();
    void emptyPayload();
    void gbkIsAvailable();
    void unknownEncoding();
    void availableEncodings();
    void refusesUnrepresentableText_data();
    void refusesUnrepresentableText();
};

void tst_TextCodec::utf8RoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("ascii") << QStringLiteral("hello") << QByteArray("hello");
    QTest::newRow("chinese") << QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd")
                             << QByteArray("\xe4\xbd\xa0\xe5\xa5\xbd");
    QTest::newRow("emoji") << QString::fromUtf8("\xf0\x9f\x98\x80")
                           << QByteArray("\xf0\x9f\x98\x80");
    QTest::newRow("newline, no trailing") << QStringLiteral("a\nb") << QByteArray("a\nb");
    QTest::newRow("nbsp kept") << QString(QChar(0x00a0)) << QByteArray("\xc2\xa0");
}

void tst_TextCodec::utf8RoundTrip()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    const TextCodec codec;
    const auto encoded = codec.encode(text);
    QVERIFY(encoded.valid);
    QCOMPARE(encoded.bytes, bytes);
    const auto decoded = codec.decode(bytes);
    QVERIFY(decoded.valid);
    QCOMPARE(decoded.text, text);
}

void tst_TextCodec::keepsNulBytes()
{
    const QByteArray bytes("a\0b\0", 4);
    const auto decoded = TextCodec().decode(bytes);
    QCOMPARE(decoded.text.size(), 4);
    QCOMPARE(decoded.text.at(1), QChar(0));
    QCOMPARE(decoded.text.at(2), QChar(u'b'));
}

void tst_TextCodec::invalidUtf8_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    const QChar r = QChar::ReplacementCharacter;
    QTest::newRow("lone FF") << QByteArray("a\xff"
                                           "b")
                             << QString(u'a') + r + u'b';
    QTest::newRow("overlong") << QByteArray("\xc0\xaf") << QString(2, r);
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QString(3, r);
    QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << QString(4, r);
    QTest::newRow("truncated tail") << QByteArray("ab\xe2\x82") << QStringLiteral("ab") + r + r;
    QTest::newRow("gbk bytes") << QByteArray("\xc4\xe3\xba\xc3") << QString();
}

void tst_TextCodec::invalidUtf8()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    const auto decoded = TextCodec().decode(bytes);
    QVERIFY(!decoded.valid);
    QVERIFY(decoded.text.contains(QChar::ReplacementCharacter));
    if (!text.isNull())
        QCOMPARE(decoded.text, text);
}

void tst_TextCodec::eachDecodeIsIndependent()
{
    // A datagram ending in half a character must not change how the next one decodes.
    const TextCodec codec;
    const auto first = codec.decode(QByteArray("x\xe2\x82"));
    QVERIFY(!first.valid);
    const auto second = codec.decode(QByteArray("\xac"
                                                "cd"));
    QVERIFY(!second.valid);
    QCOMPARE(second.text, QString(QChar::ReplacementCharacter) + QStringLiteral("cd"));
}

void tst_TextCodec::keepsLeadingBom()
{
    const auto decoded = TextCodec().decode(QByteArray("\xef\xbb\xbfhi"));
    QCOMPARE(decoded.text, QString(QChar(0xfeff)) + QStringLiteral("hi"));
}

void tst_TextCodec::emptyPayload()
{
    const auto decoded = TextCodec().decode(QByteArray());
    QVERIFY(decoded.valid);
    QVERIFY(decoded.text.isEmpty());
    QVERIFY(TextCodec().encode(QString()).bytes.isEmpty());
}

void tst_TextCodec::gbkIsAvailable()
{
    // Debian's Qt is built with ICU; the tutorial's Windows peers send GBK.
    const TextCodec gbk(QStringLiteral("GBK"));
    QVERIFY(gbk.isAvailable());
    const auto decoded = gbk.decode(QByteArray("\xc4\xe3\xba\xc3"));
    QVERIFY(decoded.valid);
    QCOMPARE(decoded.text, QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd"));
    QCOMPARE(gbk.encode(decoded.text).bytes, QByteArray("\xc4\xe3\xba\xc3"));
}

void tst_TextCodec::unknownEncoding()
{
    const TextCodec codec(QStringLiteral("no-such-encoding"));
    QVERIFY(!codec.isAvailable());
    QVERIFY(!codec.decode(QByteArray("abc")).valid);
    QVERIFY(!codec.encode(QStringLiteral("abc")).valid);
}

void tst_TextCodec::availableEncodings()
{
    const QStringList names = TextCodec::availableEncodings();
    QCOMPARE(names.constFirst(), QStringLiteral("UTF-8"));
    // Debian's ICU build has every candidate; a missing one would shrink what users can pick.
    QCOMPARE(names, (QStringList{QStringLiteral("UTF-8"), QStringLiteral("GB18030"),
                                 QStringLiteral("GBK"), QStringLiteral("Big5"),
                                 QStringLiteral("Shift_JIS"), QStringLiteral("UTF-16LE"),
                                 QStringLiteral("UTF-16BE"), QStringLiteral("ISO-8859-1")}));
    for (const QString &name : names)
        QVERIFY2(TextCodec(name).isAvailable(), qPrintable(name));
}

void tst_TextCodec::refusesUnrepresentableText_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("bytes"); // checked when valid

    const QString ni = QString::fromUtf8("\xe4\xbd\xa0");
    const QString emoji = QString::fromUtf8("\xf0\x9f\x98\x80");
    QTest::newRow("Latin-1 e-acute")
            << QStringLiteral("ISO-8859-1") << QString(QChar(0xe9)) << true << QByteArray("\xe9");
    QTest::newRow("Latin-1 y-diaeresis, last of the range")
            << QStringLiteral("ISO-8859-1") << QString(QChar(0xff)) << true << QByteArray("\xff");
    // Qt 6.4 writes '?' here and, stateless, reports no error: TextCodec must catch it.
    QTest::newRow("Latin-1 chinese") << QStringLiteral("ISO-8859-1") << ni << false << QByteArray();
    QTest::newRow("Latin-1 euro sign")
            << QStringLiteral("ISO-8859-1") << QString(QChar(0x20ac)) << false << QByteArray();
    QTest::newRow("GBK emoji") << QStringLiteral("GBK") << emoji << false << QByteArray();
    QTest::newRow("Big5 emoji") << QStringLiteral("Big5") << emoji << false << QByteArray();
    QTest::newRow("Shift_JIS emoji")
            << QStringLiteral("Shift_JIS") << emoji << false << QByteArray();
    QTest::newRow("GB18030 emoji (all of Unicode)")
            << QStringLiteral("GB18030") << emoji << true << QByteArray("\x94\x39\xfc\x36");
}

void tst_TextCodec::refusesUnrepresentableText()
{
    QFETCH(QString, encoding);
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QByteArray, bytes);
    const auto encoded = TextCodec(encoding).encode(text);
    QCOMPARE(encoded.valid, valid);
    if (valid)
        QCOMPARE(encoded.bytes, bytes);
}

QTEST_APPLESS_MAIN(tst_TextCodec)
#include "tst_textcodec.moc"
