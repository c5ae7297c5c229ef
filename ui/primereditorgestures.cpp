// PrimerEditor's mouse gestures: draw, select, move, resize, rubber band,
// and the keyboard strip. Each drag pushes merging commands (one undo step).
#include <QMouseEvent>
#include <algorithm>
#include <cmath>

#include "ui/primercommands.h"
#include "ui/primerdocument.h"
#include "ui/primereditor.h"

using musa::PrimerNote;

void PrimerEditor::mousePressEvent(QMouseEvent* event) {
  const QPoint pos = event->position().toPoint();
  press_pos_ = pos;
  ++gesture_serial_;
  if (pos.y() < kRulerHeight) {  // the ruler: a click clears the selection
    setSelectedIds({});
    return;
  }
  if (pos.x() < kKeyboardWidth) {
    gesture_ = Gesture::Key;
    startAudition(pitchAt(pos.y()));
    viewport()->update();
    return;
  }
  const int id = noteAt(pos);
  if (event->button() == Qt::RightButton) {  // right-click deletes the note under the mouse
    if (id) document_->undoStack()->push(new DeleteNotesCommand(document_, {*document_->note(id)}));
    return;
  }
  if (event->button() != Qt::LeftButton) return;
  if (id) {
    beginOnNote(*document_->note(id), event);
  } else if (event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier)) {
    gesture_ = Gesture::RubberBand;
    rubber_base_ = (event->modifiers() & Qt::ShiftModifier) ? selection_ : std::set<int>{};
    rubber_band_ = QRect(pos, pos);
  } else {
    beginDraw(pos, !(event->modifiers() & Qt::AltModifier));
  }
}

void PrimerEditor::beginOnNote(const PrimerNote& note, QMouseEvent* event) {
  if (event->modifiers() & Qt::ShiftModifier) {  // Shift+click toggles the note in the selection
    std::set<int> ids = selection_;
    if (!ids.erase(note.id)) ids.insert(note.id);
    setSelectedIds(std::move(ids));
    if (!selection_.count(note.id)) return;
  } else if (!selection_.count(note.id)) {
    setSelectedIds({note.id});
  }
  gesture_ = onRightEdge(note, event->position().toPoint()) ? Gesture::Resize : Gesture::Move;
  origin_ = selectedNotes();
  startAudition(note.pitch);
}

void PrimerEditor::beginDraw(const QPoint& pos, bool snap) {
  // With snap, a note starts at the 16th cell under the mouse; without (Alt),
  // at the nearest 16th line: the model hears nothing finer than a 16th.
  const double step = stepAt(pos.x());
  const int start = std::max(0, snap ? int(std::floor(step)) : int(std::lround(step)));
  const PrimerNote note{document_->takeNextId(), pitchAt(pos.y()), start, last_length_, 100};
  drawn_id_ = note.id;
  gesture_ = Gesture::Draw;
  const bool cuts = monophonic_ && !musa::monophonic_cut(document_->notes(), note).empty();
  document_->undoStack()->push(new AddNoteCommand(document_, note, monophonic_, gesture_serial_));
  if (cuts) showHint(tr("One note at a time: the overlapping note was shortened (the model is monophonic)"));
  setSelectedIds({note.id});
  startAudition(note.pitch);
}

void PrimerEditor::mouseMoveEvent(QMouseEvent* event) {
  const QPoint pos = event->position().toPoint();
  if (gesture_ == Gesture::None) {  // hover: a resize cursor on note ends
    const int id = noteAt(pos);
    const bool edge = id && onRightEdge(*document_->note(id), pos);
    viewport()->setCursor(edge ? Qt::SizeHorCursor : Qt::ArrowCursor);
    return;
  }
  switch (gesture_) {
    case Gesture::Draw: dragDraw(pos, !(event->modifiers() & Qt::AltModifier)); break;
    case Gesture::Move: dragMove(pos, event->modifiers() & Qt::ShiftModifier); break;
    case Gesture::Resize: dragResize(pos); break;
    case Gesture::RubberBand: dragRubberBand(pos); break;
    case Gesture::Key:
      if (pitchAt(pos.y()) != auditioned_pitch_) startAudition(pitchAt(pos.y()));
      break;
    case Gesture::None: break;
  }
}

void PrimerEditor::dragDraw(const QPoint& pos, bool snap) {
  const auto drawn = document_->note(drawn_id_);
  if (!drawn) return;
  const double step = stepAt(pos.x());
  const int end = snap ? int(std::floor(step)) + 1 : int(std::lround(step));
  const int length = std::max(1, end - drawn->start);
  if (length == drawn->length || std::abs(pos.x() - press_pos_.x()) < 3) return;
  PrimerNote note = *drawn;
  note.length = length;
  last_length_ = length;
  document_->undoStack()->push(new AddNoteCommand(document_, note, monophonic_, gesture_serial_));
}

void PrimerEditor::dragMove(const QPoint& pos, bool constrain) {
  int dx = pos.x() - press_pos_.x(), dy = pos.y() - press_pos_.y();
  if (constrain) (std::abs(dx) >= std::abs(dy) ? dy : dx) = 0;  // Shift: one axis only
  int steps = int(std::lround(double(dx) / step_width_));
  int semitones = -int(std::lround(double(dy) / kRowHeight));
  if (origin_.empty()) return;
  // Clamp as a group so the selection keeps its shape at the edges.
  int min_start = origin_[0].start, min_pitch = 127, max_pitch = 0;
  for (const PrimerNote& n : origin_) {
    min_start = std::min(min_start, n.start);
    min_pitch = std::min(min_pitch, n.pitch);
    max_pitch = std::max(max_pitch, n.pitch);
  }
  steps = std::max(steps, -min_start);
  semitones = std::clamp(semitones, -min_pitch, 127 - max_pitch);
  std::vector<PrimerNote> moved = origin_, current;
  for (PrimerNote& n : moved) {
    n.start += steps;
    n.pitch += semitones;
    if (auto now = document_->note(n.id)) current.push_back(*now);
  }
  if (current == moved) return;
  if (semitones != 0 && current.size() == 1 && current[0].pitch != moved[0].pitch) startAudition(moved[0].pitch);
  document_->undoStack()->push(new MoveNotesCommand(document_, current, std::move(moved), gesture_serial_));
}

void PrimerEditor::dragResize(const QPoint& pos) {
  const int steps = int(std::lround(double(pos.x() - press_pos_.x()) / step_width_));
  std::vector<PrimerNote> resized = origin_, current;
  for (PrimerNote& n : resized) {
    n.length = std::max(1, n.length + steps);
    if (auto now = document_->note(n.id)) current.push_back(*now);
  }
  if (current == resized) return;
  if (resized.size() == 1) last_length_ = resized[0].length;
  document_->undoStack()->push(new ResizeNotesCommand(document_, current, std::move(resized), gesture_serial_));
}

void PrimerEditor::dragRubberBand(const QPoint& pos) {
  rubber_band_ = QRect(press_pos_, pos).normalized();
  std::set<int> ids = rubber_base_;
  for (const PrimerNote& n : document_->notes())
    if (noteRect(n).intersects(rubber_band_)) ids.insert(n.id);
  setSelectedIds(std::move(ids));
  viewport()->update();
}

void PrimerEditor::mouseReleaseEvent(QMouseEvent*) {
  stopAudition();
  gesture_ = Gesture::None;
  origin_.clear();
  rubber_band_ = QRect();
  viewport()->update();
}
