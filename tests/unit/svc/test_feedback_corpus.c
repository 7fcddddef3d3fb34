/* test_feedback_corpus.c — replays every file of fuzz/corpus/feedback/
 * through the feedback fuzzer's own entry point (fuzz/feedback-fuzzer.c,
 * built here without libFuzzer), so inputs the fuzzer found stay fixed. The
 * file name says what a feedback API body must get: ok-* stored, bad-*
 * refused (HL_EINVAL), big-* over the size cap (HL_ELIMIT); other files only
 * have to keep the invariants. Run from the source root (meson's workdir). */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/err.h"
#include "base/mem.h"

#define CORPUS "fuzz/corpus/feedback"
#define FILE_MAX (1024 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int feedback_fuzz_body(const uint8_t *data, size_t size);

static unsigned char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = hl_malloc(FILE_MAX);

	*len = 0;
	if (f == NULL || buf == NULL) {
		if (f != NULL)
			fclose(f);
		hl_free(buf);
		return NULL;
	}
	*len = fread(buf, 1, FILE_MAX, f);
	fclose(f);
	return buf;
}

static void test_corpus(void **state)
{
	DIR *d = opendir(CORPUS);
	struct dirent *e;
	int files = 0, ok = 0, bad = 0;

	(void)state;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		char path[512];
		unsigned char *data;
		size_t len;
		int rc;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", CORPUS, e->d_name);
		data = read_all(path, &len);
		assert_non_null(data);
		files++;
		rc = feedback_fuzz_body(data, len);
		LLVMFuzzerTestOneInput(data, len);
		if (strncmp(e->d_name, "ok-", 3) == 0) {
			if (rc != HL_OK)
				fail_msg("%s: refused (%d), expected stored", e->d_name, rc);
			ok++;
		} else if (strncmp(e->d_name, "bad-", 4) == 0) {
			if (rc != HL_EINVAL)
				fail_msg("%s: status %d, expected HL_EINVAL", e->d_name, rc);
			bad++;
		} else if (strncmp(e->d_name, "big-", 4) == 0) {
			if (rc != HL_ELIMIT)
				fail_msg("%s: status %d, expected HL_ELIMIT", e->d_name, rc);
		}
		hl_free(data);
	}
	closedir(d);
	/* An empty or misplaced corpus would pass silently. */
	assert_true(files >= 15);
	assert_true(ok >= 4);
	assert_true(bad >= 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
