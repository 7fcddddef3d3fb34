/* store_sqlite_mem.c — SQLite allocates through base/mem.h (issue 10), so
 * that a test failing the Nth allocation reaches SQLite's too, as SQLite's
 * own tests do with their failing allocator. */
#include "store/store_sqlite.h"
#include "store/store_sqlite_priv.h"

#include "base/mem.h"

/* Each block starts with its size (xSize needs it), in 16 bytes to keep
 * malloc's alignment. */
#define MEM_HEAD 16

static void *mem_malloc(int n)
{
	unsigned char *p = n >= 0 ? hl_malloc((size_t)n + MEM_HEAD) : NULL;

	if (p == NULL)
		return NULL;
	memcpy(p, &(size_t){(size_t)n}, sizeof(size_t));
	return p + MEM_HEAD;
}

static void mem_free(void *p)
{
	if (p != NULL)
		hl_free((unsigned char *)p - MEM_HEAD);
}

static int mem_size(void *p)
{
	size_t n;

	if (p == NULL)
		return 0;
	memcpy(&n, (unsigned char *)p - MEM_HEAD, sizeof(n));
	return (int)n;
}

static void *mem_realloc(void *p, int n)
{
	unsigned char *q;

	if (p == NULL)
		return mem_malloc(n);
	if (n < 0 || (q = hl_realloc((unsigned char *)p - MEM_HEAD, (size_t)n + MEM_HEAD)) == NULL)
		return NULL;
	memcpy(q, &(size_t){(size_t)n}, sizeof(size_t));
	return q + MEM_HEAD;
}

static int mem_roundup(int n)
{
	return (n + 7) & ~7;
}

static int mem_init(void *ctx)
{
	(void)ctx;
	return SQLITE_OK;
}

static void mem_shutdown(void *ctx)
{
	(void)ctx;
}

void sq_mem_route(void)
{
	static const sqlite3_mem_methods methods = {
		mem_malloc,
		mem_free,
		mem_realloc,
		mem_size,
		mem_roundup,
		mem_init,
		mem_shutdown,
		NULL,
	};

	/* SQLITE_MISUSE if SQLite was initialised already: then it keeps its own. */
	sqlite3_config(SQLITE_CONFIG_MALLOC, &methods);
}

void sq_cache_limit(int64_t bytes)
{
	sqlite3_soft_heap_limit64(bytes);
}
