/* speech.c — libespeak-ng in synchronous mode, its samples gathered by our
 * callback and written as a WAV file (speech.h). The library is loaded when
 * hailong first speaks, not at start: with the audio libraries it needs it
 * is a quarter of the libraries every command would otherwise load (about
 * 14 ms of each run). */
#include "io/speech.h"

#include <dlfcn.h>
#include <espeak-ng/speak_lib.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#include "base/mem.h"

/* The library keeps one synthesiser per process, set up by espeak_Initialize;
 * this lock makes callers take turns on it. It is set up once and kept:
 * espeak-ng 1.51 hangs in espeak_Terminate when it was set up a second time
 * in the same process (the speaking kiosk renders many clips). speech_rate
 * is the library's sample rate once set up (0: not yet, -1: it failed).
 * It holds no data of ours, so several server processes need no more. */
static pthread_mutex_t speech_lock = PTHREAD_MUTEX_INITIALIZER;
static int speech_rate;

/* The library's functions, found when it is loaded (under speech_lock). */
static struct {
	__typeof__(espeak_Initialize) *initialize;
	__typeof__(espeak_SetVoiceByName) *set_voice;
	__typeof__(espeak_SetSynthCallback) *set_callback;
	__typeof__(espeak_Synth) *synth;
} es;

/* Load libespeak-ng and set it up once; the sample rate, or -1. */
static int speech_load(void)
{
	void *lib = dlopen("libespeak-ng.so.1", RTLD_NOW | RTLD_LOCAL);
	int rate;

	if (lib == NULL)
		return -1;
	*(void **)&es.initialize = dlsym(lib, "espeak_Initialize");
	*(void **)&es.set_voice = dlsym(lib, "espeak_SetVoiceByName");
	*(void **)&es.set_callback = dlsym(lib, "espeak_SetSynthCallback");
	*(void **)&es.synth = dlsym(lib, "espeak_Synth");
	if (!es.initialize || !es.set_voice || !es.set_callback || !es.synth)
		return -1; /* kept loaded: dlclose of a half-used library gains nothing */
	/* DONT_EXIT: without it the library ends the process when its data is missing */
	rate = es.initialize(AUDIO_OUTPUT_SYNCHRONOUS, 500, NULL, espeakINITIALIZE_DONT_EXIT);
	return rate > 0 ? rate : -1;
}

struct gather {
	struct speech_pcm *pcm;
	size_t max;
	int rc; /* HL_ENOMEM or HL_ELIMIT once a block could not be kept */
};

static int on_samples(short *wav, int n, espeak_EVENT *ev)
{
	struct gather *g = ev != NULL ? ev->user_data : NULL;
	struct speech_pcm *p;

	if (g == NULL || wav == NULL || n <= 0)
		return 0;
	p = g->pcm;
	if (p->n + (size_t)n > g->max) {
		g->rc = HL_ELIMIT;
		return 1;
	}
	if (p->n + (size_t)n > p->cap) {
		size_t cap = p->cap ? p->cap : 1 << 16;
		int16_t *s;

		while (cap < p->n + (size_t)n)
			cap *= 2;
		if (cap > g->max)
			cap = g->max;
		s = hl_realloc(p->samples, cap * sizeof(*s));
		if (s == NULL) {
			g->rc = HL_ENOMEM;
			return 1;
		}
		p->samples = s;
		p->cap = cap;
	}
	memcpy(p->samples + p->n, wav, (size_t)n * sizeof(*wav));
	p->n += (size_t)n;
	return 0;
}

int speech_synth(const char *text, const char *voice, struct speech_pcm *out, struct hl_err *err)
{
	struct gather g = {out, 0, HL_OK};
	espeak_ERROR e;
	int rate, rc = HL_OK;

	memset(out, 0, sizeof(*out));
	pthread_mutex_lock(&speech_lock);
	if (speech_rate == 0)
		speech_rate = speech_load();
	rate = speech_rate;
	if (rate <= 0) {
		rc = hl_err_set(err, HL_EIO, "espeak-ng",
			"không khởi động được bộ đọc espeak-ng (thiếu gói libespeak-ng1 hoặc "
			"espeak-ng-data?)");
		goto cleanup;
	}
	if (es.set_voice(voice) != EE_OK) {
		rc = hl_err_set(err, HL_EIO, "espeak-ng",
			"espeak-ng không có giọng đọc '%s' (thiếu gói espeak-ng-data?)", voice);
		goto cleanup;
	}
	out->rate = rate;
	g.max = (size_t)rate * SPEECH_MAX_SECONDS;
	es.set_callback(on_samples);
	e = es.synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, &g);
	if (g.rc == HL_ELIMIT)
		rc = hl_err_set(err, HL_ELIMIT, "espeak-ng",
			"văn bản quá dài để đọc thành tệp âm thanh (tối đa %d phút)",
			SPEECH_MAX_SECONDS / 60);
	else if (g.rc != HL_OK)
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE,
			"hết bộ nhớ khi đọc văn bản thành âm thanh");
	else if (e != EE_OK)
		rc = hl_err_set(err, HL_EIO, "espeak-ng",
			"espeak-ng không đọc được văn bản (lỗi %d)", (int)e);
cleanup:
	pthread_mutex_unlock(&speech_lock);
	if (rc != HL_OK)
		speech_pcm_free(out);
	return rc;
}

static void le16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v & 0xff);
	p[1] = (unsigned char)(v >> 8 & 0xff);
}

static void le32(unsigned char *p, uint32_t v)
{
	le16(p, v & 0xffff);
	le16(p + 2, v >> 16);
}

int speech_wav_bytes(const struct speech_pcm *pcm, unsigned char **out, size_t *len,
	struct hl_err *err)
{
	uint32_t data = (uint32_t)(pcm->n * 2);
	unsigned char *h = hl_malloc(44 + (size_t)data);

	*out = NULL;
	*len = 0;
	if (h == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi ghi âm thanh");
	memcpy(h, "RIFF", 4);
	le32(h + 4, 36 + data);
	memcpy(h + 8, "WAVEfmt ", 8);
	le32(h + 16, 16);                      /* size of the fmt chunk */
	le16(h + 20, 1);                       /* PCM */
	le16(h + 22, 1);                       /* mono */
	le32(h + 24, (uint32_t)pcm->rate);     /* samples per second */
	le32(h + 28, (uint32_t)pcm->rate * 2); /* bytes per second */
	le16(h + 32, 2);                       /* bytes per sample */
	le16(h + 34, 16);                      /* bits per sample */
	memcpy(h + 36, "data", 4);
	le32(h + 40, data);
	/* samples are little-endian in the file, whatever the machine */
	for (size_t i = 0; i < pcm->n; i++)
		le16(h + 44 + 2 * i, (uint16_t)pcm->samples[i]);
	*out = h;
	*len = 44 + (size_t)data;
	return HL_OK;
}

int speech_wav_write(FILE *f, const struct speech_pcm *pcm, struct hl_err *err)
{
	unsigned char *wav = NULL;
	size_t len = 0;
	int rc = speech_wav_bytes(pcm, &wav, &len, err);

	if (rc == HL_OK && fwrite(wav, 1, len, f) != len)
		rc = hl_err_set(err, HL_EIO, HL_HERE, "không ghi được tệp âm thanh");
	hl_free(wav);
	return rc;
}

void speech_pcm_free(struct speech_pcm *pcm)
{
	hl_free(pcm->samples);
	memset(pcm, 0, sizeof(*pcm));
}
