/*
 * register.c -- registering interviews, one at a time or from CSV rows.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "policy.h"
#include "register.h"
#include "evidence.h"
#include "yamlio.h"
#include "text.h"
#include "vault.h"

const char *const avs_fact_fields[] = { "name", "title", "workplace", "unit",
    "employed-from", "employed-to", "employment", "reason", "interviewer",
    "role", "date", "questions", "lang", "why", NULL };

struct avs_registrar {
	struct avs_store *st;
	struct avs_crypto *c;
	char signer[AVS_FPRLEN + 1];	/* the registrar's HR key */
	struct avs_qset **sets;
	size_t nsets;
};

int
avs_facts_set(struct avs_facts *f, const char *field, const char *value)
{
	const char **slot[] = { &f->name, &f->title, &f->workplace, &f->unit,
	    &f->from, &f->to, &f->employment, &f->reason, &f->interviewer,
	    &f->role, &f->date, &f->questions, &f->lang, &f->why };
	int i = avs_lookup(avs_fact_fields, field);

	if (i < 0)
		return -1;
	*slot[i] = value;
	return 0;
}

static int
given(const char *s)
{
	return s != NULL && *s != '\0';
}

/* A one-line personal text: never echoed in a message. */
static int
check_text(const char *field, const char *s, int required,
    struct avs_err *err)
{
	int rc;

	if (!given(s))
		return required ? avs_fail(err, AVS_EUSAGE, _("%s: missing"),
		    field) : 0;
	if ((rc = avs_text_check_line(field, s, 200, err)) != 0)
		return rc;
	if (avs_isempty(s))
		return avs_fail(err, AVS_EUSAGE, _("%s: empty"), field);
	return 0;
}

static int
check_enum(const char *field, const char *s, const char *const *values,
    int required, struct avs_err *err)
{
	char jb[256];

	if (!given(s))
		return required ? avs_fail(err, AVS_EUSAGE, _("%s: missing "
		    "(one of %s)"), field, avs_join(values, ", ", jb,
		    sizeof(jb))) : 0;
	if (avs_lookup(values, s) < 0)
		return avs_fail(err, AVS_EUSAGE, _("%s: \"%.40s\" is not one "
		    "of %s"), field, s, avs_join(values, ", ", jb,
		    sizeof(jb)));
	return 0;
}

static int
check_date(const char *field, const char *s, int required,
    struct avs_err *err)
{
	if (!given(s))
		return required ? avs_fail(err, AVS_EUSAGE, _("%s: missing"),
		    field) : 0;
	if (!avs_date_valid(s))
		return avs_fail(err, AVS_EUSAGE, _("%s: \"%.40s\" is not a "
		    "date (YYYY-MM-DD)"), field, s);
	return 0;
}

int
avs_facts_check(const struct avs_facts *f, int declined, struct avs_err *err)
{
	char fpr[AVS_FPRLEN + 1];
	long to;
	int rc;

	if ((rc = check_text("name", f->name, 1, err)) != 0 ||
	    (rc = check_text("title", f->title, 1, err)) != 0 ||
	    (rc = check_text("workplace", f->workplace, 1, err)) != 0 ||
	    (rc = check_text("unit", f->unit, 0, err)) != 0 ||
	    (rc = check_date("employed-from", f->from, 1, err)) != 0 ||
	    (rc = check_date("employed-to", f->to, 1, err)) != 0 ||
	    (rc = check_enum("employment", f->employment,
	    avs_employment_values, 1, err)) != 0 ||
	    (rc = check_enum("reason", f->reason, avs_reason_values, 1,
	    err)) != 0 ||
	    (rc = check_enum("role", f->role, avs_role_values, 0, err)) != 0 ||
	    (rc = check_date("date", f->date, 0, err)) != 0 ||
	    (rc = check_enum("why", f->why, avs_declined_values, declined,
	    err)) != 0)
		return rc;
	if (!given(f->interviewer))
		return avs_fail(err, AVS_EUSAGE, _("interviewer: missing (the "
		    "interviewer's e-mail address or key fingerprint)"));
	if (!avs_config_is_email(f->interviewer) &&
	    avs_fpr_parse(f->interviewer, fpr) != 0)
		return avs_fail(err, AVS_EUSAGE, _("interviewer: \"%.50s\" is "
		    "neither an e-mail address nor a full fingerprint (40 hex "
		    "digits)"), f->interviewer);
	if (strcmp(f->to, f->from) < 0)
		return avs_fail(err, AVS_EUSAGE, _("employed-to %s is before "
		    "employed-from %s"), f->to, f->from);
	if (avs_date_parse(f->to, &to) == 0 && to > avs_today() +
	    AVS_REGISTER_AHEAD)
		return avs_fail(err, AVS_EUSAGE, _("employed-to %s is more than "
		    "a year ahead: a leaver is registered within a year of "
		    "leaving"), f->to);
	if (!declined && given(f->why))
		return avs_fail(err, AVS_EUSAGE, _("why: only for a declined "
		    "offer"));
	return 0;
}

