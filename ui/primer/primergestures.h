#pragma once
// PrimerGestures: what the mouse does in the primer editor — draw a note,
// select (click, Shift+click, rubber band), move, resize, change velocity
// (Ctrl+drag up or down on a note), and play the keyboard strip. Each drag pushes commands of one gesture,
// which merge into one undo step. It keeps only the gesture in progress; the notes are the document's and the
// selection the editor's.

#include <QObject>
#include <QPoint>
#include <QRect>
#include <set>
#include <vector>

#include "core/project/primer.h"

class PrimerDocument;
class PrimerEditor;
class QMouseEvent;

class PrimerGestures : public QObject {
  Q_OBJECT
 public:
  PrimerGestures(PrimerEditor* editor, PrimerDocument* document);

  void press(QMouseEvent* event);
  void move(QMouseEvent* event);
  void release();

  /** The rubber band being dragged, null when none. */
  QRect rubberBand() const { return rubber_band_; }
  /** The piano key held down on the keyboard strip, or −1. */
  int pressedKey() const { return gesture_ == Gesture::Key ? auditioned_pitch_ : -1; }

 signals:
  /** A piano key was pressed or a note touched: sound it until auditionStopped. */
  void auditionStarted(int pitch);
  void auditionStopped(int pitch);
  /** A new note cut an overlapping one: say so for a moment. */
  /** A word about an edit; `near_ids`: the notes it concerns, which the hint must not cover. */
  void hintRequested(const QString& text, const std::vector<int>& near_ids);
  /** The rubber band or the pressed key changed: repaint. */
  void changed();

 private:
  enum class Gesture { None, Draw, Move, Resize, RubberBand, Key, Velocity };

  void beginOnNote(const musa::PrimerNote& note, QMouseEvent* event);
  void beginDraw(const QPoint& pos, bool snap);
  void dragDraw(const QPoint& pos, bool snap);
  void dragMove(const QPoint& pos, bool constrain);
  void dragResize(const QPoint& pos);
  void dragVelocity(const QPoint& pos);
  void dragRubberBand(const QPoint& pos);
  void hover(const QPoint& pos);
  void startAudition(int pitch);
  void stopAudition();

  PrimerEditor* editor_;
  PrimerDocument* document_;
  Gesture gesture_ = Gesture::None;
  int serial_ = 0;  ///< commands of one gesture carry the same serial and merge
  QPoint press_pos_;
  std::vector<musa::PrimerNote> origin_;  ///< the selected notes when the gesture began
  std::set<int> rubber_base_;             ///< selection when a Shift rubber band began
  QRect rubber_band_;
  int drawn_id_ = 0;
  int touched_id_ = 0;  ///< the note a velocity drag began on
  int last_length_ = musa::kStepsPerQuarter;
  int auditioned_pitch_ = -1;
};
