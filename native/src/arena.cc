// A bump allocator over 2 MiB-aligned chunks for long-lived arrays. Weights placed in ordinary 4 KiB pages land
// in physical pages the kernel picks at random, and a matrix nearly as large as the L2 cache then maps several
// pages onto the same cache sets: a batch-1 product that streams the weights missed L2 from one run to the next
// by chance (measured 23-27 us for the 784x256 + 256x128 products, 14-18 us in one huge page). A 2 MiB huge page
// is physically contiguous, so the placement in cache is that of the addresses. Chunks are never reused: a chunk
// goes back to the system when the last array in it is collected.
#include "arena.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace tg {
namespace {

constexpr size_t kHugePage = size_t{1} << 21;
constexpr size_t kAlign = 64;

struct Chunk {
  char* base;
  size_t size;
  size_t used;
  long live;
};

std::mutex arena_mutex;
Chunk* current = nullptr;

Chunk* map_chunk(size_t size) {
  void* p = nullptr;
#if defined(__linux__)
  // Over-map by one huge page so the chunk can start on a huge-page boundary, then trim the ends.
  void* raw = mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return nullptr;
  const uintptr_t start = (reinterpret_cast<uintptr_t>(raw) + kHugePage - 1) & ~(kHugePage - 1);
  const size_t head = start - reinterpret_cast<uintptr_t>(raw), tail = kHugePage - head;
  if (head) munmap(raw, head);
  if (tail) munmap(reinterpret_cast<char*>(start) + size, tail);
  p = reinterpret_cast<void*>(start);
  madvise(p, size, MADV_HUGEPAGE);  // a hint: without transparent huge pages the chunk is ordinary memory
#else
  p = std::aligned_alloc(kHugePage, size);
  if (!p) return nullptr;
  std::memset(p, 0, size);
#endif
  return new Chunk{static_cast<char*>(p), size, 0, 0};
}

void unmap_chunk(Chunk* c) {
#if defined(__linux__)
  munmap(c->base, c->size);
#else
  std::free(c->base);
#endif
  delete c;
}

}  // namespace

ArenaBlock arena_alloc(size_t bytes) {
  const size_t need = (bytes + kAlign - 1) / kAlign * kAlign;
  std::lock_guard<std::mutex> lock(arena_mutex);
  if (!current || current->size - current->used < need) {
    Chunk* fresh = map_chunk((need + kHugePage - 1) / kHugePage * kHugePage);
    if (!fresh) return {nullptr, nullptr};
    // The previous chunk stays mapped while arrays in it live; with none left it goes now.
    if (current && current->live == 0) unmap_chunk(current);
    current = fresh;
  }
  void* data = current->base + current->used;
  current->used += need;
  current->live++;
  return {data, current};
}

size_t arena_release(void* chunk) {
  std::lock_guard<std::mutex> lock(arena_mutex);
  Chunk* c = static_cast<Chunk*>(chunk);
  if (--c->live > 0 || c == current) return 0;
  const size_t size = c->size;
  unmap_chunk(c);
  return size;
}

}  // namespace tg
