#include "ui/primer/primereditor.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>

#include "ui/generate/generationcontrols.h"
#include "ui/primer/primercommands.h"
#include "ui/primer/primerdocument.h"
#include "ui/primer/primergestures.h"
#include "ui/primer/primerpainter.h"

using musa::PrimerNote;

PrimerEditor::PrimerEditor(PrimerDocument* document, QWidget* parent)
    : QAbstractScrollArea(parent), document_(document), gestures_(new PrimerGestures(this, document)) {
  setFocusPolicy(Qt::StrongFocus);
  setFrameShape(QFrame::NoFrame);
  viewport()->setMouseTracking(true);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
  hint_timer_.setSingleShot(true);
  hint_timer_.setInterval(2500);
  connect(&hint_timer_, &QTimer::timeout, this, [this] {
    hint_.clear();
    viewport()->update();
  });
  connect(gestures_, &PrimerGestures::auditionStarted, this, &PrimerEditor::auditionStarted);
  connect(gestures_, &PrimerGestures::auditionStopped, this, &PrimerEditor::auditionStopped);
  connect(gestures_, &PrimerGestures::hintRequested, this, &PrimerEditor::showHint);
  connect(gestures_, &PrimerGestures::changed, viewport(), qOverload<>(&QWidget::update));
  connect(document_, &PrimerDocument::notesChanged, this, [this] {
    // Undo may remove selected notes; keep the selection to notes that exist.
    const auto before = selection_.size();
    std::erase_if(selection_, [this](int id) { return !document_->contains(id); });
    if (selection_.size() != before) emit selectionChanged();
    updateScrollBars();
    viewport()->update();
  });
  updateScrollBars();
}

QSize PrimerEditor::sizeHint() const { return {900, 300}; }

// ---- the view -------------------------------------------------------------------

PianoRollGeometry PrimerEditor::geometry() const {
  return {step_width_, horizontalScrollBar()->value(), verticalScrollBar()->value()};
}

int PrimerEditor::noteAt(const QPoint& pos) const {
  // Topmost first: the last painted note wins.
  const PianoRollGeometry geo = geometry();
  const auto& notes = document_->notes();
  for (auto it = notes.rbegin(); it != notes.rend(); ++it)
    if (geo.noteRect(*it).adjusted(0, 0, 1, 1).contains(pos)) return it->id;
  return 0;
}

int PrimerEditor::contentSteps() const {
  const int end = musa::primer_end_step(document_->notes());
  const int bars = std::max(8, end / musa::kStepsPerBar + 3);
  return bars * musa::kStepsPerBar;
}

void PrimerEditor::updateScrollBars() {
  const QSize view = viewport()->size();
  const int keyboard = PianoRollGeometry::kKeyboardWidth, ruler = PianoRollGeometry::kRulerHeight;
  const int row = PianoRollGeometry::kRowHeight;
  horizontalScrollBar()->setRange(0, std::max(0, contentSteps() * step_width_ - (view.width() - keyboard)));
  horizontalScrollBar()->setPageStep(view.width());
  horizontalScrollBar()->setSingleStep(step_width_);
  verticalScrollBar()->setRange(0, std::max(0, 128 * row - (view.height() - ruler)));
  verticalScrollBar()->setPageStep(view.height());
  verticalScrollBar()->setSingleStep(row);
}

void PrimerEditor::resizeEvent(QResizeEvent* event) {
  QAbstractScrollArea::resizeEvent(event);
  updateScrollBars();
  if (!centered_ && isVisible()) {
    centered_ = true;
    centerOnNotes();
  }
}

void PrimerEditor::centerOnNotes() {
  const auto& notes = document_->notes();
  if (notes.empty()) {
    centerOnPitch(60);
    return;
  }
  int lo = 127, hi = 0;
  for (const PrimerNote& n : notes) {
    lo = std::min(lo, n.pitch);
    hi = std::max(hi, n.pitch);
  }
  centerOnPitch((lo + hi + 1) / 2);
  horizontalScrollBar()->setValue(notes.front().start / musa::kStepsPerBar * musa::kStepsPerBar *
                                  step_width_);
}

