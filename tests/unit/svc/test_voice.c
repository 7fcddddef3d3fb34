/* test_voice.c — svc/voice.c, the speaking kiosk's clips: the words of a
 * question ("Câu N. …") and of a level of a scale, unknown keys (a scale
 * whose code is a prefix of another's, a level out of range, a key of
 * neither kind), and a clip spoken by espeak-ng — a WAV file, kept by the
 * cache so the second call is the same bytes, and rendered for the call
 * alone without a cache or past the cache's bound. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "base/mem.h"
#include "core/instrument.h"
#include "store/store.h"
#include "svc/builtin.h"
#include "svc/instruments.h"
#include "svc/voice.h"
#include "../store/store_fixture.h"

static int setup(void **state)
{
	struct fx *f;
	int version;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	OK(f, builtin_init(f->st, "test", &version, NULL, &f->err));
	return 0;
}

static void test_text(void **state)
{
	struct fx *f = *state;
	struct hl_instrument *in = NULL;
	char buf[512], tiny[12];

	OK(f, instruments_get(f->st, f->a, "sipas-5", 1, NULL, NULL, &in, &f->err));
	assert_true(voice_text(in, "q-TC1", buf, sizeof(buf)));
	assert_string_equal(buf, "Câu 1. Nơi ngồi chờ có đủ chỗ ngồi");
	assert_true(voice_text(in, "q-TT4", buf, sizeof(buf)));
	assert_int_equal(strncmp(buf, "Câu 22. ", 8), 0);
	assert_true(voice_text(in, "s-hl5-5", buf, sizeof(buf)));
	assert_string_equal(buf, "Rất hài lòng");
	assert_true(voice_text(in, "s-hl5-1", buf, sizeof(buf)));
	assert_string_equal(buf, "Rất không hài lòng");
	/* cut at a character, never inside one */
	assert_true(voice_text(in, "s-hl5-5", tiny, sizeof(tiny)));
	assert_string_equal(tiny, "Rất hài ");
	assert_false(voice_text(in, "s-hl5-6", buf, sizeof(buf)));
	assert_false(voice_text(in, "s-hl5-0", buf, sizeof(buf)));
	assert_false(voice_text(in, "s-hl-5", buf, sizeof(buf)));
	assert_false(voice_text(in, "s-hl5-5x", buf, sizeof(buf)));
	assert_false(voice_text(in, "s-hl5", buf, sizeof(buf)));
	assert_false(voice_text(in, "q-XX9", buf, sizeof(buf)));
	assert_false(voice_text(in, "TC1", buf, sizeof(buf)));
	assert_false(voice_text(in, "", buf, sizeof(buf)));
}

static void test_clip(void **state)
{
	struct fx *f = *state;
	struct voice_cache *c = NULL;
	const unsigned char *wav = NULL, *again = NULL;
	size_t len = 0, len2 = 0;
	bool owned = true;

	OK(f, voice_cache_new(VOICE_CACHE_BYTES, &c, &f->err));
	OK(f, voice_clip(c, f->st, "sipas-5", 1, "s-hl5-4", &wav, &len, &owned, &f->err));
	assert_false(owned);
	assert_true(len > 1000);
	assert_memory_equal(wav, "RIFF", 4);
	assert_memory_equal(wav + 8, "WAVE", 4);
	OK(f, voice_clip(c, f->st, "sipas-5", 1, "s-hl5-4", &again, &len2, &owned, &f->err));
	assert_false(owned);
	assert_ptr_equal(again, wav);
	assert_int_equal(len2, len);
	assert_int_equal(voice_clip(c, f->st, "sipas-5", 1, "q-XX9", &wav, &len, &owned, &f->err),
		HL_ENOTFOUND);
	assert_int_equal(voice_clip(c, f->st, "sipas-5", 7, "q-TC1", &wav, &len, &owned, &f->err),
		HL_ENOTFOUND);
	assert_int_equal(voice_clip(c, f->st, "khong-co", 1, "q-TC1", &wav, &len, &owned, &f->err),
		HL_ENOTFOUND);
	voice_cache_free(c);

	/* no cache, or a full one: the caller's own copy */
	OK(f, voice_clip(NULL, f->st, "sipas-5", 1, "s-hl5-4", &wav, &len, &owned, &f->err));
	assert_true(owned);
	assert_true(len > 1000);
	hl_free((void *)wav);
	OK(f, voice_cache_new(10, &c, &f->err));
	OK(f, voice_clip(c, f->st, "sipas-5", 1, "s-hl5-4", &wav, &len, &owned, &f->err));
	assert_true(owned);
	hl_free((void *)wav);
	voice_cache_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_text, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_clip, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
