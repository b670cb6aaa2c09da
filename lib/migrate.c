/*
 * migrate.c -- the one-time upgrade of a store made by avslut 0.1, whose
 * config, question sets and records were trusted because they were in
 * the store (avslut-new(1), --migrate).
 *
 * An HR officer, a recipient whose secret key is here, signs the config
 * as it is and pins that key; signs the question sets the store keeps;
 * and gives every record its evidence: an unsealed record its
 * registration block and statement and a new version signed by HR; a
 * sealed record, which must not change, a statement that says its facts
 * are those it was sealed with ("legacy") and a seal statement, signed by
 * HR, that binds its whole document as sealed -- after checking its seal
 * by the rule of 0.1 (a valid signature of its interviewer, a recipient
 * or a sealer).  A record that already has a registration statement is
 * left alone, so an interrupted migration is simply run again.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "evidence.h"
#include "fsio.h"
#include "i18n.h"
#include "migrate.h"
#include "trust.h"
#include "vault.h"

#define CLEAR_BEGIN "-----BEGIN PGP SIGNED MESSAGE-----\n"

/* Sign every question set in DIR/questions/ that is not yet signed. */
static int
sign_qsets(struct avs_store *st, struct avs_crypto *c, const char *signer,
    struct avs_err *err)
{
	struct avs_buf data = AVS_BUF_INIT, sig = AVS_BUF_INIT;
	char *dir = avs_xasprintf("%s/questions", avs_store_dir(st)), *path;
	struct dirent *de;
	size_t len;
	DIR *d;
	int rc = 0;

	if ((d = opendir(dir)) == NULL) {
		rc = errno == ENOENT ? 0 : avs_failerr(err, AVS_ERUN, "%s",
		    dir);
		free(dir);
		return rc;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 6 || strcmp(de->d_name + len - 5, ".yaml") != 0 ||
		    de->d_name[0] == '.')
			continue;
		path = avs_xasprintf("%s/%s", dir, de->d_name);
		if ((rc = avs_read_in(dirfd(d), dir, de->d_name, 1024 * 1024,
		    &data, NULL, err)) == 0 &&
		    (data.len < sizeof(CLEAR_BEGIN) - 1 || memcmp(data.p,
		    CLEAR_BEGIN, sizeof(CLEAR_BEGIN) - 1) != 0) &&
		    (rc = avs_crypto_clearsign(c, signer, data.p, data.len,
		    &sig, err)) == 0)
			rc = avs_atomic_write(dirfd(d), dir, de->d_name, sig.p,
			    sig.len, 0, 0, err);
		free(path);
		avs_buf_reset(&data);
		avs_buf_reset(&sig);
	}
	closedir(d);
	avs_buf_free(&data);
	avs_buf_free(&sig);
	free(dir);
	return rc;
}

static int
outcome(struct avs_outcome *o, enum avs_verdict v, int status,
    const char *why)
{
	o->verdict = v;
	o->status = status;
	snprintf(o->why, sizeof(o->why), "%s", why != NULL ? why : "");
	return status;
}

/* Give record id its evidence (see the top of this file). */
static int
migrate_one(struct avs_store *st, struct avs_crypto *c, const char *signer,
    const char *id, struct avs_outcome *o)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_reg_stmt reg;
	struct avs_seal_stmt seal;
	struct avs_open ro;
	struct avs_record *r;
	int missing, rc;

	memset(o, 0, sizeof(*o));
	if (avs_ev_peek_reg(st, id, &reg, &missing, NULL) == 0 || !missing)
		return outcome(o, AVS_V_CURRENT, 0, NULL);
	if ((rc = avs_rec_open(st, c, id, "avslut-new --migrate",
	    AVS_OPEN_LOCK | AVS_OPEN_LEGACY | AVS_OPEN_ANY_SEAL | AVS_OPEN_DOC,
	    &ro, &err)) != 0)
		return outcome(o, rc == AVS_EINTEGRITY ? AVS_V_FAILED :
		    rc == AVS_EPOLICY ? AVS_V_LOCKED : AVS_V_ERROR, rc,
		    err.msg);
	r = ro.rec;
	if (r->state == AVS_SEALED) {
		if (!ro.seal_ok) {
			rc = outcome(o, AVS_V_FAILED, AVS_EINTEGRITY,
			    ro.seal_why);
			goto done;
		}
		avs_reg_stmt_of(r, &reg);
		memset(&seal, 0, sizeof(seal));
		snprintf(seal.id, sizeof(seal.id), "%s", id);
		snprintf(seal.sealed, sizeof(seal.sealed), "%s", r->sealed);
		snprintf(seal.by, sizeof(seal.by), "%s", r->seal_by);
		avs_digest(ro.doc.p, ro.doc.len, seal.document);
		rc = avs_ev_write_seal(st, c, signer, &seal, &err);
		if (rc == 0)
			rc = avs_ev_write_reg(st, c, signer, &reg, 1, &err);
	} else {
		if ((rc = avs_reg_block_make(r, &err)) != 0)
			goto failed;
		avs_reg_stmt_of(r, &reg);
		if ((rc = avs_ev_write_reg(st, c, signer, &reg, 1, &err)) == 0)
			rc = avs_rec_save(st, c, r, signer, AVS_SAVE_NOSYNC,
			    &err);
		if (rc != 0)
			(void)avs_ev_remove(st, id, AVS_EV_REG, 0, NULL);
	}
