#pragma once
// glibc's allocator keeps freed memory in per-thread arenas and rarely gives it back, so a burst of
// large requests would leave the server's resident memory high for good. These two calls bound the
// arenas and hand free pages back to the system (a job calls the second every few seconds).
namespace alis::server {

void limit_allocator_arenas();
void return_free_memory();

}  // namespace alis::server
