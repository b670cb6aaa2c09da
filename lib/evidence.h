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

struct avs_reg_stmt {
	char id[AVS_IDLEN + 1];
	char registered[AVS_DATELEN + 1];
	int declined;			/* registered as a declined offer */
	char employed_to[AVS_DATELEN + 1];
	char interviewer[AVS_FPRLEN + 1];
	char facts[AVS_DIGESTLEN];	/* of the block; "legacy": none */
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
/* Read and verify a statement of record id: a registration signed by an
 * HR signer, a seal signed by a key among allowed (its signer into
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
 * whole clearsigned file, its text taken unchecked as by the peeks.
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
