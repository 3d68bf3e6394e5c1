#include "core/config/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace {
// Owned here and removed before new ones are installed, so switching back and forth works.
std::unique_ptr<QTranslator> s_own;
std::unique_ptr<QTranslator> s_qt;
} // namespace

QStringList Translations::available()
{
    return {QStringLiteral("zh_CN")};
}

QString Translations::resolve(const QString &setting)
{
    if (setting == QLatin1String("en") || available().contains(setting))
        return setting;
    const QLocale system;
    if (system.language() == QLocale::Chinese
        && system.script() != QLocale::TraditionalChineseScript)
        return QStringLiteral("zh_CN");
    return QStringLiteral("en");
}

bool Translations::apply(const QString &language)
{
    if (s_own)
        QCoreApplication::removeTranslator(s_own.get());
    if (s_qt)
        QCoreApplication::removeTranslator(s_qt.get());
    s_own.reset();
    s_qt.reset();

    auto own = std::make_unique<QTranslator>();
    if (!own->load(QStringLiteral(":/i18n/udpchat_%1.qm").arg(language)))
        return false;
    // English: only the plural forms of the source strings ("1 item", "2 items").
    if (language == QLatin1String("en")) {
        QCoreApplication::installTranslator(own.get());
        s_own = std::move(own);
        return true;
    }
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QStringLiteral("qtbase_%1").arg(language),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        s_qt = std::move(qt);
    }
    QCoreApplication::installTranslator(own.get());
    s_own = std::move(own);
    return true;
}
