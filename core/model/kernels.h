#pragma once
// The arithmetic of a network step and of training's passes, in one version
// per instruction set: `portable` (any x86-64, or whatever CPU the build
// targets), and on x86-64 also `avx2` (AVX2 + FMA) and `avx512` (AVX-512
// F/VL/BW/DQ). One binary runs on every CPU and picks the best set its CPU
// has when it starts.
//
// Plain pointers only: each set is compiled with its own flags
// (kernels_impl.inc), and nothing of Eigen or the standard library may cross
// into it, or the linker could keep one set's copy of an inline function for
// all of them.

#include <cstdint>
#include <span>
#include <string>

namespace musa::kernels {

/**
 * One input of an affine map: rows of `depth` floats, `stride` floats apart,
 * a row's floats `step` apart. A row-major matrix has step 1; with stride 1
 * and step = its column count it is read transposed (the weight gradients'
 * inputsᵀ).
 */
struct Operand {
  const float* data;
  int stride;
  int depth;
  int step = 1;
};

/** The network's arithmetic; every matrix is row-major. */
struct KernelSet {
  const char* name;         ///< what MUSA_KERNELS selects: "portable", "avx2", "avx512"
  const char* description;  ///< for people: "AVX2 + FMA (8 floats a vector)"

  /**
   * out = bias + Σ_p parts[p] · W_p for `rows` rows, where W (Σ depth × cols)
   * holds the parts' weights one under the other: one pass, however many
   * parts (the LSTM's [x, h] · W without building [x, h]). `bias` may be null.
   */
  void (*affine)(const Operand* parts, int count, int rows, const float* weights, const float* bias, int cols,
                 float* out);

  /**
   * out += Σ_p parts[p] · W_p, as `affine` but adding to what `out` holds:
   * training's products, down to the weight gradients inputsᵀ · ∂outputs
   * summed over thousands of steps (done in slices that stay in cache).
   */
  void (*add_affine)(const Operand* parts, int count, int rows, const float* weights, int cols, float* out);

  /**
   * The LSTM cell on `rows` rows of gates (4 × units each: i, j, f, o, with
   * the bias in): c = c ⊙ σ(f + 1) + σ(i) ⊙ tanh(j), h = tanh(c) ⊙ σ(o).
   */
  void (*lstm_cell)(const float* gates, int rows, int units, float* c, float* h);

  /**
   * lstm_cell for training, which keeps what backprop needs: the gates turn
   * into their activations in place (σ(i), tanh(j), σ(f + 1), σ(o)), and
   * c = c_prev ⊙ f + i ⊙ j, tanh_c = tanh(c), h = tanh_c ⊙ o (rows × units each).
   */
  void (*lstm_cell_forward)(float* gates, int rows, int units, const float* c_prev, float* c, float* tanh_c,
                            float* h);

  /**
   * Its gradients: dc += dh ⊙ o ⊙ (1 − tanh_c²), then ∂gates (pre-activation,
   * rows × 4 units) from the activations, and dc ⊙= f, the carry to the step before.
   */
  void (*lstm_cell_backward)(const float* gates, int rows, int units, const float* c_prev,
                             const float* tanh_c, const float* dh, float* dc, float* d_gates);

  /**
   * Attention over `slots` remembered steps (each rows × size) and
   * `empty_slots` more that were never written (hidden and state all zero,
   * as at a sequence's start): score_t = v · tanh(hidden_t + query), a
   * softmax over t (into scores, rows × (slots + empty_slots), the empty
   * ones last), and attns = Σ_t p_t · state_t. The empty slots share one
   * score, computed once.
   */
  void (*attend)(const float* const* hidden, const float* const* states, int slots, int empty_slots,
                 const float* query, const float* v, int rows, int size, float* scores, float* attns);

  /**
   * attend's gradients (training), from its inputs, its softmax weights
   * `scores` and ∂attns (rows × size): adds into ∂hidden_t and ∂state_t
   * (laid out as hidden and states) and ∂v (size), writes ∂query (rows ×
   * size). `d_scores` is scratch for rows × slots floats.
   */
  void (*attend_backward)(const float* const* hidden, const float* const* states, int slots,
                          const float* query, const float* v, int rows, int size, const float* scores,
                          const float* d_attns, float* const* d_hidden, float* const* d_states,
                          float* d_query, float* d_v, float* d_scores);

  /**
   * One sequence's dropout mask for one layer and step (training): entry j
   * is 1/keep where half of derive_seed(stream, j / 2) (the low 32 bits for
   * even j, the high for odd) is below keep × 2³², else 0. Drawn from
   * `stream` alone, so a row never depends on the other rows.
   */
  void (*dropout_row)(float* row, int cols, float keep, std::uint64_t stream);
};

/** The sets this CPU can run, slowest first (`portable` is always there). */
std::span<const KernelSet* const> supported();

/**
 * The set every network uses unless told otherwise: the last of
 * `supported()`, or the one the environment variable MUSA_KERNELS names (to
 * compare them; a name this CPU lacks is ignored, and `kernels_note` says so).
 */
const KernelSet& best();

/** What `musa-cli info` and `musa-bench` print: the set, and why it was chosen. */
std::string kernels_note();

}  // namespace musa::kernels
