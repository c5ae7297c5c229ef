#include "ui/takes/scoreview.h"

#include <QDialogButtonBox>
#include <QPainter>
#include <QPainterPath>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "core/music/melody.h"

namespace {
// Every measure is in staff spaces (the distance between two staff lines).
constexpr double kSpace = 8.0;
constexpr double kStepWidth = 2.0 * kSpace;  ///< a 16th's width: spacing is proportional to time
constexpr double kBarPadding = 1.4 * kSpace;
constexpr double kBarWidth = musa::kStepsPerBar * kStepWidth + 2 * kBarPadding;
constexpr double kMargin = 2 * kSpace;
constexpr double kSystemHeight = 13 * kSpace;  ///< the staff and room for ledger lines above and below
constexpr double kStaffTop = 5 * kSpace;       ///< from the system's top to its top line
constexpr double kHeadWidth = 1.3 * kSpace;

const QColor kPaper(250, 250, 246);
const QColor kInk(24, 24, 30);
const QColor kPrimerInk(128, 134, 150);

/** One symbol where it is painted. */
struct Placed {
  const musa::StaffSymbol* symbol;
  int bar;
  int system;
  double x;  ///< the note head's left edge (a rest's centre)
  double y;  ///< the note head's centre
  QColor color;
};

/** A 1-pixel line's y on a pixel's centre: crisp, not smeared grey over two rows. */
double crisp(double y) { return std::floor(y) + 0.5; }

QString accidentalGlyph(int alter) {
  switch (alter) {
    case -2:
      return QStringLiteral("𝄫");
    case -1:
      return QStringLiteral("♭");
    case 1:
      return QStringLiteral("♯");
    case 2:
      return QStringLiteral("𝄪");
    default:
      return QStringLiteral("♮");
  }
}

/** Paints one system at a time; positions come from the layout, lengths from kSpace. */
class Painter {
 public:
  Painter(QPainter& p, const musa::StaffLayout& layout, int primer_steps, int bars_per_system)
      : p_(p), layout_(layout), primer_steps_(primer_steps), per_system_(bars_per_system) {}

  void paint() {
    const int bars = int(layout_.bars.size());
    std::vector<Placed> placed;
    for (int first = 0; first < bars; first += per_system_) {
      const int system = first / per_system_;
      const int last = std::min(bars, first + per_system_);
      double x = kMargin + header(system, first);
      for (int bar = first; bar < last; ++bar) {
        place(bar, system, x, placed);
        x += kBarWidth;
        barLine(system, x, bar + 1 == bars);
      }
      staffLines(system, x);
    }
    for (size_t i = 0; i < placed.size(); ++i) {
      symbol(placed[i]);
      if (placed[i].symbol->tie_start && i + 1 < placed.size()) tie(placed[i], placed[i + 1]);
    }
    beams(placed);
  }

 private:
  double top(int system) const { return kMargin + system * kSystemHeight + kStaffTop; }
  double yOf(int system, int step) const { return top(system) + (8 - step) * kSpace / 2; }

  /**
   * Draws a glyph scaled so that its ink is `height` tall with its ink's bottom at `bottom`; its ink
   * starts at `x` (or ends there, `right_aligned`). Fonts draw music symbols at many sizes and
   * baselines: measuring the ink places them on the staff the same way in any font.
   */
  void glyph(const QString& text, double x, double bottom, double height, const QColor& color,
             bool right_aligned = false) {
    QPainterPath path;
    path.addText(0, 0, font(100), text);
    const QRectF ink = path.boundingRect();
    if (ink.isEmpty()) return;
    const double k = height / ink.height();
    const double left = right_aligned ? x - ink.width() * k : x;
    QTransform t;
    t.translate(left - ink.left() * k, bottom - ink.bottom() * k);
    t.scale(k, k);
    p_.fillPath(t.map(path), color);
  }

