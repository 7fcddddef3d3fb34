/* cli_doc.c — a document's options and model for report and news (cli_doc.h). */
#include "cli/cli_doc.h"

#include "base/arena.h"
#include "core/date.h"

int cli_doc_opts(const struct cli_cmd *cmd, const struct cli_doc *d, int argc, char **argv,
	const struct cli_opt *more, struct cli_doc_run *r)
{
	struct cli_opt opts[8] = {{"output", &r->output, NULL}};
	int rc, k = 1;

	for (; more != NULL && more[k - 1].name != NULL && k < 7; k++)
		opts[k] = more[k - 1];
	opts[k] = (struct cli_opt){NULL, NULL, NULL};
	cli_short_output(argc, argv);
	rc = cli_scope_opts(cmd, argc, argv, &r->s, opts);
	if (rc != 0)
		return rc;
	if (r->s.period == NULL)
		return cli_usage(cmd, "thiếu --period (ví dụ: --period %s)", d->period_example);
	if (r->s.format == NULL)
		return cli_usage(cmd, "thiếu --format (%s)", d->formats);
	if ((r->format = d->format_of(r->s.format)) < 0)
		return cli_usage(cmd, "--format phải là %s (không phải '%s')", d->formats,
			r->s.format);
	if (r->output == NULL || r->output[0] == '\0')
		return cli_usage(cmd, "thiếu -o TỆP (%s)", d->output_what);
	if (hl_period_parse(r->s.period, &r->o.period, &r->err) != HL_OK)
		return cli_usage(cmd, "%s", r->err.msg);
	r->o.date = HL_DAY_NONE;
	r->o.unit = r->s.unit;
	r->o.under = r->s.under;
	return 0;
}

int cli_doc_build(struct cli_ctx *ctx, const struct cli_doc *d, struct cli_doc_run *r)
{
	int rc = cli_arena(d->arena_cap, &r->a);

	if (rc != 0)
		return rc;
	if (rpt_build(ctx->rst, r->a, &r->o, &r->m, &r->err) != HL_OK)
		return cli_fail(&r->err);
	return 0;
}

int cli_doc_free(struct cli_doc_run *r, int rc)
{
	hl_arena_free(r->a);
	r->a = NULL;
	return rc;
}
