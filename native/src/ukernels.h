// Register-blocked GEMM micro-kernels. Each computes one MR x NR tile of C from packed panels:
//   ap: kc groups of MR values (column p of an A sliver), bp: kc groups of NR values (row p of a B sliver),
//   both 64-byte aligned; c: the tile (row-major, leading dimension ldc). acc: C += (else C =).
#pragma once

namespace tg {

using MicroKernel = void (*)(long kc, const float* ap, const float* bp, float* c, long ldc, bool acc);

struct KernelInfo {
  const char* name;
  int mr, nr;
  MicroKernel run;
  bool (*supported)();
};

/** Every compiled micro-kernel, best first. */
extern const KernelInfo kKernels[];
extern const int kKernelCount;

}  // namespace tg