  /** An accidental whose ink ends at `right`, on the line or space at `y`. */
  void accidental(int alter, double right, double y, const QColor& color) {
    // A flat's loop (its lower part) sits on the note's place; sharps and naturals are centred on it.
    if (alter < 0)
      glyph(accidentalGlyph(alter), right, y + 0.55 * kSpace, 2.3 * kSpace, color, true);
    else if (alter == 2)
      glyph(accidentalGlyph(alter), right, y + 0.5 * kSpace, 1.0 * kSpace, color, true);
    else
      glyph(accidentalGlyph(alter), right, y + 1.35 * kSpace, 2.7 * kSpace, color, true);
  }

  QFont font(double pixels, bool bold = false) const {
    QFont f = p_.font();
    f.setPixelSize(std::max(1, int(std::lround(pixels))));
    f.setBold(bold);
    return f;
  }

  /** Clef, key signature, the time signature on the first system, the first bar's number; returns its width.
   */
  double header(int system, int first_bar) {
    p_.setPen(kInk);
    const double x0 = kMargin;
    const bool treble = layout_.clef == musa::Clef::treble;
    // The G clef reaches from below the staff to above it; the F clef spans its upper three spaces.
    if (treble)
      glyph(QStringLiteral("𝄞"), x0 + 0.2 * kSpace, yOf(system, 0) + 1.6 * kSpace, 7.4 * kSpace, kInk);
    else
      glyph(QStringLiteral("𝄢"), x0 + 0.2 * kSpace, yOf(system, 2), 3.2 * kSpace, kInk);
    double x = x0 + 3.6 * kSpace;
    for (int step : musa::signature_steps(layout_.fifths, layout_.clef)) {
      accidental(layout_.fifths > 0 ? 1 : -1, x + 0.9 * kSpace, yOf(system, step), kInk);
      x += 1.0 * kSpace;
    }
    x += 0.6 * kSpace;
    if (system == 0) {
      p_.setFont(font(2.6 * kSpace, true));
      for (int step : {6, 2})
        p_.drawText(QRectF(x, yOf(system, step) - kSpace, 2 * kSpace, 2 * kSpace), Qt::AlignCenter,
                    QStringLiteral("4"));
      x += 2.6 * kSpace;
    }
    p_.setFont(font(1.3 * kSpace));
    p_.setPen(kPrimerInk);
    p_.drawText(QPointF(x0, top(system) - 3.2 * kSpace), QString::number(first_bar + 1));
    return x - x0;
  }

  void place(int bar, int system, double bar_x, std::vector<Placed>& placed) const {
    for (const musa::StaffSymbol& s : layout_.bars[size_t(bar)].symbols) {
      const int step = bar * musa::kStepsPerBar + s.start;
      const QColor color = step < primer_steps_ ? kPrimerInk : kInk;
      if (s.whole_bar_rest) {
        placed.push_back({&s, bar, system, bar_x + kBarWidth / 2, yOf(system, 6), color});
        continue;
      }
      const double x = bar_x + kBarPadding + s.start * kStepWidth;
      const int where = s.rest() ? 4 : musa::staff_step(s.spelled, layout_.clef);
      placed.push_back({&s, bar, system, s.rest() ? x + kHeadWidth / 2 : x, yOf(system, where), color});
    }
  }

  void staffLines(int system, double right) {
    p_.setPen(QPen(kInk, 1));
    for (int line = 0; line < 5; ++line) {
      const double y = crisp(top(system) + line * kSpace);
      p_.drawLine(QPointF(kMargin, y), QPointF(right, y));
    }
  }

  void barLine(int system, double x, bool last) {
    p_.setPen(QPen(kInk, 1));
    p_.drawLine(QPointF(x, top(system)), QPointF(x, top(system) + 4 * kSpace));
    if (!last) return;
    // The final bar line: thin and thick.
    p_.drawLine(QPointF(x - 4, top(system)), QPointF(x - 4, top(system) + 4 * kSpace));
    p_.fillRect(QRectF(x - 2, top(system), 3, 4 * kSpace), kInk);
  }

  void symbol(const Placed& at) {
    p_.setPen(QPen(at.color, 1.2));
    p_.setBrush(at.color);
    if (at.symbol->rest())
      rest(at);
    else
      note(at);
  }

