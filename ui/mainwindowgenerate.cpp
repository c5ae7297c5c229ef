// MainWindow: generating takes and showing them in the grid. The take rules
// (what a Generate keeps, what a Regenerate replaces, layer instruments)
// are musa::TakeSession's; this file shows its cards.
#include <QAction>
#include <QProgressBar>
#include <QRandomGenerator>
#include <QLabel>
#include <QUndoStack>
#include <utility>

#include "ui/generationcontrols.h"
#include "ui/generationcontroller.h"
#include "ui/mainwindow.h"
#include "ui/messagebar.h"
#include "ui/primercommands.h"
#include "ui/primerdocument.h"
#include "ui/takecard.h"
#include "ui/takegrid.h"

void MainWindow::onModelLoaded(const QString& name, double ms) {
  model_label_->setText(tr("model: %1").arg(name));
  model_label_->setToolTip(tr("Loaded in %1 ms").arg(ms, 0, 'f', 0));
}

void MainWindow::generate() {
  const musa::GenerationSettings settings = controls_->settings();
  const uint64_t seed = settings.seed_locked ? settings.seed : QRandomGenerator::global()->generate();
  controls_->showUsedSeed(seed);
  generate_clock_.start();
  single_job_ = 0;
  full_job_ = generation_->generate(musa::make_request(primer_->notes(), settings, seed));
  action(QStringLiteral("cancelAction"))->setEnabled(true);
  progress_->setValue(0);
  progress_->show();
  generation_label_->setText(tr("generating…"));
}

void MainWindow::regenerateTake(int index) {
  if (!session_.at(index)) return;
  musa::GenerationSettings settings = controls_->settings();
  settings.takes = 1;
  // Same settings, a different seed: this card only.
  const uint64_t seed = QRandomGenerator::global()->generate();
  generate_clock_.start();
  full_job_ = 0;
  single_take_ = index;
  single_job_ = generation_->generate(musa::make_request(primer_->notes(), settings, seed));
  grid_->card(index)->setBusy(true);
  action(QStringLiteral("cancelAction"))->setEnabled(true);
  generation_label_->setText(tr("regenerating take %1…").arg(index + 1));
}

void MainWindow::cancelGeneration() {
  if (!generation_->busy()) return;
  generation_->cancel();  // the old grid stays as it was
  if (single_take_ >= 0 && grid_->card(single_take_)) grid_->card(single_take_)->setBusy(false);
  full_job_ = single_job_ = 0;
  single_take_ = -1;
  action(QStringLiteral("cancelAction"))->setEnabled(false);
  progress_->hide();
  generation_label_->setText(tr("cancelled"));
}

void MainWindow::onTakesReady(quint64 job, const TakeList& takes, double sampler_ms) {
  action(QStringLiteral("cancelAction"))->setEnabled(false);
  progress_->hide();
  if (job == single_job_ && single_take_ >= 0 && !takes.empty()) {
    const int index = std::exchange(single_take_, -1);
    if (TakeCard* card = grid_->card(index)) card->setBusy(false);
    if (!session_.replace(index, takes.front())) {  // Takes was lowered while it ran: the card is gone
      generation_label_->setText(tr("take %1 is no longer on the grid").arg(index + 1));
      return;
    }
    showTake(index);
    last_generate_ms_ = double(generate_clock_.nsecsElapsed()) / 1e6;
    generation_label_->setText(tr("take %1 regenerated in %2 ms").arg(index + 1).arg(last_generate_ms_, 0, 'f', 0));
  } else if (job == full_job_) {
    const musa::AcceptedGeneration accepted = session_.accept_generation(takes);
    showAllTakes();
    last_generate_ms_ = double(generate_clock_.nsecsElapsed()) / 1e6;
    const QString made = tr("%n takes in %1 ms", nullptr, accepted.placed).arg(last_generate_ms_, 0, 'f', 0);
    generation_label_->setText(accepted.kept ? tr("%1 (%n kept)", nullptr, accepted.kept).arg(made) : made);
    generation_label_->setToolTip(tr("Sampling took %1 ms").arg(sampler_ms, 0, 'f', 1));
  } else {
    return;
  }
  markDirty();
  emit takesShown();
}

