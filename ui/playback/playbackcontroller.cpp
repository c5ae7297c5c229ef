#include "ui/playback/playbackcontroller.h"

#include <algorithm>

#include "core/project/primer.h"
#include "ui/generate/generationcontrols.h"
#include "ui/playback/audioengine.h"
#include "ui/primer/primerdocument.h"
#include "ui/primer/primereditor.h"
#include "ui/takes/takecard.h"
#include "ui/takes/takegrid.h"
#include "ui/takes/takesdocument.h"

PlaybackController::PlaybackController(const Parts& parts, QObject* parent) : QObject(parent), parts_(parts) {
  playhead_timer_.setInterval(30);
  connect(&playhead_timer_, &QTimer::timeout, this, &PlaybackController::updatePlayheads);
  connect(parts_.takes, &TakesDocument::reset, this, &PlaybackController::followGrid);
}

void PlaybackController::playPrimer() {
  const auto& notes = parts_.primer->notes();
  if (notes.empty()) return;
  const musa::GenerationSettings s = parts_.controls->settings();
  const double seconds = musa::primer_end_step(notes) * musa::seconds_per_step(s.qpm);
  start({musa::primer_to_sequence(notes, s.qpm, s.program), seconds}, -1, true);
}

void PlaybackController::playTake(int index) {
  const musa::GenerationSettings s = parts_.controls->settings();
  const musa::TakePlayback play = parts_.takes->session().take_to_play(index, s.program, s.qpm);
  if (play.empty()) return;
  parts_.takes->setCurrent(index);
  start(play, index, false);
}

void PlaybackController::toggleTake(int index) {
  parts_.takes->setCurrent(index);
  if (playing_take_ == index && !playing_layer_)
    stop();
  else
    playTake(index);
}

void PlaybackController::togglePlayCurrentTake() {
  if (playing()) {
    stop();
    return;
  }
  playTake(std::max(parts_.takes->current(), 0));
}

void PlaybackController::playLayered() {
  const musa::GenerationSettings s = parts_.controls->settings();
  const musa::TakePlayback play = parts_.takes->session().layered_to_play(s.program, s.qpm);
  if (play.empty()) {  // nothing ticked: the selected take alone
    playTake(std::max(parts_.takes->current(), 0));
    return;
  }
  start(play, -1, false);
  playing_layer_ = true;
  for (int i : parts_.takes->session().layered()) setCardPlaying(i, true);
}

void PlaybackController::start(const musa::TakePlayback& play, int take, bool primer) {
  stop();
  parts_.audio->play(play.sequence, play.seconds, loop_, metronome_ ? parts_.controls->settings().qpm : 0.0);
  playing_seconds_ = play.seconds;
  playing_take_ = take;
  playing_primer_ = primer;
  setCardPlaying(take, true);
  playhead_timer_.start();
}

void PlaybackController::stop() {
  parts_.audio->stop();
  playhead_timer_.stop();
  for (int i = 0; i < parts_.grid->cardCount(); ++i) setCardPlaying(i, false);
  parts_.editor->setPlayheadStep(-1);
  playing_take_ = -1;
  playing_primer_ = playing_layer_ = false;
}

void PlaybackController::followGrid() {
  if (playing_take_ >= parts_.takes->session().size()) stop();
}

void PlaybackController::setCardPlaying(int index, bool playing) {
  if (TakeCard* card = parts_.grid->card(index)) card->setPlaying(playing);
}

void PlaybackController::updatePlayheads() {
  const double position = parts_.audio->position();
  if (position < 0) {  // the player reached the end
    stop();
    return;
  }
  const double fraction = playing_seconds_ > 0 ? position / playing_seconds_ : 0;
  if (playing_primer_)
    parts_.editor->setPlayheadStep(position / musa::seconds_per_step(parts_.controls->settings().qpm));
  if (TakeCard* card = parts_.grid->card(playing_take_)) card->setPlayhead(fraction);
  if (playing_layer_)
    for (int i : parts_.takes->session().layered())
      if (TakeCard* card = parts_.grid->card(i)) card->setPlayhead(fraction);
}
