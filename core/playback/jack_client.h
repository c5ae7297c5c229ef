#pragma once
// What the synth (core/audio) and the MIDI backend (core/midi) both need of
// libjack directly, beside what FluidSynth and RtMidi do with it.
#include <jack/jack.h>

#include <atomic>
#include <string>

namespace musa {

/**
 * libjack prints "Cannot connect to server socket" for every look that finds
 * no server; Musa says that itself, once. The hook is process-wide, so it is
 * set once.
 */
void quiet_jack_log();

/**
 * Opens a client with no ports named `name`, never starting a server, whose
 * `lost` turns true when the server shuts down (FluidSynth and RtMidi only log
 * it). nullptr when no server runs. After a shutdown the client must never be
 * closed: the next jack_client_open anywhere in the process deletes every dead
 * client itself (jack2's JackLibGlobals), and closing one after that is a use
 * after free.
 */
jack_client_t* open_shutdown_watch(const std::string& name, std::atomic<bool>& lost);

/**
 * Leaves `object` (something that holds a client of a dead JACK server, which
 * must never be closed, see above) on the heap on purpose: LeakSanitizer does
 * not report it or what it holds. A few hundred bytes each time a server dies.
 */
void abandon(const void* object);

}  // namespace musa