void PrimerEditor::centerOnPitch(int pitch) {
  const int y = (127 - pitch) * PianoRollGeometry::kRowHeight -
                (viewport()->height() - PianoRollGeometry::kRulerHeight) / 2;
  verticalScrollBar()->setValue(y);
}

void PrimerEditor::setStepWidth(int width) {
  step_width_ = std::clamp(width, kMinStepWidth, kMaxStepWidth);
  updateScrollBars();
  viewport()->update();
}

void PrimerEditor::setPlayheadStep(double step) {
  playhead_step_ = step;
  viewport()->update();
}

void PrimerEditor::showRecording(std::vector<PrimerNote> notes, double step) {
  if (!recording_) {
    recording_ = true;
    horizontalScrollBar()->setValue(0);  // the take's step 0 is the left edge
  }
  recording_notes_ = std::move(notes);
  playhead_step_ = std::max(0.0, step);
  // Follow the playhead a page at a time, as a DAW does, so what is played stays in view.
  const int x = geometry().stepX(playhead_step_);
  if (x > viewport()->width() - 20)
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + viewport()->width() -
                                    PianoRollGeometry::kKeyboardWidth - 40);
  viewport()->update();
}

void PrimerEditor::endRecording() {
  if (!recording_) return;
  recording_ = false;
  recording_notes_.clear();
  playhead_step_ = -1;
  viewport()->update();
}

void PrimerEditor::showHint(const QString& text, const std::vector<int>& near_ids) {
  hint_ = text;
  hint_near_ = near_ids;
  hint_timer_.start();
  viewport()->update();
}

void PrimerEditor::paintEvent(QPaintEvent*) {
  QPainter p(viewport());
  const PianoRollGeometry geo = geometry();
  const PrimerPainter painter(geo, viewport()->rect(), font());
  static const std::set<int> kNone;
  if (recording_) {
    painter.paint(p, {recording_notes_, kNone, playhead_step_, {}, {}, -1, {}, true});
    return;
  }
  PrimerScene scene{document_->notes(),      selection_, playhead_step_, gestures_->rubberBand(), hint_,
                    gestures_->pressedKey(), hintRect()};
  painter.paint(p, scene);
}

std::vector<QRect> PrimerEditor::hintAvoid() const {
  std::vector<QRect> rects;
  const PianoRollGeometry geo = geometry();
  for (int id : hint_near_)
    if (const auto note = document_->note(id)) rects.push_back(geo.noteRect(*note));
  return rects;
}

std::vector<QRect> PrimerEditor::noteRects() const {
  std::vector<QRect> rects;
  const PianoRollGeometry geo = geometry();
  for (const PrimerNote& n : document_->notes()) rects.push_back(geo.noteRect(n));
  return rects;
}

QRect PrimerEditor::hintRect() const {
  if (hint_.isEmpty()) return {};
  const PrimerPainter painter(geometry(), viewport()->rect(), font());
  return painter.hintRect(hint_, hintAvoid(), noteRects());
}

QString PrimerEditor::noteToolTip(const QPoint& pos) const {
  const auto note = document_->note(noteAt(pos));
  return note ? GenerationControls::noteLabel(note->pitch, note->start, key_) : QString();
}

bool PrimerEditor::viewportEvent(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    const auto* help = static_cast<QHelpEvent*>(event);
    const QString text = noteToolTip(help->pos());
    if (text.isEmpty())
      QToolTip::hideText();
    else
      QToolTip::showText(help->globalPos(), text, viewport());
    return true;
  }
  return QAbstractScrollArea::viewportEvent(event);
}

// ---- selection and key commands ----------------------------------------------

void PrimerEditor::setSelectedIds(std::set<int> ids) {
  if (ids == selection_) return;
  selection_ = std::move(ids);
  viewport()->update();
  emit selectionChanged();
}

