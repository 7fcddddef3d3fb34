/* ingest-fuzzer.c — a libFuzzer target for what the server does with a
 * response from outside: ingest_json (the API body) and the checks of
 * svc/ingest shared with the CSV import, against an in-memory SQLite store
 * with a few units, the built-in fields and instruments and one civil
 * servant. Built with clang by -Dfuzz=true (fuzz/meson.build); the same entry
 * point replays fuzz/corpus/ingest/ in `make test` (tests/unit/svc/
 * test_ingest_corpus.c), so the corpus is a regression suite.
 *
 * Besides not crashing, every answer must hold these: a body that is
 * accepted gives a response a store would take (a known unit valid on its
 * day, levels within their scale, NFC text within its limits); a refused
 * one gives a Vietnamese message and a field name that are valid UTF-8. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/text.h"
#include "core/instrument.h"
#include "store/store.h"
#include "svc/builtin.h"
#include "svc/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int ingest_fuzz_json(const uint8_t *data, size_t size, int kiosk);

/* A broken invariant is a bug: stop here, the fuzzer keeps the input. */
#define MUST(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "ingest-fuzzer: %s failed (%s:%d)\n", #cond, __FILE__, \
				__LINE__); \
			__builtin_trap(); \
		} \
	} while (0)

static struct store *st;
static struct ingest *snap;

static int put_unit(const char *code, const char *name, const char *from, const char *to,
	struct hl_err *err)
{
	struct store_unit u;

	memset(&u, 0, sizeof(u));
	snprintf(u.code, sizeof(u.code), "%s", code);
	snprintf(u.name, sizeof(u.name), "%s", name);
	snprintf(u.type, sizeof(u.type), "ubnd-xa");
	u.valid_from = HL_DAY_NONE;
	u.valid_to = HL_DAY_NONE;
	if (from != NULL)
		hl_day_parse(from, &u.valid_from);
	if (to != NULL)
		hl_day_parse(to, &u.valid_to);
	return STORE(st, units, unit_put, &u, err);
}

/* The store and snapshot every input is checked against, made once. */
static void setup(void)
{
	struct hl_err err;
	struct store_unit vt;
	struct store_staff sf;
	int version = 0, rc;

	if (snap != NULL)
		return;
	hl_err_clear(&err);
	rc = store_open(":memory:", &st, &err);
	if (rc == HL_OK)
		rc = builtin_init(st, "fuzz", &version, NULL, &err);
	if (rc == HL_OK)
		rc = put_unit("VT", "Phường Vĩnh Thọ", "2020-01-01", NULL, &err);
	if (rc == HL_OK)
		rc = put_unit("CU", "Xã Cũ", NULL, "2024-12-31", &err);
	if (rc == HL_OK)
		rc = put_unit("Đà-Lạt", "Phường Đà Lạt", NULL, NULL, &err);
	if (rc == HL_OK)
		rc = STORE(st, units, unit_get, "VT", &vt, &err);
	if (rc == HL_OK) {
		memset(&sf, 0, sizeof(sf));
		snprintf(sf.code, sizeof(sf.code), "CB01");
		snprintf(sf.name, sizeof(sf.name), "Nguyễn Văn A");
		sf.unit_id = vt.id;
		rc = STORE(st, units, staff_put, &sf, &err);
	}
	if (rc == HL_OK)
		rc = ingest_load(st, &snap, &err);
	if (rc != HL_OK) {
		fprintf(stderr, "ingest-fuzzer: setup failed: %s\n", err.msg);
		exit(1);
	}
}

static bool nfc_text(const char *s)
{
	char buf[STORE_COMMENT_MAX + 1];
	long n = ingest_nfc(s, buf, sizeof(buf));

	return n >= 0 && strcmp(buf, s) == 0;
}

