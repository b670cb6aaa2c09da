/*
 * seal.c -- sealing, checking seals and re-encrypting (avslut-seal(1)).
 *
 * Every record is opened through avs_rec_open() (vault.h), which holds
 * the rules for reading and changing a record and for a valid seal.
 * What this file adds:
 *  - a new seal is checked in memory before it replaces the file, so a
 *    seal that does not verify is never written;
 *  - re-encryption never re-signs: a sealed record is checked, then its
 *    signed message is unwrapped and wrapped for the new recipients.  A
 *    record already encrypted to exactly the current keys is left alone,
 *    so a run that was interrupted can simply be run again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "correct.h"
#include "evidence.h"
#include "i18n.h"
#include "interview.h"
#include "ledger.h"
#include "purge.h"
#include "policy.h"
#include "seal.h"
#include "vault.h"

const char *const avs_verdict_names[] = { "skip", "ok", "reencrypted",
    "current", "locked", "unreadable", "FAILED", "error", "migrated",
    NULL };

/* --- sealing ------------------------------------------------------------ */

/* Complete, unless allowed not to be. */
static int
complete(struct avs_store *st, struct avs_crypto *c, const struct avs_record *r,
    int allow_incomplete, struct avs_err *err)
{
	struct avs_qset *qs = NULL;
	char missing[320];
	int rc;

	if (allow_incomplete)
		return 0;
	if ((rc = avs_store_qset(st, c, r->qset.name, &qs, err)) != 0)
		return rc;
	if (avs_iv_missing(r, qs, missing, sizeof(missing)) > 0)
		rc = avs_fail(err, AVS_EPOLICY, _("record %s is incomplete: "
		    "required questions unanswered: %s (seal anyway with "
		    "--allow-incomplete)"), r->id, missing);
	avs_qset_free(qs);
	return rc;
}

/* The sealing key: want, else the interviewer's when its secret key is
 * here.  It must be one the store allows to seal this record. */
static int
choose_sealer(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, const char *want, char by[AVS_FPRLEN + 1],
    struct avs_err *err)
{
	const char *fpr = want;
	int rc;

	if (fpr == NULL) {
		if (!avs_crypto_has_secret(c, r->interviewer.fpr))
			return avs_fail(err, AVS_ERUN, _("record %s: the secret "
			    "key of its interviewer %s is not here; name the "
			    "sealing key with --local-user"), r->id,
			    r->interviewer.fpr);
		fpr = r->interviewer.fpr;
	}
	if (!avs_may_seal(avs_store_config(st), r, fpr))
		return avs_fail(err, AVS_EPOLICY, _("key %s may not seal record "
		    "%s: it belongs neither to the interviewer nor to a "
		    "recipient or sealer of the store"), fpr, r->id);
	if ((rc = avs_store_signer(st, c, fpr, err)) != 0)
		return rc;
	memcpy(by, fpr, AVS_FPRLEN + 1);
	return 0;
}

int
avs_seal(struct avs_store *st, struct avs_crypto *c, const char *id,
    const struct avs_seal_opts *o, char by[AVS_FPRLEN + 1],
    struct avs_err *err)
{
	struct avs_open ro;
	struct avs_record *r;
	int rc;

	if ((rc = avs_rec_open(st, c, id, "avslut-seal",
	    AVS_OPEN_CHANGE | AVS_OPEN_RESEAL, &ro, err)) != 0)
		return rc;
	r = ro.rec;
	if ((rc = complete(st, c, r, o->allow_incomplete, err)) != 0 ||
	    (rc = choose_sealer(st, c, r, o->sealer, by, err)) != 0)
		goto done;
	r->state = AVS_SEALED;
	avs_today_str(r->sealed);
	avs_sfree(r->seal_by);
	r->seal_by = avs_xstrdup(by);
	r->employee_reviewed = o->employee_reviewed;
	rc = avs_rec_seal_save(st, c, r, err);
done:
	avs_rec_close(&ro);
	return rc;
}

/* --- checking and re-encrypting ------------------------------------------ */

/* msg without a leading "record ID" (and ": "), which the caller's line
 * already names; the whole message when it does not start so. */
static const char *
without_id(const char *id, const char *msg)
{
	char prefix[64];
	size_t n;

	/* TRANSLATORS: must be how the other "record %s ..." messages
	 * begin. */
	snprintf(prefix, sizeof(prefix), _("record %s"), id);
	n = strlen(prefix);
	if (strncmp(msg, prefix, n) != 0)
		return msg;
	if (msg[n] == ':' && msg[n + 1] == ' ')
		return msg + n + 2;
	if (msg[n] == ' ')
		return msg + n + 1;
	return msg;
}

