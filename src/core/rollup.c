/* rollup.c — adding responses and rollups together, and the storage
 * encoding (format in rollup.h). Arrays are kept sorted by id so that adding
 * is a binary search and two rollups merge in one pass per array. */
#include "core/rollup.h"

#include <stdbool.h>
#include <string.h>

#include "base/mem.h"

#define ROLLUP_VERSION 1
#define VARINT_MAX 10

void hl_rollup_init(struct hl_rollup *r)
{
	memset(r, 0, sizeof(*r));
}

void hl_rollup_clear(struct hl_rollup *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->ninst; i++)
		hl_free(r->inst[i].count);
	hl_free(r->field);
	hl_free(r->staff);
	hl_free(r->inst);
	hl_rollup_init(r);
}

int64_t hl_rollup_responses(const struct hl_rollup *r)
{
	int64_t n = 0;

	for (int c = 0; c < HL_ROLLUP_CHANNELS; c++)
		n += r->chan[c];
	return n;
}

static int nomem(struct hl_err *err)
{
	return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi cộng dồn số liệu báo cáo");
}

/* Position of id in the sorted array of n elements of size elem whose first
 * member is an int64_t id; *found says whether it is there. */
static size_t find_pos(const void *arr, size_t n, size_t elem, int64_t id, bool *found)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int64_t at;

		memcpy(&at, (const char *)arr + mid * elem, sizeof(at));
		if (at < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n) {
		int64_t at;

		memcpy(&at, (const char *)arr + lo * elem, sizeof(at));
		*found = at == id;
	} else {
		*found = false;
	}
	return lo;
}

/* The element with id in *arr (sorted, *n of them, room for *cap), inserted
 * zeroed with that id when absent; NULL when out of memory. */
static void *entry(void **arr, size_t *n, size_t *cap, size_t elem, int64_t id)
{
	bool found;
	size_t pos = find_pos(*arr, *n, elem, id, &found);
	char *base;

	if (found)
		return (char *)*arr + pos * elem;
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 4;
		void *np = hl_realloc(*arr, ncap * elem);

		if (np == NULL)
			return NULL;
		*arr = np;
		*cap = ncap;
	}
	base = *arr;
	memmove(base + (pos + 1) * elem, base + pos * elem, (*n - pos) * elem);
	memset(base + pos * elem, 0, elem);
	memcpy(base + pos * elem, &id, sizeof(id));
	(*n)++;
	return base + pos * elem;
}

static struct hl_rollup_field *field_of(struct hl_rollup *r, int64_t id)
{
	return entry((void **)&r->field, &r->nfield, &r->capfield, sizeof(*r->field), id);
}

static struct hl_rollup_staff *staff_of(struct hl_rollup *r, int64_t id)
{
	return entry((void **)&r->staff, &r->nstaff, &r->capstaff, sizeof(*r->staff), id);
}

/* The answer counts of instrument id shaped nq x nv, created zeroed when
 * absent; NULL with err set when out of memory or shaped otherwise. */
static struct hl_rollup_inst *inst_of(struct hl_rollup *r, int64_t id, int nq, int nv,
	struct hl_err *err)
{
	struct hl_rollup_inst *t = entry((void **)&r->inst, &r->ninst, &r->capinst,
		sizeof(*r->inst), id);

	if (t == NULL) {
		nomem(err);
		return NULL;
	}
	if (t->count == NULL) {
		t->count = hl_calloc((size_t)nq * (size_t)nv + 1, sizeof(*t->count));
		if (t->count == NULL) {
			/* leave no half-made entry behind */
			size_t pos = (size_t)(t - r->inst);

			memmove(t, t + 1, (r->ninst - pos - 1) * sizeof(*t));
			r->ninst--;
			nomem(err);
			return NULL;
		}
		t->nq = nq;
		t->nv = nv;
	} else if (t->nq != nq || t->nv != nv) {
		hl_err_set(err, HL_EINVAL, HL_HERE,
			"số liệu báo cáo của bộ câu hỏi số %lld không khớp "
			"(%d câu × %d mức so với %d × %d): chạy lại hailong tallies rebuild",
			(long long)id, t->nq, t->nv, nq, nv);
		return NULL;
	}
	return t;
}

