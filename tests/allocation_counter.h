#pragma once
// Counts heap allocations in a scope, for tests of "no allocation in the hot
// loop". This executable's malloc wraps glibc's, so every new, Eigen temporary
// or container growth shows up. Sanitizer builds own malloc: there the count
// is unavailable and tests skip.

#include <atomic>
#include <cstddef>

#include "tests/sanitizers.h"

#if !defined(MUSA_UNDER_SANITIZER)
#define MUSA_COUNTS_ALLOCATIONS 1
extern "C" void* __libc_malloc(size_t);
inline std::atomic<bool> g_counting_allocations{false};
inline std::atomic<long> g_allocations{0};
extern "C" void* malloc(size_t n) {
  if (g_counting_allocations.load(std::memory_order_relaxed)) ++g_allocations;
  return __libc_malloc(n);
}
#endif

/** Heap allocations (from any thread) while `work` runs. */
template <class Work>
long allocations_during(Work&& work) {
#ifdef MUSA_COUNTS_ALLOCATIONS
  g_allocations = 0;
  g_counting_allocations = true;
  work();
  g_counting_allocations = false;
  return g_allocations.load();
#else
  work();
  return -1;
#endif
}
