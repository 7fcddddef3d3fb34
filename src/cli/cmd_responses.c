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
	return cli_import_cmd(&cmd_responses, ctx, argc, argv, "phiếu", import_responses);
}

/* The id of the unit --unit names, or 0 when code is NULL; returns 0 or the
 * exit status. */
static int unit_arg(struct cli_ctx *ctx, const char *code, int64_t *id)
{
	struct store_unit u;
	int rc;

	*id = 0;
	if (code == NULL)
		return 0;
	if ((rc = cli_unit_get(ctx, code, &u, "đơn vị '%s' không tồn tại", code)) != 0)
		return rc;
	*id = u.id;
	return 0;
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
	struct hl_err err;
	int64_t count = 0, unit_id = 0;
	int rc = cli_opts(&cmd_responses, argc, argv, opts);

	if (rc != 0)
		return rc;
	hl_err_clear(&err);
	if ((rc = unit_arg(ctx, unit, &unit_id)) != 0)
		return rc;
	rc = responses_scan(ctx->st, unit_id, HL_DAY_NONE, HL_DAY_NONE, count_one, &count, &err);
	if (rc != HL_OK)
		return cli_fail(&err);
	printf("%lld\n", (long long)count);
	return 0;
}

/* list-ids: which stored responses have an id, and with what status. */
struct ids_ctx {
	int status; /* -1 = any */
	bool with_status;
};

static int print_id(void *ctx, const struct store_response *r)
{
	static const char *const names[] = {"counted", "held", "rejected"};
	const struct ids_ctx *c = ctx;

	if (r->ext_id[0] == '\0' || (c->status >= 0 && r->status != c->status))
		return HL_OK;
	if (c->with_status)
		printf("%s\t%s\n", r->ext_id,
			r->status >= 0 && r->status <= 2 ? names[r->status] : "?");
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
	struct hl_err err;
	struct ids_ctx c = {-1, false};
	int64_t unit_id = 0;
	int rc = cli_opts(&cmd_responses, argc, argv, opts);

	if (rc != 0)
		return rc;
	c.with_status = with_status;
	if (status != NULL) {
		if (strcmp(status, "counted") == 0)
			c.status = RS_COUNTED;
		else if (strcmp(status, "held") == 0)
			c.status = RS_HELD;
		else if (strcmp(status, "rejected") == 0)
			c.status = RS_REJECTED;
		else
			return cli_usage(&cmd_responses,
				"--status chỉ nhận counted, held hoặc rejected");
	}
	hl_err_clear(&err);
	if ((rc = unit_arg(ctx, unit, &unit_id)) != 0)
		return rc;
	rc = responses_scan(ctx->st, unit_id, HL_DAY_NONE, HL_DAY_NONE, print_id, &c, &err);
	if (rc != HL_OK)
		return cli_fail(&err);
	return 0;
}

static const struct cli_sub subs[] = {{"import", do_import}, {"count", do_count},
	{"list-ids", do_list_ids}, {NULL, NULL}};

const struct cli_cmd cmd_responses = {"responses",
	"phiếu khảo sát (ý kiến của người dân): nhập, đếm", cli_help_responses, CLI_DB_OPEN, NULL,
	subs};
