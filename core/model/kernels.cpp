#include "core/model/kernels.h"

#include <cstdlib>
#include <vector>

namespace musa::kernels {

extern const KernelSet portable;
#if defined(__x86_64__)
extern const KernelSet avx2, avx512;
#endif

namespace {

std::vector<const KernelSet*> find_supported() {
  std::vector<const KernelSet*> sets{&portable};
#if defined(__x86_64__)
  // libgcc's checks include the operating system's saving of the wider registers.
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) sets.push_back(&avx2);
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
      __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq"))
    sets.push_back(&avx512);
#endif
  return sets;
}

const char* requested() {
  const char* name = std::getenv("MUSA_KERNELS");
  return name && *name ? name : nullptr;
}

const KernelSet& choose() {
  const auto sets = supported();
  if (const char* name = requested())
    for (const KernelSet* set : sets)
      if (std::string(set->name) == name) return *set;
  return *sets.back();
}

}  // namespace

std::span<const KernelSet* const> supported() {
  static const std::vector<const KernelSet*> sets = find_supported();
  return sets;
}

const KernelSet& best() {
  static const KernelSet& chosen = choose();
  return chosen;
}

std::string kernels_note() {
  const KernelSet& set = best();
  std::string note = std::string(set.name) + ": " + set.description;
  const char* name = requested();
  if (name && set.name != std::string(name))
    note += " (MUSA_KERNELS=" + std::string(name) + " is not a set this CPU runs)";
  else if (name)
    note += " (chosen by MUSA_KERNELS)";
#if defined(MUSA_NATIVE_BUILD)
  note += "; the whole build targets this machine's CPU (-march=native)";
#endif
  return note;
}

}  // namespace musa::kernels
