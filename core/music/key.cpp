#include "core/music/key.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>

#include "core/music/spelling.h"

namespace musa {
namespace {

// Scales as semitones above the tonic. Major, the three minors and the
// church modes as in Kostka & Payne, Tonal Harmony (ch. 1 and 4; melodic
// minor in its ascending form); the pentatonics and the blues scale
// (1 ♭3 4 ♭5 5 ♭7) as in Levine, The Jazz Theory Book (ch. 11, 13).
constexpr int kMajor[] = {0, 2, 4, 5, 7, 9, 11};
constexpr int kNaturalMinor[] = {0, 2, 3, 5, 7, 8, 10};
constexpr int kHarmonicMinor[] = {0, 2, 3, 5, 7, 8, 11};
constexpr int kMelodicMinor[] = {0, 2, 3, 5, 7, 9, 11};
constexpr int kDorian[] = {0, 2, 3, 5, 7, 9, 10};
constexpr int kMixolydian[] = {0, 2, 4, 5, 7, 9, 10};
constexpr int kMajorPentatonic[] = {0, 2, 4, 7, 9};
constexpr int kMinorPentatonic[] = {0, 3, 5, 7, 10};
constexpr int kBlues[] = {0, 3, 5, 6, 7, 10};

constexpr Mode kModes[] = {Mode::major,  Mode::natural_minor, Mode::harmonic_minor,   Mode::melodic_minor,
                           Mode::dorian, Mode::mixolydian,    Mode::major_pentatonic, Mode::minor_pentatonic,
                           Mode::blues};

struct ModeNames {
  std::string_view id, words;
};
constexpr ModeNames kNames[] = {
    {"major", "major"},
    {"natural_minor", "minor"},
    {"harmonic_minor", "harmonic minor"},
    {"melodic_minor", "melodic minor"},
    {"dorian", "dorian"},
    {"mixolydian", "mixolydian"},
    {"major_pentatonic", "major pentatonic"},
    {"minor_pentatonic", "minor pentatonic"},
    {"blues", "blues"},
};

// Krumhansl & Kessler (1982) probe-tone ratings, C = index 0 (Krumhansl 1990, table 2.1).
constexpr std::array<double, 12> kKrumhanslMajor = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09,
                                                    2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
constexpr std::array<double, 12> kKrumhanslMinor = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53,
                                                    2.54, 4.75, 3.98, 2.69, 3.34, 3.17};

int floor_mod(int a, int m) { return ((a % m) + m) % m; }

bool contains(std::span<const int> degrees, int degree) {
  return std::find(degrees.begin(), degrees.end(), degree) != degrees.end();
}

double mean_of(const std::array<double, 12>& profile, auto&& take) {
  double sum = 0;
  int n = 0;
  for (int pc = 0; pc < 12; ++pc)
    if (take(pc)) sum += profile[size_t(pc)], ++n;
  return n ? sum / n : 0.0;
}

}  // namespace

std::span<const Mode> all_modes() { return kModes; }

std::span<const int> mode_degrees(Mode mode) {
  switch (mode) {
    case Mode::major:
      return kMajor;
    case Mode::natural_minor:
      return kNaturalMinor;
    case Mode::harmonic_minor:
      return kHarmonicMinor;
    case Mode::melodic_minor:
      return kMelodicMinor;
    case Mode::dorian:
      return kDorian;
    case Mode::mixolydian:
      return kMixolydian;
    case Mode::major_pentatonic:
      return kMajorPentatonic;
    case Mode::minor_pentatonic:
      return kMinorPentatonic;
    case Mode::blues:
      return kBlues;
  }
  return kMajor;
}

bool is_minor_mode(Mode mode) { return contains(mode_degrees(mode), 3); }

std::array<bool, 12> scale_of(const Key& key) {
  std::array<bool, 12> scale{};
  for (int degree : mode_degrees(key.mode)) scale[size_t(floor_mod(key.tonic + degree, 12))] = true;
  return scale;
}

