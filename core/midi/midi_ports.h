#pragma once
// MidiPorts: the MIDI devices Musa sees, opened by name, and watched for
// hot-plug by a poller thread.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/midi/midi_backend.h"
#include "core/playback/midi_message.h"
#include "core/util/result.h"

namespace musa {

/** The ports a backend lists, by name. */
struct PortList {
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
  friend bool operator==(const PortList&, const PortList&) = default;
};

/** A change the poller noticed. */
struct PortEvent {
  enum class Type {
    InputAppeared,
    InputVanished,
    OutputAppeared,
    OutputVanished,
    OpenInputLost,      ///< the open input vanished: release held notes now
    OpenInputReopened,  ///< the remembered input came back and is open again
    OpenOutputLost,
    OpenOutputReopened,
  };
  Type type;
  std::string port;
  friend bool operator==(const PortEvent&, const PortEvent&) = default;
};

/**
 * Called on the poller thread (or the thread calling poll()); may open and
 * close ports, but must not call stop_polling() or set_event_handler().
 */
using PortEventHandler = std::function<void(const PortEvent&)>;

/**
 * Input and output ports by name over a MidiBackend. Ports are matched by
 * name, never by index, so a keyboard unplugged and plugged back (which may
 * get another index) is found again: the names of the input and output the
 * musician chose are remembered, and when one reappears the poller reopens
 * it. Thread-safe; the input handler runs on the backend's thread.
 */
class MidiPorts {
 public:
  explicit MidiPorts(std::unique_ptr<MidiBackend> backend);
  ~MidiPorts();
  MidiPorts(const MidiPorts&) = delete;
  MidiPorts& operator=(const MidiPorts&) = delete;

  bool available();
  /** The backend's one-line status ("no MIDI: …" when there is no MIDI system). */
  std::string status();
  /** Lists the ports now (the poller keeps its own reference listing, taken at construction). */
  PortList list();

  /**
   * Opens input `name` and remembers it with `handler`. When the port is
   * absent the error says so, and it is opened as soon as it appears.
   */
  Status open_input(const std::string& name, MidiInputHandler handler);
  /** Closes the input and forgets it. */
  void close_input();
  /** The input open now; empty when none (or it vanished). */
  std::string open_input_name() const;

  /** Opens output `name` and remembers it (reopened when it reappears). */
  Status open_output(const std::string& name);
  void close_output();
  std::string open_output_name() const;
  /** Sends to the open output from any thread; false when none is open. */
  bool send(const MidiMessage& message);

  /** Where hot-plug events go; set it before start_polling(). */
  void set_event_handler(PortEventHandler handler);
  /** Starts the poller thread: poll() every `period`. */
  void start_polling(std::chrono::milliseconds period = std::chrono::milliseconds(500));
  void stop_polling();
  /**
   * Lists the ports, reports what appeared and vanished since the last
   * listing, closes an open port that vanished and reopens a remembered one
   * that came back. The poller calls it; tests may call it directly.
   */
  void poll();

 private:
  struct Remembered {
    std::string name;   ///< what the musician chose; empty = none
    bool open = false;  ///< open in the backend now
  };

  void reconcile(const PortList& now, std::vector<PortEvent>& events);
  void poller_loop(std::chrono::milliseconds period);
  void report(const std::vector<PortEvent>& events);

  std::unique_ptr<MidiBackend> backend_;
  mutable std::mutex mutex_;  // backend_ (except send), listed_, input_, output_
  PortList listed_;
  Remembered input_, output_;
  MidiInputHandler input_handler_;
  std::mutex handler_mutex_;  // event_handler_ only
  PortEventHandler event_handler_;
  std::atomic<bool> output_open_{false};

  std::mutex poller_mutex_;
  std::condition_variable poller_wake_;
  bool poller_stop_ = false;
  std::thread poller_;
};

}  // namespace musa
