// musa: the desktop app. Parses the command line, installs translations and
// the theme, opens the main window; screenshot and timing options serve
// tools/screenshots.sh and the start-up measurement.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QLocale>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>
#include <optional>

#include "core/project/primer.h"
#include "ui/app/mainwindow.h"
#include "ui/app/theme.h"
#include "ui/app/translations.h"
#include "ui/generate/generationcontroller.h"
#include "ui/generate/generationcontrols.h"
#include "ui/playback/audioengine.h"
#include "ui/primer/primerdocument.h"
#include "ui/project/projectcontroller.h"
#include "ui/takes/scoreview.h"

namespace {

/** The command line's options; --help and --version are answered without a display. */
struct Options {
  QCommandLineOption model{
      {QStringLiteral("m"), QStringLiteral("model")},
      QCoreApplication::translate("main", "Model file (default: $MUSA_MODEL or the shipped model)."),
      QStringLiteral("file")};
  QCommandLineOption soundfont{QStringLiteral("soundfont"),
                               QCoreApplication::translate("main", "SoundFont (.sf2/.sf3)."),
                               QStringLiteral("file")};
  QCommandLineOption no_audio{QStringLiteral("no-audio"),
                              QCoreApplication::translate("main", "Do not load the soundfont.")};
  QCommandLineOption generate{
      QStringLiteral("generate-on-start"),
      QCoreApplication::translate("main", "Generate takes as soon as the model is loaded.")};
  QCommandLineOption seed{QStringLiteral("seed"),
                          QCoreApplication::translate("main", "Lock the seed to this value."),
                          QStringLiteral("n")};
  QCommandLineOption primer{
      QStringLiteral("primer"),
      QCoreApplication::translate("main", "Primer as melody events: \"60 -2 62\" (-2 hold, -1 rest)."),
      QStringLiteral("events")};
  QCommandLineOption lang{
      QStringLiteral("lang"),
      QCoreApplication::translate("main", "Language of the window: es, en, … (default: the system's)."),
      QStringLiteral("code")};
  QCommandLineOption screenshot{
      QStringLiteral("screenshot"),
      QCoreApplication::translate("main", "Save a picture of the window to this file and quit."),
      QStringLiteral("png")};
  QCommandLineOption score_screenshot{
      QStringLiteral("score-screenshot"),
      QCoreApplication::translate("main",
                                  "With --generate-on-start: save a picture of take 1's score and quit."),
      QStringLiteral("png")};
  QCommandLineOption timings{
      QStringLiteral("timings"),
      QCoreApplication::translate("main", "Print start-up timings (window, model, audio) and quit.")};

  void addTo(QCommandLineParser& parser) const {
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Musa: a melody-composition assistant."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions(
        {model, soundfont, no_audio, generate, seed, primer, lang, screenshot, score_screenshot, timings});
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QCoreApplication::translate("main", "A Musa project (.musa) to open."),
                                 QStringLiteral("[file]"));
  }
};

void setApplicationNames() {
  QCoreApplication::setOrganizationName(QStringLiteral("Musa"));
  QCoreApplication::setApplicationName(QStringLiteral("Musa"));
  QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));
}

/** Whether the command line only asks for the help or the version (no window, no display needed). */
bool onlyAsksForText(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const QByteArray arg(argv[i]);
    if (arg == "-h" || arg == "--help" || arg == "-?" || arg == "--help-all" || arg == "-v" ||
        arg == "--version")
      return true;
  }
  return false;
}

/** --lang CODE (read before the parser, whose help text it translates), else the system's language. */
QLocale chosenLocale(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const QByteArray arg(argv[i]);
    if (arg == "--lang" && i + 1 < argc) return QLocale(QString::fromLocal8Bit(argv[i + 1]));
    if (arg.startsWith("--lang=")) return QLocale(QString::fromLocal8Bit(arg.mid(7)));
  }
  return QLocale::system();
}

/** "60 -2 62 -2 64": melody events (pitch, -2 hold, -1 silence) as the primer. */
std::vector<musa::PrimerNote> parsePrimer(const QString& text) {
  std::vector<int> events;
  for (const QString& token : text.split(QLatin1Char(' '), Qt::SkipEmptyParts))
    events.push_back(token.toInt());
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

/** Opens take 1 as a score, saves a grab of that window once it has settled, then quits. */
void scoreScreenshot(MainWindow& window, const QString& path) {
  ScoreDialog* score = window.showTakeScore(0);
  if (!score) return;
  QTimer::singleShot(400, score, [score, path] {
    score->grab().save(path);
    std::printf("score screenshot: %s\n", qPrintable(path));
    QApplication::exit(0);
  });
}

}  // namespace

