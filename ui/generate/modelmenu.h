#pragma once
// ModelMenu: the Model menu. The shipped model and the musician's own (the
// models folder in Musa's data folder), one entry each with its card
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
  /** `folder`: the musician's models; `actions`: more entries after the library's (Open Model…, Train…). */
  ModelMenu(GenerationController* generation, ModelChooser* chooser, const QString& folder,
            const QList<QAction*>& actions, QWidget* parent);

  QString userFolder() const { return folder_; }
  /** Re-reads the library; runs each time the menu opens. */
  void refresh();

 private:
  void showCard();
  void openFolder();

  GenerationController* generation_;
  ModelChooser* chooser_;
  QString folder_;
  QList<QAction*> actions_;
  QActionGroup* entries_ = nullptr;  ///< the model entries: one checked
};
