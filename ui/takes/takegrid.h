#pragma once
// TakeGrid: the takes as a grid of cards, five to a row (2 × 5 for the
// paper's ten takes), fewer when the window is too narrow for five. It observes a TakesDocument: the cards
// follow its takes and its current card. A card's ★, Layer tick and instrument go to the document as edits;
// everything else a card asks for (play, export, regenerate, …) the grid passes on as its own signals.

#include <QWidget>
#include <vector>

class QGridLayout;
class TakeCard;
class TakesDocument;

class TakeGrid : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kColumns = 5;

  explicit TakeGrid(TakesDocument* document, QWidget* parent = nullptr);

  int cardCount() const { return int(cards_.size()); }
  TakeCard* card(int index) const;
  /** Cards to a row now: as many of kColumns as fit the width. */
  int columns() const { return columns_; }
  /** One column's width: the grid reflows down to it rather than widen the window. */
  QSize minimumSizeHint() const override;

 public slots:
  /** Card `index` is being regenerated (dimmed) or not. */
  void setBusy(int index, bool busy);

 signals:
  /** The card or its ▶ was clicked: play it, or stop it when it plays. */
  void playToggled(int index);
  void useAsPrimerRequested(int index);
  void regenerateRequested(int index);
  void exportRequested(int index);
  void renderRequested(int index);
  void copyRequested(int index);
  /** The mouse dragged card `index`: start a drag of its .mid file. */
  void dragRequested(int index);

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  /** Places the cards in rows of `columns`, every column the same width. */
  void reflow(int columns);
  int columnsFor(int width) const;
  /** Exactly as many cards as the document has takes, each showing its take. */
  void showAll();
  void showTake(int index);
  void showCurrent();
  void setCardCount(int count);
  void connectCard(TakeCard* card);

  TakesDocument* document_;
  QGridLayout* layout_;
  std::vector<TakeCard*> cards_;
  int columns_ = kColumns;
};
