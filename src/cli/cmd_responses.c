/* cmd_responses.c — `hailong responses import|count|list-ids`: citizens' answers. */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "store/store.h"
#include "svc/import.h"
#include "svc/responses.h"
#include "svc/units.h"

static int do_import(struct cli_ctx *ctx, int argc, char **argv)
{
	bool no_followup = false;
	const struct cli_opt opts[] = {{"no-followup", NULL, &no_followup}, {NULL, NULL, NULL}};
	const char *pos[1];
	int npos, rc = cli_parse(&cmd_responses, argc, argv, 1, opts, pos, 1, &npos);

	if (rc != 0)
		return rc;
	if (npos != 1)
		return cli_usage(&cmd_responses, "thiếu tên tệp: hailong responses import TỆP.csv");
	return cli_import_file_no_followup(ctx, pos[0], "phiếu", import_responses, no_followup);
}

/* Walk the stored responses of the unit --unit names (every unit when code
 * is NULL) with fn(arg, response); returns the exit status. */
static int scan(struct cli_ctx *ctx, const char *code,
	int (*fn)(void *arg, const struct store_response *r), void *arg)
{
	struct store_unit u = {0};
	struct hl_err err;
	int rc;

	hl_err_clear(&err);
	if (code != NULL &&
		(rc = cli_unit_get(ctx, code, &u, "đơn vị '%s' không tồn tại", code)) != 0)
		return rc;
	rc = responses_scan(ctx->st, u.id, HL_DAY_NONE, HL_DAY_NONE, fn, arg, &err);
	return rc != HL_OK ? cli_fail(&err) : 0;
}

static int count_one(void *ctx, const struct store_response *r)
{
	(void)r;
	(*(int64_t *)ctx)++;
	return HL_OK;
}

static int do_count(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL;
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {NULL, NULL, NULL}};
	int64_t count = 0;
	int rc = cli_opts(&cmd_responses, argc, argv, opts);

	if (rc != 0 || (rc = scan(ctx, unit, count_one, &count)) != 0)
		return rc;
	printf("%lld\n", (long long)count);
	return 0;
}

/* list-ids: which stored responses have an id, and with what status. */
struct ids_ctx {
	int status; /* -1 = any */
	bool with_status;
};

/* The statuses by their codes in --status and list-ids' output. */
static const char *const status_names[] = {
	[RS_COUNTED] = "counted",
	[RS_HELD] = "held",
	[RS_REJECTED] = "rejected",
};

static int print_id(void *ctx, const struct store_response *r)
{
	const struct ids_ctx *c = ctx;

	if (r->ext_id[0] == '\0' || (c->status >= 0 && r->status != c->status))
		return HL_OK;
	if (c->with_status)
		printf("%s\t%s\n", r->ext_id,
			r->status >= 0 && r->status <= 2 ? status_names[r->status] : "?");
	else
		printf("%s\n", r->ext_id);
	return HL_OK;
}

static int do_list_ids(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL, *status = NULL;
	bool with_status = false;
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {"status", &status, NULL},
		{"with-status", NULL, &with_status}, {NULL, NULL, NULL}};
	struct ids_ctx c = {-1, false};
	int rc = cli_opts(&cmd_responses, argc, argv, opts);

	if (rc != 0)
		return rc;
	c.with_status = with_status;
	for (int k = 0; status != NULL && k < 3 && c.status < 0; k++)
		if (strcmp(status, status_names[k]) == 0)
			c.status = k;
	if (status != NULL && c.status < 0)
		return cli_usage(&cmd_responses, "--status chỉ nhận counted, held hoặc rejected");
	return scan(ctx, unit, print_id, &c);
}

static const struct cli_sub subs[] = {{"import", do_import, NULL}, {"count", do_count, NULL},
	{"list-ids", do_list_ids, NULL}, {NULL, NULL, NULL}};

const struct cli_cmd cmd_responses = {"responses",
	"phiếu khảo sát (ý kiến của người dân): nhập, đếm", cli_help_responses, CLI_DB_OPEN, NULL,
	subs};
