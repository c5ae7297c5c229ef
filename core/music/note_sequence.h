#pragma once
// NoteSequence: notes in seconds with the tempo map and signatures, the
// common currency between MIDI files, the piano roll, melodies and audio.
// Modelled on note_seq's NoteSequence proto (magenta/note-seq music.proto).

#include <string>
#include <vector>

namespace musa {

/** A sounding note; times in seconds from the start of the sequence. */
struct Note {
  int pitch = 60;        ///< MIDI pitch 0..127
  int velocity = 100;    ///< 1..127
  double start = 0.0;    ///< seconds
  double end = 0.0;      ///< seconds, > start
  int program = 0;       ///< General MIDI program 0..127
  int instrument = 0;    ///< the track (or channel group) the note came from
  bool is_drum = false;  ///< MIDI channel 10

  friend bool operator==(const Note&, const Note&) = default;
};

/** A tempo that holds from `time` on, in quarter notes per minute. */
struct Tempo {
  double time = 0.0;
  double qpm = 120.0;
  friend bool operator==(const Tempo&, const Tempo&) = default;
};

struct TimeSignature {
  double time = 0.0;
  int numerator = 4;
  int denominator = 4;
  friend bool operator==(const TimeSignature&, const TimeSignature&) = default;
};

/** Key signature: `key` is the tonic's pitch class (0 = C … 11 = B). */
struct KeySignature {
  double time = 0.0;
  int key = 0;
  bool minor = false;
  friend bool operator==(const KeySignature&, const KeySignature&) = default;
};

/** Per-instrument (track) facts a MIDI file carries besides notes. */
struct Track {
  int instrument = 0;
  std::string name;
  int program = 0;
  bool is_drum = false;
  friend bool operator==(const Track&, const Track&) = default;
};

/** Notes in seconds plus the tempo map; a value type. */
struct NoteSequence {
  std::vector<Note> notes;
  std::vector<Tempo> tempos;                   ///< sorted by time; empty = 120 qpm
  std::vector<TimeSignature> time_signatures;  ///< sorted by time; empty = 4/4
  std::vector<KeySignature> key_signatures;
  std::vector<Track> tracks;    ///< names/programs by instrument
  int ticks_per_quarter = 220;  ///< note_seq's STANDARD_PPQ
  double total_time = 0.0;      ///< end of the last note (seconds)

  /** The tempo in force at t = 0 (120 qpm when the file sets none). */
  double initial_qpm() const { return tempos.empty() ? 120.0 : tempos.front().qpm; }
  /** Recomputes total_time from the notes. */
  void update_total_time() {
    total_time = 0.0;
    for (const Note& note : notes) total_time = note.end > total_time ? note.end : total_time;
  }
};

}  // namespace musa
