#pragma once
// PrimerEditor: the piano roll where the primer is sketched. A keyboard
// strip on the left, a bar/beat ruler on top, a 16th grid. The widget keeps
// the view (zoom, scrolling, selection, playhead, hint) and the keys; mouse
// gestures are PrimerGestures', painting is PrimerPainter's, and every edit
// is an undo command on the PrimerDocument.

#include <QAbstractScrollArea>
#include <QTimer>
#include <set>
#include <vector>

#include "core/project/primer.h"
#include "ui/primer/pianorollgeometry.h"

class PrimerDocument;
class PrimerGestures;

class PrimerEditor : public QAbstractScrollArea {
  Q_OBJECT
 public:
  static constexpr int kMinStepWidth = 4, kMaxStepWidth = 48;

  explicit PrimerEditor(PrimerDocument* document, QWidget* parent = nullptr);

  /** Where steps and pitches are now (zoom and scrolling). */
  PianoRollGeometry geometry() const;
  /** The centre of grid cell (step, pitch) in viewport coordinates (for tests and tooltips). */
  QPoint cellCenter(int step, int pitch) const { return geometry().cellCenter(step, pitch); }
  /** The viewport point on the piano key of `pitch`. */
  QPoint keyCenter(int pitch) const { return geometry().keyCenter(pitch); }
  /** The id of the topmost note at a viewport point, 0 when none. */
  int noteAt(const QPoint& pos) const;

  const std::set<int>& selectedIds() const { return selection_; }
  void setSelectedIds(std::set<int> ids);
  std::vector<musa::PrimerNote> selectedNotes() const;
  int stepWidth() const { return step_width_; }
  void setStepWidth(int width);
  bool monophonic() const { return monophonic_; }
  /** The text shown after a new note cut an overlapping one (empty when none is showing). */
  QString hint() const { return hint_; }
  /** What copySelection() kept. */
  const std::vector<musa::PrimerNote>& copiedNotes() const { return copied_; }
  /** Where paste() would put the copied notes' first step now. */
  int pasteStep() const;
  /** Where the hint shows, in viewport coordinates (null when none): clear of the notes it is about. */
  QRect hintRect() const;
  /** "E♭4, bar 2 beat 3" for the note at a viewport point, spelled in the key; empty when none. */
  QString noteToolTip(const QPoint& pos) const;
  /** The key note names are spelled in (the chosen key, or the primer's). */
  void setKey(const musa::Key& key) { key_ = key; }
  QSize sizeHint() const override;

 public slots:
  void selectAll();
  void deleteSelection();
  void transposeSelection(int semitones);
  /** Ctrl+C: keeps the selected notes for paste() (nothing selected: keeps what it had). */
  void copySelection();
  /**
   * Ctrl+V: the copied notes again, at the playhead while the primer plays,
   * else right after the selection, else after the last note; they become
   * the selection. One undo step; a monophonic primer is cut around them.
   */
  void paste();
  /** Snaps the selected notes (every note when none is selected) to a grid of `grid` steps; one undo step. */
  void quantize(int grid);
  void setMonophonic(bool on) { monophonic_ = on; }
  /** Where playback of the primer is, in steps; < 0 hides the playhead. */
  void setPlayheadStep(double step);
  /**
   * While a primer is being recorded: shows `notes` (what was played so far,
   * held notes growing) instead of the primer, and the playhead at `step`
   * (< 0, in the count-in: at the start); the mouse edits nothing meanwhile.
   */
  void showRecording(std::vector<musa::PrimerNote> notes, double step);
  /** Recording stopped: the primer shows again. */
  void endRecording();
  bool showingRecording() const { return recording_; }
  const std::vector<musa::PrimerNote>& recordingNotes() const { return recording_notes_; }
  double playheadStep() const { return playhead_step_; }
  /** Scrolls so `pitch` is in the middle of the view. */
  void centerOnPitch(int pitch);
  /** Scrolls so the notes are in view (middle C when there are none). */
  void centerOnNotes();
  /** Shows `text` over the grid for a moment, where it covers none of the notes `near_ids`. */
  void showHint(const QString& text, const std::vector<int>& near_ids = {});

 signals:
  void selectionChanged();
  /** A piano key was pressed or a note touched: sound it until auditionStopped. */
  void auditionStarted(int pitch);
  void auditionStopped(int pitch);

 protected:
  bool viewportEvent(QEvent* event) override;
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  int contentSteps() const;
  /** The hint's placement: what it must not cover, and the other notes it had better not cover. */
  std::vector<QRect> hintAvoid() const;
  std::vector<QRect> noteRects() const;
  void updateScrollBars();

  PrimerDocument* document_;
  PrimerGestures* gestures_;
  std::set<int> selection_;
  int step_width_ = 14;
  bool monophonic_ = true;
  double playhead_step_ = -1;
  std::vector<musa::PrimerNote> copied_;
  bool recording_ = false;
  std::vector<musa::PrimerNote> recording_notes_;
  bool centered_ = false;  ///< scrolled to the notes once the view had its real size
  QString hint_;
  std::vector<int> hint_near_;  ///< the notes the hint is about
  QTimer hint_timer_;
  musa::Key key_;
};
