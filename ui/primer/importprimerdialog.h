#pragma once
// ImportPrimerDialog: lists the melodies a MIDI file offers (track, length,
// notes) with the extractor's proposal preselected.

#include <QDialog>
#include <vector>

#include "core/project/primer_import.h"

class QListWidget;

class ImportPrimerDialog : public QDialog {
  Q_OBJECT
 public:
  ImportPrimerDialog(const QString& file_name, const std::vector<musa::PrimerCandidate>& candidates,
                     int proposed, QWidget* parent = nullptr);
  /** The chosen candidate's index. */
  int chosen() const;

 private:
  QListWidget* list_;
};
