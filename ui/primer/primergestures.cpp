#include "ui/primer/primergestures.h"

#include <QMouseEvent>
#include <algorithm>
#include <cmath>

#include "ui/primer/primercommands.h"
#include "ui/primer/primerdocument.h"
#include "ui/primer/primereditor.h"

using musa::PrimerNote;

PrimerGestures::PrimerGestures(PrimerEditor* editor, PrimerDocument* document)
    : QObject(editor), editor_(editor), document_(document) {}

void PrimerGestures::press(QMouseEvent* event) {
  const QPoint pos = event->position().toPoint();
  press_pos_ = pos;
  ++serial_;
  if (pos.y() < PianoRollGeometry::kRulerHeight) {  // the ruler: a click clears the selection
    editor_->setSelectedIds({});
    return;
  }
  if (pos.x() < PianoRollGeometry::kKeyboardWidth) {
    gesture_ = Gesture::Key;
    startAudition(editor_->geometry().pitchAt(pos.y()));
    emit changed();
    return;
  }
  const int id = editor_->noteAt(pos);
  if (event->button() == Qt::RightButton) {  // right-click deletes the note under the mouse
    if (id) document_->undoStack()->push(new DeleteNotesCommand(document_, {*document_->note(id)}));
    return;
  }
  if (event->button() != Qt::LeftButton) return;
  if (id) {
    beginOnNote(*document_->note(id), event);
  } else if (event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier)) {
    gesture_ = Gesture::RubberBand;
    rubber_base_ = (event->modifiers() & Qt::ShiftModifier) ? editor_->selectedIds() : std::set<int>{};
    rubber_band_ = QRect(pos, pos);
  } else {
    beginDraw(pos, !(event->modifiers() & Qt::AltModifier));
  }
}

void PrimerGestures::beginOnNote(const PrimerNote& note, QMouseEvent* event) {
  if (event->modifiers() & Qt::ShiftModifier) {  // Shift+click toggles the note in the selection
    std::set<int> ids = editor_->selectedIds();
    if (!ids.erase(note.id)) ids.insert(note.id);
    editor_->setSelectedIds(std::move(ids));
    if (!editor_->selectedIds().count(note.id)) return;
  } else if (!editor_->selectedIds().count(note.id)) {
    editor_->setSelectedIds({note.id});
  }
  if (event->modifiers() & Qt::ControlModifier)
    gesture_ = Gesture::Velocity;  // up louder, down softer: the selected notes together
  else
    gesture_ =
        editor_->geometry().onRightEdge(note, event->position().toPoint()) ? Gesture::Resize : Gesture::Move;
  origin_ = editor_->selectedNotes();
  touched_id_ = note.id;
  startAudition(note.pitch);
}

void PrimerGestures::beginDraw(const QPoint& pos, bool snap) {
  // With snap, a note starts at the 16th cell under the mouse; without (Alt),
  // at the nearest 16th line: the model hears nothing finer than a 16th.
  const PianoRollGeometry geo = editor_->geometry();
  const double step = geo.stepAt(pos.x());
  const int start = std::max(0, snap ? int(std::floor(step)) : int(std::lround(step)));
  const PrimerNote note{document_->takeNextId(), geo.pitchAt(pos.y()), start, last_length_, 100};
  drawn_id_ = note.id;
  gesture_ = Gesture::Draw;
  const bool monophonic = editor_->monophonic();
  const musa::MonophonicCut cut =
      monophonic ? musa::monophonic_cut(document_->notes(), note) : musa::MonophonicCut{};
  document_->undoStack()->push(new AddNoteCommand(document_, note, monophonic, serial_));
  if (!cut.empty()) {
    // Say what happened to the notes the new one overlapped: cut short, or gone.
    const int shortened = int(cut.shortened.size()), removed = int(cut.removed.size());
    const QString what =
        removed == 0     ? tr("the overlapping note was shortened", nullptr, shortened)
        : shortened == 0 ? tr("the note under the new one was removed", nullptr, removed)
                         : tr("the overlapping note was shortened and the one under the new note removed");
    std::vector<int> near_ids{note.id};
    for (const PrimerNote& n : cut.shortened) near_ids.push_back(n.id);
    emit hintRequested(tr("One note at a time: %1 (the model is monophonic)").arg(what), near_ids);
  }
  editor_->setSelectedIds({note.id});
  startAudition(note.pitch);
}

