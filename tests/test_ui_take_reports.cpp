// Issue 15 in the window: the Key and Mode menus (nine modes, the takes made
// in the chosen one), each card's originality and "why this take", the grid
// sorted by a report's metric and filtered, which moves cards but never
// changes which take a number, key or Keep means.
#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QSettings>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>
#include <optional>

#include "core/generate/originality.h"
#include "core/generate/take_report.h"
#include "core/project/take_session.h"
#include "test_main.h"
#include "tests/ui_test_support.h"
#include "ui/app/actions.h"
#include "ui/app/mainwindow.h"
#include "ui/generate/generationcontroller.h"
#include "ui/generate/generationcontrols.h"
#include "ui/takes/takecard.h"
#include "ui/takes/takegrid.h"
#include "ui/takes/takeorderbar.h"
#include "ui/takes/takesdocument.h"

using musa::Key;
using musa::Mode;
using musa::TakeMetric;

namespace {

constexpr int kBar = musa::kStepsPerBar;

/** The training song the planted take copies: three bars of quarter notes. */
std::vector<int> trainingSong() {
  return musa::melody_line({{60, 4},
                            {62, 4},
                            {64, 4},
                            {65, 4},
                            {67, 4},
                            {65, 4},
                            {64, 4},
                            {62, 4},
                            {60, 4},
                            {64, 4},
                            {67, 4},
                            {72, 4},
                            {71, 16}});
}

/** A take: one bar of primer (a held C), then `continuation`. */
musa::Take takeOf(const std::vector<int>& continuation) {
  std::vector<int> events(size_t(kBar), musa::kMelodyNoEvent);
  events[0] = 60;
  events.insert(events.end(), continuation.begin(), continuation.end());
  return musa::take_from_events(events, kBar);
}

/** Takes 1–4: a narrow line, the training song a tone up (a copy), a wide line, a middle one. */
std::vector<musa::Take> fourTakes() {
  std::vector<int> copy = trainingSong();
  for (int& e : copy)
    if (e >= 0) e += 2;
  return {takeOf(musa::melody_line({{62, 8}, {64, 8}, {62, 8}, {64, 8}})),  // range 2
          takeOf(copy),                                                     // range 12, copies all 4 bars
          takeOf(musa::melody_line({{48, 8}, {79, 8}, {55, 8}, {72, 8}})),  // range 31
          takeOf(musa::melody_line({{60, 4}, {67, 4}, {65, 4}, {64, 4}, {62, 16}}))};  // range 7
}

SharedOriginality plantedIndex() {
  musa::OriginalityIndex index;
  index.add("folk/planted_reel.mid", trainingSong());
  index.add("folk/other.mid", musa::melody_line({{70, 2}, {69, 2}, {70, 2}, {62, 2}, {63, 6}}));
  index.finish();
  return std::make_shared<const musa::OriginalityIndex>(std::move(index));
}

}  // namespace

class TestUiTakeReports : public QObject {
  Q_OBJECT
  std::optional<QTemporaryDir> dir_;  // a fresh one for every run of the test object
  QString model_;

 private slots:
  void initTestCase() {
    dir_.emplace();
    QVERIFY(dir_->isValid());
    model_ = ui_test::makeTinyModel(*dir_);
    QVERIFY(!model_.isEmpty());
  }

  void modeMenuOffersTheNineModesAndWaitsForATonic() {
    GenerationControls controls;
    QToolBar a, b, c, d;
    controls.addTo(&a, &b, &c, &d);
    auto* tonic = c.findChild<QComboBox*>(QStringLiteral("keyMenu"));
    auto* mode = c.findChild<QComboBox*>(QStringLiteral("modeMenu"));
    QVERIFY(tonic && mode);
    QCOMPARE(tonic->count(), 13);  // Auto and the twelve tonics
    QCOMPARE(mode->count(), musa::kModeCount);
    QCOMPARE(mode->count(), 9);
    const char* const expected[] = {"major",  "natural minor", "harmonic minor",   "melodic minor",
                                    "dorian", "mixolydian",    "major pentatonic", "minor pentatonic",
                                    "blues"};
    for (int i = 0; i < 9; ++i) QCOMPARE(mode->itemText(i), QString::fromUtf8(expected[i]));
    QVERIFY(!mode->isEnabled());  // Auto takes the primer's mode
    controls.setEstimatedKey({2, Mode::natural_minor});
    QCOMPARE(tonic->itemText(0), QStringLiteral("Auto (D minor)"));
    QCOMPARE(mode->currentText(), QStringLiteral("natural minor"));  // the estimate's, greyed
    QCOMPARE(controls.settings().mode, Mode::major);                 // not the musician's choice

    tonic->setCurrentIndex(tonic->findData(3));              // E♭
    QCOMPARE(mode->currentText(), QStringLiteral("major"));  // the musician's mode again
    mode->setCurrentIndex(mode->findData(int(Mode::dorian)));
    QVERIFY(mode->isEnabled());
    musa::GenerationSettings s = controls.settings();
    QCOMPARE(s.key, 3);
    QCOMPARE(s.mode, Mode::dorian);
    QCOMPARE(GenerationControls::keyName({3, Mode::dorian}), QStringLiteral("E♭ dorian"));
    // The tonics follow the mode's spelling: C♯ minor, D♭ major.
    mode->setCurrentIndex(mode->findData(int(Mode::natural_minor)));
    QCOMPARE(tonic->itemText(2), QStringLiteral("C♯"));
    mode->setCurrentIndex(mode->findData(int(Mode::major)));
    QCOMPARE(tonic->itemText(2), QStringLiteral("D♭"));

    // The musician's mode survives a restart (QSettings) like the other controls.
    s.mode = Mode::harmonic_minor;
    controls.setSettings(s);
    QCOMPARE(mode->currentData().toInt(), int(Mode::harmonic_minor));
    QSettings file(dir_->filePath(QStringLiteral("mode.ini")), QSettings::IniFormat);
    controls.writeSettings(file);
    GenerationControls again;
    QToolBar e, f, g, h;
    again.addTo(&e, &f, &g, &h);
    again.readSettings(file);
    QCOMPARE(again.settings().mode, Mode::harmonic_minor);
    QCOMPARE(again.settings().key, 3);
  }

