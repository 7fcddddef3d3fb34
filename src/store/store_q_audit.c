/* store_q_audit.c — the audit log's two operations (store.h struct
 * store_admin_ops audit and audit_list), written once for every backend
 * (store_q.h); the rest of the admin area is each backend's own. */
#include "store/store_q.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"

#include "store/sql/audit.h" /* its statements: sql/audit.sql */

int q_audit(struct store *st, const char *who, const char *action, const char *detail,
	struct hl_err *err)
{
	struct q_args a = {0};
	char at[32];

	q_utc_now(at, sizeof(at));
	q_text(&a, at, sizeof(at));
	q_text(&a, who != NULL ? who : "", SIZE_MAX);
	q_text(&a, action != NULL ? action : "", SIZE_MAX);
	q_text(&a, detail != NULL ? detail : "", SIZE_MAX);
	return q_exec(st, &add, &a, NULL, "ghi nhật ký", err);
}

struct lines {
	struct hl_arena *a;
	char **arr;
	size_t count, cap;
	struct hl_err *err;
};

/* One entry as "at\twho\taction\tdetail", tabs and line breaks inside a
 * field turned into spaces so that it stays one line. */
static int add_line(void *ctx, const struct q_cur *c)
{
	struct lines *l = ctx;
	size_t size = 4, pos = 0, len[4];
	const char *f[4];
	char *line;

	for (int i = 0; i < 4; i++) {
		f[i] = q_col_text(c, i, &len[i]);
		size += len[i];
	}
	if (hl_arena_grow(l->a, &l->arr, l->count, &l->cap, l->count + 1, sizeof(*l->arr)) != HL_OK)
		goto nomem;
	if ((line = hl_arena_alloc(l->a, size)) == NULL)
		goto nomem;
	for (int i = 0; i < 4; i++) {
		for (size_t k = 0; k < len[i]; k++)
			line[pos++] = f[i][k] == '\t' || f[i][k] == '\n' || f[i][k] == '\r' ?
				' ' :
				f[i][k];
		if (i < 3)
			line[pos++] = '\t';
	}
	line[pos] = '\0';
	l->arr[l->count++] = line;
	return HL_OK;
nomem:
	return hl_err_set(l->err, HL_ENOMEM, HL_HERE,
		"hết bộ nhớ khi đọc nhật ký (đã đọc %zu dòng)", l->count);
}

int q_audit_list(struct store *st, int limit, struct hl_arena *ar, char ***lines, size_t *n,
	struct hl_err *err)
{
	struct lines l = {.a = ar, .err = err};
	struct q_args a = {0};
	int rc;

	q_i64(&a, limit > 0 ? limit : INT64_MAX);
	rc = q_each(st, &list, &a, add_line, &l, "đọc nhật ký", err);
	*lines = rc == HL_OK ? l.arr : NULL;
	*n = rc == HL_OK ? l.count : 0;
	return rc;
}
