// Elementwise kernels: broadcasting arithmetic, comparisons and where; activations. Float32 +, -, *, / give the
// same bits as the reference (JavaScript computes in double and rounds once; for these four operations that
// equals the float result).
// Sigmoid and tanh are computed in double like the reference (vectorized, see vmath.h), then rounded.
// The polynomials of vmath.h may use fused multiply-adds (more accurate, not less); no other expression in this
// file has a multiply feeding an add.
#pragma GCC optimize("fp-contract=fast")
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "kernels.h"
#include "threadpool.h"
#include "vmath.h"

namespace tg {
namespace {

// Elementwise work below this many elements stays on the calling thread.
constexpr int64_t kParallelElements = 1 << 16;

// Calls body(offsets, out_offset, len, inner_strides) for every innermost run of an N-operand broadcast over an
// output of `n` elements: unit dimensions dropped, neighbours merged where every operand traverses them
// contiguously, runs split across threads. Offsets and strides are per operand (stride 0 where broadcast).
template <int N, typename Body>
void broadcast_runs(int64_t n, int rank, const int64_t* shape_in, const int64_t* const* strides_in, Body body) {
  std::vector<int64_t> shape;
  std::vector<std::array<int64_t, N>> st;
  for (int d = 0; d < rank; d++) {
    if (shape_in[d] == 1) continue;
    bool merge = !shape.empty();
    for (int k = 0; k < N && merge; k++) merge = st.back()[k] == strides_in[k][d] * shape_in[d];
    if (merge) {
      shape.back() *= shape_in[d];
      for (int k = 0; k < N; k++) st.back()[k] = strides_in[k][d];
    } else {
      shape.push_back(shape_in[d]);
      std::array<int64_t, N> s;
      for (int k = 0; k < N; k++) s[k] = strides_in[k][d];
      st.push_back(s);
    }
  }
  if (shape.empty()) {
    const std::array<int64_t, N> zero{};
    body(zero, 0, 1, zero);
    return;
  }
  const int r = static_cast<int>(shape.size());
  const int64_t inner = shape[r - 1];
  const std::array<int64_t, N> inner_st = st[r - 1];
  const int64_t rows = n / inner;
  parallel_range(rows, std::max<int64_t>(1, kParallelElements / inner), [&](int64_t r0, int64_t r1) {
    // Odometer over the outer dimensions, started at row r0.
    std::vector<int64_t> idx(r, 0);
    std::array<int64_t, N> off{};
    int64_t rem = r0;
    for (int d = r - 2; d >= 0; d--) {
      idx[d] = rem % shape[d];
      rem /= shape[d];
      for (int k = 0; k < N; k++) off[k] += idx[d] * st[d][k];
    }
    for (int64_t row = r0; row < r1; row++) {
      body(off, row * inner, inner, inner_st);
      for (int d = r - 2; d >= 0; d--) {
        idx[d]++;
        for (int k = 0; k < N; k++) off[k] += st[d][k];
        if (idx[d] < shape[d]) break;
        for (int k = 0; k < N; k++) off[k] -= st[d][k] * shape[d];
        idx[d] = 0;
      }
    }
  });
}

// One run: o[i] = f(a[i*sa], b[i*sb]) with sa, sb in {0, 1}; the four stride cases are separate loops so each
// vectorizes.
template <typename Out, typename F>
inline void run2(const float* __restrict a, int64_t sa, const float* __restrict b, int64_t sb, Out* __restrict o,
                 int64_t len, F f) {
  if (sa == 1 && sb == 1) {
    for (int64_t i = 0; i < len; i++) o[i] = f(a[i], b[i]);
  } else if (sa == 1 && sb == 0) {
    const float bv = b[0];
    for (int64_t i = 0; i < len; i++) o[i] = f(a[i], bv);
  } else if (sa == 0 && sb == 1) {
    const float av = a[0];
    for (int64_t i = 0; i < len; i++) o[i] = f(av, b[i]);
  } else {
    for (int64_t i = 0; i < len; i++) o[i] = f(a[i * sa], b[i * sb]);
  }
}

// out = f(a, b) broadcasting, with fast paths for equal sizes and scalar operands.
template <typename Out, typename F>
void broadcast2(const float* a, int64_t na, const float* b, int64_t nb, Out* out, int64_t n, int rank,
                const int64_t* shape, const int64_t* sa, const int64_t* sb, F f) {
  if (n == 0) return;
  if (na == n && (nb == n || nb == 1)) {
    const int64_t s = nb == n ? 1 : 0;
    parallel_range(n, kParallelElements, [&](int64_t i, int64_t e) { run2(a + i, 1, b + i * s, s, out + i, e - i, f); });
    return;
  }
  if (na == 1 && nb == n) {
    parallel_range(n, kParallelElements, [&](int64_t i, int64_t e) { run2(a, 0, b + i, 1, out + i, e - i, f); });
    return;
  }
  const int64_t* strides[2] = {sa, sb};
  broadcast_runs<2>(n, rank, shape, strides, [&](const std::array<int64_t, 2>& off, int64_t o, int64_t len,
                                                  const std::array<int64_t, 2>& st) {
    run2(a + off[0], st[0], b + off[1], st[1], out + o, len, f);
  });
}

typedef float v8f __attribute__((vector_size(32)));

// Applies `f` (on 8 doubles) to x[s..e), widening to double and rounding the results back to float.
template <typename F>
inline void map8(const float* x, float* out, int64_t s, int64_t e, F f) {
  int64_t i = s;
  for (; i + 8 <= e; i += 8) {
    v8f xv;
    __builtin_memcpy(&xv, x + i, sizeof(xv));
    const v8f y = __builtin_convertvector(f(__builtin_convertvector(xv, v8d)), v8f);
    __builtin_memcpy(out + i, &y, sizeof(y));
  }
  if (i < e) {
    v8f xv = {};
    for (int64_t j = i; j < e; j++) xv[j - i] = x[j];
    const v8f y = __builtin_convertvector(f(__builtin_convertvector(xv, v8d)), v8f);
    for (int64_t j = i; j < e; j++) out[j] = y[j - i];
  }
}

// The reference's logistic in double: 1 / (1 + e^-x) for x >= 0, e^x / (1 + e^x) otherwise (NaN takes the second).
inline v8d sigmoid8(v8d x) {
  const v8d e = exp_nonpositive(x >= 0.0 ? -x : x);
  const v8d d = 1.0 / (1.0 + e);
  return x >= 0.0 ? d : e * d;
}

// tanh(x) = sign(x) * -t / (t + 2) with t = expm1(-2|x|): no cancellation for small |x|, exact limits +-1,
// -0 and NaN preserved.
inline v8d tanh8(v8d x) {
  const v8d a = x < 0.0 ? -x : x;
  const v8d t = expm1_nonpositive(-2.0 * a);
  const v8d th = -t / (t + 2.0);
  return x < 0.0 ? -th : (x == 0.0 ? x : th);
}

}  // namespace

void binary(BinaryOp op, const float* a, int64_t na, const float* b, int64_t nb, float* out, int64_t n, int rank,
            const int64_t* shape, const int64_t* sa, const int64_t* sb) {
  switch (op) {
    case kAdd: broadcast2(a, na, b, nb, out, n, rank, shape, sa, sb, [](float x, float y) { return x + y; }); break;
    case kSub: broadcast2(a, na, b, nb, out, n, rank, shape, sa, sb, [](float x, float y) { return x - y; }); break;
    case kMul: broadcast2(a, na, b, nb, out, n, rank, shape, sa, sb, [](float x, float y) { return x * y; }); break;
    case kDiv: broadcast2(a, na, b, nb, out, n, rank, shape, sa, sb, [](float x, float y) { return x / y; }); break;
  }
}

void compare(CompareOp op, const float* a, int64_t na, const float* b, int64_t nb, uint8_t* out, int64_t n, int rank,
             const int64_t* shape, const int64_t* sa, const int64_t* sb) {
  // IEEE comparisons, as JavaScript's: NaN is unequal to everything, itself included.
  using U = uint8_t;
  switch (op) {
    case kEqual: broadcast2(a, na, b, nb, out, n, rank, shape, sa, sb, [](float x, float y) { return U(x == y); }); break;
    case kNotEqual: broadcast2(a, na, b, nb, out, n, rank, shape, sa, sb, [](float x, float y) { return U(x != y); }); break;
    case kLess: broadcast2(a, na, b, nb, out, n, rank, shape, sa, sb, [](float x, float y) { return U(x < y); }); break;
    case kLessEqual: broadcast2(a, na, b, nb, out, n, rank, shape, sa, sb, [](float x, float y) { return U(x <= y); }); break;
    case kGreater: broadcast2(a, na, b, nb, out, n, rank, shape, sa, sb, [](float x, float y) { return U(x > y); }); break;
    case kGreaterEqual: broadcast2(a, na, b, nb, out, n, rank, shape, sa, sb, [](float x, float y) { return U(x >= y); }); break;
  }
}

void where(const uint8_t* c, const float* a, const float* b, float* out, int64_t n, int rank, const int64_t* shape,
           const int64_t* sc, const int64_t* sa, const int64_t* sb) {
  if (n == 0) return;
  const int64_t* strides[3] = {sc, sa, sb};
  broadcast_runs<3>(n, rank, shape, strides, [&](const std::array<int64_t, 3>& off, int64_t o, int64_t len,
                                                  const std::array<int64_t, 3>& st) {
    const uint8_t* cp = c + off[0];
    const float *ap = a + off[1], *bp = b + off[2];
    float* op = out + o;
    if (st[0] == 1 && st[1] == 1 && st[2] == 1) {
      for (int64_t i = 0; i < len; i++) op[i] = cp[i] ? ap[i] : bp[i];
    } else if (st[0] == 1 && st[1] == 1 && st[2] == 0) {
      const float bv = bp[0];
      for (int64_t i = 0; i < len; i++) op[i] = cp[i] ? ap[i] : bv;
    } else if (st[0] == 1 && st[1] == 0 && st[2] == 1) {
      const float av = ap[0];
      for (int64_t i = 0; i < len; i++) op[i] = cp[i] ? av : bp[i];
    } else {
      for (int64_t i = 0; i < len; i++) op[i] = cp[i * st[0]] ? ap[i * st[1]] : bp[i * st[2]];
    }
  });
}

void unary(UnaryOp op, const float* x, float* out, int64_t n) {
  switch (op) {
    case kRelu:
      // x < 0 ? 0 : x, so NaN and -0 pass through unchanged as in the reference.
      parallel_range(n, kParallelElements, [&](int64_t s, int64_t e) {
        for (int64_t i = s; i < e; i++) out[i] = x[i] < 0.0f ? 0.0f : x[i];
      });
      break;
    case kSigmoid:
      parallel_range(n, kParallelElements / 4, [&](int64_t s, int64_t e) { map8(x, out, s, e, sigmoid8); });
      break;
    case kTanh:
      parallel_range(n, kParallelElements / 4, [&](int64_t s, int64_t e) { map8(x, out, s, e, tanh8); });
      break;
    case kHardSigmoid:
      hard_sigmoid(x, out, n);  // in activations.cc, where multiplies and adds are never fused
      break;
  }
}

void copy_rows(const float* src, int64_t so, int64_t ss, float* dst, int64_t dof, int64_t ds, int64_t rows, int64_t len) {
  if (len <= 0) return;
  parallel_range(rows, std::max<int64_t>(1, kParallelElements / len), [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; r++) std::copy(src + so + r * ss, src + so + r * ss + len, dst + dof + r * ds);
  });
}

}  // namespace tg
