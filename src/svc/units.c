/* units.c — changes to the unit tree: one unit added or edited, and
 * mergers. All checks first, then the writes, in one transaction, so a
 * refused change leaves the tree as it was. */
#include "svc/units.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "svc/audit.h"
#include "svc/builtin.h"
#include "store/store.h"

#define MERGE_MAX 64
#define TREE_ARENA ((size_t)256 * 1024 * 1024)

/* ---- the tree: following parents ---- */

struct by_id {
	int64_t id;
	size_t at;
};

/* u[0..n) found by id, to follow parents. */
struct tree {
	const struct store_unit *u;
	size_t n;
	struct by_id *ids; /* sorted by id */
};

static int cmp_by_id(const void *pa, const void *pb)
{
	const struct by_id *a = pa, *b = pb;

	return a->id < b->id ? -1 : a->id > b->id;
}

static int tree_init(struct hl_arena *a, const struct store_unit *u, size_t n, struct tree *t,
	struct hl_err *err)
{
	t->u = u;
	t->n = n;
	t->ids = hl_arena_alloc(a, (n + 1) * sizeof(*t->ids));
	if (t->ids == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc cây đơn vị");
	for (size_t i = 0; i < n; i++)
		t->ids[i] = (struct by_id){u[i].id, i};
	qsort(t->ids, n, sizeof(*t->ids), cmp_by_id);
	return HL_OK;
}

/* The index of the parent of u[i] into *p; false at the top or for a parent
 * that is not in the list. */
static bool tree_parent(const struct tree *t, size_t i, size_t *p)
{
	struct by_id key = {t->u[i].parent_id, 0};
	const struct by_id *hit;

	if (t->u[i].parent_id == 0)
		return false;
	hit = bsearch(&key, t->ids, t->n, sizeof(*t->ids), cmp_by_id);
	if (hit != NULL)
		*p = hit->at;
	return hit != NULL;
}

int units_successor(struct store *st, int64_t id, struct store_unit *to, hl_day *day,
	struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new(TREE_ARENA);
	struct store_lineage *lin = NULL;
	struct store_unit *u = NULL;
	size_t nlin = 0, nu = 0;
	int64_t next = 0;
	int rc;

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc cây đơn vị");
	rc = STORE(st, units, lineage_list, a, &lin, &nlin, err);
	for (size_t i = 0; rc == HL_OK && i < nlin && next == 0; i++)
		if (lin[i].old_id == id) {
			next = lin[i].new_id;
			*day = lin[i].day;
		}
	if (rc == HL_OK && next != 0)
		rc = STORE(st, units, unit_list, a, &u, &nu, err);
	for (size_t i = 0; rc == HL_OK && i < nu; i++)
		if (u[i].id == next) {
			*to = u[i];
			hl_arena_free(a);
			return HL_OK;
		}
	hl_arena_free(a);
	return rc != HL_OK ? rc : HL_ENOTFOUND;
}

int units_loops(struct hl_arena *a, const struct store_unit *u, size_t n, bool *on, size_t *count,
	struct hl_err *err)
{
	enum { NEW, ON_PATH, DONE };
	unsigned char *state = hl_arena_alloc(a, n + 1);
	size_t *path = hl_arena_alloc(a, (n + 1) * sizeof(*path));
	size_t found = 0;
	struct tree t;
	int rc;

