// The primer piano roll: every gesture through real mouse and key events,
// and undo/redo of each.
#include <QtTest>

#include "test_main.h"
#include "ui/primer/primercommands.h"
#include "ui/primer/primerdocument.h"
#include "ui/primer/primereditor.h"

using musa::PrimerNote;

class TestPrimerEditor : public QObject {
  Q_OBJECT
  PrimerDocument* doc_ = nullptr;
  PrimerEditor* editor_ = nullptr;

  QWidget* vp() { return editor_->viewport(); }
  std::vector<PrimerNote> notes() { return doc_->notes(); }

  /** A press at the cell, a move to each further cell, and a release, with `mods` held. */
  void drag(QPoint from, QPoint to, Qt::KeyboardModifiers mods = {}) {
    QTest::mousePress(vp(), Qt::LeftButton, mods, from);
    // QTest::mouseMove carries no buttons; send the event with the button held.
    const int n = 4;
    for (int i = 1; i <= n; ++i) {
      const QPointF p = QPointF(from) + QPointF(to - from) * (double(i) / n);
      QMouseEvent move(QEvent::MouseMove, p, vp()->mapToGlobal(p), Qt::NoButton, Qt::LeftButton, mods);
      QCoreApplication::sendEvent(vp(), &move);
    }
    QTest::mouseRelease(vp(), Qt::LeftButton, mods, to);
  }

 private slots:
  void init() {
    doc_ = new PrimerDocument;
    editor_ = new PrimerEditor(doc_);
    editor_->resize(900, 400);
    editor_->show();
    editor_->centerOnPitch(64);
    QVERIFY(QTest::qWaitForWindowExposed(editor_));
  }
  void cleanup() {
    delete editor_;
    delete doc_;
  }

  void startsWithOneMiddleCQuarterNote() {
    QCOMPARE(notes().size(), size_t(1));
    QCOMPARE(notes()[0].pitch, 60);
    QCOMPARE(notes()[0].start, 0);
    QCOMPARE(notes()[0].length, 4);
  }

  void clickOnEmptyGridDrawsANoteAndUndoRemovesIt() {
    QTest::mouseClick(vp(), Qt::LeftButton, {}, editor_->cellCenter(8, 64));
    QCOMPARE(notes().size(), size_t(2));
    QCOMPARE(notes()[1].pitch, 64);
    QCOMPARE(notes()[1].start, 8);
    QCOMPARE(notes()[1].length, 4);  // the last length used: a quarter
    doc_->undoStack()->undo();
    QCOMPARE(notes().size(), size_t(1));
    doc_->undoStack()->redo();
    QCOMPARE(notes().size(), size_t(2));
  }

  void dragOnEmptyGridDrawsALongNoteAsOneUndoStep() {
    drag(editor_->cellCenter(8, 62), editor_->cellCenter(15, 62));
    QCOMPARE(notes().size(), size_t(2));
    QCOMPARE(notes()[1].start, 8);
    QCOMPARE(notes()[1].length, 8);  // cells 8..15
    QCOMPARE(doc_->undoStack()->count(), 1);
    doc_->undoStack()->undo();
    QCOMPARE(notes().size(), size_t(1));
  }

  void newNoteCutsTheOverlappingOneWithAHint() {
    QTest::mouseClick(vp(), Qt::LeftButton, {}, editor_->cellCenter(2, 67));
    QCOMPARE(notes().size(), size_t(2));
    QCOMPARE(notes()[0].length, 2);  // middle C now ends where the new note starts
    QVERIFY(!editor_->hint().isEmpty());
    doc_->undoStack()->undo();
    QCOMPARE(notes().size(), size_t(1));
    QCOMPARE(notes()[0].length, 4);
  }

  void polyphonicModeKeepsOverlaps() {
    editor_->setMonophonic(false);
    QTest::mouseClick(vp(), Qt::LeftButton, {}, editor_->cellCenter(2, 67));
    QCOMPARE(notes()[0].length, 4);
  }

  void dragMovesANoteAndUndoRestoresIt() {
    drag(editor_->cellCenter(1, 60), editor_->cellCenter(5, 63));
    QCOMPARE(notes().size(), size_t(1));
    QCOMPARE(notes()[0].start, 4);
    QCOMPARE(notes()[0].pitch, 63);
    QCOMPARE(doc_->undoStack()->count(), 1);  // the whole drag is one step
    doc_->undoStack()->undo();
    QCOMPARE(notes()[0].start, 0);
    QCOMPARE(notes()[0].pitch, 60);
  }

