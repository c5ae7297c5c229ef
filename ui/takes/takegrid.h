#pragma once
// TakeGrid: the takes as a grid of cards, five to a row (2 × 5 for the
// paper's ten takes), fewer when the window is too narrow for five. It observes a TakesDocument: the cards
// follow its takes and its current card. A card's ★, Layer tick and instrument go to the document as edits;
// everything else a card asks for (play, export, regenerate, …) the grid passes on as its own signals.
// Each take's "why this take" report is computed here (microseconds a take) and shown on its card; the
// cards can be shown sorted by a report's metric and without the takes that copy training songs. That
// changes only where a card sits: card i stays take i for its number, its key, Keep and export.

#include <QWidget>
#include <optional>
#include <vector>

#include "core/generate/take_report.h"
#include "ui/generate/generationworker.h"

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

  /** The reports use `index` for originality (null: the model has none; "originality unknown"). */
  void setOriginality(const SharedOriginality& index);
  /** Take `index`'s report (a default one for an empty card). */
  const musa::TakeReport& report(int index) const;
  /**
   * Shows the takes ordered by `metric` (nullopt: by number), `descending` or not, and without the ones
   * that copy a training song when `hide_copies`. Empty cards stay, last, in their order.
   */
  void setOrder(std::optional<musa::TakeMetric> metric, bool descending, bool hide_copies);
  /** The cards shown, in the order they are shown. */
  const std::vector<int>& shownOrder() const { return shown_; }
  /** How many takes the filter hides. */
  int hiddenCount() const;

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
  /** "Show Score" on card `index`. */
  void scoreRequested(int index);
  /** The cards shown or their order changed (shownOrder). */
  void orderChanged();

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
  /** The cards to show, in order, for the takes and reports now. */
  std::vector<int> orderedCards() const;
  /** Places the cards again when the order they should have changed. */
  void reorder();

  TakesDocument* document_;
  QGridLayout* layout_;
  std::vector<TakeCard*> cards_;
  int columns_ = kColumns;
  SharedOriginality originality_;
  std::vector<musa::TakeReport> reports_;  ///< one per card
  std::optional<musa::TakeMetric> metric_;
  bool descending_ = true, hide_copies_ = false;
  bool showing_all_ = false;  ///< showAll is filling every card: reorder once at its end
  std::vector<int> shown_;    ///< the cards in the layout, in order
};