	if (state == NULL || path == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc cây đơn vị");
	if ((rc = tree_init(a, u, n, &t, err)) != HL_OK)
		return rc;
	memset(state, NEW, n);
	memset(on, 0, n * sizeof(*on));
	/* Up from each unit not seen yet until the top, a unit already done, or
	 * a unit of this very walk: then the walk from there on is a loop. */
	for (size_t i = 0; i < n; i++) {
		size_t len = 0, j = i;
		bool top = false;

		while (state[j] == NEW) {
			state[j] = ON_PATH;
			path[len++] = j;
			if (!tree_parent(&t, j, &j)) {
				top = true;
				break;
			}
		}
		if (!top && state[j] == ON_PATH) {
			size_t k = len;

			while (k > 0 && path[k - 1] != j)
				k--;
			for (k--; k < len; k++) {
				on[path[k]] = true;
				found++;
			}
		}
		for (size_t k = 0; k < len; k++)
			state[path[k]] = DONE;
	}
	if (count != NULL)
		*count = found;
	return HL_OK;
}

/* ---- one unit added or edited ---- */

/* The checks of units_put_in, then nu put in list[at] (where the unit is
 * now, or a free last slot when it is new: old NULL): list[0..n) becomes
 * the tree as it will be; parent is nu's parent's index, n for none. */
static int put_checks(struct hl_arena *a, struct store_unit *list, size_t n, size_t at,
	const struct store_unit *nu, const struct store_unit *old, size_t parent,
	int64_t scope_root, struct hl_err *err)
{
	bool moved = old == NULL || old->parent_id != nu->parent_id;
	bool *on;
	int rc;

	if (parent < n && list[parent].id == nu->id)
		return hl_err_set(err, HL_EINVAL, "parent",
			"một đơn vị không thể là cấp trên của chính nó");
	/* Where the unit is now, then where it will be. */
	list[at] = old != NULL ? *old : *nu;
	if (scope_root != 0 && old != NULL && !scope_within(list, n, old->id, scope_root))
		return hl_err_set(err, HL_EPERM, "code",
			"không được sửa đơn vị '%s': đơn vị "
			"này ngoài phạm vi quản trị của tài khoản",
			nu->code);
	if (scope_root != 0 && old != NULL && old->id == scope_root && moved)
		return hl_err_set(err, HL_EPERM, "parent",
			"không được chuyển đơn vị '%s' sang "
			"đơn vị cấp trên khác: đó là đơn vị gốc của phạm vi quản trị của tài khoản "
			"(chỉ quản trị toàn hệ thống mới chuyển được)",
			nu->code);
	list[at] = *nu;
	if ((on = hl_arena_alloc(a, (n + 1) * sizeof(*on))) == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc cây đơn vị");
	if ((rc = units_loops(a, list, n, on, NULL, err)) != HL_OK)
		return rc;
	if (on[at])
		return hl_err_set(err, HL_EINVAL, "parent",
			"không thể đặt '%s' làm đơn vị cấp trên "
			"của '%s': '%s' là đơn vị cấp dưới của '%s', cây đơn vị sẽ thành vòng lặp",
			list[parent].code, nu->code, list[parent].code, nu->code);
	if (scope_root != 0 && moved &&
		(parent == n || !scope_within(list, n, list[parent].id, scope_root)))
		return hl_err_set(err, HL_EPERM, "parent",
			"đơn vị cấp trên %s%s%sngoài phạm vi "
			"quản trị của tài khoản: hãy chọn một đơn vị trong phạm vi",
			parent < n ? "'" : "", parent < n ? list[parent].code : "",
			parent < n ? "' " : "");
	return HL_OK;
}

int units_put_in(struct store *st, const struct store_unit *u, const char *parent_code,
	int64_t scope_root, const char *who, struct hl_err *err)
{
	struct hl_arena *a = NULL;
	struct store_unit *all = NULL, *list, nu = *u, old;
	size_t n = 0, at, parent;
	char detail[STORE_CODE_MAX + STORE_NAME_MAX + 40];
	bool existed;
	int rc;

	if (builtin_unit_type_name(u->type) == NULL)
		return hl_err_set(err, HL_EINVAL, "type", "loại đơn vị '%s' không có", u->type);
	if (u->valid_from != HL_DAY_NONE && u->valid_to != HL_DAY_NONE &&
		u->valid_to < u->valid_from)
		return hl_err_set(err, HL_EINVAL, "valid_to", "ngày kết thúc trước ngày bắt đầu");
	if ((a = hl_arena_new(TREE_ARENA)) == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc cây đơn vị");
	if ((rc = STORE(st, units, unit_list, a, &all, &n, err)) != HL_OK)
		goto cleanup;
	/* The tree as it will be: the unit changed in place, or added last. */
	if ((list = hl_arena_alloc(a, (n + 1) * sizeof(*list))) == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc cây đơn vị");
		goto cleanup;
	}
	if (n > 0)
		memcpy(list, all, n * sizeof(*list));
	for (at = 0; at < n && strcmp(list[at].code, u->code) != 0; at++)
		;
	existed = at < n;
	old = existed ? list[at] : (struct store_unit){0};
	nu.id = existed ? old.id : -1; /* ids are positive: -1 is the new one */
	n += !existed;
	parent = n;
	if (parent_code == NULL && existed) {
		nu.parent_id = old.parent_id;
		for (size_t i = 0; i < n; i++)
			if (list[i].id == old.parent_id && old.parent_id != 0)
				parent = i;
	} else if (parent_code != NULL && parent_code[0] != '\0') {
		for (size_t i = 0; i < n - !existed; i++)
			if (strcmp(list[i].code, parent_code) == 0)
				parent = i;
		if (parent == n) {
			rc = hl_err_set(err, HL_ENOTFOUND, "parent",
				"không có đơn vị cấp trên '%s'", parent_code);
			goto cleanup;
		}
		nu.parent_id = list[parent].id;
	} else {
		nu.parent_id = 0;
	}
	rc = put_checks(a, list, n, at, &nu, existed ? &old : NULL, parent, scope_root, err);
	if (rc != HL_OK)
		goto cleanup;
	nu.id = existed ? old.id : 0;
	if ((rc = STORE(st, units, unit_put, &nu, err)) != HL_OK)
		goto cleanup;
	snprintf(detail, sizeof(detail), "%s: %s (%s)", nu.code, nu.name, nu.type);
	rc = STORE(st, admin, audit, who, existed ? "units.edit" : "units.add", detail, err);
cleanup:
	hl_arena_free(a);
	return rc;
}

/* ---- mergers ---- */

static int merge_tx(struct store *st, const char *new_code, const char *const *from, size_t nfrom,
	hl_day day, const char *name, const char *type, const char *who, struct store_unit *old,
	struct hl_err *err)
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
					"đơn vị '%s' được kể hai lần trong danh sách sáp nhập",
					from[i]);
		rc = STORE(st, units, unit_get, from[i], &old[i], err);
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
		rc = STORE(st, responses, response_count_after, old[i].id, day, &count, err);
		if (rc != HL_OK)
			return rc;
		if (count > 0)
			return hl_err_set(err, HL_ECONFLICT, HL_HERE,
				"đơn vị '%s' đã có %lld phiếu từ ngày %s trở đi, nên không thể sáp nhập "
				"từ ngày này; chọn ngày sau phiếu cuối cùng hoặc chuyển các phiếu đó "
				"sang '%s'",
				from[i], (long long)count, hl_day_vn(day, dbuf, sizeof(dbuf)),
				new_code);
	}

