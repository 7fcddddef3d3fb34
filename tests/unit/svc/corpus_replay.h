/* corpus_replay.h — replaying a fuzzer's corpus in a unit test, so inputs
 * the fuzzer found stay fixed: every file of a folder through the fuzzer's
 * own entry points, its status checked by the file's name. Include after
 * <cmocka.h>. */
#ifndef HL_TEST_CORPUS_REPLAY_H
#define HL_TEST_CORPUS_REPLAY_H

#include <stddef.h>
#include <stdint.h>

/* How many files were run, and of them named ok-* and bad-*. */
struct corpus_tally {
	int files, ok, bad;
};

/* Run every file of dir (from the source root, meson's workdir; files
 * starting with '.' skipped) through one(data, size), which returns the
 * status: ok-* must give HL_OK, bad-* HL_EINVAL, big-* HL_ELIMIT; other
 * files only have to keep the invariants. A mismatch fails the test. */
struct corpus_tally corpus_replay(const char *dir, int (*one)(const uint8_t *data, size_t size));

#endif
