#include "core/train/parallel_trainer.h"

#include <algorithm>
#include <utility>

namespace musa {

ParallelTrainer::ParallelTrainer(const ModelConfig& config, int threads, int max_batch, int max_steps) {
  threads = std::max(1, threads);
  const int per_shard = (std::max(1, max_batch) + threads - 1) / threads;
  shards_.reserve(threads);
  for (int s = 0; s < threads; ++s)
    shards_.push_back(Shard{
        BackpropWorkspace<float>(config, per_shard, max_steps), ModelWeights::zeros(config), {}, nullptr});
  max_batch_ = max_batch;
  for (int s = 1; s < threads; ++s) workers_.emplace_back([this, s] { worker(s); });
}

ParallelTrainer::~ParallelTrainer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : workers_) t.join();
}

void ParallelTrainer::worker(int s) {
  std::uint64_t seen = 0;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
    }
    run_shard(s);
    {
      std::lock_guard lock(mutex_);
      if (--pending_ == 0) done_.notify_one();
    }
  }
}

void ParallelTrainer::run_shard(int s) {
  Shard& shard = shards_[s];
  shard.stats = {};
  shard.error = nullptr;
  const int n = threads(), batch = job_.batch->batch;
  const int first = s * batch / n, count = (s + 1) * batch / n - first;
  try {
    if (job_.backward) set_zero(shard.grads);
    if (count == 0) return;
    const SequenceRange range{first, count};
    if (job_.backward) {
      // Each shard's dropout masks come from (seed, shard) alone.
      std::seed_seq seq{static_cast<std::uint32_t>(job_.seed), static_cast<std::uint32_t>(job_.seed >> 32),
                        static_cast<std::uint32_t>(s)};
      std::mt19937_64 rng(seq);
      shard.stats = accumulate_gradients(*job_.weights, *job_.batch, shard.grads, shard.workspace,
                                         job_.dropout_keep, &rng, range);
    } else {
      shard.stats = evaluate_batch(*job_.weights, *job_.batch, shard.workspace, range);
    }
  } catch (...) {
    shard.error = std::current_exception();
  }
}

void ParallelTrainer::run_all() {
  if (job_.batch->batch > max_batch_ || job_.batch->steps > shards_[0].workspace.max_steps())
    throw std::invalid_argument("ParallelTrainer: batch larger than the trainer was made for");
  {
    std::lock_guard lock(mutex_);
    pending_ = threads() - 1;
    ++generation_;
  }
  wake_.notify_all();
  run_shard(0);
  {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return pending_ == 0; });
  }
  for (const auto& shard : shards_)
    if (shard.error) std::rethrow_exception(shard.error);
}

LossStats ParallelTrainer::compute_gradients(const ModelWeights& w, const TrainBatch<float>& batch,
                                             ModelWeights& grads, float dropout_keep, std::uint64_t seed) {
  job_ = Job{&w, &batch, dropout_keep, seed, true};
  run_all();
  LossStats stats;
  auto total = grads.tensors();
  for (size_t s = 0; s < shards_.size(); ++s) {
    stats += shards_[s].stats;
    const auto part = std::as_const(shards_[s].grads).tensors();
    for (size_t i = 0; i < total.size(); ++i) {
      Eigen::Map<Eigen::Array<float, Eigen::Dynamic, 1>> dst(total[i].data, total[i].size);
      Eigen::Map<const Eigen::Array<float, Eigen::Dynamic, 1>> src(part[i].data, part[i].size);
      if (s == 0)
        dst = src;
      else
        dst += src;
    }
  }
  return stats;
}

LossStats ParallelTrainer::evaluate(const ModelWeights& w, const TrainBatch<float>& batch) {
  job_ = Job{&w, &batch, 1.0f, 0, false};
  run_all();
  LossStats stats;
  for (const auto& shard : shards_) stats += shard.stats;
  return stats;
}

}  // namespace musa