int
avs_registrar_new(struct avs_store *st, struct avs_crypto *c,
    const char *signer, struct avs_registrar **out, struct avs_err *err)
{
	struct avs_registrar *rg = avs_xcalloc(1, sizeof(*rg));
	int rc;

	*out = NULL;
	rg->st = st;
	rg->c = c;
	if ((rc = avs_store_hr_key(st, c, signer, 0, rg->signer, err)) != 0) {
		free(rg);
		return rc;
	}
	*out = rg;
	return 0;
}

void
avs_registrar_free(struct avs_registrar *rg)
{
	size_t i;

	if (rg == NULL)
		return;
	for (i = 0; i < rg->nsets; i++)
		avs_qset_free(rg->sets[i]);
	free(rg->sets);
	free(rg);
}

/* A set given by path goes into the store, signed, and is taken from
 * there, as its records will find it.  The file is read once: it may be
 * a pipe. */
static int
keep_by_path(struct avs_registrar *rg, const char *path,
    struct avs_qset **out, struct avs_err *err)
{
	struct avs_buf data = AVS_BUF_INIT;
	struct avs_qset *qs = NULL;
	int rc;

	if ((rc = avs_yaml_read(path, &avs_ylimits_qset, &data, err)) == 0 &&
	    (rc = avs_qset_parse(path, data.p, data.len, &qs, err)) == 0 &&
	    (rc = avs_store_keep_qset(rg->st, rg->c, rg->signer, &data,
	    qs->name, err)) == 0)
		rc = avs_store_qset(rg->st, rg->c, qs->name, out, err);
	avs_qset_free(qs);
	avs_buf_free(&data);
	return rc;
}

/* Question sets are loaded once per name for a whole import. */
static int
registrar_qset(struct avs_registrar *rg, const char *name,
    struct avs_qset **out, struct avs_err *err)
{
	size_t i;
	int rc;

	if (!given(name))
		name = avs_store_config(rg->st)->questions;
	for (i = 0; i < rg->nsets; i++)
		if (strcmp(rg->sets[i]->name, name) == 0 ||
		    strcmp(rg->sets[i]->file, name) == 0) {
			*out = rg->sets[i];
			return 0;
		}
	if (strchr(name, '/') == NULL)
		rc = avs_store_qset(rg->st, rg->c, name, out, err);
	else
		rc = keep_by_path(rg, name, out, err);
	if (rc != 0)
		return rc;
	rg->sets = avs_xreallocarray(rg->sets, rg->nsets + 1,
	    sizeof(*rg->sets));
	rg->sets[rg->nsets++] = *out;
	return 0;
}

int
avs_registrar_preload(struct avs_registrar *rg, const char *name,
    struct avs_err *err)
{
	struct avs_qset *qs;

	return registrar_qset(rg, name, &qs, err);
}

static char *
dup_or_null(const char *s)
{
	return given(s) ? avs_xstrdup(s) : NULL;
}

static void
fill_record(struct avs_record *r, const struct avs_facts *f,
    const char *fpr, const struct avs_qset *qs, int lang, int declined,
    int eligible)
{
	avs_today_str(r->registered);
	r->state = declined ? AVS_DECLINED : AVS_PLANNED;
	if (given(f->date))
		memcpy(r->interview_date, f->date, AVS_DATELEN + 1);
	r->qset.name = avs_xstrdup(qs->name);
	r->qset.version = qs->version;
	r->qset.digest = avs_xstrdup(qs->digest);
	r->qset.lang = avs_xstrdup(qs->langs[lang]);
	r->emp.name = avs_xstrdup(f->name);
	r->emp.title = dup_or_null(f->title);
	r->emp.workplace = dup_or_null(f->workplace);
	r->emp.unit = dup_or_null(f->unit);
	r->emp.employment = avs_xstrdup(f->employment);
	r->emp.reason = avs_xstrdup(f->reason);
	memcpy(r->emp.from, f->from, AVS_DATELEN + 1);
	memcpy(r->emp.to, f->to, AVS_DATELEN + 1);
	r->interviewer.role = avs_xstrdup(given(f->role) ? f->role :
	    "narmaste-chef");
	memcpy(r->interviewer.fpr, fpr, AVS_FPRLEN + 1);
	r->eligible = eligible;
	r->forced = !eligible;
	if (declined)
		r->declined_why = avs_xstrdup(f->why);
}

