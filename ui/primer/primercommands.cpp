#include "ui/primer/primercommands.h"

#include <QCoreApplication>
#include <algorithm>

#include "ui/primer/primerdocument.h"

namespace {
QString trCommand(const char* text) { return QCoreApplication::translate("PrimerCommands", text); }
}  // namespace

NoteEditCommand::NoteEditCommand(PrimerDocument* document, std::vector<musa::PrimerNote> before,
                                 std::vector<musa::PrimerNote> after, const QString& text, int gesture)
    : document_(document), before_(std::move(before)), after_(std::move(after)), gesture_(gesture) {
  setText(text);
}

void NoteEditCommand::undo() { document_->exchange(after_, before_); }
void NoteEditCommand::redo() { document_->exchange(before_, after_); }

bool NoteEditCommand::mergeWith(const QUndoCommand* other) {
  const auto* edit = static_cast<const NoteEditCommand*>(other);
  if (edit->gesture_ != gesture_) return false;
  // The merged step goes from this command's "before" to the newest "after";
  // notes the later command touched first (a drag reaching a new note) join "before".
  for (const musa::PrimerNote& n : edit->before_) {
    const bool known =
        std::any_of(before_.begin(), before_.end(), [&](const auto& b) { return b.id == n.id; }) ||
        std::any_of(after_.begin(), after_.end(), [&](const auto& a) { return a.id == n.id; });
    if (!known) before_.push_back(n);
  }
  std::erase_if(after_, [&](const musa::PrimerNote& n) {
    return std::any_of(edit->before_.begin(), edit->before_.end(),
                       [&](const auto& b) { return b.id == n.id; });
  });
  after_.insert(after_.end(), edit->after_.begin(), edit->after_.end());
  return true;
}

namespace {
std::vector<musa::PrimerNote> cutBefore(PrimerDocument* document, const musa::PrimerNote& note,
                                        bool monophonic) {
  std::vector<musa::PrimerNote> before;
  // Redrawing the note being drawn (its length follows the mouse) replaces it.
  if (auto existing = document->note(note.id)) before.push_back(*existing);
  if (!monophonic) return before;
  const musa::MonophonicCut cut = musa::monophonic_cut(document->notes(), note);
  for (const auto& n : cut.shortened) before.push_back(*document->note(n.id));
  before.insert(before.end(), cut.removed.begin(), cut.removed.end());
  return before;
}

std::vector<musa::PrimerNote> cutAfter(PrimerDocument* document, const musa::PrimerNote& note,
                                       bool monophonic) {
  std::vector<musa::PrimerNote> after{note};
  if (monophonic) {
    const musa::MonophonicCut cut = musa::monophonic_cut(document->notes(), note);
    after.insert(after.end(), cut.shortened.begin(), cut.shortened.end());
  }
  return after;
}
}  // namespace

AddNoteCommand::AddNoteCommand(PrimerDocument* document, const musa::PrimerNote& note, bool monophonic,
                               int gesture)
    : NoteEditCommand(document, cutBefore(document, note, monophonic), cutAfter(document, note, monophonic),
                      trCommand(QT_TRANSLATE_NOOP("PrimerCommands", "Draw note")), gesture) {}

DeleteNotesCommand::DeleteNotesCommand(PrimerDocument* document, std::vector<musa::PrimerNote> notes)
    : NoteEditCommand(document, std::move(notes), {},
                      trCommand(QT_TRANSLATE_NOOP("PrimerCommands", "Delete notes"))) {}

MoveNotesCommand::MoveNotesCommand(PrimerDocument* document, const std::vector<musa::PrimerNote>& current,
                                   std::vector<musa::PrimerNote> moved, int gesture)
    : NoteEditCommand(document, current, std::move(moved),
                      trCommand(QT_TRANSLATE_NOOP("PrimerCommands", "Move notes")), gesture) {}

ResizeNotesCommand::ResizeNotesCommand(PrimerDocument* document, const std::vector<musa::PrimerNote>& current,
                                       std::vector<musa::PrimerNote> resized, int gesture)
    : NoteEditCommand(document, current, std::move(resized),
                      trCommand(QT_TRANSLATE_NOOP("PrimerCommands", "Resize notes")), gesture) {}

namespace {
std::vector<musa::PrimerNote> transposed(std::vector<musa::PrimerNote> notes, int semitones) {
  for (auto& n : notes) n.pitch = std::clamp(n.pitch + semitones, 0, 127);
  return notes;
}
}  // namespace

TransposeNotesCommand::TransposeNotesCommand(PrimerDocument* document,
                                             const std::vector<musa::PrimerNote>& current, int semitones)
    : NoteEditCommand(document, current, transposed(current, semitones),
                      trCommand(QT_TRANSLATE_NOOP("PrimerCommands", "Transpose notes"))) {}

NoteVelocityCommand::NoteVelocityCommand(PrimerDocument* document,
                                         const std::vector<musa::PrimerNote>& current,
                                         std::vector<musa::PrimerNote> changed, int gesture)
    : NoteEditCommand(document, current, std::move(changed),
                      trCommand(QT_TRANSLATE_NOOP("PrimerCommands", "Change velocity")), gesture) {}

namespace {
std::vector<musa::PrimerNote> pasteBefore(PrimerDocument* document,
                                          const std::vector<musa::PrimerNote>& pasted, bool monophonic) {
  if (!monophonic) return {};
  const musa::MonophonicCut cut = musa::monophonic_cut(document->notes(), pasted);
  std::vector<musa::PrimerNote> before = cut.removed;
  for (const auto& n : cut.shortened) before.push_back(*document->note(n.id));
  return before;
}

std::vector<musa::PrimerNote> pasteAfter(PrimerDocument* document,
                                         const std::vector<musa::PrimerNote>& pasted, bool monophonic) {
  std::vector<musa::PrimerNote> after = pasted;
  if (monophonic) {
    const musa::MonophonicCut cut = musa::monophonic_cut(document->notes(), pasted);
    after.insert(after.end(), cut.shortened.begin(), cut.shortened.end());
  }
  return after;
}
}  // namespace

PasteNotesCommand::PasteNotesCommand(PrimerDocument* document, const std::vector<musa::PrimerNote>& pasted,
                                     bool monophonic)
    : NoteEditCommand(document, pasteBefore(document, pasted, monophonic),
                      pasteAfter(document, pasted, monophonic),
                      trCommand(QT_TRANSLATE_NOOP("PrimerCommands", "Paste notes"))) {}

QuantizeNotesCommand::QuantizeNotesCommand(PrimerDocument* document,
                                           const std::vector<musa::PrimerNote>& current, int grid,
                                           bool monophonic)
    : NoteEditCommand(document, current, musa::quantize_notes(current, grid, monophonic),
                      trCommand(QT_TRANSLATE_NOOP("PrimerCommands", "Quantize notes"))) {}

ReplacePrimerCommand::ReplacePrimerCommand(PrimerDocument* document, std::vector<musa::PrimerNote> notes,
                                           const QString& text)
    : NoteEditCommand(document, document->notes(), std::move(notes), text) {}
