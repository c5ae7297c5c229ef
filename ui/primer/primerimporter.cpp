#include "ui/primer/primerimporter.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
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
  musa::PrimerCandidate melody = candidates[size_t(chosen)];
  if (musa::too_long_for_primer(melody)) {
    // Said now, not at Generate: the sampler would refuse a primer this long.
    if (!offerFirstBars(QFileInfo(path).fileName(), melody)) return false;
    melody = musa::first_bars(melody, musa::kOfferedPrimerBars);
  }
  std::vector<musa::PrimerNote> notes = musa::candidate_notes(melody);
  for (musa::PrimerNote& n : notes) n.id = primer_->takeNextId();
  primer_->undoStack()->push(new ReplacePrimerCommand(primer_, std::move(notes), tr("Import primer")));
  return true;
}

bool PrimerImporter::offerFirstBars(const QString& file_name, const musa::PrimerCandidate& melody) {
  const QString at_least = musa::cut_at_candidate_limit(melody) ? QStringLiteral("≥ ")
                                                                : QString();  // only its first bars were read
  QMessageBox box(QMessageBox::Question, tr("Melody too long for a primer"),
                  tr("%1: the melody is %2 bars long (%3 notes); a primer can be at most %4 bars. "
                     "Use its first %5 bars as the primer?")
                      .arg(file_name)
                      .arg(at_least + QString::number(melody.events.size() / musa::kStepsPerBar))
                      .arg(at_least + QString::number(melody.note_count))
                      .arg(musa::kMaxPrimerSteps / musa::kStepsPerBar)
                      .arg(musa::kOfferedPrimerBars),
                  QMessageBox::Cancel, window_);
  box.setObjectName(QStringLiteral("longPrimerBox"));
  QPushButton* use =
      box.addButton(tr("Use First %1 Bars").arg(musa::kOfferedPrimerBars), QMessageBox::AcceptRole);
  box.setDefaultButton(use);
  box.exec();
  return box.clickedButton() == use;
}

void PrimerImporter::importDialog() {
  const QString path = QFileDialog::getOpenFileName(window_, tr("Import Primer from MIDI"), QString(),
                                                    tr("MIDI files (*.mid *.midi)"));
  if (!path.isEmpty()) importPrimer(path);
}
