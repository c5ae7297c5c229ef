#include "core/midi/metronome.h"

#include <algorithm>

#include "core/music/channels.h"

namespace musa {

std::vector<TimedMessage> click_messages(std::span<const Click> clicks) {
  std::vector<TimedMessage> messages;
  messages.reserve(clicks.size() * 2);
  for (const Click& click : clicks) {
    const int pitch = click.downbeat ? kClickAccent : kClickBeat;
    messages.push_back({click.time, MidiMessage::note_on(kDrumChannel, pitch, click.downbeat ? 110 : 80)});
    messages.push_back({click.time + kClickLength, MidiMessage::note_off(kDrumChannel, pitch)});
  }
  // Clicks closer than kClickLength (above 1200 qpm) would interleave; keep time order.
  std::stable_sort(messages.begin(), messages.end(),
                   [](const TimedMessage& a, const TimedMessage& b) { return a.time < b.time; });
  return messages;
}

std::vector<TimedMessage> with_clicks(std::vector<TimedMessage> messages, double qpm, double length,
                                      int beats_per_bar) {
  if (qpm <= 0 || length <= 0 || beats_per_bar < 1) return messages;
  const double beat = 60.0 / qpm;
  std::vector<Click> clicks;
  // A beat a hair before the end is the next pass's first: a float sum must not add it twice.
  for (int b = 0; b * beat < length - 1e-9; ++b) clicks.push_back({b * beat, b % beats_per_bar == 0, false});
  const std::vector<TimedMessage> sounds = click_messages(clicks);
  messages.insert(messages.end(), sounds.begin(), sounds.end());
  std::stable_sort(messages.begin(), messages.end(),
                   [](const TimedMessage& a, const TimedMessage& b) { return a.time < b.time; });
  return messages;
}

}  // namespace musa
