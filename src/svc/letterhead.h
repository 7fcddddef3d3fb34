/* letterhead.h — who issues a document (Nghị định 30/2020/NĐ-CP, Phụ lục
 * I): the issuing body is the unit
 * that exists on the document's date — a unit that has ended is succeeded,
 * through the store's lineage (`hailong units merge`), by the unit it was
 * merged into, and an abolished one without a successor by the nearest unit
 * above it that still exists. How units are named inside a sentence is
 * core/phrase.h. Pure: the caller gives the units and the lineage. */
#ifndef HL_LETTERHEAD_H
#define HL_LETTERHEAD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "store/store.h"

/* How the issuer of a unit's documents was found on a day. */
enum lh_how {
	LH_SELF = 0,  /* the unit exists that day (or has not ended yet) */
	LH_SUCCESSOR, /* merged: the unit it went into (lineage) */
	LH_ABOVE,     /* ended without successor: the nearest unit above */
};

/* The unit that issues u's documents on day (units[0..n) and lin[0..nlin)
 * from the store), and how it was found into *how (may be NULL); u itself
 * when nothing else exists then. Points into units. */
const struct store_unit *lh_issuer_on(const struct store_unit *units, size_t n,
	const struct store_lineage *lin, size_t nlin, const struct store_unit *u, hl_day day,
	enum lh_how *how);

/* The unit above issuer on day by the same rule, NULL at the root. */
const struct store_unit *lh_parent_on(const struct store_unit *units, size_t n,
	const struct store_lineage *lin, size_t nlin, const struct store_unit *issuer, hl_day day);

#endif
