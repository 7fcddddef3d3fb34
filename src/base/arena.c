/* arena.c — chunked bump allocation with a total cap. */
#include "base/arena.h"
#include "base/err.h"
#include "base/mem.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define CHUNK_MIN (64 * 1024)
#define ALIGN 16

struct chunk {
	struct chunk *next;
	size_t size, used;
	_Alignas(ALIGN) unsigned char data[];
};

struct hl_arena {
	struct chunk *head;  /* in use, the one allocated from first */
	struct chunk *spare; /* kept by hl_arena_reset for later allocations */
	size_t cap, total;
};

struct hl_arena *hl_arena_new(size_t cap)
{
	struct hl_arena *a = hl_calloc(1, sizeof(*a));

	if (a != NULL)
		a->cap = cap;
	return a;
}

void hl_arena_free(struct hl_arena *a)
{
	struct chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		hl_free(c);
	}
	for (c = a->spare; c != NULL; c = next) {
		next = c->next;
		hl_free(c);
	}
	hl_free(a);
}

void hl_arena_reset(struct hl_arena *a)
{
	struct chunk *c;

	if (a == NULL)
		return;
	while ((c = a->head) != NULL) {
		a->head = c->next;
		c->next = a->spare;
		a->spare = c;
	}
}

/* The smallest spare chunk with room for need bytes, taken off the spare
 * list and emptied; NULL if none. */
static struct chunk *take_spare(struct hl_arena *a, size_t need)
{
	struct chunk **best = NULL, *c;

	for (struct chunk **pp = &a->spare; *pp != NULL; pp = &(*pp)->next)
		if ((*pp)->size >= need && (best == NULL || (*pp)->size < (*best)->size))
			best = pp;
	if (best == NULL)
		return NULL;
	c = *best;
	*best = c->next;
	c->used = 0;
	return c;
}

void *hl_arena_alloc(struct hl_arena *a, size_t n)
{
	struct chunk *c;
	size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	void *p;

	if (a == NULL || need < n)
		return NULL;
	c = a->head;
	if (c == NULL || c->size - c->used < need) {
		if ((c = take_spare(a, need)) == NULL) {
			size_t size = need > CHUNK_MIN ? need : CHUNK_MIN;

			if (size > SIZE_MAX - sizeof(*c) || a->total + size > a->cap)
				return NULL;
			c = hl_malloc(sizeof(*c) + size);
			if (c == NULL)
				return NULL;
			c->size = size;
			c->used = 0;
			a->total += size;
		}
		c->next = a->head;
		a->head = c;
	}
	p = c->data + c->used;
	c->used += need;
	memset(p, 0, n);
	return p;
}

int hl_arena_grow(struct hl_arena *a, void *arrp, size_t n, size_t *cap, size_t need, size_t size)
{
	size_t ncap;
	void *old, *grown;

	if (need <= *cap)
		return HL_OK;
	if ((ncap = hl_grow_cap(*cap, need, size)) == 0 ||
		(grown = hl_arena_alloc(a, ncap * size)) == NULL)
		return HL_ENOMEM;
	/* through memcpy: arrp points to a T *, not to a void * */
	memcpy(&old, arrp, sizeof(old));
	if (n > 0)
		memcpy(grown, old, n * size);
	memcpy(arrp, &grown, sizeof(grown));
	*cap = ncap;
	return HL_OK;
}

char *hl_arena_strndup(struct hl_arena *a, const char *s, size_t n)
{
	char *p = hl_arena_alloc(a, n + 1);

	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *hl_arena_strdup(struct hl_arena *a, const char *s)
{
	return hl_arena_strndup(a, s, strlen(s));
}

char *hl_arena_printf(struct hl_arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	p = hl_arena_alloc(a, (size_t)n + 1);
	if (p == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
