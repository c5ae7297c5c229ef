// MainWindow: listening — the primer, one take, or the layered takes, with
// playheads that a 30 ms timer moves from the scheduler's clock.
#include "core/project/primer.h"
#include "ui/audioengine.h"
#include "ui/generationcontrols.h"
#include "ui/mainwindow.h"
#include "ui/primerdocument.h"
#include "ui/primereditor.h"
#include "ui/takecard.h"
#include "ui/takegrid.h"

#include <QAction>

double MainWindow::secondsPerStep() const {
  return 60.0 / controls_->settings().qpm / musa::kPrimerStepsPerQuarter;
}

void MainWindow::playPrimer() {
  const auto& notes = primer_->notes();
  if (notes.empty()) return;
  const musa::GenerationSettings s = controls_->settings();
  const double seconds = musa::primer_end_step(notes) * secondsPerStep();
  startPlayback(musa::primer_to_sequence(notes, s.qpm, s.program), seconds, -1, true);
}

void MainWindow::playTake(int index) {
  if (index < 0 || index >= int(takes_.size()) || takes_[size_t(index)].events.empty()) return;
  setCurrentTake(index);
  const musa::ExportTake take = exportTake(index);
  musa::ExportOptions options;
  options.qpm = controls_->settings().qpm;
  const double seconds = double(take.events.size()) * secondsPerStep();
  startPlayback(musa::export_take_sequence(take, options), seconds, index, false);
}

void MainWindow::togglePlayCurrentTake() {
  if (playing_take_ >= 0 || playing_primer_ || playing_layer_) {
    stopPlayback();
    return;
  }
  playTake(current_take_ >= 0 ? current_take_ : 0);
}

void MainWindow::playLayered() {
  musa::ExportOptions options;
  options.qpm = controls_->settings().qpm;
  std::vector<musa::ExportTake> layers;  // each its own instrument and program
  double seconds = 0;
  for (int i = 0; i < int(takes_.size()); ++i) {
    if (!takes_[size_t(i)].layered || takes_[size_t(i)].events.empty()) continue;
    layers.push_back(exportTake(i));
    seconds = std::max(seconds, double(layers.back().events.size()) * secondsPerStep());
  }
  if (layers.empty()) {  // nothing ticked: the selected take alone
    playTake(current_take_ >= 0 ? current_take_ : 0);
    return;
  }
  startPlayback(musa::export_multitrack_sequence(layers, options), seconds, -1, false);
  playing_layer_ = true;
  for (int i = 0; i < int(takes_.size()); ++i)
    if (takes_[size_t(i)].layered) grid_->card(i)->setPlaying(true);
}

void MainWindow::startPlayback(const musa::NoteSequence& notes, double seconds, int take, bool primer) {
  stopPlayback();
  audio_->play(notes, seconds, action(QStringLiteral("loopAction"))->isChecked());
  playing_seconds_ = seconds;
  playing_take_ = take;
  playing_primer_ = primer;
  if (TakeCard* card = grid_->card(take)) card->setPlaying(true);
  playhead_timer_.start();
}

void MainWindow::stopPlayback() {
  audio_->stop();
  playhead_timer_.stop();
  for (int i = 0; i < grid_->cardCount(); ++i) grid_->card(i)->setPlaying(false);
  editor_->setPlayheadStep(-1);
  playing_take_ = -1;
  playing_primer_ = playing_layer_ = false;
}

void MainWindow::updatePlayheads() {
  const double position = audio_->position();
  if (position < 0) {  // the player reached the end
    stopPlayback();
    return;
  }
  const double fraction = playing_seconds_ > 0 ? position / playing_seconds_ : 0;
  if (playing_primer_) editor_->setPlayheadStep(position / secondsPerStep());
  if (TakeCard* card = grid_->card(playing_take_)) card->setPlayhead(fraction);
  if (playing_layer_)
    for (int i = 0; i < int(takes_.size()); ++i)
      if (takes_[size_t(i)].layered) grid_->card(i)->setPlayhead(fraction);
}