int main(int argc, char** argv) {
  QElapsedTimer since_start;
  since_start.start();
  qputenv("JACK_NO_START_SERVER", "1");  // libjack must not spawn jackd (a 6 s hang)
  const QLocale locale = chosenLocale(argc, argv);
  QLocale::setDefault(locale);
  if (onlyAsksForText(argc, argv)) {
    // A QApplication would need a display (and abort without one) just to print the help.
    QCoreApplication text_only(argc, argv);
    setApplicationNames();
    Translations::install(text_only, locale);
    QCommandLineParser parser;
    Options().addTo(parser);
    parser.process(text_only);  // prints and exits
    return 0;
  }
  QApplication app(argc, argv);
  setApplicationNames();
  QApplication::setDesktopFileName(QStringLiteral("org.musa.Musa"));
  Translations::install(app, locale);
  Theme::apply(app);

  QCommandLineParser parser;
  const Options o;
  o.addTo(parser);
  parser.process(app);

  AppOptions options;
  options.model_path = parser.value(o.model);
  options.soundfont_path = parser.value(o.soundfont);
  options.audio = !parser.isSet(o.no_audio);
  const bool scripted =
      parser.isSet(o.screenshot) || parser.isSet(o.score_screenshot) || parser.isSet(o.timings);
  // A scripted run's data folder: made before the window and so removed after it, once the window's
  // autosave has let go of its lock file there.
  std::optional<QTemporaryDir> scripted_data;
  if (scripted) {
    options.remember = false;  // a scripted run neither reads nor changes the musician's settings
    options.restore = AppOptions::Restore::Never;
    scripted_data.emplace(QDir::temp().filePath(QStringLiteral("musa-scripted-XXXXXX")));
    if (!scripted_data->isValid()) {
      std::fprintf(stderr, "musa: no temporary folder for a scripted run: %s\n",
                   qPrintable(scripted_data->errorString()));
      return 1;
    }
    options.data_folder = scripted_data->path();
  }
  MainWindow window(options);
  if (parser.isSet(o.seed)) {
    musa::GenerationSettings s = window.controls()->settings();
    s.seed_locked = true;
    s.seed = parser.value(o.seed).toULongLong();
    window.controls()->setSettings(s);
  }
  if (parser.isSet(o.primer)) window.primer()->reset(parsePrimer(parser.value(o.primer)));
  window.show();
  if (const QStringList files = parser.positionalArguments(); !files.isEmpty()) {
    // After the crash-restore offer (queued first): restored work is asked about before it is replaced.
    QTimer::singleShot(0, window.project(), [project = window.project(), path = files.first()] {
      if (project->maybeSave()) project->openProject(path);
    });
  }

  if (parser.isSet(o.timings)) {
    // "Usable" = the event loop turns with the window shown; model and soundfont arrive later.
    QTimer::singleShot(0, &window,
                       [&] { std::printf("window usable after %lld ms\n", since_start.elapsed()); });
    QObject::connect(
        window.generation(), &GenerationController::modelLoaded, &window,
        [&](const QString&, double) { std::printf("model loaded after %lld ms\n", since_start.elapsed()); });
    const auto audioDone = [&] {
      std::printf("soundfont ready after %lld ms (%s)\n", since_start.elapsed(),
                  qPrintable(window.audio()->stateText()));
      QTimer::singleShot(100, &app, [] { QApplication::exit(0); });
    };
    QObject::connect(window.audio(), &AudioEngine::outputReady, &window, audioDone);
    QObject::connect(window.audio(), &AudioEngine::outputUnavailable, &window, audioDone);
    QObject::connect(window.audio(), &AudioEngine::soundfontUnavailable, &window, audioDone);
    if (!options.audio) QTimer::singleShot(1500, &app, [] { QApplication::exit(0); });
  }
  if (parser.isSet(o.generate)) {
    QObject::connect(window.generation(), &GenerationController::modelLoaded, window.generation(),
                     &GenerationController::generate);
  }
  if (parser.isSet(o.score_screenshot)) {
    const QString path = parser.value(o.score_screenshot);
    QObject::connect(window.generation(), &GenerationController::takesShown, &window,
                     [&window, path] { scoreScreenshot(window, path); });
  }
  if (parser.isSet(o.screenshot)) {
    const QString path = parser.value(o.screenshot);
    // A model that fails to load is a picture too (of the message), not a hang.
    QObject::connect(window.generation(), &GenerationController::modelFailed, &window,
                     [&window, path] { screenshotWhenReady(window, path); });
    if (parser.isSet(o.generate)) {
      QObject::connect(window.generation(), &GenerationController::takesShown, &window,
                       [&window, path] { screenshotWhenReady(window, path); });
    } else {
      QObject::connect(window.generation(), &GenerationController::modelLoaded, &window,
                       [&window, path] { screenshotWhenReady(window, path); });
    }
  }
  return app.exec();
}
