#include "ui/app/shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {
QString plain(QString text) {
  text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
  text.replace(QStringLiteral("&&"), QStringLiteral("&"));
  text.remove(QStringLiteral("…"));
  return text.trimmed();
}

QString keysOf(const QAction* action) {
  QStringList keys;
  for (const QKeySequence& key : action->shortcuts()) keys << key.toString(QKeySequence::NativeText);
  return keys.join(QStringLiteral(", "));
}

void addMenu(const QMenu* menu, const QString& group, QSet<const QAction*>& seen,
             std::vector<ShortcutsDialog::Row>& rows) {
  for (const QAction* action : menu->actions()) {
    if (action->menu()) {
      addMenu(action->menu(), group, seen, rows);
      continue;
    }
    if (action->isSeparator() || action->shortcuts().isEmpty() || seen.contains(action)) continue;
    seen.insert(action);
    rows.push_back({group, plain(action->text()), keysOf(action)});
  }
}
}  // namespace

std::vector<ShortcutsDialog::Row> ShortcutsDialog::rows(const QMenuBar* menus, const QWidget* window) {
  std::vector<Row> rows;
  QSet<const QAction*> seen;
  if (menus)
    for (const QAction* top : menus->actions())
      if (top->menu()) addMenu(top->menu(), plain(top->text()), seen, rows);
  if (window)
    for (const QAction* action : window->actions())
      if (!action->shortcuts().isEmpty() && !seen.contains(action)) {
        seen.insert(action);
        rows.push_back({tr("Other"), plain(action->text()), keysOf(action)});
      }
  // The piano roll's keys and gestures are its own, not actions.
  const QString roll = tr("Piano roll");
  rows.push_back({roll, tr("Move the selected notes a semitone up / down"), tr("↑ / ↓")});
  rows.push_back({roll, tr("Move the selected notes an octave up / down"), tr("Shift+↑ / Shift+↓")});
  rows.push_back({roll, tr("Delete the selected notes"), tr("Delete, Backspace")});
  rows.push_back({roll, tr("Zoom in time"), tr("Ctrl+wheel")});
  rows.push_back({roll, tr("Draw or move off the 16th grid"), tr("Alt+drag")});
  rows.push_back(
      {roll, tr("Louder / softer: the velocity of the selected notes"), tr("Ctrl+drag a note up / down")});
  rows.push_back({tr("Fields"), tr("Finish typing and give the keys back to the takes"),
                  tr("Enter (Esc: undo the typing)")});
  return rows;
}

ShortcutsDialog::ShortcutsDialog(const QMenuBar* menus, const QWidget* window, QWidget* parent)
    : QDialog(parent), table_(new QTreeWidget(this)) {
  setWindowTitle(tr("Keyboard Shortcuts"));
  table_->setColumnCount(2);
  table_->setHeaderLabels({tr("Command"), tr("Keys")});
  table_->setRootIsDecorated(false);
  table_->setSelectionMode(QAbstractItemView::NoSelection);
  QTreeWidgetItem* group = nullptr;
  for (const Row& row : rows(menus, window)) {
    if (!group || group->text(0) != row.group) {
      group = new QTreeWidgetItem(table_, {row.group});
      QFont bold = group->font(0);
      bold.setBold(true);
      group->setFont(0, bold);
      group->setFirstColumnSpanned(true);
    }
    new QTreeWidgetItem(table_, {QStringLiteral("    ") + row.action, row.keys});
  }
  table_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  table_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(table_);
  layout->addWidget(buttons);
  resize(560, 620);
}
