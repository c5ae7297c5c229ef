#include "ui/primer/primerimporter.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QUndoStack>

#include "core/music/smf.h"
#include "core/project/primer_import.h"
#include "ui/app/fileerror.h"
#include "ui/primer/importprimerdialog.h"
#include "ui/primer/primercommands.h"
#include "ui/primer/primerdocument.h"

PrimerImporter::PrimerImporter(QWidget* window, PrimerDocument* primer)
    : QObject(window), window_(window), primer_(primer) {}

bool PrimerImporter::importPrimer(const QString& path, int candidate) {
  const musa::Result<musa::NoteSequence> seq = musa::read_midi_file(path.toStdString());
  if (!seq.ok()) {
    showFileError(window_, tr("Cannot import primer"), QString::fromStdString(seq.error()));
    return false;
  }
  const auto candidates = musa::primer_candidates(seq.value());
  if (candidates.empty()) {
    showFileError(window_, tr("Cannot import primer"), tr("%1: no melody was found in this file.").arg(path));
    return false;
  }
  int chosen = musa::best_primer_candidate(candidates);
  if (candidate >= 0 && candidate < int(candidates.size())) {
    chosen = candidate;
  } else if (candidate == -1 && candidates.size() > 1) {
    ImportPrimerDialog dialog(QFileInfo(path).fileName(), candidates, chosen, window_);
    if (dialog.exec() != QDialog::Accepted) return false;
    chosen = dialog.chosen();
  }
  std::vector<musa::PrimerNote> notes = musa::candidate_notes(candidates[size_t(chosen)]);
  for (musa::PrimerNote& n : notes) n.id = primer_->takeNextId();
  primer_->undoStack()->push(new ReplacePrimerCommand(primer_, std::move(notes), tr("Import primer")));
  return true;
}

void PrimerImporter::importDialog() {
  const QString path = QFileDialog::getOpenFileName(window_, tr("Import Primer from MIDI"), QString(),
                                                    tr("MIDI files (*.mid *.midi)"));
  if (!path.isEmpty()) importPrimer(path);
}