void MainWindow::onGenerationFailed(quint64, const QString& message) {
  action(QStringLiteral("cancelAction"))->setEnabled(false);
  progress_->hide();
  if (single_take_ >= 0 && grid_->card(single_take_)) grid_->card(single_take_)->setBusy(false);
  single_take_ = -1;
  generation_label_->setText(tr("generation failed"));
  message_bar_->showMessage(tr("Generation failed: %1").arg(message));
}

void MainWindow::syncGrid() {
  if (playing_take_ >= session_.size()) stopPlayback();
  grid_->setCardCount(session_.size());
  showCurrent();
}

void MainWindow::showAllTakes() {
  syncGrid();
  for (int i = 0; i < session_.size(); ++i) showTake(i);
  updateTakesHint();
}

void MainWindow::updateTakesHint() {
  takes_hint_->setText(session_.any_take()
                           ? tr("1–0 play · Space play/stop · K keep · tick Layer to hear takes together · "
                                "drag a take out as a .mid file")
                           : tr("Press Generate (Ctrl+G) to fill the grid with continuations of the primer"));
}

void MainWindow::showTake(int index) {
  TakeCard* card = grid_->card(index);
  const musa::SessionTake* take = session_.at(index);
  if (!card || !take) return;
  if (take->empty()) {
    card->clearTake();
    return;
  }
  card->setTake(take->take.melody.events, take->take.primer_steps);
  card->setKept(take->kept);
  card->setLayered(take->layered);
  card->setProgramLabel(take->program >= 0 ? GenerationControls::programName(take->program) : QString());
}

void MainWindow::onCardAdded(TakeCard* card) {
  const auto toggle = [this](int i) {
    setCurrentTake(i);
    playing_take_ == i && !playing_layer_ ? stopPlayback() : playTake(i);
  };
  connect(card, &TakeCard::playClicked, this, toggle);
  connect(card, &TakeCard::clicked, this, toggle);  // clicking a take plays it
  connect(card, &TakeCard::keepToggled, this, &MainWindow::setTakeKept);
  connect(card, &TakeCard::layerToggled, this, &MainWindow::setTakeLayered);
  connect(card, &TakeCard::programChosen, this, &MainWindow::setTakeProgram);
  connect(card, &TakeCard::useAsPrimerRequested, this, &MainWindow::useTakeAsPrimer);
  connect(card, &TakeCard::regenerateRequested, this, &MainWindow::regenerateTake);
  connect(card, &TakeCard::exportRequested, this, [this](int i) {
    setCurrentTake(i);
    exportDialog();
  });
  connect(card, &TakeCard::renderRequested, this, &MainWindow::renderWavDialog);
  connect(card, &TakeCard::copyRequested, this, &MainWindow::copyTake);
  connect(card, &TakeCard::dragRequested, this, &MainWindow::startTakeDrag);
}

void MainWindow::setCurrentTake(int index) {
  session_.set_current(index);
  showCurrent();
}

void MainWindow::showCurrent() {
  for (int i = 0; i < grid_->cardCount(); ++i) grid_->card(i)->setCurrent(i == session_.current());
}

void MainWindow::setTakeKept(int index, bool kept) {
  if (!session_.set_kept(index, kept)) return;
  grid_->card(index)->setKept(kept);
  markDirty();
}

void MainWindow::setTakeLayered(int index, bool layered) {
  if (!session_.set_layered(index, layered)) return;
  showTake(index);
  markDirty();
}

void MainWindow::setTakeProgram(int index, int program) {
  if (!session_.set_program(index, program)) return;
  showTake(index);
  markDirty();
}

void MainWindow::useTakeAsPrimer(int index) {
  if (!session_.has_take(index)) return;
  std::vector<musa::PrimerNote> notes = musa::primer_notes_from_events(session_.at(index)->take.melody.events, 0);
  for (musa::PrimerNote& n : notes) n.id = primer_->takeNextId();
  primer_->undoStack()->push(new ReplacePrimerCommand(primer_, std::move(notes), tr("Use take %1 as primer").arg(index + 1)));
}
