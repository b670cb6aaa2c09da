/*
 * vault.c -- records with crypto: opening a record (lock, read, check its
 * registration, decrypt, verify, log, parse, check, state policy, seal
 * rule) and writing one.
 *
 * The trust in a record comes from outside it: its registration
 * statement (evidence.h), signed by an HR signer whom the pinned config
 * names, says who its interviewer is; every version of the record is
 * signed by whoever wrote it, who must be that interviewer or HR; its
 * registration block must be the one the statement holds the digest of,
 * and agree with the record.  Nothing the record says of itself decides
 * whose signature counts.  The registration statement is read first, so
 * that the interviewer's public key may be taken from DIR/keys/ before
 * gpg verifies while it decrypts.
 *
 * Whatever gpg.conf adds (recipient, hidden-recipient, group, encrypt-to),
 * what gpg wrote is read back before it replaces a record: the first
 * message of a process to each set of readers is decrypted again and its
 * recipients compared with exactly those keys.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "correct.h"
#include "evidence.h"
#include "i18n.h"
#include "logs.h"
#include "policy.h"
#include "vault.h"

#define ARMOR_END "-----END PGP MESSAGE-----\n"

void
avs_rec_recipients(struct avs_store *st, const struct avs_record *r,
    const char ***rcpt, size_t *n)
{
	const struct avs_config *cfg = avs_store_config(st);
	size_t i;

	*rcpt = avs_xcalloc(cfg->nrecipients + 2, sizeof(**rcpt));
	for (i = 0; i < cfg->nrecipients; i++)
		(*rcpt)[i] = cfg->recipients[i];
	*n = cfg->nrecipients;
	if (r->interviewer.fpr[0] != '\0' &&
	    avs_lookup(*rcpt, r->interviewer.fpr) < 0)
		(*rcpt)[(*n)++] = r->interviewer.fpr;
}

/* The HR signers and the interviewer fpr (when not NULL): who may write
 * a record (malloc'd vector of borrowed strings). */
static const char **
writers(struct avs_store *st, const char *fpr, size_t *n)
{
	const char *const *hr = avs_store_hr(st, n);
	const char **v = avs_xcalloc(*n + 2, sizeof(*v));

	memcpy(v, hr, *n * sizeof(*v));
	if (fpr != NULL && avs_lookup(v, fpr) < 0)
		v[(*n)++] = fpr;
	return v;
}

int
avs_rec_parse(const char *id, const struct avs_buf *plain,
    struct avs_record **out, struct avs_err *err)
{
	char name[64];
	int rc;

	snprintf(name, sizeof(name), "record %s", id);
	if ((rc = avs_record_read(name, plain->p, plain->len, out, err)) != 0)
		return rc == AVS_EUSAGE ? (err->status = AVS_EINTEGRITY) : rc;
	if (strcmp((*out)->id, id) != 0) {
		avs_record_free(*out);
		*out = NULL;
		return avs_fail(err, AVS_EINTEGRITY, _("record %s holds the "
		    "document of another record"), id);
	}
	return 0;
}

/* A corrected record is sealed again by its last corrector: every
 * corrector a store recipient or sealer, and the one signature the last
 * one's.  The original seal is checked on the document before (orig). */
static int
corrected_ok(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, const struct avs_decinfo *info, char *why,
    size_t whylen)
{
	const struct avs_config *cfg = avs_store_config(st);
	const char *by;
	size_t i;

	for (i = 0; i < r->ncorrections; i++)
		if (!avs_may_correct(cfg, r->corrections[i].by)) {
			snprintf(why, whylen, _("corrected by %s, a key that "
			    "is neither a recipient nor a sealer of the store"),
			    r->corrections[i].by);
			return 0;
		}
	by = r->corrections[r->ncorrections - 1].by;
	if (avs_store_keys(st, c, &by, 1, AVS_USE_VERIFY, NULL) != 0) {
		snprintf(why, whylen, _("the corrector's key %s is not "
		    "available"), by);
		return 0;
	}
	return avs_crypto_signer_allowed(c, info, &by, 1, why, whylen);
}

