/* lookup.h — a string-keyed hash map for the import caches (unit, field,
 * staff and instrument codes to what the store knows of them), so checking a
 * row costs no query. Keys are copied; values are the caller's pointers. */
#ifndef HL_LOOKUP_H
#define HL_LOOKUP_H

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

#endif
