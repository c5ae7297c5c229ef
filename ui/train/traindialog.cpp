#include "ui/train/traindialog.h"

#include <QComboBox>
#include <QDate>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "ui/train/losschart.h"
#include "ui/train/trainingcontroller.h"

namespace {

QString clock(double seconds) {
  if (seconds < 0) return QStringLiteral("?");
  const int s = int(seconds);
  return s >= 3600 ? QStringLiteral("%1:%2:%3")
                         .arg(s / 3600)
                         .arg(s / 60 % 60, 2, 10, QChar(u'0'))
                         .arg(s % 60, 2, 10, QChar(u'0'))
                   : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QChar(u'0'));
}

QString qualityText(int percent, int start_percent) {
  if (percent > start_percent)
    return TrainDialog::tr(
               "It guesses what comes next %1 % of the time, better than the starting model's %2 %.")
        .arg(percent)
        .arg(start_percent);
  if (percent < start_percent)
    return TrainDialog::tr(
               "It guesses what comes next %1 % of the time, worse than the starting model's %2 %.")
        .arg(percent)
        .arg(start_percent);
  return TrainDialog::tr("It guesses what comes next %1 % of the time, as often as the starting model.")
      .arg(percent);
}

}  // namespace

TrainDialog::TrainDialog(const QString& models_folder, QWidget* parent)
    : QDialog(parent), models_folder_(models_folder), controller_(new TrainingController(this)) {
  setObjectName(QStringLiteral("trainDialog"));
  setWindowTitle(tr("Train on My Music"));
  pages_ = new QStackedWidget(this);
  pages_->addWidget(makeSetupPage());
  pages_->addWidget(makeProgressPage());
  auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(close, &QDialogButtonBox::rejected, this, &QDialog::hide);  // training goes on
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(pages_);
  layout->addWidget(close);
  resize(560, 460);

  connect(controller_, &TrainingController::checked, this, [this](const QString& found, int start_percent) {
    found_->setText(start_percent < 0
                        ? found
                        : found + QLatin1Char('\n') +
                              tr("On the held-out files the starting model guesses what comes next "
                                 "%1 % of the time.")
                                  .arg(start_percent));
    check_->setEnabled(true);
    start_->setEnabled(true);
    if (std::exchange(start_when_checked_, false)) startTraining();
  });
  connect(controller_, &TrainingController::failed, this, [this](const QString& message) {
    found_->setText(message);
    check_->setEnabled(true);
    start_when_checked_ = false;
    pages_->setCurrentIndex(0);
  });
  connect(controller_, &TrainingController::progressed, this, &TrainDialog::showPoint);
  connect(controller_, &TrainingController::finished, this, &TrainDialog::showFinished);
}

