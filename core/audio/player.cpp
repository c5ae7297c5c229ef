#include "core/audio/player.h"

#include <algorithm>
#include <cmath>

#include "core/audio/synth.h"

namespace musa {

void SynthOutput::note_on(int channel, int pitch, int velocity) {
  if (Synth* s = synth_.load()) s->note_on(channel, pitch, velocity);
}
void SynthOutput::note_off(int channel, int pitch) {
  if (Synth* s = synth_.load()) s->note_off(channel, pitch);
}
void SynthOutput::program_change(int channel, int program) {
  if (Synth* s = synth_.load()) s->program_change(channel, program);
}

namespace {
int part_channel(size_t index) {
  const int channel = static_cast<int>(index % 15);
  return channel < Synth::kDrumChannel ? channel : channel + 1;
}
}  // namespace

Player::Player(NoteOutput& output) : output_(output), thread_([this] { run(); }) {}

Player::~Player() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
    playing_ = false;
    release_sounding();
  }
  wake_.notify_all();
  thread_.join();
}

void Player::play(std::vector<PlayerPart> parts, double length, bool loop) {
  std::vector<Event> events;
  for (size_t i = 0; i < parts.size(); ++i) {
    for (const Note& n : parts[i].notes.notes) {
      if (n.end <= n.start || n.pitch < 0 || n.pitch > 127) continue;
      events.push_back({n.start, part_channel(i), n.pitch, std::clamp(n.velocity, 1, 127)});
      events.push_back({std::min(n.end, length), part_channel(i), n.pitch, 0});
    }
  }
  // At one instant, release before striking, so a repeated pitch retriggers.
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return a.time != b.time ? a.time < b.time : (a.velocity == 0 && b.velocity > 0);
  });
  {
    std::lock_guard lock(mutex_);
    release_sounding();
    for (size_t i = 0; i < parts.size(); ++i) output_.program_change(part_channel(i), parts[i].program);
    events_ = std::move(events);
    length_ = std::max(length, 1e-3);
    loop_ = loop;
    pass_ = 0;
    next_ = 0;
    start_ = Clock::now();
    playing_ = true;
  }
  wake_.notify_all();
}

void Player::stop() {
  {
    std::lock_guard lock(mutex_);
    playing_ = false;
    release_sounding();
  }
  wake_.notify_all();
}

bool Player::playing() const {
  std::lock_guard lock(mutex_);
  return playing_;
}

double Player::position() const {
  std::lock_guard lock(mutex_);
  if (!playing_) return -1.0;
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  return loop_ ? std::fmod(elapsed, length_) : std::min(elapsed, length_);
}

void Player::release_sounding() {
  for (const auto& [channel, pitch] : sounding_) output_.note_off(channel, pitch);
  sounding_.clear();
}

void Player::dispatch(const Event& e) {
  if (e.velocity > 0) {
    output_.note_on(e.channel, e.pitch, e.velocity);
    sounding_.emplace_back(e.channel, e.pitch);
  } else if (auto it = std::find(sounding_.begin(), sounding_.end(), std::pair{e.channel, e.pitch});
             it != sounding_.end()) {
    output_.note_off(e.channel, e.pitch);
    sounding_.erase(it);
  }
}

void Player::run() {
  std::unique_lock lock(mutex_);
  while (!quit_) {
    if (!playing_) {
      wake_.wait(lock);
      continue;
    }
    const double pass_start = static_cast<double>(pass_) * length_;
    const double due = next_ < events_.size() ? pass_start + events_[next_].time : pass_start + length_;
    const auto when = start_ + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(due));
    if (Clock::now() < when) {
      wake_.wait_until(lock, when);  // play() or stop() wakes early and the loop re-reads the state
      continue;
    }
    if (next_ < events_.size()) {
      dispatch(events_[next_++]);
    } else if (loop_) {
      release_sounding();
      ++pass_;
      next_ = 0;
    } else {
      release_sounding();
      playing_ = false;
    }
  }
}

}  // namespace musa
