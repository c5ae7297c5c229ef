#pragma once
// What a test or a benchmark needs to know of its own process's memory (Linux).

#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>  // mallinfo2, malloc_trim, mallopt
#endif

#include <fstream>

namespace musa {

/** Resident memory of this process in MB, from /proc/self/statm. */
inline double resident_mb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return double(resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

/**
 * Resident memory once malloc has given back what it holds free (glibc: every
 * arena). Freed blocks a thread's arena keeps count in plain RSS, and which
 * thread frees what, when, changes from run to run. What is left after the
 * trim is what the process holds.
 */
inline double resident_mb_after_trim() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
  return resident_mb();
}

/**
 * Keeps glibc's mmap threshold at its start value (128 KiB) for the rest of
 * the run. glibc raises it to the size of each large block freed, so after
 * the originality index is loaded (a 5.7 MB file read whole, then freed),
 * blocks of up to that size come from an arena and stay resident after they
 * are freed: RSS over the same 100 soak cycles grew +0.2 or +7.4 MB from run
 * to run with heap in use flat. A memory soak wants RSS to follow what is held.
 */
inline void fix_mmap_threshold() {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

/**
 * Bytes malloc has handed out and not had back, in MB (glibc: every arena).
 * Beside RSS it tells a leak (this grows) from memory the allocator keeps
 * after it was freed (only RSS grows).
 */
inline double heap_in_use_mb() {
#ifdef __GLIBC__
  const struct mallinfo2 info = mallinfo2();
  return double(info.uordblks + info.hblkhd) / (1024.0 * 1024.0);
#else
  return 0;
#endif
}

}  // namespace musa