std::string_view mode_id(Mode mode) { return kNames[size_t(mode)].id; }
std::string_view mode_words(Mode mode) { return kNames[size_t(mode)].words; }

std::optional<Mode> mode_from_id(std::string_view id) {
  if (id == "minor") return Mode::natural_minor;
  for (Mode mode : kModes)
    if (mode_id(mode) == id) return mode;
  return std::nullopt;
}

std::string tonic_name(const Key& key) { return spelled_name(key_tonic(key)); }

std::string key_name(const Key& key) { return tonic_name(key) + " " + std::string(mode_words(key.mode)); }

std::optional<Key> parse_key(std::string_view tonic, std::string_view mode) {
  static constexpr std::string_view kLetters = "CDEFGAB";
  static constexpr int kNatural[] = {0, 2, 4, 5, 7, 9, 11};
  const std::optional<Mode> m = mode_from_id(mode);
  if (tonic.empty() || !m) return std::nullopt;
  const size_t letter = kLetters.find(char(std::toupper(static_cast<unsigned char>(tonic[0]))));
  if (letter == std::string_view::npos) return std::nullopt;
  int pc = kNatural[letter];
  for (char c : tonic.substr(1)) {
    if (c == '#')
      ++pc;
    else if (c == 'b')
      --pc;
    else
      return std::nullopt;
  }
  return Key{floor_mod(pc, 12), *m};
}

std::array<double, 12> mode_profile(Mode mode) {
  const bool minor = is_minor_mode(mode);
  const std::array<double, 12>& base = minor ? kKrumhanslMinor : kKrumhanslMajor;
  const std::span<const int> base_scale =
      minor ? std::span<const int>(kNaturalMinor) : std::span<const int>(kMajor);
  const std::span<const int> scale = mode_degrees(mode);
  std::array<double, 12> profile = base;
  if (scale.size() == base_scale.size()) {
    // Heptatonic: degree i of the mode takes the weight of degree i of the base, and the other way round.
    for (size_t i = 0; i < scale.size(); ++i)
      std::swap(profile[size_t(scale[i])], profile[size_t(base_scale[i])]);
    return profile;
  }
  const double outside = mean_of(base, [&](int pc) { return !contains(base_scale, pc); });
  const double inner = mean_of(
      base, [&](int pc) { return contains(base_scale, pc) && pc != 0 && pc != 7 && pc != 3 && pc != 4; });
  for (int pc = 0; pc < 12; ++pc) {
    if (contains(base_scale, pc) && !contains(scale, pc)) profile[size_t(pc)] = outside;
    if (!contains(base_scale, pc) && contains(scale, pc)) profile[size_t(pc)] = inner;
  }
  return profile;
}

std::array<double, 12> duration_histogram(std::span<const int> events) {
  std::array<double, 12> h{};
  int sounding = -1;
  for (int e : events) {
    if (e >= 0)
      sounding = e;
    else if (e == kMelodyNoteOff)
      sounding = -1;
    if (sounding >= 0) h[size_t(sounding % 12)] += 1.0;
  }
  return h;
}

double key_correlation(const std::array<double, 12>& histogram, const Key& key) {
  const std::array<double, 12> profile = mode_profile(key.mode);
  std::array<double, 12> x{}, y{};
  for (int pc = 0; pc < 12; ++pc) {
    x[size_t(pc)] = histogram[size_t(pc)];
    y[size_t(pc)] = profile[size_t(floor_mod(pc - key.tonic, 12))];
  }
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / 12,
               my = std::accumulate(y.begin(), y.end(), 0.0) / 12;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < 12; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0.0;
}

Key estimate_key(std::span<const int> events) {
  const std::array<double, 12> h = duration_histogram(events);
  Key best{0, Mode::major};
  double best_r = -2;
  for (int tonic = 0; tonic < 12; ++tonic) {
    for (Mode mode : {Mode::major, Mode::natural_minor}) {
      const double r = key_correlation(h, {tonic, mode});
      if (r > best_r + 1e-12) best_r = r, best = {tonic, mode};
    }
  }
  return best;
}

}  // namespace musa
