/* mem.c — allocation with a failure-injection hook for tests.
 * The counter is the one process-wide global: it exists only for tests. */
#include "base/mem.h"

#include <stdlib.h>

static long fail_countdown;

static int should_fail(void)
{
	if (fail_countdown <= 0)
		return 0;
	return --fail_countdown == 0;
}

void hl_mem_fail_after(long n)
{
	fail_countdown = n;
}

void *hl_malloc(size_t n)
{
	return should_fail() ? NULL : malloc(n ? n : 1);
}

void *hl_calloc(size_t count, size_t size)
{
	return should_fail() ? NULL : calloc(count ? count : 1, size ? size : 1);
}

void *hl_realloc(void *p, size_t n)
{
	return should_fail() ? NULL : realloc(p, n ? n : 1);
}

void hl_free(void *p)
{
	free(p);
}
