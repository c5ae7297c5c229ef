#pragma once
// The processes of one data-parallel training run: the MPI ranks that mpirun
// or srun started, or this process alone. Only the few collectives Horovod's
// pattern needs (one all-reduce per update, a broadcast of the starting
// state, a gather of what each process loaded); every process must call each
// of them in the same order.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace musa {

class ProcessGroup {
 public:
  virtual ~ProcessGroup() = default;
  virtual int rank() const = 0;  ///< 0 … size−1; rank 0 reports and writes files
  virtual int size() const = 0;
  /** Element-wise sum over every process, in place; every process gets the same values. */
  virtual void sum(std::span<float> values) = 0;
  virtual void sum(std::span<double> values) = 0;
  /** Every process's bytes, in rank order. */
  virtual std::vector<std::vector<std::uint8_t>> all_gather(std::span<const std::uint8_t> local) = 0;
  /** Rank 0's bytes, on every process. */
  virtual void broadcast(std::vector<std::uint8_t>& bytes) = 0;
  /**
   * Ends every process of the group with `code`, for an error one process
   * met alone (the others would wait for it forever). Returns when alone.
   */
  virtual void abort_all(int code) = 0;
};

/** This process alone: the collectives change nothing. */
class SingleProcess final : public ProcessGroup {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  void sum(std::span<float>) override {}
  void sum(std::span<double>) override {}
  std::vector<std::vector<std::uint8_t>> all_gather(std::span<const std::uint8_t> local) override {
    return {std::vector<std::uint8_t>(local.begin(), local.end())};
  }
  void broadcast(std::vector<std::uint8_t>&) override {}
  void abort_all(int) override {}
};

/**
 * The MPI world when an MPI launcher (mpirun, mpiexec, srun) started this
 * process and the build has MPI; else this process alone. Fails when a
 * launcher started several processes and the build has no MPI (each would
 * train alone and write the same files). Call once, before any thread
 * starts; MPI ends when the group is destroyed.
 */
Result<std::unique_ptr<ProcessGroup>> join_process_group(int& argc, char**& argv);

}  // namespace musa
