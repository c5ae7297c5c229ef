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
  void setMonophonic(bool on) { monophonic_ = on; }
  /** Where playback of the primer is, in steps; < 0 hides the playhead. */
  void setPlayheadStep(double step);
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
  bool centered_ = false;  ///< scrolled to the notes once the view had its real size
  QString hint_;
  std::vector<int> hint_near_;  ///< the notes the hint is about
  QTimer hint_timer_;
  musa::Key key_;
};
