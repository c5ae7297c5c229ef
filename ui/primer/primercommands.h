#pragma once
// The primer's undo commands (Qt's Undo Framework example: AddCommand,
// MoveCommand …). Each holds the affected notes by value and id, never a
// pointer, and swaps "before" and "after" through PrimerDocument::exchange.
// A drag pushes a command on every mouse move; commands of one gesture
// merge, so the whole drag is one undo step.

#include <QUndoCommand>
#include <vector>

#include "core/project/primer.h"

class PrimerDocument;

/** Replaces the notes `before` (by id) with `after`; the base of every primer edit. */
class NoteEditCommand : public QUndoCommand {
 public:
  NoteEditCommand(PrimerDocument* document, std::vector<musa::PrimerNote> before,
                  std::vector<musa::PrimerNote> after, const QString& text, int gesture = 0);
  void undo() override;
  void redo() override;
  int id() const override { return gesture_ != 0 ? kMergeableId : -1; }
  bool mergeWith(const QUndoCommand* other) override;

 protected:
  static constexpr int kMergeableId = 0x4d55;  // "MU"

  PrimerDocument* document_;
  std::vector<musa::PrimerNote> before_, after_;
  int gesture_;  ///< commands of one mouse gesture (same non-zero value) merge
};

/** Draws a note, cutting what it overlaps when the primer is monophonic. */
class AddNoteCommand : public NoteEditCommand {
 public:
  AddNoteCommand(PrimerDocument* document, const musa::PrimerNote& note, bool monophonic, int gesture);
};

class DeleteNotesCommand : public NoteEditCommand {
 public:
  DeleteNotesCommand(PrimerDocument* document, std::vector<musa::PrimerNote> notes);
};

/** Moves notes by whole steps and semitones from where they were when the drag began. */
class MoveNotesCommand : public NoteEditCommand {
 public:
  MoveNotesCommand(PrimerDocument* document, const std::vector<musa::PrimerNote>& current,
                   std::vector<musa::PrimerNote> moved, int gesture);
};

class ResizeNotesCommand : public NoteEditCommand {
 public:
  ResizeNotesCommand(PrimerDocument* document, const std::vector<musa::PrimerNote>& current,
                     std::vector<musa::PrimerNote> resized, int gesture);
};

class TransposeNotesCommand : public NoteEditCommand {
 public:
  TransposeNotesCommand(PrimerDocument* document, const std::vector<musa::PrimerNote>& current,
                        int semitones);
};

/** Velocities of notes (a vertical Ctrl+drag on a note); a drag is one undo step. */
class NoteVelocityCommand : public NoteEditCommand {
 public:
  NoteVelocityCommand(PrimerDocument* document, const std::vector<musa::PrimerNote>& current,
                      std::vector<musa::PrimerNote> changed, int gesture);
};

/** Copied notes pasted (fresh ids), cutting what they overlap when the primer is monophonic. */
class PasteNotesCommand : public NoteEditCommand {
 public:
  PasteNotesCommand(PrimerDocument* document, const std::vector<musa::PrimerNote>& pasted, bool monophonic);
};

/** Notes snapped to a coarser grid (core's quantize_notes). */
class QuantizeNotesCommand : public NoteEditCommand {
 public:
  QuantizeNotesCommand(PrimerDocument* document, const std::vector<musa::PrimerNote>& current, int grid,
                       bool monophonic);
};

/** Replaces the whole primer: "use take as primer", import from MIDI, clear. */
class ReplacePrimerCommand : public NoteEditCommand {
 public:
  ReplacePrimerCommand(PrimerDocument* document, std::vector<musa::PrimerNote> notes, const QString& text);
};
