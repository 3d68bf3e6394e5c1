// Colours come from the palette (issue 19): the error red, the warning amber and the delivered
// green read at 4.5:1 or more (WCAG AA) on light and dark palettes, in the real window too.

#include "tests/support/guifixture.h"
#include "ui/common/statuscolors.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QTest>

class tst_StatusColors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyToneReadsOnEveryBackground_data();
    void everyToneReadsOnEveryBackground();
    void contrastIsComputedAsWcagDoes();
    void errorsInTheWindowReadOnADarkTheme();
};

void tst_StatusColors::everyToneReadsOnEveryBackground_data()
{
    QTest::addColumn<QColor>("background");
    QTest::newRow("white") << QColor(Qt::white);
    QTest::newRow("Fusion light") << QColor(0xef, 0xef, 0xef);
    QTest::newRow("mid grey") << QColor(0x77, 0x77, 0x77);
    QTest::newRow("grey") << QColor(0x99, 0x99, 0x99);
    QTest::newRow("Fusion dark") << QColor(0x35, 0x35, 0x35);
    QTest::newRow("Breeze dark") << QColor(0x23, 0x26, 0x29);
    QTest::newRow("black") << QColor(Qt::black);
}

void tst_StatusColors::everyToneReadsOnEveryBackground()
{
    QFETCH(QColor, background);
    for (const StatusTone tone : {StatusTone::Alarm, StatusTone::Warning, StatusTone::Success}) {
        const double ratio = contrastRatio(statusColor(tone, background), background);
        QVERIFY2(ratio >= 4.5,
                 qPrintable(QStringLiteral("tone %1: %2:1").arg(int(tone)).arg(ratio, 0, 'f', 2)));
    }
}

void tst_StatusColors::contrastIsComputedAsWcagDoes()
{
    QCOMPARE(qRound(contrastRatio(Qt::black, Qt::white) * 10), 210);
    QCOMPARE(contrastRatio(Qt::red, Qt::red), 1.0);
    // The red the window used before, on a dark theme: below AA, as the issue measured.
    QVERIFY(contrastRatio(QColor(0xc6, 0x28, 0x28), QColor(0x35, 0x35, 0x35)) < 3.0);
}

void tst_StatusColors::errorsInTheWindowReadOnADarkTheme()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::WindowText, Qt::white);
    dark.setColor(QPalette::Base, QColor(0x23, 0x23, 0x23));
    dark.setColor(QPalette::Text, Qt::white);
    const QPalette before = QApplication::palette();
    QApplication::setPalette(dark);
    GuiFixture fx;
    QVERIFY(fx.start());
    auto *address = fx.child<QLineEdit>("targetAddressEdit");
    address->setText(QStringLiteral("10.1")); // a short form: refused with a sentence
    auto *error = fx.child<QLabel>("targetErrorLabel");
    QVERIFY(error->isVisible());
    const QPalette shown = error->palette();
    const double ratio =
            contrastRatio(shown.color(QPalette::WindowText), shown.color(error->backgroundRole()));
    QVERIFY2(ratio >= 4.5, qPrintable(QString::number(ratio)));
    QApplication::setPalette(before);
}

QTEST_MAIN(tst_StatusColors)
#include "tst_statuscolors.moc"
