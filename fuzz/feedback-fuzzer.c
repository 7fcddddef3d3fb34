/* feedback-fuzzer.c — a libFuzzer target for the feedback API's bodies
 * (api/api_feedback.c: POST /api/v1/feedback, /api/v1/public/feedback and
 * the steps): api_fb_body_parse, api_fb_body_new, then svc/feedback's fb_add
 * and a classification against an in-memory SQLite store with one unit.
 * Built with clang by -Dfuzz=true (fuzz/meson.build); the same entry point
 * replays fuzz/corpus/feedback/ in `make test` (tests/unit/svc/
 * test_feedback_corpus.c).
 *
 * Besides not crashing: a refused body gives a status of the documented
 * ones with a message and field that are valid UTF-8; an accepted item can
 * be read back by its code and by its tracking token, in its unit and
 * channel, with NFC text within its limit and no answer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/text.h"
#include "store/store.h"
#include "svc/builtin.h"
#include "svc/feedback.h"
#include "svc/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int feedback_fuzz_body(const uint8_t *data, size_t size);

#define MUST(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "feedback-fuzzer: %s failed (%s:%d)\n", #cond, __FILE__, \
				__LINE__); \
			__builtin_trap(); \
		} \
	} while (0)

static struct store *st;

static void setup(void)
{
	struct hl_err err;
	struct store_unit u;
	int version = 0, rc;

	if (st != NULL)
		return;
	hl_err_clear(&err);
	rc = store_open(":memory:", &st, &err);
	if (rc == HL_OK)
		rc = builtin_init(st, "fuzz", &version, NULL, &err);
	if (rc == HL_OK) {
		memset(&u, 0, sizeof(u));
		snprintf(u.code, sizeof(u.code), "VT");
		snprintf(u.name, sizeof(u.name), "Phường Vĩnh Thọ");
		snprintf(u.type, sizeof(u.type), "ubnd-xa");
		u.valid_from = HL_DAY_NONE;
		u.valid_to = HL_DAY_NONE;
		rc = STORE(st, units, unit_put, &u, &err);
	}
	if (rc != HL_OK) {
		fprintf(stderr, "feedback-fuzzer: setup failed: %s\n", err.msg);
		exit(1);
	}
}

static void check_refused(int rc, const struct hl_err *err)
{
	MUST(rc == HL_EINVAL || rc == HL_ELIMIT || rc == HL_ENOTFOUND || rc == HL_EEXIST ||
		rc == HL_ECONFLICT);
	MUST(err->msg[0] != '\0' && hl_utf8_valid(err->msg, strlen(err->msg), NULL));
	MUST(hl_utf8_valid(err->where, strlen(err->where), NULL));
}

/* An accepted item, read back by code and by token. */
static void check_stored(const struct fb_new *in, const char *code, const char *token)
{
	struct hl_arena *a = hl_arena_new(1 << 16);
	struct fb_item it, tr;
	struct hl_err err;
	const char *p, *nfc;
	size_t n;

	MUST(a != NULL);
	hl_err_clear(&err);
	MUST(fb_get(st, NULL, code, hl_clock_minute(), a, &it, &err) == HL_OK);
	MUST(fb_track(st, NULL, code, token, hl_clock_minute(), a, &tr, &err) == HL_OK);
	MUST(strcmp(it.it.code, code) == 0 && strcmp(tr.it.code, code) == 0);
	MUST(strcmp(it.unit_code, "VT") == 0 && it.it.channel == in->channel);
	MUST(it.it.text != NULL && hl_utf8_valid(it.it.text, strlen(it.it.text), NULL));
	nfc = hl_utf8_nfc(a, it.it.text);
	MUST(nfc != NULL && strcmp(nfc, it.it.text) == 0);
	for (n = 0, p = it.it.text; *p != '\0'; p++)
		n += ((unsigned char)*p & 0xC0) != 0x80;
	MUST(n > 0 && n <= FB_TEXT_MAX_CHARS);
	MUST(it.it.answer == NULL || it.it.answer[0] == '\0');
	hl_arena_free(a);
}

int feedback_fuzz_body(const uint8_t *data, size_t size)
{
	struct api_fb_body b;
	struct fb_new in;
	struct hl_err err;
	char code[STORE_CODE_MAX], token[FB_TOKEN_SIZE];
	int rc, cls = 0;

	setup();
	hl_err_clear(&err);
	rc = api_fb_body_parse((const char *)data, size, &b, &err);
	if (rc != HL_OK) {
		check_refused(rc, &err);
		return rc;
	}
	rc = api_fb_body_new(&b, &in, &err);
	if (rc == HL_OK)
		rc = fb_add(st, &in, "fuzz", code, token, &err);
	if (rc == HL_OK) {
		check_stored(&in, code, token);
		/* the step fields of the same body, as POST …/classify reads them */
		if (b.cls != NULL && fb_class_parse(b.cls, &cls, &err) == HL_OK &&
			(b.criterion == NULL || b.criterion[0] == '\0' ||
				fb_criterion_parse(b.criterion, &err) == HL_OK))
			MUST(fb_classify(st, code, 0, cls, b.criterion, 0, -1, "fuzz", &err) ==
				HL_OK);
	} else {
		check_refused(rc, &err);
	}
	api_fb_body_free(&b);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	feedback_fuzz_body(data, size);
	return 0;
}
