/* text.c — UTF-8 helpers on top of utf8proc, and number formatting that does
 * not depend on the machine's locale. */
#include "base/text.h"
#include "base/arena.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

bool hl_utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
			(utf8proc_ssize_t)(len - i), &cp);

		if (n <= 0 || cp == 0) {
			if (bad != NULL)
				*bad = i;
			return false;
		}
		i += (size_t)n;
	}
	return true;
}

char *hl_utf8_nfc(struct hl_arena *a, const char *s)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n;
	char *copy;

	n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
		UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0)
		return NULL;
	copy = hl_arena_strndup(a, (const char *)out, (size_t)n);
	free(out); /* allocated by utf8proc with malloc */
	return copy;
}

size_t hl_utf8_width(const char *s)
{
	size_t w = 0, len = strlen(s), i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
			(utf8proc_ssize_t)(len - i), &cp);

		if (n <= 0) {
			i++;
			w++;
			continue;
		}
		w += (size_t)utf8proc_charwidth(cp);
		i += (size_t)n;
	}
	return w;
}

char *hl_fmt_dec(char *buf, size_t size, double value, int decimals)
{
	char *dot;

	/* Round half away from zero as people do on paper, not to even. */
	double scale = pow(10, decimals);
	double r = round(value * scale) / scale;

	if (r == 0)
		r = 0; /* no "-0,00" */
	snprintf(buf, size, "%.*f", decimals, r);
	dot = strchr(buf, '.');
	if (dot != NULL)
		*dot = ',';
	return buf;
}

char *hl_fmt_signed(char *buf, size_t size, double value, int decimals)
{
	double scale = pow(10, decimals);
	double r = round(value * scale) / scale;

	if (r > 0 && size > 1) {
		buf[0] = '+';
		hl_fmt_dec(buf + 1, size - 1, r, decimals);
		return buf;
	}
	return hl_fmt_dec(buf, size, r, decimals);
}

char *hl_fmt_int(char *buf, size_t size, long long value)
{
	char digits[32];
	size_t n, i, o = 0;
	int neg = value < 0;
	unsigned long long v = neg ? 0ULL - (unsigned long long)value : (unsigned long long)value;

	snprintf(digits, sizeof(digits), "%llu", v);
	n = strlen(digits);
	if (size == 0)
		return buf;
	if (neg && o + 1 < size)
		buf[o++] = '-';
	for (i = 0; i < n && o + 1 < size; i++) {
		if (i > 0 && (n - i) % 3 == 0 && o + 2 < size)
			buf[o++] = ' ';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

int hl_text_control(const char *s, size_t *at)
{
	size_t chars = 0;

	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7F) {
			if (at != NULL)
				*at = chars;
			return ch;
		}
		chars += (ch & 0xC0) != 0x80;
	}
	return 0;
}

int hl_check_name(const char *s, size_t max, const char *field, const char *what,
	struct hl_err *err)
{
	size_t n = s != NULL ? strlen(s) : 0;

	if (n == 0)
		return hl_err_set(err, HL_EINVAL, field, "thiếu %s", what);
	if (n >= max)
		return hl_err_set(err, HL_EINVAL, field, "%s dài quá %zu byte", what, max - 1);
	if (!hl_utf8_valid(s, n, NULL))
		return hl_err_set(err, HL_EINVAL, field,
			"%s chứa ký tự không hợp lệ (không phải UTF-8)", what);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return hl_err_set(err, HL_EINVAL, field,
				"%s chứa ký tự không hợp lệ (ký tự điều khiển)", what);
	return HL_OK;
}

bool hl_text_fold(const char *s, char *out, size_t size)
{
	const utf8proc_option_t opts = UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK |
		UTF8PROC_CASEFOLD;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t o = 0;

	if (size == 0)
		return false;
	while (*p != '\0') {
		utf8proc_int32_t cp, dec[18];
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp), k;
		int last = 0;

		if (n <= 0)
			return false;
		p += n;
		if (cp == 0x0110 ||
			cp == 0x0111) { /* Đ, đ: a letter of its own, no mark to strip */
			dec[0] = 'd';
			k = 1;
		} else {
			k = utf8proc_decompose_char(cp, dec, 18, opts, &last);
			if (k < 0 || k > 18)
				return false;
		}
		for (utf8proc_ssize_t i = 0; i < k; i++) {
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t len = utf8proc_encode_char(dec[i], enc);

			if (len <= 0 || o + (size_t)len >= size)
				return false;
			memcpy(out + o, enc, (size_t)len);
			o += (size_t)len;
		}
	}
	out[o] = '\0';
	return true;
}

char *hl_trim(char *s)
{
	size_t n = strlen(s), start = 0;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	while (s[start] == ' ' || s[start] == '\t')
		start++;
	if (start > 0)
		memmove(s, s + start, n - start + 1);
	return s;
}

bool hl_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (s == NULL || s[0] == '\0')
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool hl_parse_decimal(const char *s, double min, double max, double *out)
{
	char buf[32], *end;
	double v;

	if (s == NULL || s[0] == '\0' || strlen(s) >= sizeof(buf))
		return false;
	snprintf(buf, sizeof(buf), "%s", s);
	for (char *p = buf; *p != '\0'; p++)
		if (*p == ',')
			*p = '.';
	errno = 0;
	v = strtod(buf, &end);
	if (errno != 0 || *end != '\0' || !isfinite(v) || v < min || v > max)
		return false;
	*out = v;
	return true;
}

void hl_copy_text(char *buf, size_t size, const char *s, size_t len)
{
	if (len >= size) {
		len = size - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	if (len > 0)
		memcpy(buf, s, len);
	buf[len] = '\0';
}
