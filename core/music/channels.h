#pragma once
// General MIDI's channel rule, the one copy: channel 10 (9 counted from 0)
// plays percussion, the other fifteen play melodic programs. The MIDI file
// reader and writer use it, and so do playback, the renderer and the
// metronome. It lives here, below core/playback, because core/music's SMF
// code needs it too (General MIDI 1.0, "Percussion key map": channel 10).

namespace musa {

inline constexpr int kMidiChannels = 16;
inline constexpr int kDrumChannel = 9;  ///< MIDI channel 10, counted from 0
inline constexpr int kMelodicChannels = kMidiChannels - 1;

/**
 * The `index`-th melodic channel: 0, 1, … 8, 10, … 15, then again from 0
 * (past fifteen instruments channels are shared and the later program wins).
 */
constexpr int melodic_channel(int index) {
  const int channel = (index % kMelodicChannels + kMelodicChannels) % kMelodicChannels;
  return channel < kDrumChannel ? channel : channel + 1;
}

/** The inverse of melodic_channel() on 0..15; the drum channel gives the index of the channel after it. */
constexpr int melodic_index(int channel) { return channel <= kDrumChannel ? channel : channel - 1; }

}  // namespace musa
