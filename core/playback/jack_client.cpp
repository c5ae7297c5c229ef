#include "core/playback/jack_client.h"

#include <mutex>

#if defined(__SANITIZE_ADDRESS__)
#define MUSA_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define MUSA_LSAN 1
#endif
#endif
#ifdef MUSA_LSAN
#include <sanitizer/lsan_interface.h>
#endif

namespace musa {
namespace {

void ignore_jack_message(const char*) {}

}  // namespace

void quiet_jack_log() {
  static std::once_flag once;
  std::call_once(once, [] {
    jack_set_error_function(ignore_jack_message);
    jack_set_info_function(ignore_jack_message);
  });
}

jack_client_t* open_shutdown_watch(const std::string& name, std::atomic<bool>& lost) {
  quiet_jack_log();
  lost = false;
  jack_client_t* client = jack_client_open(name.c_str(), JackNoStartServer, nullptr);
  if (client)
    jack_on_shutdown(
        client, [](void* lost) { static_cast<std::atomic<bool>*>(lost)->store(true); }, &lost);
  return client;
}

void abandon([[maybe_unused]] const void* object) {
#ifdef MUSA_LSAN
  if (object) __lsan_ignore_object(object);
#endif
}

}  // namespace musa
