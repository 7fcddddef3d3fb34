/* letterhead.h — who issues a document, and how units are named in it
 * (Nghị định 30/2020/NĐ-CP, Phụ lục I and II): the issuing body is the unit
 * that exists on the document's date — a unit that has ended is succeeded,
 * through the store's lineage (`hailong units merge`), by the unit it was
 * merged into, and an abolished one without a successor by the nearest unit
 * above it that still exists; inside a sentence the kind of administrative
 * unit is written in lower case ("UBND tỉnh Khánh Hòa", "thuộc thành phố
 * Nha Trang"), except before a number ("Phường 1"). Pure: the caller gives
 * the units and the lineage. */
#ifndef HL_LETTERHEAD_H
#define HL_LETTERHEAD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "store/store.h"

struct hl_arena;

/* How the issuer of a unit's documents was found on a day. */
enum lh_how {
	LH_SELF = 0,      /* the unit exists that day (or has not ended yet) */
	LH_SUCCESSOR,     /* merged: the unit it went into (lineage) */
	LH_ABOVE,         /* ended without successor: the nearest unit above */
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

/* name as written inside a sentence: the leading kind of unit, after an
 * optional "UBND "/"Ủy ban nhân dân ", in lower case — "Thành phố Nha
 * Trang" → "thành phố Nha Trang", "UBND Tỉnh Khánh Hòa" → "UBND tỉnh Khánh
 * Hòa"; kept before a number ("Phường 1"). Owned by a (NULL when out of
 * memory). */
const char *lh_in_text(struct hl_arena *a, const char *name);

/* The administrative unit itself, without the body that governs it, inside
 * a sentence: "UBND phường Bắc Nha Trang" → "phường Bắc Nha Trang",
 * "Thành phố Nha Trang" → "thành phố Nha Trang"; other names as
 * lh_in_text. Owned by a. */
const char *lh_place_in_text(struct hl_arena *a, const char *name);

/* A unit's name short enough for a chart's axis, as offices abbreviate
 * it: the governing body left out, the kind of unit shortened — "UBND
 * phường Vĩnh Thọ" → "P. Vĩnh Thọ", "Trạm y tế xã Vĩnh Lương" → "TYT X.
 * Vĩnh Lương", "Thành phố Nha Trang" → "TP. Nha Trang". Owned by a. */
const char *lh_short(struct hl_arena *a, const char *name);

/* s with its first letter in capitals, to start a sentence; owned by a. */
const char *lh_sentence_start(struct hl_arena *a, const char *s);

/* A label written for a list ("Đường dây nóng") inside a sentence: its
 * first letter in lower case, unless the second is a capital too (an
 * abbreviation: "QR"). Owned by a. */
const char *lh_inside(struct hl_arena *a, const char *s);

#endif
