/* cmd_serve.c — `hailong serve`: run the web server until SIGTERM. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "cli/cli.h"
#include "cli/cli_help.h"
#include "http/srv.h"

static int run_serve(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_cmd cmd_serve = {"serve",
	"chạy máy chủ web: kiosk, nhập phiếu giấy, trang quản lý, trang công khai, API",
	cli_help_serve, CLI_DB_OPEN, run_serve, NULL};

static void on_ready(const char *url, void *arg)
{
	(void)arg;
	printf("hailong đang chạy: %s/  (dừng: Ctrl-C)\n", url);
	fflush(stdout);
}

/* s as an integer in [lo, hi] into *out. */
static bool number(const char *s, long lo, long hi, int *out)
{
	long n;

	if (!hl_parse_long(s, lo, hi, &n))
		return false;
	*out = (int)n;
	return true;
}

static int run_serve(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *listen = "127.0.0.1:8080", *readers = NULL, *threads = NULL,
		   *per_address = NULL;
	bool quiet = false, trust_proxy = false;
	const struct cli_opt opts[] = {{"listen", &listen, NULL}, {"readers", &readers, NULL},
		{"threads", &threads, NULL}, {"max-per-address", &per_address, NULL},
		{"quiet", NULL, &quiet}, {"trust-proxy", NULL, &trust_proxy}, {NULL, NULL, NULL}};
	struct srv_opts o = {0};
	struct hl_err err = {0};
	int rc;

	rc = cli_opts(&cmd_serve, argc, argv, opts);
	if (rc != 0)
		return rc;
	o.db = ctx->db;
	o.read_db = ctx->read_db;
	o.listen = listen;
	o.quiet = quiet;
	o.trust_proxy = trust_proxy;
	o.per_address = 128;
	if (readers != NULL && !number(readers, 1, 32, &o.readers))
		return cli_usage(&cmd_serve, "--readers phải là số từ 1 đến 32");
	if (threads != NULL && !number(threads, 1, 256, &o.threads))
		return cli_usage(&cmd_serve, "--threads phải là số từ 1 đến 256");
	if (per_address != NULL && !number(per_address, 0, 4096, &o.per_address))
		return cli_usage(&cmd_serve, "--max-per-address phải là số từ 0 đến 4096");
	if (srv_run(&o, on_ready, NULL, &err) != HL_OK)
		return cli_fail(&err);
	return 0;
}
