#include "core/midi/jam_session.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/generate/sampler.h"
#include "core/midi/recorder.h"
#include "core/playback/sequence_messages.h"

namespace musa {

JamSession::JamSession(JamOptions options, AnswerFunction answer, Scheduler& player, Clock clock)
    : options_(options), answer_(std::move(answer)), player_(player), clock_(std::move(clock)) {}

JamSession::~JamSession() {
  stop();
  player_.stop();
}

void JamSession::send(const MidiMessage& message) {
  if (message.type != MidiType::NoteOn && message.type != MidiType::NoteOff) return;
  const bool note_on = message.type == MidiType::NoteOn;
  if (note_on) {
    note_ons_sent_.fetch_add(1);  // before the push: the jam thread never counts more taken than sent
    cancel_.store(true);          // an answer under way is cut short
  }
  if (!queue_.push({clock_(), message}) && note_on) note_ons_sent_.fetch_sub(1);  // full: that note is lost
}

void JamSession::set_exchange_handler(std::function<void(const JamExchange&)> handler) {
  on_exchange_ = std::move(handler);
}

std::optional<JamExchange> JamSession::last_exchange() const {
  std::lock_guard lock(exchange_mutex_);
  return last_exchange_;
}

void JamSession::tick() {
  for (TimedMessage event; queue_.pop(event);) take_input(event);
  if (state_ == JamState::Playing && !player_.playing()) state_ = JamState::Waiting;
  if (state_ != JamState::Listening) return;
  const bool key_down = std::any_of(down_.begin(), down_.end(), [](const auto& keys) { return keys.any(); });
  const double pause_end = last_release_ + options_.pause_beats * 60.0 / options_.qpm;
  if (!key_down && clock_() >= pause_end) answer_phrase(pause_end);
}

void JamSession::take_input(const TimedMessage& event) {
  const MidiMessage& m = event.message;
  if (m.type == MidiType::NoteOn) {
    ++note_ons_taken_;
    if (state_ == JamState::Playing) player_.stop();
    if (state_ != JamState::Listening) phrase_.clear();  // a new phrase begins
    state_ = JamState::Listening;
    down_[m.channel].set(m.data1);
    phrase_.push_back(event);
  } else if (down_[m.channel].test(m.data1)) {  // offs of notes held from before are not the phrase's
    down_[m.channel].reset(m.data1);
    phrase_.push_back(event);
    last_release_ = event.time;
  }
}

std::vector<int> JamSession::phrase_line() const {
  std::vector<Note> notes = pair_notes(phrase_, last_release_);
  if (notes.empty()) return {};
  // A jam has no metronome: the phrase's grid starts at its first note.
  const double origin = notes.front().start;
  for (Note& note : notes) {
    note.start -= origin;
    note.end -= origin;
  }
  return notes_to_line(notes, options_.qpm, options_.steps_per_quarter);
}

void JamSession::answer_phrase(double pause_end) {
  std::vector<int> phrase = phrase_line();
  phrase_.clear();
  if (std::none_of(phrase.begin(), phrase.end(), [](int e) { return e >= 0; })) {
    state_ = JamState::Waiting;
    return;
  }
  const int beat = options_.steps_per_quarter;
  const int steps =
      std::min(options_.max_answer_steps, (static_cast<int>(phrase.size()) + beat - 1) / beat * beat);
  cancel_ = false;
  state_ = JamState::Answering;
  // A note on sent after this tick read the queue set cancel_ before the line above cleared it:
  // the counts still tell.
  const auto stale = [this] { return cancel_.load() || note_ons_sent_.load() != note_ons_taken_; };
  if (stale()) cancel_ = true;
  Result<std::vector<int>> answer = answer_(phrase, steps, cancel_);
  if (!answer.ok() || stale()) {
    state_ = JamState::Waiting;  // the notes that cancelled it start the next phrase
    return;
  }
  play_answer(std::move(phrase), std::move(answer.value()), pause_end);
}

void JamSession::play_answer(std::vector<int> phrase, std::vector<int> answer, double pause_end) {
  // Answer at once: rests the model put first would only sound like a late answer.
  const auto first = std::find_if(answer.begin(), answer.end(), [](int e) { return e >= 0; });
  answer.erase(answer.begin(), first);
  if (answer.empty()) {
    state_ = JamState::Waiting;
    return;
  }
  const Melody melody = Melody::from_events(answer, options_.beats_per_bar * options_.steps_per_quarter,
                                            options_.steps_per_quarter);
  const NoteSequence notes =
      melody.to_note_sequence(options_.qpm, options_.answer_velocity, std::max(0, options_.answer_program));
  SequenceOptions layout;
  layout.first_channel = options_.answer_channel;
  layout.program = options_.answer_program;
  player_.play(sequence_messages(notes, layout));
  state_ = JamState::Playing;
  JamExchange exchange{std::move(phrase), std::move(answer), pause_end, clock_()};
  if (on_exchange_) on_exchange_(exchange);
  std::lock_guard lock(exchange_mutex_);
  last_exchange_ = std::move(exchange);
}

void JamSession::start(std::chrono::milliseconds period) {
  stop();
  {
    std::lock_guard lock(thread_mutex_);
    thread_stop_ = false;
  }
  thread_ = std::thread([this, period] {
    std::unique_lock lock(thread_mutex_);
    while (!thread_wake_.wait_for(lock, period, [this] { return thread_stop_; })) {
      lock.unlock();
      tick();
      lock.lock();
    }
  });
}

void JamSession::stop() {
  {
    std::lock_guard lock(thread_mutex_);
    thread_stop_ = true;
  }
  cancel_ = true;  // a generation under way returns early
  thread_wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

AnswerFunction sampler_answer(std::shared_ptr<const ModelWeights> weights, float temperature,
                              std::uint64_t seed) {
  auto sampler = std::make_shared<Sampler>(std::move(weights));
  return [sampler, temperature, seed](const std::vector<int>& phrase, int steps,
                                      const std::atomic<bool>& cancel) mutable -> Result<std::vector<int>> {
    GenerationRequest request;
    request.primer = phrase;
    request.num_takes = 1;
    request.steps_to_generate = steps;
    request.temperature = temperature;
    request.seed = seed++;
    Result<std::vector<Take>> takes = sampler->generate(request, &cancel);
    if (!takes.ok()) return Error{takes.error()};
    const Take& take = takes.value().front();
    return std::vector<int>(take.melody.events.begin() + take.primer_steps, take.melody.events.end());
  };
}

}  // namespace musa