  void chosenModeMakesTheTakes() {
    MainWindow window(ui_test::options(*dir_, model_));
    window.show();
    QVERIFY(QTest::qWaitFor([&] { return window.generation()->modelReady(); }, 5000));
    auto* tonic = window.findChild<QComboBox*>(QStringLiteral("keyMenu"));
    auto* mode = window.findChild<QComboBox*>(QStringLiteral("modeMenu"));
    for (Mode chosen : {Mode::harmonic_minor, Mode::blues}) {
      tonic->setCurrentIndex(tonic->findData(0));  // C
      mode->setCurrentIndex(mode->findData(int(chosen)));
      QSignalSpy shown(window.generation(), &GenerationController::takesShown);
      window.generation()->generate();
      QVERIFY(shown.wait(10000));
      for (const musa::SessionTake& take : window.takes()->takes())
        QCOMPARE(take.take.key, std::optional<Key>(Key{0, chosen}));
      QCOMPARE(window.takeGrid()->report(0).key, (Key{0, chosen}));
    }
  }

  void cardsShowOriginalityAndWhy() {
    TakesDocument document;
    document.load({}, 4);
    TakeGrid grid(&document);
    document.acceptGeneration(fourTakes());
    // No index (an imported model): every card says so.
    for (int i = 0; i < 4; ++i)
      QCOMPARE(grid.card(i)->originalityLabel()->text(), QStringLiteral("originality unknown"));

    grid.setOriginality(plantedIndex());
    QCOMPARE(grid.card(0)->originalityLabel()->text(), QStringLiteral("new"));
    const QString copy = grid.card(1)->originalityLabel()->text();
    QVERIFY2(
        copy.startsWith(QStringLiteral("copies 4")) && copy.endsWith(QStringLiteral(" bars of planted_reel")),
        qPrintable(copy));
    QVERIFY(grid.report(1).copies_training_song());
    QVERIFY(!grid.report(0).copies_training_song());
    // The theme draws a copy in Theme::warning(): the label says it is one.
    QVERIFY(grid.card(1)->originalityLabel()->property("copies").toBool());
    QVERIFY(!grid.card(0)->originalityLabel()->property("copies").toBool());
    const QString why = grid.card(2)->originalityLabel()->toolTip();
    QVERIFY2(why.contains(QStringLiteral("Range: 31 semitones")), qPrintable(why));
    QVERIFY(why.contains(QStringLiteral("notes per bar")));
    QVERIFY(why.contains(QStringLiteral("Like the primer")));
    QVERIFY(why.contains(QStringLiteral("Likelihood")));
    QVERIFY(grid.card(1)->originalityLabel()->toolTip().contains(QStringLiteral("folk/planted_reel.mid")));
  }

  void modelsIndexReachesTheCards() {
    // The index saved beside a model (as musa-cli train writes it) is loaded with the model.
    const QString model = dir_->filePath(QStringLiteral("indexed.safetensors"));
    QVERIFY(QFile::copy(model_, model));
    musa::OriginalityIndex index;
    index.add("folk/planted_reel.mid", trainingSong());
    index.finish();
    QVERIFY(index.save(musa::originality_index_path(model.toStdString())).ok());
    MainWindow window(ui_test::options(*dir_, model));
    QVERIFY(QTest::qWaitFor([&] { return window.generation()->modelReady(); }, 5000));
    QVERIFY(window.generation()->originality());
    window.takes()->load({}, 4);
    window.takes()->acceptGeneration(fourTakes());
    QVERIFY(window.takeGrid()->card(1)->originalityLabel()->text().contains(QStringLiteral("planted_reel")));
    QCOMPARE(window.takeGrid()->card(3)->originalityLabel()->text(), QStringLiteral("new"));
  }

