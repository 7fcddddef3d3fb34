/* units.c — mergers of units: all checks first, then the writes, in one
 * transaction, so a refused merger leaves the tree as it was. */
#include "svc/units.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "svc/builtin.h"
#include "store/store.h"

#define MERGE_MAX 64

static int merge_tx(struct store *st, const char *new_code, const char *const *from,
	size_t nfrom, hl_day day, const char *name, const char *type, const char *who,
	struct store_unit *old, struct hl_err *err)
{
	struct store_unit nu;
	struct store_lineage *lin = NULL;
	size_t nlin = 0;
	struct hl_arena *a = NULL;
	char dbuf[16], detail[512];
	size_t off;
	int rc;

	for (size_t i = 0; i < nfrom; i++) {
		int64_t count = 0;

		if (strcmp(from[i], new_code) == 0)
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"đơn vị '%s' không thể sáp nhập vào chính nó", new_code);
		for (size_t j = 0; j < i; j++)
			if (strcmp(from[i], from[j]) == 0)
				return hl_err_set(err, HL_EINVAL, HL_HERE,
					"đơn vị '%s' được kể hai lần trong danh sách sáp nhập", from[i]);
		rc = STORE(st, unit_get, from[i], &old[i], err);
		if (rc == HL_ENOTFOUND)
			return hl_err_set(err, HL_ENOTFOUND, HL_HERE,
				"đơn vị được sáp nhập '%s' không tồn tại", from[i]);
		if (rc != HL_OK)
			return rc;
		if (old[i].valid_from != HL_DAY_NONE && old[i].valid_from >= day)
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"đơn vị '%s' chỉ có từ ngày %s, không thể sáp nhập từ ngày %s",
				from[i], hl_day_vn(old[i].valid_from, dbuf, sizeof(dbuf)),
				hl_day_vn(day, detail, sizeof(detail)));
		rc = STORE(st, response_count_after, old[i].id, day, &count, err);
		if (rc != HL_OK)
			return rc;
		if (count > 0)
			return hl_err_set(err, HL_ECONFLICT, HL_HERE,
				"đơn vị '%s' đã có %lld phiếu từ ngày %s trở đi, nên không thể sáp nhập "
				"từ ngày này; chọn ngày sau phiếu cuối cùng hoặc chuyển các phiếu đó "
				"sang '%s'", from[i], (long long)count,
				hl_day_vn(day, dbuf, sizeof(dbuf)), new_code);
	}

	memset(&nu, 0, sizeof(nu));
	rc = STORE(st, unit_get, new_code, &nu, err);
	if (rc == HL_ENOTFOUND) {
		if (name == NULL || type == NULL)
			return hl_err_set(err, HL_ENOTFOUND, HL_HERE,
				"đơn vị mới '%s' chưa có: tạo nó trước, hoặc cho biết tên và loại "
				"để tạo cùng lúc", new_code);
		for (size_t i = 1; i < nfrom; i++)
			if (old[i].parent_id != old[0].parent_id)
				return hl_err_set(err, HL_EINVAL, HL_HERE,
					"các đơn vị '%s' và '%s' không cùng đơn vị cấp trên; hãy tạo "
					"đơn vị mới '%s' trước, với đơn vị cấp trên của nó",
					from[0], from[i], new_code);
		memset(&nu, 0, sizeof(nu));
		snprintf(nu.code, sizeof(nu.code), "%s", new_code);
		nu.parent_id = old[0].parent_id;
		nu.valid_to = HL_DAY_NONE;
	} else if (rc != HL_OK) {
		return rc;
	}
	hl_err_clear(err);
	if (name != NULL)
		snprintf(nu.name, sizeof(nu.name), "%s", name);
	if (type != NULL) {
		if (builtin_unit_type_name(type) == NULL)
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"loại đơn vị '%s' không có", type);
		snprintf(nu.type, sizeof(nu.type), "%s", type);
	}
	if (nu.valid_to != HL_DAY_NONE && nu.valid_to < day)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"đơn vị mới '%s' đã hết hiệu lực trước ngày sáp nhập", new_code);
	nu.valid_from = day;
	rc = STORE(st, unit_put, &nu, err);
	if (rc != HL_OK)
		return rc;

	a = hl_arena_new((size_t)64 * 1024 * 1024);
	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sáp nhập");
	rc = STORE(st, lineage_list, a, &lin, &nlin, err);
	if (rc != HL_OK)
		goto cleanup;
	off = (size_t)snprintf(detail, sizeof(detail), "%s từ %s:", new_code,
		hl_day_iso(day, dbuf, sizeof(dbuf)));
	for (size_t i = 0; i < nfrom; i++) {
		struct store_lineage l = {nu.id, old[i].id, day};
		bool have = false;

		old[i].valid_to = day - 1;
		rc = STORE(st, unit_put, &old[i], err);
		if (rc != HL_OK)
			goto cleanup;
		for (size_t j = 0; j < nlin && !have; j++)
			have = lin[j].new_id == nu.id && lin[j].old_id == old[i].id;
		if (!have) {
			rc = STORE(st, lineage_add, &l, err);
			if (rc != HL_OK)
				goto cleanup;
		}
		if (off < sizeof(detail))
			off += (size_t)snprintf(detail + off, sizeof(detail) - off, " %s", from[i]);
	}
	rc = STORE(st, audit, who, "units.merge", detail, err);
