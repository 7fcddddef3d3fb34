/* phrase.h — unit names and labels inside a sentence (Nghị định
 * 30/2020/NĐ-CP, Phụ lục II): the kind of administrative unit is written in
 * lower case ("UBND tỉnh Khánh Hòa", "thuộc thành phố Nha Trang"), except
 * before a number ("Phường 1"); a chart's axis abbreviates it. Pure text,
 * shared by the report model (svc) and the documents (report). */
#ifndef HL_PHRASE_H
#define HL_PHRASE_H

struct hl_arena;

/* name as written inside a sentence: the leading kind of unit, after an
 * optional "UBND "/"Ủy ban nhân dân ", in lower case — "Thành phố Nha
 * Trang" → "thành phố Nha Trang", "UBND Tỉnh Khánh Hòa" → "UBND tỉnh Khánh
 * Hòa"; kept before a number ("Phường 1"). Owned by a (NULL when out of
 * memory). */
const char *phr_in_text(struct hl_arena *a, const char *name);

/* The administrative unit itself, without the body that governs it, inside
 * a sentence: "UBND phường Bắc Nha Trang" → "phường Bắc Nha Trang",
 * "Thành phố Nha Trang" → "thành phố Nha Trang"; other names as
 * phr_in_text. Owned by a. */
const char *phr_place_in_text(struct hl_arena *a, const char *name);

/* A unit's name short enough for a chart's axis, as offices abbreviate
 * it: the governing body left out, the kind of unit shortened — "UBND
 * phường Vĩnh Thọ" → "P. Vĩnh Thọ", "Trạm y tế xã Vĩnh Lương" → "TYT X.
 * Vĩnh Lương", "Thành phố Nha Trang" → "TP. Nha Trang". Owned by a. */
const char *phr_short(struct hl_arena *a, const char *name);

/* s with its first letter in capitals, to start a sentence; owned by a. */
const char *phr_sentence_start(struct hl_arena *a, const char *s);

/* A label written for a list ("Đường dây nóng") inside a sentence: its
 * first letter in lower case, unless the second is a capital too (an
 * abbreviation: "QR"). Owned by a. */
const char *phr_inside(struct hl_arena *a, const char *s);

#endif