	memset(&nu, 0, sizeof(nu));
	rc = STORE(st, units, unit_get, new_code, &nu, err);
	if (rc == HL_ENOTFOUND) {
		if (name == NULL || type == NULL)
			return hl_err_set(err, HL_ENOTFOUND, HL_HERE,
				"đơn vị mới '%s' chưa có: tạo nó trước, hoặc cho biết tên và loại "
				"để tạo cùng lúc",
				new_code);
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
			return hl_err_set(err, HL_EINVAL, HL_HERE, "loại đơn vị '%s' không có",
				type);
		snprintf(nu.type, sizeof(nu.type), "%s", type);
	}
	if (nu.valid_to != HL_DAY_NONE && nu.valid_to < day)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"đơn vị mới '%s' đã hết hiệu lực trước ngày sáp nhập", new_code);
	nu.valid_from = day;
	rc = STORE(st, units, unit_put, &nu, err);
	if (rc != HL_OK)
		return rc;

	a = hl_arena_new((size_t)64 * 1024 * 1024);
	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sáp nhập");
	rc = STORE(st, units, lineage_list, a, &lin, &nlin, err);
	if (rc != HL_OK)
		goto cleanup;
	off = (size_t)snprintf(detail, sizeof(detail), "%s từ %s:", new_code,
		hl_day_iso(day, dbuf, sizeof(dbuf)));
	for (size_t i = 0; i < nfrom; i++) {
		struct store_lineage l = {nu.id, old[i].id, day};
		bool have = false;

		old[i].valid_to = day - 1;
		rc = STORE(st, units, unit_put, &old[i], err);
		if (rc != HL_OK)
			goto cleanup;
		for (size_t j = 0; j < nlin && !have; j++)
			have = lin[j].new_id == nu.id && lin[j].old_id == old[i].id;
		if (!have) {
			rc = STORE(st, units, lineage_add, &l, err);
			if (rc != HL_OK)
				goto cleanup;
		}
		if (off < sizeof(detail))
			off += (size_t)snprintf(detail + off, sizeof(detail) - off, " %s", from[i]);
	}
	rc = STORE(st, admin, audit, who, "units.merge", detail, err);
cleanup:
	hl_arena_free(a);
	return rc;
}

int units_merge_in(struct store *st, const char *new_code, const char *const *from, size_t nfrom,
	hl_day day, const char *name, const char *type, const char *who, struct hl_err *err)
{
	struct store_unit old[MERGE_MAX];

	if (nfrom == 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "cần ít nhất một đơn vị được sáp nhập");
	if (nfrom > MERGE_MAX)
		return hl_err_set(err, HL_ELIMIT, HL_HERE, "sáp nhập tối đa %d đơn vị một lần",
			MERGE_MAX);
	return merge_tx(st, new_code, from, nfrom, day, name, type, who, old, err);
}

int units_merge(struct store *st, const char *new_code, const char *const *from, size_t nfrom,
	hl_day day, const char *name, const char *type, const char *who, struct hl_err *err)
{
	return STORE_TX(st, err,
		units_merge_in(st, new_code, from, nfrom, day, name, type, who, err));
}

