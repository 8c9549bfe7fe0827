#include "threadpool.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
static inline void cpu_relax() { _mm_pause(); }
#else
static inline void cpu_relax() {}
#endif

namespace tg {
namespace {

// How long an idle worker keeps spinning before it sleeps (TENSORGRAD_SPIN_US, default 20 us): enough to
// catch the next phase of a GEMM, short enough not to steal the core that JavaScript, the GC or another process
// needs between kernels (measured on a shared 2-vCPU machine: a 200 us spin made an MLP step 40% slower).
std::chrono::microseconds spin_time() {
  static const std::chrono::microseconds t = [] {
    const char* env = std::getenv("TENSORGRAD_SPIN_US");
    // Long enough to bridge the JavaScript between two products of a batch-1 inference loop (~40 us): waking a
    // sleeping worker costs the caller a futex call and the worker a context switch (measured: 200 us instead of
    // 20 made 2-thread batch-1 inference 20% faster). OpenMP runtimes spin for longer still.
    const long v = env ? std::atol(env) : 200;
    return std::chrono::microseconds(v >= 0 ? v : 200);
  }();
  return t;
}

// True on a thread while it runs tasks: nested parallel calls then run serially on that thread.
thread_local bool in_task = false;

struct Pool {
  std::mutex wake_mutex;
  std::condition_variable wake;
  // (job generation << 16) | participating workers, published in one store so a worker that reads it sees
  // a consistent pair: the caller cannot reuse the job fields until every participant has finished.
  std::atomic<unsigned long long> state{0};
  std::atomic<int> sleeping{0};
  std::vector<std::thread> workers;

  // The current job. `joined` is (generation << 32) | closed bit | number of workers running its tasks: a
  // worker joins with a compare-and-swap only while the job is open, and the caller, once every task is taken
  // and done on its side, closes the job and waits only for workers that joined. A worker that was descheduled
  // (a core shared with other processes) or still asleep is never waited for.
  const FnRef<void(long)>* body = nullptr;
  long tasks = 0;
  std::atomic<long> next{0};
  std::atomic<unsigned long long> joined{0};
  static constexpr unsigned long long kClosed = 1ull << 31;
  static constexpr unsigned long long kActive = kClosed - 1;

  int threads = 1;
  // Serializes jobs: a kernel called while the pool is busy (another JS thread) runs on its caller alone.
  std::mutex job_mutex;

  void try_join(unsigned long long gen) {
    unsigned long long w = joined.load(std::memory_order_acquire);
    for (;;) {
      if ((w >> 32) != (gen & 0xffffffffull) || (w & kClosed)) return;  // an older job, or already closed
      if (joined.compare_exchange_weak(w, w + 1, std::memory_order_acq_rel)) break;
    }
    run_tasks();
    joined.fetch_sub(1, std::memory_order_acq_rel);
  }

  void run_tasks() {
    const auto& f = *body;
    in_task = true;
    for (long t; (t = next.fetch_add(1, std::memory_order_relaxed)) < tasks;) f(t);
    in_task = false;
  }

  // `seen` is the state when the worker was created: a job published before the thread starts running
  // is then still new to it.
  void worker(int index, unsigned long long seen) {
    for (;;) {
      const auto start = std::chrono::steady_clock::now();
      const auto spin = spin_time();
      unsigned spins = 0;
      while (state.load(std::memory_order_acquire) == seen) {
        cpu_relax();
        if ((++spins & 255) == 0 && std::chrono::steady_clock::now() - start > spin) {
          std::unique_lock<std::mutex> lock(wake_mutex);
          sleeping.fetch_add(1);
          wake.wait(lock, [&] { return state.load(std::memory_order_acquire) != seen; });
          sleeping.fetch_sub(1);
          break;
        }
      }
      seen = state.load(std::memory_order_acquire);
      if (index < static_cast<int>(seen & 0xffff)) try_join(seen >> 16);
    }
  }

  void ensure_workers(int count) {
    while (static_cast<int>(workers.size()) < count) {
      int index = static_cast<int>(workers.size());
      const unsigned long long now = state.load(std::memory_order_acquire);
      workers.emplace_back([this, index, now] { worker(index, now); });
      // Never joined: the process may exit while workers sleep (the pool is intentionally leaked).
      workers.back().detach();
    }
  }
};

Pool& pool() {
  // Leaked on purpose: destroying a mutex a detached worker waits on at exit would be undefined behaviour.
  static Pool* p = [] {
    auto* q = new Pool();
    int n = hardware_threads();
    if (const char* env = std::getenv("TENSORGRAD_NUM_THREADS")) {
      int v = std::atoi(env);
      if (v >= 1) n = v;
    }
    q->threads = std::min(std::max(1, n), 4096);
    q->ensure_workers(q->threads - 1);
    return q;
  }();
  return *p;
}

}  // namespace

int hardware_threads() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

int num_threads() { return pool().threads; }

void set_num_threads(int n) {
  Pool& p = pool();
  std::lock_guard<std::mutex> guard(p.job_mutex);
  p.threads = std::min(std::max(1, n), 4096);
  p.ensure_workers(p.threads - 1);
}

void parallel_for(long tasks, FnRef<void(long)> body) {
  if (tasks <= 0) return;
  Pool& p = pool();
  if (in_task) {
    for (long t = 0; t < tasks; t++) body(t);
    return;
  }
  std::unique_lock<std::mutex> guard(p.job_mutex, std::try_to_lock);
  int helpers = static_cast<int>(std::min<long>(p.threads, tasks)) - 1;
  if (!guard.owns_lock() || helpers <= 0) {
    for (long t = 0; t < tasks; t++) body(t);
    return;
  }
  p.body = &body;
  p.tasks = tasks;
  p.next.store(0, std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> lock(p.wake_mutex);
    const unsigned long long gen = (p.state.load(std::memory_order_relaxed) >> 16) + 1;
    p.joined.store((gen & 0xffffffffull) << 32, std::memory_order_release);
    p.state.store((gen << 16) | static_cast<unsigned long long>(helpers), std::memory_order_release);
  }
  if (p.sleeping.load() > 0) p.wake.notify_all();
  p.run_tasks();
  // Close the job, then wait for the workers that joined it; yield now and then so one preempted onto this core
  // (oversubscribed machine) can finish its task.
  p.joined.fetch_or(Pool::kClosed, std::memory_order_acq_rel);
  for (unsigned spins = 1; (p.joined.load(std::memory_order_acquire) & Pool::kActive) != 0; spins++) {
    cpu_relax();
    if ((spins & 1023) == 0) std::this_thread::yield();
  }
  p.body = nullptr;
}

void parallel_range(long n, long grain, FnRef<void(long, long)> body) {
  if (n <= 0) return;
  long chunks = std::min<long>(num_threads(), std::max<long>(1, n / std::max<long>(grain, 1)));
  if (chunks <= 1) {
    body(0, n);
    return;
  }
  long per = (n + chunks - 1) / chunks;
  parallel_for(chunks, [&](long c) {
    long b = c * per, e = std::min(n, b + per);
    if (b < e) body(b, e);
  });
}

}  // namespace tg
