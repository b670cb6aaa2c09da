/*
 * register.h -- registering interviews (and declined offers).
 */
#ifndef AVS_REGISTER_H
#define AVS_REGISTER_H

#include "crypto.h"
#include "qset.h"
#include "record.h"
#include "store.h"
#include "util.h"

/* How far ahead a last day of employment may be registered, in days: a
 * leaver is registered within a year of leaving.  No record's plaintext
 * header can then hold a date further ahead (avslut-purge(1)). */
#define AVS_REGISTER_AHEAD 366

/* The facts of one registration, as given on the command line or in a
 * CSV row.  NULL or "" means not given. */
struct avs_facts {
	const char *name, *title, *workplace, *unit;
	const char *from, *to, *employment, *reason;
	const char *interviewer, *role, *date, *questions, *lang;
	const char *why;	/* declined: the coded reason */
};

/* The field names, as used in CSV headers and (with "--") options. */
extern const char *const avs_fact_fields[];

/* Set field (one of avs_fact_fields) to value; -1 for an unknown field. */
int avs_facts_set(struct avs_facts *f, const char *field, const char *value);

/* Check every fact; the message names the field, never a personal value.
 * declined: this is a declined offer (why is required). */
int avs_facts_check(const struct avs_facts *f, int declined,
    struct avs_err *err);

struct avs_registrar;

/* A registrar signs with signer, which must be an HR key of the store
 * (a pinned governor, a recipient or a sealer), its secret key here; NULL
 * takes the first such key that is here. */
int avs_registrar_new(struct avs_store *st, struct avs_crypto *c,
    const char *signer, struct avs_registrar **out, struct avs_err *err);
void avs_registrar_free(struct avs_registrar *rg);
/* Load question set name (NULL: the store's default) now, so that a batch
 * fails once and early rather than on every row. */
int avs_registrar_preload(struct avs_registrar *rg, const char *name,
    struct avs_err *err);

/* Register: facts checked, eligibility (AVS_EPOLICY unless force), keys,
 * question set, then a new encrypted record.  Its id into id.  With
 * nosync the directory is not synced (call avs_store_sync() after a batch). */
int avs_register(struct avs_registrar *rg, const struct avs_facts *f,
    int declined, int force, int nosync, char id[AVS_IDLEN + 1],
    struct avs_err *err);

/*
 * A registration prepared for a batch (avslut-new --import, regbatch.c):
 * checked as avs_register() does, the record's first version encrypted
 * with enc and unsigned, and its registration statement's text naming
 * batch, which holds the digest of that version; nothing written.
 */
struct avs_prepared {
	char id[AVS_IDLEN + 1];
	struct avs_meta meta;
	struct avs_buf stmt;	/* the registration statement's text */
	struct avs_buf cipher;	/* the record, armored */
};
int avs_register_prepare(struct avs_registrar *rg, struct avs_crypto *enc,
    const char *batch, const struct avs_facts *f, int declined, int force,
    struct avs_prepared *p, struct avs_err *err);
/* The registrar's key, and its store. */
const char *avs_registrar_key(const struct avs_registrar *rg);
struct avs_store *avs_registrar_store(const struct avs_registrar *rg);
/* The fingerprint an interviewer given as a fingerprint or an address
 * stands for, or -1. */
int avs_registrar_interviewer(struct avs_registrar *rg, const char *given,
    char fpr[AVS_FPRLEN + 1]);

/*
 * Amend record id (avslut-new --amend): its registered facts overlaid
 * with what f gives, checked as at registration (eligibility: AVS_EPOLICY
 * unless force).  Before its seal, the record is registered again (new
 * registration block and statement, signed by the registrar) and
 * encrypted to its readers as they are now; its question set and
 * language change only while it is planned.  A sealed record gets a
 * correction per changed fact (correct.h) and is sealed again by the
 * registrar, who must be a recipient or sealer of the store.  What was
 * done into *a.
 */
struct avs_amended {
	int ineligible;		/* refused: not eligible, and no force */
	int sealed;		/* corrected, as it is sealed */
	int corrections;	/* how many (0: it held these values) */
};
int avs_amend(struct avs_registrar *rg, const char *id,
    const struct avs_facts *f, int force, struct avs_amended *a,
    struct avs_err *err);

#endif
