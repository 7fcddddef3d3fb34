/* instruments.h — stored instrument versions, parsed: the one place that
 * turns an instrument's id, or its code and version, into a struct
 * hl_instrument. A stored version never changes (builtin.c refuses other
 * content under a code@version already stored), so what a caller parsed
 * stays true for as long as it keeps it. Nothing is cached across calls
 * here: each caller parses into its own arena (a request's, a command's,
 * an import's) and keeps the result as long as that arena. */
#ifndef HL_INSTRUMENTS_H
#define HL_INSTRUMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct hl_arena;
struct hl_instrument;
struct store;
struct store_instrument;

/* Every stored version, in the store's order, into *list (owned by a). */
int instruments_list(struct store *st, struct hl_arena *a, struct store_instrument **list,
	size_t *n, struct hl_err *err);

/* The version with id: its row into *meta (may be NULL) and, parsed, into
 * *out (may be NULL: the row only); owned by a. HL_ENOTFOUND, or ij_parse's
 * HL_EINVAL for a stored definition that no longer parses. */
int instruments_get_id(struct store *st, struct hl_arena *a, int64_t id,
	struct store_instrument *meta, struct hl_instrument **out, struct hl_err *err);

/* The same by code and version (0: the newest version of code), and the
 * stored definition's text into *json (may be NULL; owned by a). */
int instruments_get(struct store *st, struct hl_arena *a, const char *code, int version,
	struct store_instrument *meta, char **json, struct hl_instrument **out, struct hl_err *err);

/* Parsed versions by id, each loaded on first use and kept as long as the
 * cache: for a long-lived owner (the server's writer) that meets the same
 * few versions again and again. One thread at a time. */
struct instruments_cache;

/* A new, empty cache (NULL: out of memory); free it with
 * instruments_cache_free (NULL is a no-op). */
struct instruments_cache *instruments_cache_new(void);
void instruments_cache_free(struct instruments_cache *c);

/* The version with id, parsed, loaded from st the first time (owned by c).
 * NULL with err set: instruments_get_id's errors, HL_EINVAL for an id out of
 * range. */
const struct hl_instrument *instruments_cached(struct instruments_cache *c, struct store *st,
	int64_t id, struct hl_err *err);

/* Every stored version, rows into *list and parsed into *in, both n long
 * and owned by a. */
int instruments_all(struct store *st, struct hl_arena *a, struct store_instrument **list,
	struct hl_instrument ***in, size_t *n, struct hl_err *err);

#endif
