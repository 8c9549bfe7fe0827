// Max and average pooling (NHWC) over windows clipped to the input, with their gradients. Windows are walked in
// row-major tap order like the reference (src/ops/pool.ts), so "first maximum" and the order in which
// gradients accumulate are the same; the forward passes vectorize over channels.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "kernels.h"
#include "threadpool.h"

namespace tg {
namespace {

constexpr float kNegInf = -std::numeric_limits<float>::infinity();

// The in-bounds input pixels of output pixel (oh, ow) of one image, as offsets (ih*inW + iw), in tap order.
int window_pixels(const Window& g, int64_t oh, int64_t ow, int64_t* pix) {
  int count = 0;
  for (int64_t ki = 0; ki < g.kh; ki++) {
    const int64_t ih = oh * g.stride_h - g.pad_top + ki * g.dil_h;
    if (ih < 0 || ih >= g.in_h) continue;
    for (int64_t kj = 0; kj < g.kw; kj++) {
      const int64_t iw = ow * g.stride_w - g.pad_left + kj * g.dil_w;
      if (iw < 0 || iw >= g.in_w) continue;
      pix[count++] = ih * g.in_w + iw;
    }
  }
  return count;
}

// Runs body(n, oh, pix buffer) over every output row of every image, in parallel over rows.
template <typename F>
void for_rows(const Window& g, F&& body) {
  const int64_t rows = g.batch * g.out_h;
  const int64_t per_row = g.out_w * g.in_c * g.kh * g.kw;
  parallel_range(rows, std::max<int64_t>(1, (1 << 15) / std::max<int64_t>(per_row, 1)), [&](int64_t r0, int64_t r1) {
    std::vector<int64_t> pix(static_cast<size_t>(g.kh * g.kw));
    for (int64_t r = r0; r < r1; r++) body(r / g.out_h, r % g.out_h, pix.data());
  });
}

// Runs body(n, pix buffer) once per image, in parallel over images (gradients scatter within an image).
template <typename F>
void for_images(const Window& g, F&& body) {
  parallel_range(g.batch, 1, [&](int64_t n0, int64_t n1) {
    std::vector<int64_t> pix(static_cast<size_t>(g.kh * g.kw));
    for (int64_t n = n0; n < n1; n++) body(n, pix.data());
  });
}

}  // namespace

void max_pool2d(const Window& g, const float* x, float* y) {
  const int64_t C = g.in_c;
  for_rows(g, [&](int64_t n, int64_t oh, int64_t* pix) {
    const float* xi = x + n * g.in_h * g.in_w * C;
    float* yr = y + ((n * g.out_h + oh) * g.out_w) * C;
    for (int64_t ow = 0; ow < g.out_w; ow++, yr += C) {
      const int count = window_pixels(g, oh, ow, pix);
      for (int64_t c = 0; c < C; c++) yr[c] = kNegInf;
      for (int t = 0; t < count; t++) {
        const float* xp = xi + pix[t] * C;
        for (int64_t c = 0; c < C; c++) yr[c] = xp[c] > yr[c] ? xp[c] : yr[c];
      }
      // No element beat -Infinity: the reference returns the first pixel's value (-Infinity or NaN).
      const float* first = xi + pix[0] * C;
      for (int64_t c = 0; c < C; c++) yr[c] = yr[c] == kNegInf ? first[c] : yr[c];
    }
  });
}

// The window tap holding each channel's first maximum, for all C channels at once (win[c] indexes pix): a
// strict > scan from -Infinity, as the reference's, so NaN never wins and an all-NaN or all -Infinity window
// picks its first pixel. It vectorizes over channels.
inline void winners(const float* xi, const int64_t* pix, int count, int64_t C, float* best, int32_t* win) {
  for (int64_t c = 0; c < C; c++) {
    best[c] = kNegInf;
    win[c] = 0;
  }
  for (int t = 0; t < count; t++) {
    const float* xp = xi + pix[t] * C;
    for (int64_t c = 0; c < C; c++) {
      const bool better = xp[c] > best[c];
      best[c] = better ? xp[c] : best[c];
      win[c] = better ? t : win[c];
    }
  }
}

void max_pool2d_grad(const Window& g, const float* x, const float* dy, float* dx) {
  const int64_t C = g.in_c, image_in = g.in_h * g.in_w * C;
  for_images(g, [&](int64_t n, int64_t* pix) {
    std::vector<float> best(static_cast<size_t>(C));
    std::vector<int32_t> win(static_cast<size_t>(C));
    const float* xi = x + n * image_in;
    float* dxi = dx + n * image_in;
    // dx arrives unzeroed (reused storage): each image is zeroed just before its cotangents are added.
    std::fill(dxi, dxi + image_in, 0.0f);
    const float* dyi = dy + n * g.out_h * g.out_w * C;
    for (int64_t oh = 0; oh < g.out_h; oh++) {
      for (int64_t ow = 0; ow < g.out_w; ow++) {
        const int count = window_pixels(g, oh, ow, pix);
        const float* d = dyi + (oh * g.out_w + ow) * C;
        winners(xi, pix, count, C, best.data(), win.data());
        // Each channel's cotangent goes to its winner only (a select, so other elements keep their bits).
        for (int t = 0; t < count; t++) {
          float* dp = dxi + pix[t] * C;
          for (int64_t c = 0; c < C; c++) dp[c] = win[c] == t ? dp[c] + d[c] : dp[c];
        }
      }
    }
  });
}

void max_pool2d_grad_grad(const Window& g, const float* x, const float* gx, float* y) {
  const int64_t C = g.in_c, image_in = g.in_h * g.in_w * C;
  for_rows(g, [&](int64_t n, int64_t oh, int64_t* pix) {
    std::vector<float> best(static_cast<size_t>(C));
    std::vector<int32_t> win(static_cast<size_t>(C));
    const float* xi = x + n * image_in;
    const float* gi = gx + n * image_in;
    float* yr = y + ((n * g.out_h + oh) * g.out_w) * C;
    for (int64_t ow = 0; ow < g.out_w; ow++, yr += C) {
      const int count = window_pixels(g, oh, ow, pix);
      winners(xi, pix, count, C, best.data(), win.data());
      for (int t = 0; t < count; t++) {
        const float* gp = gi + pix[t] * C;
        for (int64_t c = 0; c < C; c++) yr[c] = win[c] == t ? gp[c] : yr[c];
      }
    }
  });
}

void avg_pool2d(const Window& g, const float* x, float* y) {
  const int64_t C = g.in_c;
  for_rows(g, [&](int64_t n, int64_t oh, int64_t* pix) {
    const float* xi = x + n * g.in_h * g.in_w * C;
    float* yr = y + ((n * g.out_h + oh) * g.out_w) * C;
    for (int64_t ow = 0; ow < g.out_w; ow++, yr += C) {
      const int count = window_pixels(g, oh, ow, pix);
      for (int64_t c = 0; c < C; c++) yr[c] = 0.0f;
      for (int t = 0; t < count; t++) {
        const float* xp = xi + pix[t] * C;
        for (int64_t c = 0; c < C; c++) yr[c] += xp[c];
      }
      // The reference multiplies by 1/count in double, then rounds.
      const double inv = 1.0 / count;
      for (int64_t c = 0; c < C; c++) yr[c] = static_cast<float>(static_cast<double>(yr[c]) * inv);
    }
  });
}

void avg_pool2d_grad(const Window& g, const float* dy, float* dx) {
  const int64_t C = g.in_c, image_in = g.in_h * g.in_w * C;
  for_images(g, [&](int64_t n, int64_t* pix) {
    float* dxi = dx + n * image_in;
    const float* dyi = dy + n * g.out_h * g.out_w * C;
    for (int64_t oh = 0; oh < g.out_h; oh++) {
      for (int64_t ow = 0; ow < g.out_w; ow++) {
        const int count = window_pixels(g, oh, ow, pix);
        const double inv = 1.0 / count;
        const float* d = dyi + (oh * g.out_w + ow) * C;
        for (int t = 0; t < count; t++) {
          float* dp = dxi + pix[t] * C;
          for (int64_t c = 0; c < C; c++) dp[c] = static_cast<float>(static_cast<double>(dp[c]) + static_cast<double>(d[c]) * inv);
        }
      }
    }
  });
}

}  // namespace tg
