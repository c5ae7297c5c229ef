#pragma once
// ModelMenu: the Model menu. The shipped model and the musician's own (the
// "models" folder in Musa's data folder), one entry each with its card
// (core's ModelCard) as the tooltip and a check on the model in use;
// choosing one loads it at once and remembers it (ModelChooser). Then Open
// Model… for any file, the card of the model in use, and the folder itself.

#include <QMenu>

class GenerationController;
class QActionGroup;
class ModelChooser;

class ModelMenu : public QMenu {
  Q_OBJECT
 public:
  /** `open_model`: File → Open Model…'s action, shown here too. */
  ModelMenu(GenerationController* generation, ModelChooser* chooser, QAction* open_model, QWidget* parent);

  /** Where the musician's models live: <app data>/models (created when needed). */
  static QString userFolder();
  /** Re-reads the library; runs each time the menu opens. */
  void refresh();

 private:
  void showCard();
  void openFolder();

  GenerationController* generation_;
  ModelChooser* chooser_;
  QAction* open_model_;
  QActionGroup* entries_ = nullptr;  ///< the model entries: one checked
};
