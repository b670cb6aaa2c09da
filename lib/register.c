/*
 * register.c -- registering interviews, one at a time or from CSV rows.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "correct.h"
#include "i18n.h"
#include "index.h"
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

/* The facts of f into r (strings copied: f may point into r). */
static void
put_facts(struct avs_record *r, const struct avs_facts *f, int declined,
    int eligible)
{
	char *s[] = { avs_xstrdup(f->name), dup_or_null(f->title),
	    dup_or_null(f->workplace), dup_or_null(f->unit),
	    avs_xstrdup(f->employment), avs_xstrdup(f->reason),
	    avs_xstrdup(given(f->role) ? f->role : "narmaste-chef"),
	    declined ? avs_xstrdup(f->why) : NULL };
	char date[AVS_DATELEN + 1] = "", from[AVS_DATELEN + 1],
	    to[AVS_DATELEN + 1], fpr[AVS_FPRLEN + 1];

	if (given(f->date))
		memcpy(date, f->date, AVS_DATELEN + 1);
	memcpy(from, f->from, AVS_DATELEN + 1);
	memcpy(to, f->to, AVS_DATELEN + 1);
	avs_fpr_parse(f->interviewer, fpr);
	avs_sfree(r->emp.name);
	avs_sfree(r->emp.title);
	avs_sfree(r->emp.workplace);
	avs_sfree(r->emp.unit);
	avs_sfree(r->emp.employment);
	avs_sfree(r->emp.reason);
	avs_sfree(r->interviewer.role);
	avs_sfree(r->declined_why);
	r->emp.name = s[0];
	r->emp.title = s[1];
	r->emp.workplace = s[2];
	r->emp.unit = s[3];
	r->emp.employment = s[4];
	r->emp.reason = s[5];
	r->interviewer.role = s[6];
	r->declined_why = s[7];
	memcpy(r->interview_date, date, sizeof(date));
	memcpy(r->emp.from, from, sizeof(from));
	memcpy(r->emp.to, to, sizeof(to));
	memcpy(r->interviewer.fpr, fpr, sizeof(fpr));
	r->eligible = eligible;
	r->forced = !eligible;
}

/* The question set and language of f (given or the store's) into r. */
static int
put_qset(struct avs_registrar *rg, struct avs_record *r,
    const struct avs_facts *f, struct avs_err *err)
{
	struct avs_qset *qs;
	int rc, lang;

	if ((rc = registrar_qset(rg, f->questions, &qs, err)) != 0)
		return rc;
	lang = avs_config_lang(avs_store_config(rg->st), qs, f->lang);
	if (lang < 0)
		return avs_fail(err, AVS_EUSAGE, _("lang: question set %s has "
		    "no \"%.10s\" texts"), qs->name, f->lang);
	avs_sfree(r->qset.name);
	avs_sfree(r->qset.digest);
	avs_sfree(r->qset.lang);
	r->qset.name = avs_xstrdup(qs->name);
	r->qset.version = qs->version;
	r->qset.digest = avs_xstrdup(qs->digest);
	r->qset.lang = avs_xstrdup(qs->langs[lang]);
	return 0;
}

/* The interviewer fpr: its public key usable and kept in the store, its
 * name (malloc'd) from the key's user id. */
static int
interviewer_key(struct avs_registrar *rg, const char *fpr, char **name,
    struct avs_err *err)
{
	int rc;

	*name = NULL;
	if ((rc = avs_store_keys(rg->st, rg->c, &fpr, 1, AVS_USE_ENCRYPT,
	    err)) != 0 ||
	    (rc = avs_crypto_key_name(rg->c, fpr, name, err)) != 0)
		return rc;
	/* The name is shown to everyone who reads the record: as any text
	 * kept, no control may pass. */
	if (avs_text_control(*name, 0))
		return avs_fail(err, AVS_EUSAGE, _("interviewer: the key's user "
		    "id contains a control character"));
	return avs_store_keep_key(rg->st, rg->c, fpr, err);
}

/* The checks of a registration, for a new record and an amended one:
 * the facts, the interviewer (an address: the signed config's key, into
 * fpr), then eligibility (AVS_EPOLICY unless force). */
static int
registrable(struct avs_registrar *rg, const struct avs_facts *f,
    int declined, int force, int *eligible, char fpr[AVS_FPRLEN + 1],
    struct avs_err *err)
{
	int rc;

