#include "ui/primer/recordprimercommand.h"

#include <QCoreApplication>

#include "core/project/primer.h"
#include "ui/primer/primerdocument.h"

RecordPrimerCommand::RecordPrimerCommand(PrimerDocument* document, const std::vector<int>& events)
    // Fresh ids: the replaced notes keep theirs, so undo can put them back by id.
    : ReplacePrimerCommand(document, musa::primer_notes_from_events(events, document->takeNextId()),
                           QCoreApplication::translate("PrimerCommands", "Record primer")) {}
