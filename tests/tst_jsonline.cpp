#include "core/text/jsonline.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class tst_JsonLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void empty();
    void keepsOrderAndTypes();
    void escapesValues();
};

void tst_JsonLine::empty()
{
    QCOMPARE(JsonLine().toLine(), QByteArray("{}\n"));
}

void tst_JsonLine::keepsOrderAndTypes()
{
    const QByteArray line = JsonLine()
                                    .addString(u"time", u"2026-01-02T03:04:05.678Z")
                                    .addNumber(u"port", 65535)
                                    .addNumber(u"big", Q_INT64_C(-9007199254740993))
                                    .addBool(u"valid", false)
                                    .addBool(u"ok", true)
                                    .toLine();
    QCOMPARE(line, QByteArray("{\"time\":\"2026-01-02T03:04:05.678Z\",\"port\":65535,"
                              "\"big\":-9007199254740993,\"valid\":false,\"ok\":true}"
                              "\n"));
}

void tst_JsonLine::escapesValues()
{
    const QString text = QStringLiteral("a\"\n\x1b") + QChar(0x202e);
    const QByteArray line = JsonLine().addString(u"text", text).toLine();
    QCOMPARE(line, QByteArray("{\"text\":\"a\\\"\\n\\u001b\\u202e\"}"
                              "\n"));
    QCOMPARE(line.count('\n'), 1); // exactly one line, whatever the text
    const QJsonObject parsed = QJsonDocument::fromJson(line).object();
    QCOMPARE(parsed.value(QStringLiteral("text")).toString(), text);
}

QTEST_APPLESS_MAIN(tst_JsonLine)
#include "tst_jsonline.moc"
