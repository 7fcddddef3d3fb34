/* cli_doc.h — what `hailong report` and `hailong news` share: the options of
 * a document about one period (--period, --unit or --under, --format, -o) and
 * building its model. */
#ifndef HL_CLI_DOC_H
#define HL_CLI_DOC_H

#include <stddef.h>

#include "cli/cli.h"
#include "svc/report_model.h"

/* What a command's documents are: the example in "thiếu --period (ví dụ:
 * --period 2024)", its formats in words ("pdf, xlsx, csv hoặc html"), the
 * number of a format's name (-1 for none), what -o writes, and the arena's
 * cap. */
struct cli_doc {
	const char *period_example;
	const char *formats;
	int (*format_of)(const char *name);
	const char *output_what;
	size_t arena_cap;
};

/* One run: the parsed options, the model and the arena it lives in. */
struct cli_doc_run {
	struct cli_scope s;
	const char *output;
	int format; /* format_of(s.format) */
	struct rpt_opts o;
	struct hl_arena *a;
	struct rpt_model *m;
	struct hl_err err;
};

/* Parse argv[1..argc) into r with the options of a document and those of
 * more (at most 6; "output" is the document's own), check the period,
 * format and output, and fill r->o's period, unit and under (date: none).
 * Returns 0, or prints a usage error naming cmd and returns 2. */
int cli_doc_opts(const struct cli_cmd *cmd, const struct cli_doc *d, int argc, char **argv,
	const struct cli_opt *more, struct cli_doc_run *r);

/* Build r->m from r->o in a new arena r->a (free it with cli_doc_free).
 * Returns 0, or prints the error and returns 1. */
int cli_doc_build(struct cli_ctx *ctx, const struct cli_doc *d, struct cli_doc_run *r);

/* Free what r holds; returns rc. */
int cli_doc_free(struct cli_doc_run *r, int rc);

#endif
