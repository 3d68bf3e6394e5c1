// The window fits the screens people have: at 1024x700 (100 %) and 1280x800 (150 % and 200 %,
// set with QT_SCALE_FACTOR by CTest), in English and in Chinese, no label, button or field is
// narrower than it needs to show its text, and nothing lies outside the window. The docks give way
// before the chat does.

#include "core/config/translations.h"
#include "tests/support/guifixture.h"
#include "ui/chat/chatpage.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QStatusBar>
#include <QTest>

class tst_LayoutFit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nothingIsClipped_data();
    void nothingIsClipped();

private:
    QStringList clipped(QWidget *window) const;
};

void tst_LayoutFit::nothingIsClipped_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QSize>("screen"); // in device pixels, as the screen's resolution
    const qreal scale = qEnvironmentVariableIsSet("QT_SCALE_FACTOR")
                                ? qEnvironmentVariable("QT_SCALE_FACTOR").toDouble()
                                : 1.0;
    const QSize screen = scale > 1.0 ? QSize(1280, 800) : QSize(1024, 700);
    for (const char *language : {"en", "zh_CN"}) {
        QTest::addRow("%s %dx%d at %d %%", language, screen.width(), screen.height(),
                      int(scale * 100))
                << QString::fromLatin1(language) << screen / scale;
    }
}

QStringList tst_LayoutFit::clipped(QWidget *window) const
{
    QStringList problems;
    const QRect inside = window->rect();
    const auto widgets = window->findChildren<QWidget *>();
    for (const QWidget *w : widgets) {
        if (!w->isVisibleTo(window) || w->window() != window)
            continue;
        // Qt's own parts (dock title buttons, a line edit's clear button) are sized by the style.
        if (w->objectName().startsWith(QLatin1String("qt_"))
            || qobject_cast<const QLineEdit *>(w->parentWidget()))
            continue;
        QString what;
        int needed = 0;
        if (const auto *label = qobject_cast<const QLabel *>(w)) {
            if (label->wordWrap() || label->text().isEmpty())
                continue; // wrapping labels take the width they get, and grow in height
            what = label->text();
            needed = label->sizeHint().width();
        } else if (qobject_cast<const QAbstractButton *>(w) || qobject_cast<const QComboBox *>(w)
                   || qobject_cast<const QAbstractSpinBox *>(w)) {
            what = w->objectName();
            needed = w->minimumSizeHint().width();
        } else if (qobject_cast<const QLineEdit *>(w) && w->parentWidget()
                   && !qobject_cast<const QAbstractSpinBox *>(w->parentWidget())
                   && !qobject_cast<const QComboBox *>(w->parentWidget())) {
            what = w->objectName();
            needed = w->minimumSizeHint().width();
        } else {
            continue;
        }
        const QRect area(w->mapTo(window, QPoint(0, 0)), w->size());
        if (w->width() < needed)
            problems << QStringLiteral("%1 '%2' is %3 px wide, needs %4")
                                .arg(QString::fromLatin1(w->metaObject()->className()), what)
                                .arg(w->width())
                                .arg(needed);
        else if (!inside.contains(area))
            problems << QStringLiteral("%1 '%2' lies outside the window")
                                .arg(QString::fromLatin1(w->metaObject()->className()), what);
    }
    return problems;
}

void tst_LayoutFit::nothingIsClipped()
{
    QFETCH(QString, language);
    QFETCH(QSize, screen);
    QVERIFY(Translations::apply(language));
    GuiFixture fx;
    QVERIFY(fx.start());
    MainWindow &window = fx.window();
    // A window that needs more than the screen would be cut off by it, even maximised.
    QVERIFY2(window.minimumSizeHint().width() <= screen.width()
                     && window.minimumSizeHint().height() <= screen.height(),
             qPrintable(QStringLiteral("the window needs %1 x %2")
                                .arg(window.minimumSizeHint().width())
                                .arg(window.minimumSizeHint().height())));
    window.resize(screen);
    QTRY_COMPARE(window.size(), screen);
    QCoreApplication::processEvents(); // the docks' new widths are laid out
    const QStringList problems = clipped(&window);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("\n  "))));
    // The chat keeps a useful width: the docks gave way first.
    QVERIFY2(window.chatPage()->width() >= screen.width() / 2,
             qPrintable(QStringLiteral("the chat is %1 px wide").arg(window.chatPage()->width())));
    Translations::apply(QStringLiteral("en"));
}

QTEST_MAIN(tst_LayoutFit)
#include "tst_layoutfit.moc"
