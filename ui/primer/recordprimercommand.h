#pragma once
// RecordPrimerCommand: a line recorded from a MIDI keyboard replaces the
// primer as one undoable edit, so Ctrl+Z brings back what was drawn before.

#include <vector>

#include "ui/primer/primercommands.h"

class RecordPrimerCommand : public ReplacePrimerCommand {
 public:
  /**
   * `events`: the recorded line as melody events (core's Recorder quantized
   * and reduced it); `velocities`: as played, at each note's onset step.
   */
  RecordPrimerCommand(PrimerDocument* document, const std::vector<int>& events,
                      const std::vector<int>& velocities = {});
};
