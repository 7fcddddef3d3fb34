/* token.c — random URL-safe tokens and their stored hash (libsodium). */
#include "base/token.h"

#include <sodium.h>
#include <string.h>

void token_random(char *buf, size_t size)
{
	unsigned char raw[32];

	/* sodium_init is idempotent and thread-safe; the CLI may not have run it. */
	if (sodium_init() < 0 || size < TOKEN_SIZE) {
		if (size > 0)
			buf[0] = '\0';
		return;
	}
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(buf, size, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void token_hash(const char *token, unsigned char out[TOKEN_HASH_LEN])
{
	crypto_generichash(out, TOKEN_HASH_LEN, (const unsigned char *)token, strlen(token), NULL,
		0);
}

int token_issue(char *buf, size_t size, unsigned char hash[TOKEN_HASH_LEN], struct hl_err *err)
{
	token_random(buf, size);
	if (buf[0] == '\0')
		return hl_err_set(err, HL_EIO, HL_HERE, "không tạo được mã ngẫu nhiên (libsodium)");
	token_hash(buf, hash);
	return HL_OK;
}

int token_wellformed(const char *s)
{
	size_t n = 0;

	if (s == NULL)
		return 0;
	for (; s[n]; n++) {
		char c = s[n];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			    c == '-' || c == '_'))
			return 0;
		if (n >= 64)
			return 0;
	}
	return n >= 16;
}
