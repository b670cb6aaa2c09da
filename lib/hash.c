/*
 * hash.c -- SHA-256 through libgcrypt, initialised once as "Initializing
 * the library" in its manual requires: the version check first, no secure
 * memory (nothing secret is hashed), then initialization finished.
 */
#include <gcrypt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "hash.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void
init(void)
{
	if (gcry_check_version(GCRYPT_VERSION) == NULL) {
		/* An older libgcrypt than the one built against: the
		 * library cannot go on (util.h: only this and memory). */
		fprintf(stderr, "libgcrypt %s or later is needed\n",
		    GCRYPT_VERSION);
		abort();
	}
	gcry_control(GCRYCTL_DISABLE_SECMEM, 0);
	gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
}

void
avs_sha256_hex(const void *data, size_t len, char out[AVS_SHA256_HEX])
{
	unsigned char md[32];
	size_t i;

	pthread_once(&once, init);
	gcry_md_hash_buffer(GCRY_MD_SHA256, md, data, len);
	for (i = 0; i < sizeof(md); i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}
