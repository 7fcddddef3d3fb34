/* themes.h — what citizens' comments (góp ý) are about: keyword rules from
 * seed 003's list of what was raised (missing sample forms, long waits,
 * dossiers sent back again and again, civil servants' attitude, missing
 * information, the premises) and praise. A comment may touch several themes;
 * one that matches no rule is "Khác". Matching ignores case, works on text
 * written with or without diacritics, and skips a keyword right after a
 * negation ("không phải chờ lâu" is no complaint about waiting). */
#ifndef HL_THEMES_H
#define HL_THEMES_H

#include "base/err.h"

enum theme_id {
	TH_FORMS = 0, /* Thiếu hồ sơ mẫu */
	TH_WAIT,      /* Chờ đợi lâu */
	TH_RESUBMIT,  /* Bổ sung hồ sơ nhiều lần */
	TH_ATTITUDE,  /* Thái độ công chức */
	TH_INFO,      /* Thiếu thông tin, hướng dẫn */
	TH_PREMISES,  /* Cơ sở vật chất */
	TH_PRAISE,    /* Khen ngợi */
	TH_OTHER,     /* Khác */
	THEME_COUNT
};

/* The theme's Vietnamese name (static), or NULL outside 0..THEME_COUNT-1. */
const char *theme_name(int theme);

/* The themes of comment (valid UTF-8) as a bit mask of 1u << theme_id into
 * *mask: 0 for an empty comment, TH_OTHER alone when no rule matches.
 * HL_ENOMEM or HL_EINVAL (not UTF-8); nothing to free. */
int themes_of(const char *comment, unsigned *mask, struct hl_err *err);

#endif