static int
outcome(struct avs_outcome *o, enum avs_verdict v, int status,
    const char *id, const char *why)
{
	o->verdict = v;
	o->status = status;
	snprintf(o->why, sizeof(o->why), "%s", why != NULL ?
	    without_id(id, why) : "");
	return status;
}

/* Open id for command; on failure fill o and return its status. */
static int
open_for(struct avs_store *st, struct avs_crypto *c, const char *id,
    const char *command, int how, struct avs_open *ro, struct avs_outcome *o)
{
	struct avs_err err = AVS_ERR_INIT;
	int rc;

	if ((rc = avs_rec_open(st, c, id, command, how | AVS_OPEN_ANY_SEAL, ro,
	    &err)) == 0)
		return 0;
	if (rc == AVS_ERUN && avs_crypto_no_key(c))
		return outcome(o, AVS_V_UNREADABLE, rc, id, err.msg);
	if (rc == AVS_EPOLICY)	/* in use: only with the lock */
		return outcome(o, AVS_V_LOCKED, rc, id, err.msg);
	return outcome(o, rc == AVS_EINTEGRITY ? AVS_V_FAILED : AVS_V_ERROR,
	    rc, id, err.msg);
}

/* A corrected record: undoing its corrections gives back the document
 * its seal statement names, and the current one is as it is written. */
static int
corrected_holds(const struct avs_open *ro, const struct avs_seal_stmt *s,
    const char *digest, struct avs_outcome *out, char *why, size_t whylen)
{
	struct avs_err err = AVS_ERR_INIT;
	char (*chain)[AVS_DIGESTLEN];
	size_t n = ro->rec->ncorrections, i, from;
	int ok;

	if (avs_correct_chain(ro->rec, &chain, &err) != 0) {
		snprintf(why, whylen, "%.280s", err.msg);
		return 0;
	}
	ok = strcmp(s->by, ro->rec->seal_by) == 0 &&
	    strcmp(s->sealed, ro->rec->sealed) == 0 &&
	    strcmp(s->document, chain[0]) == 0 &&
	    strcmp(chain[n], digest) == 0;
	if (!ok)
		snprintf(why, whylen, "%s", _("undoing its corrections does "
		    "not give back the document its seal statement names"));
	from = n > AVS_EARLIER ? n - AVS_EARLIER : 0;
	for (i = from; ok && i < n; i++)
		snprintf(out->earlier[out->nearlier++], sizeof(out->earlier[0]),
		    "%s", chain[i]);
	free(chain);
	return ok;
}

/* A sealed record's seal statement: signed by its sealer (or by HR, who
 * attested a migrated seal), for exactly this document. */
static int
statement_holds(struct avs_store *st, struct avs_crypto *c,
    const struct avs_open *ro, struct avs_outcome *out, char *why,
    size_t whylen)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_seal_stmt s;
	const char *const *hr, **allowed;
	char signer[AVS_FPRLEN + 1], digest[AVS_DIGESTLEN];
	size_t n;
	int missing, rc;

	hr = avs_store_hr(st, &n);
	allowed = avs_xcalloc(n + 2, sizeof(*allowed));
	memcpy(allowed, hr, n * sizeof(*allowed));
	allowed[n++] = ro->rec->seal_by;
	rc = avs_ev_read_seal(st, c, ro->rec->id, (char *const *)allowed, n,
	    &s, signer, &missing, &err);
	free(allowed);
	if (rc != 0) {
		if (missing)
			snprintf(why, whylen, _("it has no seal statement "
			    "(evidence/%s.seal)"), ro->rec->id);
		else
			snprintf(why, whylen, "%.280s", err.msg);
		return 0;
	}
	avs_digest(ro->doc.p, ro->doc.len, digest);
	snprintf(out->digest, sizeof(out->digest), "%s", digest);
	if (ro->rec->ncorrections > 0)
		return corrected_holds(ro, &s, digest, out, why, whylen);
	if (strcmp(s.by, ro->rec->seal_by) != 0 ||
	    strcmp(s.sealed, ro->rec->sealed) != 0 ||
	    strcmp(s.document, digest) != 0) {
		snprintf(why, whylen, "%s", _("it is not the document its seal "
		    "statement names"));
		return 0;
	}
	return 1;
}

