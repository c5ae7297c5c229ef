#pragma once
// Validation figures as JSON, as model files record them (__metadata__.training
// "validation") and musa-cli prints them: one shape everywhere.

#include <nlohmann/json.hpp>

#include "core/train/trainer.h"

namespace musa {

/** {"nll_per_step", "perplexity", "accuracy", "note_on_accuracy", "steps", "melodies"} */
nlohmann::json evaluation_json(const Evaluation& evaluation);

}  // namespace musa
