#pragma once
// Recording a primer from a MIDI keyboard: timestamped note ons and offs,
// quantized to the 16th grid at the session's tempo, reduced to the one line
// the monophonic model hears.

#include <atomic>
#include <cstdint>
#include <span>
#include <vector>

#include "core/midi/spsc_queue.h"
#include "core/music/melody.h"
#include "core/music/note_sequence.h"
#include "core/playback/clock.h"
#include "core/playback/midi_message.h"
#include "core/playback/midi_sink.h"

namespace musa {

/**
 * Pairs note ons with offs (`events` in time order). A note on of a pitch
 * already down ends the held note there; a note off with no note on is
 * ignored; a note still down at `stop_time` (its off never came: the take
 * was stopped first) ends at `stop_time`. Notes come out sorted by start.
 */
std::vector<Note> pair_notes(std::span<const TimedMessage> events, double stop_time);

/**
 * Reduces notes (seconds from the grid's origin) to one line of grid events
 * at `qpm`. Times are quantized as note_seq does (round half up, a note is at
 * least one step). Notes that start more than half a step before the origin
 * (played during a count-in) are dropped. When notes overlap:
 *  - onsets on the same step (a chord, or a fumble): the highest note wins,
 *    Magenta's rule (melodies_lib.Melody.from_quantized_sequence sorts by
 *    start, then pitch descending, and skips the rest);
 *  - otherwise the most recent note cuts the one still held: a legato player
 *    lifts the old key a little after striking the new one, and expects the
 *    new note, as a monophonic synth's last-note priority gives. The earlier
 *    note does not come back when the later one is released.
 * The line ends with the last note's end; no trailing NOTE_OFF. With
 * `velocities`, it gets the played velocity of each note at its onset step,
 * 0 on every other step (the same length as the line).
 */
std::vector<int> notes_to_line(std::span<const Note> notes, double qpm,
                               int steps_per_quarter = kStepsPerQuarter,
                               std::vector<int>* velocities = nullptr);

/** A metronome click at `time` seconds from Recorder::start(). */
struct Click {
  double time = 0.0;
  bool downbeat = false;  ///< first beat of a bar (the app plays it accented)
  bool count_in = false;  ///< in the count-in bar, before recording starts
};

/** Clicks for an optional one-bar count-in then `bars` bars, every beat at `qpm`. */
std::vector<Click> metronome_clicks(double qpm, int bars, bool count_in, int beats_per_bar = 4);

/** Where a recording is, for the window to show while it runs. */
struct RecordingProgress {
  double step = 0.0;         ///< the grid position now, in steps from the grid's step 0; < 0 in the count-in
  bool counting_in = false;  ///< still in the count-in bar
  std::vector<int> line;     ///< what was played so far, one line from step 0; a note still held ends now
};

/** What a recording gives. */
struct RecordedTake {
  NoteSequence performance;     ///< as played: seconds from the take's origin (after any count-in), tempo qpm
  Melody primer;                ///< one line on the grid, from the bar of the first note
  std::vector<int> velocities;  ///< as played, at each note's onset step of `primer` (0 elsewhere)
  NoteSequence primer_notes;    ///< the primer as notes at qpm (what the piano roll shows)
};

/**
 * Records what is played into a primer. The grid is the metronome's: it
 * starts at start(), or one bar later with a count-in. send() runs on the
 * MIDI thread: it stamps the message with the clock and queues it, lock-free;
 * stop() (the owner's thread) reads the queue and builds the take.
 */
class Recorder final : public MidiSink {
 public:
  explicit Recorder(Clock clock = steady_seconds);

  /** Starts recording at `qpm`; returns the clock time clicks count from (metronome_clicks' 0). */
  double start(double qpm, bool count_in = false, int beats_per_bar = 4,
               int steps_per_quarter = kStepsPerQuarter);
  /** MIDI thread: keeps note ons and offs while recording. */
  void send(const MidiMessage& message) override;
  /**
   * The owner's thread, while recording: what was played so far and where
   * the grid is now, so notes appear (held ones growing) as they are played.
   */
  RecordingProgress progress();
  /** Stops; notes still down end now. */
  RecordedTake stop();
  bool recording() const { return recording_.load(); }
  /** Messages lost because the queue was full (4095 messages unread between two progress() or stop() calls).
   */
  std::uint64_t dropped() const { return dropped_.load(); }

 private:
  Clock clock_;
  double origin_ = 0.0;  // clock time of the grid's step 0
  double qpm_ = 120.0;
  int beats_per_bar_ = 4;
  int steps_per_quarter_ = 4;
  std::atomic<bool> recording_{false};
  std::atomic<std::uint64_t> dropped_{0};
  SpscQueue<TimedMessage, 4096> queue_;
  std::vector<TimedMessage> received_;  ///< the owner's thread: moved out of the queue, times from origin_

  /** Moves what the MIDI thread queued into received_ (the owner's thread). */
  void drain();
};

}  // namespace musa
