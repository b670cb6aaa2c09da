/*
 * vault.c -- records with crypto: opening a record (lock, read, decrypt,
 * verify, log, parse, check, state policy, seal rule) and writing one.
 *
 * gpg verifies a signature while it decrypts, so a reader whose keyring
 * lacks the sealer's public key takes it from DIR/keys/ (checked against
 * the fingerprint the record names) and decrypts once more.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "logs.h"
#include "policy.h"
#include "vault.h"

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

int
avs_rec_seal_ok(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, const struct avs_decinfo *info, char *why,
    size_t whylen)
{
	const char *by = r->seal_by;

	if (r->state != AVS_SEALED) {
		snprintf(why, whylen, "%s", _("not sealed"));
		return 0;
	}
	/* The sealer must be one allowed to seal it ... */
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

/* Read, decrypt and parse id into o (no lock, no policy). */
static int
load(struct avs_store *st, struct avs_crypto *c, const char *id,
    const char *command, struct avs_open *o, struct avs_err *err)
{
	struct avs_buf file = AVS_BUF_INIT;
	struct avs_meta m, want;
	char msg[sizeof(err->msg)];
	int rc;

	if ((rc = avs_store_read_file(st, id, &file, err)) != 0 ||
	    (rc = avs_meta_parse(id, file.p, file.len, &m, err)) != 0)
		goto done;
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

/* The record was read but its signature could not be checked for want of
 * the sealer's public key: take it from the store.  1 when it was
 * imported (decrypt again), else 0. */
static int
fetch_sealer_key(struct avs_store *st, struct avs_crypto *c,
    const struct avs_open *o)
{
	char fpr[AVS_FPRLEN + 1];
	const char *p = fpr;

	if (o->rec->state != AVS_SEALED || o->info.sig_good ||
	    o->info.nsigs != 1 || avs_fpr_parse(o->rec->seal_by, fpr) != 0 ||
	    avs_crypto_check_keys(c, &p, 1, AVS_USE_VERIFY, NULL) == 0)
		return 0;
	return avs_store_keys(st, c, &p, 1, AVS_USE_VERIFY, NULL) == 0;
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

int
avs_rec_open(struct avs_store *st, struct avs_crypto *c, const char *id,
    const char *command, int how, struct avs_open *o, struct avs_err *err)
{
	int rc;

	memset(o, 0, sizeof(*o));
	if (!avs_id_valid(id))
		return avs_fail(err, AVS_EUSAGE, _("invalid record id \"%.40s\""),
		    id);
	if ((how & AVS_OPEN_LOCK) &&
	    (rc = avs_store_lock(st, id, 0, 1, &o->lock, err)) != 0)
		goto fail;
	if ((rc = load(st, c, id, command, o, err)) != 0)
		goto fail;
	if (fetch_sealer_key(st, c, o)) {
		avs_record_free(o->rec);
		o->rec = NULL;
		avs_buf_reset(&o->doc);
		if ((rc = load(st, c, id, command, o, err)) != 0)
			goto fail;
	}
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
avs_rec_encrypt(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, const char *signer, struct avs_buf *plain,
    struct avs_buf *cipher, struct avs_err *err)
{
	const char **rcpt;
	size_t n;
	int rc;

	avs_rec_recipients(st, r, &rcpt, &n);
	if ((rc = avs_store_keys(st, c, rcpt, n, AVS_USE_ENCRYPT, err)) == 0 &&
	    (rc = avs_record_write(r, plain, err)) == 0)
		rc = avs_crypto_encrypt(c, rcpt, n, signer, plain->p,
		    plain->len, cipher, err);
	free(rcpt);
	return rc;
}

int
avs_rec_save(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, const char *signer, int create,
    int nosync_dir, struct avs_err *err)
{
	struct avs_buf plain = AVS_BUF_INIT, cipher = AVS_BUF_INIT;
	struct avs_meta m;
	int rc;

	if ((rc = avs_rec_encrypt(st, c, r, signer, &plain, &cipher,
	    err)) == 0) {
		avs_meta_of(r, &m);
		rc = avs_store_write_file(st, r->id, &m, &cipher, create,
		    nosync_dir, err);
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
	if (back.len != plain.len || memcmp(back.p, plain.p, plain.len) != 0)
		rc = avs_fail(err, AVS_EINTEGRITY, _("record %s: the new seal "
		    "does not contain the record as it was signed"), r->id);
	else if (!avs_rec_seal_ok(st, c, r, &info, why, sizeof(why)))
		rc = avs_fail(err, AVS_EINTEGRITY, _("record %s: the new seal "
		    "does not verify: %s"), r->id, why);
	else {
		avs_meta_of(r, &m);
		rc = avs_store_write_file(st, r->id, &m, &cipher, 0, 0, err);
	}
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
