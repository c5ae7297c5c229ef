#include "core/playback/sequence_messages.h"

#include <algorithm>
#include <map>
#include <utility>

#include "core/music/channels.h"

namespace musa {
namespace {

int clamp_program(int program) { return std::clamp(program, 0, 127); }

/** Which channel each (instrument, program) pair plays on, and the program changes that set them up. */
class ChannelPlan {
 public:
  ChannelPlan(const NoteSequence& seq, const SequenceOptions& options) : override_(options.program) {
    for (const Note& note : seq.notes) {
      if (note.is_drum) {
        if (drum_program_ < 0) drum_program_ = clamp_program(note.program);
      } else {
        channel_of_.try_emplace({note.instrument, program_of(note)}, 0);
      }
    }
    int index = melodic_index(options.first_channel);
    for (auto& [pair, channel] : channel_of_) channel = melodic_channel(index++);
  }

  int channel(const Note& note) const {
    return note.is_drum ? kDrumChannel : channel_of_.at({note.instrument, program_of(note)});
  }

  /** A program change per channel used, at time 0. */
  std::vector<TimedMessage> program_changes() const {
    std::vector<TimedMessage> out;
    for (const auto& [pair, channel] : channel_of_)
      out.push_back({0.0, MidiMessage::program(channel, pair.second)});
    if (drum_program_ >= 0) out.push_back({0.0, MidiMessage::program(kDrumChannel, drum_program_)});
    return out;
  }

 private:
  int program_of(const Note& note) const { return clamp_program(override_ >= 0 ? override_ : note.program); }

  int override_;
  int drum_program_ = -1;
  std::map<std::pair<int, int>, int> channel_of_;  // (instrument, program) -> channel
};

bool playable(const Note& note) { return note.pitch >= 0 && note.pitch <= 127 && note.end > note.start; }

}  // namespace

std::vector<TimedMessage> sequence_messages(const NoteSequence& seq, const SequenceOptions& options) {
  NoteSequence kept;
  for (Note note : seq.notes) {
    if (options.end > 0) note.end = std::min(note.end, options.end);
    note.start = std::max(0.0, note.start);
    if (playable(note)) kept.notes.push_back(note);
  }
  const ChannelPlan plan(kept, options);
  std::vector<TimedMessage> notes;
  notes.reserve(2 * kept.notes.size());
  for (const Note& note : kept.notes) {
    const int channel = plan.channel(note);
    notes.push_back(
        {note.start, MidiMessage::note_on(channel, note.pitch, std::clamp(note.velocity, 1, 127))});
    notes.push_back({note.end, MidiMessage::note_off(channel, note.pitch)});
  }
  // At one instant, release before striking, so a repeated pitch retriggers.
  std::stable_sort(notes.begin(), notes.end(), [](const TimedMessage& a, const TimedMessage& b) {
    if (a.time != b.time) return a.time < b.time;
    return a.message.type == MidiType::NoteOff && b.message.type != MidiType::NoteOff;
  });
  std::vector<TimedMessage> out = plan.program_changes();
  out.insert(out.end(), notes.begin(), notes.end());
  return out;
}

}  // namespace musa
