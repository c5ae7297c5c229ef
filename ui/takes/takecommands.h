#pragma once
// The take grid's undo commands, on the session's one undo stack beside the
// primer's (Qt's Undo Framework). Each applies the rule in core's
// TakeSession to a copy when it is made and keeps the result by value: a
// card edit keeps that card before and after (by its index), a Generate or
// a kept jam answer the whole session before and after. Undo and redo put
// those values back exactly, so a Regenerate undone brings the old take
// back with its ★, layer tick and instrument.

#include <QUndoCommand>
#include <vector>

#include "core/project/take_session.h"

class TakesDocument;

/** The base of every take edit; obsolete (never pushed) when the rule refused it. */
class TakeCommand : public QUndoCommand {
 protected:
  explicit TakeCommand(TakesDocument* document) : document_(document) {}
  TakesDocument* document_;
};

/** An edit of one card: `before` and `after` at `index`. */
class TakeCardCommand : public TakeCommand {
 public:
  void undo() override;
  void redo() override;

 protected:
  TakeCardCommand(TakesDocument* document, int index);
  /** `edited`: the session with the rule applied; `changed`: whether the rule accepted. */
  void record(const musa::TakeSession& edited, bool changed);
  /** A copy of the document's session to apply the rule to. */
  musa::TakeSession session() const;

  int index_;
  musa::SessionTake before_, after_;
};

/** ★: the take survives the next Generate. */
class KeepTakeCommand : public TakeCardCommand {
 public:
  KeepTakeCommand(TakesDocument* document, int index, bool kept);
};

/** The Layer tick (a newly layered take may get a free instrument). */
class LayerTakeCommand : public TakeCardCommand {
 public:
  LayerTakeCommand(TakesDocument* document, int index, bool layered);
};

/** The take's own General MIDI program, or −1: the window's. */
class TakeInstrumentCommand : public TakeCardCommand {
 public:
  TakeInstrumentCommand(TakesDocument* document, int index, int program);
};

/** The take up or down by semitones (TakeSession::transpose), its key with it. */
class TransposeTakeCommand : public TakeCardCommand {
 public:
  TransposeTakeCommand(TakesDocument* document, int index, int semitones);
};

/** A Regenerate's take replaces the card's. */
class RegenerateTakeCommand : public TakeCardCommand {
 public:
  RegenerateTakeCommand(TakesDocument* document, int index, const musa::Take& take);
};

/** A change of the whole grid: the session before and after. */
class TakeGridCommand : public TakeCommand {
 public:
  void undo() override;
  void redo() override;

 protected:
  explicit TakeGridCommand(TakesDocument* document);

  musa::TakeSession before_, after_;
};

/** A Generate's takes arrive: kept takes stay, the other cards get new takes. */
class AcceptGenerationCommand : public TakeGridCommand {
 public:
  AcceptGenerationCommand(TakesDocument* document, const std::vector<musa::Take>& takes);
  musa::AcceptedGeneration accepted() const { return accepted_; }

 private:
  musa::AcceptedGeneration accepted_;
};

/** A jam answer kept as a take: the first empty card or a new one. */
class KeepJamAnswerCommand : public TakeGridCommand {
 public:
  KeepJamAnswerCommand(TakesDocument* document, std::vector<int> events, int primer_steps);
  int card() const { return card_; }

 private:
  int card_ = -1;
};
