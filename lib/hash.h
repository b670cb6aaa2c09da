/*
 * hash.h -- SHA-256, from libgcrypt (gpgme cannot hash; libgcrypt is
 * GnuPG's own library, already on every machine that has gpg).
 */
#ifndef AVS_HASH_H
#define AVS_HASH_H

#include <stddef.h>

#define AVS_SHA256_HEX 65	/* 64 hex digits and a NUL */

/* The SHA-256 of data as lower-case hex into out.  Thread-safe; the first
 * call initialises libgcrypt as its manual asks. */
void avs_sha256_hex(const void *data, size_t len, char out[AVS_SHA256_HEX]);

#endif
