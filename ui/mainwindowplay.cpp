// MainWindow: listening — the primer, one take, or the layered takes, with
// playheads that a 30 ms timer moves from the scheduler's clock. What plays is
// built in core (primer_to_sequence, TakeSession).
#include "core/project/primer.h"
#include "ui/audioengine.h"
#include "ui/generationcontrols.h"
#include "ui/mainwindow.h"
#include "ui/primerdocument.h"
#include "ui/primereditor.h"
#include "ui/takecard.h"
#include "ui/takegrid.h"

#include <QAction>
#include <algorithm>

double MainWindow::secondsPerStep() const { return musa::seconds_per_step(controls_->settings().qpm); }

void MainWindow::playPrimer() {
  const auto& notes = primer_->notes();
  if (notes.empty()) return;
  const musa::GenerationSettings s = controls_->settings();
  startPlayback({musa::primer_to_sequence(notes, s.qpm, s.program), musa::primer_end_step(notes) * secondsPerStep()},
                -1, true);
}

void MainWindow::playTake(int index) {
  const musa::GenerationSettings s = controls_->settings();
  const musa::TakePlayback play = session_.take_to_play(index, s.program, s.qpm);
  if (play.empty()) return;
  setCurrentTake(index);
  startPlayback(play, index, false);
}

void MainWindow::togglePlayCurrentTake() {
  if (playing_take_ >= 0 || playing_primer_ || playing_layer_) {
    stopPlayback();
    return;
  }
  playTake(std::max(session_.current(), 0));
}

void MainWindow::playLayered() {
  const musa::GenerationSettings s = controls_->settings();
  const musa::TakePlayback play = session_.layered_to_play(s.program, s.qpm);
  if (play.empty()) {  // nothing ticked: the selected take alone
    playTake(std::max(session_.current(), 0));
    return;
  }
  startPlayback(play, -1, false);
  playing_layer_ = true;
  for (int i : session_.layered())
    if (TakeCard* card = grid_->card(i)) card->setPlaying(true);
}

void MainWindow::startPlayback(const musa::TakePlayback& play, int take, bool primer) {
  stopPlayback();
  audio_->play(play.sequence, play.seconds, action(QStringLiteral("loopAction"))->isChecked());
  playing_seconds_ = play.seconds;
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
    for (int i : session_.layered())
      if (TakeCard* card = grid_->card(i)) card->setPlayhead(fraction);
}
