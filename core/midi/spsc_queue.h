#pragma once
// A fixed-size single-producer single-consumer queue: how the MIDI callback
// thread hands messages to a slower consumer without a lock or an allocation.

#include <array>
#include <atomic>
#include <cstddef>

namespace musa {

/**
 * Lock-free ring of `Capacity` − 1 items (Capacity a power of two). One
 * thread pushes, one thread pops; push() fails instead of blocking when full.
 */
template <class T, std::size_t Capacity>
class SpscQueue {
  static_assert((Capacity & (Capacity - 1)) == 0, "Capacity must be a power of two");

 public:
  /** Producer side: false (and the item dropped) when the queue is full. */
  bool push(const T& item) {
    const std::size_t head = head_.load(std::memory_order_relaxed);
    const std::size_t next = (head + 1) & (Capacity - 1);
    if (next == tail_.load(std::memory_order_acquire)) return false;
    items_[head] = item;
    head_.store(next, std::memory_order_release);
    return true;
  }
  /** Consumer side: false when empty. */
  bool pop(T& item) {
    const std::size_t tail = tail_.load(std::memory_order_relaxed);
    if (tail == head_.load(std::memory_order_acquire)) return false;
    item = items_[tail];
    tail_.store((tail + 1) & (Capacity - 1), std::memory_order_release);
    return true;
  }

 private:
  std::array<T, Capacity> items_{};
  alignas(64) std::atomic<std::size_t> head_{0};
  alignas(64) std::atomic<std::size_t> tail_{0};
};

}  // namespace musa
