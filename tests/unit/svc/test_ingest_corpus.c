/* test_ingest_corpus.c — replays every file of fuzz/corpus/ingest/ through
 * the fuzzer's own entry point (fuzz/ingest-fuzzer.c, built here without
 * libFuzzer), so inputs the fuzzer found stay fixed. The file name says what
 * ingest_json must answer for a kiosk of VT: ok-* accepted, bad-* refused
 * (HL_EINVAL), big-* over the size cap (HL_ELIMIT); other files only have to
 * keep the invariants. Run from the source root (meson's workdir). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "corpus_replay.h"

#define CORPUS "fuzz/corpus/ingest"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int ingest_fuzz_json(const uint8_t *data, size_t size, int kiosk);

/* One input through both entry points; the status of the checked one. */
static int one(const uint8_t *data, size_t size)
{
	LLVMFuzzerTestOneInput(data, size);
	return ingest_fuzz_json(data, size, 1);
}

static void test_corpus(void **state)
{
	struct corpus_tally t = corpus_replay(CORPUS, one);

	(void)state;
	/* An empty or misplaced corpus would pass silently. */
	assert_true(t.files >= 20);
	assert_true(t.ok >= 5);
	assert_true(t.bad >= 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
