#pragma once
// ScoreView: paints a musa::StaffLayout (core/music/staff_layout.h) as a
// score — staff, clef, key and time signature, notes with stems, flags,
// dots, accidentals, ledger lines and ties, rests, bar lines and numbers —
// in as many systems as its width needs. It decides nothing about the music:
// which notes, values, ties and accidentals come from the layout.
// ScoreDialog shows one in a window, titled with what it is.

#include <QDialog>
#include <QWidget>

#include "core/music/staff_layout.h"

class ScoreView : public QWidget {
  Q_OBJECT
 public:
  explicit ScoreView(QWidget* parent = nullptr);

  /** Shows `layout`; notes before step `primer_steps` (the primer) are drawn lighter. */
  void setStaff(const musa::StaffLayout& layout, int primer_steps = 0);
  const musa::StaffLayout& staff() const { return layout_; }
  /** Bars on each line at the current width (at least one). */
  int barsPerSystem() const;
  int systemCount() const;

  QSize sizeHint() const override;
  bool hasHeightForWidth() const override { return true; }
  int heightForWidth(int width) const override;

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  int barsPerSystem(int width) const;

  musa::StaffLayout layout_;
  int primer_steps_ = 0;
};

class ScoreDialog : public QDialog {
  Q_OBJECT
 public:
  /** A window titled `title` ("Take 3 — C minor") showing `layout`. */
  ScoreDialog(const QString& title, const musa::StaffLayout& layout, int primer_steps,
              QWidget* parent = nullptr);
  ScoreView* view() const { return view_; }

 private:
  ScoreView* view_;
};
