/* speech.h — Vietnamese text spoken by libespeak-ng (voice "vi") and written
 * as a WAV file: the news for the ward's loudspeaker radio (report/news.c),
 * and the speaking kiosk's questions and answers (svc/voice.h). The library synthesises in its
 * synchronous mode; the samples are collected and the WAV file is written
 * here. Give it text already meant to be spoken (numbers in words:
 * core/numread.h's numr_spoken), as the voice's own reading of figures is
 * not the way Vietnamese speakers read them. */
#ifndef HL_SPEECH_H
#define HL_SPEECH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"

#define SPEECH_VOICE "vi"
#define SPEECH_MAX_SECONDS 900 /* a longer text is refused (HL_ELIMIT) */

/* Mono 16-bit samples at rate per second. */
struct speech_pcm {
	int16_t *samples; /* hl_malloc'd; speech_pcm_free releases it */
	size_t n, cap;
	int rate;
};

/* Speak text (UTF-8) with voice ("vi") into *out (zeroed first). HL_EIO
 * when the library or its voice data is missing, HL_ELIMIT beyond
 * SPEECH_MAX_SECONDS, HL_ENOMEM. Safe from several threads: the library is
 * one per process, so calls take turns. */
int speech_synth(const char *text, const char *voice, struct speech_pcm *out, struct hl_err *err);

/* pcm as the bytes of a WAV file into *out (hl_malloc'd: the caller
 * hl_frees it) and *len. HL_ENOMEM. */
int speech_wav_bytes(const struct speech_pcm *pcm, unsigned char **out, size_t *len,
	struct hl_err *err);

/* pcm as a WAV file (RIFF/WAVE, PCM, 16-bit, mono) on f. HL_EIO when f
 * cannot be written. */
int speech_wav_write(FILE *f, const struct speech_pcm *pcm, struct hl_err *err);

/* Release pcm's samples; harmless on a zeroed or freed struct. */
void speech_pcm_free(struct speech_pcm *pcm);

#endif
