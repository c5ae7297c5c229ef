#pragma once
// A small command-line flag parser for musa-cli: `--name value`,
// `--name=value`, switches, and flags that take several values.

#include <map>
#include <string>
#include <vector>

namespace musa::cli {

/** The flags of one subcommand, their defaults and help, and what was given. */
class Flags {
 public:
  Flags(std::string usage, std::string summary) : usage_(std::move(usage)), summary_(std::move(summary)) {}

  /** A flag with a value; `default_value` is shown in --help. */
  void value(const std::string& name, const std::string& default_value, const std::string& help);
  /** A flag that takes one or more values (`--data A B C`). */
  void values(const std::string& name, const std::string& help);
  /** A switch: present or not. */
  void toggle(const std::string& name, const std::string& help);

  /** Parses argv[first..]; false with `error()` set on unknown or incomplete flags. */
  bool parse(int argc, char** argv, int first);
  const std::string& error() const { return error_; }
  bool wants_help() const { return help_; }
  std::string help_text() const;

  std::string get(const std::string& name) const;
  const std::vector<std::string>& list(const std::string& name) const;
  bool given(const std::string& name) const;
  bool on(const std::string& name) const { return given(name); }
  /** Parses a number; false with error() naming the flag if it is not one. */
  bool get_int(const std::string& name, long& out);
  bool get_double(const std::string& name, double& out);
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  enum class Kind { Value, Values, Toggle };
  struct Spec {
    Kind kind;
    std::string default_value, help;
  };
  std::string usage_, summary_, error_;
  std::vector<std::string> order_;
  std::map<std::string, Spec> specs_;
  std::map<std::string, std::vector<std::string>> given_;
  std::vector<std::string> positional_;
  bool help_ = false;
};

/** Prints "musa-cli: MESSAGE" on stderr; returns the exit code 1. */
int fail(const std::string& message);

/** Parses a subcommand's flags; returns −1 to go on, else the exit code (help shown, or an error). */
int parse_or_exit(Flags& flags, int argc, char** argv);

}  // namespace musa::cli
