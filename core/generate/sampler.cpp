#include "core/generate/sampler.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace musa {
namespace {

/** A uniform double in [0, 1) from 53 random bits: the same on every platform. */
double uniform01(std::mt19937_64& rng) { return double(rng() >> 11) * 0x1.0p-53; }

Status validate(const GenerationRequest& r) {
  if (r.num_takes < 1 || r.num_takes > 64) return Error{"number of takes must be 1..64"};
  if (r.steps_to_generate < 1 || r.steps_to_generate > 4096)
    return Error{"steps to generate must be 1..4096"};
  if (!(r.temperature >= 0.0f) || !std::isfinite(r.temperature)) return Error{"temperature must be ≥ 0"};
  if (r.beam_size < 1 || r.branch_factor < 1 || r.steps_per_iteration < 1)
    return Error{"beam_size, branch_factor and steps_per_iteration must be ≥ 1"};
  if (long(r.num_takes) * r.beam_size * r.branch_factor > 1024)
    return Error{"takes × beam_size × branch_factor must be ≤ 1024"};
  for (int e : r.primer)
    if (e < kMelodyNoEvent || e > 127) return Error{"primer event " + std::to_string(e) + " is not -2..127"};
  if (r.primer.size() > size_t(kMaxPrimerSteps))
    return Error{"primer is longer than " + std::to_string(kMaxPrimerSteps) + " steps"};
  return {};
}

/** Every sequence being grown: its events, score and the network state row. */
struct Rows {
  std::vector<std::vector<int>> events;
  std::vector<double> scores;
  std::vector<float> logits;  ///< scratch for reordering the pending logits
};

/**
 * Magenta's _prune_branches then _generate_branches for each take's group of
 * K·F rows: keep the K best (ties: earlier first), then row j of the group
 * continues kept sequence j mod K.
 */
void prune_and_branch(Rows& rows, MelodyRnn& rnn, std::vector<float>& logits, int takes, int beam, int branch,
                      std::vector<int>& sources, Rows& scratch) {
  const int group = beam * branch;
  std::vector<int> order(group);
  for (int g = 0; g < takes; ++g) {
    const int base = g * group;
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return rows.scores[base + a] > rows.scores[base + b]; });
    for (int j = 0; j < group; ++j) sources[base + j] = base + order[j % beam];
  }
  for (size_t r = 0; r < sources.size(); ++r) {
    scratch.events[r] = rows.events[sources[r]];
    scratch.scores[r] = rows.scores[sources[r]];
  }
  std::swap(rows.events, scratch.events);
  std::swap(rows.scores, scratch.scores);
  rnn.reorder_state(sources);
  // The logits of the next step were computed before pruning: they move with their rows.
  const size_t classes = logits.size() / sources.size();
  std::vector<float>& moved = scratch.logits;  // sized once by the caller
  for (size_t r = 0; r < sources.size(); ++r)
    std::copy_n(logits.begin() + long(size_t(sources[r]) * classes), classes,
                moved.begin() + long(r * classes));
  std::swap(logits, moved);
}

/** The request's key, as the sampler applies it. */
struct KeyPlan {
  Key target;
  std::vector<int> heard;          ///< the primer as the network hears it
  ScaleMapping output;             ///< moves the generated notes into the target key
  std::array<double, 12> offsets;  ///< log-probability offset per sampled pitch class (mask and bias)
};

KeyPlan plan_key(const GenerationRequest& r, const Melody& primer) {
  const Key source = estimate_key(primer.events);
  KeyPlan plan{r.key.value_or(source), primer.events, {}, {}};
  // Only a key other than the primer's needs adapting; staying in the primer's key is a mask alone.
  const bool change = plan.target != source;
  if (change && r.key_adaptation.mapping == KeyAdaptation::Mapping::primer)
    plan.heard = map_events(primer.events, scale_mapping(source, plan.target));
  if (change && r.key_adaptation.mapping == KeyAdaptation::Mapping::output)
    plan.output = scale_mapping(source, plan.target);
  plan.offsets = pitch_class_offsets(source, plan.target, r.stay_in_key, change ? r.key_adaptation.bias : 0.0,
                                     plan.output);
  return plan;
}

}  // namespace

Sampler::Sampler(std::shared_ptr<const ModelWeights> weights, const kernels::KernelSet& kernels)
    : weights_(std::move(weights)), encoding_(make_encoding(weights_->config)), kernels_(kernels) {}

