#pragma once
// ExportDialog: which takes (kept, the selected one or all), as MIDI or as a
// MusicXML score, how (one file each or one multi-track / multi-part file),
// with or without the primer, which bars, where. It opens with the
// musician's last choice.

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QRadioButton;
class QSpinBox;

/** What the musician chose; TakeExporter::exportTakes carries it out. */
struct ExportChoice {
  enum class Takes { Kept, Selected, All };
  Takes takes = Takes::Kept;
  bool multitrack = false;  ///< one file, a track (MusicXML: a part) per take
  bool musicxml = false;    ///< a score (.musicxml) rather than Standard MIDI Files
  bool include_primer = true;
  int first_bar = 0, last_bar = 0;  ///< 0: whole take
  QString folder;
};

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  /** `initial`: the choice shown (the last one); a set of takes that holds none falls back to another. */
  ExportDialog(int kept_count, int selected_take, int take_count, int max_bars, const ExportChoice& initial,
               QWidget* parent = nullptr);
  ExportChoice choice() const;

 private:
  QRadioButton* kept_;
  QRadioButton* selected_;
  QRadioButton* all_;
  /** The file choices name the format's extension. */
  void updateFileChoices();

  QRadioButton* midi_;
  QRadioButton* musicxml_;
  QRadioButton* per_take_;
  QRadioButton* multitrack_;
  QCheckBox* primer_;
  QCheckBox* range_;
  QSpinBox* first_bar_;
  QSpinBox* last_bar_;
  QLineEdit* folder_;
};
