#include "ui/app/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

QStringList Translations::install(QCoreApplication& app, const QLocale& locale) {
  QStringList installed;
  const auto load = [&](const QString& name, const QString& folder) {
    auto* translator = new QTranslator(&app);
    if (translator->load(locale, name, QStringLiteral("_"), folder) &&
        QCoreApplication::installTranslator(translator)) {
      installed << name;
    } else {
      delete translator;
    }
  };
  // Qt's first: Musa's, installed last, is asked first where both translate a string.
  load(QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
  load(QStringLiteral("musa"), QStringLiteral(":/i18n"));
  return installed;
}
