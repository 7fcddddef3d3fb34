/* token.h — the random secrets hailong hands out (session cookies, kiosk
 * device tokens, one-time survey links) and the hash under which the store
 * keeps them: the store never sees a token itself. */
#ifndef HL_TOKEN_H
#define HL_TOKEN_H

#include <stddef.h>

#include "base/err.h"

#define TOKEN_HASH_LEN 32 /* BLAKE2b-256 (the store's STORE_HASH_LEN) */
#define TOKEN_SIZE 48     /* buffer for token_random: 43 characters and the NUL */

/* A random URL-safe token (32 bytes of entropy, base64url without padding)
 * into buf (size >= TOKEN_SIZE). Needs sodium_init() (done by the server and
 * by token_random itself). */
void token_random(char *buf, size_t size);

/* The stored form of token: BLAKE2b-256 into out (TOKEN_HASH_LEN bytes). */
void token_hash(const char *token, unsigned char out[TOKEN_HASH_LEN]);

/* A new token handed out: token_random into buf and its token_hash into
 * hash. HL_OK, or HL_EIO when no randomness could be had (err says so). */
int token_issue(char *buf, size_t size, unsigned char hash[TOKEN_HASH_LEN], struct hl_err *err);

/* Whether s looks like a token of ours: 16..64 characters of base64url. */
int token_wellformed(const char *s);

#endif
