/* instrument_json.h — custom instruments as JSON (format in docs/instruments.md):
 * parsing with errors that name the JSON path, and a canonical dump so that
 * equal instruments give identical text. */
#ifndef HL_INSTRUMENT_JSON_H
#define HL_INSTRUMENT_JSON_H

#include <stddef.h>

#include "base/err.h"
#include "core/instrument.h"

struct hl_arena;

/* Largest JSON text ij_parse accepts. */
#define IJ_MAX_BYTES (1024 * 1024)

/* Parse json[0..len) into a finished instrument; *out and all its strings are
 * owned by a. HL_EINVAL (err names the JSON path), HL_ELIMIT or HL_ENOMEM. */
int ij_parse(struct hl_arena *a, const char *json, size_t len, struct hl_instrument **out,
	struct hl_err *err);

/* Canonical compact JSON of a finished instrument; caller frees with free().
 * NULL when out of memory. */
char *ij_dump(const struct hl_instrument *in);

#endif
