#pragma once
// The metronome's sound: clicks (recorder.h's metronome_clicks) as General
// MIDI percussion messages on the drum channel, for a Scheduler to play
// through the synth: while recording, and with playback when asked.

#include <span>
#include <vector>

#include "core/midi/recorder.h"
#include "core/playback/midi_message.h"

namespace musa {

inline constexpr int kClickAccent = 76;       ///< GM Hi Wood Block: the bar's first beat
inline constexpr int kClickBeat = 77;         ///< GM Low Wood Block: the other beats
inline constexpr double kClickLength = 0.05;  ///< seconds; a percussion note rings out anyway

/**
 * Note ons and offs for `clicks`, sorted by time. Downbeats are accented
 * (higher block, louder) so the musician hears where the bar starts; the
 * count-in sounds the same as the bars after it, as on a drum machine.
 */
std::vector<TimedMessage> click_messages(std::span<const Click> clicks);

/**
 * What plays with the metronome on: `messages` (one pass of `length`
 * seconds, sorted by time) with a click on every beat at `qpm` from 0 to
 * before `length`, the bar's first beat accented. The clicks are part of the
 * pass, so a loop clicks again each time round. Sorted by time; at one
 * instant the sequence's own messages come first.
 */
std::vector<TimedMessage> with_clicks(std::vector<TimedMessage> messages, double qpm, double length,
                                      int beats_per_bar = 4);

}  // namespace musa
