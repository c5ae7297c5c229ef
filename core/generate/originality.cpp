#include "core/generate/originality.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <set>

#include "core/util/file_io.h"

namespace musa {
namespace {

constexpr char kMagic[8] = {'M', 'U', 'S', 'A', 'O', 'R', 'I', 'G'};
constexpr uint32_t kVersion = 1;
constexpr uint64_t kMaxIndexBytes = 256ull << 20;
constexpr int kIntervalBits = 7;
constexpr uint16_t kIntervalMask = (1 << kIntervalBits) - 1;
constexpr int kMaxIoi = 511;     ///< 9 bits; longer gaps (over 31 bars) are all "long"
constexpr int kEndOfMelody = 0;  ///< interval code of a melody's last note: nothing follows

uint16_t make_token(int ioi, int interval_code) {
  return uint16_t(std::clamp(ioi, 1, kMaxIoi) << kIntervalBits | interval_code);
}
int ioi_of(uint16_t token) { return token >> kIntervalBits; }

/** The pitches `notes` notes from tokens[0] on sound (a token holds the interval to the next note). */
int distinct_pitches(std::span<const uint16_t> tokens, int notes) {
  std::set<int> pitches{0};
  int pitch = 0;
  for (int i = 0; i + 1 < notes; ++i) pitches.insert(pitch += (tokens[size_t(i)] & kIntervalMask) - 64);
  return int(pitches.size());
}

// Little-endian fields, whatever the machine.
void put(std::vector<uint8_t>& out, uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(uint8_t(value >> (8 * i)));
}

/** Reads fields from the file's bytes; any read past the end sets `failed`. */
struct Reader {
  const std::vector<uint8_t>& bytes;
  size_t at = 0;
  bool failed = false;
  uint64_t get(int n) {
    if (failed || bytes.size() - at < size_t(n)) return failed = true, 0;
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= uint64_t(bytes[at + size_t(i)]) << (8 * i);
    at += size_t(n);
    return v;
  }
};

/**
 * Suffix array by prefix doubling (Manber & Myers 1993): sort by the first
 * 2^k tokens using the ranks of the first 2^(k−1); a suffix that ends sorts
 * before every longer one.
 */
std::vector<uint32_t> suffix_array(const std::vector<uint16_t>& tokens) {
  const size_t n = tokens.size();
  std::vector<uint32_t> sa(n);
  std::iota(sa.begin(), sa.end(), 0u);
  std::vector<int64_t> rank(tokens.begin(), tokens.end()), next(n);
  for (size_t k = 1; n > 1; k <<= 1) {
    auto key = [&](uint32_t i) { return std::pair(rank[i], i + k < n ? rank[i + k] : -1); };
    std::sort(sa.begin(), sa.end(), [&](uint32_t a, uint32_t b) { return key(a) < key(b); });
    next[sa[0]] = 0;
    for (size_t i = 1; i < n; ++i) next[sa[i]] = next[sa[i - 1]] + (key(sa[i - 1]) < key(sa[i]));
    rank.swap(next);
    if (rank[sa[n - 1]] == int64_t(n - 1)) break;  // every suffix has its own rank
  }
  return sa;
}

}  // namespace

std::vector<uint16_t> originality_tokens(std::span<const int> events, int from_step,
                                         std::vector<int>* onsets) {
  std::vector<int> starts, pitches, ends;
  for (int step = 0; step < int(events.size()); ++step) {
    const int e = events[size_t(step)];
    if (e == kMelodyNoEvent) continue;
    if (!starts.empty() && ends.back() < 0) ends.back() = step;  // a note-on or note-off ends the note
    if (e >= 0 && step >= from_step) starts.push_back(step), pitches.push_back(e), ends.push_back(-1);
  }
  if (!ends.empty() && ends.back() < 0) ends.back() = int(events.size());
  std::vector<uint16_t> tokens;
  for (size_t i = 0; i < starts.size(); ++i) {
    const bool last = i + 1 == starts.size();
    const int ioi = last ? ends[i] - starts[i] : starts[i + 1] - starts[i];
    const int code = last ? kEndOfMelody : std::clamp(pitches[i + 1] - pitches[i], -63, 63) + 64;
    tokens.push_back(make_token(ioi, code));
  }
  if (onsets) *onsets = starts;
  return tokens;
}

std::string originality_index_path(const std::string& model_path) { return model_path + ".originality"; }

void OriginalityIndex::add(const std::string& file, std::span<const int> events) {
  const std::vector<uint16_t> tokens = originality_tokens(events);
  if (tokens.size() >= size_t(kMinCopiedNotes)) append_melody(file, tokens);
}

void OriginalityIndex::append_melody(const std::string& file, std::span<const uint16_t> tokens) {
  // Melodies of one file come one after another: reuse its name.
  if (files_.empty() || files_.back() != file) files_.push_back(file);
  melody_starts_.push_back(uint32_t(tokens_.size()));
  melody_files_.push_back(uint32_t(files_.size() - 1));
  tokens_.insert(tokens_.end(), tokens.begin(), tokens.end());
}

void OriginalityIndex::add(const OriginalityIndex& other) {
  // A file both hold (a model fine-tuned on some of its own training files) is kept once.
  const std::set<std::string> known(files_.begin(), files_.end());
  const std::span<const uint16_t> tokens(other.tokens_);
  for (size_t m = 0; m < other.melody_starts_.size(); ++m) {
    const std::string& file = other.files_[other.melody_files_[m]];
    if (known.count(file)) continue;
    const size_t end = m + 1 < other.melody_starts_.size() ? other.melody_starts_[m + 1] : tokens.size();
    append_melody(file, tokens.subspan(other.melody_starts_[m], end - other.melody_starts_[m]));
  }
}

void OriginalityIndex::finish() { suffixes_ = suffix_array(tokens_); }

std::string OriginalityIndex::file_of(uint32_t position) const {
  const auto it = std::upper_bound(melody_starts_.begin(), melody_starts_.end(), position);
  return files_[melody_files_[size_t(it - melody_starts_.begin()) - 1]];
}

OriginalityMatch OriginalityIndex::longest_match(std::span<const int> events, int from_step) const {
  std::vector<int> onsets;
  const std::vector<uint16_t> take = originality_tokens(events, from_step, &onsets);
  const size_t n = tokens_.size();
  OriginalityMatch best;
  for (size_t a = 0; a < take.size() && !suffixes_.empty(); ++a) {
    auto lo = suffixes_.begin(), hi = suffixes_.end();
    size_t k = 0;
    // The suffixes in [lo, hi) share k tokens with the take from note a, so their (k+1)-th tokens are sorted.
    auto at = [&](uint32_t s) { return s + k < n ? int(tokens_[s + k]) : -1; };
    auto narrow = [&](int first, int last) {
      const auto l = std::partition_point(lo, hi, [&](uint32_t s) { return at(s) < first; });
      return std::pair(l, std::partition_point(l, hi, [&](uint32_t s) { return at(s) <= last; }));
    };
    int steps = 0;
    for (; a + k < take.size(); ++k) {
      const auto [l, h] = narrow(take[a + k], take[a + k]);
      if (l == h) break;
      lo = l, hi = h, steps += ioi_of(take[a + k]);
    }
    // k matched tokens join notes a..a+k, unless the last of them is the take's last note (no interval).
    const int notes = int(k) + (a + k < take.size() ? 1 : 0);
    if (a + k < take.size() && k > 0) {
      // The next note has the right pitch; its length counts if a training melody holds it as long.
      const int ioi = ioi_of(take[a + k]);
      const auto [l, h] = narrow(ioi << kIntervalBits, (ioi << kIntervalBits) | kIntervalMask);
      if (l != h) lo = l, steps += ioi;
    }
    // Every shorter run from note a has as few pitches, so a plain figure rules out note a altogether.
    if (notes >= kMinCopiedNotes && steps > best.steps &&
        distinct_pitches(std::span(take).subspan(a), notes) >= kMinCopiedPitches)
      best = {steps, notes, onsets[a], file_of(*lo)};
  }
  return best;
}

Status OriginalityIndex::save(const std::string& path) const {
  std::vector<uint8_t> out(kMagic, kMagic + sizeof kMagic);
  put(out, kVersion, 4);
  put(out, files_.size(), 4);
  put(out, melody_starts_.size(), 4);
  put(out, tokens_.size(), 4);
  for (const std::string& f : files_) {
    put(out, std::min<size_t>(f.size(), 0xFFFF), 2);
    out.insert(out.end(), f.begin(), f.begin() + long(std::min<size_t>(f.size(), 0xFFFF)));
  }
  for (size_t m = 0; m < melody_starts_.size(); ++m)
    put(out, melody_starts_[m], 4), put(out, melody_files_[m], 4);
  for (uint16_t t : tokens_) put(out, t, 2);
  for (uint32_t s : suffixes_) put(out, s, 4);
  return write_file_atomically(path, out.data(), out.size());
}

Result<OriginalityIndex> OriginalityIndex::load(const std::string& path) {
  Result<std::vector<uint8_t>> bytes = read_file_bytes(path, kMaxIndexBytes);
  if (!bytes.ok()) return Error{bytes.error()};
  auto fail = [&](const std::string& why) {
    return Error{path + ": not a Musa originality index (" + why + ")"};
  };
  const std::vector<uint8_t>& b = bytes.value();
  if (b.size() < sizeof kMagic || std::memcmp(b.data(), kMagic, sizeof kMagic) != 0)
    return fail("no MUSAORIG magic");
  Reader r{b, sizeof kMagic};
  const uint64_t version = r.get(4), files = r.get(4), melodies = r.get(4), tokens = r.get(4);
  if (r.failed) return fail("truncated header");
  if (version != kVersion) return fail("version " + std::to_string(version) + "; this Musa reads version 1");
  // Every name takes at least 2 bytes, every melody 8, every token 6: the counts must fit the file.
  if (files * 2 + melodies * 8 + tokens * 6 > b.size()) return fail("counts larger than the file");
  if ((melodies == 0) != (tokens == 0) || (melodies > 0 && files == 0))
    return fail("melodies without tokens or files");
  OriginalityIndex index;
  // Bounded by the file's size (checked above); grown one by one, the arrays would keep up to twice that.
  index.files_.reserve(size_t(files));
  index.melody_starts_.reserve(size_t(melodies));
  index.melody_files_.reserve(size_t(melodies));
  index.tokens_.reserve(size_t(tokens));
  index.suffixes_.reserve(size_t(tokens));
  for (uint64_t i = 0; i < files; ++i) {
    const size_t length = size_t(r.get(2));
    if (r.failed || b.size() - r.at < length) return fail("truncated file names");
    index.files_.emplace_back(reinterpret_cast<const char*>(b.data() + r.at), length);
    r.at += length;
  }
  for (uint64_t m = 0; m < melodies; ++m) {
    const uint64_t start = r.get(4), file = r.get(4);
    const uint64_t previous = m ? index.melody_starts_.back() : 0;
    if (r.failed || file >= files || start >= tokens || (m == 0 ? start != 0 : start <= previous))
      return fail("melody " + std::to_string(m + 1) + " has a bad start or file");
    index.melody_starts_.push_back(uint32_t(start));
    index.melody_files_.push_back(uint32_t(file));
  }
  for (uint64_t t = 0; t < tokens; ++t) index.tokens_.push_back(uint16_t(r.get(2)));
  std::vector<bool> seen(size_t(tokens), false);
  for (uint64_t t = 0; t < tokens; ++t) {
    const uint64_t s = r.get(4);
    if (r.failed || s >= tokens || seen[size_t(s)]) return fail("the suffix array is not a permutation");
    seen[size_t(s)] = true;
    index.suffixes_.push_back(uint32_t(s));
  }
  if (r.failed || r.at != b.size()) return fail(r.failed ? "truncated" : "bytes after the suffix array");
  return index;
}

}  // namespace musa
