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

}  // namespace musa
