#pragma once
// Jam mode, call and response as in Magenta's AI Duet: the musician plays a
// phrase, stops, and after a pause Musa answers with a phrase of the same
// length; playing again cuts the answer short.

#include <atomic>
#include <bitset>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/midi/spsc_queue.h"
#include "core/model/model_weights_fwd.h"
#include "core/music/melody.h"
#include "core/playback/clock.h"
#include "core/playback/midi_message.h"
#include "core/playback/midi_sink.h"
#include "core/playback/scheduler.h"
#include "core/util/result.h"

namespace musa {

/** Tempo and feel of a jam. */
struct JamOptions {
  double qpm = 120.0;
  int beats_per_bar = 4;
  int steps_per_quarter = kStepsPerQuarter;
  double pause_beats = 4.0;                 ///< silence that ends a phrase: one bar of 4/4
  int max_answer_steps = 4 * kStepsPerBar;  ///< four bars: longer phrases get a four-bar answer
  int answer_channel = 1;  ///< not the thru channel, so an interrupt spares the player's notes
  int answer_program = 0;  ///< General MIDI program 0..127
  int answer_velocity = 100;
};

/**
 * Makes an answer: the phrase as grid events and the number of steps wanted
 * in, that many grid events out (the continuation only). `cancel` turns true
 * when the musician plays again; the answer is then thrown away, so return
 * early. Runs on the jam thread.
 */
using AnswerFunction = std::function<Result<std::vector<int>>(const std::vector<int>& phrase, int steps,
                                                              const std::atomic<bool>& cancel)>;

/** One call and response, for the app's strip and "keep as take". */
struct JamExchange {
  std::vector<int> phrase;   ///< the musician's line on the grid
  std::vector<int> answer;   ///< Musa's line as played (leading rests dropped)
  double pause_end = 0.0;    ///< clock time the pause was complete
  double answer_sent = 0.0;  ///< clock time the answer went to the player
};

enum class JamState {
  Waiting,    ///< nothing played yet, or the answer is over
  Listening,  ///< a phrase is being played
  Answering,  ///< the pause is over: the answer is being generated
  Playing,    ///< the answer is playing
};

/**
 * The call-and-response state machine. send() (the MIDI thread, via Thru)
 * only stamps and queues, lock-free; tick() does the rest on the jam thread
 * (start() runs one that ticks every 2 ms, tests call tick() by hand with a
 * clock of their own): it ends a phrase once no key has been down for the
 * pause, asks for an answer of the phrase's length (rounded up to whole
 * beats) and plays it through `player` at once. A note played while the
 * answer is generated or played cancels it; the player ends its notes.
 * `player` must outlive the session (the destructor stops it).
 */
class JamSession final : public MidiSink {
 public:
  JamSession(JamOptions options, AnswerFunction answer, Scheduler& player, Clock clock = steady_seconds);
  ~JamSession() override;
  JamSession(const JamSession&) = delete;
  JamSession& operator=(const JamSession&) = delete;

  /** MIDI thread: queues note ons and offs; a note on cancels an answer under way. */
  void send(const MidiMessage& message) override;
  /** Reads what was played, then ends the phrase, answers or stops the answer as due. */
  void tick();
  /** Runs tick() every `period` on a thread of the session's own. */
  void start(std::chrono::milliseconds period = std::chrono::milliseconds(2));
  void stop();

  JamState state() const { return state_.load(); }
  /** Called on the jam thread when an answer starts playing. Set it before start(). */
  void set_exchange_handler(std::function<void(const JamExchange&)> handler);
  std::optional<JamExchange> last_exchange() const;

 private:
  void take_input(const TimedMessage& event);
  void answer_phrase(double pause_end);
  std::vector<int> phrase_line() const;
  void play_answer(std::vector<int> phrase, std::vector<int> answer, double pause_end);

  JamOptions options_;
  AnswerFunction answer_;
  Scheduler& player_;
  Clock clock_;
  SpscQueue<TimedMessage, 1024> queue_;
  std::atomic<JamState> state_{JamState::Waiting};
  std::atomic<bool> cancel_{false};
  // Note ons queued by send() and taken by tick(): when they differ, a note came in that the
  // jam thread has not seen, and an answer being made now is already stale.
  std::atomic<std::uint64_t> note_ons_sent_{0};
  std::uint64_t note_ons_taken_ = 0;

  // Jam thread only.
  std::vector<TimedMessage> phrase_;
  std::array<std::bitset<128>, 16> down_;
  double last_release_ = 0.0;
  std::function<void(const JamExchange&)> on_exchange_;

  mutable std::mutex exchange_mutex_;
  std::optional<JamExchange> last_exchange_;

  std::mutex thread_mutex_;
  std::condition_variable thread_wake_;
  bool thread_stop_ = false;
  std::thread thread_;
};

/**
 * An AnswerFunction over Musa's Sampler: one take of `steps` steps after the
 * phrase, at `temperature`, a new seed each answer. The Sampler lives in the
 * function and is used only on the jam thread.
 */
AnswerFunction sampler_answer(std::shared_ptr<const ModelWeights> weights, float temperature = 1.0f,
                              std::uint64_t seed = 0);

}  // namespace musa
