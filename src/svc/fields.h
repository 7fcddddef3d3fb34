/* fields.h — the fields (lĩnh vực): the list, adding or renaming one, and
 * the fields as people name them: a box where a clerk types a field takes
 * its name, in any case, with or without diacritics ("Hộ tịch", "ho tich"),
 * its first letters when only one name starts so, or its code. */
#ifndef HL_SVC_FIELDS_H
#define HL_SVC_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "store/store.h"

struct hl_arena;

/* The field of f[0..n) that typed names — its code, its whole name, or the
 * start (3 letters or more) of exactly one name, compared folded
 * (base/text.h hl_text_fold) — into *at; false when none or several. */
bool fields_find(const struct store_field *f, size_t n, const char *typed, size_t *at);

/* Every field, in code order, into *out (owned by a). */
int fields_list(struct store *st, struct hl_arena *a, struct store_field **out, size_t *n,
	struct hl_err *err);

/* Add or rename the field f (by code), audited by who as fields.put; inside
 * the caller's transaction (a server write). */
int fields_put_in(struct store *st, struct store_field *f, const char *who, struct hl_err *err);

#endif
