// MainWindow: generating takes and showing them in the grid.
#include <QAction>
#include <QProgressBar>
#include <QRandomGenerator>
#include <QLabel>
#include <QUndoStack>
#include <algorithm>

#include "ui/generationcontrols.h"
#include "ui/generationcontroller.h"
#include "ui/mainwindow.h"
#include "ui/messagebar.h"
#include "ui/primercommands.h"
#include "ui/primerdocument.h"
#include "ui/takecard.h"
#include "ui/takegrid.h"

namespace {
// Distinct instruments for layered takes that have none of their own:
// piano, strings, flute, vibraphone, clarinet, nylon guitar, choir, marimba.
constexpr int kLayerPrograms[] = {0, 48, 73, 11, 71, 24, 52, 12};
}  // namespace

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
  if (index < 0 || index >= int(takes_.size())) return;
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
  const auto toProject = [](const musa::Take& t) {
    return musa::ProjectTake{t.melody.events, t.primer_steps, false, false, -1};
  };
  if (job == single_job_ && single_take_ >= 0 && !takes.empty()) {
    const int index = single_take_;
    musa::ProjectTake& slot = takes_[size_t(index)];
    musa::ProjectTake fresh = toProject(takes.front());
    fresh.program = slot.program;  // the card keeps its instrument and layer tick
    fresh.layered = slot.layered;
    slot = fresh;
    grid_->card(index)->setBusy(false);
    showTake(index);
    single_take_ = -1;
    last_generate_ms_ = double(generate_clock_.nsecsElapsed()) / 1e6;
    generation_label_->setText(tr("take %1 regenerated in %2 ms").arg(index + 1).arg(last_generate_ms_, 0, 'f', 0));
  } else if (job == full_job_) {
    // Kept takes stay where they are; the new takes fill the other cards in order.
    const int count = int(takes.size());
    std::vector<musa::ProjectTake> next(static_cast<size_t>(count));
    int kept = 0;
    for (int i = 0; i < count && i < int(takes_.size()); ++i)
      if (takes_[size_t(i)].kept) {
        next[size_t(i)] = takes_[size_t(i)];
        ++kept;
      }
    for (int i = 0, source = 0; i < count; ++i)
      if (!next[size_t(i)].kept) next[size_t(i)] = toProject(takes[size_t(source++)]);
    takes_ = std::move(next);
    showAllTakes();
    last_generate_ms_ = double(generate_clock_.nsecsElapsed()) / 1e6;
    const QString made = tr("%n takes in %1 ms", nullptr, count - kept).arg(last_generate_ms_, 0, 'f', 0);
    generation_label_->setText(kept ? tr("%1 (%n kept)", nullptr, kept).arg(made) : made);
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

void MainWindow::resizeGrid(int count) {
  if (playing_take_ >= count) stopPlayback();
  grid_->setCardCount(count);
  takes_.resize(size_t(count));
  if (current_take_ >= count) setCurrentTake(-1);
}

void MainWindow::showAllTakes() {
  resizeGrid(int(takes_.size()));
  for (int i = 0; i < int(takes_.size()); ++i) showTake(i);
  if (current_take_ < 0 && !takes_.empty()) setCurrentTake(0);
  updateTakesHint();
}

void MainWindow::updateTakesHint() {
  const bool any = std::any_of(takes_.begin(), takes_.end(), [](const auto& t) { return !t.events.empty(); });
  takes_hint_->setText(any ? tr("1–0 play · Space play/stop · K keep · tick Layer to hear takes together · "
                                "drag a take out as a .mid file")
                           : tr("Press Generate (Ctrl+G) to fill the grid with continuations of the primer"));
}

void MainWindow::showTake(int index) {
  TakeCard* card = grid_->card(index);
  const musa::ProjectTake& take = takes_[size_t(index)];
  if (take.events.empty()) {
    card->clearTake();
    return;
  }
  card->setTake(take.events, take.primer_steps);
  card->setKept(take.kept);
  card->setLayered(take.layered);
  card->setProgramLabel(take.program >= 0 ? GenerationControls::programName(take.program) : QString());
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
  if (TakeCard* old = grid_->card(current_take_)) old->setCurrent(false);
  current_take_ = index;
  if (TakeCard* card = grid_->card(index)) card->setCurrent(true);
}

void MainWindow::setTakeKept(int index, bool kept) {
  if (index < 0 || index >= int(takes_.size()) || takes_[size_t(index)].events.empty()) return;
  if (takes_[size_t(index)].kept == kept) return;
  takes_[size_t(index)].kept = kept;
  grid_->card(index)->setKept(kept);
  markDirty();
}

void MainWindow::setTakeLayered(int index, bool layered) {
  if (index < 0 || index >= int(takes_.size())) return;
  musa::ProjectTake& take = takes_[size_t(index)];
  if (take.layered == layered) return;
  take.layered = layered;
  if (layered && take.program < 0) {
    // Each layer needs its own voice: pick the next instrument no other layer uses.
    for (int program : kLayerPrograms) {
      const bool used = std::any_of(takes_.begin(), takes_.end(),
                                    [&](const auto& t) { return t.layered && t.program == program; });
      if (!used) {
        take.program = program;
        break;
      }
    }
  }
  showTake(index);
  markDirty();
}

void MainWindow::setTakeProgram(int index, int program) {
  if (index < 0 || index >= int(takes_.size())) return;
  takes_[size_t(index)].program = program;
  showTake(index);
  markDirty();
}

void MainWindow::useTakeAsPrimer(int index) {
  if (index < 0 || index >= int(takes_.size()) || takes_[size_t(index)].events.empty()) return;
  std::vector<musa::PrimerNote> notes = musa::primer_notes_from_events(takes_[size_t(index)].events, 0);
  for (musa::PrimerNote& n : notes) n.id = primer_->takeNextId();
  primer_->undoStack()->push(new ReplacePrimerCommand(primer_, std::move(notes), tr("Use take %1 as primer").arg(index + 1)));
}

int MainWindow::effectiveProgram(int index) const {
  const int own = takes_[size_t(index)].program;
  return own >= 0 ? own : controls_->settings().program;
}

musa::ExportTake MainWindow::exportTake(int index) const {
  const musa::ProjectTake& t = takes_[size_t(index)];
  return {t.events, t.primer_steps, index + 1, effectiveProgram(index)};
}
