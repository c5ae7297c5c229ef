#include "ui/generate/modelmenu.h"

#include <QActionGroup>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QUrl>

#include "core/model/model_library.h"
#include "core/util/resources.h"
#include "ui/generate/generationcontroller.h"
#include "ui/generate/modelchooser.h"

ModelMenu::ModelMenu(GenerationController* generation, ModelChooser* chooser, const QString& folder,
                     const QList<QAction*>& actions, QWidget* parent)
    : QMenu(tr("&Model"), parent),
      generation_(generation),
      chooser_(chooser),
      folder_(folder),
      actions_(actions) {
  setObjectName(QStringLiteral("modelMenu"));
  setToolTipsVisible(true);
  connect(this, &QMenu::aboutToShow, this, &ModelMenu::refresh);
  refresh();
}

void ModelMenu::refresh() {
  clear();  // deletes the entries, which the menu owns
  delete entries_;
  entries_ = new QActionGroup(this);
  const QFileInfo current(generation_->modelFile());
  const std::vector<musa::ModelCard> cards =
      musa::list_models(musa::default_model_path(), folder_.toStdString());
  for (const musa::ModelCard& card : cards) {
    const QString path = QString::fromStdString(card.path);
    QString label = QString::fromStdString(card.name);
    if (card.shipped) label = tr("%1 (shipped)").arg(label);
    QAction* entry = addAction(label);
    entry->setObjectName(QStringLiteral("modelEntry"));
    entry->setData(path);
    entry->setToolTip(QString::fromStdString(card.text()));
    entry->setCheckable(true);
    entry->setChecked(QFileInfo(path) == current);
    entry->setEnabled(card.error.empty());
    entries_->addAction(entry);
    connect(entry, &QAction::triggered, chooser_, [this, path] { chooser_->open(path); });
  }
  addSeparator();
  addActions(actions_);
  addAction(tr("Model &Card…"), this, &ModelMenu::showCard);
  addAction(tr("Show My Models &Folder"), this, &ModelMenu::openFolder);
}

void ModelMenu::showCard() {
  const QString path = generation_->modelFile();
  if (path.isEmpty()) return;
  const musa::ModelCard card = musa::read_model_card(path.toStdString());
  QMessageBox::information(parentWidget(), tr("Model Card"), QString::fromStdString(card.text()));
}

void ModelMenu::openFolder() {
  QDir().mkpath(folder_);
  QDesktopServices::openUrl(QUrl::fromLocalFile(folder_));
}
