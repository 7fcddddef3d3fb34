/* mem.h — every allocation goes through here, so tests can make the Nth
 * allocation fail and check that hailong answers cleanly and leaks nothing.
 * SQLite allocates through it too (store_sqlite.c), and jansson (set by
 * main.c and the tests with json_set_alloc_funcs). */
#ifndef HL_MEM_H
#define HL_MEM_H

#include <stdbool.h>
#include <stddef.h>

/* malloc/realloc/calloc/free with the test hook; hl_free(NULL) is a no-op.
 * Blocks are malloc's own: free() and hl_free() are interchangeable. */
void *hl_malloc(size_t n);
void *hl_calloc(size_t count, size_t size);
void *hl_realloc(void *p, size_t n);
void hl_free(void *p);

/* What an array of cap elements of size bytes grows to so that it holds
 * need: twice cap, or need, or 16, whichever is most; 0 when that many bytes
 * would not fit in a size_t. */
size_t hl_grow_cap(size_t cap, size_t need, size_t size);

/* Make *arrp, a malloc'd array of *cap elements of size bytes, hold at least
 * need: realloc'd to twice the size (or need, or 16 elements, whichever is
 * more) when it is too small. arrp is the address of the array's pointer.
 * false when out of memory (*arrp and *cap unchanged). */
bool hl_grow(void *arrp, size_t *cap, size_t need, size_t size);

/* Tests only: make the nth allocation from now fail, once, in any thread (0
 * turns failing off). */
void hl_mem_fail_after(long n);

/* Tests only: allocations still to come before the armed failure; 0 when it
 * has happened (or none is armed). */
long hl_mem_fail_left(void);

/* Tests only: whether the armed failure has happened since hl_mem_fail_after. */
bool hl_mem_failed(void);

#endif
