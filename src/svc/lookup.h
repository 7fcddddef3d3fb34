/* lookup.h — the imports' hash tables. A lookup is a string-keyed map for
 * the import caches (unit, field, staff and instrument codes to what the
 * store knows of them), so checking a row costs no query; keys are copied,
 * values are the caller's pointers. A codeset holds the codes already seen
 * in one import file, for the "same code twice in the file" check, in 11
 * to 22 bytes per code, a table at most three quarters full (a file of ten
 * million dossiers would take a gigabyte as a map of strings): codes are
 * kept as 64-bit hashes, and two different codes collide with probability
 * about n² / 2^65 over a whole file (3·10⁻⁶ for ten million codes). */
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

struct codeset;

/* New empty set (free with codeset_free); NULL when out of memory. */
struct codeset *codeset_new(void);

/* Free s; NULL is a no-op. */
void codeset_free(struct codeset *s);

/* Add code; *seen tells whether it was there already. HL_ENOMEM or HL_OK. */
int codeset_add(struct codeset *s, const char *code, bool *seen);

#endif
