// The take grid's undo commands (ui/takes): each edit — keep, layer,
// instrument, a regenerated take, an accepted Generate, a kept jam answer —
// is one step on the session's one undo stack, shared with the primer's;
// undo and redo restore core's TakeSession exactly. Then the same by keys
// and clicks in the window: K keeps, the Layer tick, Ctrl+Z / Ctrl+Shift+Z.
#include <QCheckBox>
#include <QMenu>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

#include "core/project/take_session.h"
#include "test_main.h"
#include "tests/ui_test_support.h"
#include "ui/app/actions.h"
#include "ui/app/mainwindow.h"
#include "ui/generate/generationcontroller.h"
#include "ui/generate/generationcontrols.h"
#include "ui/primer/primercommands.h"
#include "ui/primer/primerdocument.h"
#include "ui/takes/takecard.h"
#include "ui/takes/takegrid.h"
#include "ui/takes/takesdocument.h"

using musa::SessionTake;
using musa::Take;
using musa::TakeSession;

namespace {

constexpr int N = musa::kMelodyNoEvent;

/** A take: the primer's C, then `pitch` held for `steps` − 2 steps. */
Take makeTake(int pitch, int steps = 8) {
  std::vector<int> events(size_t(steps), N);
  events[0] = 60;
  events[1] = pitch;
  return musa::take_from_events(events, 1);
}

/** `count` distinct takes as a Generate returns them (pitches first, first + 1, …). */
std::vector<Take> generated(int count, int first) {
  std::vector<Take> takes;
  for (int i = 0; i < count; ++i) takes.push_back(makeTake(first + i));
  return takes;
}

int pitchOf(const TakesDocument& doc, int index) { return doc.takes()[size_t(index)].take.melody.events[1]; }

}  // namespace

class TestUiTakes : public QObject {
  Q_OBJECT
  // One session: the primer and the takes share this stack, as in the window.
  std::unique_ptr<QUndoStack> stack_;
  std::unique_ptr<PrimerDocument> primer_;
  std::unique_ptr<TakesDocument> takes_;
  QTemporaryDir dir_;
  QString model_;

  /** Checks that undo gives `before` back and redo `after`, twice over (redo after undo is exact too). */
  void checkUndoRedo(const TakeSession& before, const TakeSession& after) {
    for (int round = 0; round < 2; ++round) {
      stack_->undo();
      QVERIFY(takes_->session() == before);
      stack_->redo();
      QVERIFY(takes_->session() == after);
    }
  }

 private slots:
  void initTestCase() {
    model_ = ui_test::makeTinyModel(dir_);
    QVERIFY(!model_.isEmpty());
  }
  void init() {
    stack_ = std::make_unique<QUndoStack>();
    primer_ = std::make_unique<PrimerDocument>(stack_.get());
    takes_ = std::make_unique<TakesDocument>(stack_.get());
    takes_->load({}, 10);
    takes_->acceptGeneration(generated(10, 70));
    stack_->clear();  // each test starts from a full grid with no history
  }
  void cleanup() {
    takes_.reset();
    primer_.reset();
    stack_.reset();
  }

  // ---- each command restores the session exactly -----------------------------------------
  void keepIsOneUndoStep() {
    const TakeSession before = takes_->session();
    QVERIFY(takes_->setKept(2, true));
    QCOMPARE(stack_->count(), 1);
    QVERIFY(takes_->takes()[2].kept);
    const TakeSession after = takes_->session();
    checkUndoRedo(before, after);
    QVERIFY(takes_->toggleKept(2));  // ★ again: off, another step
    QVERIFY(!takes_->takes()[2].kept);
    QCOMPARE(stack_->count(), 2);
  }

  void layerUndoTakesBackTheInstrumentItPicked() {
    const TakeSession before = takes_->session();
    QVERIFY(takes_->setLayered(1, true));
    // set_layered gives a take on the window's instrument the first free layer program (piano, 0).
    QCOMPARE(takes_->takes()[1].program, musa::kLayerPrograms[0]);
    const TakeSession after = takes_->session();
    checkUndoRedo(before, after);
    stack_->undo();
    QCOMPARE(takes_->takes()[1].program, -1);
    QVERIFY(!takes_->takes()[1].layered);
  }

