#include "ui/takes/takecommands.h"

#include <QCoreApplication>

#include "ui/takes/takesdocument.h"

namespace {
QString trCommand(const char* text) { return QCoreApplication::translate("TakeCommands", text); }
}  // namespace

// ---- one card -----------------------------------------------------------------

TakeCardCommand::TakeCardCommand(TakesDocument* document, int index) : TakeCommand(document), index_(index) {}

musa::TakeSession TakeCardCommand::session() const { return document_->session(); }

void TakeCardCommand::record(const musa::TakeSession& edited, bool changed) {
  if (!changed) {
    setObsolete(true);
    return;
  }
  before_ = *document_->session().at(index_);
  after_ = *edited.at(index_);
}

void TakeCardCommand::undo() { document_->restoreCard(index_, before_); }
void TakeCardCommand::redo() { document_->restoreCard(index_, after_); }

KeepTakeCommand::KeepTakeCommand(TakesDocument* document, int index, bool kept)
    : TakeCardCommand(document, index) {
  musa::TakeSession edited = session();
  record(edited, edited.set_kept(index, kept));
  setText((kept ? trCommand(QT_TRANSLATE_NOOP("TakeCommands", "Keep take %1"))
                : trCommand(QT_TRANSLATE_NOOP("TakeCommands", "Unkeep take %1")))
              .arg(index + 1));
}

LayerTakeCommand::LayerTakeCommand(TakesDocument* document, int index, bool layered)
    : TakeCardCommand(document, index) {
  musa::TakeSession edited = session();
  record(edited, edited.set_layered(index, layered));
  setText((layered ? trCommand(QT_TRANSLATE_NOOP("TakeCommands", "Layer take %1"))
                   : trCommand(QT_TRANSLATE_NOOP("TakeCommands", "Unlayer take %1")))
              .arg(index + 1));
}

TakeInstrumentCommand::TakeInstrumentCommand(TakesDocument* document, int index, int program)
    : TakeCardCommand(document, index) {
  musa::TakeSession edited = session();
  record(edited, edited.set_program(index, program));
  setText(trCommand(QT_TRANSLATE_NOOP("TakeCommands", "Instrument of take %1")).arg(index + 1));
}

TransposeTakeCommand::TransposeTakeCommand(TakesDocument* document, int index, int semitones)
    : TakeCardCommand(document, index) {
  musa::TakeSession edited = session();
  record(edited, edited.transpose(index, semitones));
  setText(trCommand(QT_TRANSLATE_NOOP("TakeCommands", "Transpose take %1")).arg(index + 1));
}

RegenerateTakeCommand::RegenerateTakeCommand(TakesDocument* document, int index, const musa::Take& take)
    : TakeCardCommand(document, index) {
  musa::TakeSession edited = session();
  record(edited, edited.replace(index, take));
  setText(trCommand(QT_TRANSLATE_NOOP("TakeCommands", "Regenerate take %1")).arg(index + 1));
}

// ---- the whole grid -------------------------------------------------------------

TakeGridCommand::TakeGridCommand(TakesDocument* document)
    : TakeCommand(document), before_(document->session()), after_(before_) {}

void TakeGridCommand::undo() { document_->restoreSession(before_); }
void TakeGridCommand::redo() { document_->restoreSession(after_); }

AcceptGenerationCommand::AcceptGenerationCommand(TakesDocument* document,
                                                 const std::vector<musa::Take>& takes)
    : TakeGridCommand(document), accepted_(after_.accept_generation(takes)) {
  setText(trCommand(QT_TRANSLATE_NOOP("TakeCommands", "Generate")));
}

KeepJamAnswerCommand::KeepJamAnswerCommand(TakesDocument* document, std::vector<int> events, int primer_steps)
    : TakeGridCommand(document), card_(after_.place_jam_answer(std::move(events), primer_steps)) {
  setText(trCommand(QT_TRANSLATE_NOOP("TakeCommands", "Keep jam answer")));
}
