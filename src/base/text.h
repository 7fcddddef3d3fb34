/* text.h — UTF-8 checks, NFC, display width and the Vietnamese way of writing
 * numbers (decimal comma: 88,90; signed changes: +3,28; thousands: 24 270). */
#ifndef HL_TEXT_H
#define HL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

struct hl_arena;

/* True if s[0..len) is valid UTF-8; otherwise *bad (may be NULL) gets the
 * byte offset of the first invalid sequence. */
bool hl_utf8_valid(const char *s, size_t len, size_t *bad);

/* NFC-normalised copy of the valid UTF-8 string s, owned by a; NULL on error. */
char *hl_utf8_nfc(struct hl_arena *a, const char *s);

/* Columns s takes on a terminal (combining marks take none). */
size_t hl_utf8_width(const char *s);

/* Write value with `decimals` digits after a decimal comma into buf:
 * 88.9 -> "88,90". Returns buf. */
char *hl_fmt_dec(char *buf, size_t size, double value, int decimals);

/* Same with an explicit sign: 3.28 -> "+3,28", -1.5 -> "-1,50", 0 -> "0,00". */
char *hl_fmt_signed(char *buf, size_t size, double value, int decimals);

/* Integer with a space every three digits: 24270 -> "24 270". */
char *hl_fmt_int(char *buf, size_t size, long long value);

/* Parse a decimal number written either way, "90,5" or "90.5", into *out;
 * false unless the whole of s is a finite number within [min, max]. */
bool hl_parse_decimal(const char *s, double min, double max, double *out);

/* Parse a whole number (decimal, as strtol reads it) into *out; false unless
 * s is not empty, all of it is the number and it lies within [min, max]. */
bool hl_parse_long(const char *s, long min, long max, long *out);

/* The first control character free text may not hold — a C0 control other
 * than tab, line feed and carriage return, or DEL — in s: its code, and its
 * position in characters (0 = the first) into *at (may be NULL); 0 when
 * there is none. Every text a person sends in goes through this one rule. */
int hl_text_control(const char *s, size_t *at);

/* A name or code a person types (a kiosk's name, a dossier's code): there,
 * shorter than max bytes, valid UTF-8 without any control character (not
 * even a tab or a line break). Else HL_EINVAL with a message naming what,
 * at field. */
int hl_check_name(const char *s, size_t max, const char *field, const char *what,
	struct hl_err *err);

/* s folded for matching what people type, into out (size bytes): case
 * folded, without diacritics (NFC or NFD alike; đ → d), compatibility forms
 * plain (a no-break space is a space, "Ⅲ" is "iii"); other characters kept.
 * False when s is not valid UTF-8 or out is too small. */
bool hl_text_fold(const char *s, char *out, size_t size);

/* Trim ASCII spaces and tabs at both ends, in place; returns s. */
char *hl_trim(char *s);

/* Copy s (len bytes) into buf (size > 0 bytes) NUL-terminated, cut at a
 * UTF-8 character boundary when it does not fit. */
void hl_copy_text(char *buf, size_t size, const char *s, size_t len);

#endif