  void sortingMovesCardsNotTakes() {
    TakesDocument document;
    TakeGrid grid(&document);
    grid.setOriginality(plantedIndex());
    std::vector<musa::SessionTake> cards;
    for (const musa::Take& take : fourTakes()) cards.push_back({take});
    cards.emplace_back();  // an empty card (a take being regenerated) stays last
    document.load(cards, 5);
    QCOMPARE(grid.shownOrder(), (std::vector<int>{0, 1, 2, 3, 4}));

    QSignalSpy moved(&grid, &TakeGrid::orderChanged);
    grid.setOrder(TakeMetric::range, true, false);
    QCOMPARE(grid.shownOrder(), (std::vector<int>{2, 1, 3, 0, 4}));  // 31, 12, 7, 2 semitones; empty last
    QCOMPARE(moved.count(), 1);
    // Each card shows the figure it is sorted by.
    QCOMPARE(grid.card(2)->originalityLabel()->text(), QStringLiteral("new · range 31 semitones"));
    grid.setOrder(TakeMetric::range, false, false);
    QCOMPARE(grid.shownOrder(), (std::vector<int>{0, 3, 1, 2, 4}));
    // The card in the first place is still take 1 (index 0) for its number and its key.
    auto* layout = qobject_cast<QGridLayout*>(grid.layout());
    QCOMPARE(layout->itemAtPosition(0, 1)->widget(), grid.card(3));
    QCOMPARE(grid.card(3)->index(), 3);

    grid.setOrder(TakeMetric::copied_bars, false, true);  // hide the copy
    QCOMPARE(grid.hiddenCount(), 1);
    QVERIFY(std::ranges::find(grid.shownOrder(), 1) == grid.shownOrder().end());
    QVERIFY(grid.card(1)->isHidden());
    grid.setOrder(std::nullopt, true, false);
    QCOMPARE(grid.shownOrder(), (std::vector<int>{0, 1, 2, 3, 4}));
    QVERIFY(!grid.card(1)->isHidden());
  }

  void orderBarDrivesTheGridAndIsRemembered() {
    MainWindow window(ui_test::options(*dir_, model_));
    // The model (with no index) first, so that its arrival does not replace the planted index.
    QVERIFY(QTest::qWaitFor([&] { return window.generation()->modelReady(); }, 5000));
    window.takes()->load({}, 4);
    window.takeGrid()->setOriginality(plantedIndex());
    window.takes()->acceptGeneration(fourTakes());
    TakeOrderBar* bar = window.takeOrderBar();
    bar->sortBox()->setCurrentIndex(bar->sortBox()->findData(int(TakeMetric::range)));
    bar->directionButton()->setChecked(true);
    QCOMPARE(window.takeGrid()->shownOrder(), (std::vector<int>{2, 1, 3, 0}));
    if (const QString shots = qEnvironmentVariable("MUSA_SHOTS"); !shots.isEmpty()) {
      window.resize(1280, 800);
      window.show();
      QVERIFY(QTest::qWaitForWindowExposed(&window));
      window.grab().save(QDir(shots).filePath(QStringLiteral("u-grid-sorted.png")));
      window.hide();
    }
    bar->hideCopiesBox()->setChecked(true);
    QCOMPARE(window.takeGrid()->shownOrder(), (std::vector<int>{2, 3, 0}));
    QVERIFY(bar->hideCopiesBox()->text().contains(QStringLiteral("1 hidden")));
    // Key 3 still plays take 3 (sorted first): the number keys follow the takes, not the places.
    window.actionSet().playNumbered[2]->trigger();
    QCOMPARE(window.takes()->current(), 2);
    // Keep (K) keeps the selected take, wherever its card sits.
    window.actionSet().keep->trigger();
    QVERIFY(window.takes()->takes()[2].kept);

    QSettings file(dir_->filePath(QStringLiteral("order.ini")), QSettings::IniFormat);
    bar->writeSettings(file);
    TakeOrderBar again;
    again.readSettings(file);
    QCOMPARE(again.metric(), std::optional<TakeMetric>(TakeMetric::range));
    QVERIFY(again.descending());
    QVERIFY(again.hideCopies());
  }

  void reportsAreCheapEnoughForTheUiThread() {
    // The grid computes reports on the UI thread: 16 takes of 32 bars against a real-sized index.
    musa::OriginalityIndex index;
    std::vector<int> song;
    for (int i = 0; i < 20000; ++i) song.push_back(i % 7 == 6 ? musa::kMelodyNoEvent : 50 + (i * 7919) % 30);
    index.add("big.mid", song);
    index.finish();
    std::vector<int> line;
    for (int i = 0; i < 32 * kBar; ++i) line.push_back(i % 2 ? musa::kMelodyNoEvent : 55 + (i * 31) % 20);
    const musa::Take take = takeOf(line);
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 16; ++i) (void)musa::describe_take(take, &index);
    const double per_take_ms = double(clock.nsecsElapsed()) / 1e6 / 16;
    qInfo("describe_take: %.3f ms a take (32 bars, %zu-token index)", per_take_ms, index.token_count());
    QVERIFY(per_take_ms < 5.0);
  }
};

MUSA_TEST_MAIN(TestUiTakeReports)
#include "test_ui_take_reports.moc"
