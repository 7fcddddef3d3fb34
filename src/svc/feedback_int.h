/* feedback_int.h — what the feedback files (feedback*.c) share and no one
 * else uses: the context every query loads (units, offices, deadlines, the
 * calendar), an item's next step and deadline, the checks of text and codes,
 * and receipt inside a held transaction (the portal import's too). */
#ifndef HL_SVC_FEEDBACK_INT_H
#define HL_SVC_FEEDBACK_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "svc/feedback.h"

struct wc_sched;

#define FB_NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define OP_ARENA_CAP ((size_t)4 * 1024 * 1024)
#define NAME_MAX_CHARS 200 /* the sender's name and contact */
#define FORWARD_HOURS_MAX 2000
#define ANSWER_DAYS_MAX 365
#define TREE_DEPTH_MAX 64
#define MONTHS_MAX 1200

/* What every query needs, loaded by fb_ctx_load (in its arena a). */
struct fb_ctx {
	struct store *st;
	struct hl_arena *a;
	struct hl_err *err;
	struct store_unit *units; /* sorted by id */
	size_t nunits;
	struct store_fb_office *offices;
	size_t noffices;
	struct store_fb_deadline *dl;
	size_t ndl;
	const struct cal *cal;
	struct cal *own;
};

/* Load units (sorted by id), offices and deadlines into c, in a, and the
 * calendar when need_cal and cal is NULL (c owns it: fb_ctx_done frees it). */
int fb_ctx_load(struct fb_ctx *c, struct store *st, const struct cal *cal, bool need_cal,
	struct hl_arena *a, struct hl_err *err);
void fb_ctx_done(struct fb_ctx *c);
/* The unit of c with id or code, or NULL (points into c). */
const struct store_unit *fb_unit_of(const struct fb_ctx *c, int64_t id);
const struct store_unit *fb_unit_code(const struct fb_ctx *c, const char *code);
/* HL_ENOTFOUND naming the unknown unit code. */
int fb_no_unit(struct hl_err *err, const char *code);
/* Whether unit id is top or below it. */
bool fb_is_under(const struct fb_ctx *c, int64_t id, int64_t top);
/* The forward hours and answer days in force for (unit_id, cls). */
void fb_resolve_deadline(const struct fb_ctx *c, int64_t unit_id, int cls, int *fh, int *ad);
/* The answer's deadline on s: days working days from receipt (first) or
 * from the reopening. */
int fb_answer_due(const struct wc_sched *s, const struct store_fb_item *it, int days, bool first,
	int64_t *due, struct hl_err *err);
/* out from it: codes, names, the next step, its deadline, overdue at at. */
int fb_decorate(struct fb_ctx *c, const struct store_fb_item *it, int64_t at, struct fb_item *out);
/* HL_OK when code is 1.. ASCII letters, digits, . _ - (what names it). */
int fb_check_code(const char *code, const char *what, struct hl_err *err);
/* The stored hash of a short tracking code (10 symbols, not grouped). */
void fb_short_hash(const char *code10, unsigned char out[STORE_HASH_LEN]);
/* The unit named by code into *u (NULL code: NULL), HL_ENOTFOUND if unknown. */
int fb_scope_unit(const struct fb_ctx *c, const char *code, const struct store_unit **u);
/* fb_add inside a transaction the caller holds, with the arena a. */
int fb_add_in_tx(struct store *st, struct hl_arena *a, const struct fb_new *in, const char *who,
	char *code, char *token, struct hl_err *err);

#endif