  void instrumentIsUndoable() {
    const TakeSession before = takes_->session();
    QVERIFY(takes_->setProgram(4, 40));
    QVERIFY(takes_->setProgram(4, 73));
    QCOMPARE(stack_->count(), 2);
    const TakeSession after = takes_->session();
    stack_->undo();
    QCOMPARE(takes_->takes()[4].program, 40);
    stack_->undo();
    QVERIFY(takes_->session() == before);
    stack_->redo();
    stack_->redo();
    QVERIFY(takes_->session() == after);
  }

  void transposeFromTheCardMenuIsOneUndoStep() {
    TakeGrid grid(takes_.get());
    const TakeSession before = takes_->session();
    QMenu* transpose = grid.card(5)->menu()->findChild<QMenu*>(QStringLiteral("transposeMenu"));
    QVERIFY(transpose);
    QCOMPARE(transpose->actions().size(), 4);
    transpose->actions()[0]->trigger();  // up a semitone
    QCOMPARE(pitchOf(*takes_, 5), 76);
    QCOMPARE(takes_->takes()[5].take.melody.events[0], 61);  // the whole take moves, primer part too
    QCOMPARE(stack_->count(), 1);
    const TakeSession after = takes_->session();
    checkUndoRedo(before, after);
    transpose->actions()[3]->trigger();  // down an octave
    QCOMPARE(pitchOf(*takes_, 5), 64);
    QVERIFY(!takes_->transpose(5, 100));  // off MIDI's range: refused, nothing pushed
    QCOMPARE(stack_->count(), 2);
  }

  void regenerateUndoBringsTheOldTakeBack() {
    QVERIFY(takes_->setKept(3, true));
    QVERIFY(takes_->setLayered(3, true));
    QVERIFY(takes_->setProgram(3, 40));
    const TakeSession before = takes_->session();
    const SessionTake old = takes_->takes()[3];
    QVERIFY(takes_->regenerate(3, makeTake(90)));
    QCOMPARE(pitchOf(*takes_, 3), 90);
    QVERIFY(!takes_->takes()[3].kept);         // a new take is not kept …
    QCOMPARE(takes_->takes()[3].program, 40);  // … but keeps its instrument and layer tick
    const TakeSession after = takes_->session();
    checkUndoRedo(before, after);
    stack_->undo();
    QCOMPARE(takes_->takes()[3], old);  // the old take, ★ and all
    QCOMPARE(stack_->undoText(), QStringLiteral("Instrument of take 4"));
  }

  void generateUndoRestoresThePreviousGridWithKeptFlags() {
    QVERIFY(takes_->setKept(1, true));
    QVERIFY(takes_->setKept(7, true));
    takes_->setCurrent(5);
    const TakeSession before = takes_->session();
    // Takes lowered to 4: kept take 8 keeps the grid 8 cards long; 1 and 7 stay, the rest are new.
    const musa::AcceptedGeneration accepted = takes_->acceptGeneration(generated(4, 100));
    QCOMPARE(accepted.kept, 2);
    QCOMPARE(accepted.placed, 3);
    QCOMPARE(takes_->session().size(), 8);
    QCOMPARE(pitchOf(*takes_, 0), 100);
    QCOMPARE(pitchOf(*takes_, 1), 71);
    QCOMPARE(stack_->undoText(), QStringLiteral("Generate"));
    const TakeSession after = takes_->session();
    checkUndoRedo(before, after);
    stack_->undo();
    QCOMPARE(takes_->session().size(), 10);
    QVERIFY(takes_->takes()[1].kept && takes_->takes()[7].kept);
    QCOMPARE(takes_->current(), 5);
  }