int
avs_rec_seal_ok(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, const struct avs_decinfo *info, char *why,
    size_t whylen)
{
	struct avs_record *orig = NULL;
	struct avs_err err = AVS_ERR_INIT;
	const char *by = r->seal_by;
	int ok;

	if (r->state != AVS_SEALED) {
		snprintf(why, whylen, "%s", _("not sealed"));
		return 0;
	}
	if (r->ncorrections > 0) {
		if (avs_correct_undo(r, r->ncorrections, &orig, &err) != 0) {
			snprintf(why, whylen, "%s", err.msg);
			return 0;
		}
		ok = avs_may_seal(avs_store_config(st), orig, by);
		avs_record_free(orig);
		if (!ok) {
			snprintf(why, whylen, _("sealed by %s, a key not "
			    "allowed to seal"), by != NULL ? by : "?");
			return 0;
		}
		return corrected_ok(st, c, r, info, why, whylen);
	}
	/* The sealer must be one allowed to seal it -- the interviewer the
	 * registration names, or HR per the signed config ... */
	if (!avs_may_seal(avs_store_config(st), r, by)) {
		snprintf(why, whylen, _("sealed by %s, a key not allowed to "
		    "seal"), by != NULL ? by : "?");
		return 0;
	}
	/* ... and the one signature must be that key's. */
	if (avs_store_keys(st, c, &by, 1, AVS_USE_VERIFY, NULL) != 0) {
		snprintf(why, whylen, _("the sealer's key %s is not available"),
		    by);
		return 0;
	}
	return avs_crypto_signer_allowed(c, info, &by, 1, why, whylen);
}

/* Every version of a record is signed by who wrote it: its interviewer
 * or HR -- but the first version of a record an import registered, which
 * is unsigned and bound instead, byte for byte, by the digest its
 * registration statement holds (s), in a batch an HR signer signed. */
static int
check_writer(struct avs_store *st, struct avs_crypto *c,
    const struct avs_open *o, const struct avs_reg_stmt *s,
    struct avs_err *err)
{
	const char **v;
	char why[200], digest[AVS_DIGESTLEN];
	size_t n;
	int ok;

	if (o->info.nsigs == 0 && s->document[0] != '\0') {
		avs_digest(o->doc.p, o->doc.len, digest);
		if (strcmp(digest, s->document) == 0)
			return 0;
		return avs_fail(err, AVS_EINTEGRITY, _("record %s: unsigned, "
		    "and not the first version its registration holds"),
		    o->rec->id);
	}
	if (!o->info.sig_good)
		return avs_fail(err, AVS_EINTEGRITY, _("record %s: %s"),
		    o->rec->id, o->info.why);
	v = writers(st, o->rec->interviewer.fpr, &n);
	ok = avs_crypto_signer_allowed(c, &o->info, v, n, why, sizeof(why));
	free(v);
	if (!ok)
		return avs_fail(err, AVS_EINTEGRITY, _("record %s: written by "
		    "%s, neither its interviewer nor HR"), o->rec->id,
		    o->info.signer);
	return 0;
}

/* A record of an earlier avslut, migrated as it was sealed: it has no
 * registration block, and the seal statement HR signed at the migration
 * binds its whole document. */
static int
check_legacy(struct avs_store *st, struct avs_crypto *c,
    const struct avs_open *o, struct avs_err *err)
{
	struct avs_seal_stmt s;
	char digest[AVS_DIGESTLEN];
	const char *const *hr;
	size_t n;
	int missing, rc;

	hr = avs_store_hr(st, &n);
	if (o->rec->state != AVS_SEALED)
		return avs_fail(err, AVS_EINTEGRITY, _("record %s has no "
		    "registration"), o->rec->id);
	if ((rc = avs_ev_read_seal(st, c, o->rec->id, (char *const *)hr, n,
	    &s, NULL, &missing, err)) != 0)
		return err->status = AVS_EINTEGRITY;
	avs_digest(o->doc.p, o->doc.len, digest);
	if (strcmp(s.document, digest) != 0 || strcmp(s.by,
	    o->rec->seal_by != NULL ? o->rec->seal_by : "") != 0 ||
	    strcmp(s.sealed, o->rec->sealed) != 0)
		return avs_fail(err, AVS_EINTEGRITY, _("record %s is not the "
		    "document its seal statement holds"), o->rec->id);
	return 0;
}

