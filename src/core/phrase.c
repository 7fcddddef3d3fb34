/* phrase.c — unit names and labels as written inside a sentence
 * (phrase.h). */
#include "core/phrase.h"

#include <string.h>

#include "base/arena.h"

#include <utf8proc.h>

/* The kinds of administrative unit a name may start with, as written at
 * the start of a name, inside a sentence and shortened. */
static const struct {
	const char *upper, *lower, *abbr;
} KINDS[] = {
	{"Tỉnh ", "tỉnh ", "T. "},
	{"Thành phố ", "thành phố ", "TP. "},
	{"Huyện ", "huyện ", "H. "},
	{"Quận ", "quận ", "Q. "},
	{"Thị xã ", "thị xã ", "TX. "},
	{"Thị trấn ", "thị trấn ", "TT. "},
	{"Phường ", "phường ", "P. "},
	{"Xã ", "xã ", "X. "},
	{"Đặc khu ", "đặc khu ", "ĐK. "},
};

static const char *const BODIES[] = {"UBND ", "Ủy ban nhân dân ", "Ủy ban Nhân dân ", NULL};

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The body prefix of name ("UBND "), or "". */
static size_t body_len(const char *name)
{
	for (int i = 0; BODIES[i] != NULL; i++)
		if (starts(name, BODIES[i]))
			return strlen(BODIES[i]);
	return 0;
}

/* name from off on with its leading kind in lower case, unless a number
 * follows the kind ("Quận 1" keeps its capital: Nghị định 30, Phụ lục II). */
static const char *lower_kind(struct hl_arena *a, const char *name, size_t off)
{
	for (size_t k = 0; k < sizeof(KINDS) / sizeof(KINDS[0]); k++) {
		size_t len = strlen(KINDS[k].upper);

		if (!starts(name + off, KINDS[k].upper))
			continue;
		if (name[off + len] >= '0' && name[off + len] <= '9')
			break;
		return hl_arena_printf(a, "%.*s%s%s", (int)off, name, KINDS[k].lower,
			name + off + len);
	}
	return hl_arena_strdup(a, name);
}

const char *phr_in_text(struct hl_arena *a, const char *name)
{
	return lower_kind(a, name != NULL ? name : "", body_len(name != NULL ? name : ""));
}

const char *phr_place_in_text(struct hl_arena *a, const char *name)
{
	const char *s = name != NULL ? name : "";
	size_t b = body_len(s);

	/* Only a body over an administrative unit is left out. */
	for (size_t k = 0; b > 0 && k < sizeof(KINDS) / sizeof(KINDS[0]); k++)
		if (starts(s + b, KINDS[k].upper) || starts(s + b, KINDS[k].lower))
			return lower_kind(a, s + b, 0);
	return phr_in_text(a, s);
}

/* s with its first character mapped by f, owned by a. */
static const char *map_first(struct hl_arena *a, const char *s,
	utf8proc_int32_t (*f)(utf8proc_int32_t))
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	utf8proc_uint8_t first[4];

	if (s == NULL || s[0] == '\0')
		return s;
	n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
	if (n <= 0)
		return hl_arena_strdup(a, s);
	return hl_arena_printf(a, "%.*s%s", (int)utf8proc_encode_char(f(cp), first),
		(const char *)first, s + n);
}

const char *phr_sentence_start(struct hl_arena *a, const char *s)
{
	return map_first(a, s, utf8proc_toupper);
}

const char *phr_inside(struct hl_arena *a, const char *s)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	if (s == NULL || s[0] == '\0')
		return s;
	n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
	if (n > 0 && utf8proc_iterate((const utf8proc_uint8_t *)s + n, -1, &cp) > 0 &&
		utf8proc_isupper(cp))
		return hl_arena_strdup(a, s);
	return map_first(a, s, utf8proc_tolower);
}

const char *phr_short(struct hl_arena *a, const char *name)
{
	const char *s = phr_in_text(a, name), *pre = "";

	if (s == NULL)
		return NULL;
	s += body_len(s);
	if (starts(s, "Trạm y tế ") || starts(s, "Trạm Y tế ")) {
		pre = "TYT ";
		s += strlen("Trạm y tế ");
	}
	for (size_t k = 0; k < sizeof(KINDS) / sizeof(KINDS[0]); k++)
		if (starts(s, KINDS[k].lower))
			return hl_arena_printf(a, "%s%s%s", pre, KINDS[k].abbr,
				s + strlen(KINDS[k].lower));
	return hl_arena_printf(a, "%s%s", pre, s);
}