  void note(const Placed& at) {
    const musa::StaffSymbol& s = *at.symbol;
    const int step = musa::staff_step(s.spelled, layout_.clef);
    ledgerLines(at, step);
    if (s.accidental != musa::kNoAccidental) accidental(s.accidental, at.x - 0.25 * kSpace, at.y, at.color);
    const int value = s.base_steps();
    const QRectF head(at.x, at.y - kSpace / 2, kHeadWidth, kSpace);
    p_.setBrush(value <= 4 ? QBrush(at.color) : Qt::NoBrush);
    p_.setPen(QPen(at.color, value <= 4 ? 1.0 : 1.6));
    p_.drawEllipse(head);
    if (s.dotted()) dot(at, step);
    if (value >= 16 || s.beam >= 0) return;  // a whole note has no stem; beams() draws a beamed one's
    const bool up = step < 4;
    const double middle = top(at.system) + 2 * kSpace;
    const double sx = up ? at.x + kHeadWidth - 0.6 : at.x + 0.6;
    const double end = up ? std::min(at.y - 3.5 * kSpace, middle) : std::max(at.y + 3.5 * kSpace, middle);
    p_.setPen(QPen(at.color, 1.3));
    p_.drawLine(QPointF(sx, at.y), QPointF(sx, end));
    const int flags = value == 2 ? 1 : value == 1 ? 2 : 0;
    p_.setBrush(Qt::NoBrush);
    p_.setPen(QPen(at.color, 1.8));
    for (int i = 0; i < flags; ++i) {
      const double dir = up ? 1 : -1, y = end + dir * i * 0.9 * kSpace;
      QPainterPath flag(QPointF(sx, y));
      flag.cubicTo(QPointF(sx + 0.3 * kSpace, y + dir * 1.0 * kSpace),
                   QPointF(sx + 1.3 * kSpace, y + dir * 1.3 * kSpace),
                   QPointF(sx + 0.9 * kSpace, y + dir * 2.6 * kSpace));
      p_.drawPath(flag);
    }
  }

  /** The stems and beams of each run of symbols the layout beams together. */
  void beams(const std::vector<Placed>& placed) {
    for (size_t first = 0; first < placed.size();) {
      const int beam = placed[first].symbol->beam;
      size_t end = first + 1;
      while (beam >= 0 && end < placed.size() && placed[end].bar == placed[first].bar &&
             placed[end].symbol->beam == beam)
        ++end;
      if (beam >= 0) beamGroup(placed, first, end);
      first = end;
    }
  }

  void beamGroup(const std::vector<Placed>& placed, size_t first, size_t end) {
    // One stem direction for the group, from its notes' average place; a flat beam clear of every head.
    double steps = 0, highest = placed[first].y, lowest = placed[first].y;
    for (size_t k = first; k < end; ++k) {
      steps += musa::staff_step(placed[k].symbol->spelled, layout_.clef);
      highest = std::min(highest, placed[k].y);
      lowest = std::max(lowest, placed[k].y);
    }
    const bool up = steps / double(end - first) < 4;
    const double beam_y = up ? highest - 3.5 * kSpace : lowest + 3.5 * kSpace;
    const auto stemX = [&](const Placed& at) { return up ? at.x + kHeadWidth - 0.6 : at.x + 0.6; };
    const QColor color = placed[first].color;
    p_.setPen(QPen(color, 1.3));
    for (size_t k = first; k < end; ++k)
      p_.drawLine(QPointF(stemX(placed[k]), placed[k].y), QPointF(stemX(placed[k]), beam_y));
    const double thickness = 0.5 * kSpace, toward_heads = up ? 1 : -1;
    const auto beamLine = [&](double x1, double x2, int level) {
      const double y = beam_y + toward_heads * level * 0.8 * kSpace;
      p_.fillRect(QRectF(x1, up ? y : y - thickness, x2 - x1, thickness), color);
    };
    beamLine(stemX(placed[first]), stemX(placed[end - 1]) + 0.6, 0);
    // 16ths get a second beam: joined to a neighbouring 16th, else a stub toward the group.
    const auto sixteenth = [&](size_t k) {
      return k >= first && k < end && placed[k].symbol->base_steps() == 1;
    };
    for (size_t k = first; k < end; ++k) {
      if (!sixteenth(k)) continue;
      if (sixteenth(k + 1)) {
        beamLine(stemX(placed[k]), stemX(placed[k + 1]) + 0.6, 1);
      } else if (k == first || !sixteenth(k - 1)) {
        const double x = stemX(placed[k]);
        if (k + 1 < end)
          beamLine(x, x + kSpace, 1);
        else
          beamLine(x - kSpace, x + 0.6, 1);
      }
    }
  }

