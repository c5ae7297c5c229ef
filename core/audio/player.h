#pragma once
// Player: plays one or several NoteSequences (layered takes, each on its own
// channel and General MIDI program) through a NoteOutput at their exact
// times, with start, stop, loop and a position a UI timer can poll.
//
// Timing comes from a private clock thread that sleeps until each event's
// absolute time (steady_clock), so no event waits on the UI thread. The
// Synth keeps its fluid_synth_t private, so FluidSynth's own sequencer
// cannot be attached to it; events sent from this thread land at the start
// of the synth's next audio block, the same granularity the sequencer gives.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/music/note_sequence.h"

namespace musa {

class Synth;

/** Where the player's notes go: a Synth, or a recorder in tests. Calls come from the clock thread. */
class NoteOutput {
 public:
  virtual ~NoteOutput() = default;
  virtual void note_on(int channel, int pitch, int velocity) = 0;
  virtual void note_off(int channel, int pitch) = 0;
  virtual void program_change(int channel, int program) = 0;
};

/** Forwards to a Synth that may arrive later (a soundfont loads in the background); silent until then. */
class SynthOutput : public NoteOutput {
 public:
  /** The synth must outlive its use: detach it (nullptr) and stop the player before destroying it. */
  void set_synth(Synth* synth) { synth_.store(synth); }
  void note_on(int channel, int pitch, int velocity) override;
  void note_off(int channel, int pitch) override;
  void program_change(int channel, int program) override;

 private:
  std::atomic<Synth*> synth_{nullptr};
};

/** One layer: notes in seconds, played on its own channel with `program`. */
struct PlayerPart {
  NoteSequence notes;
  int program = 0;
};

/**
 * Plays parts at their note times. play() replaces whatever plays; parts get
 * channels 0, 1, … skipping the drum channel. Thread-safe.
 */
class Player {
 public:
  explicit Player(NoteOutput& output);
  ~Player();
  Player(const Player&) = delete;
  Player& operator=(const Player&) = delete;

  /** Starts at 0; `length` seconds is one pass (the loop length); `loop` repeats forever. */
  void play(std::vector<PlayerPart> parts, double length, bool loop);
  /** Stops and silences every note the player started. */
  void stop();
  bool playing() const;
  /** Seconds into the current pass, or −1 when stopped. */
  double position() const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Event {
    double time;
    int channel, pitch, velocity;  ///< velocity 0: note off
  };

  void run();
  void release_sounding();
  void dispatch(const Event& event);

  NoteOutput& output_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Event> events_;  ///< sorted by time, offs before ons
  double length_ = 0;
  bool loop_ = false;
  bool playing_ = false;
  bool quit_ = false;
  long pass_ = 0;
  size_t next_ = 0;
  Clock::time_point start_;
  std::vector<std::pair<int, int>> sounding_;  ///< (channel, pitch) started and not yet ended
  std::thread thread_;
};

}  // namespace musa
