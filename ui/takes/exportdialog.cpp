#include "ui/takes/exportdialog.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

ExportDialog::ExportDialog(int kept_count, int selected_take, int take_count, int max_bars,
                           const ExportChoice& initial, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Export Takes"));
  kept_ = new QRadioButton(tr("Kept takes (%n)", nullptr, kept_count), this);
  selected_ = new QRadioButton(
      selected_take >= 0 ? tr("Selected take (%1)").arg(selected_take + 1) : tr("Selected take (none)"),
      this);
  all_ = new QRadioButton(tr("All takes (%n)", nullptr, take_count), this);
  kept_->setEnabled(kept_count > 0);
  selected_->setEnabled(selected_take >= 0);
  all_->setEnabled(take_count > 0);
  // The last choice, unless it has nothing to export now.
  QRadioButton* wanted = initial.takes == ExportChoice::Takes::All        ? all_
                         : initial.takes == ExportChoice::Takes::Selected ? selected_
                                                                          : kept_;
  if (!wanted->isEnabled()) wanted = kept_count > 0 ? kept_ : selected_take >= 0 ? selected_ : all_;
  wanted->setChecked(true);
  auto* which = new QButtonGroup(this);
  which->addButton(kept_);
  which->addButton(selected_);
  which->addButton(all_);

  midi_ = new QRadioButton(tr("MIDI (.mid): for a DAW or a sequencer"), this);
  musicxml_ = new QRadioButton(tr("MusicXML (.musicxml): a score for MuseScore, Sibelius, Finale…"), this);
  musicxml_->setObjectName(QStringLiteral("musicxmlFormat"));
  (initial.musicxml ? musicxml_ : midi_)->setChecked(true);
  auto* format = new QButtonGroup(this);
  format->addButton(midi_);
  format->addButton(musicxml_);
  per_take_ = new QRadioButton(this);
  multitrack_ = new QRadioButton(this);
  multitrack_->setObjectName(QStringLiteral("oneFile"));
  (initial.multitrack ? multitrack_ : per_take_)->setChecked(true);
  updateFileChoices();
  connect(musicxml_, &QRadioButton::toggled, this, &ExportDialog::updateFileChoices);
  auto* how = new QButtonGroup(this);
  how->addButton(per_take_);
  how->addButton(multitrack_);

  primer_ = new QCheckBox(tr("Include the primer"), this);
  primer_->setChecked(initial.include_primer);
  range_ = new QCheckBox(tr("Only bars"), this);
  first_bar_ = new QSpinBox(this);
  last_bar_ = new QSpinBox(this);
  for (QSpinBox* box : {first_bar_, last_bar_}) {
    box->setRange(1, std::max(1, max_bars));
    box->setEnabled(false);
    connect(range_, &QCheckBox::toggled, box, &QWidget::setEnabled);
  }
  last_bar_->setValue(std::max(1, max_bars));
  connect(first_bar_, &QSpinBox::valueChanged, last_bar_, [this](int v) { last_bar_->setMinimum(v); });

  folder_ = new QLineEdit(initial.folder, this);
  folder_->setObjectName(QStringLiteral("exportFolder"));
  auto* browse = new QPushButton(tr("Choose…"), this);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export To"), folder_->text());
    if (!dir.isEmpty()) folder_->setText(dir);
  });

  auto* bars = new QHBoxLayout;
  bars->addWidget(range_);
  bars->addWidget(first_bar_);
  bars->addWidget(new QLabel(tr("to"), this));
  bars->addWidget(last_bar_);
  bars->addStretch();
  auto* where = new QHBoxLayout;
  where->addWidget(folder_, 1);
  where->addWidget(browse);
  auto* form = new QFormLayout;
  auto* takes = new QVBoxLayout;
  takes->addWidget(kept_);
  takes->addWidget(selected_);
  takes->addWidget(all_);
  auto* formats = new QVBoxLayout;
  formats->addWidget(midi_);
  formats->addWidget(musicxml_);
  auto* files = new QVBoxLayout;
  files->addWidget(per_take_);
  files->addWidget(multitrack_);
  form->addRow(tr("Takes:"), takes);
  form->addRow(tr("Format:"), formats);
  form->addRow(tr("Files:"), files);
  form->addRow(tr("Content:"), primer_);
  form->addRow(QString(), bars);
  form->addRow(tr("Folder:"), where);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons);
}

void ExportDialog::updateFileChoices() {
  if (musicxml_->isChecked()) {
    per_take_->setText(tr("One .musicxml score per take"));
    multitrack_->setText(tr("One .musicxml score (a part per take)"));
  } else {
    per_take_->setText(tr("One .mid file per take"));
    multitrack_->setText(tr("One multi-track .mid file (a track per take)"));
  }
}

ExportChoice ExportDialog::choice() const {
  ExportChoice c;
  c.takes = all_->isChecked()        ? ExportChoice::Takes::All
            : selected_->isChecked() ? ExportChoice::Takes::Selected
                                     : ExportChoice::Takes::Kept;
  c.multitrack = multitrack_->isChecked();
  c.musicxml = musicxml_->isChecked();
  c.include_primer = primer_->isChecked();
  if (range_->isChecked()) {
    c.first_bar = first_bar_->value();
    c.last_bar = last_bar_->value();
  }
  c.folder = folder_->text();
  return c;
}
