/* lookup.c — the map and the code set (lookup.h): open addressing with
 * linear probing on one hash, each doubling at 50 % load. A map's keys live
 * in one arena freed with it; a set keeps only the hashes. */
#include "svc/lookup.h"

#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/mem.h"

#define KEYS_CAP ((size_t)512 * 1024 * 1024)

struct slot {
	const char *key;
	uint64_t hash;
	void *val;
};

struct lookup {
	struct slot *slots;
	size_t cap, count; /* cap is a power of two */
	struct hl_arena *keys;
};

/* FNV-1a, then a finaliser so the low bits (the slot) are well mixed; never
 * 0, which a code set's empty slot is. */
static uint64_t hash_str(const char *s)
{
	uint64_t h = 0xCBF29CE484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001B3ULL;
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDULL;
	h ^= h >> 33;
	return h != 0 ? h : 1;
}

struct lookup *lookup_new(void)
{
	struct lookup *l = hl_calloc(1, sizeof(*l));

	if (l == NULL)
		return NULL;
	l->cap = 64;
	l->slots = hl_calloc(l->cap, sizeof(*l->slots));
	l->keys = hl_arena_new(KEYS_CAP);
	if (l->slots == NULL || l->keys == NULL) {
		lookup_free(l);
		return NULL;
	}
	return l;
}

void lookup_free(struct lookup *l)
{
	if (l == NULL)
		return;
	hl_free(l->slots);
	hl_arena_free(l->keys);
	hl_free(l);
}

static struct slot *find(struct slot *slots, size_t cap, const char *key, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);

	while (slots[i].key != NULL) {
		if (slots[i].hash == h && strcmp(slots[i].key, key) == 0)
			return &slots[i];
		i = (i + 1) & (cap - 1);
	}
	return &slots[i];
}

static int grow(struct lookup *l)
{
	size_t ncap = l->cap * 2;
	struct slot *ns = hl_calloc(ncap, sizeof(*ns));

	if (ns == NULL)
		return HL_ENOMEM;
	for (size_t i = 0; i < l->cap; i++)
		if (l->slots[i].key != NULL)
			*find(ns, ncap, l->slots[i].key, l->slots[i].hash) = l->slots[i];
	hl_free(l->slots);
	l->slots = ns;
	l->cap = ncap;
	return HL_OK;
}

int lookup_put(struct lookup *l, const char *key, void *val)
{
	uint64_t h = hash_str(key);
	struct slot *s = find(l->slots, l->cap, key, h);

	if (s->key != NULL) {
		s->val = val;
		return HL_OK;
	}
	if ((l->count + 1) * 2 > l->cap) {
		if (grow(l) != HL_OK)
			return HL_ENOMEM;
		s = find(l->slots, l->cap, key, h);
	}
	s->key = hl_arena_strdup(l->keys, key);
	if (s->key == NULL)
		return HL_ENOMEM;
	s->hash = h;
	s->val = val;
	l->count++;
	return HL_OK;
}

void *lookup_get(const struct lookup *l, const char *key)
{
	const struct slot *s = find(l->slots, l->cap, key, hash_str(key));

	return s->key != NULL ? s->val : NULL;
}

/* ---- the code set ---- */

/* A dupset (lookup.h): a Bloom filter of nbits (a power of two) over the
 * keys' hashes, and the suspects' hashes in an open-addressing table. */
#define DUP_K 12                       /* bits set per key */
#define DUP_MIN_BITS ((size_t)1 << 19) /* 64 KiB */
#define DUP_MAX_BITS ((size_t)1 << 28) /* 32 MiB */

struct dupset {
	unsigned char *bits;
	size_t nbits;
	struct suspect {
		uint64_t h; /* 0 = empty */
		long seen;  /* times met in the recount */
	} * sus;
	size_t cap, n; /* sus: cap a power of two (0 = none yet), n used */
};

struct dupset *dupset_new(size_t file_bytes)
{
	struct dupset *s = hl_calloc(1, sizeof(*s));

	if (s == NULL)
		return NULL;
	/* 8 bits per byte of the file (an unknown size: the largest), 400 or
	 * more per row of a CSV of responses: false suspects are rare below the
	 * largest size */
	s->nbits = DUP_MIN_BITS;
	while (s->nbits < DUP_MAX_BITS && (file_bytes == 0 || s->nbits / 8 < file_bytes))
		s->nbits *= 2;
	s->bits = hl_calloc(s->nbits / 8, 1);
	if (s->bits == NULL) {
		hl_free(s);
		return NULL;
	}
	return s;
}

void dupset_free(struct dupset *s)
{
	if (s == NULL)
		return;
	hl_free(s->bits);
	hl_free(s->sus);
	hl_free(s);
}

/* The suspect slot of h in sus[0..cap): its own or the empty one to take. */
static struct suspect *suspect_slot(struct suspect *sus, size_t cap, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);

	while (sus[i].h != 0 && sus[i].h != h)
		i = (i + 1) & (cap - 1);
	return &sus[i];
}

/* Keep h as a suspect (once). */
static int suspect_add(struct dupset *s, uint64_t h)
{
	struct suspect *slot;

	if (4 * (s->n + 1) > 3 * s->cap) {
		size_t cap = s->cap != 0 ? s->cap * 2 : 64;
		struct suspect *sus = hl_calloc(cap, sizeof(*sus));

		if (sus == NULL)
			return HL_ENOMEM;
		for (size_t i = 0; i < s->cap; i++)
			if (s->sus[i].h != 0)
				*suspect_slot(sus, cap, s->sus[i].h) = s->sus[i];
		hl_free(s->sus);
		s->sus = sus;
		s->cap = cap;
	}
	slot = suspect_slot(s->sus, s->cap, h);
	s->n += slot->h == 0;
	slot->h = h;
	return HL_OK;
}

int dupset_add(struct dupset *s, const char *key)
{
	uint64_t h = hash_str(key);
	/* k positions from two halves of one hash (Kirsch and Mitzenmacher) */
	uint32_t a = (uint32_t)h, b = (uint32_t)(h >> 32) | 1;
	bool all = true;

	for (uint32_t j = 0; j < DUP_K; j++) {
		size_t bit = (size_t)(a + j * b) & (s->nbits - 1);
		unsigned char m = (unsigned char)(1u << (bit & 7));

		all &= (s->bits[bit >> 3] & m) != 0;
		s->bits[bit >> 3] |= m;
	}
	return all ? suspect_add(s, h) : HL_OK;
}

void dupset_checked(struct dupset *s)
{
	hl_free(s->bits);
	s->bits = NULL;
}

bool dupset_suspects(const struct dupset *s)
{
	return s->n > 0;
}

void dupset_recount(struct dupset *s, const char *key, bool *dup)
{
	struct suspect *slot;

	*dup = false;
	if (s->n == 0)
		return;
	slot = suspect_slot(s->sus, s->cap, hash_str(key));
	if (slot->h != 0)
		*dup = ++slot->seen > 1;
}
