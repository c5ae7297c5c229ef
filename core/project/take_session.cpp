#include "core/project/take_session.h"

#include <algorithm>

#include "core/music/melody.h"

namespace musa {

Take take_from_events(std::vector<int> events, int primer_steps) {
  Take take;
  take.melody.events = std::move(events);  // not Melody::from_events: a stored take comes back as it was
  take.primer_steps = primer_steps;
  return take;
}

TakeSession::TakeSession(int cards) : takes_(static_cast<size_t>(std::max(cards, 0))) {}

const SessionTake* TakeSession::at(int index) const {
  return is_card(index) ? &takes_[size_t(index)] : nullptr;
}

bool TakeSession::has_take(int index) const { return is_card(index) && !takes_[size_t(index)].empty(); }

bool TakeSession::any_take() const {
  return std::any_of(takes_.begin(), takes_.end(), [](const SessionTake& t) { return !t.empty(); });
}

void TakeSession::set_current(int index) { current_ = is_card(index) ? index : -1; }

void TakeSession::load(std::vector<SessionTake> takes, int cards) {
  takes_ = std::move(takes);
  if (takes_.empty()) takes_.resize(static_cast<size_t>(std::max(cards, 0)));
  current_ = takes_.empty() ? -1 : 0;
}

AcceptedGeneration TakeSession::accept_generation(const std::vector<Take>& fresh) {
  const int count = static_cast<int>(fresh.size());
  // A kept take past the new count keeps the grid long enough to stay where it is.
  int cards = count;
  for (int i = count; i < size(); ++i)
    if (takes_[size_t(i)].kept) cards = i + 1;
  std::vector<SessionTake> next(static_cast<size_t>(cards));
  AcceptedGeneration result;
  size_t source = 0;
  for (int i = 0; i < cards; ++i) {
    SessionTake& card = next[size_t(i)];
    if (i < size() && takes_[size_t(i)].kept) {
      card = takes_[size_t(i)];
      ++result.kept;
    } else if (i < count && source < fresh.size()) {
      card.take = fresh[source++];
      ++result.placed;
    }  // else: past the new count and not kept, an empty card
  }
  takes_ = std::move(next);
  if (!is_card(current_)) current_ = -1;
  if (current_ < 0 && !takes_.empty()) current_ = 0;
  return result;
}

void TakeSession::resize(int count) {
  int cards = std::max(count, 0);
  for (int i = size() - 1; i >= cards; --i)
    if (!takes_[size_t(i)].empty()) {
      cards = i + 1;  // the last take stays, and every card before it
      break;
    }
  takes_.resize(static_cast<size_t>(cards));
  if (!is_card(current_)) current_ = -1;
}

void TakeSession::follow_takes_setting(int count) {
  if (!any_take()) resize(count);
}

bool TakeSession::replace(int index, const Take& take) {
  if (!is_card(index)) return false;
  SessionTake& card = takes_[size_t(index)];
  card.take = take;  // the card keeps its instrument and layer tick
  card.kept = false;
  return true;
}

bool TakeSession::restore(int index, const SessionTake& card) {
  if (!is_card(index)) return false;
  takes_[size_t(index)] = card;
  return true;
}

bool TakeSession::set_kept(int index, bool kept) {
  if (!has_take(index) || takes_[size_t(index)].kept == kept) return false;
  takes_[size_t(index)].kept = kept;
  return true;
}

int TakeSession::free_layer_program() const {
  for (int program : kLayerPrograms) {
    const bool used = std::any_of(takes_.begin(), takes_.end(),
                                  [&](const SessionTake& t) { return t.layered && t.program == program; });
    if (!used) return program;
  }
  return -1;
}

bool TakeSession::set_layered(int index, bool layered) {
  if (!is_card(index) || takes_[size_t(index)].layered == layered) return false;
  // Each layer needs its own voice: a card on the window's instrument gets a free one.
  if (layered && takes_[size_t(index)].program < 0) takes_[size_t(index)].program = free_layer_program();
  takes_[size_t(index)].layered = layered;
  return true;
}

bool TakeSession::set_program(int index, int program) {
  if (!is_card(index) || program < -1 || program > 127 || takes_[size_t(index)].program == program)
    return false;
  takes_[size_t(index)].program = program;
  return true;
}

bool TakeSession::transpose(int index, int semitones) {
  if (!has_take(index) || semitones == 0) return false;
  Take& take = takes_[size_t(index)].take;
  std::vector<int>& events = take.melody.events;
  const bool fits = std::all_of(events.begin(), events.end(),
                                [&](int e) { return e < 0 || (e + semitones >= 0 && e + semitones <= 127); });
  if (!fits) return false;
  for (int& e : events)
    if (e >= 0) e += semitones;  // NOTE_OFF and NO_EVENT are negative and stay
  if (take.key) take.key->tonic = ((take.key->tonic + semitones) % 12 + 12) % 12;
  return true;
}

int TakeSession::place_jam_answer(std::vector<int> events, int primer_steps) {
  const auto empty =
      std::find_if(takes_.begin(), takes_.end(), [](const SessionTake& t) { return t.empty(); });
  const int index = static_cast<int>(empty - takes_.begin());
  if (index == size()) takes_.emplace_back();
  SessionTake& card = takes_[size_t(index)];
  card = SessionTake{};
  card.take = take_from_events(std::move(events), primer_steps);
  card.kept = true;  // the musician asked to keep it
  current_ = index;
  return index;
}

int TakeSession::effective_program(int index, int default_program) const {
  const int own = is_card(index) ? takes_[size_t(index)].program : -1;
  return own >= 0 ? own : default_program;
}

std::vector<int> TakeSession::layered() const {
  std::vector<int> cards;
  for (int i = 0; i < size(); ++i)
    if (takes_[size_t(i)].layered && !takes_[size_t(i)].empty()) cards.push_back(i);
  return cards;
}

std::vector<int> TakeSession::kept() const {
  std::vector<int> cards;
  for (int i = 0; i < size(); ++i)
    if (takes_[size_t(i)].kept && !takes_[size_t(i)].empty()) cards.push_back(i);
  return cards;
}

std::vector<int> TakeSession::export_selection(bool kept_only) const {
  if (kept_only) return kept();
  return has_take(current_) ? std::vector<int>{current_} : std::vector<int>{};
}

std::vector<int> TakeSession::filled() const {
  std::vector<int> indices;
  for (int i = 0; i < size(); ++i)
    if (has_take(i)) indices.push_back(i);
  return indices;
}

int TakeSession::longest_bars() const {
  int bars = 1;
  for (const SessionTake& t : takes_)
    bars = std::max(bars, (t.take.melody.size() + kStepsPerBar - 1) / kStepsPerBar);
  return bars;
}

NoteSequence TakeSession::sequence(int index, int default_program, const TakeSequenceOptions& options) const {
  if (!is_card(index)) return {};
  return take_sequence(takes_[size_t(index)].take, index + 1, effective_program(index, default_program),
                       options);
}

NoteSequence TakeSession::sequence(const std::vector<int>& indices, int default_program,
                                   const TakeSequenceOptions& options) const {
  std::vector<TakeTrack> tracks;
  for (int i : indices)
    if (is_card(i)) tracks.push_back({&takes_[size_t(i)].take, i + 1, effective_program(i, default_program)});
  return take_sequence(tracks, options);
}

std::string TakeSession::musicxml(const std::vector<int>& indices, int default_program,
                                  const TakeSequenceOptions& options) const {
  std::vector<TakeTrack> tracks;
  for (int i : indices)
    if (is_card(i)) tracks.push_back({&takes_[size_t(i)].take, i + 1, effective_program(i, default_program)});
  return takes_musicxml(tracks, options);
}

TakePlayback TakeSession::take_to_play(int index, int default_program, double qpm) const {
  if (!has_take(index)) return {};
  TakeSequenceOptions options;
  options.qpm = qpm;
  return {sequence(index, default_program, options),
          takes_[size_t(index)].take.melody.size() * seconds_per_step(qpm)};
}

TakePlayback TakeSession::layered_to_play(int default_program, double qpm) const {
  const std::vector<int> cards = layered();
  if (cards.empty()) return {};
  TakeSequenceOptions options;
  options.qpm = qpm;
  int steps = 0;
  for (int i : cards) steps = std::max(steps, takes_[size_t(i)].take.melody.size());
  return {sequence(cards, default_program, options), steps * seconds_per_step(qpm)};
}

}  // namespace musa
