/* instrument_json.c — read and write custom instruments as JSON (jansson).
 * Every error names the JSON path; the dump is canonical (fixed key order,
 * compact) because the store compares definitions by their text. */
#include "io/instrument_json.h"

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"

#define IJ_MAX_TEXT 4096 /* bytes of one name, label or question text */

static const char *const top_keys[] = {
	"code",
	"version",
	"name",
	"method",
	"scales",
	"criteria",
	"questions",
	NULL,
};
static const char *const scale_keys[] = {"code", "levels", NULL};
static const char *const level_keys[] = {"label", "satisfied", NULL};
static const char *const crit_keys[] = {"code", "name", NULL};
static const char *const question_keys[] = {"code", "criterion", "scale", "text", NULL};

/* At most 40 bytes of s, cut on a character boundary, for messages. */
static const char *shown(const char *s, char *buf, size_t size)
{
	size_t n = strlen(s);

	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "đối tượng";
	case JSON_ARRAY: return "mảng";
	case JSON_STRING: return "chuỗi";
	case JSON_INTEGER: return "số nguyên";
	case JSON_REAL: return "số thực";
	case JSON_TRUE:
	case JSON_FALSE: return "true/false";
	default: return "null";
	}
}

/* v must be an object with no key outside allowed. */
static int check_object(const json_t *v, const char *path, const char *const *allowed,
	struct hl_err *err)
{
	const char *key;
	json_t *val;

	if (!json_is_object(v))
		return hl_err_set(err, HL_EINVAL, HL_HERE, "%s: cần một đối tượng {...}, có %s",
			path[0] != '\0' ? path : "(gốc)", type_name(v));
	json_object_foreach((json_t *)v, key, val)
	{
		bool known = false;

		for (int i = 0; allowed[i] != NULL; i++)
			if (strcmp(key, allowed[i]) == 0)
				known = true;
		if (!known) {
			char buf[48];

			return hl_err_set(err, HL_EINVAL, HL_HERE, "%s%s%s: khóa không được hỗ trợ",
				path, path[0] != '\0' ? "." : "", shown(key, buf, sizeof(buf)));
		}
	}
	return HL_OK;
}

/* Required string obj.key copied into a (NFC-normalised unless it is a code). */
static int get_string(struct hl_arena *a, const json_t *obj, const char *path, const char *key,
	bool is_code, const char **out, struct hl_err *err)
{
	const json_t *v = json_object_get(obj, key);
	const char *dot = path[0] != '\0' ? "." : "";
	const char *s;
	size_t n;

	if (v == NULL)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "%s%s%s: thiếu", path, dot, key);
	if (!json_is_string(v))
		return hl_err_set(err, HL_EINVAL, HL_HERE, "%s%s%s: cần một chuỗi, có %s", path,
			dot, key, type_name(v));
	s = json_string_value(v);
	n = json_string_length(v);
	if (n == 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "%s%s%s: chuỗi rỗng", path, dot, key);
	if (n > (is_code ? HL_CODE_MAX - 1 : IJ_MAX_TEXT))
		return hl_err_set(err, HL_EINVAL, HL_HERE, "%s%s%s: dài quá %d byte", path, dot,
			key, is_code ? HL_CODE_MAX - 1 : IJ_MAX_TEXT);
	*out = is_code ? hl_arena_strdup(a, s) : hl_utf8_nfc(a, s);
	if (*out == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc %s%s%s", path, dot,
			key);
	return HL_OK;
}

/* Required array obj.key with 1..max elements. */
static int get_array(const json_t *obj, const char *key, int max, const json_t **out,
	struct hl_err *err)
{
	const json_t *v = json_object_get(obj, key);

	if (v == NULL)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "%s: thiếu", key);
	if (!json_is_array(v))
		return hl_err_set(err, HL_EINVAL, HL_HERE, "%s: cần một mảng [...], có %s", key,
			type_name(v));
	if (json_array_size(v) < 1 || json_array_size(v) > (size_t)max)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "%s: cần từ 1 đến %d phần tử (có %zu)",
			key, max, json_array_size(v));
	*out = v;
	return HL_OK;
}

static int parse_scale(struct hl_arena *a, const json_t *v, int i, struct hl_scale *sc,
	struct hl_err *err)
{
	char path[64], lpath[96];
	const json_t *levels;
	int rc;

