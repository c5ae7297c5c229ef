#pragma once
// Data-parallel training (issue 17, Horovod's pattern on MPI): every process
// loads a shard of the files, all of them pick the same global batch from an
// index of every process's sequences, each computes the examples it holds,
// and one all-reduce per update sums gradients and loss figures, so every
// process takes the same Adam step — the step one process takes alone.

#include <vector>

#include "core/model/model_weights.h"
#include "core/train/backprop.h"
#include "core/train/dataset.h"
#include "core/train/process_group.h"
#include "core/util/result.h"

namespace musa {

/** Every training sequence of every process, in the order one process alone loads them. */
struct TrainingIndex {
  std::vector<int> lengths;  ///< each sequence's length (steps)
  std::vector<int> local;    ///< its index in this process's Dataset::training; −1: another process has it
  long validation_sequences = 0;  ///< over all processes
};

/** The index of a dataset this process loaded whole. */
TrainingIndex local_training_index(const Dataset& data);

/**
 * The index of every process's shard (a collective). Fails, on every process
 * alike, when no process found a training melody.
 */
Result<TrainingIndex> gather_training_index(const Dataset& shard, ProcessGroup& group);

/** Every process's summary added up (a collective): the figures one process would print. */
DatasetSummary gather_summary(const DatasetSummary& local, ProcessGroup& group);

/** `local` summed over the group, with a count that goes with it (a collective). */
LossStats sum_over(ProcessGroup& group, const LossStats& local, long& count);

/**
 * The one all-reduce of an update: the gradients, the loss figures and a stop
 * request, in one flat float buffer made once.
 */
class UpdateReducer {
 public:
  explicit UpdateReducer(const ModelWeights& shape);
  /** Sums `grads` and `stats` over the group in place; true when any process asked to stop. */
  bool sum(ProcessGroup& group, ModelWeights& grads, LossStats& stats, bool stop_requested);

 private:
  std::vector<float> flat_;
};

}  // namespace musa
