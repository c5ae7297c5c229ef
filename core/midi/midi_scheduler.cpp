#include "core/midi/midi_scheduler.h"

#include <algorithm>
#include <utility>

#include "core/midi/clock.h"

namespace musa {

std::vector<TimedMessage> sequence_messages(const NoteSequence& seq, int channel, int program) {
  std::vector<TimedMessage> out;
  if (program < 0 && !seq.notes.empty()) program = seq.notes.front().program;
  if (program >= 0) out.push_back({0.0, MidiMessage::program(channel, std::clamp(program, 0, 127))});
  std::vector<TimedMessage> notes;
  for (const Note& note : seq.notes) {
    if (note.pitch < 0 || note.pitch > 127 || note.end <= note.start) continue;
    const int ch = note.is_drum ? 9 : channel;
    notes.push_back(
        {std::max(0.0, note.start), MidiMessage::note_on(ch, note.pitch, std::clamp(note.velocity, 1, 127))});
    notes.push_back({note.end, MidiMessage::note_off(ch, note.pitch)});
  }
  std::stable_sort(notes.begin(), notes.end(), [](const TimedMessage& a, const TimedMessage& b) {
    if (a.time != b.time) return a.time < b.time;
    return a.message.type == MidiType::NoteOff && b.message.type != MidiType::NoteOff;
  });
  out.insert(out.end(), notes.begin(), notes.end());
  return out;
}

MidiScheduler::MidiScheduler(MidiSink& sink) : sink_(sink), thread_([this] { run(); }) {}

MidiScheduler::~MidiScheduler() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
    queue_.clear();
    end_sounding_locked();
  }
  wake_.notify_all();
  thread_.join();
}

void MidiScheduler::play(std::vector<TimedMessage> messages) {
  std::vector<TimedMessage> old;  // freed after the lock is released
  {
    std::lock_guard lock(mutex_);
    end_sounding_locked();
    old = std::exchange(queue_, std::move(messages));
    next_ = 0;
    start_ = std::chrono::steady_clock::now();
    first_note_sent_ = 0.0;
    playing_ = !queue_.empty();
  }
  wake_.notify_all();
}

void MidiScheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    next_ = queue_.size();
    end_sounding_locked();
    playing_ = false;
  }
  wake_.notify_all();
}

void MidiScheduler::run() {
  std::unique_lock lock(mutex_);
  while (!quit_) {
    if (next_ >= queue_.size()) {
      playing_ = false;
      wake_.wait(lock);
      continue;
    }
    const auto due = start_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                  std::chrono::duration<double>(queue_[next_].time));
    if (std::chrono::steady_clock::now() < due) {
      wake_.wait_until(lock, due);  // then look again: play() or stop() may have come
      continue;
    }
    send_locked(queue_[next_++].message);
  }
}

void MidiScheduler::send_locked(const MidiMessage& m) {
  if (m.type == MidiType::NoteOn) {
    sounding_[m.channel & 15].set(m.data1 & 127);
    if (first_note_sent_.load() == 0.0) first_note_sent_ = steady_seconds();
  }
  if (m.type == MidiType::NoteOff) sounding_[m.channel & 15].reset(m.data1 & 127);
  sink_.send(m);
}

void MidiScheduler::end_sounding_locked() {
  for (int channel = 0; channel < 16; ++channel) {
    for (int pitch = 0; pitch < 128 && sounding_[channel].any(); ++pitch)
      if (sounding_[channel].test(pitch)) send_locked(MidiMessage::note_off(channel, pitch));
  }
}

void play_sequence(MidiScheduler& scheduler, const NoteSequence& seq, int channel, int program) {
  scheduler.play(sequence_messages(seq, channel, program));
}

}  // namespace musa