int
avs_seal_verify(struct avs_store *st, struct avs_crypto *c, const char *id,
    int named, int reader, struct avs_outcome *o)
{
	struct avs_open ro;
	struct avs_meta m;
	char why[300];

	memset(o, 0, sizeof(*o));
	if (open_for(st, c, id, "avslut-seal --verify", AVS_OPEN_DOC, &ro,
	    o) != 0) {
		/* A record a store recipient cannot read was hidden from
		 * HR; for anyone else, whether a record one cannot read is
		 * sealed, only its header can tell. */
		if (o->verdict == AVS_V_UNREADABLE && reader)
			outcome(o, AVS_V_FAILED, AVS_EINTEGRITY, id,
			    _("no recipient of the store can read it"));
		else if (o->verdict == AVS_V_UNREADABLE && !named &&
		    (avs_meta_read(st, id, &m, NULL) != 0 ||
		    m.state != AVS_SEALED))
			outcome(o, AVS_V_SKIP, 0, id, NULL);
		return o->status;
	}
	/* (One that is not sealed, and has a seal statement, does not
	 * open: avs_rec_open().) */
	if (ro.rec->state != AVS_SEALED)
		outcome(o, named ? AVS_V_FAILED : AVS_V_SKIP,
		    named ? AVS_EINTEGRITY : 0, id, named ? _("not sealed") :
		    NULL);
	else if (!ro.seal_ok)
		outcome(o, AVS_V_FAILED, AVS_EINTEGRITY, id, ro.seal_why);
	else if (!statement_holds(st, c, &ro, o, why, sizeof(why)))
		outcome(o, AVS_V_FAILED, AVS_EINTEGRITY, id, why);
	else
		outcome(o, AVS_V_OK, 0, id, NULL);
	avs_rec_close(&ro);
	return o->status;
}

int
avs_seal_verify_gone(struct avs_store *st, const char *id,
    struct avs_outcome *o)
{
	struct avs_err err = AVS_ERR_INIT;
	int found;

	memset(o, 0, sizeof(*o));
	if (avs_store_record_exists(st, id))
		return outcome(o, AVS_V_SKIP, 0, id, NULL);
	if (avs_purge_logged(st, id, &found, &err) != 0)
		return outcome(o, AVS_V_ERROR, err.status, id, err.msg);
	if (found)	/* discarded; purge removes what it left */
		return outcome(o, AVS_V_SKIP, 0, id, NULL);
	return outcome(o, AVS_V_FAILED, AVS_EINTEGRITY, id, _("it is gone: "
	    "its registration statement is here, the record is not, and the "
	    "purge log does not say it was discarded"));
}

int
avs_seal_reader(struct avs_store *st, struct avs_crypto *c)
{
	const struct avs_config *cfg = avs_store_config(st);
	size_t i;

	for (i = 0; i < cfg->nrecipients; i++)
		if (avs_crypto_has_secret(c, cfg->recipients[i]))
			return 1;
	return 0;
}

/* A record the ledger saw at the last run, and of which nothing is left:
 * discarded by purge, or gone without a trace. */
static void
vanished(struct avs_store *st, const char *id, struct avs_outcome *o)
{
	struct avs_err err = AVS_ERR_INIT;
	int found;

	memset(o, 0, sizeof(*o));
	if (avs_purge_logged(st, id, &found, &err) != 0)
		outcome(o, AVS_V_ERROR, err.status, id, err.msg);
	else if (!found)
		outcome(o, AVS_V_FAILED, AVS_EINTEGRITY, id, _("it is gone "
		    "without a trace: it was here at the last check, and the "
		    "purge log does not say it was discarded"));
}

/* Was sum the document of o before its later corrections? */
static int
earlier(const struct avs_outcome *o, const char *sum)
{
	size_t i;

	for (i = 0; i < o->nearlier; i++)
		if (strcmp(o->earlier[i], sum) == 0)
			return 1;
	return 0;
}