int
avs_register(struct avs_registrar *rg, const struct avs_facts *f,
    int declined, int force, int nosync, char id[AVS_IDLEN + 1],
    struct avs_err *err)
{
	struct avs_record *r = NULL;
	struct avs_reg_stmt stmt;
	struct avs_qset *qs;
	const char *fpr;
	char ifpr[AVS_FPRLEN + 1];
	int rc, lang, eligible, tries;

	if ((rc = avs_facts_check(f, declined, err)) != 0)
		return rc;
	/* An interviewer named by address: the signed config's key. */
	if (avs_fpr_parse(f->interviewer, ifpr) != 0 &&
	    (rc = avs_config_interviewer(avs_store_config(rg->st),
	    f->interviewer, ifpr, err)) != 0)
		return rc;
	rc = avs_eligible(avs_store_config(rg->st), f->employment, f->reason,
	    f->from, f->to, err);
	if (rc != 0 && (rc != AVS_EPOLICY || !force))
		return rc;
	eligible = rc == 0;
	if ((rc = registrar_qset(rg, f->questions, &qs, err)) != 0)
		return rc;
	lang = avs_config_lang(avs_store_config(rg->st), qs, f->lang);
	if (lang < 0)
		return avs_fail(err, AVS_EUSAGE, _("lang: question set %s has "
		    "no \"%.10s\" texts"), qs->name, f->lang);
	r = avs_record_new();
	fill_record(r, f, ifpr, qs, lang, declined, eligible);
	fpr = r->interviewer.fpr;
	if ((rc = avs_store_keys(rg->st, rg->c, &fpr, 1, AVS_USE_ENCRYPT,
	    err)) != 0 ||
	    (rc = avs_crypto_key_name(rg->c, fpr, &r->interviewer.name,
	    err)) != 0)
		goto done;
	/* The name is shown to everyone who reads the record: as any text
	 * kept, no control may pass. */
	if (avs_text_control(r->interviewer.name, 0)) {
		rc = avs_fail(err, AVS_EUSAGE, _("interviewer: the key's user id "
		    "contains a control character"));
		goto done;
	}
	if ((rc = avs_store_keep_key(rg->st, rg->c, fpr, err)) != 0)
		goto done;
	/* A new random id; a collision (2^-60) just draws again.  The
	 * registration statement, made only if none is there, takes the
	 * id; then the record is written, signed by the registrar. */
	for (tries = 0; tries < 5; tries++) {
		if (avs_id_new(r->id) != 0) {
			rc = avs_fail(err, AVS_ERUN, _("no randomness for a "
			    "record id"));
			goto done;
		}
		if (avs_store_record_exists(rg->st, r->id))
			continue;
		if ((rc = avs_reg_block_make(r, err)) != 0)
			goto done;
		avs_reg_stmt_of(r, &stmt);
		if ((rc = avs_ev_write_reg(rg->st, rg->c, rg->signer, &stmt, 0,
		    err)) != 0) {
			if (rc == AVS_ERUN && errno == EEXIST)
				continue;
			goto done;
		}
		rc = avs_rec_save(rg->st, rg->c, r, rg->signer,
		    AVS_SAVE_CREATE | (nosync ? AVS_SAVE_NOSYNC : 0), err);
		if (rc != 0)
			(void)avs_ev_remove(rg->st, r->id, AVS_EV_REG, nosync,
			    NULL);
		if (rc == 0 || avs_store_record_exists(rg->st, r->id) == 0)
			break;
	}
	if (rc == 0)
		memcpy(id, r->id, AVS_IDLEN + 1);
done:
	avs_record_free(r);
	return rc;
}
