// The kernels for x86-64 CPUs with AVX2 and FMA (Intel since 2013, AMD since
// 2015); CMakeLists.txt builds this file alone with -mavx2 -mfma.
#define MUSA_KERNEL_SET avx2
#define MUSA_KERNEL_NAME "avx2"
#define MUSA_KERNEL_DESCRIPTION "AVX2 + FMA (8 floats a vector)"
#define MUSA_VECTOR_BYTES 32
#include "core/model/kernels_impl.inc"