void PrimerEditor::selectAll() {
  std::set<int> all;
  for (const PrimerNote& n : document_->notes()) all.insert(n.id);
  setSelectedIds(std::move(all));
}

std::vector<PrimerNote> PrimerEditor::selectedNotes() const {
  std::vector<PrimerNote> notes;
  for (const PrimerNote& n : document_->notes())
    if (selection_.count(n.id)) notes.push_back(n);
  return notes;
}

void PrimerEditor::deleteSelection() {
  auto notes = selectedNotes();
  if (notes.empty()) return;
  document_->undoStack()->push(new DeleteNotesCommand(document_, std::move(notes)));
}

void PrimerEditor::transposeSelection(int semitones) {
  const auto notes = selectedNotes();
  if (notes.empty()) return;
  const auto [lo, hi] = std::minmax_element(notes.begin(), notes.end(),
                                            [](const auto& a, const auto& b) { return a.pitch < b.pitch; });
  if (lo->pitch + semitones < 0 || hi->pitch + semitones > 127) return;  // keep the shape: no clamping
  document_->undoStack()->push(new TransposeNotesCommand(document_, notes, semitones));
}

void PrimerEditor::copySelection() {
  auto notes = selectedNotes();
  if (!notes.empty()) copied_ = std::move(notes);
}

int PrimerEditor::pasteStep() const {
  if (playhead_step_ >= 0) return int(playhead_step_);  // the primer playing: where it is now
  const auto selected = selectedNotes();
  return musa::primer_end_step(selected.empty() ? document_->notes() : selected);
}

void PrimerEditor::paste() {
  if (copied_.empty() || recording_) return;
  const int first_id = document_->takeNextId();
  std::vector<PrimerNote> pasted = musa::pasted_notes(copied_, pasteStep(), first_id);
  for (size_t i = 1; i < pasted.size(); ++i)
    pasted[i].id = document_->takeNextId();  // ids are the document's to give
  document_->undoStack()->push(new PasteNotesCommand(document_, pasted, monophonic_));
  std::set<int> ids;
  for (const PrimerNote& n : pasted) ids.insert(n.id);
  setSelectedIds(std::move(ids));
}

void PrimerEditor::quantize(int grid) {
  auto notes = selectedNotes();
  if (notes.empty()) notes = document_->notes();
  if (notes.empty() || musa::quantize_notes(notes, grid, monophonic_) == notes) return;
  document_->undoStack()->push(new QuantizeNotesCommand(document_, notes, grid, monophonic_));
}

void PrimerEditor::keyPressEvent(QKeyEvent* event) {
  const bool shift = event->modifiers() & Qt::ShiftModifier;
  switch (event->key()) {
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
      deleteSelection();
      return;
    case Qt::Key_Up:
      transposeSelection(shift ? 12 : 1);
      return;
    case Qt::Key_Down:
      transposeSelection(shift ? -12 : -1);
      return;
    default:
      if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
        return;
      }
      QAbstractScrollArea::keyPressEvent(event);
  }
}

void PrimerEditor::wheelEvent(QWheelEvent* event) {
  if (!(event->modifiers() & Qt::ControlModifier)) {
    QAbstractScrollArea::wheelEvent(event);
    return;
  }
  // Zoom around the step under the mouse, so it stays put.
  const double anchor = geometry().stepAt(int(event->position().x()));
  const int delta = event->angleDelta().y() > 0 ? 2 : -2;
  setStepWidth(step_width_ + delta);
  const int x = int(event->position().x()) - PianoRollGeometry::kKeyboardWidth;
  horizontalScrollBar()->setValue(int(anchor * step_width_) - x);
  event->accept();
}

// ---- the mouse: PrimerGestures ---------------------------------------------------

void PrimerEditor::mousePressEvent(QMouseEvent* event) {
  if (!recording_) gestures_->press(event);  // the recording replaces the primer: nothing to edit meanwhile
}
void PrimerEditor::mouseMoveEvent(QMouseEvent* event) { gestures_->move(event); }
void PrimerEditor::mouseReleaseEvent(QMouseEvent*) { gestures_->release(); }
