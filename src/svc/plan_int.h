/* plan_int.h — what the improvement plan's files (plan*.c) share and no
 * one else uses: one audited write, the unit of a plan and its writing. */
#ifndef HL_SVC_PLAN_INT_H
#define HL_SVC_PLAN_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "svc/plan.h"

#define ARENA_CAP ((size_t)64 * 1024 * 1024)
#define YEAR_MARK "{năm}" /* the plan's year in a built-in text */

/* The standard tasks plan_std_write_tx stores (n = 0: back to the built-in ones). */
struct std_write {
	const struct store_plan_std *t;
	size_t n;
};

/* A unit's plan that plan_write_tx stores. */
struct plan_write {
	const struct plan_doc *p;
	struct store_plan_task *t;
	size_t n;
	bool replace;
};

/* fn for audit_tx: ctx a struct std_write. */
int plan_std_write_tx(struct store *st, void *ctx, struct hl_err *err);
/* fn for audit_tx: ctx a struct plan_write; HL_EEXIST unless replace. */
int plan_write_tx(struct store *st, void *ctx, struct hl_err *err);
/* Text NFC into dst; false if too long. */
bool plan_nfc_into(const char *s, char *dst, size_t size);
/* The unit of code and its parent (NULL at the top), in p (parent in a). */
int plan_find_unit(struct store *st, struct hl_arena *a, const char *code, struct plan_doc *p,
	struct hl_err *err);
/* A new empty plan of year in a, or NULL (err set). */
struct plan_doc *plan_new_doc(struct hl_arena *a, int year, struct hl_err *err);

#endif
