// Generating from the window: the grid fills, a locked seed repeats, cancel
// keeps the old grid, a new Generate supersedes a running one, "use as
// primer" is undoable, and the event loop never stalls.
#include <QComboBox>
#include <QtTest>

#include "core/generate/key_adaptation.h"
#include "test_main.h"
#include "tests/sanitizers.h"
#include "tests/ui_test_support.h"
#include "ui/app/mainwindow.h"
#include "ui/app/stallprobe.h"
#include "ui/generate/generationcontroller.h"
#include "ui/generate/generationcontrols.h"
#include "ui/primer/primerdocument.h"
#include "ui/takes/miniroll.h"
#include "ui/takes/takecard.h"
#include "ui/takes/takegrid.h"
#include "ui/takes/takesdocument.h"

class TestGeneration : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString model_;
  std::unique_ptr<MainWindow> window_;

  const std::vector<musa::SessionTake>& takes() const { return window_->takes()->takes(); }
  bool waitForModel() {
    return QTest::qWaitFor([&] { return window_->generation()->modelReady(); }, 5000);
  }
  bool generateAndWait() {
    QSignalSpy shown(window_->generation(), &GenerationController::takesShown);
    window_->generation()->generate();
    return shown.wait(10000);
  }
  void lockSeed(uint64_t seed) {
    musa::GenerationSettings s = window_->controls()->settings();
    s.seed_locked = true;
    s.seed = seed;
    window_->controls()->setSettings(s);
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    model_ = ui_test::makeTinyModel(dir_);
    QVERIFY(!model_.isEmpty());
  }
  void init() {
    window_ = std::make_unique<MainWindow>(ui_test::options(dir_, model_));
    window_->show();
    QVERIFY(waitForModel());
  }
  void cleanup() { window_.reset(); }

  void startsWithTenEmptyCards() {
    QCOMPARE(window_->takeGrid()->cardCount(), 10);
    for (int i = 0; i < 10; ++i) QVERIFY(!window_->takeGrid()->card(i)->hasTake());
  }

  void generateFillsTenCards() {
    QVERIFY(generateAndWait());
    QCOMPARE(window_->takeGrid()->cardCount(), 10);
    for (int i = 0; i < 10; ++i) {
      QVERIFY(window_->takeGrid()->card(i)->hasTake());
      // the primer's bar (a quarter C, then 12 generated steps) + 8 bars
      QCOMPARE(takes()[size_t(i)].take.melody.events.size(), size_t(16 + 128));
      QCOMPARE(takes()[size_t(i)].take.primer_steps, 4);
    }
    QVERIFY(window_->statusText().contains(QStringLiteral("10 takes in")));
  }

  void clickingACardPlaysItAndSelectsIt() {
    QVERIFY(generateAndWait());
    TakeCard* card = window_->takeGrid()->card(6);
    QTest::mouseClick(card, Qt::LeftButton, {}, QPoint(card->width() / 2, card->height() - 10));
    QCOMPARE(window_->takes()->current(), 6);
    QVERIFY(card->miniRoll()->playhead() >= 0 ||
            QTest::qWaitFor([&] { return card->miniRoll()->playhead() >= 0; }, 500));
    QTest::keyClick(window_.get(), Qt::Key_K);  // K keeps the selected take
    QVERIFY(takes()[6].kept);
    QTest::keyClick(window_.get(), Qt::Key_Space);  // Space stops it
    QCOMPARE(card->miniRoll()->playhead(), -1.0);
  }

  void ctrlGShortcutGenerates() {
    QSignalSpy shown(window_->generation(), &GenerationController::takesShown);
    QTest::keyClick(window_.get(), Qt::Key_G, Qt::ControlModifier);
    QVERIFY(shown.wait(10000));
  }

  void lockedSeedGivesIdenticalTakes() {
    lockSeed(42);
    QVERIFY(generateAndWait());
    const auto first = takes();
    QVERIFY(generateAndWait());
    QCOMPARE(takes(), first);
    lockSeed(43);
    QVERIFY(generateAndWait());
    QVERIFY(takes() != first);
  }

  void cancelKeepsTheOldGrid() {
    lockSeed(7);
    QVERIFY(generateAndWait());
    const auto before = takes();
    musa::GenerationSettings s = window_->controls()->settings();
    s.bars = 32;  // long enough to still be running when Esc arrives
    s.seed = 8;
    window_->controls()->setSettings(s);
    QSignalSpy shown(window_->generation(), &GenerationController::takesShown);
    window_->generation()->generate();
    QTest::keyClick(window_.get(), Qt::Key_Escape);
    QVERIFY(!window_->generation()->busy());
    QTest::qWait(300);  // whatever the worker still sends is stale
    QCOMPARE(shown.count(), 0);
    QCOMPARE(takes(), before);
  }

  void newGenerateSupersedesTheRunningOne() {
    QSignalSpy ready(window_->generation(), &GenerationController::takesReady);
    lockSeed(1);
    window_->generation()->generate();
    const quint64 first = window_->generation()->currentJob();
    lockSeed(2);
    window_->generation()->generate();
    QVERIFY(ready.wait(10000));
    QTest::qWait(200);
    QCOMPARE(ready.count(), 1);  // the first job's result never lands
    QVERIFY(ready.at(0).at(0).toULongLong() != first);
  }

  void keptTakesSurviveTheNextGenerate() {
    lockSeed(3);
    QVERIFY(generateAndWait());
    const auto kept = takes()[2];
    window_->takes()->setKept(2, true);
    lockSeed(4);
    QVERIFY(generateAndWait());
    QCOMPARE(takes()[2], [&] {
      auto k = kept;
      k.kept = true;
      return k;
    }());
    QCOMPARE(takes().size(), size_t(10));
  }

  void regenerateReplacesOnlyThatTake() {
    lockSeed(5);
    QVERIFY(generateAndWait());
    const auto before = takes();
    QSignalSpy shown(window_->generation(), &GenerationController::takesShown);
    window_->generation()->regenerate(4);
    QVERIFY(shown.wait(10000));
    for (int i = 0; i < 10; ++i) {
      if (i == 4)
        QVERIFY(takes()[4].take.melody.events != before[4].take.melody.events);
      else
        QCOMPARE(takes()[size_t(i)], before[size_t(i)]);
    }
  }

  void keptTakeSurvivesTakesLoweredBelowIt() {
    // Issue 12: keep take 8 of 10, set Takes to 4, Generate — take 8 was lost.
    lockSeed(6);
    QVERIFY(generateAndWait());
    window_->takes()->setKept(7, true);
    const auto eight = takes()[7];
    musa::GenerationSettings s = window_->controls()->settings();
    s.takes = 4;
    s.seed = 9;
    window_->controls()->setSettings(s);
    QVERIFY(generateAndWait());
    QCOMPARE(takes().size(), size_t(8));
    QCOMPARE(takes()[7], eight);
    QCOMPARE(window_->takeGrid()->cardCount(), 8);
    QVERIFY(window_->takeGrid()->card(7)->hasTake());
  }

  void regeneratedCardThatWentLandsNowhere() {
    // Issue 12: regenerate an empty card and lower Takes while it runs — the result was written out of range.
    QSignalSpy ready(window_->generation(), &GenerationController::takesReady);
    window_->generation()->regenerate(9);
    musa::GenerationSettings s = window_->controls()->settings();
    s.takes = 4;
    window_->controls()->setSettings(s);
    QCOMPARE(window_->takeGrid()->cardCount(), 4);
    QVERIFY(ready.wait(10000));
    QCOMPARE(takes().size(), size_t(4));
    for (const auto& take : takes()) QVERIFY(take.empty());
    QVERIFY(window_->statusText().contains(QStringLiteral("no longer on the grid")));
  }

  void useAsPrimerIsUndoable() {
    QVERIFY(generateAndWait());
    const auto original = window_->primer()->notes();
    window_->generation()->useTakeAsPrimer(0);
    const auto events = takes()[0].take.melody.events;
    const auto expected = musa::primer_notes_from_events(events, 0);
    QCOMPARE(window_->primer()->notes().size(), expected.size());
    QVERIFY(window_->primer()->notes().size() > 1);
    window_->primer()->undoStack()->undo();
    QCOMPARE(window_->primer()->notes(), original);
    window_->primer()->undoStack()->redo();
    QCOMPARE(window_->primer()->notes().size(), expected.size());
  }

  void eventLoopNeverStallsDuringGeneration() {
    // The goal is one frame (16 ms). A stall made by Musa shows in every run; a machine busy with
    // other work can delay one tick now and then, so the best of three runs of five generations counts.
    double best_run = 1e9;
    int best_run_ticks = 0;  // the probe really ran through it
    for (int run = 0; run < 3 && best_run > 16.0; ++run) {
      QSignalSpy shown(window_->generation(), &GenerationController::takesShown);
      StallProbe probe;
      probe.start();
      double worst_generate = 0;
      for (int i = 0; i < 5; ++i) {
        const auto before = takes();
        window_->generation()->generate();
        ui_test::runUntil(window_->generation(), &GenerationController::takesShown, 10000);
        QCOMPARE(shown.size(), i + 1);  // this generation finished …
        QVERIFY(takes() != before);     // … and its takes are on the grid
        worst_generate = std::max(worst_generate, window_->generation()->lastGenerateMs());
        ui_test::runFor(30);  // let the grid paint
      }
      probe.stop();
      qInfo(
          "run %d: longest event-loop stall over 5 generations: %.2f ms (%d ticks); Generate -> grid at most "
          "%.1f ms",
          run + 1, probe.maxGapMs(), probe.ticks(), worst_generate);
      if (probe.maxGapMs() < best_run) best_run = probe.maxGapMs(), best_run_ticks = probe.ticks();
    }
    QVERIFY(best_run_ticks > 50);
    if (musa::testing::kUnderSanitizer) return;  // every generation finished; the 16 ms are for real builds
    QVERIFY2(best_run <= 16.0,
             qPrintable(QStringLiteral("the UI thread stalled %1 ms (goal 16 ms)").arg(best_run)));
  }

  void chosenKeySteersTheTakesWithoutStayInKey() {
    // Issue 12: the Key menu seemed to do nothing unless Stay in key was ticked. It steers: the
    // network's notes are moved into the chosen key, degree for degree; the menu says so.
    lockSeed(31);
    QVERIFY(generateAndWait());
    const auto automatic = takes();
    musa::GenerationSettings s = window_->controls()->settings();
    QVERIFY(!s.stay_in_key);
    s.key = 6;  // F# major
    s.mode = musa::Mode::major;
    window_->controls()->setSettings(s);
    QVERIFY(generateAndWait());
    const musa::Key chosen{6, musa::Mode::major};
    for (size_t i = 0; i < takes().size(); ++i) {
      const musa::Take& take = takes()[i].take;
      const musa::Take& before = automatic[i].take;
      QCOMPARE(take.key, std::optional<musa::Key>(chosen));
      QVERIFY(before.key && *before.key != chosen);
      const auto moved =
          musa::map_events(before.melody.events, musa::scale_mapping(*before.key, chosen), take.primer_steps);
      QCOMPARE(take.melody.events, moved);  // the same network notes, moved into F# major
    }
    auto* menu = window_->findChild<QComboBox*>(QStringLiteral("keyMenu"));
    QVERIFY(menu);
    QVERIFY(menu->toolTip().contains(QStringLiteral("moved into")));
    QVERIFY(menu->toolTip().contains(QStringLiteral("Stay in key")));
  }

  /** With MUSA_BENCH_MODEL=path (e.g. the shipped 2×128 model): Generate → full grid and stalls. */
  void benchRealModel() {
    const QString path = qEnvironmentVariable("MUSA_BENCH_MODEL");
    if (path.isEmpty()) QSKIP("set MUSA_BENCH_MODEL to time a real model");
    window_.reset();
    window_ = std::make_unique<MainWindow>(ui_test::options(dir_, path));
    window_->show();
    QVERIFY(waitForModel());
    StallProbe probe;
    probe.start();
    std::vector<double> times;
    for (int i = 0; i < 10; ++i) {
      window_->generation()->generate();
      ui_test::runUntil(window_->generation(), &GenerationController::takesShown, 10000);
      times.push_back(window_->generation()->lastGenerateMs());
      ui_test::runFor(30);
    }
    probe.stop();
    std::sort(times.begin(), times.end());
    qInfo("real model: Generate -> 10 takes on screen: median %.1f ms, worst %.1f ms; longest stall %.2f ms",
          times[times.size() / 2], times.back(), probe.maxGapMs());
  }
};

MUSA_TEST_MAIN(TestGeneration)
#include "test_ui_generation.moc"
