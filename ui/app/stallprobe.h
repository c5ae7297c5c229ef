#pragma once
// StallProbe: measures how long the UI event loop goes without turning. A
// precise 1 ms timer notes the gap between its ticks; the longest gap is the
// longest stall a musician could have felt (the goal: ≤ 16 ms, one frame).

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class StallProbe : public QObject {
  Q_OBJECT
 public:
  explicit StallProbe(QObject* parent = nullptr);
  void start();
  void stop();
  /** The longest gap between two ticks since start(), in milliseconds. */
  double maxGapMs() const { return max_gap_ms_; }
  int ticks() const { return ticks_; }

 private:
  QTimer timer_;
  QElapsedTimer clock_;
  qint64 last_ns_ = 0;
  double max_gap_ms_ = 0;
  int ticks_ = 0;
};
