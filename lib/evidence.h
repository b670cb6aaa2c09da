/*
 * evidence.h -- a record's registration and seal, bound to the record
 * and kept beside it (avslut-record(5), avslut-store(5)).
 *
 * Inside the encrypted record, the registration block: the registered
 * facts (who, the employment, the interviewer, the question set) with a
 * random salt, as YAML text written one way only, so that it can be
 * checked against the record's fields by writing it again.
 *
 * Beside it in DIR/evidence/, clearsigned, nothing personal:
 *   ID.reg   the registration statement, signed by the HR signer who
 *            registered the record: its id, dates, state, interviewer's
 *            fingerprint and the SHA-256 of the registration block;
 *   ID.seal  the seal statement, signed by the sealer: when, by whom,
 *            and the SHA-256 of the sealed document.
 * An import registers its rows in batches, signed once each:
 *   B.batch  the batch statement, signed by the registrar: for each
 *            record of the batch, its id and the SHA-256 of its ID.reg;
 *   ID.reg   then the registration statement unsigned, naming its batch
 *            and holding besides the SHA-256 of the record's first
 *            version, which is written unsigned (encrypting without a
 *            signature is what lets an import's rows run in parallel).
 * With the public keys alone -- purge has no other -- anyone can check
 * a record's plaintext header against them; with the record's key, the
 * record itself.
 */
#ifndef AVS_EVIDENCE_H
#define AVS_EVIDENCE_H

#include "crypto.h"
#include "hash.h"
#include "record.h"
#include "store.h"
#include "util.h"

#define AVS_DIGESTLEN (7 + AVS_SHA256_HEX)	/* "sha256:" + hex */
#define AVS_BATCHLEN 16		/* a batch's name: lowercase hex */
#define AVS_BATCH_MAX 1000	/* records in one batch statement */
#define AVS_BATCH_FILE_MAX (AVS_BATCH_MAX * 100 + 4096)	/* its bytes */

struct avs_reg_stmt {
	char id[AVS_IDLEN + 1];
	char registered[AVS_DATELEN + 1];
	int declined;			/* registered as a declined offer */
	char employed_to[AVS_DATELEN + 1];
	char interviewer[AVS_FPRLEN + 1];
	char facts[AVS_DIGESTLEN];	/* of the block; "legacy": none */
	/* Registered in a batch, else both "": */
	char document[AVS_DIGESTLEN];	/* of the first version */
	char batch[AVS_BATCHLEN + 1];	/* its batch statement */
};

struct avs_seal_stmt {
	char id[AVS_IDLEN + 1];
	char sealed[AVS_DATELEN + 1];
	char by[AVS_FPRLEN + 1];
	char document[AVS_DIGESTLEN];	/* of the sealed document */
};

enum avs_ev_kind { AVS_EV_REG, AVS_EV_SEAL };

/* "sha256:" and the hex SHA-256 of data into out. */
void avs_digest(const void *data, size_t len, char out[AVS_DIGESTLEN]);
/* A YAML scalar that is such a digest, into out. */
struct yctx;
struct ynode;
int avs_ydigest(const struct yctx *c, const struct ynode *n,
    char out[AVS_DIGESTLEN]);

/* Make r's registration block (r->registration) from its fields, with a
 * new salt. */
int avs_reg_block_make(struct avs_record *r, struct avs_err *err);
/* Does r's registration block hold exactly r's registered fields? */
int avs_reg_block_check(const struct avs_record *r, struct avs_err *err);
/* The statement of r's registration. */
void avs_reg_stmt_of(const struct avs_record *r, struct avs_reg_stmt *s);

/* Write a statement, clearsigned by signer, as DIR/evidence/ID.reg or
 * .seal (a registration statement only if none is there, unless
 * replace). */
int avs_ev_write_reg(struct avs_store *st, struct avs_crypto *c,
    const char *signer, const struct avs_reg_stmt *s, int replace,
    struct avs_err *err);
int avs_ev_write_seal(struct avs_store *st, struct avs_crypto *c,
    const char *signer, const struct avs_seal_stmt *s, struct avs_err *err);
/*
 * A batch (avslut-new --import): a new name; the batch statement,
 * clearsigned by signer, naming each id with the digest of its
 * statement's text (avs_ev_text) -- written first, so that every ID.reg
 * written then, unsigned (avs_ev_put_reg_file), verifies.
 */
