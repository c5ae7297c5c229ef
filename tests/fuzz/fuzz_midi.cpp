// libFuzzer target: any bytes into the MIDI reader must give a sequence or an error, never a crash.
#include <cstdint>
#include <vector>

#include "core/music/melody_extractor.h"
#include "core/music/smf.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<uint8_t> bytes(data, data + size);
  musa::Result<musa::NoteSequence> seq = musa::read_midi_bytes(bytes, "fuzz.mid");
  if (seq.ok()) musa::extract_melodies_from_sequence(seq.value(), musa::MelodyExtractorOptions::training());
  return 0;
}
