// The machine's FP32 FMA peak: the ceiling that GEMM GFLOP/s are compared with.
// Build (bench/run.ts does it on the fly): cc -O3 -march=native -ffp-contract=fast -pthread peak.c -o peak
// Usage: peak <threads> [seconds]  -> one JSON line: {"peer":"hw-peak-<n>t","workload":"peak_fma",...}
// Each thread runs CHAINS independent multiply-add chains on the widest vectors the compiler targets
// (GCC/Clang vector extensions; with -march=native they become vfmadd on x86 and fmla on ARM), enough
// chains to cover the FMA latency times the number of FMA pipes on current cores.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#if defined(__AVX512F__)
#define VBYTES 64
#define CHAINS 16
#define ISA "avx512"
#elif defined(__AVX__)
#define VBYTES 32
#define CHAINS 12
#define ISA "avx2"
#else
#define VBYTES 16
#define CHAINS 16
#define ISA "128-bit"
#endif
#define LANES (VBYTES / 4)
#define WINDOWS 5

typedef float vf __attribute__((vector_size(VBYTES)));

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static long iters;

static void *worker(void *out) {
  vf acc[CHAINS], a, b;
  for (int l = 0; l < LANES; l++) a[l] = 0.999999f, b[l] = 1e-7f;
  for (int k = 0; k < CHAINS; k++)
    for (int l = 0; l < LANES; l++) acc[k][l] = (float)k;
  for (long i = 0; i < iters; i++) {
#pragma GCC unroll 16
    for (int k = 0; k < CHAINS; k++) acc[k] = acc[k] * a + b;
  }
  float s = 0;
  for (int k = 0; k < CHAINS; k++)
    for (int l = 0; l < LANES; l++) s += acc[k][l];
  *(float *)out = s;
  return NULL;
}

// GFLOP/s of `threads` threads each running `iters` iterations.
static double run(int threads) {
  pthread_t tid[64];
  float sink[64];
  double t0 = now();
  for (int t = 1; t < threads; t++) pthread_create(&tid[t], NULL, worker, &sink[t]);
  worker(&sink[0]);
  for (int t = 1; t < threads; t++) pthread_join(tid[t], NULL);
  double dt = now() - t0;
  if (sink[0] == 12345.f) puts("");  // keeps the result alive
  return (double)iters * CHAINS * LANES * 2 * threads / dt / 1e9;
}

static int cmp(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return (a > b) - (a < b);
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 1;
  double seconds = argc > 2 ? atof(argv[2]) : 0.25;  // per window
  if (threads < 1 || threads > 64) return 2;
  iters = 1000000;
  double g = run(threads);  // warm-up (clock ramp), then size the windows from it
  iters = (long)(seconds * g * 1e9 / (CHAINS * LANES * 2.0 * threads));
  if (iters < 1000) iters = 1000;
  double v[WINDOWS];
  for (int w = 0; w < WINDOWS; w++) v[w] = run(threads);
  double sorted[WINDOWS];
  for (int w = 0; w < WINDOWS; w++) sorted[w] = v[w];
  qsort(sorted, WINDOWS, sizeof(double), cmp);
  printf("{\"peer\":\"hw-peak-%dt\",\"workload\":\"peak_fma\",\"unit\":\"GFLOP/s\",\"threads\":%d,"
         "\"median\":%.3f,\"min\":%.3f,\"max\":%.3f,\"values\":[",
         threads, threads, sorted[WINDOWS / 2], sorted[0], sorted[WINDOWS - 1]);
  for (int w = 0; w < WINDOWS; w++) printf("%s%.3f", w ? "," : "", v[w]);
  printf("],\"isa\":\"%s\",\"chains\":%d}\n", ISA, CHAINS);
  return 0;
}
