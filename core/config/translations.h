#pragma once

#include <QString>
#include <QStringList>

/// The languages udpchat is translated to, and loading them. The catalogues are embedded
/// (":/i18n/udpchat_<lang>.qm", built from translations/*.ts); Qt's own catalogues for standard
/// dialogs come from Qt's translations directory when installed (qt6-translations-l10n).
namespace Translations {

/// Language codes with a catalogue, besides the English of the source: {"zh_CN"}.
QStringList available();

/// The language to use for a setting: "" (the system's), "en" or an available() code. The
/// system locale picks a catalogue when one fits it (zh_CN, zh_SG, zh_Hans...).
QString resolve(const QString &setting);

/// Installs the catalogues for @p language ("en": plural forms only) into the application,
/// replacing what an earlier call installed; widgets get a LanguageChange event.
/// Returns false when the language has no catalogue.
bool apply(const QString &language);

} // namespace Translations
