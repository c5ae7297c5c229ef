#pragma once
// Whether this test binary runs under a sanitizer, with GCC (__SANITIZE_*__)
// or clang (__has_feature). Sanitizers own malloc, keep freed memory in
// quarantine and run code several times slower: a test still checks what
// happens, but not figures of time or memory.

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MUSA_UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define MUSA_UNDER_SANITIZER 1
#endif
#endif

namespace musa::testing {

#ifdef MUSA_UNDER_SANITIZER
inline constexpr bool kUnderSanitizer = true;
#else
inline constexpr bool kUnderSanitizer = false;
#endif

}  // namespace musa::testing
