/* numread.h — numbers read aloud as Vietnamese speakers read them, for the
 * radio news and the speaking kiosk: 2025 → "hai nghìn không trăm hai mươi
 * lăm", "88,90" → "tám mươi tám phẩy chín mươi", with the usual rules
 * (mười/mươi, mốt after mươi, lăm after mười/mươi, linh for a zero ten,
 * "không trăm" inside a larger number, nghìn, triệu, tỷ). Pure text. */
#ifndef HL_NUMREAD_H
#define HL_NUMREAD_H

#include <stddef.h>
#include <stdint.h>

struct hl_arena;

/* n in words into buf. HL_OK, or HL_EINVAL when buf is too small (buf then
 * holds ""). */
int numr_int(int64_t n, char *buf, size_t size);

/* A number written the Vietnamese way — "88,90", "24 270", "-3", "0,05" —
 * in words into buf: the part after the comma is read as a number, its
 * leading zeros one by one ("không phẩy không năm"). HL_EINVAL when num is
 * not such a number or buf is too small (buf then holds ""). */
int numr_text(const char *num, char *buf, size_t size);

/* text (UTF-8) as it is to be spoken: every number in words, "%" after a
 * number as "phần trăm", "III/2025" and "07/2025" as "ba năm …", dates
 * dd/mm/yyyy as "… tháng … năm …". Other text is kept. Owned by a; NULL
 * when out of memory. */
const char *numr_spoken(struct hl_arena *a, const char *text);

#endif
