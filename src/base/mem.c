/* mem.c — allocation with a failure-injection hook for tests.
 * The counter is the one process-wide global: it exists only for tests, and
 * is atomic because the server allocates from many threads. Unarmed, a call
 * costs one relaxed load. */
#include "base/mem.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static _Atomic long fail_countdown;
static _Atomic bool fail_fired;

static bool should_fail(void)
{
	long c = atomic_load_explicit(&fail_countdown, memory_order_relaxed);

	while (c > 0) {
		if (atomic_compare_exchange_weak(&fail_countdown, &c, c - 1)) {
			if (c != 1)
				return false;
			atomic_store(&fail_fired, true);
			return true;
		}
	}
	return false;
}

void hl_mem_fail_after(long n)
{
	atomic_store(&fail_fired, false);
	atomic_store(&fail_countdown, n > 0 ? n : 0);
}

long hl_mem_fail_left(void)
{
	return atomic_load(&fail_countdown);
}

bool hl_mem_failed(void)
{
	return atomic_load(&fail_fired);
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

size_t hl_grow_cap(size_t cap, size_t need, size_t size)
{
	size_t ncap = cap > 8 ? cap * 2 : 16;

	if (ncap < need)
		ncap = need;
	return size != 0 && ncap > SIZE_MAX / size ? 0 : ncap;
}

bool hl_grow(void *arrp, size_t *cap, size_t need, size_t size)
{
	size_t ncap;
	void *old, *grown;

	if (need <= *cap)
		return true;
	if ((ncap = hl_grow_cap(*cap, need, size)) == 0)
		return false;
	/* through memcpy: arrp points to a T *, not to a void * */
	memcpy(&old, arrp, sizeof(old));
	if ((grown = hl_realloc(old, ncap * size)) == NULL)
		return false;
	memcpy(arrp, &grown, sizeof(grown));
	*cap = ncap;
	return true;
}

void hl_free(void *p)
{
	free(p);
}
