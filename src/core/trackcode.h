/* trackcode.h — the short tracking code a citizen gets with public
 * feedback (issue 12): 10 symbols a person can read over the phone, from an
 * alphabet of 31 without the look-alikes 0/O and 1/I/L (digits 2–9 and the
 * capital letters but I, L, O), shown grouped 4-4-2 as K7QF-93MX-2D.
 * 31^10 ≈ 8,2·10^14 codes: 49,5 bits. What a person types is read in any
 * case, with or without the dashes and spaces. Pure: no store, no clock, no
 * random source (the caller gives the bytes). */
#ifndef HL_TRACKCODE_H
#define HL_TRACKCODE_H

#include <stddef.h>

#include "base/err.h"

#define HL_TCODE_LEN 10        /* symbols */
#define HL_TCODE_SIZE 11       /* the symbols and the NUL */
#define HL_TCODE_SHOWN_SIZE 13 /* grouped: "K7QF-93MX-2D" and the NUL */
#define HL_TCODE_RAW 8         /* bytes hl_tcode_make reads */

/* The 31 symbols, in order (a string of HL_TCODE_ALPHABET_N characters). */
extern const char hl_tcode_alphabet[];
#define HL_TCODE_ALPHABET_N 31

/* A code from HL_TCODE_RAW uniform bytes (random, or a keyed hash): their
 * little-endian value written in base 31, 10 digits. 2^64 is not a multiple
 * of 31^10, so the codes are uniform within a relative 4,5·10^-5. */
void hl_tcode_make(const unsigned char raw[HL_TCODE_RAW], char out[HL_TCODE_SIZE]);

/* code (10 symbols) grouped for people: "K7QF-93MX-2D". */
void hl_tcode_group(const char *code, char out[HL_TCODE_SHOWN_SIZE]);

/* What a person typed, as a code: letters in any case, dashes and spaces
 * anywhere ignored; HL_OK with the 10 symbols in out, else HL_EINVAL (too
 * short, too long, or a character outside the alphabet — 0, O, 1, I, L
 * included — the message says which). */
int hl_tcode_parse(const char *in, char out[HL_TCODE_SIZE], struct hl_err *err);

/* An item's code and its tracking code typed in one box ("PA-VH-20260302-0001
 * K7QF-93MX-2D"): the last 10 symbols (dashes and spaces between them
 * ignored) are the tracking code, what comes before them, without the
 * spaces and dashes that end it, the item's code. HL_OK, or HL_EINVAL when
 * no such split exists (then item and out are empty). */
int hl_tcode_split(const char *in, char *item, size_t size, char out[HL_TCODE_SIZE]);

#endif
