#include "memory.hpp"

#include <cstdlib>  // defines __GLIBC__ (through features.h) before it is tested below

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace alis::server {

void limit_allocator_arenas() {
#if defined(__GLIBC__)
    // Two arenas for sixteen request threads: a little contention, far less memory held in free lists.
    mallopt(M_ARENA_MAX, 2);
#endif
}

void return_free_memory() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

}  // namespace alis::server
