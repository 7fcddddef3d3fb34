/* cmd_receipts.c — `hailong receipts DOSSIER`: a one-time survey link for a
 * dossier and the printable slip with its QR code that goes with the dossier
 * receipt (SPEC §4). Only the link's hash is stored. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/clock.h"
#include "cli/cli.h"
#include "cli/cli_help.h"
#include "io/html.h"
#include "store/store.h"
#include "svc/receipt.h"
#include "web/assets.h"

#define DEFAULT_BASE "http://127.0.0.1:8080"

static int run_receipts(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_cmd cmd_receipts = {"receipts",
	"tạo đường dẫn khảo sát một lần (mã QR) cho một hồ sơ và in phiếu kèm giấy tiếp nhận",
	cli_help_receipts, CLI_DB_OPEN, run_receipts, NULL};

/* The slip as a page that stands alone (the stylesheet inside it). */
static void page(struct hbuf *b, const struct hbuf *body)
{
	hb_raw(b,
		"<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		"<title>Phiếu khảo sát – hailong</title><style>\n");
	for (const struct asset *a = assets; a->name != NULL; a++) {
		char *css;

		if (strcmp(a->name, "site.css") != 0)
			continue;
		/* Assets are bytes, not strings: copy with a terminator. */
		css = hl_arena_alloc(b->a, a->len + 1);
		if (css == NULL) {
			b->failed = 1;
			return;
		}
		memcpy(css, a->data, a->len);
		css[a->len] = '\0';
		hb_style(b, css);
	}
	hb_raw(b, "</style></head><body><main>");
	hb_append(b, body);
	hb_raw(b, "</main></body></html>\n");
}

static int write_file(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return cli_errorf("không ghi được tệp '%s': %s", path, strerror(errno));
	if (fwrite(s, 1, n, f) != n || fclose(f) != 0)
		return cli_errorf("không ghi được tệp '%s': %s", path, strerror(errno));
	return 0;
}

static int run_receipts(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL, *url = getenv("HAILONG_URL"), *out = NULL, *feedback = NULL;
	bool is_new = false;
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {"url", &url, NULL},
		{"out", &out, NULL}, {"feedback", &feedback, NULL}, {"new", NULL, &is_new},
		{NULL, NULL, NULL}};
	const char *pos[1];
	struct hl_arena *a = NULL;
	struct receipt_new n;
	struct receipt_slip slip;
	struct receipt_target t;
	struct hbuf slip_b, page_b;
	struct hl_err err;
	char link[RECEIPT_URL_MAX];
	int npos, rc, replaced = 0;

	hl_err_clear(&err);
	rc = cli_parse(&cmd_receipts, argc, argv, 1, opts, pos, 1, &npos);
	if (rc != 0)
		return rc;
	if (npos != 1)
		return cli_usage(&cmd_receipts, "thiếu mã hồ sơ: hailong receipts MÃ_HỒ_SƠ");
	if (url == NULL || url[0] == '\0')
		url = DEFAULT_BASE;
	if (feedback == NULL)
		feedback = receipt_feedback();
	else if (receipt_check_feedback(feedback, &err) != HL_OK)
		return cli_fail(&err);
	if (receipt_check_dossier(pos[0], "dossier", &err) != HL_OK)
		return cli_fail(&err);
	if (receipt_target(ctx->st, pos[0], unit, is_new, &t, &err) != HL_OK) {
		if (err.code == HL_ENOTFOUND && strcmp(err.where, "new") == 0)
			return cli_errorf("%s (nếu đây là hồ sơ mới, chưa có trong dữ liệu một cửa: thêm "
					  "--new --unit MÃ_ĐƠN_VỊ)",
				err.msg);
		return cli_fail(&err);
	}
	if (receipt_prepare(pos[0], t.unit.id, hl_clock_now(), &n, &err) != HL_OK ||
		receipt_url(url, n.token, link, sizeof(link), &err) != HL_OK)
		return cli_fail(&err);

	if ((rc = cli_arena((size_t)4 << 20, &a)) != 0)
		return rc;
	hb_init(&slip_b, a, (size_t)1 << 20);
	hb_init(&page_b, a, (size_t)2 << 20);
	slip.url = link;
	slip.dossier = n.rec.dossier;
	slip.unit_name = t.unit.name;
	slip.feedback = feedback;
	slip.created_at = n.rec.created_at;
	slip.procedure = t.procedure;
	slip.field = t.field;
	if (receipt_slip_html(&slip_b, &slip, &err) != HL_OK) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	page(&page_b, &slip_b);
	if (page_b.failed) {
		rc = cli_errorf("hết bộ nhớ khi tạo phiếu");
		goto cleanup;
	}
	/* The file first, then the link: a failed write stores nothing, and a
	 * failed commit takes the file back, so no slip points nowhere. */
	if (out != NULL && (rc = write_file(out, page_b.s, page_b.len)) != 0)
		goto cleanup;
	if (store_begin(ctx->st, &err) != HL_OK ||
		receipt_store(ctx->st, &n, t.unit.code, ctx->who, &replaced, &err) != HL_OK ||
		store_commit(ctx->st, &err) != HL_OK) {
		struct hl_err e2;

		hl_err_clear(&e2);
		store_rollback(ctx->st, &e2);
		if (out != NULL)
			remove(out);
		rc = cli_fail(&err);
		goto cleanup;
	}
	if (replaced > 0)
		fprintf(stderr,
			"Phiếu này thay cho phiếu in trước của hồ sơ %s: mã QR trên phiếu cũ "
			"không dùng được nữa.\n",
			n.rec.dossier);
	if (out != NULL)
		printf("Đường dẫn khảo sát của hồ sơ %s: %s\nĐã ghi phiếu để in vào %s\n",
			n.rec.dossier, link, out);
	else if (fwrite(page_b.s, 1, page_b.len, stdout) != page_b.len)
		rc = cli_errorf("không in được phiếu");
cleanup:
	hl_arena_free(a);
	return rc;
}