void PrimerGestures::move(QMouseEvent* event) {
  const QPoint pos = event->position().toPoint();
  switch (gesture_) {
    case Gesture::None:
      hover(pos);
      break;
    case Gesture::Draw:
      dragDraw(pos, !(event->modifiers() & Qt::AltModifier));
      break;
    case Gesture::Move:
      dragMove(pos, event->modifiers() & Qt::ShiftModifier);
      break;
    case Gesture::Resize:
      dragResize(pos);
      break;
    case Gesture::Velocity:
      dragVelocity(pos);
      break;
    case Gesture::RubberBand:
      dragRubberBand(pos);
      break;
    case Gesture::Key:
      if (const int pitch = editor_->geometry().pitchAt(pos.y()); pitch != auditioned_pitch_) {
        startAudition(pitch);
        emit changed();
      }
      break;
  }
}

void PrimerGestures::hover(const QPoint& pos) {
  // A resize cursor on note ends.
  const int id = editor_->noteAt(pos);
  const bool edge = id && editor_->geometry().onRightEdge(*document_->note(id), pos);
  editor_->viewport()->setCursor(edge ? Qt::SizeHorCursor : Qt::ArrowCursor);
}

void PrimerGestures::dragDraw(const QPoint& pos, bool snap) {
  const auto drawn = document_->note(drawn_id_);
  if (!drawn) return;
  const double step = editor_->geometry().stepAt(pos.x());
  const int end = snap ? int(std::floor(step)) + 1 : int(std::lround(step));
  const int length = std::max(1, end - drawn->start);
  if (length == drawn->length || std::abs(pos.x() - press_pos_.x()) < 3) return;
  PrimerNote note = *drawn;
  note.length = length;
  last_length_ = length;
  document_->undoStack()->push(new AddNoteCommand(document_, note, editor_->monophonic(), serial_));
}

void PrimerGestures::dragMove(const QPoint& pos, bool constrain) {
  int dx = pos.x() - press_pos_.x(), dy = pos.y() - press_pos_.y();
  if (constrain) (std::abs(dx) >= std::abs(dy) ? dy : dx) = 0;  // Shift: one axis only
  int steps = int(std::lround(double(dx) / editor_->stepWidth()));
  int semitones = -int(std::lround(double(dy) / PianoRollGeometry::kRowHeight));
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
  if (semitones != 0 && current.size() == 1 && current[0].pitch != moved[0].pitch)
    startAudition(moved[0].pitch);
  document_->undoStack()->push(new MoveNotesCommand(document_, current, std::move(moved), serial_));
}

void PrimerGestures::dragResize(const QPoint& pos) {
  const int steps = int(std::lround(double(pos.x() - press_pos_.x()) / editor_->stepWidth()));
  std::vector<PrimerNote> resized = origin_, current;
  for (PrimerNote& n : resized) {
    n.length = std::max(1, n.length + steps);
    if (auto now = document_->note(n.id)) current.push_back(*now);
  }
  if (current == resized) return;
  if (resized.size() == 1) last_length_ = resized[0].length;
  document_->undoStack()->push(new ResizeNotesCommand(document_, current, std::move(resized), serial_));
}

void PrimerGestures::dragVelocity(const QPoint& pos) {
  const int delta = -(pos.y() - press_pos_.y()) / 2;  // two pixels a step: 127 steps within a short drag
  std::vector<PrimerNote> changed = musa::with_velocity_change(origin_, delta), current;
  for (const PrimerNote& n : changed)
    if (auto now = document_->note(n.id)) current.push_back(*now);
  if (current == changed) return;
  document_->undoStack()->push(new NoteVelocityCommand(document_, current, changed, serial_));
  if (const auto touched = document_->note(touched_id_))
    emit hintRequested(tr("Velocity %1").arg(touched->velocity), {touched_id_});
}

void PrimerGestures::dragRubberBand(const QPoint& pos) {
  rubber_band_ = QRect(press_pos_, pos).normalized();
  std::set<int> ids = rubber_base_;
  const PianoRollGeometry geo = editor_->geometry();
  for (const PrimerNote& n : document_->notes())
    if (geo.noteRect(n).intersects(rubber_band_)) ids.insert(n.id);
  editor_->setSelectedIds(std::move(ids));
  emit changed();
}

void PrimerGestures::release() {
  stopAudition();
  gesture_ = Gesture::None;
  origin_.clear();
  rubber_band_ = QRect();
  emit changed();
}

void PrimerGestures::startAudition(int pitch) {
  stopAudition();
  auditioned_pitch_ = pitch;
  emit auditionStarted(pitch);
}

void PrimerGestures::stopAudition() {
  if (auditioned_pitch_ < 0) return;
  emit auditionStopped(auditioned_pitch_);
  auditioned_pitch_ = -1;
}