/* The record agrees with its registration statement, and its block with
 * both. */
static int
registered_as(struct avs_store *st, struct avs_crypto *c,
    const struct avs_open *o, const struct avs_record *r,
    const struct avs_reg_stmt *s, struct avs_err *err)
{
	char digest[AVS_DIGESTLEN];

	if (strcmp(s->registered, r->registered) != 0 ||
	    strcmp(s->employed_to, r->emp.to) != 0 ||
	    strcmp(s->interviewer, r->interviewer.fpr) != 0 ||
	    s->declined != (r->state == AVS_DECLINED))
		return avs_fail(err, AVS_EINTEGRITY, _("record %s does not "
		    "agree with its registration statement"), r->id);
	if (r->registration == NULL) {
		if (strcmp(s->facts, "legacy") != 0 || r != o->rec)
			return avs_fail(err, AVS_EINTEGRITY, _("record %s has "
			    "no registration"), r->id);
		return check_legacy(st, c, o, err);
	}
	avs_digest(r->registration, strlen(r->registration), digest);
	if (strcmp(digest, s->facts) != 0)
		return avs_fail(err, AVS_EINTEGRITY, _("record %s: its "
		    "registration is not the one registered"), r->id);
	return avs_reg_block_check(r, err);
}

/* A corrected record was registered as it was before its corrections:
 * the registration is checked on that document. */
static int
check_registration(struct avs_store *st, struct avs_crypto *c,
    const struct avs_open *o, const struct avs_reg_stmt *s,
    struct avs_err *err)
{
	struct avs_record *orig;
	int rc;

	if (o->rec->ncorrections == 0)
		return registered_as(st, c, o, o->rec, s, err);
	if ((rc = avs_correct_undo(o->rec, o->rec->ncorrections, &orig,
	    err)) != 0)
		return err->status = AVS_EINTEGRITY;
	rc = registered_as(st, c, o, orig, s, err);
	avs_record_free(orig);
	return rc;
}

/* A record that is not sealed has no seal statement: one there means
 * the sealed file was replaced by an older one (or a seal was cut short,
 * which sealing again mends). */
static int
not_unsealed(struct avs_store *st, const struct avs_open *o,
    struct avs_err *err)
{
	struct avs_seal_stmt s;
	int missing, rc;

	if ((rc = avs_ev_peek_seal(st, o->rec->id, &s, &missing, err)) != 0)
		return missing ? 0 : rc;
	return avs_fail(err, AVS_EINTEGRITY, _("record %s is %s, but its seal "
	    "statement says it was sealed on %s (an older file put back?)"),
	    o->rec->id, avs_state_names[o->rec->state], s.sealed);
}

/* Read, decrypt and parse id into o (no lock, no policy). */
static int
load(struct avs_store *st, struct avs_crypto *c, const char *id,
    const char *command, struct avs_open *o, struct avs_err *err)
{
	struct avs_buf file = AVS_BUF_INIT;
	struct avs_meta m, want;
	char msg[sizeof(err->msg)];
	size_t end;
	int rc;

	if ((rc = avs_store_read_file(st, id, &file, err)) != 0 ||
	    (rc = avs_meta_parse(id, file.p, file.len, &m, err)) != 0)
		goto done;
	/* gpg would read past what follows the armor; we do not. */
	end = sizeof(ARMOR_END) - 1;
	if (file.len < end || memcmp(file.p + file.len - end, ARMOR_END,
	    end) != 0) {
		rc = avs_fail(err, AVS_EINTEGRITY, _("record %s: data after "
		    "the end of its message"), id);
		goto done;
	}
	if ((rc = avs_crypto_decrypt(c, file.p, file.len, &o->doc, &o->info,
	    err)) != 0) {
		snprintf(msg, sizeof(msg), _("record %s: %s"), id, err->msg);
		snprintf(err->msg, sizeof(err->msg), "%s", msg);
		goto done;
	}
	if ((rc = avs_log_access(st, id, o->info.key, command, err)) != 0 ||
	    (rc = avs_rec_parse(id, &o->doc, &o->rec, err)) != 0)
		goto done;
	avs_meta_of(o->rec, &want);
	if (want.state != m.state || strcmp(want.since, m.since) != 0)
		rc = avs_fail(err, AVS_EINTEGRITY, _("record %s: the metadata "
		    "header does not match the record"), id);
done:
	avs_buf_free(&file);
	return rc;
}

