#include "core/model/model_library.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/model/model_file.h"
#include "core/model/model_loader.h"

namespace musa {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

std::string file_date(const fs::path& path) {
  struct stat info {};
  std::tm local{};
  if (stat(path.c_str(), &info) != 0 || !localtime_r(&info.st_mtime, &local)) return {};
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &local);
  return text;
}

/** Fills the card's training figures from the file's record; a record not in our shape adds nothing. */
void read_training_record(const std::string& text, ModelCard& card) {
  const json record = json::parse(text, nullptr, false);
  if (!record.is_object()) return;
  if (const auto data = record.find("data"); data != record.end() && data->is_object())
    card.data = data->value("summary", "");
  if (const auto init = record.find("init"); init != record.end() && init->is_string())
    card.based_on = fs::path(init->get<std::string>()).filename().string();
  card.updates = record.value("best_step", record.value("steps", 0L));
  if (const auto v = record.find("validation"); v != record.end() && v->is_object()) {
    if (v->contains("nll_per_step") && (*v)["nll_per_step"].is_number())
      card.validation_nll = (*v)["nll_per_step"].get<double>();
    if (v->contains("accuracy") && (*v)["accuracy"].is_number())
      card.accuracy = (*v)["accuracy"].get<double>();
  }
}

}  // namespace

std::string ModelCard::text() const {
  std::string out = name + (shipped ? " (shipped with Musa)" : "");
  if (!error.empty()) return out + "\n" + error;
  if (!based_on.empty()) out += "\nFine-tuned from " + based_on;
  if (!data.empty()) out += "\nTrained on " + data;
  if (accuracy && validation_nll) {
    char figures[160];
    std::snprintf(figures, sizeof figures,
                  "\nOn its held-out files it guesses what comes next %.0f %% of the time (NLL %.3f)",
                  100 * *accuracy, *validation_nll);
    out += figures;
  }
  if (updates > 0) out += "\n" + std::to_string(updates) + " training updates";
  if (!date.empty()) out += "\nFile dated " + date;
  return out;
}

ModelCard read_model_card(const std::string& path, bool shipped) {
  ModelCard card;
  card.path = path;
  card.name = fs::path(path).stem().string();
  card.shipped = shipped;
  card.date = file_date(path);
  Result<ModelFile> model = load_any_model(path);
  if (!model.ok()) {
    card.error = model.error();
    return card;
  }
  read_training_record(model->training_json, card);
  return card;
}

std::vector<ModelCard> list_models(const std::string& shipped_path, const std::string& user_folder) {
  std::vector<ModelCard> cards;
  if (!shipped_path.empty()) cards.push_back(read_model_card(shipped_path, true));
  std::vector<fs::path> files;
  std::error_code error;
  for (fs::directory_iterator it(user_folder, error), end; !error && it != end; it.increment(error))
    if (it->path().extension() == ".safetensors" && it->is_regular_file(error)) files.push_back(it->path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) cards.push_back(read_model_card(file.string()));
  return cards;
}

}  // namespace musa