Result<std::vector<Take>> Sampler::generate(const GenerationRequest& request, const std::atomic<bool>* cancel,
                                            const ProgressCallback& progress) {
  if (Status s = validate(request); !s.ok()) return Error{s.error()};
  const ModelConfig& cfg = weights_->config;
  const Melody original = Melody::from_events(prepare_primer(request.primer));
  const KeyPlan plan = plan_key(request, original);
  Melody primer = Melody::from_events(plan.heard);
  const int transpose = primer.squash(cfg.min_note, cfg.max_note, cfg.transpose_to_key);

  // Mask and bias per pitch class in the model's (transposed) key, built once.
  std::array<double, 12> offsets{};
  for (int pc = 0; pc < 12; ++pc)
    offsets[size_t(((pc + transpose) % 12 + 12) % 12)] = plan.offsets[size_t(pc)];
  const bool per_pitch = std::any_of(offsets.begin(), offsets.end(), [](double o) { return o != 0.0; });

  const int takes = request.num_takes, beam = request.beam_size, branch = request.branch_factor;
  const int group = beam * branch, batch = takes * group;
  const int primer_steps = primer.size(), steps = request.steps_to_generate;
  const int I = encoding_->input_size(), C = encoding_->num_classes();

  Rows rows{std::vector<std::vector<int>>(batch, primer.events), std::vector<double>(batch, 0.0), {}};
  Rows scratch = rows;
  for (auto* group_rows : {&rows, &scratch})
    for (auto& e : group_rows->events) e.reserve(primer_steps + steps);
  std::vector<int> sources(batch);
  std::vector<float> inputs(size_t(batch) * I), logits(size_t(batch) * C);
  scratch.logits.resize(logits.size());
  std::vector<double> probs(C);
  std::mt19937_64 rng(request.seed);
  MelodyRnn rnn(weights_, batch, kernels_);

  // Feed the primer: every row sees the same inputs.
  for (int t = 0; t < primer_steps; ++t) {
    encoding_->encode_input(primer.events, t, std::span<float>(inputs.data(), I));
    for (int b = 1; b < batch; ++b) std::copy_n(inputs.begin(), I, inputs.begin() + size_t(b) * I);
    rnn.step(inputs.data(), logits.data());
  }

  const int first_iteration = (steps - 1) % request.steps_per_iteration + 1;
  // The musician's last note ends where they drew it: the first generated step
  // may strike a note or start a rest, but not hold the primer's note on.
  const bool end_held_note = ends_with_held_note(original.events);
  const bool argmax = request.temperature <= 1e-4f;
  const double inv_temperature = argmax ? 1.0 : 1.0 / request.temperature;
  for (int s = 0; s < steps; ++s) {
    if (cancel && cancel->load(std::memory_order_relaxed)) return Error{"cancelled"};
    if (group > 1 && s >= first_iteration && (s - first_iteration) % request.steps_per_iteration == 0)
      prune_and_branch(rows, rnn, logits, takes, beam, branch, sources, scratch);
    for (int b = 0; b < batch; ++b) {
      std::vector<int>& history = rows.events[b];
      const float* row = logits.data() + size_t(b) * C;
      double max = -std::numeric_limits<double>::infinity();
      for (int c = 0; c < C; ++c) {
        double offset = 0.0;
        if (per_pitch || (s == 0 && end_held_note)) {
          const int event = encoding_->decode_label(c, history);
          if (event >= 0) offset = offsets[size_t(event % 12)];
          if (s == 0 && end_held_note && event == kMelodyNoEvent)
            offset = -std::numeric_limits<double>::infinity();
        }
        probs[c] = row[c] * inv_temperature + offset;
        max = std::max(max, probs[c]);
      }
      double sum = 0.0;
      for (int c = 0; c < C; ++c) sum += (probs[c] = std::exp(probs[c] - max));
      int chosen = 0;
      if (argmax) {
        chosen = int(std::max_element(probs.begin(), probs.end()) - probs.begin());
      } else {
        double u = uniform01(rng) * sum;
        chosen = C - 1;
        for (int c = 0; c < C; ++c) {
          if (u < probs[c]) {
            chosen = c;
            break;
          }
          u -= probs[c];
        }
        while (probs[chosen] == 0.0) --chosen;  // rounding at the end of the walk
      }
      rows.scores[b] += std::log(probs[chosen] / sum);
      history.push_back(encoding_->decode_label(chosen, history));
    }
    if (s + 1 < steps) {
      const int position = primer_steps + s;
      for (int b = 0; b < batch; ++b)
        encoding_->encode_input(rows.events[b], position, std::span<float>(inputs.data() + size_t(b) * I, I));
      rnn.step(inputs.data(), logits.data());
    }
    if (progress) progress(s + 1, steps);
  }

  std::vector<Take> result;
  for (int g = 0; g < takes; ++g) {
    const auto first = rows.scores.begin() + g * group;
    const int best = g * group + int(std::max_element(first, first + group) - first);
    Take take;
    take.melody = Melody::from_events(rows.events[best]);
    take.melody.transpose(-transpose);
    if (!plan.output.identity())
      take.melody.events = map_events(std::move(take.melody.events), plan.output, primer_steps);
    // The musician's primer stays exactly as given (squashing may have folded octaves).
    std::copy(original.events.begin(), original.events.end(), take.melody.events.begin());
    take.primer_steps = primer_steps;
    take.log_likelihood = rows.scores[best];
    take.key = plan.target;
    take.velocity = std::clamp(request.velocity, 1, 127);
    result.push_back(std::move(take));
  }
  return result;
}

}  // namespace musa
