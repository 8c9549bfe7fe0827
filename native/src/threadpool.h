// A persistent pool of worker threads shared by every kernel of the addon.
// Workers spin briefly after a job (the next kernel usually follows within microseconds), then sleep on a
// condition variable so an idle process costs nothing. The calling (JavaScript) thread always takes part.
#pragma once
#include <cstddef>
#include <functional>

namespace tg {

/** Runs body(task) for task in [0, tasks) on up to `threads()` threads; returns when every task is done. */
void parallel_for(long tasks, const std::function<void(long)>& body);

/** Splits [0, n) into chunks of at least `grain` elements and runs body(begin, end) on each in parallel. */
void parallel_range(long n, long grain, const std::function<void(long, long)>& body);

/** The number of threads parallel_for uses (the caller included). */
int num_threads();

/** Sets the number of threads (>= 1), starting workers when needed. */
void set_num_threads(int n);

/** The number of hardware threads of this machine. */
int hardware_threads();

}  // namespace tg
