// musa: the desktop app. Parses the command line, installs translations and
// the theme, opens the main window; screenshot and timing options serve
// tools/screenshots.sh and the start-up measurement.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>
#include <cstdio>

#include "core/project/primer.h"
#include "ui/app/mainwindow.h"
#include "ui/app/theme.h"
#include "ui/generate/generationcontroller.h"
#include "ui/generate/generationcontrols.h"
#include "ui/playback/audioengine.h"
#include "ui/primer/primerdocument.h"
#include "ui/project/projectcontroller.h"

namespace {

void installTranslations(QApplication& app) {
  const QLocale locale = QLocale::system();
  auto* qt = new QTranslator(&app);
  if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QApplication::installTranslator(qt);
  auto* musa = new QTranslator(&app);
  if (musa->load(locale, QStringLiteral("musa"), QStringLiteral("_"), QStringLiteral(":/i18n")))
    QApplication::installTranslator(musa);
}

/** "60 -2 62 -2 64": melody events (pitch, -2 hold, -1 silence) as the primer. */
std::vector<musa::PrimerNote> parsePrimer(const QString& text) {
  std::vector<int> events;
  for (const QString& token : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) events.push_back(token.toInt());
  return musa::primer_notes_from_events(events, 1);
}

/** Saves a grab of the window once it has settled, then quits. */
void screenshotWhenReady(MainWindow& window, const QString& path) {
  QTimer::singleShot(400, &window, [&window, path] {
    window.grab().save(path);
    std::printf("screenshot: %s\n", qPrintable(path));
    // exit(), not quit(): quit() closes the window first, which would ask to save the takes.
    QApplication::exit(0);
  });
}

}  // namespace

int main(int argc, char** argv) {
  QElapsedTimer since_start;
  since_start.start();
  qputenv("JACK_NO_START_SERVER", "1");  // libjack must not spawn jackd (a 6 s hang)
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("Musa"));
  QApplication::setApplicationName(QStringLiteral("Musa"));
  QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
  QApplication::setDesktopFileName(QStringLiteral("org.musa.Musa"));
  installTranslations(app);
  Theme::apply(app);

  QCommandLineParser parser;
  parser.setApplicationDescription(QApplication::translate("main", "Musa: a melody-composition assistant."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption model({QStringLiteral("m"), QStringLiteral("model")},
                                 QApplication::translate("main", "Model file (default: $MUSA_MODEL or the shipped model)."),
                                 QStringLiteral("file"));
  const QCommandLineOption soundfont(QStringLiteral("soundfont"), QApplication::translate("main", "SoundFont (.sf2/.sf3)."),
                                     QStringLiteral("file"));
  const QCommandLineOption no_audio(QStringLiteral("no-audio"), QApplication::translate("main", "Do not load the soundfont."));
  const QCommandLineOption generate(QStringLiteral("generate-on-start"),
                                    QApplication::translate("main", "Generate takes as soon as the model is loaded."));
  const QCommandLineOption seed(QStringLiteral("seed"), QApplication::translate("main", "Lock the seed to this value."),
                                QStringLiteral("n"));
  const QCommandLineOption primer(QStringLiteral("primer"),
                                  QApplication::translate("main", "Primer as melody events: \"60 -2 62\" (-2 hold, -1 rest)."),
                                  QStringLiteral("events"));
  const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                      QApplication::translate("main", "Save a picture of the window to this file and quit."),
                                      QStringLiteral("png"));
  const QCommandLineOption timings(QStringLiteral("timings"),
                                   QApplication::translate("main", "Print start-up timings (window, model, audio) and quit."));
  parser.addOptions({model, soundfont, no_audio, generate, seed, primer, screenshot, timings});
  parser.addPositionalArgument(QStringLiteral("file"),
                               QApplication::translate("main", "A Musa project (.musa) to open."),
                               QStringLiteral("[file]"));
  parser.process(app);

  AppOptions options;
  options.model_path = parser.value(model);
  options.soundfont_path = parser.value(soundfont);
  options.audio = !parser.isSet(no_audio);
  const bool scripted = parser.isSet(screenshot) || parser.isSet(timings);
  if (scripted) {
    options.remember = false;  // a scripted run neither reads nor changes the musician's settings
    options.restore = AppOptions::Restore::Never;
    options.data_folder = QDir::temp().filePath(QStringLiteral("musa-scripted-%1").arg(QApplication::applicationPid()));
  }
  MainWindow window(options);
  if (parser.isSet(seed)) {
    musa::GenerationSettings s = window.controls()->settings();
    s.seed_locked = true;
    s.seed = parser.value(seed).toULongLong();
    window.controls()->setSettings(s);
  }
  if (parser.isSet(primer)) window.primer()->reset(parsePrimer(parser.value(primer)));
  window.show();
  if (const QStringList files = parser.positionalArguments(); !files.isEmpty()) {
    // After the crash-restore offer (queued first): restored work is asked about before it is replaced.
    QTimer::singleShot(0, window.project(), [project = window.project(), path = files.first()] {
      if (project->maybeSave()) project->openProject(path);
    });
  }

  if (parser.isSet(timings)) {
    // "Usable" = the event loop turns with the window shown; model and soundfont arrive later.
    QTimer::singleShot(0, &window, [&] { std::printf("window usable after %lld ms\n", since_start.elapsed()); });
    QObject::connect(window.generation(), &GenerationController::modelLoaded, &window, [&](const QString&, double) {
      std::printf("model loaded after %lld ms\n", since_start.elapsed());
    });
    const auto audioDone = [&] {
      std::printf("soundfont ready after %lld ms (%s)\n", since_start.elapsed(), qPrintable(window.audio()->stateText()));
      QTimer::singleShot(100, &app, [] { QApplication::exit(0); });
    };
    QObject::connect(window.audio(), &AudioEngine::outputReady, &window, audioDone);
    QObject::connect(window.audio(), &AudioEngine::outputUnavailable, &window, audioDone);
    QObject::connect(window.audio(), &AudioEngine::soundfontUnavailable, &window, audioDone);
    if (!options.audio) QTimer::singleShot(1500, &app, [] { QApplication::exit(0); });
  }
  if (parser.isSet(generate)) {
    QObject::connect(window.generation(), &GenerationController::modelLoaded, window.generation(),
                     &GenerationController::generate);
  }
  if (parser.isSet(screenshot)) {
    const QString path = parser.value(screenshot);
    // A model that fails to load is a picture too (of the message), not a hang.
    QObject::connect(window.generation(), &GenerationController::modelFailed, &window,
                     [&window, path] { screenshotWhenReady(window, path); });
    if (parser.isSet(generate)) {
      QObject::connect(window.generation(), &GenerationController::takesShown, &window,
                       [&window, path] { screenshotWhenReady(window, path); });
    } else {
      QObject::connect(window.generation(), &GenerationController::modelLoaded, &window,
                       [&window, path] { screenshotWhenReady(window, path); });
    }
  }
  const int code = app.exec();
  if (scripted) QDir(options.data_folder).removeRecursively();
  return code;
}
