#pragma once
// PrimerPainter: draws the primer editor's viewport — the 16th grid with its
// beat and bar lines, the notes, the ruler, the keyboard strip, and the
// overlays (playhead, rubber band, hint, the empty-primer prompt). It only
// draws what it is given; the editor owns the state.

#include <QCoreApplication>
#include <QFont>
#include <QRect>
#include <QString>
#include <set>
#include <vector>

#include "core/project/primer.h"
#include "ui/primer/pianorollgeometry.h"

class QPainter;

/** What one paint shows besides the notes' positions. */
struct PrimerScene {
  const std::vector<musa::PrimerNote>& notes;
  const std::set<int>& selection;
  double playhead_step = -1;  ///< < 0: no playhead
  QRect rubber_band;          ///< null: none
  QString hint;               ///< empty: none
  int pressed_key = -1;       ///< the piano key held down, or −1
  QRect hint_rect;            ///< where the hint goes (hintRect); null: the top left
  bool recording = false;     ///< the notes are a recording in progress
};

class PrimerPainter {
  Q_DECLARE_TR_FUNCTIONS(PrimerPainter)

 public:
  /** Paints into `viewport` with `font`, laid out by `geometry`. */
  PrimerPainter(const PianoRollGeometry& geometry, const QRect& viewport, const QFont& font)
      : geo_(geometry), viewport_(viewport), font_(font) {}

  void paint(QPainter& p, const PrimerScene& scene) const;
  /**
   * Where `hint` shows: a corner of the grid clear of `avoid` (the notes it
   * is about), and of `others` too when a corner allows.
   */
  QRect hintRect(const QString& hint, const std::vector<QRect>& avoid,
                 const std::vector<QRect>& others) const;

 private:
  void paintGrid(QPainter& p, const QRect& grid) const;
  void paintNotes(QPainter& p, const PrimerScene& scene) const;
  void paintOverlay(QPainter& p, const PrimerScene& scene) const;
  void paintHint(QPainter& p, const QString& hint, const QRect& box) const;
  void paintRuler(QPainter& p) const;
  void paintKeyboard(QPainter& p, int pressed_key) const;

  PianoRollGeometry geo_;
  QRect viewport_;
  QFont font_;
};
