// GEMM driver: cache blocking, packing and threading around the micro-kernels of ukernels.cc.
//
// Loop nest (BLIS's order, written for row-major C = A B); gemm_parallel runs each block's iterations as tasks:
//   for pc (KC-deep slices of k):       pack op(A)[rows, pc] once into slivers of MR rows   (L3-sized)
//     for jc (NC-wide column blocks):   pack op(B)[pc, jc] into slivers of NR columns      (L2-resident)
//       for each A sliver (MR x KC):    stays in L1 while ...
//         for each B sliver (KC x NR):  ... the micro-kernel streams B from L2
// Transposed operands are read in their stored layout by the packing routines (pack.h), never copied first.
// Products may use fused multiply-adds (the micro-kernels do): only the rounding of the sums changes.
#pragma GCC optimize("fp-contract=fast")
#include "gemm.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "gemm_small.h"
#include "pack.h"
#include "threadpool.h"
#include "ukernels.h"

namespace tg {
namespace {

// Zen 4 and Skylake-SP/Cascade Lake: L1d 32 KiB, L2 1 MiB per core.
//   A sliver MR x KC = 14 x 384 x 4 B = 21 KiB (L1); B block KC x NC = 384 x 480 x 4 B = 720 KiB (L2).
constexpr long KC = 384;
constexpr long NC = 480;
// Rows of op(A) packed at once (an L3-sized block, so A is packed once for most shapes).
constexpr long MB = 2016;

// Below this many multiply-adds a product runs on the calling thread: waking workers costs microseconds.
constexpr double kParallelMacs = 96.0 * 96.0 * 96.0;
// Elements of op(B) from which a product of at most kSmallM rows is split over threads (256 KiB of floats:
// measured on a 784 x 256 GEMV, 13.4 us on one core, 10.0 us on two; a 256 x 128 one gains nothing).
constexpr double kSmallParallelB = 65536.0;

std::atomic<const KernelInfo*> g_kernel{nullptr};

const KernelInfo* kernel() {
  const KernelInfo* k = g_kernel.load(std::memory_order_acquire);
  if (!k) {
    for (int i = 0; i < kKernelCount && !k; i++) {
      if (kKernels[i].supported()) k = &kKernels[i];
    }
    g_kernel.store(k, std::memory_order_release);
  }
  return k;
}

// A per-thread, 64-byte aligned scratch buffer that only grows.
struct Scratch {
  float* data = nullptr;
  size_t capacity = 0;
  float* get(size_t n) {
    if (n > capacity) {
      std::free(data);
      capacity = std::max(n, capacity * 2);
      data = static_cast<float*>(std::aligned_alloc(64, ((capacity * sizeof(float) + 63) / 64) * 64));
    }
    return data;
  }
  ~Scratch() { std::free(data); }
};

thread_local Scratch t_apack, t_bpack;

// The block size for splitting `total` into equal blocks of at most `max` (a multiple of `align` unless it is
// the whole): k = 784 gives two slices of 392 rather than 384 + 384 + 16.
long balanced(long total, long max, long align) {
  const long blocks = (total + max - 1) / max;
  const long size = ((total + blocks - 1) / blocks + align - 1) / align * align;
  return std::max(1L, std::min(size, max));
}

// C[i0:i1, j0:j1] (op)= op(A)[i0:i1, :] op(B)[:, j0:j1] on the calling thread.
template <int MR, int NR>
void gemm_block(const Gemm& g, MicroKernel ukr, long i0, long i1, long j0, long j1) {
  alignas(64) float edge[MR * NR];
  const long k = g.k;
  if (k == 0) {
    if (!g.accumulate) {
      for (long i = i0; i < i1; i++) std::fill(g.c + i * g.ldc + j0, g.c + i * g.ldc + j1, 0.0f);
    }
    return;
  }
  const long MBb = balanced(i1 - i0, MB, MR), KCb = balanced(k, KC, 1), NCb = balanced(j1 - j0, NC, NR);
  for (long ib = i0; ib < i1; ib += MBb) {
    const long mb = std::min(MBb, i1 - ib);
    const long mslivers = (mb + MR - 1) / MR;
    for (long pc = 0; pc < k; pc += KCb) {
      const long kc = std::min(KCb, k - pc);
      const bool acc = g.accumulate || pc > 0;
      float* ap = t_apack.get(static_cast<size_t>(mslivers * MR * kc));
      pack_a<MR>(g, ib, mb, pc, kc, ap);
      for (long jc = j0; jc < j1; jc += NCb) {
        const long nc = std::min(NCb, j1 - jc);
        float* bp = t_bpack.get(static_cast<size_t>(((nc + NR - 1) / NR) * NR * kc));
        pack_b<NR>(g, pc, kc, jc, nc, bp);
        for (long ir = 0; ir < mb; ir += MR) {
          const long mr = std::min<long>(MR, mb - ir);
          const float* as = ap + (ir / MR) * MR * kc;
          float* crow = g.c + (ib + ir) * g.ldc + jc;
          for (long jr = 0; jr < nc; jr += NR) {
            const long nr = std::min<long>(NR, nc - jr);
            const float* bs = bp + (jr / NR) * NR * kc;
            if (mr == MR && nr == NR) {
              ukr(kc, as, bs, crow + jr, g.ldc, acc);
            } else {
              ukr(kc, as, bs, edge, NR, false);
              for (long r = 0; r < mr; r++) {
                float* cr = crow + r * g.ldc + jr;
                const float* er = edge + r * NR;
                if (acc) {
                  for (long j = 0; j < nr; j++) cr[j] += er[j];
                } else {
                  for (long j = 0; j < nr; j++) cr[j] = er[j];
                }
              }
            }
          }
        }
      }
    }
  }
}

// Multithreaded product. The blocks (pc, ib, jc) of the serial loop nest run one after another; within a block,
// tasks over (A sliver, range of B slivers) are taken dynamically by the pool's threads, which share the packed
// A block (L3) and B block (read into each core's L2). The packing of the next block's panels is added to the
// same fork-join phase, so it overlaps the current block's tail and costs no extra barrier. Dynamic tasks keep
// every thread busy even when a core is shared with other processes.
template <int MR, int NR>
void gemm_parallel(const Gemm& g, MicroKernel ukr) {
  struct Block {
    long pc, kc, ib, mb, jc, nc;
  };
  std::vector<Block> blocks;
  const long MBb = balanced(g.m, MB, MR), KCb = balanced(g.k, KC, 1), NCb = balanced(g.n, NC, NR);
  for (long pc = 0; pc < g.k; pc += KCb) {
    for (long ib = 0; ib < g.m; ib += MBb) {
      for (long jc = 0; jc < g.n; jc += NCb) {
        blocks.push_back({pc, std::min(KCb, g.k - pc), ib, std::min(MBb, g.m - ib), jc, std::min(NCb, g.n - jc)});
      }
    }
  }
  // Two buffers per operand: one in use by the current block, one being packed for the next.
  static thread_local Scratch a_buf[2], b_buf[2];
  float* abuf[2] = {a_buf[0].get(static_cast<size_t>((std::min(MB, g.m) + MR) * KC)),
                    a_buf[1].get(static_cast<size_t>((std::min(MB, g.m) + MR) * KC))};
  float* bbuf[2] = {b_buf[0].get(static_cast<size_t>((std::min(NC, g.n) + NR) * KC)),
                    b_buf[1].get(static_cast<size_t>((std::min(NC, g.n) + NR) * KC))};
  // Which buffer each block reads: a new buffer only when its panel differs from the previous block's.
  const long nblocks = static_cast<long>(blocks.size());
  std::vector<int> a_slot(nblocks), b_slot(nblocks);
  std::vector<char> a_new(nblocks), b_new(nblocks);
  for (long p = 0; p < nblocks; p++) {
    const Block& b = blocks[p];
    const bool fresh_a = p == 0 || b.pc != blocks[p - 1].pc || b.ib != blocks[p - 1].ib;
    const bool fresh_b = p == 0 || b.pc != blocks[p - 1].pc || b.jc != blocks[p - 1].jc;
    a_slot[p] = p == 0 ? 0 : (fresh_a ? 1 - a_slot[p - 1] : a_slot[p - 1]);
    b_slot[p] = p == 0 ? 0 : (fresh_b ? 1 - b_slot[p - 1] : b_slot[p - 1]);
    a_new[p] = fresh_a;
    b_new[p] = fresh_b;
  }
  constexpr long kPackA = 4, kPackB = 2;  // slivers per packing task
  const long threads = num_threads();
  struct Plan {
    long compute = 0, b_chunks = 1, b_per_chunk = 0, pack_a = 0, pack_b = 0;
  };
  auto plan = [&](long p, long next) {
    Plan pl;
    if (p >= 0) {
      const Block& b = blocks[p];
      const long sa = (b.mb + MR - 1) / MR, sb = (b.nc + NR - 1) / NR;
      // Enough tasks that dynamic scheduling evens out the threads (at least 8 per thread where possible).
      pl.b_chunks = std::min(sb, std::max(1L, (8 * threads + sa - 1) / sa));
      pl.b_per_chunk = (sb + pl.b_chunks - 1) / pl.b_chunks;
      pl.b_chunks = (sb + pl.b_per_chunk - 1) / pl.b_per_chunk;
      pl.compute = sa * pl.b_chunks;
    }
    if (next < nblocks) {
      const Block& b = blocks[next];
      if (a_new[next]) pl.pack_a = ((b.mb + MR - 1) / MR + kPackA - 1) / kPackA;
      if (b_new[next]) pl.pack_b = ((b.nc + NR - 1) / NR + kPackB - 1) / kPackB;
    }
    return pl;
  };
  for (long p = -1; p < nblocks; p++) {
    const long next = p + 1;
    const Plan pl = plan(p, next);
    parallel_for(pl.compute + pl.pack_a + pl.pack_b, [&](long t) {
      if (t < pl.compute) {
        const Block& b = blocks[p];
        const long sa = t / pl.b_chunks, chunk = t % pl.b_chunks;
        const long ir = sa * MR, mr = std::min<long>(MR, b.mb - ir);
        const float* as = abuf[a_slot[p]] + sa * MR * b.kc;
        const bool acc = g.accumulate || b.pc > 0;
        float* crow = g.c + (b.ib + ir) * g.ldc + b.jc;
        alignas(64) float edge[MR * NR];
        const long j_end = std::min(b.nc, (chunk + 1) * pl.b_per_chunk * NR);
        for (long jr = chunk * pl.b_per_chunk * NR; jr < j_end; jr += NR) {
          const long nr = std::min<long>(NR, b.nc - jr);
          const float* bs = bbuf[b_slot[p]] + (jr / NR) * NR * b.kc;
          if (mr == MR && nr == NR) {
            ukr(b.kc, as, bs, crow + jr, g.ldc, acc);
          } else {
            ukr(b.kc, as, bs, edge, NR, false);
            for (long r = 0; r < mr; r++) {
              float* cr = crow + r * g.ldc + jr;
              const float* er = edge + r * NR;
              if (acc) {
                for (long j = 0; j < nr; j++) cr[j] += er[j];
              } else {
                for (long j = 0; j < nr; j++) cr[j] = er[j];
              }
            }
          }
        }
      } else if (t < pl.compute + pl.pack_a) {
        const Block& b = blocks[next];
        const long s0 = (t - pl.compute) * kPackA * MR;
        const long rows = std::min(kPackA * MR, b.mb - s0);
        pack_a<MR>(g, b.ib + s0, rows, b.pc, b.kc, abuf[a_slot[next]] + s0 * b.kc);
      } else {
        const Block& b = blocks[next];
        const long s0 = (t - pl.compute - pl.pack_a) * kPackB * NR;
        const long cols = std::min(kPackB * NR, b.nc - s0);
        pack_b<NR>(g, b.pc, b.kc, b.jc + s0, cols, bbuf[b_slot[next]] + s0 * b.kc);
      }
    });
  }
}

using BlockFn = void (*)(const Gemm&, MicroKernel, long, long, long, long);
using ParallelFn = void (*)(const Gemm&, MicroKernel);

BlockFn block_fn(const KernelInfo* kinfo) {
  if (kinfo->mr == 14 && kinfo->nr == 32) return gemm_block<14, 32>;
  if (kinfo->mr == 6 && kinfo->nr == 16) return gemm_block<6, 16>;
  return gemm_block<4, 16>;
}

ParallelFn parallel_fn(const KernelInfo* kinfo) {
  if (kinfo->mr == 14 && kinfo->nr == 32) return gemm_parallel<14, 32>;
  if (kinfo->mr == 6 && kinfo->nr == 16) return gemm_parallel<6, 16>;
  return gemm_parallel<4, 16>;
}

}  // namespace

void gemm_serial(const Gemm& g) {
  if (g.m <= 0 || g.n <= 0) return;
  if (g.m <= kSmallM) {
    gemm_small_m(g, 0, g.n);
    return;
  }
  const KernelInfo* kinfo = kernel();
  block_fn(kinfo)(g, kinfo->run, 0, g.m, 0, g.n);
}

void gemm(const Gemm& g) {
  if (g.m <= 0 || g.n <= 0) return;
  const KernelInfo* kinfo = kernel();
  const double macs = static_cast<double>(g.m) * g.n * g.k;
  if (g.m <= kSmallM) {
    // Memory-bound: split the columns (64 at a time) over threads when op(B) is large, so that each core streams
    // its share from its own L2 (batch-1 inference calls with the same weights again and again).
    const long chunks = static_cast<double>(g.n) * g.k < kSmallParallelB ? 1 : std::min<long>(num_threads(), (g.n + 63) / 64);
    const long per = ((g.n + chunks - 1) / chunks + 63) / 64 * 64;
    parallel_for(chunks, [&](long c) {
      const long j0 = c * per, j1 = std::min(g.n, j0 + per);
      if (j0 < j1) gemm_small_m(g, j0, j1);
    });
    return;
  }
  if (num_threads() <= 1 || macs < kParallelMacs || g.k == 0) {
    block_fn(kinfo)(g, kinfo->run, 0, g.m, 0, g.n);
    return;
  }
  parallel_fn(kinfo)(g, kinfo->run);
}

void gemm_batched(const Gemm& shape, long count, const double* a_off, const double* b_off, const double* c_off) {
  if (count <= 0 || shape.m <= 0 || shape.n <= 0) return;
  auto item = [&](long i) {
    Gemm g = shape;
    g.a = shape.a + static_cast<long>(a_off[i]);
    g.b = shape.b + static_cast<long>(b_off[i]);
    g.c = shape.c + static_cast<long>(c_off[i]);
    return g;
  };
  const double macs = static_cast<double>(shape.m) * shape.n * shape.k;
  const int threads = num_threads();
  // Many small products: one product per task. Few or large ones: parallel inside each product.
  if (count > 1 && threads > 1 && macs * count >= kParallelMacs && (count >= 4L * threads || macs < 4 * kParallelMacs)) {
    parallel_for(count, [&](long i) { gemm_serial(item(i)); });
  } else {
    for (long i = 0; i < count; i++) gemm(item(i));
  }
}

const char* gemm_kernel_name() { return kernel()->name; }

bool set_gemm_kernel(const char* name) {
  for (int i = 0; i < kKernelCount; i++) {
    if (std::strcmp(kKernels[i].name, name) == 0) {
      if (!kKernels[i].supported()) return false;
      g_kernel.store(&kKernels[i], std::memory_order_release);
      return true;
    }
  }
  return false;
}

const char* gemm_available_kernels() {
  static char names[128];
  names[0] = '\0';
  for (int i = 0; i < kKernelCount; i++) {
    if (!kKernels[i].supported()) continue;
    if (names[0]) std::strcat(names, ",");
    std::strcat(names, kKernels[i].name);
  }
  return names;
}

}  // namespace tg
