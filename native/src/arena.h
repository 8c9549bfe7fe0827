// Memory for long-lived arrays (weights, optimizer state): 64-byte aligned and, on Linux, in transparent huge
// pages (see arena.cc).
#pragma once
#include <cstddef>

namespace tg {

/** A block handed out by `arena_alloc`; pass it back to `arena_release` once its array is dead. */
struct ArenaBlock {
  void* data;
  void* chunk;
};

/** `bytes` of zeroed memory, 64-byte aligned; data is null when the system refuses the memory. */
ArenaBlock arena_alloc(size_t bytes);

/** Releases a block; its chunk is unmapped once every block in it is released. Returns the bytes unmapped. */
size_t arena_release(void* chunk);

}  // namespace tg
