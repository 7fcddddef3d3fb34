/* test_period_corpus.c — replays every file of fuzz/corpus/period/ through
 * the period fuzzer's own entry point (fuzz/period-fuzzer.c, built here
 * without libFuzzer), so inputs the fuzzer found stay fixed: ok-* must be
 * read as a period, bad-* refused (HL_EINVAL); other files only have to keep
 * the invariants. Run from the source root (meson's workdir). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../svc/corpus_replay.h"

#define CORPUS "fuzz/corpus/period"

int period_fuzz_one(const uint8_t *data, size_t size);

static void test_corpus(void **state)
{
	struct corpus_tally t = corpus_replay(CORPUS, period_fuzz_one);

	(void)state;
	/* An empty or misplaced corpus would pass silently. */
	assert_true(t.files >= 20);
	assert_true(t.ok >= 10);
	assert_true(t.bad >= 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
