/* collate.h — Vietnamese alphabetical order, for lists people read (units,
 * fields, names in documents and pages). Letters compare in the Vietnamese
 * alphabet — a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v
 * (w) x y (z) — over the whole string first, ignoring tones and case; then
 * the tones, in dictionary order: none, huyền, hỏi, ngã, sắc, nặng; then
 * lower case before upper case. A space sorts before any letter ("An Bình"
 * before "Anh"), a run of digits by its value ("Phường 2" before "Phường
 * 10") and before letters; punctuation counts only to break a last tie. */
#ifndef HL_COLLATE_H
#define HL_COLLATE_H

/* <0, 0 or >0 as a sorts before, with or after b (UTF-8, NFC or not; 0 only
 * for equal strings). An invalid byte sorts as an unknown letter. */
int hl_collate_vi(const char *a, const char *b);

#endif
