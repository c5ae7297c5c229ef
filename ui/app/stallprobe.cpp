#include "ui/app/stallprobe.h"

#include <algorithm>

StallProbe::StallProbe(QObject* parent) : QObject(parent) {
  timer_.setTimerType(Qt::PreciseTimer);
  timer_.setInterval(1);
  connect(&timer_, &QTimer::timeout, this, [this] {
    const qint64 now = clock_.nsecsElapsed();
    max_gap_ms_ = std::max(max_gap_ms_, double(now - last_ns_) / 1e6);
    last_ns_ = now;
    ++ticks_;
  });
}

void StallProbe::start() {
  max_gap_ms_ = 0;
  ticks_ = 0;
  clock_.start();
  last_ns_ = 0;
  timer_.start();
}

void StallProbe::stop() { timer_.stop(); }