/* The state policy: a sealed or declined record never changes. */
static int
may_change(const struct avs_record *r, struct avs_err *err)
{
	if (r->state == AVS_SEALED)
		return avs_fail(err, AVS_EPOLICY, _("record %s is sealed and "
		    "cannot be changed: it was already sealed on %s"), r->id,
		    r->sealed);
	if (r->state == AVS_DECLINED)
		return avs_fail(err, AVS_EPOLICY, _("record %s is declined and "
		    "cannot be changed: a declined offer has no interview"),
		    r->id);
	return 0;
}

static void
clear(struct avs_open *o)
{
	avs_unlock(o->lock, 0);
	avs_record_free(o->rec);
	avs_buf_free(&o->doc);
	memset(o, 0, sizeof(*o));
}

/* The registration statement of id, verified; its interviewer's public
 * key (and HR's, taken on verifying) ready for the record's signature. */
static int
registration(struct avs_store *st, struct avs_crypto *c, const char *id,
    struct avs_reg_stmt *s, struct avs_err *err)
{
	const char *fpr;
	int missing, rc;

	if ((rc = avs_ev_read_reg(st, c, id, s, &missing, err)) != 0) {
		if (missing)
			return avs_fail(err, AVS_EINTEGRITY, _("record %s has "
			    "no registration statement (evidence/%s.reg)"), id,
			    id);
		return err->status = AVS_EINTEGRITY;
	}
	fpr = s->interviewer;
	(void)avs_store_keys(st, c, &fpr, 1, AVS_USE_VERIFY, NULL);
	return 0;
}

int
avs_rec_open(struct avs_store *st, struct avs_crypto *c, const char *id,
    const char *command, int how, struct avs_open *o, struct avs_err *err)
{
	struct avs_reg_stmt s;
	int rc;

	memset(o, 0, sizeof(*o));
	memset(&s, 0, sizeof(s));
	if (!avs_id_valid(id))
		return avs_fail(err, AVS_EUSAGE, _("invalid record id \"%.40s\""),
		    id);
	if ((how & AVS_OPEN_LOCK) &&
	    (rc = avs_store_lock(st, id, 0, 1, &o->lock, err)) != 0)
		goto fail;
	if (!(how & AVS_OPEN_LEGACY) &&
	    avs_store_record_exists(st, id) &&
	    (rc = registration(st, c, id, &s, err)) != 0)
		goto fail;
	if ((rc = load(st, c, id, command, o, err)) != 0)
		goto fail;
	if (!(how & AVS_OPEN_LEGACY) &&
	    ((rc = check_registration(st, c, o, &s, err)) != 0 ||
	    (o->rec->state != AVS_SEALED &&
	    (rc = check_writer(st, c, o, &s, err)) != 0)))
		goto fail;
	if (!(how & (AVS_OPEN_LEGACY | AVS_OPEN_RESEAL)) &&
	    o->rec->state != AVS_SEALED && (rc = not_unsealed(st, o, err)) != 0)
		goto fail;
	if ((how & AVS_OPEN_CHANGE) == AVS_OPEN_CHANGE &&
	    (rc = may_change(o->rec, err)) != 0)
		goto fail;
	if (o->rec->state == AVS_SEALED) {
		o->seal_ok = avs_rec_seal_ok(st, c, o->rec, &o->info,
		    o->seal_why, sizeof(o->seal_why));
		if (!o->seal_ok && !(how & AVS_OPEN_ANY_SEAL)) {
			rc = avs_fail(err, AVS_EINTEGRITY, _("record %s: the "
			    "seal does not verify: %s"), id, o->seal_why);
			goto fail;
		}
	}
	if (!(how & AVS_OPEN_DOC))
		avs_buf_free(&o->doc);
	return 0;
fail:
	clear(o);
	return rc;
}

