#include "core/train/process_group.h"

#include <climits>
#include <cstdlib>
#include <stdexcept>
#include <string>

#if MUSA_MPI
// MPI's C API only: Open MPI's and MPICH's mpi.h otherwise pull in the
// deprecated C++ bindings, a library more to link.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace musa {
namespace {

#if MUSA_MPI

int checked_count(size_t n) {
  if (n > size_t(INT_MAX)) throw std::length_error("MPI: more than INT_MAX values in one message");
  return int(n);
}

/** MPI_COMM_WORLD. MPI calls fail fatally (MPI_ERRORS_ARE_FATAL): every rank stops with a message. */
class MpiWorld final : public ProcessGroup {
 public:
  MpiWorld(int& argc, char**& argv) {
    int provided = 0;
    // Only the main thread calls MPI; the trainer's worker threads never do.
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiWorld() override { MPI_Finalize(); }
  MpiWorld(const MpiWorld&) = delete;
  MpiWorld& operator=(const MpiWorld&) = delete;

  int rank() const override { return rank_; }
  int size() const override { return size_; }
  void sum(std::span<float> v) override {
    MPI_Allreduce(MPI_IN_PLACE, v.data(), checked_count(v.size()), MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD);
  }
  void sum(std::span<double> v) override {
    MPI_Allreduce(MPI_IN_PLACE, v.data(), checked_count(v.size()), MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  }
  std::vector<std::vector<std::uint8_t>> all_gather(std::span<const std::uint8_t> local) override {
    long long mine = (long long)local.size();
    std::vector<long long> sizes(static_cast<size_t>(size_), 0);
    MPI_Allgather(&mine, 1, MPI_LONG_LONG, sizes.data(), 1, MPI_LONG_LONG, MPI_COMM_WORLD);
    const size_t n = static_cast<size_t>(size_);
    std::vector<int> counts(n), offsets(n);
    size_t total = 0;
    for (int r = 0; r < size_; ++r) {
      offsets[size_t(r)] = checked_count(total);
      counts[size_t(r)] = checked_count(size_t(sizes[size_t(r)]));
      total += size_t(sizes[size_t(r)]);
    }
    std::vector<std::uint8_t> all(total);
    MPI_Allgatherv(local.data(), counts[size_t(rank_)], MPI_BYTE, all.data(), counts.data(), offsets.data(),
                   MPI_BYTE, MPI_COMM_WORLD);
    std::vector<std::vector<std::uint8_t>> parts;
    for (int r = 0; r < size_; ++r)
      parts.emplace_back(all.begin() + offsets[size_t(r)],
                         all.begin() + offsets[size_t(r)] + counts[size_t(r)]);
    return parts;
  }
  void broadcast(std::vector<std::uint8_t>& bytes) override {
    long long n = (long long)bytes.size();
    MPI_Bcast(&n, 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD);
    bytes.resize(size_t(n));
    MPI_Bcast(bytes.data(), checked_count(size_t(n)), MPI_BYTE, 0, MPI_COMM_WORLD);
  }
  void abort_all(int code) override { MPI_Abort(MPI_COMM_WORLD, code); }

 private:
  int rank_ = 0, size_ = 1;
};

/**
 * Whether an MPI launcher started this process: Open MPI's mpirun sets
 * OMPI_COMM_WORLD_SIZE, PMIx launchers (Open MPI 5, srun --mpi=pmix) PMIX_RANK,
 * MPICH's Hydra and srun --mpi=pmi2 PMI_RANK. A plain start stays a single
 * process without touching MPI (no singleton start-up, no network probing).
 */
bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"})
    if (std::getenv(name)) return true;
  return false;
}

#endif

/** How many processes a launcher started, where it says (Open MPI's mpirun, Hydra, srun --mpi=pmi2). */
int launched_processes() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
    if (const char* value = std::getenv(name)) return std::atoi(value);
  return 1;
}

}  // namespace

Result<std::unique_ptr<ProcessGroup>> join_process_group([[maybe_unused]] int& argc,
                                                         [[maybe_unused]] char**& argv) {
#if MUSA_MPI
  if (launched_by_mpi()) return std::unique_ptr<ProcessGroup>(std::make_unique<MpiWorld>(argc, argv));
#endif
  if (launched_processes() > 1)
    return Error{"started as one of " + std::to_string(launched_processes()) +
                 " processes, but this build has no MPI (configure with MUSA_MPI=ON and Open MPI installed)"};
  return std::unique_ptr<ProcessGroup>(std::make_unique<SingleProcess>());
}

}  // namespace musa
