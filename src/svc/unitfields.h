/* unitfields.h — the fields (lĩnh vực) a unit's citizens are asked to pick
 * from on the kiosk and the phone survey (issue 12): the unit's own, most
 * used first, rather than every field of the province. */
#ifndef HL_UNITFIELDS_H
#define HL_UNITFIELDS_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"
#include "store/store.h"

struct hl_arena;

#define UNITFIELDS_DAYS 365 /* the past looked at: a year to the day asked about */

/* Where a unit's own fields came from. */
enum unitfields_source {
	UF_DOSSIERS,  /* its dossiers received in the year */
	UF_RESPONSES, /* no dossiers: the fields its responses of the year named */
	UF_ALL,       /* neither: every field, as before */
};

struct unitfields {
	const struct store_field **own; /* the unit's fields, most used first (ties by code) */
	size_t nown;
	const struct store_field **other; /* every other field, by code (empty for UF_ALL) */
	size_t nother;
	enum unitfields_source source;
};

/* The fields of unit_id as of day, out of fields[0..n) (every field, by
 * code: the ingest snapshot's, which the arrays point into): those of its
 * dossiers received in the UNITFIELDS_DAYS days to day, by number of
 * dossiers; without dossiers, those its responses of those days named
 * (the rollups), by number of responses; without either, all of them. The
 * arrays are in a. On a failure out still holds every field (UF_ALL), so
 * that a kiosk can go on. */
int unitfields_rank(struct store *st, int64_t unit_id, hl_day day, const struct store_field *fields,
	size_t n, struct hl_arena *a, struct unitfields *out, struct hl_err *err);

/* "dossiers", "responses" or "all". Static. */
const char *unitfields_source_code(enum unitfields_source s);

#endif
