#pragma once
// The models a musician can choose from: the shipped one and the ones they
// trained or copied into their models folder, each with a short card read
// from the file's own training record (__metadata__.training).

#include <optional>
#include <string>
#include <vector>

namespace musa {

/** What a model file says about itself, for a menu and a card. */
struct ModelCard {
  std::string path;
  std::string name;  ///< the file name without .safetensors
  bool shipped = false;
  std::string error;     ///< not empty: the file cannot be used (and why)
  std::string date;      ///< the file's last change, YYYY-MM-DD
  std::string data;      ///< what it was trained on, in words (may be empty)
  std::string based_on;  ///< the model it was fine-tuned from (file name), if any
  long updates = 0;
  std::optional<double> validation_nll, accuracy;  ///< on its own held-out files
  /** A few lines for a tooltip or a card: name, data, figures, date. */
  std::string text() const;
};

/** Reads `path`'s card (any format load_any_model reads; the whole file is checked: a broken one gets
 * `error`). */
ModelCard read_model_card(const std::string& path, bool shipped = false);

/**
 * The shipped model (when `shipped_path` is not empty) first, then every
 * .safetensors file in `user_folder` (not its subfolders), by name. A missing
 * folder is an empty library, not an error.
 */
std::vector<ModelCard> list_models(const std::string& shipped_path, const std::string& user_folder);

}  // namespace musa
