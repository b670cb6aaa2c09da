/*
 * store.h -- the store directory (avslut-store(5)): its layout, record
 * ids and files, their keyless metadata, locks (recfile.c), and the
 * copies of keys and question sets it keeps (store.c).  Reading and
 * writing records with crypto is vault.h; the logs are logs.h; the
 * configuration is config.h.
 *
 *   DIR/config          the configuration (YAML, no personal data),
 *                       clearsigned by a governor the user pinned
 *   DIR/records/ID.asc  one record: an armored OpenPGP message whose one
 *                       armor header line "Comment: avslut STATE DATE"
 *                       is the only plaintext: its state and the date its
 *                       retention counts from, so purge needs no key
 *   DIR/keys/FPR.asc    public keys of recipients and interviewers
 *   DIR/locks/ID        one lock file per record being written
 *   DIR/questions/      question sets of this store, clearsigned by HR
 *   DIR/evidence/       what a record's registration and seal were,
 *                       clearsigned, nothing personal (evidence.h)
 *   DIR/access.log      every decryption (CSV, no content)
 *   DIR/purge.log       the purge protocol, gallringsprotokoll (CSV)
 */
#ifndef AVS_STORE_H
#define AVS_STORE_H

#include <stddef.h>

#include "config.h"
#include "crypto.h"
#include "date.h"
#include "qset.h"
#include "record.h"
#include "util.h"

/* A record's file in DIR/records/ is its id and this. */
#define AVS_RECORD_EXT ".asc"

struct avs_store;

/* The directory: dir, else $AVSLUT_STORE, else $XDG_DATA_HOME/avslut,
 * else ~/.local/share/avslut.  Returns a malloc'd path. */
char *avs_store_path(const char *dir);

/* Create a store with this configuration, signed by signer (whose
 * secret key is here), and pin signer for it; exports the recipients'
 * and the signer's public keys into it.  Refuses an existing non-empty
 * directory. */
int avs_store_init(const char *dir, const struct avs_config *cfg,
    struct avs_crypto *c, const char *signer, struct avs_err *err);

/* Open the store: check its permissions, and its config's signature by a
 * governor the user pinned (trust.h).  A store not pinned at all is
 * AVS_EPOLICY, with the key that signed its config in unpinned (when not
 * NULL) for the user to pin; a config not signed by a pinned key is
 * AVS_EINTEGRITY.  With AVS_STORE_LEGACY an unsigned config, of a store
 * an earlier avslut made and the user has not pinned, is read as it is
 * (for its migration).  With AVS_STORE_NEW_CONFIG a config that does not
 * verify or parse is set aside, the defaults in its place, when the
 * store is pinned: to install a new one (avs_store_set_config). */
enum { AVS_STORE_LEGACY = 1, AVS_STORE_NEW_CONFIG = 2 };
int avs_store_open(const char *dir, struct avs_crypto *c, int flags,
    struct avs_store **out, char unpinned[AVS_FPRLEN + 1],
    struct avs_err *err);
void avs_store_close(struct avs_store *st);
const char *avs_store_dir(const struct avs_store *st);
const struct avs_config *avs_store_config(const struct avs_store *st);

/* The store's directories, open, for the modules that work on its files
 * directly (logs, purge): a descriptor and a path for messages each. */
struct avs_store_dirs {
	int top, records, locks, keys, evidence;	/* evidence may be -1 */
	const char *toppath, *recpath, *lockpath, *keypath, *evpath;
};
const struct avs_store_dirs *avs_store_dirs(const struct avs_store *st);
/* The descriptor of DIR/evidence/, made when create and missing (a store
 * of an earlier avslut); -1 when there is none (err set on failure). */
int avs_store_evidence(struct avs_store *st, int create, struct avs_err *err);

/* The governors the user pinned, and the HR signers: those, then the
 * config's recipients and sealers (NULL-terminated, owned by st). */
const char *const *avs_store_pins(const struct avs_store *st, size_t *n);
const char *const *avs_store_hr(const struct avs_store *st, size_t *n);
/* Was the store opened with an unsigned config (AVS_STORE_LEGACY)? */
int avs_store_legacy(const struct avs_store *st);
/* The caller's own key to sign for HR with: want (which must be one),
 * else the first whose secret key is here, among the pinned governors
 * (pinned) or the HR signers.  Ready to sign, its public key kept. */
int avs_store_hr_key(struct avs_store *st, struct avs_crypto *c,
    const char *want, int pinned, char out[AVS_FPRLEN + 1],
    struct avs_err *err);
