/* copy.c — copy.h: the checks around store_copy's table moves. The source
 * is read inside one transaction (one snapshot on SQLite: an office's
 * server may keep running; PostgreSQL reads each table as committed when it
 * is read, so stop the writers of a PostgreSQL source first). */
#include "svc/copy.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/mem.h"
#include "base/text.h"
#include "store/store.h"
#include "svc/audit.h"

static int migrate_both(struct store *src, struct store *dst, struct hl_err *err)
{
	int version;
	int rc = store_migrate(src, &version, err);

	if (rc == HL_OK)
		rc = store_migrate(dst, &version, err);
	if (rc == HL_OK)
		rc = store_copy_check(src, err);
	if (rc == HL_OK)
		rc = store_copy_check(dst, err);
	return rc;
}

static int table_index(const char *name)
{
	for (int i = 0; i < store_copy_ntables; i++)
		if (strcmp(store_copy_tables[i], name) == 0)
			return i;
	return -1;
}

/* HL_EEXIST when dst already holds an office's data. */
static int refuse_full(struct store *dst, struct hl_err *err)
{
	int64_t units = 0, responses = 0;
	char u[32], r[32];
	int rc = store_copy_count(dst, table_index("units"), &units, err);

	if (rc == HL_OK)
		rc = store_copy_count(dst, table_index("responses"), &responses, err);
	if (rc == HL_OK && (units > 0 || responses > 0))
		rc = hl_err_set(err, HL_EEXIST, HL_HERE,
			"nơi nhận đã có dữ liệu (%s đơn vị, %s phiếu): hãy chép vào một cơ sở "
			"dữ liệu mới, vừa tạo bằng hailong --db … init",
			hl_fmt_int(u, sizeof(u), units), hl_fmt_int(r, sizeof(r), responses));
	return rc;
}

static int same_tallies(struct store *src, struct store *dst, struct hl_err *err)
{
	struct store_copy_sums a[STORE_COPY_GRAINS], b[STORE_COPY_GRAINS];
	int rc = store_copy_tally_sums(src, a, err);

	if (rc == HL_OK)
		rc = store_copy_tally_sums(dst, b, err);
	for (int g = 0; rc == HL_OK && g < STORE_COPY_GRAINS; g++)
		if (a[g].cells != b[g].cells || a[g].n != b[g].n ||
			fabs(a[g].s - b[g].s) > 1e-9 * fmax(1.0, fabs(a[g].s)))
			rc = hl_err_set(err, HL_ECORRUPT, HL_HERE,
				"bộ đếm sau khi chép khác nơi gửi (loại %d: %lld ô, %lld phiếu so với "
				"%lld ô, %lld phiếu): đã hủy, nơi nhận không đổi",
				g, (long long)b[g].cells, (long long)b[g].n, (long long)a[g].cells,
				(long long)a[g].n);
	return rc;
}

/* Every table into dst, then the ids and the checks; dst's transaction is
 * the caller's. */
static int copy_all(struct store *src, struct store *dst, const struct copy_opts *o,
	struct copy_report *rep, struct hl_err *err)
{
	int64_t *want = hl_calloc((size_t)store_copy_ntables, sizeof(*want));
	int rc = want == NULL ? hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sao chép") :
				store_copy_clear(dst, err);

	for (int i = 0; rc == HL_OK && i < store_copy_ntables; i++)
		rc = store_copy_count(src, i, &want[i], err);
	for (int i = 0; rc == HL_OK && i < store_copy_ntables; i++) {
		rc = store_copy_table(src, dst, i, o->progress, o->pctx, &rep->rows, err);
		rep->tables += rc == HL_OK;
	}
	if (rc == HL_OK)
		rc = store_copy_finish(dst, err);
	for (int i = 0; rc == HL_OK && i < store_copy_ntables; i++) {
		int64_t got = 0;

		rc = store_copy_count(dst, i, &got, err);
		if (rc == HL_OK && got != want[i])
			rc = hl_err_set(err, HL_ECORRUPT, HL_HERE,
				"bảng %s sau khi chép có %lld dòng, nơi gửi có %lld: đã hủy, nơi nhận "
				"không đổi",
				store_copy_tables[i], (long long)got, (long long)want[i]);
	}
	if (rc == HL_OK)
		rc = same_tallies(src, dst, err);
	if (rc == HL_OK) {
		rep->units = want[table_index("units")];
		rep->responses = want[table_index("responses")];
	}
	hl_free(want);
	return rc;
}

int copy_run(struct store *src, struct store *dst, const struct copy_opts *o,
	struct copy_report *rep, struct hl_err *err)
{
	char detail[512];
	int rc;

	*rep = (struct copy_report){0, 0, 0, 0};
	if ((rc = migrate_both(src, dst, err)) != HL_OK || (rc = refuse_full(dst, err)) != HL_OK)
		return rc;
	if ((rc = store_begin(src, err)) != HL_OK)
		return rc;
	rc = store_begin(dst, err);
	if (rc == HL_OK) {
		rc = copy_all(src, dst, o, rep, err);
		snprintf(detail, sizeof(detail), "từ %s: %lld dòng, %lld đơn vị, %lld phiếu",
			o->from_name, (long long)rep->rows, (long long)rep->units,
			(long long)rep->responses);
		rc = audit_commit(dst, rc, o->who, "copy", detail, err);
	}
	store_rollback(src, &(struct hl_err){0});
	return rc;
}
