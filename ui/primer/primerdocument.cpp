#include "ui/primer/primerdocument.h"

#include <algorithm>

PrimerDocument::PrimerDocument(QUndoStack* undo_stack, QObject* parent)
    : QObject(parent),
      own_stack_(undo_stack ? nullptr : std::make_unique<QUndoStack>()),
      undo_stack_(undo_stack ? undo_stack : own_stack_.get()) {
  reset(defaultNotes());
}

std::optional<musa::PrimerNote> PrimerDocument::note(int id) const {
  const auto it = std::find_if(notes_.begin(), notes_.end(), [id](const auto& n) { return n.id == id; });
  if (it == notes_.end()) return std::nullopt;
  return *it;
}

bool PrimerDocument::contains(int id) const { return note(id).has_value(); }

void PrimerDocument::exchange(const std::vector<musa::PrimerNote>& remove,
                              const std::vector<musa::PrimerNote>& insert) {
  std::erase_if(notes_, [&](const musa::PrimerNote& n) {
    return std::any_of(remove.begin(), remove.end(), [&](const auto& r) { return r.id == n.id; });
  });
  for (const musa::PrimerNote& n : insert) {
    notes_.push_back(n);
    next_id_ = std::max(next_id_, n.id + 1);
  }
  std::sort(notes_.begin(), notes_.end(), [](const auto& a, const auto& b) {
    return a.start != b.start ? a.start < b.start : a.pitch < b.pitch;
  });
  emit notesChanged();
}

void PrimerDocument::reset(std::vector<musa::PrimerNote> notes) {
  undo_stack_->clear();
  notes_.clear();
  next_id_ = 1;
  for (musa::PrimerNote& n : notes) n.id = next_id_++;
  exchange({}, notes);
  undo_stack_->setClean();
}

std::vector<musa::PrimerNote> PrimerDocument::defaultNotes() {
  // Middle C (MIDI 60), as Magenta's documentation primes with [60]; a
  // quarter note rather than one 16th, since that is what a musician writes.
  return {musa::PrimerNote{1, 60, 0, musa::kStepsPerQuarter, 100}};
}
