// musa-cli: Musa's engine from the command line.

#include <cstdio>
#include <cstring>
#include <string>

#include "app/cli_commands.h"

namespace {

struct Command {
  const char* name;
  int (*run)(int, char**);
  const char* summary;
};

constexpr Command kCommands[] = {
    {"generate", musa::cli::generate, "continue a primer: 10 takes as .mid or MusicXML files"},
    {"extract", musa::cli::extract, "list the melodies in a MIDI file"},
    {"encode", musa::cli::encode, "a MIDI file's melodies as network inputs and labels (JSON)"},
    {"score", musa::cli::score, "per-step log-probabilities of a MIDI file's melodies (JSON)"},
    {"info", musa::cli::info, "a model's configuration and provenance"},
    {"render", musa::cli::render, "render a MIDI file to WAV with FluidSynth"},
    {"train", musa::cli::train, "train a model on folders of MIDI files"},
    {"eval", musa::cli::eval, "measure a model on a validation split"},
    {"baseline", musa::cli::baseline, "the n-gram baseline on the same split"},
    {"devices", musa::cli::devices, "list MIDI input and output ports"},
    {"import-magenta", musa::cli::import_magenta, "convert a Magenta .mag bundle to a Musa model"},
    {"convert", musa::cli::convert, "convert to and from Magenta.js checkpoints"},
    {"key-eval", musa::cli::key_eval, "how well takes sound in a chosen key and mode (tables)"},
    {"originality-index", musa::cli::originality_index,
     "build a model's originality index from its training data"},
};

void print_usage() {
  std::printf("usage: musa-cli COMMAND [flags]   (musa-cli COMMAND --help for its flags)\n\ncommands:\n");
  // Two spaces at least between a name and its summary: help2man reads them as the columns (the man page).
  for (const Command& c : kCommands) std::printf("  %-18s %s\n", c.name, c.summary);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    print_usage();
    return argc < 2 ? 2 : 0;
  }
  for (const Command& c : kCommands)
    if (argv[1] == std::string(c.name)) return c.run(argc, argv);
  std::fprintf(stderr, "musa-cli: unknown command '%s'\n", argv[1]);
  print_usage();
  return 2;
}
