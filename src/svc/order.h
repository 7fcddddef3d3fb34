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
struct rpt_group;
struct iq_unit;
struct hl_arena;
struct hl_err;

/* Fill m's display order, groups by type with their means, and the mean of
 * every unit (report_model.h), from m->index; rows below target follow the units'
 * order and feedback rows go by unit name. Memory in a. */
int rpt_order(struct rpt_model *m, struct hl_arena *a, struct hl_err *err);

/* m's groups into *g and their number: m->groups, or — a model without
 * them — one group of every unit in the index's order, in one. */
int rpt_groups(const struct rpt_model *m, struct rpt_group *one, const struct rpt_group **g);

/* The unit shown at position i (rpt_groups' first + k). */
const struct iq_unit *rpt_unit_at(const struct rpt_model *m, size_t i);

#endif
