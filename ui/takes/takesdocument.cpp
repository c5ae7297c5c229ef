#include "ui/takes/takesdocument.h"

#include "ui/takes/takecommands.h"

TakesDocument::TakesDocument(QUndoStack* undo_stack, QObject* parent)
    : QObject(parent),
      own_stack_(undo_stack ? nullptr : std::make_unique<QUndoStack>()),
      undo_stack_(undo_stack ? undo_stack : own_stack_.get()) {}

void TakesDocument::setCurrent(int index) {
  const int before = session_.current();
  session_.set_current(index);
  if (session_.current() != before) emit currentChanged(session_.current());
}

void TakesDocument::load(std::vector<musa::SessionTake> takes, int cards) {
  undo_stack_->clear();
  session_.load(std::move(takes), cards);
  emit reset();
}

void TakesDocument::followTakesSetting(int count) {
  const int before = session_.size();
  session_.follow_takes_setting(count);
  if (session_.size() != before) emit reset();
}

bool TakesDocument::push(TakeCommand* command) {
  if (command->isObsolete()) {
    delete command;
    return false;
  }
  undo_stack_->push(command);
  return true;
}

bool TakesDocument::setKept(int index, bool kept) { return push(new KeepTakeCommand(this, index, kept)); }

bool TakesDocument::toggleKept(int index) {
  const musa::SessionTake* take = session_.at(index);
  return take && setKept(index, !take->kept);
}

bool TakesDocument::setLayered(int index, bool layered) {
  return push(new LayerTakeCommand(this, index, layered));
}

bool TakesDocument::setProgram(int index, int program) {
  return push(new TakeInstrumentCommand(this, index, program));
}

bool TakesDocument::transpose(int index, int semitones) {
  return push(new TransposeTakeCommand(this, index, semitones));
}

bool TakesDocument::regenerate(int index, const musa::Take& take) {
  return push(new RegenerateTakeCommand(this, index, take));
}

musa::AcceptedGeneration TakesDocument::acceptGeneration(const std::vector<musa::Take>& takes) {
  auto* command = new AcceptGenerationCommand(this, takes);
  const musa::AcceptedGeneration accepted = command->accepted();
  push(command);
  return accepted;
}

int TakesDocument::placeJamAnswer(std::vector<int> events, int primer_steps) {
  auto* command = new KeepJamAnswerCommand(this, std::move(events), primer_steps);
  const int index = command->card();
  push(command);
  return index;
}

void TakesDocument::restoreCard(int index, const musa::SessionTake& card) {
  if (session_.restore(index, card)) emit takeChanged(index);
}

void TakesDocument::restoreSession(const musa::TakeSession& session) {
  const int current = session_.current();
  session_ = session;
  emit reset();
  if (session_.current() != current) emit currentChanged(session_.current());
}
