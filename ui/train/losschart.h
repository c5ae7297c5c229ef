#pragma once
// LossChart: training and validation loss as a training run goes, painted
// (two lines over the run's updates, the best validation marked).

#include <QWidget>
#include <vector>

class LossChart : public QWidget {
  Q_OBJECT
 public:
  explicit LossChart(QWidget* parent = nullptr);
  void clear();
  void addTraining(long step, double loss);
  void addValidation(long step, double loss);
  int validationPoints() const { return int(validation_.size()); }
  QSize sizeHint() const override { return {420, 200}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  struct Point {
    long step;
    double loss;
  };
  std::vector<Point> training_, validation_;
};
