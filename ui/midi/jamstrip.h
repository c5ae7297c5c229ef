#pragma once
// JamStrip: jam mode at a glance, under the primer editor — the musician's
// last phrase (grey) and Musa's answer (in colour) as a mini roll, what the
// jam is doing now, and "Keep as take" for an answer worth keeping.

#include <QFrame>
#include <vector>

#include "core/midi/jam_session.h"

class MiniRoll;
class QLabel;
class QPushButton;

class JamStrip : public QFrame {
  Q_OBJECT
 public:
  explicit JamStrip(QWidget* parent = nullptr);

  QString stateText() const;
  bool hasAnswer() const { return !answer_.empty(); }
  /** The last exchange as one melody: the phrase, then the answer. */
  std::vector<int> events() const;
  int phraseSteps() const { return int(phrase_.size()); }
  QPushButton* keepButton() const { return keep_; }
  MiniRoll* roll() const { return roll_; }

 public slots:
  void setState(musa::JamState state);
  void showExchange(const std::vector<int>& phrase, const std::vector<int>& answer);

 signals:
  /** "Keep as take": the phrase and the answer, the phrase counted as the take's primer. */
  void keepRequested(const std::vector<int>& events, int primer_steps);

 private:
  QLabel* state_;
  MiniRoll* roll_;
  QPushButton* keep_;
  std::vector<int> phrase_, answer_;
};
