// musa-bench-soak: a long session in one process, to see what grows. Each
// cycle does what a musician does most, through the real window (offscreen):
// Generate (the shipped model unless --model), play a take into the real
// synth for a moment, keep it, export the kept takes as MIDI (one file each
// or one multitrack file), render the take to WAV, then undo the keep and the
// Generate. Prints the resident memory at the start (after a first cycle, when
// the model, the soundfont and the caches are in) and at the end, each after a
// malloc trim (see musa::resident_mb_after_trim), the heap in use beside it
// (see musa::heap_in_use_mb), and the slowest cycle. It links the UI
// library, so it is not part of the Qt-free musa-bench.
//   musa-bench-soak --soak N [--model FILE] [--max-growth-mb MB]
// With --max-growth-mb it fails (exit 1) when RSS grows more than that.

#include <unistd.h>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <cstdio>
#include <optional>

#include "core/audio/soundfont.h"
#include "core/util/process_memory.h"
#include "ui/app/appoptions.h"
#include "ui/app/mainwindow.h"
#include "ui/generate/generationcontroller.h"
#include "ui/playback/audioengine.h"
#include "ui/playback/playbackcontroller.h"
#include "ui/takes/exportdialog.h"
#include "ui/takes/takeexporter.h"
#include "ui/takes/takesdocument.h"

namespace {

/** Runs the event loop until `done()` or `ms` milliseconds; false on the time-out. */
template <class Done>
bool runUntil(Done done, int ms) {
  QElapsedTimer clock;
  clock.start();
  while (!done()) {
    if (clock.elapsed() > ms) return false;
    QEventLoop loop;
    QTimer::singleShot(2, &loop, &QEventLoop::quit);
    loop.exec();
  }
  return true;
}

int fail(const char* message) {
  std::fprintf(stderr, "musa-bench-soak: %s\n", message);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM",
          qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
  qputenv("JACK_NO_START_SERVER", "1");
  musa::fix_mmap_threshold();
  QApplication app(argc, argv);
  long cycles = 0;
  double max_growth_mb = -1;
  QString model;
  const QStringList args = QApplication::arguments();
  for (int i = 1; i < args.size(); ++i) {
    if (args[i] == QStringLiteral("--soak") && i + 1 < args.size())
      cycles = args[++i].toLong();
    else if (args[i] == QStringLiteral("--model") && i + 1 < args.size())
      model = args[++i];
    else if (args[i] == QStringLiteral("--max-growth-mb") && i + 1 < args.size())
      max_growth_mb = args[++i].toDouble();
    else
      return fail("usage: musa-bench-soak --soak N [--model FILE] [--max-growth-mb MB]");
  }
  if (cycles < 1) return fail("--soak N: N must be at least 1");
  if (musa::find_soundfont().empty()) return fail("no soundfont found: the soak needs the real synth");

  QTemporaryDir dir;
  AppOptions options;
  options.model_path = model;
  options.open_output = false;  // the real synth, no audio device: it renders into nothing while playing
  options.remember = false;
  options.restore = AppOptions::Restore::Never;
  options.data_folder = dir.filePath(QStringLiteral("data"));
  MainWindow window(options);
  window.show();
  if (!runUntil([&] { return window.generation()->modelReady() && window.audio()->canRender(); }, 60000))
    return fail("the model or the soundfont did not load within 60 s");

  int failures = 0;
  const auto cycle = [&](long n) {
    bool shown = false;
    const auto on_shown =
        QObject::connect(window.generation(), &GenerationController::takesShown, [&] { shown = true; });
    window.generation()->generate();
    const bool generated = runUntil([&] { return shown; }, 30000);
    QObject::disconnect(on_shown);
    if (!generated) return ++failures, void();
    const int undo_base = window.undoStack()->index() - 1;  // before the Generate
    window.playback()->playTake(int(n % 10));
    runUntil([] { return false; }, 20);  // a moment of playing: the scheduler sends notes to the synth
    window.playback()->stop();
    window.takes()->setKept(int(n % 10), true);
    ExportChoice choice;
    choice.folder = dir.filePath(QStringLiteral("export"));
    choice.multitrack = n % 2 == 1;
    if (window.exporter()->exportTakes(choice).isEmpty()) ++failures;
    std::optional<QString> render_error;
    const auto on_rendered =
        QObject::connect(window.audio(), &AudioEngine::renderFinished,
                         [&](const QString&, const QString& error) { render_error = error; });
    window.exporter()->renderTakeToWav(int(n % 10), dir.filePath(QStringLiteral("take.wav")));
    if (!runUntil([&] { return render_error.has_value(); }, 30000) || !render_error->isEmpty()) ++failures;
    QObject::disconnect(on_rendered);
    while (window.undoStack()->index() > undo_base)
      window.undoStack()->undo();  // the keep, then the Generate
  };

  cycle(0);  // the first cycle loads what stays: not growth
  const double start_mb = musa::resident_mb_after_trim(), start_heap_mb = musa::heap_in_use_mb();
  double slowest_ms = 0;
  long slowest = 0;
  QElapsedTimer total;
  total.start();
  for (long n = 1; n <= cycles; ++n) {
    QElapsedTimer clock;
    clock.start();
    cycle(n);
    const double ms = double(clock.nsecsElapsed()) / 1e6;
    if (ms > slowest_ms) slowest_ms = ms, slowest = n;
    if (n % 100 == 0)
      std::printf("cycle %ld: RSS %.1f MB, heap in use %.1f MB\n", n, musa::resident_mb_after_trim(),
                  musa::heap_in_use_mb()),
          std::fflush(stdout);
  }
  const double end_mb = musa::resident_mb_after_trim(), end_heap_mb = musa::heap_in_use_mb();
  std::printf(
      "soak: %ld cycles (generate, play, keep, export MIDI, render WAV, undo) in %.1f s, %d failures\n",
      cycles, double(total.elapsed()) / 1000.0, failures);
  std::printf("RSS at start %.1f MB, at end %.1f MB, growth %+.1f MB\n", start_mb, end_mb, end_mb - start_mb);
  std::printf("heap in use at start %.1f MB, at end %.1f MB, growth %+.1f MB\n", start_heap_mb, end_heap_mb,
              end_heap_mb - start_heap_mb);
  std::printf("slowest cycle: %.1f ms (cycle %ld)\n", slowest_ms, slowest);
  if (failures > 0) return 1;
  if (max_growth_mb >= 0 && end_mb - start_mb > max_growth_mb) {
    std::printf("RSS grew more than %.1f MB\n", max_growth_mb);
    return 1;
  }
  return 0;
}