cleanup:
	hl_arena_free(a);
	return rc;
}

int units_merge_in(struct store *st, const char *new_code, const char *const *from,
	size_t nfrom, hl_day day, const char *name, const char *type, const char *who,
	struct hl_err *err)
{
	struct store_unit old[MERGE_MAX];

	if (nfrom == 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "cần ít nhất một đơn vị được sáp nhập");
	if (nfrom > MERGE_MAX)
		return hl_err_set(err, HL_ELIMIT, HL_HERE,
			"sáp nhập tối đa %d đơn vị một lần", MERGE_MAX);
	return merge_tx(st, new_code, from, nfrom, day, name, type, who, old, err);
}

int units_merge(struct store *st, const char *new_code, const char *const *from,
	size_t nfrom, hl_day day, const char *name, const char *type, const char *who,
	struct hl_err *err)
{
	int rc = store_begin(st, err);

	if (rc != HL_OK)
		return rc;
	rc = units_merge_in(st, new_code, from, nfrom, day, name, type, who, err);
	if (rc == HL_OK)
		return store_commit(st, err);
	{
		struct hl_err ignored;

		store_rollback(st, &ignored);
	}
	return rc;
}

/* ---- pooling: the units whose data a unit's figures include ---- */

static int collect_sources(const struct store_lineage *lin, size_t nlin, int64_t id,
	hl_day until, const char *code, struct units_src *out, size_t *n, size_t cap, int depth,
	struct hl_err *err)
{
	if (*n >= cap || depth > 32)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"chuỗi sáp nhập của đơn vị '%s' quá dài hoặc lặp vòng", code);
	for (size_t k = 0; k < *n; k++)
		if (out[k].id == id)
			return HL_OK;
	out[*n].id = id;
	out[(*n)++].until = until;
	for (size_t l = 0; l < nlin; l++) {
		hl_day u;
		int rc;

		if (lin[l].new_id != id)
			continue;
		u = until == HL_DAY_NONE || lin[l].day < until ? lin[l].day : until;
		rc = collect_sources(lin, nlin, lin[l].old_id, u, code, out, n, cap, depth + 1, err);
		if (rc != HL_OK)
			return rc;
	}
	return HL_OK;
}

int units_sources(const struct store_lineage *lin, size_t nlin, int64_t id, const char *code,
	struct units_src *out, size_t *n, size_t cap, struct hl_err *err)
{
	*n = 0;
	return collect_sources(lin, nlin, id, HL_DAY_NONE, code, out, n, cap, 0, err);
}
