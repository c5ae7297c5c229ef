#include "app/cli_flags.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace musa::cli {

void Flags::value(const std::string& name, const std::string& default_value, const std::string& help) {
  order_.push_back(name);
  specs_[name] = {Kind::Value, default_value, help};
}

void Flags::values(const std::string& name, const std::string& help) {
  order_.push_back(name);
  specs_[name] = {Kind::Values, "", help};
}

void Flags::toggle(const std::string& name, const std::string& help) {
  order_.push_back(name);
  specs_[name] = {Kind::Toggle, "", help};
}

bool Flags::parse(int argc, char** argv, int first) {
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      help_ = true;
      continue;
    }
    if (arg.size() == 2 && arg[0] == '-' && std::isalpha(static_cast<unsigned char>(arg[1])))
      arg = "-" + arg;  // a short flag such as -o
    if (arg.rfind("--", 0) != 0 || arg == "--") {
      positional_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2), inline_value;
    const bool has_inline = name.find('=') != std::string::npos;
    if (has_inline) {
      inline_value = name.substr(name.find('=') + 1);
      name = name.substr(0, name.find('='));
    }
    // A flag's - and _ are the same: --json-progress is --json_progress, --to_magentajs --to-magentajs.
    auto spec = specs_.find(name);
    for (const auto& [from, to] : {std::pair{'-', '_'}, std::pair{'_', '-'}}) {
      if (spec != specs_.end()) break;
      std::string other = name;
      std::replace(other.begin(), other.end(), from, to);
      if ((spec = specs_.find(other)) != specs_.end()) name = other;
    }
    if (spec == specs_.end()) {
      error_ = "unknown flag --" + name + " (see --help)";
      return false;
    }
    std::vector<std::string>& slot = given_[name];
    if (spec->second.kind == Kind::Toggle) {
      slot.push_back("1");
    } else if (has_inline) {
      slot.push_back(inline_value);
    } else if (spec->second.kind == Kind::Value) {
      if (i + 1 >= argc) {
        error_ = "--" + name + " needs a value";
        return false;
      }
      slot.assign(1, argv[++i]);
    } else {
      while (i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0) slot.push_back(argv[++i]);
      if (slot.empty()) {
        error_ = "--" + name + " needs at least one value";
        return false;
      }
    }
  }
  return true;
}

std::string Flags::help_text() const {
  std::string text = "usage: " + usage_ + "\n\n" + summary_ + "\n\nflags:\n";
  for (const std::string& name : order_) {
    const Spec& s = specs_.at(name);
    std::string left = "  --" + name +
                       (s.kind == Kind::Value    ? " VALUE"
                        : s.kind == Kind::Values ? " VALUE..."
                                                 : "");
    left.resize(std::max<size_t>(left.size() + 2, 30), ' ');
    text += left + s.help;
    if (!s.default_value.empty()) text += " (default: " + s.default_value + ")";
    text += "\n";
  }
  return text +
         "  --help                      this text\n(a flag's - and _ are the same: --json-progress is "
         "--json_progress)\n";
}

std::string Flags::get(const std::string& name) const {
  const auto it = given_.find(name);
  if (it != given_.end() && !it->second.empty()) return it->second.back();
  return specs_.at(name).default_value;
}

const std::vector<std::string>& Flags::list(const std::string& name) const {
  static const std::vector<std::string> empty;
  const auto it = given_.find(name);
  return it == given_.end() ? empty : it->second;
}

bool Flags::given(const std::string& name) const { return given_.count(name) > 0; }

bool Flags::get_int(const std::string& name, long& out) {
  const std::string text = get(name);
  char* end = nullptr;
  errno = 0;
  out = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno != 0) {
    error_ = "--" + name + " must be a whole number, not '" + text + "'";
    return false;
  }
  return true;
}

bool Flags::get_double(const std::string& name, double& out) {
  const std::string text = get(name);
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(out)) {
    error_ = "--" + name + " must be a number, not '" + text + "'";
    return false;
  }
  return true;
}

int fail(const std::string& message) {
  std::fprintf(stderr, "musa-cli: %s\n", message.c_str());
  return 1;
}

int parse_or_exit(Flags& flags, int argc, char** argv) {
  if (!flags.parse(argc, argv, 2)) return fail(flags.error());
  if (flags.wants_help()) {
    std::fputs(flags.help_text().c_str(), stdout);
    return 0;
  }
  return -1;
}

}  // namespace musa::cli
