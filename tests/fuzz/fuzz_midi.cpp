// libFuzzer target: any bytes into the MIDI reader must give a sequence or an
// error, never a crash; a sequence goes on through everything a MIDI file
// meets in Musa: the training melody extractor and the primer import (the
// candidates, the proposed one, its notes for the piano roll).
#include <cstdint>
#include <vector>

#include "core/music/melody_extractor.h"
#include "core/music/smf.h"
#include "core/project/primer_import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<uint8_t> bytes(data, data + size);
  musa::Result<musa::NoteSequence> seq = musa::read_midi_bytes(bytes, "fuzz.mid");
  if (!seq.ok()) return 0;
  musa::extract_melodies_from_sequence(seq.value(), musa::MelodyExtractorOptions::training());
  const std::vector<musa::PrimerCandidate> candidates = musa::primer_candidates(seq.value());
  const int best = musa::best_primer_candidate(candidates);
  if (best >= static_cast<int>(candidates.size()) || (best < 0 && !candidates.empty())) __builtin_trap();
  if (best >= 0) musa::candidate_notes(candidates[static_cast<size_t>(best)]);
  return 0;
}