	snprintf(path, sizeof(path), "scales[%d]", i);
	if ((rc = check_object(v, path, scale_keys, err)) != HL_OK)
		return rc;
	if ((rc = get_string(a, v, path, "code", true, &sc->code, err)) != HL_OK)
		return rc;
	levels = json_object_get(v, "levels");
	if (!json_is_array(levels))
		return hl_err_set(err, HL_EINVAL, HL_HERE, "%s.levels: %s", path,
			levels == NULL ? "thiếu" : "cần một mảng [...]");
	if (json_array_size(levels) < 2 || json_array_size(levels) > HL_MAX_LEVELS)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"%s.levels: thang đo '%s' cần từ 2 đến %d mức (có %zu)", path, sc->code,
			HL_MAX_LEVELS, json_array_size(levels));
	sc->nlevels = (int)json_array_size(levels);
	for (int l = 0; l < sc->nlevels; l++) {
		const json_t *lv = json_array_get(levels, (size_t)l);
		const json_t *sat;

		snprintf(lpath, sizeof(lpath), "%s.levels[%d]", path, l);
		if ((rc = check_object(lv, lpath, level_keys, err)) != HL_OK)
			return rc;
		if ((rc = get_string(a, lv, lpath, "label", false, &sc->levels[l].label, err)) !=
			HL_OK)
			return rc;
		sat = json_object_get(lv, "satisfied");
		if (!json_is_boolean(sat))
			return hl_err_set(err, HL_EINVAL, HL_HERE, "%s.satisfied: %s", lpath,
				sat == NULL ? "thiếu" : "cần true hoặc false");
		sc->levels[l].satisfied = json_is_true(sat);
	}
	return HL_OK;
}

/* The index of the first of in's first n scales with code, or -1. */
static int first_scale(const struct hl_instrument *in, const char *code, int n)
{
	for (int s = 0; s < n; s++)
		if (strcmp(in->scales[s].code, code) == 0)
			return s;
	return -1;
}

/* HL_EINVAL when item i of list repeats the code of its item j (-1: none). */
static int not_repeated(const char *list, int i, const char *code, int j, struct hl_err *err)
{
	if (j < 0)
		return HL_OK;
	return hl_err_set(err, HL_EINVAL, HL_HERE, "%s[%d].code: mã '%s' trùng với %s[%d]", list, i,
		code, list, j);
}

static int parse_question(struct hl_arena *a, const json_t *v, int i, struct hl_instrument *in,
	struct hl_err *err)
{
	struct hl_question *q = &in->questions[i];
	const char *crit, *scale;
	char path[64], buf[48];
	int rc;

	snprintf(path, sizeof(path), "questions[%d]", i);
	if ((rc = check_object(v, path, question_keys, err)) != HL_OK)
		return rc;
	if ((rc = get_string(a, v, path, "code", true, &q->code, err)) != HL_OK ||
		(rc = get_string(a, v, path, "criterion", true, &crit, err)) != HL_OK ||
		(rc = get_string(a, v, path, "scale", true, &scale, err)) != HL_OK ||
		(rc = get_string(a, v, path, "text", false, &q->text, err)) != HL_OK)
		return rc;
	q->criterion = hl_instrument_criterion(in, crit);
	if (q->criterion < 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"%s.criterion: tiêu chí '%s' không tồn tại", path,
			shown(crit, buf, sizeof(buf)));
	q->scale = first_scale(in, scale, in->nscales);
	if (q->scale < 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "%s.scale: thang đo '%s' không tồn tại",
			path, shown(scale, buf, sizeof(buf)));
	return HL_OK;
}

static int parse_root(struct hl_arena *a, const json_t *root, struct hl_instrument *in,
	struct hl_err *err)
{
	const json_t *v, *scales, *crits, *questions;
	int rc;

	if ((rc = check_object(root, "", top_keys, err)) != HL_OK)
		return rc;
	if ((rc = get_string(a, root, "", "code", true, &in->code, err)) != HL_OK)
		return rc;
	v = json_object_get(root, "version");
	if (v == NULL)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "version: thiếu");
	if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > INT_MAX)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "version: cần một số nguyên dương");
	in->version = (int)json_integer_value(v);
	if ((rc = get_string(a, root, "", "name", false, &in->name, err)) != HL_OK)
		return rc;
	v = json_object_get(root, "method");
	in->method = HL_METHOD_PERCENT;
	if (v != NULL) {
		if (json_is_string(v) && strcmp(json_string_value(v), "percent") == 0)
			in->method = HL_METHOD_PERCENT;
		else if (json_is_string(v) && strcmp(json_string_value(v), "mean") == 0)
			in->method = HL_METHOD_MEAN;
		else
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"method: cần \"percent\" hoặc \"mean\"");
	}

	if ((rc = get_array(root, "scales", HL_MAX_QUESTIONS, &scales, err)) != HL_OK ||
		(rc = get_array(root, "criteria", HL_MAX_CRITERIA, &crits, err)) != HL_OK ||
		(rc = get_array(root, "questions", HL_MAX_QUESTIONS, &questions, err)) != HL_OK)
		return rc;
	in->nscales = (int)json_array_size(scales);
	in->ncriteria = (int)json_array_size(crits);
	in->nquestions = (int)json_array_size(questions);
	in->scales = hl_arena_alloc(a, (size_t)in->nscales * sizeof(*in->scales));
	in->criteria = hl_arena_alloc(a, (size_t)in->ncriteria * sizeof(*in->criteria));
	in->questions = hl_arena_alloc(a, (size_t)in->nquestions * sizeof(*in->questions));
	if (in->scales == NULL || in->criteria == NULL || in->questions == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc bộ câu hỏi");

	for (int i = 0; i < in->nscales; i++) {
		if ((rc = parse_scale(a, json_array_get(scales, (size_t)i), i, &in->scales[i],
			     err)) != HL_OK)
			return rc;
		if ((rc = not_repeated("scales", i, in->scales[i].code,
			     first_scale(in, in->scales[i].code, i), err)) != HL_OK)
			return rc;
	}
	for (int i = 0; i < in->ncriteria; i++) {
		char path[64];
		int j;

		v = json_array_get(crits, (size_t)i);
		snprintf(path, sizeof(path), "criteria[%d]", i);
		if ((rc = check_object(v, path, crit_keys, err)) != HL_OK ||
			(rc = get_string(a, v, path, "code", true, &in->criteria[i].code, err)) !=
				HL_OK ||
			(rc = get_string(a, v, path, "name", false, &in->criteria[i].name, err)) !=
				HL_OK)
			return rc;
		/* Caught here, before questions refer to criteria by code. */
		for (j = 0; j < i && strcmp(in->criteria[j].code, in->criteria[i].code) != 0; j++)
			;
		if ((rc = not_repeated("criteria", i, in->criteria[i].code, j < i ? j : -1, err)) !=
			HL_OK)
			return rc;
	}
	for (int i = 0; i < in->nquestions; i++)
		if ((rc = parse_question(a, json_array_get(questions, (size_t)i), i, in, err)) !=
			HL_OK)
			return rc;
	return hl_instrument_finish(in, err);
}

