#pragma once
// TakeGrid: the takes as a grid of cards, five to a row (2 × 5 for the
// paper's ten takes).

#include <QWidget>
#include <vector>

class QGridLayout;
class TakeCard;

class TakeGrid : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kColumns = 5;

  explicit TakeGrid(QWidget* parent = nullptr);

  /** Makes exactly `count` cards (new ones empty); cardAdded announces each new one. */
  void setCardCount(int count);
  int cardCount() const { return int(cards_.size()); }
  TakeCard* card(int index) const;

 signals:
  /** A card was created: connect to its signals. */
  void cardAdded(TakeCard* card);

 private:
  QGridLayout* layout_;
  std::vector<TakeCard*> cards_;
};
