#pragma once
// PrimerEditor: the piano roll where the primer is sketched. A keyboard
// strip on the left, a bar/beat ruler on top, a 16th grid. The widget turns
// mouse and keys into undo commands on a PrimerDocument; it keeps only view
// state (selection, zoom, the gesture in progress).

#include <QAbstractScrollArea>
#include <QElapsedTimer>
#include <QTimer>
#include <set>
#include <vector>

#include "core/project/primer.h"

class PrimerDocument;

class PrimerEditor : public QAbstractScrollArea {
  Q_OBJECT
 public:
  static constexpr int kKeyboardWidth = 56;
  static constexpr int kRulerHeight = 24;
  static constexpr int kRowHeight = 11;
  static constexpr int kMinStepWidth = 4, kMaxStepWidth = 48;

  explicit PrimerEditor(PrimerDocument* document, QWidget* parent = nullptr);

  /** The centre of grid cell (step, pitch) in viewport coordinates (for tests and tooltips). */
  QPoint cellCenter(int step, int pitch) const;
  /** The viewport point on the piano key of `pitch`. */
  QPoint keyCenter(int pitch) const;
  const std::set<int>& selectedIds() const { return selection_; }
  void setSelectedIds(std::set<int> ids);
  int stepWidth() const { return step_width_; }
  void setStepWidth(int width);
  bool monophonic() const { return monophonic_; }
  /** The text shown after a new note cut an overlapping one (empty when none is showing). */
  QString hint() const { return hint_; }
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

 signals:
  void selectionChanged();
  /** A piano key was pressed or a note touched: sound it until auditionStopped. */
  void auditionStarted(int pitch);
  void auditionStopped(int pitch);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  enum class Gesture { None, Draw, Move, Resize, RubberBand, Key };

  // Geometry (primereditor.cpp).
  double stepAt(int x) const;
  int pitchAt(int y) const;
  QRect noteRect(const musa::PrimerNote& note) const;
  int noteAt(const QPoint& pos) const;
  bool onRightEdge(const musa::PrimerNote& note, const QPoint& pos) const;
  int contentSteps() const;
  void updateScrollBars();

  // Gestures (primereditor.cpp).
  void beginOnNote(const musa::PrimerNote& note, QMouseEvent* event);
  void beginDraw(const QPoint& pos, bool snap);
  void dragDraw(const QPoint& pos, bool snap);
  void dragMove(const QPoint& pos, bool constrain);
  void dragResize(const QPoint& pos);
  void dragRubberBand(const QPoint& pos);
  std::vector<musa::PrimerNote> selectedNotes() const;
  void startAudition(int pitch);
  void stopAudition();
  void showHint(const QString& text);

  // Painting (primereditorpaint.cpp).
  void paintGrid(QPainter& p, const QRect& grid) const;
  void paintNotes(QPainter& p) const;
  void paintRuler(QPainter& p) const;
  void paintKeyboard(QPainter& p) const;
  void paintOverlay(QPainter& p) const;

  PrimerDocument* document_;
  std::set<int> selection_;
  std::set<int> rubber_base_;  ///< selection when a Shift rubber band began
  int step_width_ = 14;
  bool monophonic_ = true;
  double playhead_step_ = -1;

  Gesture gesture_ = Gesture::None;
  int gesture_serial_ = 0;
  QPoint press_pos_;
  std::vector<musa::PrimerNote> origin_;  ///< the selected notes when the gesture began
  int drawn_id_ = 0;
  int last_length_ = musa::kStepsPerQuarter;
  QRect rubber_band_;
  int auditioned_pitch_ = -1;
  bool centered_ = false;  ///< scrolled to the notes once the view had its real size
  QString hint_;
  QTimer hint_timer_;
};
