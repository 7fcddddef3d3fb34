/* builtin.h — what hailong knows out of the box (unit types, commune-level
 * fields, the built-in instruments) and the set-up that puts it in a store:
 * `hailong init`, the demo and the server share it. */
#ifndef HL_BUILTIN_H
#define HL_BUILTIN_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

struct store;
struct store_instrument;

struct builtin_pair {
	const char *code;
	const char *name;
};

/* Unit types (code, Vietnamese name), static storage; *n gets the count. */
const struct builtin_pair *builtin_unit_types(size_t *n);

/* Vietnamese name of unit type code, or NULL if hailong has no such type. */
const char *builtin_unit_type_name(const char *code);

/* Create or migrate the schema and load the built-in instruments and fields
 * that are missing, in one transaction, with an audit entry by who.
 * *version gets the schema version; *added (may be NULL) the number of
 * instruments and fields added. */
int builtin_init(struct store *st, const char *who, int *version, int *added, struct hl_err *err);

/* Store the instrument defined by JSON text json[0..len) (io/instrument_json
 * format) under its code and version, with an audit entry by who, inside the
 * caller's transaction if there is one. Storing the same definition again is
 * harmless (*existed = true); a different definition under a stored code and
 * version is HL_ECONFLICT. out (may be NULL) gets the stored instrument. */
int builtin_instrument_install(struct store *st, const char *json, size_t len, const char *who,
	struct store_instrument *out, bool *existed, struct hl_err *err);

#endif
