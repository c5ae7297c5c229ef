// The kernels for any CPU the build targets (x86-64: SSE2), with no extra flags.
#define MUSA_KERNEL_SET portable
#define MUSA_KERNEL_NAME "portable"
#define MUSA_KERNEL_DESCRIPTION "the build's baseline instructions (x86-64: SSE2, 4 floats a vector)"
#define MUSA_VECTOR_BYTES 16
#include "core/model/kernels_impl.inc"