/* What an accepted response must be. */
static void check_accepted(const struct ingest_json_out *out, bool kiosk)
{
	const struct store_response *r = &out->r;
	const struct store_unit *u = ingest_unit_id(snap, r->unit_id);
	const struct hl_instrument *in;
	int given = 0;

	MUST(u != NULL);
	MUST(u->valid_from == HL_DAY_NONE || r->day >= u->valid_from);
	MUST(u->valid_to == HL_DAY_NONE || r->day <= u->valid_to);
	MUST(out->inst != NULL && out->inst->si.id == r->instrument_id);
	in = out->inst->in;
	MUST(r->nanswers == in->nquestions);
	for (int q = 0; q < r->nanswers; q++) {
		MUST(r->answers[q] <= in->scales[in->questions[q].scale].nlevels);
		given += r->answers[q] != 0;
	}
	MUST(given > 0);
	MUST(r->channel >= CH_KIOSK && r->channel <= CH_IMPORT);
	MUST(!kiosk || (r->ext_id[0] != '\0' && r->channel == CH_KIOSK));
	MUST(strlen(r->comment) <= STORE_COMMENT_MAX && nfc_text(r->comment));
	MUST(nfc_text(r->ext_id) && nfc_text(r->dossier));
}

static int one(const char *body, size_t len, const struct ingest_json_opts *o)
{
	struct ingest_json_out *out = hl_malloc(sizeof(*out));
	struct hl_err err;
	int rc;

	MUST(out != NULL);
	hl_err_clear(&err);
	rc = ingest_json(snap, body, len, o, out, &err);
	if (rc == HL_OK) {
		check_accepted(out, o->kiosk);
	} else {
		MUST(rc == HL_EINVAL || rc == HL_ELIMIT);
		MUST(err.msg[0] != '\0' && hl_utf8_valid(err.msg, strlen(err.msg), NULL));
		MUST(hl_utf8_valid(err.where, strlen(err.where), NULL));
	}
	hl_free(out);
	return rc;
}

static const struct ingest_json_opts kiosk_opts = {.unit = "VT", .channel = "kiosk", .kiosk = true};
static const struct ingest_json_opts user_opts = {.channel = "paper"};

/* For the corpus replay: ingest_json's status for data, as a kiosk of VT
 * (kiosk != 0) or as a user, with the invariants checked. */
int ingest_fuzz_json(const uint8_t *data, size_t size, int kiosk)
{
	setup();
	return one((const char *)data, size, kiosk ? &kiosk_opts : &user_opts);
}

/* The CSV path: lines are unit, instrument, date, id, channel, field, staff,
 * dossier, comment, then CODE=answer lines. */
static void csv_like(char *s)
{
	struct ingest_in in;
	const char **slot[] = {&in.unit, &in.instrument, &in.date, &in.id, &in.channel, &in.field,
		&in.staff, &in.dossier, &in.comment};
	struct ingest_sink sink = {NULL, NULL, 0};
	struct store_response *r = hl_calloc(1, sizeof(*r));
	const struct ingest_inst *it;
	char *line = s, *nl;
	size_t k = 0;
	bool ok;

	MUST(r != NULL);
	memset(&in, 0, sizeof(in));
	for (; line != NULL && k < sizeof(slot) / sizeof(slot[0]); k++) {
		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl = '\0';
		*slot[k] = line;
		line = nl != NULL ? nl + 1 : NULL;
	}
	ok = ingest_check(snap, &in, r, &it, &sink);
	MUST(ok == (sink.nproblems == 0));
	while (it != NULL && line != NULL) {
		char *eq;

		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl = '\0';
		eq = strchr(line, '=');
		if (eq != NULL) {
			*eq = '\0';
			ingest_answer_text(it, hl_instrument_question(it->in, line), line, eq + 1,
				r, &sink);
		}
		line = nl != NULL ? nl + 1 : NULL;
	}
	hl_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy;
	hl_day day;
	int64_t at;
	bool has_time;

	setup();
	one((const char *)data, size, &kiosk_opts);
	one((const char *)data, size, &user_opts);
	/* The text paths want a C string of valid UTF-8, as the CSV reader gives. */
	if (size > 64 * 1024 || !hl_utf8_valid((const char *)data, size, NULL) ||
		memchr(data, '\0', size) != NULL)
		return 0;
	copy = hl_malloc(size + 1);
	MUST(copy != NULL);
	memcpy(copy, data, size);
	copy[size] = '\0';
	if (ingest_parse_when(copy, &day, &at, &has_time)) {
		char d[11];
		hl_day d0;

		/* The local day is the written one, or one off when a zone moves it. */
		memcpy(d, copy, 10);
		d[10] = '\0';
		MUST(hl_day_parse(d, &d0));
		MUST(has_time ? day >= d0 - 1 && day <= d0 + 1 : day == d0);
	}
	csv_like(copy);
	hl_free(copy);
	return 0;
}
