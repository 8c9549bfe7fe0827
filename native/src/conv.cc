// 2-D convolution (NHWC, filter [kh, kw, inC, cout]) lowered to GEMM over bands of output rows, as the reference
// kernel in src/ops/conv.ts does. Each band's column matrix stays cache-sized; bands of different images (and
// different bands of one image in the forward pass) run on different threads.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "gemm.h"
#include "kernels.h"
#include "threadpool.h"

namespace tg {
namespace {

// Column-matrix elements per band (1 MiB of floats: the band stays in L2 while GEMM packs it).
constexpr int64_t kBandElements = 1 << 18;

struct Buffer {
  std::vector<float> data;
  float* get(size_t n) {
    if (data.size() < n) data.resize(n);
    return data.data();
  }
};
thread_local Buffer t_col;

int64_t band_rows(const Window& g) {
  const int64_t per_row = g.out_w * g.kh * g.kw * g.in_c;
  return std::max<int64_t>(1, std::min<int64_t>(g.out_h, kBandElements / std::max<int64_t>(per_row, 1)));
}

bool pointwise(const Window& g) {
  return g.kh == 1 && g.kw == 1 && g.stride_h == 1 && g.stride_w == 1 && g.out_h == g.in_h && g.out_w == g.in_w;
}

// dst[0:n] = src[0:n]; an inline loop for the short runs of few-channel images (a libc call per pixel of a
// 1-channel image would dominate), memcpy for long ones.
inline void copy(float* dst, const float* src, int64_t n) {
  if (n >= 64) {
    std::memcpy(dst, src, sizeof(float) * n);
  } else {
    for (int64_t i = 0; i < n; i++) dst[i] = src[i];
  }
}

// Receptive fields of output rows [oh0, oh1) of one image, laid out (ki, kj, c) per output pixel; zero padding.
// Without dilation along w, the kw taps of a window row are kw*C consecutive floats of the image.
void im2col(const float* x, const Window& g, int64_t oh0, int64_t oh1, float* col) {
  const int64_t C = g.in_c, row = g.kw * C;
  float* r = col;
  for (int64_t oh = oh0; oh < oh1; oh++) {
    for (int64_t ow = 0; ow < g.out_w; ow++) {
      const int64_t iw0 = ow * g.stride_w - g.pad_left;
      const bool inside_w = g.dil_w == 1 && iw0 >= 0 && iw0 + g.kw <= g.in_w;
      for (int64_t ki = 0; ki < g.kh; ki++, r += row) {
        const int64_t ih = oh * g.stride_h - g.pad_top + ki * g.dil_h;
        if (ih < 0 || ih >= g.in_h) {
          std::fill(r, r + row, 0.0f);
          continue;
        }
        const float* xr = x + ih * g.in_w * C;
        if (inside_w) {
          copy(r, xr + iw0 * C, row);
          continue;
        }
        for (int64_t kj = 0; kj < g.kw; kj++) {
          const int64_t iw = iw0 + kj * g.dil_w;
          if (iw < 0 || iw >= g.in_w) {
            std::fill(r + kj * C, r + (kj + 1) * C, 0.0f);
          } else {
            copy(r + kj * C, xr + iw * C, C);
          }
        }
      }
    }
  }
}

// The adjoint of im2col: adds each receptive-field row back into the image.
void col2im(const float* col, const Window& g, int64_t oh0, int64_t oh1, float* dx) {
  const int64_t C = g.in_c, row = g.kw * C;
  const float* r = col;
  for (int64_t oh = oh0; oh < oh1; oh++) {
    for (int64_t ow = 0; ow < g.out_w; ow++) {
      const int64_t iw0 = ow * g.stride_w - g.pad_left;
      const bool inside_w = g.dil_w == 1 && iw0 >= 0 && iw0 + g.kw <= g.in_w;
      for (int64_t ki = 0; ki < g.kh; ki++, r += row) {
        const int64_t ih = oh * g.stride_h - g.pad_top + ki * g.dil_h;
        if (ih < 0 || ih >= g.in_h) continue;
        float* dr = dx + ih * g.in_w * C;
        if (inside_w) {
          float* d = dr + iw0 * C;
          for (int64_t i = 0; i < row; i++) d[i] += r[i];
          continue;
        }
        for (int64_t kj = 0; kj < g.kw; kj++) {
          const int64_t iw = iw0 + kj * g.dil_w;
          if (iw < 0 || iw >= g.in_w) continue;
          float* d = dr + iw * C;
          const float* s = r + kj * C;
          for (int64_t c = 0; c < C; c++) d[c] += s[c];
        }
      }
    }
  }
}

Gemm make_gemm(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, bool ta, const float* b, int64_t ldb,
               bool tb, float* c, int64_t ldc, bool acc) {
  Gemm g;
  g.m = m;
  g.n = n;
  g.k = k;
  g.a = a;
  g.lda = lda;
  g.ta = ta;
  g.b = b;
  g.ldb = ldb;
  g.tb = tb;
  g.c = c;
  g.ldc = ldc;
  g.accumulate = acc;
  return g;
}

}  // namespace

void conv2d(const Window& g, int64_t cout, const float* x, const float* w, float* y) {
  const int64_t K = g.kh * g.kw * g.in_c;
  if (pointwise(g)) {
    gemm(make_gemm(g.batch * g.in_h * g.in_w, cout, K, x, K, false, w, cout, false, y, cout, false));
    return;
  }
  const int64_t band = band_rows(g), bands = (g.out_h + band - 1) / band;
  const int64_t image_in = g.in_h * g.in_w * g.in_c, image_out = g.out_h * g.out_w * cout;
  auto task = [&](int64_t t, bool threaded) {
    const int64_t n = t / bands, oh0 = (t % bands) * band, oh1 = std::min(g.out_h, oh0 + band);
    const int64_t rows = (oh1 - oh0) * g.out_w;
    float* col = t_col.get(static_cast<size_t>(rows * K));
    im2col(x + n * image_in, g, oh0, oh1, col);
    const Gemm p = make_gemm(rows, cout, K, col, K, false, w, cout, false, y + n * image_out + oh0 * g.out_w * cout, cout, false);
    if (threaded) gemm(p); else gemm_serial(p);
  };
  const int64_t tasks = g.batch * bands;
  if (tasks >= num_threads()) {
    parallel_for(tasks, [&](long t) { task(t, false); });
  } else {
    for (int64_t t = 0; t < tasks; t++) task(t, true);
  }
}

void conv2d_backprop_input(const Window& g, int64_t cout, const float* dy, const float* w, float* dx) {
  const int64_t K = g.kh * g.kw * g.in_c;
  if (pointwise(g)) {
    gemm(make_gemm(g.batch * g.in_h * g.in_w, K, cout, dy, cout, false, w, cout, true, dx, K, false));
    return;
  }
  const int64_t band = band_rows(g);
  const int64_t image_in = g.in_h * g.in_w * g.in_c, image_out = g.out_h * g.out_w * cout;
  // Bands of one image overlap in dx, so an image is one task.
  auto image = [&](int64_t n, bool threaded) {
    // dx arrives unzeroed (reused storage); zeroing it here, image by image, keeps it in cache for col2im.
    std::fill(dx + n * image_in, dx + (n + 1) * image_in, 0.0f);
    for (int64_t oh0 = 0; oh0 < g.out_h; oh0 += band) {
      const int64_t oh1 = std::min(g.out_h, oh0 + band), rows = (oh1 - oh0) * g.out_w;
      float* dcol = t_col.get(static_cast<size_t>(rows * K));
      const Gemm p = make_gemm(rows, K, cout, dy + n * image_out + oh0 * g.out_w * cout, cout, false, w, cout, true, dcol, K, false);
      if (threaded) gemm(p); else gemm_serial(p);
      col2im(dcol, g, oh0, oh1, dx + n * image_in);
    }
  };
  if (g.batch >= num_threads()) {
    parallel_for(g.batch, [&](long n) { image(n, false); });
  } else {
    for (int64_t n = 0; n < g.batch; n++) image(n, true);
  }
}

void conv2d_backprop_filter(const Window& g, int64_t cout, const float* x, const float* dy, float* dw) {
  const int64_t K = g.kh * g.kw * g.in_c;
  if (pointwise(g)) {
    gemm(make_gemm(K, cout, g.batch * g.in_h * g.in_w, x, K, true, dy, cout, false, dw, cout, false));
    return;
  }
  const int64_t band = band_rows(g), bands = (g.out_h + band - 1) / band;
  const int64_t image_in = g.in_h * g.in_w * g.in_c, image_out = g.out_h * g.out_w * cout;
  const int64_t tasks = g.batch * bands;
  // Each chunk of consecutive (image, band) tasks sums into its own partial filter gradient; the partials are
  // added in chunk order, so the result does not depend on thread timing.
  const int64_t chunks = std::max<int64_t>(1, std::min<int64_t>(num_threads(), tasks));
  std::vector<float> partial(static_cast<size_t>((chunks - 1) * K * cout));
  auto chunk = [&](int64_t c, bool threaded) {
    float* out = c == 0 ? dw : partial.data() + (c - 1) * K * cout;
    const int64_t t0 = tasks * c / chunks, t1 = tasks * (c + 1) / chunks;
    for (int64_t t = t0; t < t1; t++) {
      const int64_t n = t / bands, oh0 = (t % bands) * band, oh1 = std::min(g.out_h, oh0 + band);
      const int64_t rows = (oh1 - oh0) * g.out_w;
      float* col = t_col.get(static_cast<size_t>(rows * K));
      im2col(x + n * image_in, g, oh0, oh1, col);
      const Gemm p = make_gemm(K, cout, rows, col, K, true, dy + n * image_out + oh0 * g.out_w * cout, cout, false, out, cout, t > t0);
      if (threaded) gemm(p); else gemm_serial(p);
    }
  };
  if (chunks > 1) {
    parallel_for(chunks, [&](long c) { chunk(c, false); });
    const int64_t size = K * cout;
    for (int64_t c = 1; c < chunks; c++) {
      const float* src = partial.data() + (c - 1) * size;
      for (int64_t i = 0; i < size; i++) dw[i] += src[i];
    }
  } else {
    chunk(0, true);
  }
}

}  // namespace tg
