/* store_q_instruments.c — the instruments area (store.h struct
 * store_instruments_ops), written once for every backend (store_q.h):
 *  - instrument_put: stores (code, version, name, json) in one statement,
 *    so two writers storing one version meet on its unique key; the same
 *    definition again gives the stored id, another one HL_EEXIST.
 *  - instrument_get: version 0 = the highest; HL_ENOTFOUND when absent; the
 *    definition copied into the arena. instrument_get_id: the same by id.
 *  - instrument_list: every version, by code then version, without their
 *    definitions. */
#include "store/store_q.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"

#define COLS "id, code, version, name, definition"

#include "store/sql/instruments.h" /* its statements: sql/instruments.sql */

/* The row put returned: its id, and whether its definition is json. */
struct stored {
	const char *json;
	int64_t id;
	bool same;
};

static int read_stored(void *ctx, const struct q_cur *c)
{
	struct stored *s = ctx;
	size_t len;
	const char *def = q_col_text(c, 1, &len);

	s->id = q_col_i64(c, 0);
	s->same = len == strlen(s->json) && memcmp(def, s->json, len) == 0;
	return HL_OK;
}

static int q_instrument_put(struct store *st, struct store_instrument *in, const char *json,
	struct hl_err *err)
{
	struct stored s = {.json = json};
	struct q_args a = {0};
	int rc;

	if (in->code[0] == '\0' || json == NULL || in->version < 1)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"bộ câu hỏi '%s': thiếu mã, định nghĩa hoặc phiên bản %d không hợp lệ",
			in->code, in->version);
	q_text(&a, in->code, sizeof(in->code));
	q_i64(&a, in->version);
	q_text(&a, in->name, sizeof(in->name));
	q_text(&a, json, strlen(json) + 1);
	if ((rc = q_each(st, &put, &a, read_stored, &s, "lưu bộ câu hỏi", err)) != HL_OK)
		return rc;
	if (!s.same)
		return hl_err_set(err, HL_EEXIST, HL_HERE,
			"bộ câu hỏi %s phiên bản %d đã có với định nghĩa khác; hãy tăng số phiên bản",
			in->code, in->version);
	in->id = s.id;
	return HL_OK;
}

/* The instrument and its definition, read from one row. */
struct one {
	struct hl_arena *a;
	struct store_instrument *out;
	char **json;
	bool got, nomem;
};

static int read_one(void *ctx, const struct q_cur *c)
{
	struct one *o = ctx;
	size_t len;
	const char *def;

	o->got = true;
	memset(o->out, 0, sizeof(*o->out));
	q_read(c, 0, cols, SQ_NCOLS(cols), o->out);
	if (o->json == NULL)
		return HL_OK;
	def = q_col_text(c, 4, &len);
	*o->json = o->a != NULL ? hl_arena_strndup(o->a, def, len) : NULL;
	o->nomem = *o->json == NULL;
	return HL_OK;
}

static int one(struct store *st, const struct q_stmt *s, const struct q_args *a, const char *what,
	struct hl_arena *ar, struct store_instrument *out, char **json, struct hl_err *err)
{
	struct one o = {.a = ar, .out = out, .json = json};
	int rc = q_each(st, s, a, read_one, &o, "đọc bộ câu hỏi", err);

	if (rc != HL_OK)
		return rc;
	if (!o.got)
		return hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không có bộ câu hỏi %s", what);
	if (o.nomem)
		return hl_err_set(err, HL_ENOMEM, HL_HERE,
			"hết bộ nhớ khi đọc định nghĩa bộ câu hỏi %s", what);
	return HL_OK;
}

static int q_instrument_get(struct store *st, const char *code, int version, struct hl_arena *ar,
	struct store_instrument *out, char **json, struct hl_err *err)
{
	struct q_args a = {0};
	char what[STORE_CODE_MAX + 32];

	q_text(&a, code, STORE_CODE_MAX);
	if (version == 0) {
		snprintf(what, sizeof(what), "%s", code);
		return one(st, &latest, &a, what, ar, out, json, err);
	}
	snprintf(what, sizeof(what), "%s phiên bản %d", code, version);
	q_i64(&a, version);
	return one(st, &get, &a, what, ar, out, json, err);
}

static int q_instrument_get_id(struct store *st, int64_t id, struct hl_arena *ar,
	struct store_instrument *out, char **json, struct hl_err *err)
{
	struct q_args a = {0};
	char what[48];

	snprintf(what, sizeof(what), "số hiệu %lld", (long long)id);
	q_i64(&a, id);
	return one(st, &by_id, &a, what, ar, out, json, err);
}

static int q_instrument_list(struct store *st, struct hl_arena *ar, struct store_instrument **out,
	size_t *n, struct hl_err *err)
{
	return Q_LIST(st, &list, NULL, ar, cols, out, n, "liệt kê bộ câu hỏi", err);
}

const struct store_instruments_ops q_instruments = {Q_OP(instrument_put), Q_OP(instrument_get),
	Q_OP(instrument_get_id), Q_OP(instrument_list)};