  void shiftDragConstrainsToOneAxis() {
    // Mostly horizontal with a little vertical wobble: only the time changes.
    drag(editor_->cellCenter(1, 60), editor_->cellCenter(7, 61), Qt::ShiftModifier);
    QCOMPARE(notes()[0].pitch, 60);
    QCOMPARE(notes()[0].start, 6);
  }

  void dragRightEdgeResizes() {
    const QPoint edge(editor_->cellCenter(3, 60).x() + editor_->stepWidth() / 2 - 2,
                      editor_->cellCenter(3, 60).y());
    drag(edge, edge + QPoint(4 * editor_->stepWidth(), 0));
    QCOMPARE(notes()[0].length, 8);
    QCOMPARE(notes()[0].start, 0);
    doc_->undoStack()->undo();
    QCOMPARE(notes()[0].length, 4);
  }

  void deleteKeyRightClickAndUndo() {
    QTest::mouseClick(vp(), Qt::LeftButton, {}, editor_->cellCenter(1, 60));  // select
    QTest::keyClick(editor_, Qt::Key_Delete);
    QVERIFY(notes().empty());
    doc_->undoStack()->undo();
    QCOMPARE(notes().size(), size_t(1));
    QTest::mouseClick(vp(), Qt::LeftButton, {}, editor_->cellCenter(1, 60));
    QTest::keyClick(editor_, Qt::Key_Backspace);
    QVERIFY(notes().empty());
    doc_->undoStack()->undo();
    QTest::mouseClick(vp(), Qt::RightButton, {}, editor_->cellCenter(1, 60));
    QVERIFY(notes().empty());
    doc_->undoStack()->undo();
    QCOMPARE(notes().size(), size_t(1));
  }