/* Add example e to th: the first HL_ROLLUP_EXAMPLES distinct hashes, each
 * with its lowest id. */
static void add_example(struct hl_rollup_theme *th, struct hl_rollup_example e)
{
	int k;

	for (k = 0; k < th->nex && th->ex[k].hash != e.hash; k++)
		;
	if (k < th->nex) {
		if (e.id >= th->ex[k].id)
			return;
		/* an earlier occurrence of the same text: move it forward */
		for (; k > 0 && th->ex[k - 1].id > e.id; k--)
			th->ex[k] = th->ex[k - 1];
		th->ex[k] = e;
		return;
	}
	for (k = th->nex; k > 0 && th->ex[k - 1].id > e.id; k--)
		if (k < HL_ROLLUP_EXAMPLES)
			th->ex[k] = th->ex[k - 1];
	if (k < HL_ROLLUP_EXAMPLES) {
		th->ex[k] = e;
		if (th->nex < HL_ROLLUP_EXAMPLES)
			th->nex++;
	}
}

int hl_rollup_add(struct hl_rollup *r, const struct hl_instrument *in,
	const struct hl_rollup_resp *x, const struct hl_crit_score *scores, struct hl_err *err)
{
	struct hl_rollup_field *f;
	struct hl_rollup_inst *t;
	int nv = 1, nq = x->nanswers < in->nquestions ? x->nanswers : in->nquestions;

	for (int s = 0; s < in->nscales; s++)
		if (in->scales[s].nlevels + 1 > nv)
			nv = in->scales[s].nlevels + 1;
	if ((f = field_of(r, x->field_id)) == NULL)
		return nomem(err);
	if ((t = inst_of(r, x->instrument_id, in->nquestions, nv, err)) == NULL)
		return err->code;
	r->chan[x->channel > 0 && x->channel < HL_ROLLUP_CHANNELS ? x->channel : 0]++;
	f->n++;
	for (int q = 0; q < in->nquestions; q++) {
		int a = q < nq ? x->answers[q] : 0;

		if (a < nv)
			t->count[q * nv + a]++;
	}
	if (x->staff_id != 0) {
		struct hl_rollup_staff *s = staff_of(r, x->staff_id);

		if (s == NULL)
			return nomem(err);
		s->n++;
		for (int c = 0; scores != NULL && c < in->ncriteria; c++) {
			s->s += scores[c].s;
			s->v += scores[c].v;
		}
	}
	for (int th = 0; th < HL_ROLLUP_THEMES; th++)
		if (x->themes & (1u << th)) {
			r->theme[th].n++;
			add_example(&r->theme[th],
				(struct hl_rollup_example){x->id, x->comment_hash});
		}
	return HL_OK;
}

int hl_rollup_merge(struct hl_rollup *dst, const struct hl_rollup *src, struct hl_err *err)
{
	for (int c = 0; c < HL_ROLLUP_CHANNELS; c++)
		dst->chan[c] += src->chan[c];
	for (size_t i = 0; i < src->nfield; i++) {
		struct hl_rollup_field *f = field_of(dst, src->field[i].id);

		if (f == NULL)
			return nomem(err);
		f->n += src->field[i].n;
	}
	for (size_t i = 0; i < src->nstaff; i++) {
		struct hl_rollup_staff *s = staff_of(dst, src->staff[i].id);

		if (s == NULL)
			return nomem(err);
		s->n += src->staff[i].n;
		s->s += src->staff[i].s;
		s->v += src->staff[i].v;
	}
	for (size_t i = 0; i < src->ninst; i++) {
		const struct hl_rollup_inst *si = &src->inst[i];
		struct hl_rollup_inst *t = inst_of(dst, si->id, si->nq, si->nv, err);

		if (t == NULL)
			return err->code;
		for (size_t k = 0; k < (size_t)si->nq * (size_t)si->nv; k++)
			t->count[k] += si->count[k];
	}
	for (int th = 0; th < HL_ROLLUP_THEMES; th++) {
		dst->theme[th].n += src->theme[th].n;
		for (int k = 0; k < src->theme[th].nex; k++)
			add_example(&dst->theme[th], src->theme[th].ex[k]);
	}
	return HL_OK;
}

