#include "core/midi/midi_ports.h"

#include <algorithm>
#include <utility>

namespace musa {
namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

/** Names in `now` missing from `before` become `appeared`; the reverse `vanished`. */
void diff(const std::vector<std::string>& before, const std::vector<std::string>& now,
          PortEvent::Type appeared, PortEvent::Type vanished, std::vector<PortEvent>& events) {
  for (const std::string& name : now)
    if (!contains(before, name)) events.push_back({appeared, name});
  for (const std::string& name : before)
    if (!contains(now, name)) events.push_back({vanished, name});
}

}  // namespace

MidiPorts::MidiPorts(std::unique_ptr<MidiBackend> backend) : backend_(std::move(backend)) {
  listed_ = {backend_->input_ports(), backend_->output_ports()};
}

MidiPorts::~MidiPorts() {
  stop_polling();
  std::lock_guard lock(mutex_);
  backend_->close_input();
  output_open_ = false;
  backend_->close_output();
}

bool MidiPorts::available() {
  std::lock_guard lock(mutex_);
  return backend_->available();
}

std::string MidiPorts::status() {
  std::lock_guard lock(mutex_);
  return backend_->status();
}

PortList MidiPorts::list() {
  std::lock_guard lock(mutex_);
  return {backend_->input_ports(), backend_->output_ports()};
}

Status MidiPorts::open_input(const std::string& name, MidiInputHandler handler) {
  std::lock_guard lock(mutex_);
  backend_->close_input();
  input_ = {name, false};
  input_handler_ = std::move(handler);
  if (!backend_->available()) return Error{backend_->status()};
  if (!contains(backend_->input_ports(), name))
    return Error{"MIDI input '" + name + "' is not connected; Musa opens it when it appears"};
  Status opened = backend_->open_input(name, input_handler_);
  input_.open = opened.ok();
  return opened;
}

void MidiPorts::close_input() {
  std::lock_guard lock(mutex_);
  backend_->close_input();
  input_ = {};
  input_handler_ = nullptr;
}

std::string MidiPorts::open_input_name() const {
  std::lock_guard lock(mutex_);
  return input_.open ? input_.name : std::string();
}

Status MidiPorts::open_output(const std::string& name) {
  std::lock_guard lock(mutex_);
  output_open_ = false;
  backend_->close_output();
  output_ = {name, false};
  if (!backend_->available()) return Error{backend_->status()};
  if (!contains(backend_->output_ports(), name))
    return Error{"MIDI output '" + name + "' is not connected; Musa opens it when it appears"};
  Status opened = backend_->open_output(name);
  output_open_ = output_.open = opened.ok();
  return opened;
}

void MidiPorts::close_output() {
  std::lock_guard lock(mutex_);
  output_open_ = false;
  backend_->close_output();
  output_ = {};
}

std::string MidiPorts::open_output_name() const {
  std::lock_guard lock(mutex_);
  return output_.open ? output_.name : std::string();
}

bool MidiPorts::send(const MidiMessage& message) {
  // No lock: the backend's send() is safe against open/close (its contract),
  // and this runs on the MIDI callback and player threads.
  if (!output_open_.load(std::memory_order_acquire)) return false;
  const MidiBytes bytes = encode_midi(message);
  return bytes.size > 0 && backend_->send(bytes.span());
}

void MidiPorts::set_event_handler(PortEventHandler handler) {
  std::lock_guard lock(handler_mutex_);
  event_handler_ = std::move(handler);
}

void MidiPorts::poll() {
  std::vector<PortEvent> events;
  {
    std::lock_guard lock(mutex_);
    backend_->refresh();
    const PortList now{backend_->input_ports(), backend_->output_ports()};
    diff(listed_.inputs, now.inputs, PortEvent::Type::InputAppeared, PortEvent::Type::InputVanished, events);
    diff(listed_.outputs, now.outputs, PortEvent::Type::OutputAppeared, PortEvent::Type::OutputVanished,
         events);
    reconcile(now, events);
    listed_ = now;
  }
  report(events);  // outside the lock: the handler may open or close ports
}

void MidiPorts::reconcile(const PortList& now, std::vector<PortEvent>& events) {
  using Type = PortEvent::Type;
  if (input_.open && !contains(now.inputs, input_.name)) {
    backend_->close_input();  // after this the input handler is never called again
    input_.open = false;
    events.push_back({Type::OpenInputLost, input_.name});
  } else if (!input_.open && !input_.name.empty() && contains(now.inputs, input_.name)) {
    input_.open = backend_->open_input(input_.name, input_handler_).ok();
    if (input_.open) events.push_back({Type::OpenInputReopened, input_.name});
  }
  if (output_.open && !contains(now.outputs, output_.name)) {
    output_open_ = false;
    backend_->close_output();
    output_.open = false;
    events.push_back({Type::OpenOutputLost, output_.name});
  } else if (!output_.open && !output_.name.empty() && contains(now.outputs, output_.name)) {
    output_.open = backend_->open_output(output_.name).ok();
    output_open_ = output_.open;
    if (output_.open) events.push_back({Type::OpenOutputReopened, output_.name});
  }
}

void MidiPorts::report(const std::vector<PortEvent>& events) {
  if (events.empty()) return;
  std::lock_guard lock(handler_mutex_);
  if (!event_handler_) return;
  for (const PortEvent& event : events) event_handler_(event);
}

void MidiPorts::start_polling(std::chrono::milliseconds period) {
  stop_polling();
  {
    std::lock_guard lock(poller_mutex_);
    poller_stop_ = false;
  }
  poller_ = std::thread([this, period] { poller_loop(period); });
}

void MidiPorts::stop_polling() {
  {
    std::lock_guard lock(poller_mutex_);
    poller_stop_ = true;
  }
  poller_wake_.notify_all();
  if (poller_.joinable()) poller_.join();
}

void MidiPorts::poller_loop(std::chrono::milliseconds period) {
  std::unique_lock lock(poller_mutex_);
  while (!poller_wake_.wait_for(lock, period, [this] { return poller_stop_; })) {
    lock.unlock();
    poll();
    lock.lock();
  }
}

}  // namespace musa
