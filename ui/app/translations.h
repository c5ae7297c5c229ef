#pragma once
// Translations: Qt's own strings (dialog buttons, the file dialog, context
// menus: the qtbase catalogue Debian ships in qt6-translations-l10n) and
// Musa's (embedded under :/i18n), both for one language, so a Spanish
// window is Spanish throughout.

#include <QLocale>
#include <QStringList>

class QCoreApplication;

namespace Translations {

/** Installs the catalogues found for `locale` on `app`; returns their names ("qtbase", "musa"). */
QStringList install(QCoreApplication& app, const QLocale& locale);

}  // namespace Translations