/* ---- encoding ---- */

/* A writer that only counts when p is NULL. */
struct wr {
	unsigned char *p;
	size_t n;
};

static void put_var(struct wr *w, uint64_t x)
{
	do {
		unsigned char b = (unsigned char)(x & 0x7f);

		x >>= 7;
		if (x != 0)
			b |= 0x80;
		if (w->p != NULL)
			w->p[w->n] = b;
		w->n++;
	} while (x != 0);
}

static void put_u64(struct wr *w, uint64_t x)
{
	for (int i = 0; i < 8; i++) {
		if (w->p != NULL)
			w->p[w->n] = (unsigned char)(x >> (8 * i));
		w->n++;
	}
}

static void put_f64(struct wr *w, double d)
{
	uint64_t x;

	memcpy(&x, &d, sizeof(x));
	put_u64(w, x);
}

static void write_all(const struct hl_rollup *r, struct wr *w)
{
	if (w->p != NULL)
		w->p[w->n] = ROLLUP_VERSION;
	w->n++;
	put_var(w, HL_ROLLUP_CHANNELS);
	for (int c = 0; c < HL_ROLLUP_CHANNELS; c++)
		put_var(w, (uint64_t)r->chan[c]);
	put_var(w, r->nfield);
	for (size_t i = 0; i < r->nfield; i++) {
		put_var(w, (uint64_t)r->field[i].id);
		put_var(w, (uint64_t)r->field[i].n);
	}
	put_var(w, r->nstaff);
	for (size_t i = 0; i < r->nstaff; i++) {
		put_var(w, (uint64_t)r->staff[i].id);
		put_var(w, (uint64_t)r->staff[i].n);
		put_f64(w, r->staff[i].s);
		put_f64(w, r->staff[i].v);
	}
	put_var(w, r->ninst);
	for (size_t i = 0; i < r->ninst; i++) {
		const struct hl_rollup_inst *t = &r->inst[i];

		put_var(w, (uint64_t)t->id);
		put_var(w, (uint64_t)t->nq);
		put_var(w, (uint64_t)t->nv);
		for (size_t k = 0; k < (size_t)t->nq * (size_t)t->nv; k++)
			put_var(w, (uint64_t)t->count[k]);
	}
	put_var(w, HL_ROLLUP_THEMES);
	for (int th = 0; th < HL_ROLLUP_THEMES; th++) {
		put_var(w, (uint64_t)r->theme[th].n);
		put_var(w, (uint64_t)r->theme[th].nex);
		for (int k = 0; k < r->theme[th].nex; k++) {
			put_var(w, (uint64_t)r->theme[th].ex[k].id);
			put_u64(w, r->theme[th].ex[k].hash);
		}
	}
}

size_t hl_rollup_encoded_size(const struct hl_rollup *r)
{
	struct wr w = {NULL, 0};

	write_all(r, &w);
	return w.n;
}

void hl_rollup_encode(const struct hl_rollup *r, unsigned char *buf)
{
	struct wr w = {buf, 0};

	write_all(r, &w);
}

/* ---- decoding ---- */

struct rd {
	const unsigned char *p, *end;
	bool bad;
};

static uint64_t get_var(struct rd *d)
{
	uint64_t x = 0;

	for (int shift = 0; shift < 7 * VARINT_MAX && !d->bad; shift += 7) {
		unsigned char b;

		if (d->p == d->end || (shift == 63 && (*d->p & 0x7e) != 0)) {
			d->bad = true;
			break;
		}
		b = *d->p++;
		x |= (uint64_t)(b & 0x7f) << shift;
		if ((b & 0x80) == 0)
			return x;
	}
	d->bad = true;
	return 0;
}

/* A count or id: below 2^62, so that sums of a few stored ones cannot overflow. */
static int64_t get_i64(struct rd *d)
{
	uint64_t x = get_var(d);

	if (x >= (uint64_t)1 << 62)
		d->bad = true;
	return d->bad ? 0 : (int64_t)x;
}

