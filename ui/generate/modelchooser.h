#pragma once
// ModelChooser: Model → Open Model… A Musa .safetensors, a Magenta .mag bundle
// or a Magenta.js checkpoint (its weights_manifest.json) is loaded by the
// generation worker (core's load_any_model). A file that fails leaves the
// current model in use, with a message naming the file; one that loads is
// remembered and loaded again at the next start.

#include <QObject>
#include <QString>

class GenerationController;
class QWidget;

class ModelChooser : public QObject {
  Q_OBJECT
 public:
  /** `remember`: read and write the chosen model in the settings (AppOptions::remember). */
  ModelChooser(GenerationController* generation, QWidget* window, bool remember);

  /** The model to start with: `chosen` (--model), else the one chosen last time if it is still there. */
  QString startupModel(const QString& chosen) const;

 public slots:
  /** Asks for a model file and opens it. */
  void choose();
  /** Loads `path`; once it has loaded it is the remembered choice. */
  void open(const QString& path);

 private:
  GenerationController* generation_;
  QWidget* window_;
  bool remember_;
  QString pending_;  ///< chosen, not loaded yet
};
