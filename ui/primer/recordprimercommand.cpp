#include "ui/primer/recordprimercommand.h"

#include <QCoreApplication>

#include "core/project/primer.h"
#include "ui/primer/primerdocument.h"

RecordPrimerCommand::RecordPrimerCommand(PrimerDocument* document, const std::vector<int>& events,
                                         const std::vector<int>& velocities)
    // Fresh ids: the replaced notes keep theirs, so undo can put them back by id.
    : ReplacePrimerCommand(document,
                           musa::primer_notes_from_events(events, document->takeNextId(), 0, velocities),
                           QCoreApplication::translate("PrimerCommands", "Record primer")) {}
