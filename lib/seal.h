/*
 * seal.h -- sealing records, checking seals and re-encrypting the store
 * (avslut-seal(1)).
 *
 * A seal is the record signed by the sealer's key inside its encryption.
 * Re-encryption replaces only the encryption layer (GnuPG's unwrap and
 * wrap), so the signed message, and with it the seal, stays as it was.
 */
#ifndef AVS_SEAL_H
#define AVS_SEAL_H

#include <stddef.h>

#include "crypto.h"
#include "record.h"
#include "store.h"
#include "util.h"

struct avs_seal_opts {
	const char *sealer;	/* full fingerprint; NULL: the interviewer */
	int allow_incomplete;
	int employee_reviewed;
};

/* Seal record id: lock it, check it may be sealed (AVS_EPOLICY when it is
 * sealed, declined or incomplete, or the sealer may not seal it), sign
 * it with the sealer's key, check the new seal and only then replace the
 * file.  The sealer's fingerprint goes into by. */
int avs_seal(struct avs_store *st, struct avs_crypto *c, const char *id,
    const struct avs_seal_opts *o, char by[AVS_FPRLEN + 1],
    struct avs_err *err);

/* What became of one record in --verify or --reencrypt. */
enum avs_verdict {
	AVS_V_SKIP,		/* out of scope: not sealed (not printed) */
	AVS_V_OK,		/* the seal is valid */
	AVS_V_REENCRYPTED,	/* now encrypted to the current recipients */
	AVS_V_CURRENT,		/* already was: left alone */
	AVS_V_LOCKED,		/* in use by another process: left alone */
	AVS_V_UNREADABLE,	/* the caller holds no key for it */
	AVS_V_FAILED,		/* integrity failure */
	AVS_V_ERROR,		/* some other run-time failure */
	AVS_V_MIGRATED		/* given its evidence (avs_migrate) */
};

/* The words printed for each verdict ("ok", "FAILED", ...). */
extern const char *const avs_verdict_names[];

struct avs_outcome {
	enum avs_verdict verdict;
	int status;		/* the exit status it counts as */
	char why[400];		/* the reason, without the record id */
	char digest[80];	/* ok: the sealed document's SHA-256 */
	/* ok and corrected: the digests of the documents it was, before
	 * its last (up to AVS_EARLIER) corrections, the sealed one first */
	char earlier[8][80];
	size_t nearlier;
};
#define AVS_EARLIER 8

/* Check the seal of record id, and its seal statement.  A record that is
 * not sealed is out of scope, unless named (the caller asked for it):
 * then it fails; and so does one with a seal statement (it went back
 * from sealed).  Any integrity failure fails, sealed or not; so does a
 * record the caller cannot read when reader (the caller holds the key of
 * a store recipient, who reads every record).  Returns o->status. */
int avs_seal_verify(struct avs_store *st, struct avs_crypto *c,
    const char *id, int named, int reader, struct avs_outcome *o);
/* Does the caller hold the key of a store recipient, who reads all? */
int avs_seal_reader(struct avs_store *st, struct avs_crypto *c);
/* Check every record (avs_seal_verify), every record that left only its
 * registration statement (avs_seal_verify_gone), and every record the
 * caller's ledger (ledger.h) saw at the last run and that left nothing
 * at all -- gone without a line in the purge log fails; then note what
 * is here now in the ledger.  each(id, outcome) for every one (verdicts
 * AVS_V_SKIP too).  Returns 0, or a failure that stopped the run. */
int avs_seal_verify_all(struct avs_store *st, struct avs_crypto *c,
    void (*each)(const char *id, const struct avs_outcome *o, void *arg),
    void *arg, struct avs_err *err);
/* A record whose registration statement is here: gone without a line in
 * the purge log is a failure, else it is out of scope. */
int avs_seal_verify_gone(struct avs_store *st, const char *id,
    struct avs_outcome *o);

/* Re-encrypt record id to the store's recipients and its interviewer,
 * under its lock (a held lock leaves it alone).  A sealed record is
 * checked first and then only re-wrapped; one whose seal fails is left
 * as it is.  A record already encrypted to exactly those keys is left
 * alone, which makes an interrupted run resumable.  The records
 * directory is not synced: call avs_store_sync() after the run.
 * Returns o->status. */
int avs_seal_reencrypt(struct avs_store *st, struct avs_crypto *c,
    const char *id, struct avs_outcome *o);

/* Make fprs (n full fingerprints, NULL-terminated) the store's
 * recipients, in a config signed by governor (NULL: the caller's first
 * pinned governor whose secret key is here).  Each must be usable for
 * encryption (imported from DIR/keys/ when the keyring lacks it).
 * Former recipients are kept among the sealers, so the seals they made
 * stay valid. */
int avs_seal_set_recipients(struct avs_store *st, struct avs_crypto *c,
    const char *governor, char *const *fprs, size_t n, struct avs_err *err);

#endif
