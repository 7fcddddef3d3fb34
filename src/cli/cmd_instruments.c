/* cmd_instruments.c — `hailong instruments import|show|list`: survey
 * instruments (bộ câu hỏi) and their versions. */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/mem.h"
#include "base/text.h"
#include "core/instrument.h"
#include "io/instrument_json.h"
#include "store/store.h"
#include "svc/builtin.h"
#include "svc/instruments.h"

#define ARENA_CAP ((size_t)64 * 1024 * 1024)

/* Whole file into hl_malloc'd memory (caller frees), at most IJ_MAX_BYTES. */
static int read_file(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n;

	*out = NULL;
	if (f == NULL)
		return cli_errorf("không mở được tệp '%s': %s", path, strerror(errno));
	buf = hl_malloc(IJ_MAX_BYTES + 1);
	if (buf == NULL) {
		fclose(f);
		return cli_errorf("hết bộ nhớ");
	}
	n = fread(buf, 1, IJ_MAX_BYTES + 1, f);
	if (ferror(f)) {
		fclose(f);
		hl_free(buf);
		return cli_errorf("không đọc được tệp '%s'", path);
	}
	fclose(f);
	if (n > IJ_MAX_BYTES) {
		hl_free(buf);
		return cli_errorf("tệp '%s' quá lớn (tối đa %d byte)", path, IJ_MAX_BYTES);
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

static int do_import(struct cli_ctx *ctx, int argc, char **argv)
{
	struct store_instrument si;
	struct hl_err err;
	const char *path;
	char *json = NULL;
	size_t len = 0;
	bool existed = false;
	int rc = cli_parse_one(&cmd_instruments, argc, argv, NULL, &path,
		"thiếu tên tệp: hailong instruments import TỆP.json");

	if (rc != 0)
		return rc;
	rc = read_file(path, &json, &len);
	if (rc != 0)
		return rc;
	hl_err_clear(&err);
	rc = store_begin(ctx->st, &err);
	if (rc == HL_OK) {
		rc = builtin_instrument_install(ctx->st, json, len, ctx->who, &si, &existed, &err);
		if (rc == HL_OK) {
			rc = store_commit(ctx->st, &err);
		} else {
			struct hl_err ignored;

			store_rollback(ctx->st, &ignored);
		}
	}
	hl_free(json);
	if (rc != HL_OK) {
		fprintf(stderr, "hailong: lỗi: tệp '%s': %s\n", path, err.msg);
		return 1;
	}
	if (existed)
		printf("Bộ câu hỏi %s phiên bản %d đã có với cùng nội dung, không thay đổi.\n",
			si.code, si.version);
	else
		printf("Đã nhập bộ câu hỏi %s phiên bản %d: %s\n", si.code, si.version, si.name);
	return 0;
}

/* The highest stored version of code, or 0. */
static int current_version(struct cli_ctx *ctx, struct hl_arena *a, const char *code, int *version,
	struct hl_err *err)
{
	struct store_instrument *list = NULL;
	size_t n = 0;
	int rc = instruments_list(ctx->st, a, &list, &n, err);

	*version = 0;
	for (size_t i = 0; rc == HL_OK && i < n; i++)
		if (strcmp(list[i].code, code) == 0 && list[i].version > *version)
			*version = list[i].version;
	return rc;
}

static void print_instrument(const struct hl_instrument *in)
{
	printf("Bộ câu hỏi %s, phiên bản %d: %s\n", in->code, in->version,
		in->name != NULL ? in->name : "");
	if (in->method == HL_METHOD_MEAN)
		puts("Cách tính: điểm trung bình (mức 1 = 0, mức cao nhất = 100), chỉ số chung = "
		     "trung bình các tiêu chí");
	else
		puts("Cách tính: số câu trả lời hài lòng / số câu trả lời hợp lệ × 100 (không trả "
		     "lời không tính), chỉ số chung = trung bình các tiêu chí");
	printf("\nTiêu chí và câu hỏi (%d tiêu chí, %d câu):\n", in->ncriteria, in->nquestions);
	for (int c = 0; c < in->ncriteria; c++) {
		printf("  %s  %s\n", in->criteria[c].code, in->criteria[c].name);
		for (int q = 0; q < in->nquestions; q++) {
			const struct hl_question *qu = &in->questions[q];

			if (qu->criterion != c)
				continue;
			printf("    %-6s %s  [thang %s]\n", qu->code,
				qu->text != NULL ? qu->text : "", in->scales[qu->scale].code);
		}
	}
	puts("\nThang đo (* = tính là hài lòng):");
	for (int s = 0; s < in->nscales; s++) {
		const struct hl_scale *sc = &in->scales[s];

		printf("  %s:", sc->code);
		for (int l = 0; l < sc->nlevels; l++)
			printf("%s %d %s%s", l > 0 ? ";" : "", l + 1, sc->levels[l].label,
				sc->levels[l].satisfied ? " *" : "");
		putchar('\n');
	}
	puts("  (ô trống = không trả lời, không tính vào mẫu số)");
}

static int do_show(struct cli_ctx *ctx, int argc, char **argv)
{
	struct hl_arena *a = NULL;
	struct hl_instrument *in = NULL;
	struct store_instrument si;
	struct hl_err err;
	const char *pos[1];
	char code[STORE_CODE_MAX], *at;
	int npos, version = 0, rc = cli_parse(&cmd_instruments, argc, argv, 1, NULL, pos, 1, &npos);

	if (rc != 0)
		return rc;
	if (npos != 1)
		return cli_usage(&cmd_instruments,
			"cách dùng: hailong instruments show MÃ[@PHIÊN_BẢN]");
	if (strlen(pos[0]) >= sizeof(code))
		return cli_errorf("mã bộ câu hỏi quá dài: %s", pos[0]);
	snprintf(code, sizeof(code), "%s", pos[0]);
	at = strchr(code, '@');
	if (at != NULL) {
		long v;

		if (!hl_parse_long(at + 1, 1, 1000000, &v))
			return cli_usage(&cmd_instruments, "phiên bản '%s' không hợp lệ", at + 1);
		*at = '\0';
		version = (int)v;
	}
	hl_err_clear(&err);
	if ((rc = cli_arena(ARENA_CAP, &a)) != 0)
		return rc;
	if (version == 0) {
		rc = current_version(ctx, a, code, &version, &err);
		if (rc != HL_OK)
			goto fail;
		if (version == 0) {
			hl_arena_free(a);
			return cli_errorf(
				"không có bộ câu hỏi '%s'. Xem danh sách: hailong instruments list",
				code);
		}
	}
	rc = instruments_get(ctx->st, a, code, version, &si, NULL, &in, &err);
	if (rc == HL_ENOTFOUND) {
		hl_arena_free(a);
		return cli_errorf("không có bộ câu hỏi '%s' phiên bản %d. Xem danh sách: "
				  "hailong instruments list",
			code, version);
	}
	if (rc != HL_OK)
		goto fail;
	print_instrument(in);
	hl_arena_free(a);
	return 0;
fail:
	hl_arena_free(a);
	return cli_fail(&err);
}

static int print_list(struct cli_ctx *ctx, struct cli_table *t, struct hl_err *err)
{
	struct store_instrument *list = NULL;
	int rc = instruments_list(ctx->st, t->a, &list, &t->n, err);

	for (size_t i = 0; rc == HL_OK && i < t->n; i++) {
		bool current = true;

		for (size_t j = 0; j < t->n; j++)
			if (strcmp(list[j].code, list[i].code) == 0 &&
				list[j].version > list[i].version)
				current = false;
		char v[16];

		snprintf(v, sizeof(v), "%d", list[i].version);
		cli_table_row(t,
			(const char *const[]){list[i].code, v,
				hl_arena_printf(t->a, "%s%s", list[i].name,
					current ? "" : " (phiên bản cũ)")});
	}
	return rc;
}

static const struct cli_col list_cols[] = {{"Mã", 20}, {"Phiên bản", 9}, {"Tên", 0}};
static const struct cli_listing listing = {list_cols, ARENA_CAP, NULL, NULL, false, print_list};

static const struct cli_sub subs[] = {{"import", do_import, NULL}, {"show", do_show, NULL},
	{"list", NULL, &listing}, {NULL, NULL, NULL}};

const struct cli_cmd cmd_instruments = {"instruments",
	"bộ câu hỏi khảo sát và các phiên bản: nhập, xem, liệt kê", cli_help_instruments,
	CLI_DB_OPEN, NULL, subs};
