#pragma once
// The MIDI system Musa really uses: RtMidi over the ALSA sequencer or a
// running JACK server, whichever answers.

#include <memory>
#include <string>

#include "core/midi/midi_backend.h"

namespace musa {

/** Which MIDI system RtMidiBackend may use. */
enum class MidiSystem {
  Auto,  ///< the ALSA sequencer when there is one, else a running JACK server
  Alsa,
  Jack,
};

/** Whether the ALSA sequencer device (/dev/snd/seq) exists. */
bool alsa_sequencer_present();

/**
 * Whether a JACK server answers (the one JACK_DEFAULT_SERVER names, else
 * "default"), asked without starting one. RtMidi 5 crashes when a JACK port
 * is opened with no server, so Musa asks this first.
 */
bool jack_server_running();

/**
 * RtMidi behind MidiBackend. The system is chosen when the backend is made
 * and looked for again on refresh() while none answers. RtMidi's ALSA
 * constructor throws without /dev/snd/seq and its JACK ports crash without a
 * server, so both are probed before RtMidi is touched; with neither, the
 * backend is unavailable, lists nothing and says why. Port names are the
 * system's names without ALSA's "client:port" numbers (they change when a
 * device is re-plugged), and Musa's own ports are left out. JACK input
 * messages arrive on the JACK process thread.
 */
class RtMidiBackend final : public MidiBackend {
 public:
  explicit RtMidiBackend(std::string client_name = "Musa", MidiSystem system = MidiSystem::Auto);
  ~RtMidiBackend() override;

  bool available() override;
  std::string status() override;
  void refresh() override;
  std::vector<std::string> input_ports() override;
  std::vector<std::string> output_ports() override;
  Status open_input(const std::string& name, MidiInputHandler handler) override;
  void close_input() override;
  Status open_output(const std::string& name) override;
  void close_output() override;
  bool send(std::span<const std::uint8_t> bytes) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace musa
