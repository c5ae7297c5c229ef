#pragma once
// TakeSession: the take grid as the musician works it, without a window.
// It holds the cards (each the sampler's Take plus what the musician set on
// it: kept, layered, instrument) and the current card, and every rule about
// them: what a Generate keeps, what a Regenerate replaces, where a jam
// answer lands, which instrument a layer gets, and what plays or is
// exported. The window shows the session and forwards intent to it.

#include <array>
#include <string>
#include <vector>

#include "core/generate/generation.h"
#include "core/music/note_sequence.h"
#include "core/project/take_export.h"

namespace musa {

/**
 * General MIDI programs a layered take gets when it has none of its own, the
 * first no other layer uses: piano, strings, flute, vibraphone, clarinet,
 * nylon guitar, choir, marimba (distinct voices, so layers can be told apart).
 */
inline constexpr std::array<int, 8> kLayerPrograms = {0, 48, 73, 11, 71, 24, 52, 12};

/** One card of the grid: the sampler's take and what the musician set on it. */
struct SessionTake {
  Take take;             ///< an empty melody: an empty card
  bool kept = false;     ///< ★: survives the next Generate
  bool layered = false;  ///< ticked to play together with other layered takes
  int program = -1;      ///< General MIDI program, or -1: the window's instrument

  bool empty() const { return take.melody.empty(); }
  friend bool operator==(const SessionTake&, const SessionTake&) = default;
};

/** A take of stored or played events, kept as they are (no NOTE_OFF clean-up). */
Take take_from_events(std::vector<int> events, int primer_steps);

/** What a Generate did to the grid, for the status line. */
struct AcceptedGeneration {
  int placed = 0;  ///< new takes now on cards
  int kept = 0;    ///< kept takes that stayed
};

/** Notes for the player and the length of one pass (a take plays to its last step). */
struct TakePlayback {
  NoteSequence sequence;
  double seconds = 0;
  bool empty() const { return seconds <= 0; }
};

/**
 * The takes and the current one. Indices are 0-based cards; every method
 * checks them and refuses (false, or nothing) what is not a card. Calls come
 * from one thread (the UI's).
 */
class TakeSession {
 public:
  /** `cards` empty cards and no current take. */
  explicit TakeSession(int cards = 0);

  const std::vector<SessionTake>& takes() const { return takes_; }
  int size() const { return static_cast<int>(takes_.size()); }
  /** The card, or nullptr when `index` is not one. */
  const SessionTake* at(int index) const;
  /** Whether `index` is a card holding a take. */
  bool has_take(int index) const;
  /** Whether any card holds a take. */
  bool any_take() const;

  /** The selected card, −1 when none. */
  int current() const { return current_; }
  /** Selects a card; anything that is not a card selects none (−1). */
  void set_current(int index);

  /**
   * Replaces every card (opening a project or a restore); with no takes,
   * `cards` empty cards. The first card becomes current.
   */
  void load(std::vector<SessionTake> takes, int cards);

  /**
   * A Generate's takes arrive. The rule: a kept take never moves and is
   * never lost. The grid gets `fresh.size()` cards, or as many as reach the
   * last kept take when Takes was lowered below it; the new takes fill, in
   * order, the cards among the first `fresh.size()` that are not kept, and
   * the cards past those that are not kept are left empty (they go once no
   * kept take lies behind them). Left-over new takes are dropped. New takes
   * start unkept, unlayered, on the window's instrument. With no current
   * card the first becomes current.
   */
  AcceptedGeneration accept_generation(const std::vector<Take>& fresh);
  /**
   * Sets the number of cards to `count` as far as empty cards allow: new
   * cards are empty, and only empty cards at the end go (the grid never
   * gets shorter than its last take). A current card that goes selects none.
   */
  void resize(int count);
  /** The Takes setting changed: an empty grid follows it now; one with takes changes at the next Generate. */
  void follow_takes_setting(int count);
  /**
   * A Regenerate's take replaces card `index`, which keeps its instrument
   * and layer tick but is no longer kept. Refused (false) when `index` is no
   * longer a card (Takes was lowered while it ran).
   */
  bool replace(int index, const Take& take);
  /**
   * Puts card `index` back exactly as `card` (kept, layer tick and
   * instrument included): how an undo step returns a card to what it was
   * before an edit, and a redo to what it was after. No rule applies; false
   * when `index` is not a card.
   */
  bool restore(int index, const SessionTake& card);

  /** ★ on a card holding a take; true when it changed. */
  bool set_kept(int index, bool kept);
  /**
   * Ticks a card to play with the other layered takes; a newly layered card
   * without its own instrument gets the first of kLayerPrograms no other
   * layer uses (none left: the window's). True when it changed.
   */
  bool set_layered(int index, bool layered);
  /** The card's own instrument, a General MIDI program 0..127, or −1: the window's. True when it changed. */
  bool set_program(int index, int program);
  /**
   * Transposes card `index`'s take (primer part too: it is what plays and is
   * exported) by `semitones`, and the key it was made in with it. Refused
   * (false) when it holds no take, `semitones` is 0, or a note would leave
   * MIDI's 0..127: the melody keeps its shape or does not move.
   */
  bool transpose(int index, int semitones);
  /**
   * Keeps a jam answer: it goes on the first empty card, or on a new card
   * after the last, kept, and becomes current. Returns its card.
   */
  int place_jam_answer(std::vector<int> events, int primer_steps);

  /** The card's own program, else `default_program` (the window's instrument). */
  int effective_program(int index, int default_program) const;
  /** Cards holding a layered take, in grid order. */
  std::vector<int> layered() const;
  /** Cards holding a kept take, in grid order. */
  std::vector<int> kept() const;
  /** What Export writes: the kept takes, or else the current take (when it holds one). */
  std::vector<int> export_selection(bool kept_only) const;
  /** Every card that holds a take, in order (Export's "all takes"). */
  std::vector<int> filled() const;
  /** Bars of the longest take (at least 1): the range an export can choose from. */
  int longest_bars() const;

  /** Card `index` as a one-track sequence "Musa take N" (empty when it is not a card). */
  NoteSequence sequence(int index, int default_program, const TakeSequenceOptions& options) const;
  /** Several cards as one multi-track sequence, one instrument each with its program; non-cards are skipped.
   */
  NoteSequence sequence(const std::vector<int>& indices, int default_program,
                        const TakeSequenceOptions& options) const;
  /** Cards as a MusicXML score (takes_musicxml), a part each "Take N" with its program; non-cards skipped. */
  std::string musicxml(const std::vector<int>& indices, int default_program,
                       const TakeSequenceOptions& options) const;
  /** Card `index`, primer included, to play at `qpm` (empty when it holds no take). */
  TakePlayback take_to_play(int index, int default_program, double qpm) const;
  /** Every layered take as one sequence, each its own instrument and program (empty when none). */
  TakePlayback layered_to_play(int default_program, double qpm) const;

  /** Same cards and same current card: an undo step restored the session exactly. */
  friend bool operator==(const TakeSession&, const TakeSession&) = default;

 private:
  bool is_card(int index) const { return index >= 0 && index < size(); }
  /** The next of kLayerPrograms no layered card uses, or −1. */
  int free_layer_program() const;

  std::vector<SessionTake> takes_;
  int current_ = -1;
};

}  // namespace musa
