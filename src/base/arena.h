/* arena.h — a bump allocator per request, import or report: everything taken
 * from it is freed at once by hl_arena_free. Every arena has a cap. */
#ifndef HL_ARENA_H
#define HL_ARENA_H

#include <stddef.h>

struct hl_arena;

/* New arena that refuses to grow past cap bytes in all; NULL when out of memory. */
struct hl_arena *hl_arena_new(size_t cap);

/* Free the arena and everything allocated from it; NULL is a no-op. */
void hl_arena_free(struct hl_arena *a);

/* Forget everything allocated from a but keep its memory for what is
 * allocated next: the scratch space of a loop (a report's twelve monthly
 * indexes) then touches no new pages each round, which cost more than the
 * work on some machines. Every pointer into a is invalid after. */
void hl_arena_reset(struct hl_arena *a);

/* n zeroed bytes aligned for any type, owned by the arena; NULL past the cap. */
void *hl_arena_alloc(struct hl_arena *a, size_t n);

/* Make *arrp, an arena array of *cap elements of size bytes with n in use,
 * hold at least need: when it is too small, a copy of twice the size (or
 * need, or 16 elements, whichever is more) replaces it; the old block stays
 * in the arena. arrp is the address of the array's pointer. HL_ENOMEM past
 * the arena's cap (*arrp and *cap unchanged), else HL_OK. */
int hl_arena_grow(struct hl_arena *a, void *arrp, size_t n, size_t *cap, size_t need, size_t size);

/* Copy of s (or of its first n bytes, NUL-terminated), owned by the arena. */
char *hl_arena_strdup(struct hl_arena *a, const char *s);
char *hl_arena_strndup(struct hl_arena *a, const char *s, size_t n);

/* printf into arena memory. */
char *hl_arena_printf(struct hl_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
