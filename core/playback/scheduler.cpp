#include "core/playback/scheduler.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/playback/clock.h"

namespace musa {

Scheduler::Scheduler(MidiSink& sink) : sink_(sink), thread_([this] { run(); }) {}

Scheduler::~Scheduler() {
  {
    const auto lock = control_lock();
    quit_ = true;
    playing_ = false;
    end_sounding_locked();
  }
  wake_.notify_all();
  thread_.join();
}

void Scheduler::play(std::vector<TimedMessage> messages, double length, bool loop) {
  if (length <= 0.0 && !messages.empty()) length = messages.back().time;
  length = std::max(length, 1e-3);  // a loop of nothing must not spin
  std::vector<TimedMessage> old;    // freed after the lock is released
  {
    const auto lock = control_lock();
    end_sounding_locked();
    old = std::exchange(messages_, std::move(messages));
    next_ = 0;
    length_ = length;
    loop_ = loop;
    pass_ = 0;
    start_ = Clock::now();
    start_ticks_ = start_.time_since_epoch().count();
    pass_length_ = length;
    looping_ = loop;
    first_note_sent_ = 0.0;
    playing_ = true;
  }
  wake_.notify_all();
}

void Scheduler::stop() {
  {
    const auto lock = control_lock();
    playing_ = false;
    end_sounding_locked();
  }
  wake_.notify_all();
}

double Scheduler::position() const {
  if (!playing_.load()) return -1.0;
  const Clock::time_point start{Clock::duration(start_ticks_.load())};
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  const double length = pass_length_.load();
  return looping_.load() ? std::fmod(elapsed, length) : std::clamp(elapsed, 0.0, length);
}

void Scheduler::run() {
  std::unique_lock lock(mutex_);
  while (!quit_) {
    if (!playing_) {
      wake_.wait(lock);
      continue;
    }
    const bool pass_over = next_ >= messages_.size() || messages_[next_].time > length_;
    const double due = static_cast<double>(pass_) * length_ + (pass_over ? length_ : messages_[next_].time);
    const auto when =
        start_ + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(due));
    if (Clock::now() < when) {
      wake_.wait_until(lock, when);  // play() or stop() wakes it early; then it looks again
      continue;
    }
    if (pass_over)
      end_pass_locked();
    else
      send_due_locked();
    // Messages may be due back to back (a slow sink falls behind): let a
    // waiting play() or stop() in between, or it could wait for a whole pass.
    if (control_waiting_.load() != 0) {
      lock.unlock();
      while (control_waiting_.load() != 0) std::this_thread::yield();
      lock.lock();
    }
  }
}

std::unique_lock<std::mutex> Scheduler::control_lock() {
  control_waiting_.fetch_add(1);
  std::unique_lock lock(mutex_);
  control_waiting_.fetch_sub(1);
  return lock;
}

void Scheduler::send_due_locked() {
  const TimedMessage& due = messages_[next_++];
  // A loop's later passes keep the programs the first pass set.
  if (pass_ > 0 && due.message.type == MidiType::ProgramChange && due.time == 0.0) return;
  send_locked(due.message);
}

void Scheduler::end_pass_locked() {
  end_sounding_locked();
  if (loop_) {
    ++pass_;
    next_ = 0;
  } else {
    playing_ = false;
  }
}

void Scheduler::send_locked(const MidiMessage& m) {
  if (m.type == MidiType::NoteOn) {
    sounding_[m.channel & 15].set(m.data1 & 127);
    if (first_note_sent_.load() == 0.0) first_note_sent_ = steady_seconds();
  }
  if (m.type == MidiType::NoteOff) sounding_[m.channel & 15].reset(m.data1 & 127);
  sink_.send(m);
}

void Scheduler::end_sounding_locked() {
  for (int channel = 0; channel < 16; ++channel) {
    for (int pitch = 0; pitch < 128 && sounding_[channel].any(); ++pitch)
      if (sounding_[channel].test(pitch)) send_locked(MidiMessage::note_off(channel, pitch));
  }
}

}  // namespace musa
