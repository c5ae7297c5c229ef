#pragma once
// What a test or a benchmark needs to know of its own process's memory (Linux).

#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>  // mallinfo2
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