  void ledgerLines(const Placed& at, int step) {
    p_.setPen(QPen(kInk, 1));
    const double left = at.x - 0.4 * kSpace, right = at.x + kHeadWidth + 0.4 * kSpace;
    for (int line = -2; line >= step; line -= 2)
      p_.drawLine(QPointF(left, crisp(yOf(at.system, line))), QPointF(right, crisp(yOf(at.system, line))));
    for (int line = 10; line <= step; line += 2)
      p_.drawLine(QPointF(left, crisp(yOf(at.system, line))), QPointF(right, crisp(yOf(at.system, line))));
  }

  void dot(const Placed& at, int step) {
    const double y = step % 2 == 0 ? at.y - kSpace / 2 : at.y;  // a dot never sits on a line
    p_.setPen(Qt::NoPen);
    p_.setBrush(at.color);
    p_.drawEllipse(QPointF(at.x + kHeadWidth + 0.5 * kSpace, y), 0.2 * kSpace, 0.2 * kSpace);
  }

  void rest(const Placed& at) {
    const musa::StaffSymbol& s = *at.symbol;
    const double cx = at.x, mid = yOf(at.system, 4);
    p_.setPen(Qt::NoPen);
    if (s.whole_bar_rest || s.base_steps() == 16) {  // hangs from the fourth line
      p_.drawRect(QRectF(cx - 0.6 * kSpace, yOf(at.system, 6), 1.2 * kSpace, 0.5 * kSpace));
    } else if (s.base_steps() == 8) {  // sits on the middle line
      p_.drawRect(QRectF(cx - 0.6 * kSpace, mid - 0.5 * kSpace, 1.2 * kSpace, 0.5 * kSpace));
    } else if (s.base_steps() == 4) {
      p_.setPen(QPen(at.color, 2.2, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin));
      p_.setBrush(Qt::NoBrush);
      const QPointF zigzag[] = {
          {cx - 0.3 * kSpace, mid - 1.5 * kSpace}, {cx + 0.4 * kSpace, mid - 0.6 * kSpace},
          {cx - 0.3 * kSpace, mid + 0.2 * kSpace}, {cx + 0.4 * kSpace, mid + 0.9 * kSpace},
          {cx - 0.2 * kSpace, mid + 0.8 * kSpace}, {cx + 0.1 * kSpace, mid + 1.5 * kSpace}};
      p_.drawPolyline(zigzag, 6);
    } else {  // an 8th: one hook, a 16th: two
      const int hooks = s.base_steps() == 2 ? 1 : 2;
      p_.setPen(QPen(at.color, 1.4));
      p_.drawLine(QPointF(cx + 0.5 * kSpace, mid - 1.0 * kSpace),
                  QPointF(cx - 0.2 * kSpace, mid + (hooks == 1 ? 1.2 : 2.2) * kSpace));
      p_.setPen(Qt::NoPen);
      for (int i = 0; i < hooks; ++i)
        p_.drawEllipse(QPointF(cx - 0.3 * kSpace - i * 0.3 * kSpace, mid - 0.7 * kSpace + i * kSpace),
                       0.3 * kSpace, 0.3 * kSpace);
    }
    if (s.dotted() && !s.whole_bar_rest) {
      p_.setBrush(at.color);
      p_.drawEllipse(QPointF(cx + 1.1 * kSpace, mid - kSpace / 2), 0.2 * kSpace, 0.2 * kSpace);
    }
  }

