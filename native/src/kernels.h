// Float32 kernels other than GEMM. Each reproduces the semantics of the matching reference kernel in
// src/ops (argument layouts are documented in src/backends/native/kernels*.ts, which call them).
#pragma once
#include <cstdint>

namespace tg {

enum BinaryOp { kAdd = 0, kSub = 1, kMul = 2, kDiv = 3 };
enum UnaryOp { kRelu = 0, kSigmoid = 1, kTanh = 2, kHardSigmoid = 3 };
enum ActivationGradOp { kReluGrad = 0, kHardSigmoidGrad = 1 };
enum CompareOp { kEqual = 0, kNotEqual = 1, kLess = 2, kLessEqual = 3, kGreater = 4, kGreaterEqual = 5 };

/**
 * out = a (op) b with NumPy broadcasting. `shape` is the output shape (rank dims); `sa`/`sb` are the element
 * strides of a and b aligned to it (0 on broadcast dimensions).
 */
void binary(BinaryOp op, const float* a, int64_t na, const float* b, int64_t nb, float* out, int64_t n, int rank,
            const int64_t* shape, const int64_t* sa, const int64_t* sb);

/** out = a (op) b as 0/1 bytes, broadcasting like `binary`. */
void compare(CompareOp op, const float* a, int64_t na, const float* b, int64_t nb, uint8_t* out, int64_t n, int rank,
             const int64_t* shape, const int64_t* sa, const int64_t* sb);

/** out = c ? a : b (c as bytes), all three broadcast to `shape` with the given strides. */
void where(const uint8_t* c, const float* a, const float* b, float* out, int64_t n, int rank, const int64_t* shape,
           const int64_t* sc, const int64_t* sa, const int64_t* sb);

/** out[i] = f(x[i]) for n elements. */
void unary(UnaryOp op, const float* x, float* out, int64_t n);

/** out[o, j] = sum_i x[o, i, j] for x viewed as [outer, reduce, inner]. */
void sum_middle(const float* x, float* out, int64_t outer, int64_t reduce, int64_t inner);

/** Softmax (or log-softmax) along the middle axis of x viewed as [outer, n, inner]. */
void softmax(const float* x, float* out, int64_t outer, int64_t n, int64_t inner, bool log);

/**
 * c[i, j] = act(c[i, j] + bias[j]) in place for an m x n matrix; bias may be null, act is a UnaryOp or -1 for
 * none (the epilogue of a fused dense product).
 */
void bias_activation(float* c, const float* bias, int64_t m, int64_t n, int act);

/**
 * One LSTM step after the gate pre-activations z [b, 4u] (gates i, f, c, o) and the state c [b, u]: c2 = f c +
 * i tanh(z_c), h2 = o tanh(c2); gate activation kind 0 sigmoid, 1 hard sigmoid. acts [b, 5u] receives each row's
 * activations i, f, tanh(z_c), o, tanh(c2) for the gradient.
 */
void lstm_gates(const float* z, const float* c, float* h2, float* c2, float* acts, int64_t b, int64_t u, int kind);

/**
 * The gradient of `lstm_gates`: dz [b, 4u] and dc_prev [b, u] from dh and dc (the cotangents of h2 and c2) and
 * the forward pass's acts.
 */
void lstm_gates_grad(const float* z, const float* c, const float* acts, const float* dh, const float* dc, float* dz,
                     float* dc_prev, int64_t b, int64_t u, int kind);

/** Copies `rows` runs of `len` floats, run r from src[so + r ss] to dst[do + r ds] (concat and split). */
void copy_rows(const float* src, int64_t so, int64_t ss, float* dst, int64_t dof, int64_t ds, int64_t rows, int64_t len);

/** out = clip(0.2 x + 0.5, 0, 1), rounded after the product and after the sum as the reference is. */
void hard_sigmoid(const float* x, float* out, int64_t n);

/**
 * The gradient of an activation at its input x for the output cotangent dy: relu: x > 0 ? dy : 0; hard sigmoid:
 * 0.2 dy where 0 <= 0.2 x + 0.5 <= 1, else 0 (NaN x gives 0, as in the reference).
 */
void activation_grad(ActivationGradOp op, const float* x, const float* dy, float* out, int64_t n);

/** The scalars of one Adam step, computed once per variable by the caller (see src/optimizers/adam-step.ts). */
struct AdamConstants {
  double beta1, one_minus_beta1, beta2, one_minus_beta2, step, inv_sqrt_bc2, epsilon;
};

/** One Adam step in place on n weights w with gradient g and moments m, v. */
void adam_step(float* w, const float* g, float* m, float* v, int64_t n, const AdamConstants& k);

/** The resolved geometry of a 2-D window sweep over an NHWC input (see conv-geometry.ts). */
struct Window {
  int64_t batch, in_h, in_w, in_c, kh, kw, stride_h, stride_w, dil_h, dil_w, pad_top, pad_left, out_h, out_w;
};

/** y = conv2d(x, w) for a [kh, kw, inC, cout] filter. */
void conv2d(const Window& g, int64_t cout, const float* x, const float* w, float* y);
/** dx = conv2dBackpropInput(dy, w) (dx zeroed by the caller). */
void conv2d_backprop_input(const Window& g, int64_t cout, const float* dy, const float* w, float* dx);
/** dw = conv2dBackpropFilter(x, dy). */
void conv2d_backprop_filter(const Window& g, int64_t cout, const float* x, const float* dy, float* dw);

void max_pool2d(const Window& g, const float* x, float* y);
/** dx (zeroed by the caller) += dy routed to each window's first maximum. */
void max_pool2d_grad(const Window& g, const float* x, const float* dy, float* dx);
/** y = gathered g at each window's first maximum of x. */
void max_pool2d_grad_grad(const Window& g, const float* x, const float* gx, float* y);
void avg_pool2d(const Window& g, const float* x, float* y);
/** dx (zeroed by the caller) += dy spread evenly over each window's real elements. */
void avg_pool2d_grad(const Window& g, const float* dy, float* dx);

}  // namespace tg
