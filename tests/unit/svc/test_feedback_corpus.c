/* test_feedback_corpus.c — replays every file of fuzz/corpus/feedback/
 * through the feedback fuzzer's own entry point (fuzz/feedback-fuzzer.c,
 * built here without libFuzzer), so inputs the fuzzer found stay fixed. The
 * file name says what a feedback API body must get: ok-* stored, bad-*
 * refused (HL_EINVAL), big-* over the size cap (HL_ELIMIT); other files only
 * have to keep the invariants. Run from the source root (meson's workdir). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "corpus_replay.h"

#define CORPUS "fuzz/corpus/feedback"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int feedback_fuzz_body(const uint8_t *data, size_t size);

/* One input through both entry points; the status of the checked one. */
static int one(const uint8_t *data, size_t size)
{
	int rc = feedback_fuzz_body(data, size);

	LLVMFuzzerTestOneInput(data, size);
	return rc;
}

static void test_corpus(void **state)
{
	struct corpus_tally t = corpus_replay(CORPUS, one);

	(void)state;
	/* An empty or misplaced corpus would pass silently. */
	assert_true(t.files >= 15);
	assert_true(t.ok >= 4);
	assert_true(t.bad >= 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
