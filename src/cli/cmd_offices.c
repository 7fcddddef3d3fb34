/* cmd_offices.c — `hailong offices import|list`: the offices feedback is
 * forwarded to (phòng, ban), per unit, besides the ward's usual four that
 * every unit has built in (VP, VHXH, KTHTDT, TTPVHCC). */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "store/store.h"
#include "svc/feedback.h"
#include "svc/units.h"

static int do_import(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_import_cmd(&cmd_offices, ctx, argc, argv, "phòng, ban", fb_import_offices);
}

/* t->arg: the unit --unit names, or NULL for the built-in offices only. */
static int print_list(struct cli_ctx *ctx, struct cli_table *t, struct hl_err *err)
{
	const struct store_unit *u = t->arg;
	struct store_fb_office *o = NULL;
	int rc = fb_offices(ctx->st, u != NULL ? u->id : 0, t->a, &o, &t->n, err);

	for (size_t i = 0; rc == HL_OK && i < t->n; i++) {
		/* A unit's own office hides a built-in one with the same code. */
		if (u != NULL && i > 0 && strcmp(o[i].code, o[i - 1].code) == 0)
			continue;
		cli_table_row(t,
			(const char *const[]){o[i].code,
				o[i].unit_id == 0 ? "(mọi đơn vị)" :
						    cli_table_unit(t, o[i].unit_id),
				o[i].name});
	}
	return rc;
}

static int do_list(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL;
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {NULL, NULL, NULL}};
	static const struct cli_col cols[] = {{"Mã", 12}, {"Đơn vị", 30}, {"Tên", 0}};
	static const struct cli_listing l = {cols, (size_t)64 << 20, NULL, NULL, true, print_list};
	struct store_unit u = {0};
	int rc = cli_opts(&cmd_offices, argc, argv, opts);

	if (rc != 0)
		return rc;
	if (unit != NULL &&
		(rc = cli_unit_get(ctx, unit, &u,
			 "không có đơn vị mã '%s' (xem: hailong units list)", unit)) != 0)
		return rc;
	return cli_list_print(ctx, &l, unit != NULL ? &u : NULL);
}

static const struct cli_sub subs[] = {{"import", do_import, NULL}, {"list", do_list, NULL},
	{NULL, NULL, NULL}};

const struct cli_cmd cmd_offices = {"offices",
	"phòng, ban tiếp nhận và xử lý phản ánh, kiến nghị: nhập, liệt kê", cli_help_offices,
	CLI_DB_OPEN, NULL, subs};
