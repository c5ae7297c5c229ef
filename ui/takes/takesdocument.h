#pragma once
// TakesDocument: the take grid for the window — core's musa::TakeSession,
// which holds the takes and every rule about them, and the session's undo
// stack every take edit goes through (shared with the primer's, so Ctrl+Z
// undoes the last edit of either). Keep, layer, instrument, a regenerated
// take, an accepted Generate and a kept jam answer are undo commands; only
// the selection and loading a project are not. Widgets observe its signals.

#include <QObject>
#include <QUndoStack>
#include <memory>
#include <vector>

#include "core/project/take_session.h"

class TakeCommand;

class TakesDocument : public QObject {
  Q_OBJECT
 public:
  /** Edits go on `undo_stack` (the session's); nullptr: a stack of its own. */
  explicit TakesDocument(QUndoStack* undo_stack = nullptr, QObject* parent = nullptr);

  const musa::TakeSession& session() const { return session_; }
  const std::vector<musa::SessionTake>& takes() const { return session_.takes(); }
  /** The selected card, −1 when none. */
  int current() const { return session_.current(); }
  QUndoStack* undoStack() const { return undo_stack_; }

  // ---- not undoable -----------------------------------------------------------
  /** Selects a card (anything else selects none). */
  void setCurrent(int index);
  /** Replaces every card (open, restore, new) and clears the session's undo history. */
  void load(std::vector<musa::SessionTake> takes, int cards);
  /** The Takes setting changed (TakeSession::follow_takes_setting). */
  void followTakesSetting(int count);

  // ---- undoable: each pushes one command; false when the rule refuses (nothing pushed)
  bool setKept(int index, bool kept);
  /** ★ on or off for card `index`. */
  bool toggleKept(int index);
  bool setLayered(int index, bool layered);
  /** −1: back to the window's instrument. */
  bool setProgram(int index, int program);
  /** Card `index`'s take up or down by `semitones`; false when a note would leave 0..127. */
  bool transpose(int index, int semitones);
  /** A Regenerate's take replaces card `index`; undo brings the old take back. */
  bool regenerate(int index, const musa::Take& take);
  /** A Generate's takes (TakeSession::accept_generation); undo restores the grid before it. */
  musa::AcceptedGeneration acceptGeneration(const std::vector<musa::Take>& takes);
  /** "Keep as take" on a jam answer; returns its card. */
  int placeJamAnswer(std::vector<int> events, int primer_steps);

  // ---- for the commands -------------------------------------------------------
  /** Card `index` exactly as `card` (TakeSession::restore). */
  void restoreCard(int index, const musa::SessionTake& card);
  /** The whole session as `session` (an accepted Generate or a jam answer, undone or redone). */
  void restoreSession(const musa::TakeSession& session);

 signals:
  /** The whole grid changed, maybe its number of cards. */
  void reset();
  /** Card `index` changed. */
  void takeChanged(int index);
  void currentChanged(int index);

 private:
  /** Pushes `command` unless it changes nothing; whether it was pushed. */
  bool push(TakeCommand* command);

  musa::TakeSession session_;
  std::unique_ptr<QUndoStack> own_stack_;  ///< only without a session stack
  QUndoStack* undo_stack_;
};
