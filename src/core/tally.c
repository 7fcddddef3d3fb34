/* tally.c — additive running sums per criterion and their portable encoding,
 * so the store can keep tallies per unit and day and add them up later. */
#include "core/tally.h"

#include <math.h>
#include <string.h>

/* Encoding, all little-endian whatever the host:
 *   [u8 format version = 1][u8 count]
 *   count x [u8 code length][code bytes][n: i64][s, v, ss, vv, sv: f64] */
#define ENC_VERSION 1
#define ENC_HEAD 2
#define ENC_NUMS (8 + 5 * 8)
#define SET_CAP (HL_MAX_CRITERIA + 1)

void hl_tally_add(struct hl_tally *t, double s, int v)
{
	double dv = (double)v;

	if (v <= 0)
		return;
	t->n++;
	t->s += s;
	t->v += dv;
	t->ss += s * s;
	t->vv += dv * dv;
	t->sv += s * dv;
}

void hl_tally_merge(struct hl_tally *dst, const struct hl_tally *src)
{
	dst->n += src->n;
	dst->s += src->s;
	dst->v += src->v;
	dst->ss += src->ss;
	dst->vv += src->vv;
	dst->sv += src->sv;
}

static int find_index(const struct hl_tallyset *set, const char *code)
{
	for (int i = 0; i < set->n; i++)
		if (strcmp(set->code[i], code) == 0)
			return i;
	return -1;
}

struct hl_tally *hl_tallyset_get(struct hl_tallyset *set, const char *code)
{
	int i = find_index(set, code);
	size_t len;

	if (i >= 0)
		return &set->t[i];
	len = strlen(code);
	if (set->n >= SET_CAP || len == 0 || len >= HL_CODE_MAX)
		return NULL;
	i = set->n++;
	memset(set->code[i], 0, HL_CODE_MAX);
	memcpy(set->code[i], code, len);
	memset(&set->t[i], 0, sizeof(set->t[i]));
	return &set->t[i];
}

const struct hl_tally *hl_tallyset_find(const struct hl_tallyset *set, const char *code)
{
	int i = find_index(set, code);

	return i >= 0 ? &set->t[i] : NULL;
}

void hl_tallyset_add_response(struct hl_tallyset *set, const struct hl_instrument *in,
	const struct hl_crit_score *scores)
{
	double s_all = 0;
	int v_all = 0;

	for (int c = 0; c < in->ncriteria; c++) {
		struct hl_tally *t;

		if (scores[c].v <= 0)
			continue;
		t = hl_tallyset_get(set, in->criteria[c].code);
		if (t != NULL)
			hl_tally_add(t, scores[c].s, scores[c].v);
		s_all += scores[c].s;
		v_all += scores[c].v;
	}
	if (v_all > 0) {
		struct hl_tally *t = hl_tallyset_get(set, HL_CRIT_ALL);

		if (t != NULL)
			hl_tally_add(t, s_all, v_all);
	}
}

int hl_tallyset_merge(struct hl_tallyset *dst, const struct hl_tallyset *src, struct hl_err *err)
{
	for (int i = 0; i < src->n; i++) {
		struct hl_tally *t = hl_tallyset_get(dst, src->code[i]);

		if (t == NULL)
			return hl_err_set(err, HL_ELIMIT, HL_HERE,
				"không cộng được tiêu chí '%s': quá %d tiêu chí", src->code[i],
				SET_CAP);
		hl_tally_merge(t, &src->t[i]);
	}
	return HL_OK;
}

size_t hl_tallyset_encoded_size(const struct hl_tallyset *set)
{
	size_t size = ENC_HEAD;

	for (int i = 0; i < set->n; i++)
		size += 1 + strnlen(set->code[i], HL_CODE_MAX - 1) + ENC_NUMS;
	return size;
}

void hl_le64_put(unsigned char *p, uint64_t x)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(x >> (8 * i));
}

uint64_t hl_le64_get(const unsigned char *p)
{
	uint64_t x = 0;

	for (int i = 0; i < 8; i++)
		x |= (uint64_t)p[i] << (8 * i);
	return x;
}

static void put_f64(unsigned char *p, double d)
{
	uint64_t x;

	memcpy(&x, &d, sizeof(x));
	hl_le64_put(p, x);
}

static double get_f64(const unsigned char *p)
{
	uint64_t x = hl_le64_get(p);
	double d;

	memcpy(&d, &x, sizeof(d));
	return d;
}

void hl_tallyset_encode(const struct hl_tallyset *set, unsigned char *buf)
{
	unsigned char *p = buf + ENC_HEAD;

	buf[0] = ENC_VERSION;
	buf[1] = (unsigned char)set->n;
	for (int i = 0; i < set->n; i++) {
		const struct hl_tally *t = &set->t[i];
		size_t len = strnlen(set->code[i], HL_CODE_MAX - 1);

		*p++ = (unsigned char)len;
		memcpy(p, set->code[i], len);
		p += len;
		hl_le64_put(p, (uint64_t)t->n);
		put_f64(p + 8, t->s);
		put_f64(p + 16, t->v);
		put_f64(p + 24, t->ss);
		put_f64(p + 32, t->vv);
		put_f64(p + 40, t->sv);
		p += ENC_NUMS;
	}
}

int hl_tallyset_decode(const unsigned char *buf, size_t len, struct hl_tallyset *set,
	struct hl_err *err)
{
	const unsigned char *p, *end;
	int count, i = 0;

	memset(set, 0, sizeof(*set));
	if (buf == NULL || len < ENC_HEAD)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "bộ đếm hỏng: chỉ có %zu byte", len);
	end = buf + len; /* not before: NULL + len is undefined */
	if (buf[0] != ENC_VERSION)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"bộ đếm hỏng: phiên bản mã hóa %u không được hỗ trợ", buf[0]);
	count = buf[1];
	if (count > SET_CAP)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "bộ đếm hỏng: %d tiêu chí, tối đa %d",
			count, SET_CAP);
	p = buf + ENC_HEAD;
	for (i = 0; i < count; i++) {
		struct hl_tally *t = &set->t[i];
		double *f[5] = {&t->s, &t->v, &t->ss, &t->vv, &t->sv};
		size_t clen;

		/* A non-empty code of printable bytes, then the numbers, all inside buf. */
		if (p >= end || (clen = *p++) == 0 || clen >= HL_CODE_MAX ||
			(size_t)(end - p) < clen + ENC_NUMS || memchr(p, 0, clen) != NULL)
			goto bad_entry;
		memcpy(set->code[i], p, clen);
		set->code[i][clen] = '\0';
		p += clen;
		if (find_index(set, set->code[i]) >= 0)
			goto bad_entry; /* a code twice */
		t->n = (int64_t)hl_le64_get(p);
		if (t->n < 0)
			goto bad_entry;
		for (int k = 0; k < 5; k++) {
			*f[k] = get_f64(p + 8 + 8 * k);
			if (!isfinite(*f[k]))
				goto bad_entry;
		}
		p += ENC_NUMS;
		set->n = i + 1;
	}
	if (p != end)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"bộ đếm hỏng: %zu byte thừa sau %d tiêu chí", (size_t)(end - p), count);
	return HL_OK;

bad_entry:
	memset(set, 0, sizeof(*set));
	return hl_err_set(err, HL_EINVAL, HL_HERE, "bộ đếm hỏng: mục thứ %d không hợp lệ", i + 1);
}
