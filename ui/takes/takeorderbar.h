#pragma once
// TakeOrderBar: above the take grid, "Sort by" a metric of the takes' reports
// (with its direction) and "Hide takes that copy training songs". It holds
// the musician's choice and remembers it; TakeGrid does the ordering.

#include <QWidget>
#include <optional>

#include "core/generate/take_report.h"

class QCheckBox;
class QComboBox;
class QSettings;
class QToolButton;

class TakeOrderBar : public QWidget {
  Q_OBJECT
 public:
  explicit TakeOrderBar(QWidget* parent = nullptr);

  /** The metric the takes are sorted by; nullopt: by take number. */
  std::optional<musa::TakeMetric> metric() const;
  bool descending() const;
  bool hideCopies() const;
  /** Chooses the order as a musician would (emits changed when it differs). */
  void setOrder(std::optional<musa::TakeMetric> metric, bool descending, bool hide_copies);
  /** Says how many takes the filter hides, beside its tick. */
  void setHiddenCount(int hidden);

  /** The last choice ("takes/sortBy", "takes/sortDescending", "takes/hideCopies"). */
  void readSettings(const QSettings& settings);
  void writeSettings(QSettings& settings) const;

  QComboBox* sortBox() const { return sort_; }
  QToolButton* directionButton() const { return direction_; }
  QCheckBox* hideCopiesBox() const { return hide_copies_; }

 signals:
  void changed();

 private:
  void updateDirection();

  QComboBox* sort_;
  QToolButton* direction_;  ///< checked: descending (largest first)
  QCheckBox* hide_copies_;
};
