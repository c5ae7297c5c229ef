#pragma once
// What a test needs to know of its own process's memory.

#include <unistd.h>

#include <fstream>

namespace musa::testing {

/** Resident memory of this process in MB, from /proc/self/statm. */
inline double resident_mb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return double(resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

}  // namespace musa::testing