int ij_parse(struct hl_arena *a, const char *json, size_t len, struct hl_instrument **out,
	struct hl_err *err)
{
	struct hl_instrument *in;
	json_error_t jerr;
	json_t *root = NULL;
	int rc;

	*out = NULL;
	if (len > IJ_MAX_BYTES)
		return hl_err_set(err, HL_ELIMIT, HL_HERE,
			"tệp bộ câu hỏi quá lớn: %zu byte (tối đa %d)", len, IJ_MAX_BYTES);
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"JSON không hợp lệ ở dòng %d, cột %d: %s", jerr.line, jerr.column,
			jerr.text);
	in = hl_arena_alloc(a, sizeof(*in));
	if (in == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc bộ câu hỏi");
		goto cleanup;
	}
	rc = parse_root(a, root, in, err);
	if (rc == HL_OK)
		*out = in;

cleanup:
	json_decref(root);
	return rc;
}

/* Append key: value to obj; a NULL value (out of memory) marks *bad. */
static void put(json_t *obj, const char *key, json_t *value, bool *bad)
{
	if (value == NULL || json_object_set_new(obj, key, value) != 0)
		*bad = true;
}

static void append(json_t *arr, json_t *value, bool *bad)
{
	if (value == NULL || json_array_append_new(arr, value) != 0)
		*bad = true;
}

char *ij_dump(const struct hl_instrument *in)
{
	json_t *root = json_object(), *arr, *obj;
	bool bad = root == NULL;
	char *text = NULL;

	if (bad)
		return NULL;
	put(root, "code", json_string(in->code), &bad);
	put(root, "version", json_integer(in->version), &bad);
	put(root, "name", json_string(in->name), &bad);
	put(root, "method", json_string(in->method == HL_METHOD_MEAN ? "mean" : "percent"), &bad);

	put(root, "scales", arr = json_array(), &bad);
	for (int i = 0; !bad && i < in->nscales; i++) {
		const struct hl_scale *sc = &in->scales[i];
		json_t *levels;

		append(arr, obj = json_object(), &bad);
		if (bad)
			break;
		put(obj, "code", json_string(sc->code), &bad);
		put(obj, "levels", levels = json_array(), &bad);
		for (int l = 0; !bad && l < sc->nlevels; l++)
			append(levels,
				json_pack("{s:s, s:b}", "label", sc->levels[l].label, "satisfied",
					(int)sc->levels[l].satisfied),
				&bad);
	}
	put(root, "criteria", arr = json_array(), &bad);
	for (int i = 0; !bad && i < in->ncriteria; i++)
		append(arr,
			json_pack("{s:s, s:s}", "code", in->criteria[i].code, "name",
				in->criteria[i].name),
			&bad);
	put(root, "questions", arr = json_array(), &bad);
	for (int i = 0; !bad && i < in->nquestions; i++) {
		const struct hl_question *q = &in->questions[i];

		append(arr,
			json_pack("{s:s, s:s, s:s, s:s}", "code", q->code, "criterion",
				in->criteria[q->criterion].code, "scale", in->scales[q->scale].code,
				"text", q->text),
			&bad);
	}
	/* Objects keep insertion order (jansson >= 2.8), so the key order is fixed. */
	if (!bad)
		text = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(root);
	return text;
}
