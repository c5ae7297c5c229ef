#pragma once
// Standard MIDI File (.mid) reading and writing: the bridge between files
// from other programs and NoteSequence. Reading follows pretty_midi, which
// note_seq's midi_io uses, so melodies extracted here match Magenta's.
//
// Reader: formats 0 and 1, any ticks-per-quarter division, running status,
// sysex and unknown meta events and chunks skipped. Format 2 (independent
// sequences, each with its own tempo) is refused with a message: reading it
// as format 1 would give wrong times for every pattern after the first.
// SMPTE time division is refused. Hostile or truncated files give an Error,
// never a crash or an exception; files over 64 MiB or with more than
// 10 million notes are refused.
//
// Note.instrument is the track chunk index in format 1 (track 0 is usually
// the tempo track) and the MIDI channel in format 0.

#include <cstdint>
#include <string>
#include <vector>

#include "core/music/note_sequence.h"
#include "core/util/result.h"

namespace musa {

/** Reads a Standard MIDI File. Errors name the file and the problem. */
Result<NoteSequence> read_midi_file(const std::string& path);

/** Same, from bytes in memory; `name` is used in error messages. */
Result<NoteSequence> read_midi_bytes(const std::vector<uint8_t>& bytes, const std::string& name);

/** How a NoteSequence is laid out as a file. */
struct MidiWriteOptions {
  int format = 1;               ///< 0: one track; 1: tempo track + one track per instrument
  int ticks_per_quarter = 480;  ///< 1..32767
};

/**
 * Writes notes, tempo map, time/key signatures, programs and track names.
 * Format 1: track 0 is the conductor (tempos, signatures, and the name of a
 * note-less instrument 0, which is how a read file's named tempo track comes
 * back), then one track per instrument in ascending instrument order. Format
 * 0: everything in one track, named after the first named instrument. Each
 * instrument gets its own channel, skipping channel 10 unless it is a drum
 * kit. Fails on an unwritable path or options out of range.
 */
Status write_midi_file(const NoteSequence& seq, const std::string& path,
                       const MidiWriteOptions& options = {});

/** The file write_midi_file would write; out-of-range options are clamped. */
std::vector<uint8_t> write_midi_bytes(const NoteSequence& seq, const MidiWriteOptions& options = {});

}  // namespace musa
