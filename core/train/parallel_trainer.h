#pragma once
// Training on several cores: each batch split over a fixed set of threads.

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "core/train/backprop.h"

namespace musa {

/**
 * Spreads each batch's sequences over a fixed set of threads, created once:
 * shard s takes a contiguous run of sequences, runs accumulate_gradients with
 * its own workspace, gradient buffer and an RNG seeded from (seed, s), and
 * the shards' gradients are summed in shard order. The result never depends
 * on timing; with batch.seeds set (the Trainer sets them) each sequence's
 * dropout comes from its own seed, so the thread count changes only the
 * order of float sums; without, the masks depend on the seed and the thread
 * count.
 */
class ParallelTrainer {
 public:
  ParallelTrainer(const ModelConfig& config, int threads, int max_batch, int max_steps);
  ~ParallelTrainer();
  ParallelTrainer(const ParallelTrainer&) = delete;
  ParallelTrainer& operator=(const ParallelTrainer&) = delete;

  int threads() const { return static_cast<int>(shards_.size()); }

  /** As accumulate_gradients over the whole batch; `grads` is overwritten, not added to. */
  LossStats compute_gradients(const ModelWeights& w, const TrainBatch<float>& batch, ModelWeights& grads,
                              float dropout_keep, std::uint64_t seed);

  /** As evaluate_batch over the whole batch. */
  LossStats evaluate(const ModelWeights& w, const TrainBatch<float>& batch);

 private:
  struct Shard {
    BackpropWorkspace<float> workspace;
    ModelWeights grads;
    LossStats stats;
    std::exception_ptr error;
  };
  struct Job {
    const ModelWeights* weights = nullptr;
    const TrainBatch<float>* batch = nullptr;
    float dropout_keep = 1;
    std::uint64_t seed = 0;
    bool backward = false;
  };

  void run_shard(int s);
  void worker(int s);
  void run_all();

  std::vector<Shard> shards_;
  int max_batch_ = 0;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  Job job_;
  std::uint64_t generation_ = 0;
  int pending_ = 0;
  bool stopping_ = false;
};

}  // namespace musa