  void jamAnswerIsUndoable() {
    takes_->load({}, 2);
    QVERIFY(takes_->regenerate(0, makeTake(70)));
    QVERIFY(takes_->regenerate(1, makeTake(71)));
    const TakeSession before = takes_->session();
    QCOMPARE(takes_->placeJamAnswer({62, N, 64, N}, 2), 2);  // no empty card: a new one after the last
    QCOMPARE(takes_->session().size(), 3);
    QVERIFY(takes_->takes()[2].kept);
    const TakeSession after = takes_->session();
    checkUndoRedo(before, after);
  }

  void refusedEditsPushNothing() {
    takes_->load({}, 3);
    QVERIFY(!takes_->setKept(1, true));             // an empty card has nothing to keep
    QVERIFY(!takes_->setProgram(0, 128));           // not a General MIDI program
    QVERIFY(!takes_->setLayered(5, true));          // not a card
    QVERIFY(!takes_->regenerate(3, makeTake(90)));  // the card went while it ran
    QVERIFY(!takes_->toggleKept(-1));
    QCOMPARE(stack_->count(), 0);
  }

  void loadingClearsTheHistory() {
    QVERIFY(takes_->setKept(0, true));
    primer_->undoStack()->push(new ReplacePrimerCommand(primer_.get(), {}, QStringLiteral("Clear")));
    QCOMPARE(stack_->count(), 2);
    takes_->load({}, 10);
    QCOMPARE(stack_->count(), 0);
  }

  void signalsSayWhatChanged() {
    QSignalSpy card(takes_.get(), &TakesDocument::takeChanged), grid(takes_.get(), &TakesDocument::reset);
    QVERIFY(takes_->setKept(6, true));
    stack_->undo();
    QCOMPARE(card.count(), 2);
    QCOMPARE(card.at(1).at(0).toInt(), 6);
    QCOMPARE(grid.count(), 0);
    takes_->acceptGeneration(generated(10, 80));
    stack_->undo();
    QCOMPARE(grid.count(), 2);
  }

  // ---- one stack for the session ----------------------------------------------------------
  void oneStackInterleavesPrimerAndTakeEdits() {
    const auto primer0 = primer_->notes();
    const TakeSession takes0 = takes_->session();
    primer_->undoStack()->push(new AddNoteCommand(primer_.get(), {100, 67, 8, 2, 100}, true, 0));
    const auto primer1 = primer_->notes();
    QVERIFY(takes_->setKept(0, true));
    const TakeSession takes1 = takes_->session();
    primer_->undoStack()->push(new TransposeNotesCommand(primer_.get(), primer1, 2));
    QVERIFY(takes_->setLayered(5, true));
    QCOMPARE(stack_->count(), 4);

    // Each Ctrl+Z undoes the newest edit, of whichever document.
    stack_->undo();  // the layer
    QVERIFY(takes_->session() == takes1);
    QVERIFY(primer_->notes() != primer1);
    stack_->undo();  // the transpose
    QCOMPARE(primer_->notes(), primer1);
    QVERIFY(takes_->session() == takes1);
    stack_->undo();  // the ★
    QVERIFY(takes_->session() == takes0);
    QCOMPARE(primer_->notes(), primer1);
    stack_->undo();  // the note
    QCOMPARE(primer_->notes(), primer0);
    for (int i = 0; i < 4; ++i) stack_->redo();
    QVERIFY(takes_->takes()[0].kept && takes_->takes()[5].layered);
    QCOMPARE(primer_->notes().size(), primer1.size());
  }

