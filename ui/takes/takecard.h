#pragma once
// TakeCard: one take in the grid — number, play/stop, layer tick, ★ keep,
// a menu (use as primer, regenerate, export, copy, instrument) and the mini
// roll. It shows state and emits what the musician asked for.

#include <QFrame>
#include <optional>
#include <vector>

#include "core/generate/take_report.h"

class MiniRoll;
class QCheckBox;
class QHBoxLayout;
class QLabel;
class QMenu;
class QToolButton;

class TakeCard : public QFrame {
  Q_OBJECT
 public:
  TakeCard(int index, QWidget* parent = nullptr);

  int index() const { return index_; }
  bool hasTake() const { return has_take_; }
  /** Shows a take's melody (its primer first, `primer_steps` long). */
  void setTake(std::vector<int> events, int primer_steps);
  void clearTake();
  void setKept(bool kept);
  bool isKept() const { return kept_; }
  void setLayered(bool layered);
  bool isLayered() const;
  void setProgramLabel(const QString& text);
  /**
   * Shows the take's originality on its line, with the figure the grid is sorted by (`sorted_by`), and
   * why it differs in that line's tooltip.
   */
  void setReport(const musa::TakeReport& report, std::optional<musa::TakeMetric> sorted_by = std::nullopt);
  /** "range 14 semitones", "82% in key": one figure of the report, short. */
  static QString metricText(const musa::TakeReport& report, musa::TakeMetric metric);
  /** "new", "copies 2.5 bars of jigs_12" or "originality unknown". */
  static QString originalityText(const musa::TakeReport& report);
  /** "Why this take": every figure of the report in words, one per line. */
  static QString reportDetails(const musa::TakeReport& report);
  QLabel* originalityLabel() const { return originality_; }
  void setPlaying(bool playing);
  void setCurrent(bool current);
  void setPlayhead(double fraction);
  void setBusy(bool busy);
  MiniRoll* miniRoll() const { return roll_; }
  QToolButton* playButton() const { return play_; }
  QToolButton* keepButton() const { return keep_; }
  QCheckBox* layerBox() const { return layer_; }
  QMenu* menu() const { return menu_; }
  /** Narrowest without cutting the header (number, ▶, Layer, ★, ⋮); the instrument label may shorten. */
  QSize minimumSizeHint() const override;

 signals:
  void playClicked(int index);
  /** The musician clicked ★ (not emitted when setKept shows the state). */
  void keepToggled(int index, bool kept);
  /** The musician clicked the Layer tick (not emitted by setLayered). */
  void layerToggled(int index, bool layered);
  /** The card itself was clicked (not a button on it). */
  void clicked(int index);
  void useAsPrimerRequested(int index);
  void regenerateRequested(int index);
  void exportRequested(int index);
  /** "Show Score": the take as notation. */
  void scoreRequested(int index);
  void renderRequested(int index);
  void copyRequested(int index);
  /** −1: back to the window's instrument. */
  void programChosen(int index, int program);
  /** Transpose the take by `semitones` (±1, ±12). */
  void transposeRequested(int index, int semitones);
  /** The mouse dragged the card: start a drag of its .mid file. */
  void dragRequested(int index);

 protected:
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  void buildMenu();
  void repolish();

  int index_;
  bool has_take_ = false, kept_ = false, playing_ = false;
  QLabel* number_;
  QLabel* program_;
  QLabel* originality_;  ///< "new" / "copies … of …" / "originality unknown"; details in its tooltip
  QToolButton* play_;
  QToolButton* keep_;
  QToolButton* more_;
  QCheckBox* layer_;
  QMenu* menu_;
  MiniRoll* roll_;
  QHBoxLayout* header_;
  QPoint press_pos_;
};