failed:
	if (rc != 0)
		outcome(o, rc == AVS_EINTEGRITY ? AVS_V_FAILED : AVS_V_ERROR,
		    rc, err.msg);
	else
		outcome(o, AVS_V_MIGRATED, 0, NULL);
done:
	avs_rec_close(&ro);
	return o->status;
}

int
avs_migrate(struct avs_store *st, struct avs_crypto *c, const char *want,
    void (*each)(const char *id, const struct avs_outcome *o, void *arg),
    void *arg, struct avs_err *err)
{
	const struct avs_config *cfg = avs_store_config(st);
	struct avs_config copy;
	char signer[AVS_FPRLEN + 1], **ids = NULL;
	struct avs_outcome o;
	size_t n, i;
	int rc, worst = 0, again = 0;

	/* The signer: a recipient (it must read every record). */
	if (want != NULL) {
		if (avs_lookup((const char *const *)cfg->recipients, want) < 0)
			return avs_fail(err, AVS_EPOLICY, _("key %s is not a "
			    "recipient of the store: only HR migrates it"),
			    want);
		memcpy(signer, want, AVS_FPRLEN + 1);
	} else {
		for (i = 0; i < cfg->nrecipients; i++)
			if (avs_crypto_has_secret(c, cfg->recipients[i]))
				break;
		if (i == cfg->nrecipients)
			return avs_fail(err, AVS_EPOLICY, "%s", _("migrating "
			    "needs the secret key of a recipient of the store, "
			    "and none is here"));
		memcpy(signer, cfg->recipients[i], AVS_FPRLEN + 1);
	}
	if ((rc = avs_store_signer(st, c, signer, err)) != 0)
		return rc;
	/* In a store whose config is signed, a record without evidence was
	 * not registered by HR: nothing vouches for it, and migrating it
	 * would. */
	if (!avs_store_legacy(st))
		return avs_fail(err, AVS_EPOLICY, "%s", _("the store's config "
		    "is signed: the store is migrated already (a record "
		    "without evidence in it was not registered by HR)"));
	/* The records, then the config signed and the key pinned: until
	 * the last, the store is still 0.1's, and a migration cut short is
	 * run again. */
	if ((rc = sign_qsets(st, c, signer, err)) != 0 ||
	    (rc = avs_store_ids(st, &ids, &n, err)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		worst = avs_worse(worst, migrate_one(st, c, signer, ids[i],
		    &o));
		/* One in use, or a failure that may pass: run again. */
		again |= o.verdict == AVS_V_LOCKED || o.verdict == AVS_V_ERROR;
		if (each != NULL)
			each(ids[i], &o, arg);
	}
	avs_strv_free(ids);
	if ((rc = avs_store_sync(st, err)) != 0)
		return rc;
	if (again)
		return avs_fail(err, worst, "%s", _("some records were not "
		    "migrated; the store stays as it was made until they are: "
		    "run avslut-new --migrate again"));
	avs_config_copy(&copy, cfg);
	rc = avs_store_set_config(st, &copy, c, signer, err);
	avs_config_clear(&copy);
	if (rc != 0 || (rc = avs_pins_add(avs_store_dir(st), signer,
	    err)) != 0)
		return rc;
	return worst != 0 ? avs_fail(err, worst, "%s", _("some records were "
	    "not migrated")) : 0;
}
