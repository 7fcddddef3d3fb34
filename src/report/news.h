/* news.h — the news item about a unit's survey results (issue 14 §4), for
 * the unit's website and the ward's loudspeaker radio (Đài truyền thanh):
 * SIPAS and its change, the rank among peers, the target, the criteria
 * below target with the plan's tasks for them, the feedback received and
 * how to give one's opinion — a few short paragraphs of plain Vietnamese,
 * written from the report model (svc/report_model.h) like the reports. As
 * text, as an HTML page, or spoken (io/speech.h) as a WAV file. */
#ifndef HL_NEWS_H
#define HL_NEWS_H

#include <stdio.h>

#include "svc/report_model.h"

enum news_format { NEWS_TEXT, NEWS_HTML, NEWS_WAV };

#define NEWS_MAX_PARS 8

struct news {
	const char *title;
	int npar;
	const char *par[NEWS_MAX_PARS];
};

/* Parse "text", "html" or "wav"; -1 otherwise. */
int news_format_of(const char *name);

/* The file name extension and the MIME type of format f. */
const char *news_ext(enum news_format f);
const char *news_mime(enum news_format f);

/* The news item of m (the report of one unit, --unit) into *out; its
 * texts live in a. HL_EINVAL for a report over several units. */
int news_compose(const struct rpt_model *m, struct hl_arena *a, struct news *out,
	struct hl_err *err);

/* What is read aloud for n: its title and paragraphs with numbers, "%" and
 * abbreviations in words (core/numread.h). Owned by a; NULL when out of
 * memory. */
const char *news_spoken(const struct news *n, struct hl_arena *a);

/* The news item of m in format f on fp (scratch memory from a). */
int news_write(const struct rpt_model *m, enum news_format f, FILE *fp, struct hl_arena *a,
	struct hl_err *err);

/* The same written to path, which appears only once complete (report/out.h). */
int news_render(const struct rpt_model *m, enum news_format f, const char *path, struct hl_arena *a,
	struct hl_err *err);

#endif
