/*
 * store.h -- the store directory (avslut-store(5)): its layout, record
 * ids and files, their keyless metadata, locks, and the copies of keys
 * and question sets it keeps.  Reading and writing records with crypto
 * is vault.h; the logs are logs.h; the configuration is config.h.
 *
 *   DIR/config          the configuration (YAML, no personal data)
 *   DIR/records/ID.asc  one record: an armored OpenPGP message whose one
 *                       armor header line "Comment: avslut STATE DATE"
 *                       is the only plaintext: its state and the date its
 *                       retention counts from, so purge needs no key
 *   DIR/keys/FPR.asc    public keys of recipients and interviewers
 *   DIR/locks/ID        one lock file per record being written
 *   DIR/questions/      optional question sets of this store
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

/* Create a store with this configuration; exports the recipients' public
 * keys into it.  Refuses an existing non-empty directory. */
int avs_store_init(const char *dir, const struct avs_config *cfg,
    struct avs_crypto *c, struct avs_err *err);
/* Open and check permissions and config. */
int avs_store_open(const char *dir, struct avs_store **out,
    struct avs_err *err);
void avs_store_close(struct avs_store *st);
const char *avs_store_dir(const struct avs_store *st);
const struct avs_config *avs_store_config(const struct avs_store *st);

/* The store's directories, open, for the modules that work on its files
 * directly (logs, purge): a descriptor and a path for messages each. */
struct avs_store_dirs {
	int top, records, locks, keys;
	const char *toppath, *recpath, *lockpath, *keypath;
};
const struct avs_store_dirs *avs_store_dirs(const struct avs_store *st);

/* Replace the store's config (under the store lock) and reload it. */
int avs_store_set_config(struct avs_store *st, const struct avs_config *cfg,
    struct avs_crypto *c, struct avs_err *err);

/* Make sure the keyring holds the keys: import from DIR/keys/ (checked
 * against the fingerprint) what it lacks, then check each is usable. */
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
 * name in DIR/questions/ or the installed ones; NULL or "" is the store's
 * default (st may be NULL: then "sodermalm"). */
int avs_store_qset(struct avs_store *st, const char *name,
    struct avs_qset **out, struct avs_err *err);
/* Keep a copy of a question set given by path in DIR/questions/, so that
 * its records find it by name.  A different set of that name already
 * there is AVS_EPOLICY. */
int avs_store_keep_qset(struct avs_store *st, const char *path,
    const char *name, const char *digest, struct avs_err *err);

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
