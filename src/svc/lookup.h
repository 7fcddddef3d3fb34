/* lookup.h — the imports' hash tables. A lookup is a string-keyed map for
 * the import caches (unit, field, staff and instrument codes to what the
 * store knows of them), so checking a row costs no query; keys are copied,
 * values are the caller's pointers.
 *
 * A dupset finds the codes met twice in one import file in memory that does
 * not grow with the file (at most 32 MiB, and the few suspects): each code's
 * 64-bit hash goes into a Bloom filter sized by the file; a code the filter
 * may have met already is a suspect, and only the suspects' hashes are
 * kept. A suspect is settled by reading the file once more: dupset_recount
 * on every code, in the same order, says which are really met before. Two
 * different codes collide with probability about n² / 2^65 over a whole
 * file (3·10⁻⁶ for ten million codes); a false suspect only costs the
 * recount, which a file of a million responses does not need. */
#ifndef HL_LOOKUP_H
#define HL_LOOKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

struct lookup;

/* New empty map; NULL when out of memory. Free with lookup_free. */
struct lookup *lookup_new(void);

/* Free the map and its key copies (not the values); NULL is a no-op. */
void lookup_free(struct lookup *l);

/* Set key to val (replacing an earlier value). HL_ENOMEM or HL_OK. */
int lookup_put(struct lookup *l, const char *key, void *val);

/* The value for key, or NULL; the pointer stays the caller's. */
void *lookup_get(const struct lookup *l, const char *key);

struct dupset;

/* An empty set for a file of file_bytes (0: unknown, the largest filter);
 * NULL when out of memory. Free with dupset_free. */
struct dupset *dupset_new(size_t file_bytes);

/* Free s; NULL is a no-op. */
void dupset_free(struct dupset *s);

/* The first read: note code. HL_ENOMEM or HL_OK. */
int dupset_add(struct dupset *s, const char *code);

/* The first read is over: the filter's memory is given back (no more
 * dupset_add); the suspects stay. */
void dupset_checked(struct dupset *s);

/* Whether the first read left suspects: then a recount is due. */
bool dupset_suspects(const struct dupset *s);

/* The recount: code's turn again; *dup when it was met earlier in this read
 * (always false without suspects). */
void dupset_recount(struct dupset *s, const char *code, bool *dup);

#endif
