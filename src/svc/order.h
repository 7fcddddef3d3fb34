/* order.h — the order of units in documents (issue 12): grouped by unit
 * type in the order of the built-in types (UBND cấp xã before Trạm y tế …),
 * then by name in Vietnamese alphabetical order (base/collate.h); never by
 * code, which mixes ward offices with health stations. */
#ifndef HL_RPT_ORDER_H
#define HL_RPT_ORDER_H

#include <stddef.h>

/* The place of unit type code among the built-in types; unknown types
 * after them. */
int ord_type_rank(const char *type);

/* <0, 0, >0 as unit (type ta, name na) comes before, with or after unit
 * (tb, nb): type first, then name. */
int ord_units(const char *ta, const char *na, const char *tb, const char *nb);

struct rpt_model;
struct hl_arena;
struct hl_err;

/* Fill m's display order, groups by type with their means, and the mean of
 * every unit (report_model.h), from m->index; rows below target follow the units'
 * order and feedback rows go by unit name. Memory in a. */
int rpt_order(struct rpt_model *m, struct hl_arena *a, struct hl_err *err);

#endif