  /** An arc from a note to the one it is tied to, away from the stems; split across a line break. */
  void tie(const Placed& from, const Placed& to) {
    const int step = musa::staff_step(from.symbol->spelled, layout_.clef);
    const double dir = step < 4 ? 1 : -1;  // stems up: the tie below
    p_.setPen(QPen(from.color, 1.3));
    p_.setBrush(Qt::NoBrush);
    const auto arc = [&](double x1, double x2, double y) {
      const double y0 = y + dir * 0.7 * kSpace;
      QPainterPath path(QPointF(x1, y0));
      path.cubicTo(QPointF(x1 + (x2 - x1) / 3, y0 + dir * 0.9 * kSpace),
                   QPointF(x2 - (x2 - x1) / 3, y0 + dir * 0.9 * kSpace), QPointF(x2, y0));
      p_.drawPath(path);
    };
    const double start = from.x + kHeadWidth * 0.8;
    if (to.system == from.system) {
      arc(start, to.x + kHeadWidth * 0.2, from.y);
    } else {
      arc(start, start + 2.5 * kSpace, from.y);
      arc(to.x - 2.5 * kSpace, to.x + kHeadWidth * 0.2, to.y);
    }
  }

  QPainter& p_;
  const musa::StaffLayout& layout_;
  int primer_steps_;
  int per_system_;
};

double headerWidth(const musa::StaffLayout& layout) {
  return 3.6 * kSpace + std::abs(layout.fifths) * kSpace + 0.6 * kSpace + 2.6 * kSpace;
}
}  // namespace

ScoreView::ScoreView(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("scoreView"));
  setAutoFillBackground(false);
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void ScoreView::setStaff(const musa::StaffLayout& layout, int primer_steps) {
  layout_ = layout;
  primer_steps_ = primer_steps;
  updateGeometry();
  update();
}

int ScoreView::barsPerSystem(int width) const {
  const double room = width - 2 * kMargin - headerWidth(layout_);
  return std::max(1, int(room / kBarWidth));
}

int ScoreView::barsPerSystem() const { return barsPerSystem(width()); }

int ScoreView::systemCount() const {
  const int bars = std::max(1, int(layout_.bars.size()));
  return (bars + barsPerSystem() - 1) / barsPerSystem();
}

int ScoreView::heightForWidth(int width) const {
  const int bars = std::max(1, int(layout_.bars.size()));
  const int systems = (bars + barsPerSystem(width) - 1) / barsPerSystem(width);
  return int(std::ceil(2 * kMargin + systems * kSystemHeight));
}

QSize ScoreView::sizeHint() const {
  const int width = int(2 * kMargin + headerWidth(layout_) + 4 * kBarWidth) + 1;  // four bars to a line
  return {width, heightForWidth(width)};
}

void ScoreView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  // In a scroll area the lines wrap to the width, and the view grows tall enough to scroll to the last.
  setMinimumHeight(heightForWidth(width()));
}

void ScoreView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), kPaper);
  if (layout_.bars.empty()) return;
  Painter(p, layout_, primer_steps_, barsPerSystem()).paint();
}

ScoreDialog::ScoreDialog(const QString& title, const musa::StaffLayout& layout, int primer_steps,
                         QWidget* parent)
    : QDialog(parent), view_(new ScoreView(this)) {
  setWindowTitle(title);
  setObjectName(QStringLiteral("scoreDialog"));
  view_->setStaff(layout, primer_steps);
  view_->setMinimumWidth(view_->sizeHint().width() / 4);  // one bar a line at the least
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(view_);
  scroll->setWidgetResizable(true);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);  // the systems wrap instead
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* box = new QVBoxLayout(this);
  box->addWidget(scroll, 1);
  box->addWidget(buttons);
  const QSize hint = view_->sizeHint();
  resize(std::min(hint.width() + 60, 1280),
         std::min(hint.height() + 70, 760));  // four bars a line if it fits
}
