#pragma once
// PlaybackController: what plays — the primer, one take, or the layered
// takes together — looped or not, and the playheads on the primer editor
// and the take cards, which a 30 ms timer moves from the scheduler's clock.
// What plays is built in core (primer_to_sequence, TakeSession); the
// AudioEngine plays it.

#include <QObject>
#include <QTimer>

#include "core/project/take_session.h"

class AudioEngine;
class GenerationControls;
class PrimerDocument;
class PrimerEditor;
class TakeGrid;
class TakesDocument;

class PlaybackController : public QObject {
  Q_OBJECT
 public:
  /** What plays, and where its playheads are. */
  struct Parts {
    AudioEngine* audio;
    PrimerDocument* primer;
    TakesDocument* takes;
    GenerationControls* controls;  ///< the tempo and the window's instrument
    PrimerEditor* editor;
    TakeGrid* grid;
  };
  explicit PlaybackController(const Parts& parts, QObject* parent = nullptr);

  /** The take playing alone, −1 when none (the primer or the layer, or nothing). */
  int playingTake() const { return playing_take_; }
  bool playing() const { return playing_take_ >= 0 || playing_primer_ || playing_layer_; }
  bool loop() const { return loop_; }
  bool metronome() const { return metronome_; }

 public slots:
  /** From the next start on, playback repeats. */
  void setLoop(bool loop) { loop_ = loop; }
  /** From the next start on, a click on every beat at the tempo plays along. */
  void setMetronome(bool on) { metronome_ = on; }
  void playPrimer();
  /** Plays take `index` and selects it. */
  void playTake(int index);
  /** A card was clicked: selects it, and plays it, or stops it when it plays alone. */
  void toggleTake(int index);
  /** Space: stops whatever plays, else plays the selected take. */
  void togglePlayCurrentTake();
  /** The takes ticked Layer together, each on its own instrument (none ticked: the selected take). */
  void playLayered();
  void stop();

 private:
  void start(const musa::TakePlayback& play, int take, bool primer);
  void updatePlayheads();
  /** The grid changed: a take that went stops playing. */
  void followGrid();
  void setCardPlaying(int index, bool playing);

  Parts parts_;
  QTimer playhead_timer_;
  bool loop_ = false;
  bool metronome_ = false;
  int playing_take_ = -1;  ///< −1: none; the layer plays every ticked take
  bool playing_primer_ = false;
  bool playing_layer_ = false;
  double playing_seconds_ = 0;
};
