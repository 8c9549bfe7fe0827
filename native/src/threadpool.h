// A persistent pool of worker threads shared by every kernel of the addon.
// Workers spin briefly after a job (the next kernel usually follows within microseconds), then sleep on a
// condition variable so an idle process costs nothing. The calling (JavaScript) thread always takes part.
#pragma once
#include <cstddef>
#include <type_traits>
#include <utility>

namespace tg {

template <typename Sig>
class FnRef;

/**
 * A non-owning reference to a callable, valid while the callable lives (for the duration of a call that takes
 * it). Unlike std::function it never allocates: kernels on small tensors are called thousands of times a second
 * and a heap allocation per call showed in their profiles.
 */
template <typename R, typename... Args>
class FnRef<R(Args...)> {
 public:
  template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, FnRef>>>
  FnRef(F&& f)  // NOLINT: implicit, as std::function
      : object_(const_cast<void*>(static_cast<const void*>(&f))),
        call_([](void* o, Args... args) -> R { return (*static_cast<std::remove_reference_t<F>*>(o))(std::forward<Args>(args)...); }) {}

  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

 private:
  void* object_;
  R (*call_)(void*, Args...);
};

/** Runs body(task) for task in [0, tasks) on up to `threads()` threads; returns when every task is done. */
void parallel_for(long tasks, FnRef<void(long)> body);

/** Splits [0, n) into chunks of at least `grain` elements and runs body(begin, end) on each in parallel. */
void parallel_range(long n, long grain, FnRef<void(long, long)> body);

/** The number of threads parallel_for uses (the caller included). */
int num_threads();

/** Sets the number of threads (>= 1), starting workers when needed. */
void set_num_threads(int n);

/** The number of hardware threads of this machine. */
int hardware_threads();

}  // namespace tg
