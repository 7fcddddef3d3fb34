/* trackcode.c — short tracking codes: making, grouping and reading them. */
#include "core/trackcode.h"

#include <stdint.h>
#include <string.h>

const char hl_tcode_alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/* The symbol's value, or -1; c already in upper case. */
static int value_of(char c)
{
	const char *p = c != '\0' ? strchr(hl_tcode_alphabet, c) : NULL;

	return p != NULL ? (int)(p - hl_tcode_alphabet) : -1;
}

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static int is_sep(char c)
{
	return c == '-' || c == ' ' || c == '\t';
}

void hl_tcode_make(const unsigned char raw[HL_TCODE_RAW], char out[HL_TCODE_SIZE])
{
	uint64_t v = 0;

	for (int i = HL_TCODE_RAW - 1; i >= 0; i--)
		v = v << 8 | raw[i];
	for (int i = HL_TCODE_LEN - 1; i >= 0; i--) {
		out[i] = hl_tcode_alphabet[v % HL_TCODE_ALPHABET_N];
		v /= HL_TCODE_ALPHABET_N;
	}
	out[HL_TCODE_LEN] = '\0';
}

void hl_tcode_group(const char *code, char out[HL_TCODE_SHOWN_SIZE])
{
	size_t o = 0;

	for (int i = 0; i < HL_TCODE_LEN && code[i] != '\0'; i++) {
		if (i == 4 || i == 8)
			out[o++] = '-';
		out[o++] = code[i];
	}
	out[o] = '\0';
}

int hl_tcode_parse(const char *in, char out[HL_TCODE_SIZE], struct hl_err *err)
{
	size_t n = 0;

	out[0] = '\0';
	for (const char *p = in != NULL ? in : ""; *p != '\0'; p++) {
		char c = upper(*p);

		if (is_sep(c))
			continue;
		if (value_of(c) < 0) {
			out[0] = '\0';
			if (c == '0' || c == 'O' || c == '1' || c == 'I' || c == 'L')
				return hl_err_set(err, HL_EINVAL, "token",
					"mã theo dõi không có chữ O, I, "
					"L và số 0, 1: xin đọc lại mã");
			return hl_err_set(err, HL_EINVAL, "token",
				"mã theo dõi chỉ gồm chữ số 2–9 và "
				"chữ cái in (trừ I, L, O)");
		}
		if (n == HL_TCODE_LEN) {
			out[0] = '\0';
			return hl_err_set(err, HL_EINVAL, "token", "mã theo dõi dài quá %d ký tự",
				HL_TCODE_LEN);
		}
		out[n++] = c;
	}
	out[n] = '\0';
	if (n < HL_TCODE_LEN) {
		out[0] = '\0';
		return hl_err_set(err, HL_EINVAL, "token",
			"mã theo dõi có %d ký tự (dạng K7QF-93MX-2D)", HL_TCODE_LEN);
	}
	return HL_OK;
}

int hl_tcode_split(const char *in, char *item, size_t size, char out[HL_TCODE_SIZE])
{
	size_t end = in != NULL ? strlen(in) : 0, n = 0;

	item[0] = '\0';
	out[0] = '\0';
	/* backwards: 10 symbols, skipping separators */
	while (end > 0 && n < HL_TCODE_LEN) {
		char c = upper(in[end - 1]);

		if (!is_sep(c)) {
			if (value_of(c) < 0)
				goto none;
			out[HL_TCODE_LEN - 1 - n++] = c;
		}
		end--;
	}
	if (n < HL_TCODE_LEN)
		goto none;
	out[HL_TCODE_LEN] = '\0';
	while (end > 0 && is_sep(in[end - 1]))
		end--;
	{
		size_t start = 0;

		while (start < end && is_sep(in[start]))
			start++;
		if (start == end || end - start >= size)
			goto none;
		memcpy(item, in + start, end - start);
		item[end - start] = '\0';
	}
	return HL_OK;
none:
	item[0] = '\0';
	out[0] = '\0';
	return HL_EINVAL;
}
