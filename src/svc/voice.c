/* voice.c — voice.h: the words of a question or an answer, spoken once by
 * espeak-ng and kept. */
#include "svc/voice.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/mem.h"
#include "base/text.h"
#include "core/instrument.h"
#include "core/numread.h"
#include "io/speech.h"
#include "svc/instruments.h"

#define CLIP_KEY_MAX 160 /* "code@version/key" */

struct clip {
	char key[CLIP_KEY_MAX];
	unsigned char *wav;
	size_t len;
};

struct voice_cache {
	pthread_mutex_t lock;
	struct clip *clips;
	size_t n, cap, bytes, max;
};

int voice_cache_new(size_t max, struct voice_cache **out, struct hl_err *err)
{
	struct voice_cache *c = hl_malloc(sizeof(*c));

	*out = NULL;
	if (c == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	memset(c, 0, sizeof(*c));
	pthread_mutex_init(&c->lock, NULL);
	c->max = max;
	*out = c;
	return HL_OK;
}

void voice_cache_free(struct voice_cache *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++)
		hl_free(c->clips[i].wav);
	hl_free(c->clips);
	pthread_mutex_destroy(&c->lock);
	hl_free(c);
}

/* The clip of key, or NULL; the caller holds the lock. */
static const struct clip *cached(const struct voice_cache *c, const char *key)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->clips[i].key, key) == 0)
			return &c->clips[i];
	return NULL;
}

/* Keep *wav (*len bytes) under key when the bound allows; true when the
 * cache took it, or had it already (then *wav is freed and *wav, *len are
 * the cached copy's). A clip's bytes never move: the array of clips may
 * grow, so they are copied out under the lock. */
static bool keep(struct voice_cache *c, const char *key, const unsigned char **wav, size_t *len)
{
	const struct clip *had;
	bool took = false;

	pthread_mutex_lock(&c->lock);
	if ((had = cached(c, key)) != NULL) {
		hl_free((void *)*wav);
		*wav = had->wav;
		*len = had->len;
		took = true;
	} else if (c->bytes + *len <= c->max) {
		if (hl_grow(&c->clips, &c->cap, c->n + 1, sizeof(*c->clips))) {
			struct clip *k = &c->clips[c->n++];

			snprintf(k->key, sizeof(k->key), "%s", key);
			k->wav = (unsigned char *)*wav;
			k->len = *len;
			c->bytes += *len;
			took = true;
		}
	}
	pthread_mutex_unlock(&c->lock);
	return took;
}

bool voice_text(const struct hl_instrument *in, const char *key, char *buf, size_t size)
{
	const char *text = NULL;
	char words[1024];
	int no = 0;

	if (strncmp(key, "q-", 2) == 0) {
		for (int i = 0; i < in->nquestions && text == NULL; i++)
			if (strcmp(in->questions[i].code, key + 2) == 0) {
				text = in->questions[i].text;
				no = i + 1;
			}
	} else if (strncmp(key, "s-", 2) == 0) {
		const char *dash = strrchr(key + 2, '-');
		char *end = NULL;
		long level = dash != NULL ? strtol(dash + 1, &end, 10) : 0;

		for (int i = 0; dash != NULL && end != NULL && *end == '\0' && i < in->nscales &&
			text == NULL;
			i++) {
			const struct hl_scale *sc = &in->scales[i];

			if (strlen(sc->code) == (size_t)(dash - key - 2) &&
				strncmp(sc->code, key + 2, (size_t)(dash - key - 2)) == 0 &&
				level >= 1 && level <= sc->nlevels)
				text = sc->levels[level - 1].label;
		}
	}
	if (text == NULL)
		return false;
	if (no > 0)
		snprintf(words, sizeof(words), "Câu %d. %s", no, text);
	else
		snprintf(words, sizeof(words), "%s", text);
	hl_copy_text(buf, size, words, strnlen(words, sizeof(words)));
	return true;
}

int voice_clip(struct voice_cache *c, struct store *st, const char *code, int version,
	const char *key, const unsigned char **wav, size_t *len, bool *owned, struct hl_err *err)
{
	struct hl_arena *a = NULL;
	struct hl_instrument *in = NULL;
	struct speech_pcm pcm = {0};
	const struct clip *k = NULL;
	unsigned char *bytes = NULL;
	char ck[CLIP_KEY_MAX], text[1024];
	const char *spoken;
	int rc;

	*wav = NULL;
	*len = 0;
	*owned = false;
	if (version < 1 ||
		snprintf(ck, sizeof(ck), "%s@%d/%s", code, version, key) >= (int)sizeof(ck))
		return hl_err_set(err, HL_ENOTFOUND, "key", "không có đoạn đọc này");
	if (c != NULL) {
		pthread_mutex_lock(&c->lock);
		if ((k = cached(c, ck)) != NULL) {
			*wav = k->wav;
			*len = k->len;
		}
		pthread_mutex_unlock(&c->lock);
		if (*wav != NULL)
			return HL_OK;
	}
	if ((a = hl_arena_new((size_t)4 << 20)) == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = instruments_get(st, a, code, version, NULL, NULL, &in, err);
	if (rc == HL_ENOTFOUND)
		rc = hl_err_set(err, HL_ENOTFOUND, "instrument",
			"không có phiếu khảo sát %s phiên bản %d", code, version);
	if (rc == HL_OK && !voice_text(in, key, text, sizeof(text)))
		rc = hl_err_set(err, HL_ENOTFOUND, "key",
			"phiếu không có câu hỏi hay câu trả lời này");
	if (rc == HL_OK && (spoken = numr_spoken(a, text)) == NULL)
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	if (rc == HL_OK)
		rc = speech_synth(spoken, SPEECH_VOICE, &pcm, err);
	if (rc == HL_OK)
		rc = speech_wav_bytes(&pcm, &bytes, len, err);
	if (rc == HL_OK) {
		*wav = bytes;
		*owned = c == NULL || !keep(c, ck, wav, len);
	}
	speech_pcm_free(&pcm);
	hl_arena_free(a);
	return rc;
}
