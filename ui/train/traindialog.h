#pragma once
// TrainDialog: Model → Train on My Music… Pick folders of MIDI files,
// fine-tune the current model (default) or start from scratch, a time
// budget and a name; Check says what was found; Start trains in the
// background (the dialog can be closed, the window stays usable) with a
// progress bar and ETA, the losses plotted live, how often it now guesses
// the next step, Listen Now, Pause/Resume and Stop and Keep Best.

#include <QDialog>

#include "core/train/training_run.h"

class LossChart;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class TrainingController;
struct TrainingPoint;

class TrainDialog : public QDialog {
  Q_OBJECT
 public:
  /** `models_folder`: where the new model is written; `current_model`: what fine-tuning starts from. */
  TrainDialog(const QString& models_folder, QWidget* parent);

  void setCurrentModel(const QString& path);
  /** Folders to train on (what Add Folder… does), for a start with folders already chosen. */
  void addFolder(const QString& folder);
  /** Continues an unfinished run (Musa closed while it trained): checks, then starts. */
  void continueRun(const musa::TrainingRunSpec& spec);
  TrainingController* controller() const { return controller_; }

 public slots:
  void checkFiles();
  void startTraining();

 signals:
  /** Listen Now: generate ten takes from this model file (the best weights so far). */
  void listenRequested(const QString& model_file);
  /** A run ended and left this model in the models folder. */
  void modelTrained(const QString& model_file, const QString& message);

 private:
  QWidget* makeSetupPage();
  QWidget* makeProgressPage();
  musa::TrainingRunSpec spec() const;
  void showPoint(const TrainingPoint& point);
  void showFinished(const QString& model_file, const QString& message);

  QString models_folder_, current_model_;
  bool start_when_checked_ = false;
  TrainingController* controller_;
  QStackedWidget* pages_;
  QListWidget* folders_;
  QRadioButton* fine_tune_;
  QRadioButton* from_scratch_;
  QComboBox* budget_;
  QLineEdit* name_;
  QLabel* found_;
  QPushButton* check_;
  QPushButton* start_;
  QLabel* title_;
  QProgressBar* progress_;
  LossChart* chart_;
  QLabel* quality_;
  QPushButton* listen_;
  QPushButton* pause_;
  QPushButton* stop_;
  QPushButton* another_;  ///< after a run: back to the first page
};
