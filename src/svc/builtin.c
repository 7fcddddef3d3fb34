/* builtin.c — the built-in lists as const tables (one place to change them)
 * and the set-up that loads them and the built-in instruments into a store. */
#include "svc/builtin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/mem.h"
#include "core/instrument.h"
#include "io/instrument_json.h"
#include "store/store.h"
#include "svc/audit.h"

#define ARENA_CAP ((size_t)16 * 1024 * 1024)

static const struct builtin_pair unit_types[] = {
	{"tinh", "Tỉnh, thành phố trực thuộc trung ương"},
	{"huyen", "Huyện, thị xã, thành phố thuộc tỉnh"},
	{"ubnd-huyen", "UBND cấp huyện"},
	{"ubnd-xa", "UBND cấp xã"},
	{"tram-y-te", "Trạm y tế"},
	{"truong", "Trường học"},
	{"nganh-doc", "Cơ quan ngành dọc"},
	{"benh-vien", "Bệnh viện"},
	{"so-nganh", "Sở, ban, ngành"},
};

static const struct builtin_pair fields[] = {
	{"ho-tich", "Hộ tịch"},
	{"chung-thuc", "Chứng thực"},
	{"dat-dai", "Đất đai"},
	{"xay-dung", "Xây dựng"},
	{"tu-phap", "Tư pháp"},
	{"lao-dong", "Lao động – Thương binh và Xã hội"},
	{"giao-duc", "Giáo dục và Đào tạo"},
	{"y-te", "Y tế"},
	{"kinh-doanh", "Thành lập và hoạt động của hộ kinh doanh"},
	{"moi-truong", "Tài nguyên và Môi trường"},
	{"khieu-nai", "Giải quyết khiếu nại, tố cáo"},
	{"van-hoa", "Văn hóa"},
	{"nong-nghiep", "Nông nghiệp"},
	{"ton-giao", "Tôn giáo"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const struct builtin_pair *builtin_unit_types(size_t *n)
{
	*n = COUNT(unit_types);
	return unit_types;
}

const char *builtin_unit_type_name(const char *code)
{
	for (size_t i = 0; i < COUNT(unit_types); i++)
		if (strcmp(unit_types[i].code, code) == 0)
			return unit_types[i].name;
	return NULL;
}

/* Store in (already parsed and finished) unless the same version is there. */
static int install(struct store *st, struct hl_arena *a, const struct hl_instrument *in,
	const char *who, struct store_instrument *out, bool *existed, struct hl_err *err)
{
	struct store_instrument si;
	char *json = NULL, *old = NULL, detail[160];
	int rc;

	*existed = false;
	json = ij_dump(in);
	if (json == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "không ghi được bộ câu hỏi '%s' ra JSON",
			in->code);
		goto cleanup;
	}
	memset(&si, 0, sizeof(si));
	rc = STORE(st, instruments, instrument_get, in->code, in->version, a, &si, &old, err);
	if (rc == HL_OK) {
		if (old == NULL || strcmp(old, json) != 0) {
			rc = hl_err_set(err, HL_ECONFLICT, HL_HERE,
				"bộ câu hỏi '%s' phiên bản %d đã có với nội dung khác; "
				"hãy đặt số phiên bản mới (\"version\") cho định nghĩa đã sửa",
				in->code, in->version);
			goto cleanup;
		}
		*existed = true;
		goto cleanup;
	}
	if (rc != HL_ENOTFOUND)
		goto cleanup;
	hl_err_clear(err);
	memset(&si, 0, sizeof(si));
	snprintf(si.code, sizeof(si.code), "%s", in->code);
	snprintf(si.name, sizeof(si.name), "%s", in->name != NULL ? in->name : "");
	si.version = in->version;
	rc = STORE(st, instruments, instrument_put, &si, json, err);
	if (rc != HL_OK)
		goto cleanup;
	snprintf(detail, sizeof(detail), "%s@%d", in->code, in->version);
	rc = STORE(st, admin, audit, who, "instrument.import", detail, err);
cleanup:
	if (rc == HL_OK && out != NULL)
		*out = si;
	free(json); /* ij_dump allocates with malloc */
	return rc;
}

int builtin_instrument_install(struct store *st, const char *json, size_t len, const char *who,
	struct store_instrument *out, bool *existed, struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new(ARENA_CAP);
	struct hl_instrument *in = NULL;
	int rc;

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc bộ câu hỏi");
	rc = ij_parse(a, json, len, &in, err);
	if (rc == HL_OK)
		rc = install(st, a, in, who, out, existed, err);
	hl_arena_free(a);
	return rc;
}

static int load_builtins(struct store *st, struct hl_arena *a, const char *who, int *added,
	struct hl_err *err)
{
	const char *const *codes = hl_instrument_builtin_codes();
	struct store_field *have = NULL;
	size_t nhave = 0;
	int rc;

	for (size_t i = 0; codes[i] != NULL; i++) {
		struct hl_instrument *in = NULL;
		bool existed;

		rc = hl_instrument_builtin(a, codes[i], &in, err);
		if (rc == HL_OK)
			rc = install(st, a, in, who, NULL, &existed, err);
		if (rc != HL_OK)
			return rc;
		if (!existed)
			(*added)++;
	}
	rc = STORE(st, units, field_list, a, &have, &nhave, err);
	if (rc != HL_OK)
		return rc;
	for (size_t i = 0; i < COUNT(fields); i++) {
		struct store_field f;
		bool found = false;

		/* A field already there keeps the name its users gave it. */
		for (size_t j = 0; j < nhave && !found; j++)
			found = strcmp(have[j].code, fields[i].code) == 0;
		if (found)
			continue;
		memset(&f, 0, sizeof(f));
		snprintf(f.code, sizeof(f.code), "%s", fields[i].code);
		snprintf(f.name, sizeof(f.name), "%s", fields[i].name);
		rc = STORE(st, units, field_put, &f, err);
		if (rc != HL_OK)
			return rc;
		(*added)++;
	}
	return HL_OK;
}

int builtin_init(struct store *st, const char *who, int *version, int *added, struct hl_err *err)
{
	struct hl_arena *a = NULL;
	int rc, n = 0;
	char detail[64];

	rc = store_migrate(st, version, err);
	if (rc != HL_OK)
		goto cleanup;
	a = hl_arena_new(ARENA_CAP);
	if (a == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi khởi tạo");
		goto cleanup;
	}
	rc = store_begin(st, err);
	if (rc != HL_OK)
		goto cleanup;
	rc = load_builtins(st, a, who, &n, err);
	snprintf(detail, sizeof(detail), "lược đồ %d, thêm %d mục có sẵn", *version, n);
	rc = audit_commit(st, rc, who, "init", detail, err);
cleanup:
	if (added != NULL)
		*added = n;
	hl_arena_free(a);
	return rc;
}
