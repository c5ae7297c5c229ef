// musa-cli devices: the MIDI ports Musa can read from and play to.

#include <cstdio>
#include <string>
#include <vector>

#include "app/cli_commands.h"
#include "app/cli_flags.h"
#include "core/midi/midi_ports.h"
#include "core/midi/rtmidi_backend.h"

namespace musa::cli {
namespace {

void print_ports(const char* title, const std::vector<std::string>& ports, const char* none) {
  std::printf("%s:\n", title);
  if (ports.empty()) std::printf("  (none: %s)\n", none);
  for (const std::string& port : ports) std::printf("  %s\n", port.c_str());
}

}  // namespace

int devices(int argc, char** argv) {
  Flags flags(
      "musa-cli devices [--system auto|alsa|jack]",
      "Lists MIDI input ports (keyboards) and output ports (synths, DAWs), or says why there are none.");
  flags.value("system", "auto",
              "MIDI system: the ALSA sequencer, a running JACK server, or the first that answers");
  if (!flags.parse(argc, argv, 2)) {
    std::fprintf(stderr, "musa-cli: %s\n", flags.error().c_str());
    return 1;
  }
  if (flags.wants_help()) {
    std::fputs(flags.help_text().c_str(), stdout);
    return 0;
  }
  const std::string name = flags.given("system") ? flags.get("system") : "auto";
  if (name != "auto" && name != "alsa" && name != "jack") {
    std::fprintf(stderr, "musa-cli: --system must be auto, alsa or jack\n");
    return 1;
  }
  const MidiSystem system = name == "alsa"   ? MidiSystem::Alsa
                            : name == "jack" ? MidiSystem::Jack
                                             : MidiSystem::Auto;
  MidiPorts ports(std::make_unique<RtMidiBackend>("Musa", system));
  if (!ports.available()) {
    std::printf("%s\n", ports.status().c_str());
    return 0;  // no MIDI is a fact about the machine, not a failure
  }
  std::printf("MIDI system: %s\n", ports.status().c_str());
  const PortList list = ports.list();
  print_ports("inputs", list.inputs, "connect a MIDI keyboard");
  print_ports("outputs", list.outputs, "start a synth or a DAW");
  return 0;
}

}  // namespace musa::cli
