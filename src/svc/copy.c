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
#include "svc/tallyacc.h"

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
			"dữ liệu mới, vừa tạo bằng hailong --db … init, hoặc thêm --merge để gộp "
			"vào dữ liệu đó",
			hl_fmt_int(u, sizeof(u), units), hl_fmt_int(r, sizeof(r), responses));
	return rc;
}

/* HL_ECORRUPT unless dst's tallies are src's, plus base's (NULL: none;
 * then the count of cells too). */
static int same_tallies(struct store *src, struct store *dst, const struct store_copy_sums *base,
	struct hl_err *err)
{
	struct store_copy_sums a[STORE_COPY_GRAINS], b[STORE_COPY_GRAINS];
	int rc = store_copy_tally_sums(src, a, err);

	if (rc == HL_OK)
		rc = store_copy_tally_sums(dst, b, err);
	for (int g = 0; rc == HL_OK && base != NULL && g < STORE_COPY_GRAINS; g++)
		a[g] = (struct store_copy_sums){b[g].cells, a[g].n + base[g].n, a[g].s + base[g].s};
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
		rc = same_tallies(src, dst, NULL, err);
	if (rc == HL_OK)
		rc = store_copy_mark(src, dst, err);
	if (rc == HL_OK) {
		rep->units = want[table_index("units")];
		rep->responses = want[table_index("responses")];
	}
	hl_free(want);
	return rc;
}

/* The runs of a table's added rows, kept past the next table's merge. */
struct runs {
	struct store_copy_run *r;
	size_t n;
};

static int keep_runs(struct runs *k, const struct store_copy_merged *got, struct hl_err *err)
{
	k->r = hl_malloc((got->nruns + 1) * sizeof(*k->r));
	if (k->r == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sao chép");
	if (got->nruns > 0)
		memcpy(k->r, got->runs, got->nruns * sizeof(*k->r));
	k->n = got->nruns;
	return HL_OK;
}

/* Table i merged, checked by its count and, for dossiers, summed. */
static int merge_one(struct store_copy_merge *m, struct store *dst, int i,
	const struct copy_opts *o, int64_t *scanned, struct copy_report *rep, struct runs *resp,
	struct hl_err *err)
{
	struct store_copy_merged got = {0, 0, NULL, 0, false};
	int64_t before = 0, after = 0;
	const char *name = store_copy_tables[i];
	int rc = store_copy_count(dst, i, &before, err);

	if (rc == HL_OK)
		rc = store_copy_merge_table(m, i, o->progress, o->pctx, scanned, &got, err);
	if (rc == HL_OK)
		rc = store_copy_count(dst, i, &after, err);
	if (rc == HL_OK && got.counted && after - before != got.added)
		rc = hl_err_set(err, HL_ECORRUPT, HL_HERE,
			"bảng %s sau khi gộp có thêm %lld dòng, đáng lẽ %lld: đã hủy, nơi nhận "
			"không đổi",
			name, (long long)(after - before), (long long)got.added);
	for (size_t k = 0; rc == HL_OK && strcmp(name, "dossiers") == 0 && k < got.nruns; k++)
		rc = store_copy_dossier_sums(dst, got.runs[k].lo, got.runs[k].hi, err);
	if (rc == HL_OK && strcmp(name, "responses") == 0)
		rc = keep_runs(resp, &got, err);
	if (rc != HL_OK)
		return rc;
	rep->tables += got.read > 0;
	rep->rows += got.counted ? got.added : 0;
	rep->kept += got.counted ? got.read - got.added : 0;
	if (strcmp(name, "units") == 0)
		rep->units = got.added;
	if (strcmp(name, "responses") == 0)
		rep->responses = got.added;
	return HL_OK;
}

/* src's rows added to dst's (copy_run's merge); dst's transaction is the
 * caller's. */
static int merge_all(struct store *src, struct store *dst, const struct copy_opts *o,
	struct copy_report *rep, struct hl_err *err)
{
	struct store_copy_merge *m = NULL;
	struct store_copy_sums base[STORE_COPY_GRAINS];
	struct runs resp = {NULL, 0};
	int64_t scanned = 0, src_responses = 0;
	int rc = store_copy_merge_begin(src, dst, &m, err);

	if (rc == HL_OK)
		rc = store_copy_tally_sums(dst, base, err);
	if (rc == HL_OK)
		rc = store_copy_count(src, table_index("responses"), &src_responses, err);
	for (int i = 0; rc == HL_OK && i < store_copy_ntables; i++)
		rc = merge_one(m, dst, i, o, &scanned, rep, &resp, err);
	if (rc == HL_OK)
		rc = store_copy_finish(dst, err);
	/* the tallies and rollups of the responses added, as an import adds them */
	if (rc == HL_OK && resp.n > 0 && o->progress != NULL)
		o->progress(o->pctx, NULL, rep->responses);
	for (size_t k = 0; rc == HL_OK && k < resp.n; k++)
		rc = tacc_compute(dst, 0, resp.r[k].lo, resp.r[k].hi, 0, NULL, NULL, err);
	if (rc == HL_OK && rep->responses == src_responses && src_responses > 0)
		rc = same_tallies(src, dst, base, err);
	hl_free(resp.r);
	store_copy_merge_end(m);
	return rc;
}

int copy_run(struct store *src, struct store *dst, const struct copy_opts *o,
	struct copy_report *rep, struct hl_err *err)
{
	char detail[512];
	int rc;

	*rep = (struct copy_report){0, 0, 0, 0, 0};
	if ((rc = migrate_both(src, dst, err)) != HL_OK ||
		(!o->merge && (rc = refuse_full(dst, err)) != HL_OK))
		return rc;
	if ((rc = store_begin(src, err)) != HL_OK)
		return rc;
	rc = store_begin(dst, err);
	if (rc == HL_OK) {
		rc = o->merge ? merge_all(src, dst, o, rep, err) : copy_all(src, dst, o, rep, err);
		snprintf(detail, sizeof(detail), "từ %s: %lld dòng, %lld đơn vị, %lld phiếu%s",
			o->from_name, (long long)rep->rows, (long long)rep->units,
			(long long)rep->responses, o->merge ? " (gộp)" : "");
		rc = audit_commit(dst, rc, o->who, o->merge ? "copy.merge" : "copy", detail, err);
	}
	store_rollback(src, &(struct hl_err){0});
	return rc;
}
