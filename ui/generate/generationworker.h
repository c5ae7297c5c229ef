#pragma once
// GenerationWorker: lives in the generation thread and owns the Sampler.
// It never touches a widget; everything goes back by queued signals, each
// carrying the job id it answers, so the controller can drop stale ones.

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <vector>

#include "core/generate/generation.h"
#include "core/model/model_weights_fwd.h"

namespace musa {
class OriginalityIndex;  // core/generate/originality.h
class Sampler;  // core/generate/sampler.h, included by the .cpp only: widgets never see the maths headers
}  // namespace musa

using CancelFlag = std::shared_ptr<std::atomic<bool>>;
using TakeList = std::vector<musa::Take>;
/** Loaded weights, shared read-only by the generator and live MIDI's jam: one load for both. */
using SharedWeights = std::shared_ptr<const musa::ModelWeights>;
/** The training melodies' index beside the model, read-only; null: "originality unknown". */
using SharedOriginality = std::shared_ptr<const musa::OriginalityIndex>;
Q_DECLARE_METATYPE(musa::GenerationRequest)
Q_DECLARE_METATYPE(TakeList)
Q_DECLARE_METATYPE(CancelFlag)
Q_DECLARE_METATYPE(SharedWeights)
Q_DECLARE_METATYPE(SharedOriginality)

class GenerationWorker : public QObject {
  Q_OBJECT
 public:
  GenerationWorker();
  ~GenerationWorker() override;

 public slots:
  /**
   * Loads and validates a model (Musa .safetensors, Magenta .mag bundle or
   * Magenta.js folder) and the originality index beside it, if any; the
   * sampler then uses it, and modelLoaded hands both on. A model that fails
   * to load leaves the current one in use; an index that fails only leaves
   * originality unknown.
   */
  void loadModel(const QString& path);
  /** Runs a request; `cancel` is checked by the sampler every step. */
  void generate(quint64 job, const musa::GenerationRequest& request, const CancelFlag& cancel);

 signals:
  void modelLoaded(const QString& path, const QString& name, double milliseconds,
                   const SharedWeights& weights, const SharedOriginality& originality);
  void modelFailed(const QString& path, const QString& message);
  void progressed(quint64 job, int done, int total);
  void finished(quint64 job, const TakeList& takes, double milliseconds);
  void failed(quint64 job, const QString& message);
  void cancelled(quint64 job);

 private:
  std::unique_ptr<musa::Sampler> sampler_;
};
