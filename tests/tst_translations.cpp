// The zh_CN catalogue from resources: the main window's visible strings are all translated, and
// switching languages from the menu retranslates the open window.

#include "core/config/settings.h"
#include "core/config/translations.h"
#include "core/session/chatsession.h"
#include "tests/support/guifixture.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

namespace {
// Latin letters left once names, protocols and key names are taken out: English text.
QString englishIn(QString text)
{
    static const QRegularExpression allowed(QStringLiteral(
            "IP "
            "Messenger|\\(&[A-Z]\\)|udpchat|Qt|UDP|IPv4|IPv6|IP|Enter|Shift|e\\.g\\.|fd00::2|fe80::"
            "1%eth0|"
            "\\{seq\\}|UTF-8|UTF-16LE|UTF-16BE|GB18030|GBK|Big5|Shift_JIS|ISO-8859-1|"
            "Wi-Fi|iptux|FeiQ"));
    text.remove(allowed);
    static const QRegularExpression latin(QStringLiteral("[A-Za-z]{2,}"));
    const auto match = latin.match(text);
    return match.hasMatch() ? match.captured() : QString();
}
} // namespace

class tst_Translations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void resolvesTheSystemLanguage();
    void mainWindowIsFullyTranslated();
    void languageMenuSwitchesLive();

private:
    QStringList visibleTexts() const;

    std::unique_ptr<GuiFixture> m_fx;
};

void tst_Translations::init()
{
    // A Chinese system: the window starts in Chinese, as it would for its user.
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    m_fx = std::make_unique<GuiFixture>();
    QVERIFY(m_fx->start());
}

void tst_Translations::cleanup()
{
    m_fx.reset();
    QLocale::setDefault(QLocale::system());
    Translations::apply(QStringLiteral("en"));
}

QStringList tst_Translations::visibleTexts() const
{
    QStringList texts;
    for (const QMenu *menu : m_fx->window().menuBar()->findChildren<QMenu *>()) {
        texts << menu->title();
        for (const QAction *action : menu->actions()) {
            // Language names are written in their own language on purpose.
            if (!action->isSeparator()
                && !action->objectName().startsWith(QLatin1String("language_")))
                texts << action->text();
        }
    }
    for (const QLabel *label : m_fx->window().findChildren<QLabel *>()) {
        if (label->isVisible())
            texts << label->text();
    }
    for (const QAbstractButton *button : m_fx->window().findChildren<QAbstractButton *>()) {
        if (button->isVisible())
            texts << button->text() << button->toolTip();
    }
    for (const QLineEdit *edit : m_fx->window().findChildren<QLineEdit *>())
        texts << edit->placeholderText() << edit->toolTip();
    for (const QPlainTextEdit *edit : m_fx->window().findChildren<QPlainTextEdit *>())
        texts << edit->placeholderText();
    const auto *spin = m_fx->window().findChild<QSpinBox *>(QStringLiteral("bindPortSpin"));
    texts << spin->specialValueText() << spin->toolTip();
    for (const char *name : {"repeatIntervalSpin", "repeatCountSpin"}) {
        const auto *repeat = m_fx->window().findChild<QSpinBox *>(QLatin1String(name));
        texts << repeat->specialValueText() << repeat->toolTip() << repeat->suffix()
              << repeat->prefix();
    }
    for (const QComboBox *combo : m_fx->window().findChildren<QComboBox *>())
        texts << combo->toolTip();
    texts.removeAll(QString());
    return texts;
}

void tst_Translations::resolvesTheSystemLanguage()
{
    QCOMPARE(Translations::resolve(QStringLiteral("en")), QStringLiteral("en"));
    QCOMPARE(Translations::resolve(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    QCOMPARE(Translations::resolve(QStringLiteral("xx")), Translations::resolve(QString()));
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    QCOMPARE(Translations::resolve(QString()), QStringLiteral("zh_CN"));
    QLocale::setDefault(
            QLocale(QLocale::Chinese, QLocale::TraditionalChineseScript, QLocale::Taiwan));
    QCOMPARE(Translations::resolve(QString()), QStringLiteral("en"));
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(Translations::resolve(QString()), QStringLiteral("en"));
    QLocale::setDefault(before);
    QVERIFY(!Translations::apply(QStringLiteral("xx")));
}

void tst_Translations::mainWindowIsFullyTranslated()
{
    const QStringList texts = visibleTexts();
    QVERIFY(texts.size() > 20);
    for (const QString &text : texts)
        QVERIFY2(englishIn(text).isEmpty(), qPrintable(QStringLiteral("English left: ") + text));
    // And the catalogue really is Chinese: the Send button.
    const auto *send = m_fx->window().findChild<QAbstractButton *>(QStringLiteral("sendButton"));
    QCOMPARE(send->text(), QStringLiteral("\u53d1\u9001(&S)"));
    const auto *status = m_fx->window().findChild<QLabel *>(QStringLiteral("listenStatusLabel"));
    QVERIFY2(status->text().contains(QString::number(m_fx->port())), qPrintable(status->text()));
}

void tst_Translations::languageMenuSwitchesLive()
{
    const auto *send = m_fx->window().findChild<QAbstractButton *>(QStringLiteral("sendButton"));
    auto *english = m_fx->window().findChild<QAction *>(QStringLiteral("language_en_Action"));
    auto *chinese = m_fx->window().findChild<QAction *>(QStringLiteral("language_zh_CN_Action"));
    QVERIFY(english && chinese);

    english->trigger();
    QTRY_COMPARE(send->text(), QStringLiteral("&Send"));
    const auto *status = m_fx->window().findChild<QLabel *>(QStringLiteral("listenStatusLabel"));
    QVERIFY(status->text().startsWith(QStringLiteral("Listening on UDP port")));
    QCOMPARE(m_fx->settings().language(), QStringLiteral("en"));

    chinese->trigger();
    QTRY_COMPARE(send->text(), QStringLiteral("\u53d1\u9001(&S)"));
    QVERIFY(englishIn(status->text()).isEmpty());
    QCOMPARE(m_fx->settings().language(), QStringLiteral("zh_CN"));
    QVERIFY(chinese->isChecked());
}

QTEST_MAIN(tst_Translations)
#include "tst_translations.moc"
