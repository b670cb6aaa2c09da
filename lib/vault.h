/*
 * vault.h -- records with crypto: the one way a record is opened and
 * written.
 *
 * Opening a record locks it (when it is to be changed), verifies its
 * registration statement (evidence.h: signed by an HR signer), reads its
 * file, checks the plaintext metadata header, decrypts and verifies, logs
 * the decryption in the access log, parses the document and checks that
 * it is the record of that id and agrees with its header, its
 * registration block and statement; that it was written by its
 * registered interviewer or HR; then applies the state policy (a sealed
 * or declined record is never changed) and the seal rule (a sealed
 * record counts only if its seal is valid, by a key allowed to seal it).
 * The recipients of a record are the store's recipients plus its
 * interviewer.
 */
#ifndef AVS_VAULT_H
#define AVS_VAULT_H

#include <stddef.h>

#include "crypto.h"
#include "fsio.h"
#include "record.h"
#include "store.h"
#include "util.h"

/* What avs_rec_open does besides reading. */
enum {
	AVS_OPEN_LOCK = 1,	/* hold the record's lock (never waits) */
	AVS_OPEN_CHANGE = 3,	/* ... and refuse a sealed or declined one */
	AVS_OPEN_DOC = 4,	/* keep the decrypted document as stored */
	AVS_OPEN_ANY_SEAL = 8,	/* a bad seal is no error: see seal_ok */
	AVS_OPEN_LEGACY = 16,	/* a record of an earlier avslut, before its
				 * migration: no registration, no writer */
	AVS_OPEN_RESEAL = 32	/* not sealed, though a seal statement says
				 * so: to seal it again (avslut-seal) */
};

struct avs_open {
	struct avs_record *rec;
	struct avs_decinfo info;
	struct avs_lock *lock;		/* with AVS_OPEN_LOCK */
	struct avs_buf doc;		/* with AVS_OPEN_DOC */
	int seal_ok;			/* sealed, and the seal is valid */
	char seal_why[300];		/* sealed, and why the seal is not */
};

/*
 * Open record id for command (named in the access log).  Fails with
 * AVS_EUSAGE for a malformed id, AVS_ERUN when it is not found or the
 * caller holds no key for it (avs_crypto_no_key(c) tells), AVS_EPOLICY
 * when it is in use or (AVS_OPEN_CHANGE) sealed or declined, and
 * AVS_EINTEGRITY when it is corrupt, not what its header says, not
 * sealed though a seal statement says it was (unless AVS_OPEN_RESEAL: a
 * crash between the two writes of a seal, or an older file put back), or
 * sealed with a seal that is not valid (unless AVS_OPEN_ANY_SEAL).  On failure
 * nothing is held.  Close with avs_rec_close().
 */
int avs_rec_open(struct avs_store *st, struct avs_crypto *c, const char *id,
    const char *command, int how, struct avs_open *o, struct avs_err *err);
/* Release the lock and wipe the record and document. */
void avs_rec_close(struct avs_open *o);

/* The record's recipients (malloc'd array of borrowed strings). */
void avs_rec_recipients(struct avs_store *st, const struct avs_record *r,
    const char ***rcpt, size_t *n);
/* Parse an already-decrypted record of id. */
int avs_rec_parse(const char *id, const struct avs_buf *plain,
    struct avs_record **out, struct avs_err *err);
/* Serialise into plain and encrypt (and sign with signer, when not NULL)
 * into cipher, to the record's recipients; nothing is written. */
int avs_rec_encrypt(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, const char *signer, struct avs_buf *plain,
    struct avs_buf *cipher, struct avs_err *err);
/* The key that writes r here: its interviewer's when that secret key is
 * here, else the caller's HR key (avs_store_hr_key()). */
int avs_rec_writer(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, char out[AVS_FPRLEN + 1],
    struct avs_err *err);
/* Sign with signer (the writer), encrypt and write: a new record with
 * AVS_SAVE_CREATE (its id must be new), else one whose lock the caller
 * holds; with AVS_SAVE_NOSYNC the directory is not synced. */
enum { AVS_SAVE_CREATE = 1, AVS_SAVE_NOSYNC = 2 };
int avs_rec_save(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, const char *signer, int flags,
    struct avs_err *err);
/* Write the seal of r (sealed, sealed by r->seal_by): sign and encrypt,
 * decrypt the result and check that it holds r with a valid seal, write
 * its seal statement, and only then replace the file, whose lock the
 * caller holds. */
int avs_rec_seal_save(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, struct avs_err *err);
/* Replace only the encryption of record r (whose lock the caller holds)
 * with one to rcpt, keeping its signed message as it is, and so its seal.
 * The directory is not synced (avs_store_sync()). */
int avs_rec_rewrap(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, const char *const *rcpt, size_t n,
    struct avs_err *err);
/* Is cipher, just written by gpg for id (inner: only wrapped), to
 * exactly rcpt, whatever gpg.conf adds?  Read back once per set of
 * readers a process writes to. */
int avs_rec_check_readers(struct avs_crypto *c, const char *id,
    const char *const *rcpt, size_t n, const struct avs_buf *cipher,
    int inner, struct avs_err *err);
/* The seal rule: is the sealed record r, decrypted with info, sealed by
 * one valid signature of a key allowed to seal it?  If not, why. */
int avs_rec_seal_ok(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, const struct avs_decinfo *info, char *why,
    size_t whylen);

#endif
