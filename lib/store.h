/*
 * store.h -- the store directory (avslut-store(5)).
 *
 *   DIR/config          the configuration (YAML, no personal data)
 *   DIR/records/ID.asc  one record: an armored OpenPGP message whose one
 *                       armor header line "Comment: avslut STATE DATE"
 *                       is the only plaintext: its state and the date its
 *                       retention counts from, so purge needs no key
 *   DIR/keys/FPR.asc    public keys of recipients and interviewers
 *   DIR/locks/          one lock file per record being written
 *   DIR/questions/      optional question sets of this store
 *   DIR/access.log      every decryption (CSV, no content)
 *   DIR/purge.log       the purge protocol, gallringsprotokoll (CSV)
 */
#ifndef AVS_STORE_H
#define AVS_STORE_H

#include <stddef.h>

#include "crypto.h"
#include "date.h"
#include "record.h"
#include "util.h"

/* Retention rules, one per kind of record. */
enum avs_rule { AVS_RULE_SEALED, AVS_RULE_DECLINED, AVS_RULE_UNFINISHED,
    AVS_NRULES };

extern const char *const avs_rule_names[];	/* "sealed", ... */

struct avs_retention {
	long months;
	char *decision;		/* NULL: not applied */
};

struct avs_config {
	char **recipients;	/* NULL-terminated full fingerprints */
	size_t nrecipients;
	char **sealers;		/* more keys allowed to seal */
	size_t nsealers;
	char *questions;	/* default question set */
	char *marking;		/* confidentiality marking */
	long min_group;
	char **elig_employment;	/* NULL-terminated */
	char **elig_reason;
	long elig_months;
	struct avs_retention retention[AVS_NRULES];
};

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

/* Defaults of a new store, and freeing a config. */
void avs_config_defaults(struct avs_config *cfg);
void avs_config_clear(struct avs_config *cfg);
int avs_config_read(const char *path, struct avs_config *cfg,
    struct avs_err *err);
int avs_config_write(const struct avs_config *cfg, struct avs_buf *out,
    struct avs_err *err);
/* Check values given on the command line the way the reader would:
 * the marking and every decision reference one line of at most 200
 * bytes of UTF-8 text, the question set a valid name. */
int avs_config_check(const struct avs_config *cfg, struct avs_err *err);
/* Replace the store's config (under the store lock) and reload it. */
int avs_store_set_config(struct avs_store *st, const struct avs_config *cfg,
    struct avs_crypto *c, struct avs_err *err);

/* Make sure the keyring holds the keys: import from DIR/keys/ (checked
 * against the fingerprint) what it lacks, then check each is usable. */
int avs_store_keys(struct avs_store *st, struct avs_crypto *c,
    const char *const *fprs, size_t n, int use, struct avs_err *err);
/* Keep a copy of a public key in DIR/keys/ (an interviewer's). */
int avs_store_keep_key(struct avs_store *st, struct avs_crypto *c,
    const char *fpr, struct avs_err *err);

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
int avs_meta_read(struct avs_store *st, const char *id, struct avs_meta *m,
    struct avs_err *err);

/* Record files. */
int avs_store_record_exists(struct avs_store *st, const char *id);
int avs_store_read_file(struct avs_store *st, const char *id,
    struct avs_buf *out, struct avs_err *err);
/* Write the armored message with the metadata header inserted. */
int avs_store_write_file(struct avs_store *st, const char *id,
    const struct avs_meta *m, const struct avs_buf *armored, int create,
    int nosync_dir, struct avs_err *err);
int avs_store_sync(struct avs_store *st, struct avs_err *err);
int avs_store_remove(struct avs_store *st, const char *id,
    struct avs_err *err);
/* Call fn for every record id (sorted).  Stops at fn's first non-zero. */
int avs_store_each(struct avs_store *st,
    int (*fn)(const char *id, void *arg), void *arg, struct avs_err *err);
/* Every record id (sorted, NULL-terminated, malloc'd). */
int avs_store_ids(struct avs_store *st, char ***ids, size_t *n,
    struct avs_err *err);
void avs_ids_free(char **ids);

/* Lock a record for writing; see avs_lock(). */
struct avs_lock;
int avs_store_lock(struct avs_store *st, const char *id, int wait,
    struct avs_lock **out, struct avs_err *err);

/* Logs (CSV through libcsv; nothing personal).  Safe to call from
 * several threads. */
int avs_log_access(struct avs_store *st, const char *id, const char *key,
    const char *command, struct avs_err *err);
int avs_log_purge(struct avs_store *st, const char *id, const char *state,
    const char *rule, const char *decision, struct avs_err *err);

/*
 * Records with crypto.  The recipients of a record are the store's
 * recipients plus its interviewer.  Loading decrypts, verifies, parses,
 * checks that the document is the record of that id, and logs the
 * decryption in the access log.
 */
int avs_rec_recipients(struct avs_store *st, const struct avs_record *r,
    const char ***rcpt, size_t *n);
int avs_rec_load(struct avs_store *st, struct avs_crypto *c, const char *id,
    const char *command, struct avs_record **out, struct avs_decinfo *info,
    struct avs_err *err);
/* As avs_rec_load, and the decrypted document into doc (when not NULL)
 * exactly as stored. */
int avs_rec_load_plain(struct avs_store *st, struct avs_crypto *c,
    const char *id, const char *command, struct avs_record **out,
    struct avs_decinfo *info, struct avs_buf *doc, struct avs_err *err);
/* Parse an already-decrypted record of id. */
int avs_rec_parse(const char *id, const struct avs_buf *plain,
    struct avs_record **out, struct avs_err *err);
/* Serialise into plain and encrypt (and sign with signer, when not NULL)
 * into cipher, to the record's recipients; nothing is written. */
int avs_rec_encrypt(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, const char *signer, struct avs_buf *plain,
    struct avs_buf *cipher, struct avs_err *err);
/* Encrypt (and sign with signer, when not NULL) and write. */
int avs_rec_save(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, const char *signer, int create,
    int nosync_dir, struct avs_err *err);
/* Is the record's seal valid and by a key allowed to seal it? */
int avs_rec_seal_ok(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, const struct avs_decinfo *info, char *why,
    size_t whylen);

#endif
