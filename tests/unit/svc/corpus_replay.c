/* corpus_replay.c — the corpus walk the fuzzers' replay tests share
 * (corpus_replay.h). */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/err.h"
#include "base/mem.h"
#include "corpus_replay.h"

#define FILE_MAX (1024 * 1024)

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

struct corpus_tally corpus_replay(const char *dir, int (*one)(const uint8_t *data, size_t size))
{
	struct corpus_tally t = {0};
	DIR *d = opendir(dir);
	struct dirent *e;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		char path[512];
		unsigned char *data;
		size_t len;
		int rc;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		data = read_all(path, &len);
		assert_non_null(data);
		t.files++;
		rc = one(data, len);
		if (strncmp(e->d_name, "ok-", 3) == 0) {
			if (rc != HL_OK)
				fail_msg("%s: refused (%d), expected HL_OK", e->d_name, rc);
			t.ok++;
		} else if (strncmp(e->d_name, "bad-", 4) == 0) {
			if (rc != HL_EINVAL)
				fail_msg("%s: status %d, expected HL_EINVAL", e->d_name, rc);
			t.bad++;
		} else if (strncmp(e->d_name, "big-", 4) == 0) {
			if (rc != HL_ELIMIT)
				fail_msg("%s: status %d, expected HL_ELIMIT", e->d_name, rc);
		}
		hl_free(data);
	}
	closedir(d);
	return t;
}