  void arrowsTransposeBySemitoneAndShiftByOctave() {
    QTest::mouseClick(vp(), Qt::LeftButton, {}, editor_->cellCenter(1, 60));
    QTest::keyClick(editor_, Qt::Key_Up);
    QCOMPARE(notes()[0].pitch, 61);
    QTest::keyClick(editor_, Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(notes()[0].pitch, 49);
    doc_->undoStack()->undo();
    doc_->undoStack()->undo();
    QCOMPARE(notes()[0].pitch, 60);
  }

  void rubberBandSelectsAndMovesSeveral() {
    QTest::mouseClick(vp(), Qt::LeftButton, {}, editor_->cellCenter(4, 62));
    QTest::mouseClick(vp(), Qt::LeftButton, {}, editor_->cellCenter(8, 64));
    QTest::mouseClick(vp(), Qt::LeftButton, {}, editor_->cellCenter(20, 70));
    QCOMPARE(notes().size(), size_t(4));
    drag(editor_->cellCenter(0, 66) - QPoint(3, 0), editor_->cellCenter(12, 59), Qt::ControlModifier);
    QCOMPARE(editor_->selectedIds().size(), size_t(3));  // C, D, E; not the G at step 20
    QTest::keyClick(editor_, Qt::Key_Up, Qt::ShiftModifier);
    QCOMPARE(notes()[0].pitch, 72);
    QCOMPARE(notes()[3].pitch, 70);
  }

  void shiftClickTogglesAndCtrlASelectsAll() {
    QTest::mouseClick(vp(), Qt::LeftButton, {}, editor_->cellCenter(8, 64));
    QCOMPARE(editor_->selectedIds().size(), size_t(1));
    QTest::mouseClick(vp(), Qt::LeftButton, Qt::ShiftModifier, editor_->cellCenter(1, 60));
    QCOMPARE(editor_->selectedIds().size(), size_t(2));
    QTest::mouseClick(vp(), Qt::LeftButton, Qt::ShiftModifier, editor_->cellCenter(1, 60));
    QCOMPARE(editor_->selectedIds().size(), size_t(1));
    QTest::keyClick(editor_, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(editor_->selectedIds().size(), size_t(2));
  }

  void ctrlDragUpAndDownChangesVelocityAsOneUndoStep() {
    QCOMPARE(notes()[0].velocity, 100);
    const QPoint at = editor_->cellCenter(1, 60);
    drag(at, at + QPoint(0, -30), Qt::ControlModifier);  // 2 px a step: 15 louder, and no move
    QCOMPARE(notes()[0].velocity, 115);
    QCOMPARE(notes()[0].pitch, 60);
    QCOMPARE(notes()[0].start, 0);
    QCOMPARE(doc_->undoStack()->count(), 1);
    QVERIFY(editor_->hint().contains(QStringLiteral("115")));
    drag(at, at + QPoint(0, 400), Qt::ControlModifier);  // far down: the softest, not below
    QCOMPARE(notes()[0].velocity, 1);
    doc_->undoStack()->undo();
    doc_->undoStack()->undo();
    QCOMPARE(notes()[0].velocity, 100);
  }

  void copyPasteAfterTheSelectionAndAtThePlayhead() {
    QTest::mouseClick(vp(), Qt::LeftButton, {}, editor_->cellCenter(4, 64));  // E 4..8, selected
    QTest::keyClick(editor_, Qt::Key_A, Qt::ControlModifier);
    editor_->copySelection();
    QCOMPARE(editor_->copiedNotes().size(), size_t(2));
    editor_->paste();  // after the selection: at step 8
    QCOMPARE(notes().size(), size_t(4));
    QCOMPARE((std::tuple{notes()[2].pitch, notes()[2].start}), (std::tuple{60, 8}));
    QCOMPARE((std::tuple{notes()[3].pitch, notes()[3].start}), (std::tuple{64, 12}));
    QCOMPARE(editor_->selectedIds().size(), size_t(2));  // the pasted notes, so a second paste follows them
    QVERIFY(editor_->selectedIds().count(notes()[2].id));
    editor_->setPlayheadStep(2.6);  // the primer playing: at the playhead, cutting what it overlaps
    editor_->paste();
    QCOMPARE(notes()[0].length, 2);  // the first C now ends at 2
    const auto now = notes();
    QVERIFY(std::any_of(now.begin(), now.end(),
                        [](const PrimerNote& n) { return n.start == 2 && n.pitch == 60; }));
    QCOMPARE(doc_->undoStack()->count(), 3);  // the drawn E and two pastes
    doc_->undoStack()->undo();
    doc_->undoStack()->undo();
    QCOMPARE(notes().size(), size_t(2));
    QCOMPARE(notes()[0].length, 4);
  }

  void quantizeSnapsTheSelectionOrEverything() {
    doc_->undoStack()->push(new ReplacePrimerCommand(
        doc_, {{10, 60, 1, 2, 100}, {11, 62, 3, 3, 100}, {12, 64, 7, 2, 100}}, QStringLiteral("recorded")));
    editor_->quantize(2);  // nothing selected: every note, to 8ths
    QCOMPARE((std::tuple{notes()[0].start, notes()[1].start, notes()[2].start}), (std::tuple{2, 4, 8}));
    doc_->undoStack()->undo();
    QCOMPARE(notes()[0].start, 1);
    editor_->setSelectedIds({12});
    editor_->quantize(4);  // only the selected E, to quarters: 7 → 8
    QCOMPARE((std::tuple{notes()[0].start, notes()[1].start, notes()[2].start}), (std::tuple{1, 3, 8}));
    QCOMPARE(notes()[2].length, 4);
  }

  void ctrlWheelZooms() {
    const int before = editor_->stepWidth();
    QWheelEvent wheel(QPointF(300, 100), editor_->mapToGlobal(QPointF(300, 100)), {}, QPoint(0, 120),
                      Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(vp(), &wheel);
    QVERIFY(editor_->stepWidth() > before);
  }

  void clickingAKeyAuditionsIt() {
    QSignalSpy started(editor_, &PrimerEditor::auditionStarted),
        stopped(editor_, &PrimerEditor::auditionStopped);
    QTest::mouseClick(vp(), Qt::LeftButton, {}, editor_->keyCenter(64));
    QCOMPARE(started.count(), 1);
    QCOMPARE(started.at(0).at(0).toInt(), 64);
    QCOMPARE(stopped.count(), 1);
    QCOMPARE(notes().size(), size_t(1));  // the keyboard does not draw
  }
};

MUSA_TEST_MAIN(TestPrimerEditor)
#include "test_ui_primer_editor.moc"
