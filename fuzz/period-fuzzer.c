/* period-fuzzer.c — a libFuzzer target for the one period parser
 * (core/period.c, hl_period_parse), which reads what clerks type into the
 * pages' period boxes, the API's ?period= and the command line's --period,
 * and for the day parser it uses (core/date.c, hl_day_parse_vn). Built with
 * clang by -Dfuzz=true (fuzz/meson.build); the same entry point replays
 * fuzz/corpus/period/ in `make test` (tests/unit/core/test_period_corpus.c).
 *
 * Besides not crashing: a refused input gets HL_EINVAL with a non-empty
 * UTF-8 message naming "period"; an accepted one is a period of whole days
 * in order whose canonical code and Vietnamese label both read back as the
 * same period. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "core/date.h"
#include "core/period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int period_fuzz_one(const uint8_t *data, size_t size);

#define MUST(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "period-fuzzer: %s failed (%s:%d)\n", #cond, __FILE__, \
				__LINE__); \
			__builtin_trap(); \
		} \
	} while (0)

#define INPUT_MAX 256

static bool same(const struct hl_period *a, const struct hl_period *b)
{
	return a->kind == b->kind && a->num == b->num && a->year == b->year &&
		a->first == b->first && a->last == b->last;
}

int period_fuzz_one(const uint8_t *data, size_t size)
{
	char s[INPUT_MAX + 1], code[64], label[128];
	struct hl_period p, q;
	struct hl_err err;
	hl_day d;
	int rc;

	/* what a form or argument holds: text up to its first NUL, capped */
	if (size > INPUT_MAX)
		size = INPUT_MAX;
	memcpy(s, data, size);
	s[size] = '\0';
	hl_err_clear(&err);
	rc = hl_period_parse(s, &p, &err);
	if (hl_day_parse_vn(s, &d)) {
		char iso[16];

		MUST(hl_day_parse(hl_day_iso(d, iso, sizeof(iso)), &d));
	}
	if (rc != HL_OK) {
		MUST(rc == HL_EINVAL);
		MUST(err.msg[0] != '\0' && hl_utf8_valid(err.msg, strlen(err.msg), NULL));
		MUST(strcmp(err.where, "period") == 0);
		return rc;
	}
	MUST(p.first <= p.last);
	MUST(p.year >= 1900 && p.year <= 2999);
	hl_period_code(&p, code, sizeof(code));
	hl_err_clear(&err);
	MUST(hl_period_parse(code, &q, &err) == HL_OK && same(&p, &q));
	hl_period_label(&p, label, sizeof(label));
	MUST(hl_period_parse(label, &q, &err) == HL_OK && same(&p, &q));
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	period_fuzz_one(data, size);
	return 0;
}