/* ---- pooling: the units whose data a unit's figures include ---- */

static int collect_sources(const struct store_lineage *lin, size_t nlin, int64_t id, hl_day until,
	const char *code, struct units_src *out, size_t *n, size_t cap, int depth,
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
		rc = collect_sources(lin, nlin, lin[l].old_id, u, code, out, n, cap, depth + 1,
			err);
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

/* ---- reading the tree ---- */

int units_list(struct store *st, struct hl_arena *a, struct store_unit **out, size_t *n,
	struct hl_err *err)
{
	return STORE(st, units, unit_list, a, out, n, err);
}

const struct store_unit *units_by_id(const struct store_unit *u, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (u[i].id == id)
			return &u[i];
	return NULL;
}

int units_get(struct store *st, const char *code, struct store_unit *out, struct hl_err *err)
{
	return STORE(st, units, unit_get, code, out, err);
}

int units_lineage(struct store *st, struct hl_arena *a, struct store_lineage **out, size_t *n,
	struct hl_err *err)
{
	return STORE(st, units, lineage_list, a, out, n, err);
}

/* s (may be NULL) checked and in NFC into dst (size bytes): UTF-8 without
 * control characters, shorter than size; hotline: only a telephone
 * number's characters; email: one @ between two non-empty parts. */
static int contact_part(struct hl_arena *a, const char *field, const char *what, const char *s,
	char *dst, size_t size, struct hl_err *err)
{
	char *nfc;
	size_t at = 0;

	if (s == NULL)
		s = "";
	if (!hl_utf8_valid(s, strlen(s), NULL) || hl_text_control(s, &at) != 0)
		return hl_err_set(err, HL_EINVAL, field, "%s có ký tự không hợp lệ", what);
	if ((nfc = hl_utf8_nfc(a, s)) == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	nfc = hl_trim(nfc);
	if (strlen(nfc) >= size)
		return hl_err_set(err, HL_EINVAL, field, "%s dài quá %zu byte", what, size - 1);
	if (strcmp(field, "hotline") == 0 && strspn(nfc, "0123456789 +.-()") != strlen(nfc))
		return hl_err_set(err, HL_EINVAL, field,
			"%s chỉ gồm chữ số, dấu cách và các dấu + . - ( ), ví dụ 0258 3822 123",
			what);
	if (strcmp(field, "email") == 0 && nfc[0] != '\0') {
		const char *sign = strchr(nfc, '@');

		if (sign == NULL || sign == nfc || sign[1] == '\0' || strchr(sign + 1, '@') ||
			strchr(nfc, ' '))
			return hl_err_set(err, HL_EINVAL, field,
				"%s không đúng dạng, ví dụ ubnd@bacnhatrang.gov.vn", what);
	}
	snprintf(dst, size, "%s", nfc);
	return HL_OK;
}

int units_contact_put_in(struct store *st, const char *code, const char *hotline,
	const char *address, const char *email, const char *who, struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new(64 << 10);
	struct store_unit_contact c = {0};
	struct store_unit u;
	char detail[STORE_CODE_MAX + 48];
	int rc;

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = contact_part(a, "hotline", "số điện thoại đường dây nóng", hotline, c.hotline,
		sizeof(c.hotline), err);
	if (rc == HL_OK)
		rc = contact_part(a, "address", "địa chỉ", address, c.address, sizeof(c.address),
			err);
	if (rc == HL_OK)
		rc = contact_part(a, "email", "thư điện tử", email, c.email, sizeof(c.email), err);
	if (rc == HL_OK && (rc = units_get(st, code, &u, err)) == HL_OK) {
		c.unit_id = u.id;
		rc = STORE(st, units, contact_put, &c, err);
	}
	snprintf(detail, sizeof(detail), "%s: liên hệ", code);
	if (rc == HL_OK)
		rc = audit_log(st, who, "units.contact", detail, err);
	hl_arena_free(a);
	return rc;
}

int units_contact_put(struct store *st, const char *code, const char *hotline, const char *address,
	const char *email, const char *who, struct hl_err *err)
{
	return STORE_TX(st, err, units_contact_put_in(st, code, hotline, address, email, who, err));
}

int units_contact(struct store *st, int64_t unit_id, struct store_unit_contact *out,
	struct hl_err *err)
{
	int rc = STORE(st, units, contact_get, unit_id, out, err);

	if (rc == HL_ENOTFOUND) {
		hl_err_clear(err);
		memset(out, 0, sizeof(*out));
		out->unit_id = unit_id;
		rc = HL_OK;
	}
	return rc;
}