/* A number of items of at least min_bytes each that the rest can hold. */
static size_t get_len(struct rd *d, size_t min_bytes, size_t max)
{
	uint64_t x = get_var(d);

	if (x > max || x > (uint64_t)(d->end - d->p) / min_bytes)
		d->bad = true;
	return d->bad ? 0 : (size_t)x;
}

static uint64_t get_u64(struct rd *d)
{
	uint64_t x = 0;

	if (d->end - d->p < 8) {
		d->bad = true;
		return 0;
	}
	for (int i = 0; i < 8; i++)
		x |= (uint64_t)d->p[i] << (8 * i);
	d->p += 8;
	return x;
}

static double get_f64(struct rd *d)
{
	uint64_t x = get_u64(d);
	double v;

	memcpy(&v, &x, sizeof(v));
	return v;
}

static int bad(struct hl_err *err, const char *what)
{
	return hl_err_set(err, HL_EINVAL, HL_HERE,
		"số liệu báo cáo đã lưu bị hỏng (%s): chạy "
		"hailong tallies rebuild để tính lại",
		what);
}

int hl_rollup_add_encoded(struct hl_rollup *dst, const unsigned char *buf, size_t len,
	struct hl_err *err)
{
	struct rd d = {buf, buf + len, false};
	size_t n;

	if (buf == NULL || len == 0 || *d.p++ != ROLLUP_VERSION)
		return bad(err, "phiên bản");
	n = get_len(&d, 1, HL_ROLLUP_CHANNELS);
	for (size_t c = 0; c < n; c++)
		dst->chan[c] += get_i64(&d);
	n = get_len(&d, 2, SIZE_MAX);
	for (size_t i = 0; i < n && !d.bad; i++) {
		int64_t id = get_i64(&d), k = get_i64(&d);
		struct hl_rollup_field *f;

		if (d.bad)
			break;
		if ((f = field_of(dst, id)) == NULL)
			return nomem(err);
		f->n += k;
	}
	n = get_len(&d, 18, SIZE_MAX);
	for (size_t i = 0; i < n && !d.bad; i++) {
		int64_t id = get_i64(&d), k = get_i64(&d);
		double s = get_f64(&d), v = get_f64(&d);
		struct hl_rollup_staff *st;

		if (d.bad)
			break;
		if ((st = staff_of(dst, id)) == NULL)
			return nomem(err);
		st->n += k;
		st->s += s;
		st->v += v;
	}
	n = get_len(&d, 3, SIZE_MAX);
	for (size_t i = 0; i < n && !d.bad; i++) {
		int64_t id = get_i64(&d);
		size_t nq = get_len(&d, 1, HL_MAX_QUESTIONS),
		       nv = get_len(&d, 1, HL_MAX_LEVELS + 1);
		struct hl_rollup_inst *t;

		if (d.bad || nv == 0 || nq * nv > (size_t)(d.end - d.p))
			return bad(err, "bộ câu hỏi");
		if ((t = inst_of(dst, id, (int)nq, (int)nv, err)) == NULL)
			return err->code;
		for (size_t k = 0; k < nq * nv; k++)
			t->count[k] += get_i64(&d);
	}
	n = get_len(&d, 2, HL_ROLLUP_THEMES);
	for (size_t th = 0; th < n && !d.bad; th++) {
		size_t nex;

		dst->theme[th].n += get_i64(&d);
		nex = get_len(&d, 9, HL_ROLLUP_EXAMPLES);
		for (size_t k = 0; k < nex && !d.bad; k++) {
			struct hl_rollup_example e;

			e.id = get_i64(&d);
			e.hash = get_u64(&d);
			if (!d.bad)
				add_example(&dst->theme[th], e);
		}
	}
	if (d.bad || d.p != d.end)
		return bad(err, d.bad ? "cắt cụt" : "thừa dữ liệu");
	return HL_OK;
}

uint64_t hl_rollup_hash(const char *text)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	if (text[0] == '\0')
		return 0;
	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
		h ^= *p;
		h *= 0x100000001b3ULL;
	}
	return h != 0 ? h : 1;
}
