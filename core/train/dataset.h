#pragma once
// Training data: folders of MIDI files → every melody the extractor finds on
// every non-drum track → squashed, transposed to the model's key, encoded.
// Mirrors Magenta's melody_rnn_pipeline (TimeChangeSplitter, Quantizer,
// TranspositionPipeline, MelodyExtractor, EncoderPipeline).

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/model/model_config.h"
#include "core/music/melody.h"
#include "core/music/melody_extractor.h"
#include "core/util/result.h"

namespace musa {

/** Where the data comes from and how it is split. */
struct DatasetOptions {
  std::vector<std::string> folders;
  int validation_every = 10;  ///< file i (sorted paths, counted from 1) is validation when i % n == 0
  int transpose_low = 0;      ///< augmentation range (training split only), semitones
  int transpose_high = 0;
  /// Training melodies longer than this are cut, as Magenta's MelodyExtractor(max_steps=512)
  /// cuts them (and drops the rest of the melody); 0 keeps them whole. Validation is always cut
  /// at 512, so its figures compare with every earlier model's.
  int training_max_steps = MelodyExtractorOptions::training().max_steps_truncate;
  /// Tracks of the training split that play several notes at once give their top line (the
  /// highest of the notes that start together, Magenta's ignore_polyphonic_notes) instead of
  /// nothing.
  bool training_top_lines = false;
  /// The same for the validation split. Off, validation is read as Magenta reads it, so its
  /// figures compare with every earlier model's; on for a musician's own folder, whose piano
  /// pieces would otherwise leave nothing to judge the training by.
  bool validation_top_lines = false;
  int max_files = 0;  ///< 0 = all (for quick experiments)
  /// Data-parallel training: this process loads only the files i (sorted, from 0) with
  /// i % shards == shard; the split into training and validation stays that of one process.
  int shard = 0, shards = 1;
};

/** One encoded melody: inputs for events 0..n−2 and the label of each next event. */
struct EncodedSequence {
  std::vector<int8_t> inputs;  ///< length × input_size; every feature is −1, 0 or +1
  std::vector<int16_t> labels;
  int file = -1;  ///< index of the file it came from, in sorted order
  int length() const { return static_cast<int>(labels.size()); }
};

/** Which file went where, and what was skipped and why. */
struct DatasetSummary {
  int training_files = 0, validation_files = 0;
  int files_without_melodies = 0;
  std::map<std::string, int> skipped;         ///< reason → count (unreadable files)
  std::vector<std::string> skipped_examples;  ///< a few "file: reason" lines
  long training_steps = 0, validation_steps = 0;
  std::string text() const;
  /** Adds another shard's figures (data-parallel training: each process loads a shard). */
  DatasetSummary& operator+=(const DatasetSummary& other);
};

struct Dataset {
  std::vector<EncodedSequence> training, validation;
  DatasetSummary summary;
};

/** True when the i-th file (0-based, in sorted order) belongs to the validation split. */
inline bool is_validation_file(int index, int every) { return every > 0 && (index + 1) % every == 0; }

/** Every .mid/.midi file under the folders, sorted, recursively. Errors name a missing folder. */
Result<std::vector<std::string>> list_midi_files(const std::vector<std::string>& folders);

/** Sees each training-split melody as extracted (before augmentation), with its file's path. */
using TrainingMelodyVisitor = std::function<void(const std::string& path, const Melody& melody)>;

/**
 * Loads and encodes the data; bad files are skipped and counted, never fatal.
 * One shard of several may hold no training melody (not an error there).
 * `on_training_melody` (optional) sees every training melody of this shard:
 * what the originality index is built from, with the trainer's own split.
 */
Result<Dataset> load_dataset(const DatasetOptions& options, const ModelConfig& config,
                             const TrainingMelodyVisitor& on_training_melody = {});

}  // namespace musa
