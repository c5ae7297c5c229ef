#pragma once
// A value or a message saying why there is none: what every loader returns.
// (std::expected is C++23; this is the small part of it Musa needs.)

#include <string>
#include <utility>
#include <variant>

namespace musa {

/** A failure: one line meant for a person, naming the file and the problem. */
struct Error {
  std::string message;
};

/** Either a T or an Error. Test with `ok()`, then use `value()` or `error()`. */
template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  const std::string& error() const { return std::get<1>(state_).message; }

 private:
  std::variant<T, Error> state_;
};

/** Success or an Error, for operations that return nothing. */
class Status {
 public:
  Status() = default;
  Status(Error error) : message_(std::move(error.message)), failed_(true) {}
  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const std::string& error() const { return message_; }

 private:
  std::string message_;
  bool failed_ = false;
};

}  // namespace musa