void
avs_rec_close(struct avs_open *o)
{
	if (o != NULL)
		clear(o);
}

int
avs_rec_writer(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, char out[AVS_FPRLEN + 1],
    struct avs_err *err)
{
	if (r->interviewer.fpr[0] != '\0' &&
	    avs_crypto_has_secret(c, r->interviewer.fpr)) {
		memcpy(out, r->interviewer.fpr, AVS_FPRLEN + 1);
		return avs_store_signer(st, c, out, err);
	}
	return avs_store_hr_key(st, c, NULL, 0, out, err);
}

/* --- writing -------------------------------------------------------------- */

/* Sets of readers whose messages this process has read back. */
static pthread_mutex_t seen_mu = PTHREAD_MUTEX_INITIALIZER;
static char **seen;
static size_t nseen;

static char *
readers_key(const char *const *rcpt, size_t n)
{
	struct avs_buf b = AVS_BUF_INIT;
	char **v = avs_xcalloc(n + 1, sizeof(*v));
	size_t i, j;
	char *t;

	for (i = 0; i < n; i++)
		v[i] = (char *)rcpt[i];
	for (i = 1; i < n; i++)		/* a handful: insertion sort */
		for (j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	for (i = 0; i < n; i++)
		avs_buf_adds(&b, v[i]);
	free(v);
	return avs_buf_take(&b);
}

int
avs_rec_check_readers(struct avs_crypto *c, const char *id,
    const char *const *rcpt, size_t n, const struct avs_buf *cipher,
    int inner, struct avs_err *err)
{
	struct avs_buf back = AVS_BUF_INIT;
	struct avs_decinfo info;
	char *key = readers_key(rcpt, n);
	int known, rc = 0;

	pthread_mutex_lock(&seen_mu);
	known = avs_lookup((const char *const *)seen, key) >= 0;
	pthread_mutex_unlock(&seen_mu);
	if (known)
		goto done;
	/* gpg names the keys a message is to while it decrypts it, also
	 * when the caller holds none of them (a re-encryption for others). */
	rc = inner ? avs_crypto_unwrap(c, cipher->p, cipher->len, &back, &info,
	    err) : avs_crypto_decrypt(c, cipher->p, cipher->len, &back, &info,
	    err);
	if (rc != 0 && !avs_crypto_no_key(c)) {
		rc = avs_fail(err, AVS_ERUN, _("record %s: cannot read back "
		    "what gpg wrote, to check its readers"), id);
		goto done;
	}
	rc = 0;
	if (!avs_crypto_rcpt_match(c, &info, rcpt, n)) {
		rc = avs_fail(err, AVS_EPOLICY, _("record %s: gpg encrypted it "
		    "to other keys than its readers (recipient, "
		    "hidden-recipient, group or encrypt-to in gpg.conf?); "
		    "nothing was written"), id);
		goto done;
	}
	pthread_mutex_lock(&seen_mu);
	if (avs_lookup((const char *const *)seen, key) < 0)
		avs_strv_add(&seen, &nseen, key);
	pthread_mutex_unlock(&seen_mu);
done:
	avs_buf_free(&back);
	free(key);
	return rc;
}

int
avs_rec_encrypt(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, const char *signer, struct avs_buf *plain,
    struct avs_buf *cipher, struct avs_err *err)
{
	const char **rcpt;
	size_t n;
	int rc;

	avs_rec_recipients(st, r, &rcpt, &n);
	if ((rc = avs_store_keys(st, c, rcpt, n, AVS_USE_ENCRYPT, err)) == 0 &&
	    (rc = avs_record_write(r, plain, err)) == 0 &&
	    (rc = avs_crypto_encrypt(c, rcpt, n, signer, plain->p,
	    plain->len, cipher, err)) == 0)
		rc = avs_rec_check_readers(c, r->id, rcpt, n, cipher, 0,
		    err);
	free(rcpt);
	return rc;
}

int
avs_rec_save(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, const char *signer, int flags,
    struct avs_err *err)
{
	struct avs_buf plain = AVS_BUF_INIT, cipher = AVS_BUF_INIT;
	struct avs_meta m;
	int rc;

	if ((rc = avs_rec_encrypt(st, c, r, signer, &plain, &cipher,
	    err)) == 0) {
		avs_meta_of(r, &m);
		rc = avs_store_write_file(st, r->id, &m, &cipher,
		    flags & AVS_SAVE_CREATE, flags & AVS_SAVE_NOSYNC, err);
	}
	avs_buf_free(&plain);
	avs_buf_free(&cipher);
	return rc;
}

int
avs_rec_seal_save(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, struct avs_err *err)
{
	struct avs_buf plain = AVS_BUF_INIT, cipher = AVS_BUF_INIT,
	    back = AVS_BUF_INIT;
	struct avs_seal_stmt s;
	struct avs_decinfo info;
	struct avs_meta m;
	char why[sizeof(err->msg)];
	int rc;

	if ((rc = avs_rec_encrypt(st, c, r, r->seal_by, &plain, &cipher,
	    err)) != 0)
		goto done;
	if ((rc = avs_crypto_decrypt(c, cipher.p, cipher.len, &back, &info,
	    err)) != 0) {
		snprintf(why, sizeof(why), "%s", err->msg);
		rc = avs_fail(err, rc, _("record %s: cannot check the new "
		    "seal: %s"), r->id, why);
		goto done;
	}
	if ((rc = avs_log_access(st, r->id, info.key, "avslut-seal",
	    err)) != 0)
		goto done;
	if (back.len != plain.len || memcmp(back.p, plain.p, plain.len) != 0) {
		rc = avs_fail(err, AVS_EINTEGRITY, _("record %s: the new seal "
		    "does not contain the record as it was signed"), r->id);
		goto done;
	}
	if (!avs_rec_seal_ok(st, c, r, &info, why, sizeof(why))) {
		rc = avs_fail(err, AVS_EINTEGRITY, _("record %s: the new seal "
		    "does not verify: %s"), r->id, why);
		goto done;
	}
	/* The statement first: a crash between the two leaves a statement
	 * without its seal, which sealing again mends; never a seal whose
	 * statement a downgrade need not remove. */
	memset(&s, 0, sizeof(s));
	snprintf(s.id, sizeof(s.id), "%s", r->id);
	snprintf(s.sealed, sizeof(s.sealed), "%s", r->sealed);
	snprintf(s.by, sizeof(s.by), "%s", r->seal_by);
	avs_digest(plain.p, plain.len, s.document);
	if ((rc = avs_ev_write_seal(st, c, r->seal_by, &s, err)) != 0)
		goto done;
	avs_meta_of(r, &m);
	if ((rc = avs_store_write_file(st, r->id, &m, &cipher, 0, 0,
	    err)) != 0)
		(void)avs_ev_remove(st, r->id, AVS_EV_SEAL, 0, NULL);
done:
	avs_buf_free(&plain);
	avs_buf_free(&cipher);
	avs_buf_free(&back);
	return rc;
}

int
avs_rec_rewrap(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, const char *const *rcpt, size_t n,
    struct avs_err *err)
{
	struct avs_buf file = AVS_BUF_INIT, inner = AVS_BUF_INIT,
	    out = AVS_BUF_INIT;
	struct avs_decinfo info;
	struct avs_meta m;
	int rc;

	if ((rc = avs_store_read_file(st, r->id, &file, err)) != 0 ||
	    (rc = avs_crypto_unwrap(c, file.p, file.len, &inner, &info,
	    err)) != 0 ||
	    (rc = avs_log_access(st, r->id, info.key,
	    "avslut-seal --reencrypt", err)) != 0 ||
	    (rc = avs_crypto_wrap(c, rcpt, n, inner.p, inner.len, &out,
	    err)) != 0 ||
	    (rc = avs_rec_check_readers(c, r->id, rcpt, n, &out, 1,
	    err)) != 0)
		goto done;
	avs_meta_of(r, &m);
	rc = avs_store_write_file(st, r->id, &m, &out, 0, 1, err);
done:
	avs_buf_free(&file);
	avs_buf_free(&inner);
	avs_buf_free(&out);
	return rc;
}
