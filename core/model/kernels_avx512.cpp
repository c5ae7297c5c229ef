// The kernels for x86-64 CPUs with AVX-512 F, VL, BW and DQ (x86-64-v4);
// CMakeLists.txt builds this file alone with those flags.
#define MUSA_KERNEL_SET avx512
#define MUSA_KERNEL_NAME "avx512"
#define MUSA_KERNEL_DESCRIPTION "AVX-512 (16 floats a vector)"
#define MUSA_VECTOR_BYTES 64
#include "core/model/kernels_impl.inc"