QWidget* TrainDialog::makeSetupPage() {
  auto* page = new QWidget(this);
  folders_ = new QListWidget(page);
  folders_->setObjectName(QStringLiteral("trainFolders"));
  auto* add = new QPushButton(tr("Add Folder…"), page);
  auto* remove = new QPushButton(tr("Remove"), page);
  connect(add, &QPushButton::clicked, this, [this] {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("A Folder of MIDI Files"));
    if (!folder.isEmpty()) addFolder(folder);
  });
  connect(remove, &QPushButton::clicked, this, [this] { delete folders_->currentItem(); });
  auto* folder_buttons = new QVBoxLayout;
  folder_buttons->addWidget(add);
  folder_buttons->addWidget(remove);
  folder_buttons->addStretch();
  auto* folder_row = new QHBoxLayout;
  folder_row->addWidget(folders_);
  folder_row->addLayout(folder_buttons);

  fine_tune_ = new QRadioButton(page);
  from_scratch_ = new QRadioButton(tr("Start from scratch (needs hours and many files)"), page);
  fine_tune_->setChecked(true);
  budget_ = new QComboBox(page);
  budget_->setObjectName(QStringLiteral("trainBudget"));
  for (const auto& [label, minutes] :
       std::initializer_list<std::pair<QString, int>>{{tr("5 minutes"), 5},
                                                      {tr("15 minutes"), 15},
                                                      {tr("30 minutes"), 30},
                                                      {tr("1 hour"), 60},
                                                      {tr("2 hours"), 120},
                                                      {tr("Overnight (8 hours)"), 480}})
    budget_->addItem(label, minutes);
  budget_->setCurrentIndex(1);
  name_ = new QLineEdit(tr("My music %1").arg(QDate::currentDate().toString(Qt::ISODate)), page);
  found_ = new QLabel(tr("Add the folders with your MIDI files, then Check Files."), page);
  found_->setObjectName(QStringLiteral("trainFound"));
  found_->setWordWrap(true);
  check_ = new QPushButton(tr("Check Files"), page);
  start_ = new QPushButton(tr("Start Training"), page);
  start_->setEnabled(false);
  start_->setDefault(true);
  connect(check_, &QPushButton::clicked, this, &TrainDialog::checkFiles);
  connect(start_, &QPushButton::clicked, this, &TrainDialog::startTraining);
  for (QWidget* changes : std::initializer_list<QWidget*>{fine_tune_, from_scratch_})
    connect(static_cast<QRadioButton*>(changes), &QRadioButton::toggled, start_,
            [this] { start_->setEnabled(false); });

  auto* form = new QFormLayout;
  form->addRow(tr("Folders:"), folder_row);
  form->addRow(tr("Start from:"), fine_tune_);
  form->addRow(QString(), from_scratch_);
  form->addRow(tr("Train for:"), budget_);
  form->addRow(tr("Name:"), name_);
  auto* buttons = new QHBoxLayout;
  buttons->addStretch();
  buttons->addWidget(check_);
  buttons->addWidget(start_);
  auto* layout = new QVBoxLayout(page);
  layout->addLayout(form);
  layout->addWidget(found_);
  layout->addStretch();
  layout->addLayout(buttons);
  return page;
}

QWidget* TrainDialog::makeProgressPage() {
  auto* page = new QWidget(this);
  title_ = new QLabel(page);
  progress_ = new QProgressBar(page);
  progress_->setObjectName(QStringLiteral("trainProgress"));
  chart_ = new LossChart(page);
  quality_ = new QLabel(page);
  quality_->setObjectName(QStringLiteral("trainQuality"));
  quality_->setWordWrap(true);
  listen_ = new QPushButton(tr("Listen Now"), page);
  listen_->setToolTip(tr("Ten takes from the best weights so far"));
  pause_ = new QPushButton(tr("Pause"), page);
  pause_->setCheckable(true);
  stop_ = new QPushButton(tr("Stop and Keep Best"), page);
  another_ = new QPushButton(tr("Train Another…"), page);
  another_->setVisible(false);
  connect(another_, &QPushButton::clicked, this, [this] {
    start_->setEnabled(false);  // check the files again: they may have changed
    pages_->setCurrentIndex(0);
  });
  connect(listen_, &QPushButton::clicked, this, [this] { emit listenRequested(controller_->modelFile()); });
  connect(pause_, &QPushButton::toggled, this, [this](bool paused) {
    controller_->setPaused(paused);
    pause_->setText(paused ? tr("Resume") : tr("Pause"));
  });
  connect(stop_, &QPushButton::clicked, controller_, &TrainingController::stopAndKeepBest);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(listen_);
  buttons->addStretch();
  buttons->addWidget(pause_);
  buttons->addWidget(stop_);
  buttons->addWidget(another_);
  auto* layout = new QVBoxLayout(page);
  layout->addWidget(title_);
  layout->addWidget(progress_);
  layout->addWidget(chart_, 1);
  layout->addWidget(quality_);
  layout->addLayout(buttons);
  return page;
}

void TrainDialog::setCurrentModel(const QString& path) {
  current_model_ = path;
  fine_tune_->setText(tr("Fine-tune the current model (%1)").arg(QFileInfo(path).completeBaseName()));
}

