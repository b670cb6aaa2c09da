/*
 * crypto.h -- every cryptographic operation of avslut, over gpgme.
 *
 * Keys are named by full fingerprint (40 hex digits) only.  A handle is
 * one gpgme context plus a cache of the keys it has looked up; use one
 * handle per thread.  Plaintext passes in and out through secure buffers
 * that are wiped when freed.
 */
#ifndef AVS_CRYPTO_H
#define AVS_CRYPTO_H

#include <stddef.h>

#include "util.h"

struct avs_crypto;

/* Once per process, before any thread starts. */
int avs_crypto_init(struct avs_err *err);

int avs_crypto_new(struct avs_crypto **out, struct avs_err *err);
void avs_crypto_free(struct avs_crypto *c);
/* In a child process after fork(): a gpgme context of its own in place
 * of the one inherited (the keys looked up stay), for a context is never
 * shared between processes or threads. */
int avs_crypto_renew(struct avs_crypto *c, struct avs_err *err);
/* A handle with a throwaway keyring of its own, for public keys only
 * (purge, which holds no key and leaves the caller's GnuPG home alone);
 * it is removed with the handle. */
int avs_crypto_new_keyless(struct avs_crypto **out, struct avs_err *err);

/* What a key is checked for.  AVS_USE_VERIFY accepts a key that has
 * expired: a signature made before it expired stays good. */
enum { AVS_USE_ENCRYPT = 1, AVS_USE_SIGN = 2, AVS_USE_VERIFY = 4 };

/* Look up the keys (one gpg run for all not yet cached) and check each
 * is present, not revoked, expired, disabled or invalid, and usable for
 * the use.  The first failure is the error, naming its fingerprint. */
int avs_crypto_check_keys(struct avs_crypto *c, const char *const *fprs,
    size_t n, int use, struct avs_err *err);
/* The name on the key's first user id (for the interviewer), malloc'd. */
int avs_crypto_key_name(struct avs_crypto *c, const char *fpr, char **name,
    struct avs_err *err);
/* Does the keyring hold the secret key of fpr? */
int avs_crypto_has_secret(struct avs_crypto *c, const char *fpr);

/* Encrypt (armored) to exactly these recipients; sign too when signer is
 * not NULL.  Any invalid recipient or signer is an error. */
int avs_crypto_encrypt(struct avs_crypto *c, const char *const *rcpt,
    size_t n, const char *signer, const void *plain, size_t len,
    struct avs_buf *out, struct avs_err *err);

/* What a decryption found. */
#define AVS_MAXRCPT 16
struct avs_decinfo {
	char key[AVS_FPRLEN + 1];	/* decryption key id, for the log */
	int nsigs;			/* signatures found */
	int sig_good;			/* exactly one, status OK, see crypto.c */
	int sig_key_expired;		/* good, but the key has expired since:
					 * only if made before it expired */
	long sig_time;			/* when it was made */
	char signer[AVS_FPRLEN + 1];	/* fingerprint that made it */
	char why[160];			/* why sig_good is 0 */
	/* The key ids the message is encrypted to (nrcpt may exceed
	 * AVS_MAXRCPT; then only the first are kept). */
	int nrcpt;
	char rcpt[AVS_MAXRCPT][17];
};

/* Decrypt and verify.  Fails with AVS_ERUN when the caller holds no key
 * (err->msg says so; see avs_crypto_no_key()), with AVS_EINTEGRITY when
 * the message is corrupt. */
int avs_crypto_decrypt(struct avs_crypto *c, const void *cipher, size_t len,
    struct avs_buf *plain, struct avs_decinfo *info, struct avs_err *err);
/* Did the last failed decryption fail only for want of a secret key? */
int avs_crypto_no_key(const struct avs_crypto *c);
/* Did it fail because the secret key could not be unlocked (no pinentry
 * without a terminal, no or a bad passphrase)? */
int avs_crypto_locked(const struct avs_crypto *c);

/* Apply the seal rule: exactly one signature, valid, by a key among
 * allowed (primary fingerprints; a signing subkey of one counts). */
int avs_crypto_signer_allowed(struct avs_crypto *c,
    const struct avs_decinfo *info, const char *const *allowed, size_t n,
    char *why, size_t whylen);

/* Sign text as one clearsigned message (readable, and checked by plain
 * gpg --verify) with signer, into out. */
int avs_crypto_clearsign(struct avs_crypto *c, const char *signer,
    const void *text, size_t len, struct avs_buf *out, struct avs_err *err);
/* Verify a clearsigned message -- exactly one, with nothing around it,
 * else AVS_EINTEGRITY -- into its text and what info says of the
 * signature; whose it is and whether it counts is the caller's to check
 * (avs_crypto_signer_allowed). */
int avs_crypto_verify_clear(struct avs_crypto *c, const void *data,
    size_t len, struct avs_buf *text, struct avs_decinfo *info,
    struct avs_err *err);

/* The lines before the signed text of a clearsigned message: the BEGIN
 * line, the armor headers and the blank line after them. */
size_t avs_clear_lines(const char *data);

/* Remove only the encryption layer (the signed message stays intact),
 * and wrap such a message for new recipients. */
int avs_crypto_unwrap(struct avs_crypto *c, const void *cipher, size_t len,
    struct avs_buf *inner, struct avs_decinfo *info, struct avs_err *err);
int avs_crypto_wrap(struct avs_crypto *c, const char *const *rcpt, size_t n,
    const void *inner, size_t len, struct avs_buf *out, struct avs_err *err);

/* Is the message info was decrypted from encrypted to exactly these keys:
 * one encryption subkey of each, and to no other key? */
int avs_crypto_rcpt_match(struct avs_crypto *c,
    const struct avs_decinfo *info, const char *const *fprs, size_t n);

/* Public keys: export (armored, minimal) and import checked against the
 * expected fingerprint before anything enters the keyring. */
int avs_crypto_export(struct avs_crypto *c, const char *fpr,
    struct avs_buf *out, struct avs_err *err);
int avs_crypto_import(struct avs_crypto *c, const void *data, size_t len,
    const char *fpr, struct avs_err *err);
/* The public keys fprs (those in the keyring) exported into out, and
 * imported whole into a throwaway keyring (avs_crypto_new_keyless) that
 * then knows them without asking gpg again: what an import's workers
 * encrypt with. */
int avs_crypto_export_keys(struct avs_crypto *c, const char *const *fprs,
    size_t n, struct avs_buf *out, struct avs_err *err);
int avs_crypto_import_all(struct avs_crypto *c, const void *data, size_t len,
    struct avs_err *err);

#endif
