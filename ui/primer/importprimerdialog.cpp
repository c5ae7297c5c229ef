#include "ui/primer/importprimerdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/generate/generationcontrols.h"

ImportPrimerDialog::ImportPrimerDialog(const QString& file_name,
                                       const std::vector<musa::PrimerCandidate>& candidates, int proposed,
                                       QWidget* parent)
    : QDialog(parent), list_(new QListWidget(this)) {
  setWindowTitle(tr("Import Primer"));
  auto* intro =
      new QLabel(tr("Melodies found in %1 — choose the one to use as the primer:").arg(file_name), this);
  intro->setWordWrap(true);
  for (size_t i = 0; i < candidates.size(); ++i) {
    const musa::PrimerCandidate& c = candidates[i];
    const QString track =
        c.track_name.empty() ? tr("Track %1").arg(c.track) : QString::fromStdString(c.track_name);
    const double bars = double(c.events.size()) / musa::kStepsPerBar;
    const QString bars_text =
        (musa::cut_at_candidate_limit(c) ? QStringLiteral("≥ ") : QString()) + QString::number(bars, 'f', 1);
    QString text = tr("%1 · %2 · %3 bars, %4 notes")
                       .arg(track, GenerationControls::programName(c.program), bars_text)
                       .arg(c.note_count);
    if (int(i) == proposed) text += tr("  (proposed)");
    list_->addItem(text);
  }
  list_->setCurrentRow(std::max(0, proposed));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Use as Primer"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(list_, &QListWidget::itemDoubleClicked, this, &QDialog::accept);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro);
  layout->addWidget(list_, 1);
  layout->addWidget(buttons);
  resize(520, 320);
}

int ImportPrimerDialog::chosen() const { return list_->currentRow(); }