/* Verify data, one clearsigned message (what names it in messages),
 * signed by a key among allowed -- fingerprints the pins or the signed
 * config name: their keys are taken from DIR/keys/ when the keyring
 * lacks them --, into text; the signing key into signer (may be NULL).
 * Otherwise AVS_EINTEGRITY. */
int avs_store_verify(struct avs_store *st, struct avs_crypto *c,
    const char *what, const struct avs_buf *data, char *const *allowed,
    size_t n, struct avs_buf *text, char signer[AVS_FPRLEN + 1],
    struct avs_err *err);

/* Replace the store's config, signed by signer (a governor whose secret
 * key is here), under the store lock. */
int avs_store_set_config(struct avs_store *st, const struct avs_config *cfg,
    struct avs_crypto *c, const char *signer, struct avs_err *err);

/* Make sure the keyring holds the keys: import from DIR/keys/ (checked
 * against the fingerprint) what it lacks, then check each is usable.
 * Only for fingerprints that the pins, the signed config or a verified
 * registration name: keys/ is a cache anyone could add to. */
int avs_store_keys(struct avs_store *st, struct avs_crypto *c,
    const char *const *fprs, size_t n, int use, struct avs_err *err);
/* The key fpr is to sign: its secret key must be here and usable for
 * signing, and a copy of its public key is kept in DIR/keys/ for those
 * who verify. */
int avs_store_signer(struct avs_store *st, struct avs_crypto *c,
    const char *fpr, struct avs_err *err);
/* Keep a copy of a public key in DIR/keys/ (an interviewer's). */
int avs_store_keep_key(struct avs_store *st, struct avs_crypto *c,
    const char *fpr, struct avs_err *err);

/* Load question set name: a path when it has a '/', else the set of that
 * name in DIR/questions/ -- which counts only with a valid signature by
 * an HR signer, checked with c -- or the installed ones; NULL or "" is
 * the store's default (st may be NULL: then "sodermalm"). */
int avs_store_qset(struct avs_store *st, struct avs_crypto *c,
    const char *name, struct avs_qset **out, struct avs_err *err);
/* Keep a copy of the question set set (its text, read once from where the
 * user named it) in DIR/questions/ as name, clearsigned by signer (an HR
 * signer), so that its records find it by name.  A different set of that
 * name already there is AVS_EPOLICY. */
int avs_store_keep_qset(struct avs_store *st, struct avs_crypto *c,
    const char *signer, const struct avs_buf *set, const char *name,
    struct avs_err *err);

/* --- Record files, their ids and locks (recfile.c) ----------------------- */

/* Plaintext metadata of a record file. */
struct avs_meta {
	enum avs_state state;
	char since[AVS_DATELEN + 1];	/* retention counts from */
};

/* The rule and date for a record's metadata. */
void avs_meta_of(const struct avs_record *r, struct avs_meta *m);
/* Parse the metadata header at the start of a record file's data. */
int avs_meta_parse(const char *id, const char *p, size_t len,
    struct avs_meta *m, struct avs_err *err);
/* Read it from the record file of id (the first bytes only). */
int avs_meta_read(struct avs_store *st, const char *id, struct avs_meta *m,
    struct avs_err *err);

/* Record files.  The name of id's file into name (at least 32 bytes). */
void avs_record_file(const char *id, char *name, size_t len);
int avs_store_record_exists(struct avs_store *st, const char *id);
int avs_store_read_file(struct avs_store *st, const char *id,
    struct avs_buf *out, struct avs_err *err);
/* Write the armored message with the metadata header inserted. */
int avs_store_write_file(struct avs_store *st, const char *id,
    const struct avs_meta *m, const struct avs_buf *armored, int create,
    int nosync_dir, struct avs_err *err);
int avs_store_sync(struct avs_store *st, struct avs_err *err);
/* Every record id (sorted, NULL-terminated, malloc'd). */
int avs_store_ids(struct avs_store *st, char ***ids, size_t *n,
    struct avs_err *err);

/* Lock a record for writing; see avs_lock().  A held lock is AVS_EPOLICY,
 * "record ID is in use: ..." (or waits, with wait).  With sweep, what a
 * crashed writer of the record left is removed once the lock is held. */
struct avs_lock;
int avs_store_lock(struct avs_store *st, const char *id, int wait,
    int sweep, struct avs_lock **out, struct avs_err *err);

#endif