int avs_ev_batch_name(char name[AVS_BATCHLEN + 1], struct avs_err *err);
int avs_ev_write_batch(struct avs_store *st, struct avs_crypto *c,
    const char *signer, const char *name, char *const *ids,
    char *const *digests, size_t n, struct avs_err *err);
/* Sync the evidence directory (after writes that did not). */
int avs_ev_sync(struct avs_store *st, struct avs_err *err);
/* A registration statement's file as it is; and data written as one
 * (a batched statement, exclusive and the directory not synced; or one
 * put back as it was after an amendment that could not be saved). */
int avs_ev_read_reg_file(struct avs_store *st, const char *id,
    struct avs_buf *out, struct avs_err *err);
int avs_ev_put_reg_file(struct avs_store *st, const char *id,
    const struct avs_buf *data, int exclusive, int nosync,
    struct avs_err *err);
/* Remove the batch statements none of whose records is in the store any
 * more -- neither its file nor its statement (after a purge) -- but none
 * younger than a day, as an import writes its batch before its rows, and
 * none that cannot be read.  How many into *removed. */
int avs_ev_prune_batches(struct avs_store *st, size_t *removed,
    struct avs_err *err);
/* Parse a batch statement's text (what tests/fuzz/fuzz-evidence.c
 * feeds): the digest of record id's statement into digest, or
 * AVS_EINTEGRITY when it is not in batch name. */
int avs_ev_batch_parse(const char *what, const char *name, const char *text,
    size_t len, const char *id, char digest[AVS_DIGESTLEN],
    struct avs_err *err);

/* Read and verify a statement of record id: a registration signed by an
 * HR signer (or, batched, in a batch statement signed by one), a seal signed by a key among allowed (its signer into
 * signer).  None there is AVS_ERUN with *missing set. */
int avs_ev_read_reg(struct avs_store *st, struct avs_crypto *c,
    const char *id, struct avs_reg_stmt *s, int *missing,
    struct avs_err *err);
int avs_ev_read_seal(struct avs_store *st, struct avs_crypto *c,
    const char *id, char *const *allowed, size_t n, struct avs_seal_stmt *s,
    char signer[AVS_FPRLEN + 1], int *missing, struct avs_err *err);
/* Read a statement's text without checking its signature: what purge
 * compares a header with before it decides, and checks before it acts.
 * 0, AVS_ERUN when there is none (*missing set), or AVS_EINTEGRITY. */
int avs_ev_peek_reg(struct avs_store *st, const char *id,
    struct avs_reg_stmt *s, int *missing, struct avs_err *err);
int avs_ev_peek_seal(struct avs_store *st, const char *id,
    struct avs_seal_stmt *s, int *missing, struct avs_err *err);
/* Parse the text of a statement of record id (named what) into reg or
 * seal, the other NULL; with clearsigned, data (NUL-terminated) is the
 * whole file as stored -- clearsigned, its text taken unchecked as by
 * the peeks, or a batched registration -- else a statement's text.
 * What the readers above do after reading and verifying, and what
 * tests/fuzz/fuzz-evidence.c feeds. */
int avs_ev_parse(const char *what, const char *id, const char *data,
    size_t len, int clearsigned, struct avs_reg_stmt *reg,
    struct avs_seal_stmt *seal, struct avs_err *err);
/* A statement's text as it is signed (reg or seal, the other NULL). */
int avs_ev_text(const struct avs_reg_stmt *reg,
    const struct avs_seal_stmt *seal, struct avs_buf *out,
    struct avs_err *err);
/* Remove a statement (no error when there is none); the directory is
 * synced unless nosync. */
int avs_ev_remove(struct avs_store *st, const char *id, enum avs_ev_kind k,
    int nosync, struct avs_err *err);
/* The ids of the records that have a registration statement (sorted,
 * NULL-terminated, malloc'd). */
int avs_ev_ids(struct avs_store *st, char ***ids, size_t *n,
    struct avs_err *err);
/* The file name of a statement into name (at least 32 bytes). */
void avs_ev_file(const char *id, enum avs_ev_kind k, char *name, size_t len);

#endif