int
avs_seal_verify_all(struct avs_store *st, struct avs_crypto *c,
    void (*each)(const char *id, const struct avs_outcome *o, void *arg),
    void *arg, struct avs_err *err)
{
	struct avs_ledger *l = NULL;
	struct avs_outcome o;
	struct avs_meta m;
	char **ids = NULL, **ev = NULL, *const *seen, why[200];
	const char *sum;
	size_t n, nev, i;
	int rc, hr = avs_seal_reader(st, c), was, gone;

	if ((rc = avs_store_ids(st, &ids, &n, err)) != 0 ||
	    (rc = avs_ev_ids(st, &ev, &nev, err)) != 0 ||
	    (rc = avs_ledger_load(avs_store_dir(st), &l, err)) != 0)
		goto done;
	for (i = 0; i < n; i++) {
		avs_seal_verify(st, c, ids[i], 0, hr, &o);
		was = avs_ledger_state(l, ids[i]);
		sum = avs_ledger_digest(l, ids[i]);
		if (avs_meta_read(st, ids[i], &m, NULL) == 0) {
			/* Sealed once, sealed for ever, and the same: the
			 * ledger keeps it so until the record is gone. */
			gone = was == AVS_SEALED && m.state != AVS_SEALED;
			if (gone && o.verdict != AVS_V_FAILED) {
				snprintf(why, sizeof(why), _("it was sealed at "
				    "the last check, and is %s now"),
				    avs_state_names[m.state]);
				outcome(&o, AVS_V_FAILED, AVS_EINTEGRITY,
				    ids[i], why);
			} else if (o.verdict == AVS_V_OK && sum != NULL &&
			    strcmp(sum, o.digest) != 0 && !earlier(&o, sum))
				outcome(&o, AVS_V_FAILED, AVS_EINTEGRITY,
				    ids[i], _("it is not the document that was "
				    "sealed at the last check"));
			/* What failed teaches the ledger nothing. */
			if (o.verdict == AVS_V_FAILED ||
			    o.verdict == AVS_V_ERROR) {
				if (was >= 0)
					avs_ledger_note(l, ids[i],
					    (enum avs_state)was, sum);
			} else
				avs_ledger_note(l, ids[i], gone ? AVS_SEALED :
				    m.state, o.verdict == AVS_V_OK ? o.digest :
				    NULL);
		}
		each(ids[i], &o, arg);
	}
	for (i = 0; i < nev; i++) {
		avs_seal_verify_gone(st, ev[i], &o);
		each(ev[i], &o, arg);
	}
	for (seen = avs_ledger_ids(l); *seen != NULL; seen++)
		if (avs_lookup((const char *const *)ids, *seen) < 0 &&
		    avs_lookup((const char *const *)ev, *seen) < 0) {
			vanished(st, *seen, &o);
			each(*seen, &o, arg);
		}
	rc = avs_ledger_save(l, err);
done:
	avs_ledger_free(l);
	avs_strv_free(ids);
	avs_strv_free(ev);
	return rc;
}

int
avs_seal_reencrypt(struct avs_store *st, struct avs_crypto *c,
    const char *id, struct avs_outcome *o)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_open ro;
	const char **rcpt = NULL;
	size_t n;
	int rc;

	memset(o, 0, sizeof(*o));
	if (open_for(st, c, id, "avslut-seal --reencrypt", AVS_OPEN_LOCK, &ro,
	    o) != 0)
		return o->status;
	if (ro.rec->state == AVS_SEALED && !ro.seal_ok) {
		snprintf(err.msg, sizeof(err.msg), _("the seal does not verify "
		    "(%s); left as it is"), ro.seal_why);
		outcome(o, AVS_V_FAILED, AVS_EINTEGRITY, id, err.msg);
		goto done;
	}
	avs_rec_recipients(st, ro.rec, &rcpt, &n);
	rc = avs_store_keys(st, c, rcpt, n, AVS_USE_ENCRYPT, &err);
	if (rc == 0 && avs_crypto_rcpt_match(c, &ro.info, rcpt, n)) {
		outcome(o, AVS_V_CURRENT, 0, id, NULL);
		goto done;
	}
	/* Only the encryption is replaced: every version of a record keeps
	 * its writer's signature, a sealed one its seal. */
	if (rc == 0)
		rc = avs_rec_rewrap(st, c, ro.rec, rcpt, n, &err);
	if (rc != 0)
		outcome(o, rc == AVS_EINTEGRITY ? AVS_V_FAILED : AVS_V_ERROR,
		    rc, id, err.msg);
	else
		outcome(o, AVS_V_REENCRYPTED, 0, id, NULL);
done:
	free(rcpt);
	avs_rec_close(&ro);
	return o->status;
}

/* --- recipients ----------------------------------------------------------- */

int
avs_seal_set_recipients(struct avs_store *st, struct avs_crypto *c,
    const char *governor, char *const *fprs, size_t n, struct avs_err *err)
{
	struct avs_config cfg;
	char signer[AVS_FPRLEN + 1], **old;
	size_t i;
	int rc;

	if (n == 0)
		return avs_fail(err, AVS_EUSAGE, _("at least one recipient is "
		    "needed"));
	if ((rc = avs_store_keys(st, c, (const char *const *)fprs, n,
	    AVS_USE_ENCRYPT, err)) != 0 ||
	    (rc = avs_store_hr_key(st, c, governor, 1, signer, err)) != 0)
		return rc;
	avs_config_copy(&cfg, avs_store_config(st));
	old = cfg.recipients;
	cfg.recipients = NULL;
	cfg.nrecipients = 0;
	for (i = 0; i < n; i++)
		avs_strv_add(&cfg.recipients, &cfg.nrecipients, fprs[i]);
	/* A former recipient may have sealed records: its seals stay
	 * valid. */
	for (i = 0; old[i] != NULL; i++)
		if (avs_lookup((const char *const *)fprs, old[i]) < 0 &&
		    avs_lookup((const char *const *)cfg.sealers, old[i]) < 0)
			avs_strv_add(&cfg.sealers, &cfg.nsealers, old[i]);
	avs_strv_free(old);
	rc = avs_store_set_config(st, &cfg, c, signer, err);
	avs_config_clear(&cfg);
	return rc;
}
