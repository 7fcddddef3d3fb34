/* mem.h — every allocation goes through here, so tests can make the Nth
 * allocation fail and check that hailong answers cleanly and leaks nothing. */
#ifndef HL_MEM_H
#define HL_MEM_H

#include <stddef.h>

/* malloc/realloc/calloc/free with the test hook; hl_free(NULL) is a no-op. */
void *hl_malloc(size_t n);
void *hl_calloc(size_t count, size_t size);
void *hl_realloc(void *p, size_t n);
void hl_free(void *p);

/* Tests only: make the nth allocation from now fail (0 turns failing off). */
void hl_mem_fail_after(long n);

#endif