	if ((rc = avs_facts_check(f, declined, err)) != 0)
		return rc;
	if (avs_fpr_parse(f->interviewer, fpr) != 0 &&
	    (rc = avs_config_interviewer(avs_store_config(rg->st),
	    f->interviewer, fpr, err)) != 0)
		return rc;
	rc = avs_eligible(avs_store_config(rg->st), f->employment, f->reason,
	    f->from, f->to, err);
	if (rc != 0 && (rc != AVS_EPOLICY || !force))
		return rc;
	*eligible = rc == 0;
	return 0;
}

/* A new record of the facts f, checked, with its question set and its
 * interviewer's key; no id yet. */
static int
build(struct avs_registrar *rg, const struct avs_facts *f, int declined,
    int force, struct avs_record **out, struct avs_err *err)
{
	struct avs_record *r;
	struct avs_facts g = *f;
	char fpr[AVS_FPRLEN + 1];
	int rc, eligible;

	*out = NULL;
	if ((rc = registrable(rg, f, declined, force, &eligible, fpr,
	    err)) != 0)
		return rc;
	g.interviewer = fpr;
	r = avs_record_new();
	avs_today_str(r->registered);
	r->state = declined ? AVS_DECLINED : AVS_PLANNED;
	put_facts(r, &g, declined, eligible);
	if ((rc = put_qset(rg, r, &g, err)) != 0 ||
	    (rc = interviewer_key(rg, r->interviewer.fpr, &r->interviewer.name,
	    err)) != 0) {
		avs_record_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

/* A new random id for r, taken by neither a record nor a registration
 * statement; a collision (2^-60) just draws again. */
static int
new_id(struct avs_registrar *rg, struct avs_record *r, struct avs_err *err)
{
	struct avs_reg_stmt taken;
	int tries, missing;

	for (tries = 0; tries < 5; tries++) {
		if (avs_id_new(r->id) != 0)
			break;
		if (!avs_store_record_exists(rg->st, r->id) &&
		    avs_ev_peek_reg(rg->st, r->id, &taken, &missing,
		    NULL) != 0 && missing)
			return 0;
	}
	return avs_fail(err, AVS_ERUN, _("no randomness for a record id"));
}

int
avs_register(struct avs_registrar *rg, const struct avs_facts *f,
    int declined, int force, int nosync, char id[AVS_IDLEN + 1],
    struct avs_err *err)
{
	struct avs_record *r = NULL;
	struct avs_reg_stmt stmt;
	int rc, tries;

	if ((rc = build(rg, f, declined, force, &r, err)) != 0)
		return rc;
	/* The registration statement, made only if none is there, takes
	 * the id; then the record is written, signed by the registrar. */
	for (tries = 0; tries < 5; tries++) {
		if ((rc = new_id(rg, r, err)) != 0 ||
		    (rc = avs_reg_block_make(r, err)) != 0)
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

int
avs_register_prepare(struct avs_registrar *rg, struct avs_crypto *enc,
    const char *batch, const struct avs_facts *f, int declined, int force,
    struct avs_prepared *p, struct avs_err *err)
{
	struct avs_buf plain = AVS_BUF_INIT;
	struct avs_record *r = NULL;
	struct avs_reg_stmt stmt;
	int rc;

	memset(p, 0, sizeof(*p));
	if ((rc = build(rg, f, declined, force, &r, err)) != 0)
		return rc;
	/* The first version unsigned: the batch statement binds it. */
	if ((rc = new_id(rg, r, err)) == 0 &&
	    (rc = avs_reg_block_make(r, err)) == 0 &&
	    (rc = avs_rec_encrypt(rg->st, enc, r, NULL, &plain, &p->cipher,
	    err)) == 0) {
		avs_reg_stmt_of(r, &stmt);
		avs_digest(plain.p, plain.len, stmt.document);
		snprintf(stmt.batch, sizeof(stmt.batch), "%s", batch);
		if ((rc = avs_ev_text(&stmt, NULL, &p->stmt, err)) == 0) {
			memcpy(p->id, r->id, AVS_IDLEN + 1);
			avs_meta_of(r, &p->meta);
		}
	}
	avs_buf_free(&plain);
	avs_record_free(r);
	if (rc != 0) {
		avs_buf_free(&p->stmt);
		avs_buf_free(&p->cipher);
	}
	return rc;
}

const char *
avs_registrar_key(const struct avs_registrar *rg)
{
	return rg->signer;
}

struct avs_store *
avs_registrar_store(const struct avs_registrar *rg)
{
	return rg->st;
}

int
avs_registrar_interviewer(struct avs_registrar *rg, const char *given,
    char fpr[AVS_FPRLEN + 1])
{
	if (given == NULL || *given == '\0')
		return -1;
	if (avs_fpr_parse(given, fpr) == 0)
		return 0;
	return avs_config_interviewer(avs_store_config(rg->st), given, fpr,
	    NULL) == 0 ? 0 : -1;
}

/* --- amending ------------------------------------------------------------ */

/* The slots of f, in the order of avs_fact_fields. */
static void
fact_slots(struct avs_facts *f, const char **slot[])
{
	const char **v[] = { &f->name, &f->title, &f->workplace, &f->unit,
	    &f->from, &f->to, &f->employment, &f->reason, &f->interviewer,
	    &f->role, &f->date, &f->questions, &f->lang, &f->why };

	memcpy(slot, v, sizeof(v));
}

/* r's registered facts, overlaid with what in gives. */
static void
facts_of(const struct avs_record *r, const struct avs_facts *in,
    struct avs_facts *f)
{
	const char **to[14], **from[14];
	struct avs_facts g = *in;
	size_t i;

	memset(f, 0, sizeof(*f));
	f->name = r->emp.name;
	f->title = r->emp.title;
	f->workplace = r->emp.workplace;
	f->unit = r->emp.unit;
	f->from = r->emp.from;
	f->to = r->emp.to;
	f->employment = r->emp.employment;
	f->reason = r->emp.reason;
	f->interviewer = r->interviewer.fpr;
	f->role = r->interviewer.role;
	f->date = r->interview_date;
	f->why = r->declined_why;
	fact_slots(f, to);
	fact_slots(&g, from);
	for (i = 0; i < 14; i++)
		if (*from[i] != NULL)
			*to[i] = *from[i];
}

/* Before its seal: registered again, as at first, under the same id and
 * date; a new registration block and statement, signed by the
 * registrar; encrypted to the readers of the facts as they are now. */
static int
reregister(struct avs_registrar *rg, struct avs_record *r,
    const struct avs_facts *f, int eligible, struct avs_err *err)
{
	struct avs_err ignored = AVS_ERR_INIT;
	struct avs_buf before = AVS_BUF_INIT;
	struct avs_reg_stmt stmt;
	char *name = NULL, fpr[AVS_FPRLEN + 1];
	int rc;

	if ((given(f->questions) || given(f->lang)) &&
	    (r->state != AVS_PLANNED || r->nanswers > 0))
		return avs_fail(err, AVS_EPOLICY, _("record %s has answers "
		    "or is declined: its question set and language cannot "
		    "change"), r->id);
	if ((given(f->questions) || given(f->lang)) &&
	    (rc = put_qset(rg, r, f, err)) != 0)
		return rc;
	avs_fpr_parse(f->interviewer, fpr);
	if ((rc = interviewer_key(rg, fpr, &name, err)) != 0) {
		avs_sfree(name);
		return rc;
	}
	put_facts(r, f, r->state == AVS_DECLINED, eligible);
	avs_sfree(r->interviewer.name);
	r->interviewer.name = name;
	avs_sfree(r->registration);
	r->registration = NULL;
	if ((rc = avs_ev_read_reg_file(rg->st, r->id, &before, err)) != 0 ||
	    (rc = avs_reg_block_make(r, err)) != 0)
		goto done;
	avs_reg_stmt_of(r, &stmt);
	if ((rc = avs_ev_write_reg(rg->st, rg->c, rg->signer, &stmt, 1,
	    err)) != 0)
		goto done;
	if ((rc = avs_rec_save(rg->st, rg->c, r, rg->signer, 0, err)) != 0)
		/* The record is as it was: so is its statement, byte for
		 * byte (a batched one is bound by its batch). */
		(void)avs_ev_put_reg_file(rg->st, r->id, &before, 0, 0,
		    &ignored);
done:
	avs_buf_free(&before);
	return rc;
}

/* After its seal: each changed fact a correction in the record, which
 * the corrector seals again (correct.h). */
static int
correct_sealed(struct avs_registrar *rg, struct avs_record *r,
    const struct avs_facts *f, int eligible, int *changed,
    struct avs_err *err)
{
	static const char *const facts[] = { "name", "title", "workplace",
	    "unit", "employed-from", "employed-to", "employment", "reason",
	    "interviewer", "role", "date" };
	const char *v[] = { f->name, f->title, f->workplace, f->unit, f->from,
	    f->to, f->employment, f->reason, NULL, f->role, f->date };
	char fpr[AVS_FPRLEN + 1], *name = NULL;
	size_t i;
	int rc;

	if (given(f->questions) || given(f->lang))
		return avs_fail(err, AVS_EPOLICY, _("record %s is sealed: its "
		    "question set and language cannot change"), r->id);
	if (!avs_may_correct(avs_store_config(rg->st), rg->signer))
		return avs_fail(err, AVS_EPOLICY, _("key %s may not correct "
		    "the sealed record %s: only a recipient or sealer of the "
		    "store may"), rg->signer, r->id);
	avs_fpr_parse(f->interviewer, fpr);
	v[8] = fpr;
	if (strcmp(fpr, r->interviewer.fpr) != 0 &&
	    (rc = interviewer_key(rg, fpr, &name, err)) != 0) {
		avs_sfree(name);
		return rc;
	}
	*changed = 0;
	for (i = 0; i < sizeof(facts) / sizeof(facts[0]); i++)
		*changed += avs_correct(r, facts[i], i == 9 && !given(v[i]) ?
		    "narmaste-chef" : v[i], rg->signer);
	if (name != NULL)
		*changed += avs_correct(r, "interviewer-name", name,
		    rg->signer);
	avs_sfree(name);
	*changed += avs_correct(r, "eligible", eligible ? "true" : "false",
	    rg->signer);
	*changed += avs_correct(r, "forced", eligible ? "false" : "true",
	    rg->signer);
	if (*changed == 0)
		return 0;
	return avs_rec_save(rg->st, rg->c, r, rg->signer, 0, err);
}

/* The report index's bucket that held the record as it was: a declined
 * record's month moves with its end of employment, and a purge deletes
 * only the bucket of the month it has now.  Dropped under its lock, as
 * purge drops it; the next report writes it anew. */
static int
drop_bucket(struct avs_store *st, const struct avs_meta *was,
    struct avs_err *err)
{
	struct avs_lock *lk;
	int rc;

	if (was->state != AVS_SEALED && was->state != AVS_DECLINED)
		return 0;
	if ((rc = avs_ix_lock(st, was->since, &lk, err)) != 0)
		return rc;
	rc = avs_ix_drop(st, was->since, err);
	avs_unlock(lk, 0);
	return rc;
}

int
avs_amend(struct avs_registrar *rg, const char *id,
    const struct avs_facts *in, int force, struct avs_amended *a,
    struct avs_err *err)
{
	struct avs_facts f;
	struct avs_open o;
	struct avs_meta before;
	char fpr[AVS_FPRLEN + 1];
	int rc, eligible, changed = 0;

	memset(a, 0, sizeof(*a));
	if ((rc = avs_rec_open(rg->st, rg->c, id, "avslut-new --amend",
	    AVS_OPEN_LOCK, &o, err)) != 0)
		return rc;
	if (o.rec->registration == NULL) {
		rc = avs_fail(err, AVS_EPOLICY, _("record %s was made by an "
		    "earlier avslut and has no registration: it cannot be "
		    "amended"), id);
		goto done;
	}
	avs_meta_of(o.rec, &before);
	facts_of(o.rec, in, &f);
	/* The facts point into the record, which the writers change: they
	 * are checked first, and put_facts() copies before it frees. */
	if ((rc = registrable(rg, &f, o.rec->state == AVS_DECLINED, force,
	    &eligible, fpr, err)) != 0) {
		a->ineligible = rc == AVS_EPOLICY;
		goto done;
	}
	f.interviewer = fpr;
	if (o.rec->state == AVS_SEALED) {
		struct avs_facts g = f;
		char *s[] = { avs_xstrdup(f.name), dup_or_null(f.title),
		    dup_or_null(f.workplace), dup_or_null(f.unit),
		    avs_xstrdup(f.from), avs_xstrdup(f.to),
		    avs_xstrdup(f.employment), avs_xstrdup(f.reason),
		    avs_xstrdup(f.interviewer), dup_or_null(f.role),
		    dup_or_null(f.date) };
		size_t i;

		g.name = s[0]; g.title = s[1]; g.workplace = s[2];
		g.unit = s[3]; g.from = s[4]; g.to = s[5];
		g.employment = s[6]; g.reason = s[7]; g.interviewer = s[8];
		g.role = s[9]; g.date = s[10];
		rc = correct_sealed(rg, o.rec, &g, eligible, &changed, err);
		for (i = 0; i < sizeof(s) / sizeof(s[0]); i++)
			avs_sfree(s[i]);
		a->sealed = 1;
		a->corrections = changed;
	} else
		rc = reregister(rg, o.rec, &f, eligible, err);
	if (rc == 0)
		rc = drop_bucket(rg->st, &before, err);
done:
	avs_rec_close(&o);
	return rc;
}
