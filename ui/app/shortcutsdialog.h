#pragma once
// ShortcutsDialog: Help → Keyboard Shortcuts. The table is made from the
// window's actions when it opens (menu by menu, then the actions in no
// menu), so it always says what the keys really do; the piano roll's own
// keys, which are no actions, follow.

#include <QDialog>
#include <QString>
#include <vector>

class QMenuBar;
class QTreeWidget;

class ShortcutsDialog : public QDialog {
  Q_OBJECT
 public:
  struct Row {
    QString group;   ///< the menu ("File", "Play") or "Piano roll"
    QString action;  ///< its text without the & marks
    QString keys;    ///< "Ctrl+G", or several: "Ctrl+Shift+Z, Ctrl+Y"
  };
  /** Every action with a shortcut: those of `menus` (submenus too), then the others `window` holds. */
  static std::vector<Row> rows(const QMenuBar* menus, const QWidget* window);

  ShortcutsDialog(const QMenuBar* menus, const QWidget* window, QWidget* parent = nullptr);
  QTreeWidget* table() const { return table_; }

 private:
  QTreeWidget* table_;
};
