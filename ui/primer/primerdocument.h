#pragma once
// PrimerDocument: the primer's notes (core's PrimerNote, in 16th steps) and
// the undo stack every edit goes through (the session's, shared with the
// take edits). Widgets read it and push commands; nothing else changes it.

#include <QObject>
#include <QUndoStack>
#include <memory>
#include <optional>
#include <vector>

#include "core/project/primer.h"

class PrimerDocument : public QObject {
  Q_OBJECT
 public:
  /** Edits go on `undo_stack` (the session's); nullptr: a stack of its own (tests of the editor alone). */
  explicit PrimerDocument(QUndoStack* undo_stack = nullptr, QObject* parent = nullptr);

  const std::vector<musa::PrimerNote>& notes() const { return notes_; }
  std::optional<musa::PrimerNote> note(int id) const;
  bool contains(int id) const;
  /** A fresh id for a note about to be added (never reused in this document). */
  int takeNextId() { return next_id_++; }
  QUndoStack* undoStack() const { return undo_stack_; }

  /** Removes the notes with the ids of `remove`, then inserts `insert`: what every command does. */
  void exchange(const std::vector<musa::PrimerNote>& remove, const std::vector<musa::PrimerNote>& insert);
  /** Replaces everything without an undo step (new project, open), clearing the session's undo history. */
  void reset(std::vector<musa::PrimerNote> notes);
  /** The notes a new project starts with: one middle C, a quarter note long. */
  static std::vector<musa::PrimerNote> defaultNotes();

 signals:
  void notesChanged();

 private:
  std::vector<musa::PrimerNote> notes_;
  int next_id_ = 1;
  std::unique_ptr<QUndoStack> own_stack_;  ///< only without a session stack
  QUndoStack* undo_stack_;
};