  // ---- the same by keys and clicks in the window -------------------------------------------
  void keysAndClicksInTheWindowAreUndoable() {
    MainWindow window(ui_test::options(dir_, model_));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(QTest::qWaitFor([&] { return window.generation()->modelReady(); }, 5000));
    QUndoStack* stack = window.undoStack();
    QCOMPARE(window.primer()->undoStack(), stack);
    QCOMPARE(window.takes()->undoStack(), stack);
    const TakeSession empty = window.takes()->session();

    QSignalSpy shown(window.generation(), &GenerationController::takesShown);
    QTest::keyClick(&window, Qt::Key_G, Qt::ControlModifier);
    QVERIFY(shown.wait(10000));
    const TakeSession generated = window.takes()->session();
    QVERIFY(generated.any_take());

    QTest::keyClick(&window, Qt::Key_3);  // plays and selects take 3
    QCOMPARE(window.takes()->current(), 2);
    QTest::keyClick(&window, Qt::Key_K);  // keeps it
    QVERIFY(window.takes()->takes()[2].kept);
    QVERIFY(window.takeGrid()->card(2)->isKept());
    QCheckBox* layer = window.takeGrid()->card(4)->layerBox();
    QTest::mouseClick(layer, Qt::LeftButton, {}, QPoint(6, layer->height() / 2));
    QVERIFY(window.takes()->takes()[4].layered);
    QCOMPARE(stack->count(), 3);                                                  // Generate, ★, Layer
    QTest::mouseClick(window.takeGrid()->card(6)->keepButton(), Qt::LeftButton);  // ★ on card 7
    QVERIFY(window.takes()->takes()[6].kept);
    QCOMPARE(stack->count(), 4);
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(!window.takes()->takes()[6].kept);
    QVERIFY(!window.takeGrid()->card(6)->keepButton()->isChecked());

    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);  // the layer tick
    QVERIFY(!window.takes()->takes()[4].layered);
    QVERIFY(!layer->isChecked());
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);  // the ★
    QVERIFY(!window.takes()->takes()[2].kept);
    QVERIFY(!window.takeGrid()->card(2)->isKept());
    QCOMPARE(window.takes()->takes(),
             generated.takes());  // (the selection is no edit: take 3 stays selected)
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);  // the Generate: empty cards again
    QCOMPARE(window.takes()->takes(), empty.takes());
    QVERIFY(!window.takeGrid()->card(0)->hasTake());
    QTest::keyClick(&window, Qt::Key_Z, Qt::ShiftModifier | Qt::ControlModifier);  // redo the Generate
    QCOMPARE(window.takes()->takes(), generated.takes());
    QVERIFY(window.takeGrid()->card(9)->hasTake());
    window.actionSet().redo->trigger();  // and the ★
    QVERIFY(window.takes()->takes()[2].kept);

    // Regenerate by Ctrl+R: a new take 3, and Ctrl+Z brings the old one back, ★ and all. (Undo and
    // redo of a Generate restore the whole session, the selection too: select take 3 again.)
    QCOMPARE(window.takes()->current(), generated.current());
    QTest::keyClick(&window, Qt::Key_3);
    const SessionTake old = window.takes()->takes()[2];
    QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier);
    QVERIFY(shown.wait(10000));
    QVERIFY(window.takes()->takes()[2].take != old.take);
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(window.takes()->takes()[2], old);
    QVERIFY(window.isWindowModified());
  }
  // ---- the card's icons --------------------------------------------------------------------
  void cardIconsAreDrawnOnceAndReused() {
    // Qt caches an icon's pixmap scaled to the button under the icon's own key:
    // a fresh icon for every toggle filled that cache (the soak's RSS growth).
    TakeCard card(0);
    card.setKept(true);
    const qint64 kept = card.keepButton()->icon().cacheKey();
    card.setKept(false);
    QVERIFY(card.keepButton()->icon().cacheKey() != kept);
    card.setKept(true);
    QCOMPARE(card.keepButton()->icon().cacheKey(), kept);
    card.setPlaying(true);
    const qint64 playing = card.playButton()->icon().cacheKey();
    card.setPlaying(false);
    card.setPlaying(true);
    QCOMPARE(card.playButton()->icon().cacheKey(), playing);
    // Every card shows the same icons.
    QCOMPARE(TakeCard(1).keepButton()->icon().cacheKey(), TakeCard(2).keepButton()->icon().cacheKey());
  }
};

MUSA_TEST_MAIN(TestUiTakes)
#include "test_ui_takes.moc"
