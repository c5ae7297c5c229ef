#pragma once
// ExportDialog: which takes (kept or the selected one), how (one file each
// or one multi-track file), with or without the primer, which bars, where.

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QRadioButton;
class QSpinBox;

/** What the musician chose; TakeExporter::exportTakes carries it out. */
struct ExportChoice {
  bool kept_only = true;        ///< false: the selected take
  bool multitrack = false;      ///< one file, a track per take
  bool include_primer = true;
  int first_bar = 0, last_bar = 0;  ///< 0: whole take
  QString folder;
};

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  ExportDialog(int kept_count, int selected_take, int max_bars, const QString& folder, QWidget* parent = nullptr);
  ExportChoice choice() const;

 private:
  QRadioButton* kept_;
  QRadioButton* selected_;
  QRadioButton* per_take_;
  QRadioButton* multitrack_;
  QCheckBox* primer_;
  QCheckBox* range_;
  QSpinBox* first_bar_;
  QSpinBox* last_bar_;
  QLineEdit* folder_;
};
