#!/usr/bin/env bash
# The kernel sets built for wider instructions (core/model/kernels_*.cpp) may
# define one global symbol each: their KernelSet. Any other (an inline function
# of a header, compiled with AVX-512) could be the copy the linker keeps for
# every caller, and crash a CPU without those instructions.
#   check_kernel_symbols.sh "OBJECT;OBJECT;…"   (musa_model's objects)
set -euo pipefail
IFS=';' read -ra objects <<< "$1"
checked=0
for object in "${objects[@]}"; do
  [[ $object =~ kernels_(portable|avx2|avx512)\.cpp\.o$ ]] || continue
  set_name=${BASH_REMATCH[1]}
  checked=$((checked + 1))
  # Sanitizers add their own globals beside instrumented code, and UBSan's
  # function checks type descriptors (data, the same in every set): not code.
  extra=$(nm --defined-only --extern-only -C "$object" | awk '{ $1 = ""; $2 = ""; sub(/^  /, ""); print }' |
    grep -v -x "musa::kernels::$set_name" |
    grep -v -E '^(__asan|__odr_asan|__sancov|__tsan|__ubsan|typeinfo for |typeinfo name for )' || true)
  if [[ -n $extra ]]; then
    echo "$object defines more than musa::kernels::$set_name:" >&2
    echo "$extra" >&2
    exit 1
  fi
done
[[ $checked -gt 0 ]] || { echo "no kernel objects among: $1" >&2; exit 1; }
echo "$checked kernel objects define only their KernelSet"