void TrainDialog::addFolder(const QString& folder) {
  if (folders_->findItems(folder, Qt::MatchExactly).isEmpty()) folders_->addItem(folder);
  start_->setEnabled(false);  // what was found is out of date
}

musa::TrainingRunSpec TrainDialog::spec() const {
  musa::TrainingRunSpec spec;
  for (int i = 0; i < folders_->count(); ++i) spec.folders.push_back(folders_->item(i)->text().toStdString());
  if (fine_tune_->isChecked()) spec.base_model = current_model_.toStdString();
  QString name = name_->text().trimmed();
  name.replace(QLatin1Char('/'), QLatin1Char('-'));
  if (name.isEmpty()) name = tr("My music");
  spec.out = QDir(models_folder_).filePath(name + QStringLiteral(".safetensors")).toStdString();
  spec.minutes = budget_->currentData().toInt();
  return spec;
}

void TrainDialog::checkFiles() {
  if (controller_->busy()) return;
  if (folders_->count() == 0) {
    found_->setText(tr("Add at least one folder of MIDI files."));
    return;
  }
  QDir().mkpath(models_folder_);
  // A new run never overwrites a model: "My music" becomes "My music 2" when that name is taken.
  const QString base = name_->text().trimmed();
  for (int n = 2; QFileInfo::exists(QString::fromStdString(spec().out)); ++n)
    name_->setText(QStringLiteral("%1 %2").arg(base).arg(n));
  found_->setText(tr("Reading the MIDI files…"));
  check_->setEnabled(false);
  start_->setEnabled(false);
  controller_->check(spec(), false);
}

void TrainDialog::continueRun(const musa::TrainingRunSpec& spec) {
  folders_->clear();
  for (const std::string& folder : spec.folders) folders_->addItem(QString::fromStdString(folder));
  name_->setText(QFileInfo(QString::fromStdString(spec.out)).completeBaseName());
  start_when_checked_ = true;
  title_->setText(tr("Continuing “%1”…").arg(name_->text()));
  pages_->setCurrentIndex(1);
  controller_->check(spec, true);
}

void TrainDialog::startTraining() {
  chart_->clear();
  quality_->clear();
  pause_->setChecked(false);
  pause_->setEnabled(true);
  stop_->setEnabled(true);
  listen_->setEnabled(true);
  another_->setVisible(false);
  progress_->setValue(0);
  title_->setText(tr("Training “%1”").arg(QFileInfo(controller_->modelFile()).completeBaseName()));
  pages_->setCurrentIndex(1);
  controller_->start();
}

void TrainDialog::showPoint(const TrainingPoint& point) {
  const double fraction = point.budget_seconds > 0 ? point.seconds / point.budget_seconds : 0;
  progress_->setValue(int(100 * std::min(1.0, fraction)));
  progress_->setFormat(tr("%p% — %1 left").arg(clock(point.eta_seconds)));
  if (point.train_loss > 0) chart_->addTraining(point.step, point.train_loss);  // the start has none
  if (point.validated) {
    chart_->addValidation(point.step, point.validation_loss);
    if (point.start_percent >= 0) quality_->setText(qualityText(point.percent_guessed, point.start_percent));
  }
}

void TrainDialog::showFinished(const QString& model_file, const QString& message) {
  pause_->setEnabled(false);
  stop_->setEnabled(false);
  another_->setVisible(true);
  progress_->setFormat(message);
  const QString name = QFileInfo(model_file).completeBaseName();
  title_->setText(tr("“%1” is in the Model menu").arg(name));
  // The last figures were of the last weights, not of the ones kept: say what the file holds.
  if (controller_->keptStartingWeights())
    quality_->setText(tr("No update did better than the starting model on the held-out files, so “%1” keeps "
                         "its weights.")
                          .arg(name));
  emit modelTrained(model_file, message);
}
