#pragma once
// musa-cli subcommands. Each returns the process exit code and prints any
// error as one line naming the file and the problem.

#include <string>

#include "app/cli_flags.h"
#include "core/generate/originality.h"
#include "core/model/model_config.h"
#include "core/train/dataset.h"
#include "core/train/process_group.h"

namespace musa::cli {

int generate(int argc, char** argv);
int extract(int argc, char** argv);
int encode(int argc, char** argv);
int score(int argc, char** argv);
int info(int argc, char** argv);
int render(int argc, char** argv);
int train(int argc, char** argv);
int eval(int argc, char** argv);
int baseline(int argc, char** argv);
int devices(int argc, char** argv);
int import_magenta(int argc, char** argv);
int convert(int argc, char** argv);
int key_eval(int argc, char** argv);
int originality_index(int argc, char** argv);

/** The --model flag every command that reads a model has. */
void add_model_flag(Flags& flags);
/** The model's path from --model, or the shipped model's. */
std::string model_path_flag(const Flags& flags);

/** --data, --validation_every and what the training split holds (--training_max_steps, --top_lines). */
void add_data_flags(Flags& flags);
/** The data set those flags name (errors name the flag); a process of `group` reads its shard. */
Result<Dataset> load_data(Flags& flags, const ModelConfig& config, int transpose_low = 0,
                          int transpose_high = 0, const ProcessGroup& group = SingleProcess(),
                          const TrainingMelodyVisitor& on_training_melody = {});

}  // namespace musa::cli
