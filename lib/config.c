/*
 * config.c -- the store configuration, DIR/config (avslut-store(5)).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "crypto.h"
#include "i18n.h"
#include "fsio.h"
#include "qset.h"
#include "register.h"
#include "text.h"
#include "yamlio.h"

const char *const avs_rule_names[] =
    { "sealed", "declined", "unfinished", NULL };

/* Defaults: SPEC.md section 6 and the routine (point 3). */
static const char *const default_employment[] =
    { "tillsvidare", "tidsbegransad", NULL };
static const char *const default_reason[] = { "egen-begaran", "pension",
    NULL };
static const long default_months[AVS_NRULES] = { 24, 24, 6 };
/* What Swedish personnel systems and Excel call the columns and codes
 * (issue 18). */
static const char *const default_columns[] = {
	"Namn", "name",
	"Befattning", "title",
	"Arbetsplats", "workplace",
	"Enhet", "unit",
	"Anställd fr.o.m", "employed-from",
	"Anställd t.o.m", "employed-to",
	"Anställningsform", "employment",
	"Avgångsorsak", "reason",
	"Chef", "interviewer",
	NULL
};
static const char *const default_values[] = {
	"employment", "Tillsvidareanställning", "tillsvidare",
	"employment", "Tillsvidare", "tillsvidare",
	"employment", "Visstidsanställning", "tidsbegransad",
	"employment", "Tidsbegränsad anställning", "tidsbegransad",
	"employment", "Vikariat", "tidsbegransad",
	"reason", "Egen uppsägning", "egen-begaran",
	"reason", "Egen begäran", "egen-begaran",
	"reason", "Ålderspension", "pension",
	"reason", "Pension", "pension",
	NULL
};
/* The fields whose values are codes, and their codes. */
static const char *const coded_fields[] = { "employment", "reason", "role",
    "why", NULL };
static const char *const *const coded_values[] = { avs_employment_values,
    avs_reason_values, avs_role_values, avs_declined_values };

void
avs_config_defaults(struct avs_config *cfg)
{
	int i;

	memset(cfg, 0, sizeof(*cfg));
	cfg->recipients = avs_xcalloc(1, sizeof(char *));
	cfg->sealers = avs_xcalloc(1, sizeof(char *));
	cfg->questions = avs_xstrdup("sodermalm");
	cfg->marking = avs_xstrdup("Konfidentiellt — personalärende");
	cfg->min_group = 5;
	cfg->in_progress_days = 14;
	cfg->elig_employment = avs_strv_dup(default_employment);
	cfg->elig_reason = avs_strv_dup(default_reason);
	cfg->elig_months = 12;
	for (i = 0; i < AVS_NRULES; i++)
		cfg->retention[i].months = default_months[i];
	cfg->imp_columns = avs_strv_dup(default_columns);
	cfg->imp_values = avs_strv_dup(default_values);
	cfg->interviewers = avs_xcalloc(1, sizeof(char *));
}

void
avs_config_clear(struct avs_config *cfg)
{
	int i;

	avs_strv_free(cfg->recipients);
	avs_strv_free(cfg->sealers);
	free(cfg->questions);
	free(cfg->language);
	free(cfg->marking);
	avs_strv_free(cfg->elig_employment);
	avs_strv_free(cfg->elig_reason);
	for (i = 0; i < AVS_NRULES; i++)
		free(cfg->retention[i].decision);
	avs_strv_free(cfg->imp_columns);
	avs_strv_free(cfg->imp_values);
	avs_strv_free(cfg->interviewers);
	memset(cfg, 0, sizeof(*cfg));
}

struct cd {
	struct avs_config *cfg;
	int rule;
};

static int
c_recipients(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct avs_config *cfg = ((struct cd *)obj)->cfg;
	int rc;

	if ((rc = avs_yfprs(c, n, &cfg->recipients, &cfg->nrecipients)) != 0)
		return rc;
	if (cfg->nrecipients == 0)
		return avs_yerr(c, n, _("at least one recipient is needed"));
	return 0;
}

static int
c_sealers(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct avs_config *cfg = ((struct cd *)obj)->cfg;

	return avs_yfprs(c, n, &cfg->sealers, &cfg->nsealers);
}

static int
c_questions(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_yident(c, n, &((struct cd *)obj)->cfg->questions);
}

static int
c_language(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_ylang(c, n, &((struct cd *)obj)->cfg->language);
}

static int
c_marking(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct avs_config *cfg = ((struct cd *)obj)->cfg;
	struct avs_err why = AVS_ERR_INIT;
	int rc;

	if ((rc = avs_ystr(c, n, &cfg->marking)) != 0)
		return rc;
	if (avs_text_check_line("marking", cfg->marking, 200, &why) != 0)
		return avs_yerr(c, n, "%s", why.msg);
	return 0;
}

static int
c_min_group(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_yint(c, n, 1, 1000, &((struct cd *)obj)->cfg->min_group);
}

static int
c_in_progress_days(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_yint(c, n, 1, 365, &((struct cd *)obj)->cfg->in_progress_days);
}

const char *const avs_disclosure_names[] = { "groups", "cells", NULL };

static int
c_disclosure(const struct yctx *c, const struct ynode *n, void *obj)
{
	char jb[64];
	int i = avs_lookup(avs_disclosure_names, n->str);

	if (i < 0)
		return avs_yerr(c, n, _("disclosure: \"%.40s\" is not one of "
		    "%s"), n->str, avs_join(avs_disclosure_names, ", ", jb,
		    sizeof(jb)));
	((struct cd *)obj)->cfg->disclosure = i;
	return 0;
}

static int
enum_list(const struct yctx *c, const struct ynode *n,
    const char *const *values, char ***out)
{
	char jb[256];
	size_t i;

	avs_strv_free(*out);
	*out = avs_xcalloc(n->n + 1, sizeof(**out));
	for (i = 0; i < n->n; i++) {
		if (avs_ytype(c, n->items[i], YN_SCALAR) != 0)
			return c->err->status;
		if (avs_lookup(values, n->items[i]->str) < 0)
			return avs_yerr(c, n->items[i], _("\"%.40s\" is not "
			    "one of %s"), n->items[i]->str,
			    avs_join(values, ", ", jb, sizeof(jb)));
		(*out)[i] = avs_xstrdup(n->items[i]->str);
	}
	return 0;
}

static int
c_e_employment(const struct yctx *c, const struct ynode *n, void *obj)
{
	return enum_list(c, n, avs_employment_values,
	    &((struct cd *)obj)->cfg->elig_employment);
}

static int
c_e_reason(const struct yctx *c, const struct ynode *n, void *obj)
{
	return enum_list(c, n, avs_reason_values,
	    &((struct cd *)obj)->cfg->elig_reason);
}

static int
c_e_months(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_yint(c, n, 0, 600, &((struct cd *)obj)->cfg->elig_months);
}

static const struct ykey elig_keys[] = {
	{ "employment", YN_SEQ, 0, c_e_employment },
	{ "reason", YN_SEQ, 0, c_e_reason },
	{ "min-months", YN_SCALAR, 0, c_e_months },
	{ NULL, 0, 0, NULL }
};

static int
c_eligibility(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_ymap(c, n, elig_keys, obj);
}

static int
c_r_months(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct cd *d = obj;

	return avs_yint(c, n, 0, 1200, &d->cfg->retention[d->rule].months);
}

static int
c_r_decision(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct cd *d = obj;
	char **dec = &d->cfg->retention[d->rule].decision;
	int rc;

	struct avs_err why = AVS_ERR_INIT;

	if ((rc = avs_ystr(c, n, dec)) != 0)
		return rc;
	if (avs_text_check_line("decision", *dec, 200, &why) != 0)
		return avs_yerr(c, n, "%s", why.msg);
	if (avs_isempty(*dec)) {
		free(*dec);
		*dec = NULL;
	}
	return 0;
}

static const struct ykey rule_keys[] = {
	{ "months", YN_SCALAR, 1, c_r_months },
	{ "decision", YN_SCALAR, 0, c_r_decision },
	{ NULL, 0, 0, NULL }
};

#define RULE_FN(name, r)						\
static int								\
name(const struct yctx *c, const struct ynode *n, void *obj)		\
{									\
	((struct cd *)obj)->rule = (r);					\
	return avs_ymap(c, n, rule_keys, obj);				\
}

RULE_FN(c_r_sealed, AVS_RULE_SEALED)
RULE_FN(c_r_declined, AVS_RULE_DECLINED)
RULE_FN(c_r_unfinished, AVS_RULE_UNFINISHED)

static const struct ykey retention_keys[] = {
	{ "sealed", YN_MAP, 0, c_r_sealed },
	{ "declined", YN_MAP, 0, c_r_declined },
	{ "unfinished", YN_MAP, 0, c_r_unfinished },
	{ NULL, 0, 0, NULL }
};

static int
c_retention(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_ymap(c, n, retention_keys, obj);
}

/* A name or word of the mapping: one line of text, no blank at either
 * end (it is compared without them). */
static int
map_text(const struct yctx *c, const struct ynode *n, const char *what)
{
	struct avs_err why = AVS_ERR_INIT;

	if (avs_ytype(c, n, YN_SCALAR) != 0)
		return c->err->status;
	if (avs_text_check_line(what, n->str, 200, &why) != 0)
		return avs_yerr(c, n, "%s", why.msg);
	if (avs_isempty(n->str))
		return avs_yerr(c, n, _("%s: empty"), what);
	return 0;
}

/* Append to the vector v of k-tuples; v[len] ends it. */
static void
strv_push(char ***v, const char *const *add, size_t k)
{
	size_t n = 0, i;

	while ((*v)[n] != NULL)
		n++;
	*v = avs_xreallocarray(*v, n + k + 1, sizeof(**v));
	for (i = 0; i < k; i++)
		(*v)[n + i] = avs_xstrdup(add[i]);
	(*v)[n + k] = NULL;
}

/* Is name already at position pos of one of the k-tuples of v (whose
 * first is field, unless that is NULL)? */
static int
strv_has(char *const *v, size_t k, const char *field, size_t pos,
    const char *name)
{
	size_t i;

	for (i = 0; v[i] != NULL; i += k)
		if ((field == NULL || strcmp(v[i], field) == 0) &&
		    avs_text_caseeq(v[i + pos], name))
			return 1;
	return 0;
}

static int
c_i_columns(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct avs_config *cfg = ((struct cd *)obj)->cfg;
	const struct ynode *k, *v;
	char jb[256];
	size_t i;

	for (i = 0; i < n->n; i++) {
		k = n->items[2 * i];
		v = n->items[2 * i + 1];
		if (map_text(c, k, "column") != 0 ||
		    avs_ytype(c, v, YN_SCALAR) != 0)
			return c->err->status;
		if (avs_lookup(avs_fact_fields, v->str) < 0)
			return avs_yerr(c, v, _("\"%.40s\" is not one of %s"),
			    v->str, avs_join(avs_fact_fields, ", ", jb,
			    sizeof(jb)));
		if (strv_has(cfg->imp_columns, 2, NULL, 0, k->str))
			return avs_yerr(c, k, _("column \"%.60s\" mapped "
			    "twice (case and blanks at either end do not "
			    "count)"), k->str);
		strv_push(&cfg->imp_columns, (const char *[]){ k->str,
		    v->str }, 2);
	}
	return 0;
}

static int
c_i_values(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct avs_config *cfg = ((struct cd *)obj)->cfg;
	const struct ynode *f, *m, *k, *v;
	char jb[256];
	size_t i, j;
	int fi;

	for (i = 0; i < n->n; i++) {
		f = n->items[2 * i];
		m = n->items[2 * i + 1];
		if ((fi = avs_lookup(coded_fields, f->str)) < 0)
			return avs_yerr(c, f, _("\"%.40s\" is not one of %s"),
			    f->str, avs_join(coded_fields, ", ", jb,
			    sizeof(jb)));
		if (avs_ytype(c, m, YN_MAP) != 0)
			return c->err->status;
		for (j = 0; j < m->n; j++) {
			k = m->items[2 * j];
			v = m->items[2 * j + 1];
			if (map_text(c, k, f->str) != 0 ||
			    avs_ytype(c, v, YN_SCALAR) != 0)
				return c->err->status;
			if (avs_lookup(coded_values[fi], v->str) < 0)
				return avs_yerr(c, v, _("\"%.40s\" is not "
				    "one of %s"), v->str,
				    avs_join(coded_values[fi], ", ", jb,
				    sizeof(jb)));
			if (strv_has(cfg->imp_values, 3, f->str, 1, k->str))
				return avs_yerr(c, k, _("%s: \"%.60s\" mapped "
				    "twice (case and blanks at either end do "
				    "not count)"), f->str, k->str);
			strv_push(&cfg->imp_values, (const char *[]){ f->str,
			    k->str, v->str }, 3);
		}
	}
	return 0;
}

static const struct ykey import_keys[] = {
	{ "columns", YN_MAP, 0, c_i_columns },
	{ "values", YN_MAP, 0, c_i_values },
	{ NULL, 0, 0, NULL }
};

/* A store's mapping replaces the default one as a whole. */
static int
c_import(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct avs_config *cfg = ((struct cd *)obj)->cfg;

	avs_strv_free(cfg->imp_columns);
	avs_strv_free(cfg->imp_values);
	cfg->imp_columns = avs_xcalloc(1, sizeof(char *));
	cfg->imp_values = avs_xcalloc(1, sizeof(char *));
	return avs_ymap(c, n, import_keys, obj);
}

int
avs_config_is_email(const char *s)
{
	const char *at = strchr(s, '@');

	return at != NULL && at > s && at[1] != '\0' &&
	    strchr(at + 1, '@') == NULL && strpbrk(s, " \t") == NULL;
}

struct iv {
	char fpr[AVS_FPRLEN + 1];
	char *email, *name;
};

static int
c_iv_email(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct iv *iv = obj;
	int rc;

	if ((rc = map_text(c, n, "email")) != 0)
		return rc;
	if (!avs_config_is_email(n->str) || strlen(n->str) > 254)
		return avs_yerr(c, n, _("email: not an e-mail address"));
	iv->email = n->str;
	return 0;
}

static int
c_iv_fpr(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_yfpr(c, n, ((struct iv *)obj)->fpr);
}

static int
c_iv_name(const struct yctx *c, const struct ynode *n, void *obj)
{
	int rc;

	if ((rc = map_text(c, n, "name")) != 0)
		return rc;
	((struct iv *)obj)->name = n->str;
	return 0;
}

static const struct ykey interviewer_keys[] = {
	{ "name", YN_SCALAR, 0, c_iv_name },
	{ "email", YN_SCALAR, 1, c_iv_email },
	{ "fingerprint", YN_SCALAR, 1, c_iv_fpr },
	{ NULL, 0, 0, NULL }
};

static int
c_interviewers(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct avs_config *cfg = ((struct cd *)obj)->cfg;
	struct iv iv;
	size_t i;
	int rc;

	for (i = 0; i < n->n; i++) {
		memset(&iv, 0, sizeof(iv));
		if (avs_ytype(c, n->items[i], YN_MAP) != 0)
			return c->err->status;
		if ((rc = avs_ymap(c, n->items[i], interviewer_keys, &iv)) != 0)
			return rc;
		/* One address, one key: an address given twice would make
		 * the choice of key depend on the order. */
		if (strv_has(cfg->interviewers, 3, NULL, 0, iv.email))
			return avs_yerr(c, avs_yget(n->items[i], "email"),
			    _("email: an address given twice (case does not "
			    "count)"));
		strv_push(&cfg->interviewers, (const char *[]){ iv.email,
		    iv.fpr, iv.name != NULL ? iv.name : "" }, 3);
	}
	return 0;
}

int
avs_config_interviewer(const struct avs_config *cfg, const char *addr,
    char fpr[AVS_FPRLEN + 1], struct avs_err *err)
{
	size_t i;

	for (i = 0; cfg->interviewers[i] != NULL; i += 3)
		if (avs_text_caseeq(cfg->interviewers[i], addr)) {
			memcpy(fpr, cfg->interviewers[i + 1], AVS_FPRLEN + 1);
			return 0;
		}
	return avs_fail(err, AVS_EUSAGE, _("interviewer: an e-mail address "
	    "that is not among the interviewers of the store's config "
	    "(avslut-store(5))"));
}

static const struct ykey config_keys[] = {
	{ "avslut-config", YN_SCALAR, 1, NULL },	/* avs_yformat */
	{ "recipients", YN_SEQ, 1, c_recipients },
	{ "sealers", YN_SEQ, 0, c_sealers },
	{ "questions", YN_SCALAR, 0, c_questions },
	{ "language", YN_SCALAR, 0, c_language },
	{ "marking", YN_SCALAR, 0, c_marking },
	{ "min-group", YN_SCALAR, 0, c_min_group },
	{ "disclosure", YN_SCALAR, 0, c_disclosure },
	{ "in-progress-days", YN_SCALAR, 0, c_in_progress_days },
	{ "eligibility", YN_MAP, 0, c_eligibility },
	{ "retention", YN_MAP, 0, c_retention },
	{ "interviewers", YN_SEQ, 0, c_interviewers },
	{ "import", YN_MAP, 0, c_import },
	{ NULL, 0, 0, NULL }
};

int
avs_config_parse(const char *path, size_t line0, const void *data,
    size_t len, struct avs_config *cfg, struct avs_err *err)
{
	struct ydoc *doc = NULL;
	struct yctx c = { path, err };
	struct cd d;
	int rc;

	avs_config_defaults(cfg);
	if ((rc = avs_yaml_parse_at(path, line0, data, len,
	    &avs_ylimits_config, &doc, err)) != 0)
		goto done;
	d.cfg = cfg;
	d.rule = 0;
	if ((rc = avs_yformat(&c, avs_yaml_root(doc), "avslut-config", 1)) == 0)
		rc = avs_ymap(&c, avs_yaml_root(doc), config_keys, &d);
done:
	avs_yaml_free(doc);
	if (rc != 0)
		avs_config_clear(cfg);
	return rc;
}

void
avs_config_copy(struct avs_config *to, const struct avs_config *from)
{
	int i;

	*to = *from;
	to->recipients = avs_strv_dup((const char *const *)from->recipients);
	to->sealers = avs_strv_dup((const char *const *)from->sealers);
	to->questions = avs_xstrdup(from->questions);
	to->language = from->language != NULL ?
	    avs_xstrdup(from->language) : NULL;
	to->marking = avs_xstrdup(from->marking);
	to->elig_employment = avs_strv_dup(
	    (const char *const *)from->elig_employment);
	to->elig_reason = avs_strv_dup((const char *const *)from->elig_reason);
	for (i = 0; i < AVS_NRULES; i++)
		to->retention[i].decision = from->retention[i].decision != NULL ?
		    avs_xstrdup(from->retention[i].decision) : NULL;
	to->imp_columns = avs_strv_dup(
	    (const char *const *)from->imp_columns);
	to->imp_values = avs_strv_dup((const char *const *)from->imp_values);
	to->interviewers = avs_strv_dup(
	    (const char *const *)from->interviewers);
}

int
avs_config_check(const struct avs_config *cfg, struct avs_err *err)
{
	int i, rc;

	if ((rc = avs_text_check_line("--marking", cfg->marking, 200,
	    err)) != 0)
		return rc;
	for (i = 0; i < AVS_NRULES; i++)
		if (cfg->retention[i].decision != NULL &&
		    (rc = avs_text_check_line("--retention-decision",
		    cfg->retention[i].decision, 200, err)) != 0)
			return rc;
	if (!avs_ident_valid(cfg->questions, strlen(cfg->questions)))
		return avs_fail(err, AVS_EUSAGE, _("--questions: \"%.40s\" is "
		    "not a question set name (lower-case letters, digits and "
		    "'-')"), cfg->questions);
	return 0;
}

static void
write_list(struct yw *w, const char *key, char *const *v, int flow)
{
	avs_yw_token(w, key);
	avs_yw_seq(w, flow);
	for (; v != NULL && *v != NULL; v++)
		avs_yw_token(w, *v);
	avs_yw_end_seq(w);
}

static void
write_interviewers(struct yw *w, char *const *v)
{
	avs_yw_token(w, "interviewers");
	avs_yw_seq(w, v[0] == NULL);
	for (; *v != NULL; v += 3) {
		avs_yw_map(w);
		avs_yw_ktext(w, "name", v[2]);
		avs_yw_ktext(w, "email", v[0]);
		avs_yw_ktoken(w, "fingerprint", v[1]);
		avs_yw_end_map(w);
	}
	avs_yw_end_seq(w);
}

static void
write_import(struct yw *w, const struct avs_config *cfg)
{
	char *const *v;
	size_t i;

	avs_yw_token(w, "import");
	avs_yw_map(w);
	avs_yw_token(w, "columns");
	avs_yw_map(w);
	for (v = cfg->imp_columns; *v != NULL; v += 2)
		avs_yw_ktoken(w, v[0], v[1]);
	avs_yw_end_map(w);
	avs_yw_token(w, "values");
	avs_yw_map(w);
	for (i = 0; coded_fields[i] != NULL; i++) {
		for (v = cfg->imp_values; *v != NULL; v += 3)
			if (strcmp(v[0], coded_fields[i]) == 0)
				break;
		if (*v == NULL)
			continue;
		avs_yw_token(w, coded_fields[i]);
		avs_yw_map(w);
		for (v = cfg->imp_values; *v != NULL; v += 3)
			if (strcmp(v[0], coded_fields[i]) == 0)
				avs_yw_ktoken(w, v[1], v[2]);
		avs_yw_end_map(w);
	}
	avs_yw_end_map(w);
	avs_yw_end_map(w);
}

int
avs_config_write(const struct avs_config *cfg, struct avs_buf *out,
    struct avs_err *err)
{
	struct yw *w;
	int i;

	avs_buf_reset(out);
	w = avs_yw_begin(out);
	avs_yw_map(w);
	avs_yw_kint(w, "avslut-config", 1);
	write_list(w, "recipients", cfg->recipients, 0);
	write_list(w, "sealers", cfg->sealers, 1);
	avs_yw_ktoken(w, "questions", cfg->questions);
	avs_yw_ktoken(w, "language", cfg->language);
	/* Even empty ("no marking"): left out, it would read back as the
	 * default. */
	avs_yw_token(w, "marking");
	avs_yw_text(w, cfg->marking != NULL ? cfg->marking : "");
	avs_yw_kint(w, "min-group", cfg->min_group);
	avs_yw_ktoken(w, "disclosure", avs_disclosure_names[cfg->disclosure]);
	avs_yw_kint(w, "in-progress-days", cfg->in_progress_days);
	avs_yw_token(w, "eligibility");
	avs_yw_map(w);
	write_list(w, "employment", cfg->elig_employment, 1);
	write_list(w, "reason", cfg->elig_reason, 1);
	avs_yw_kint(w, "min-months", cfg->elig_months);
	avs_yw_end_map(w);
	avs_yw_token(w, "retention");
	avs_yw_map(w);
	for (i = 0; i < AVS_NRULES; i++) {
		avs_yw_token(w, avs_rule_names[i]);
		avs_yw_map(w);
		avs_yw_kint(w, "months", cfg->retention[i].months);
		avs_yw_ktext(w, "decision", cfg->retention[i].decision);
		avs_yw_end_map(w);
	}
	avs_yw_end_map(w);
	write_interviewers(w, cfg->interviewers);
	write_import(w, cfg);
	avs_yw_end_map(w);
	return avs_yw_end(w, err);
}

int
avs_config_lang(const struct avs_config *cfg, const struct avs_qset *qs,
    const char *lang)
{
	int i;

	if (lang != NULL && *lang != '\0')
		return avs_qset_lang(qs, lang);
	if (cfg == NULL)
		return avs_qset_default_lang(qs);
	if (cfg->language != NULL && (i = avs_qset_lang(qs, cfg->language)) >= 0)
		return i;
	return 0;
}

int
avs_config_set_lang(struct avs_config *cfg, const struct avs_qset *qs,
    const char *lang, struct avs_err *err)
{
	int i = lang != NULL ? avs_qset_lang(qs, lang) : 0;

	if (i < 0)
		return avs_fail(err, AVS_EUSAGE, _("--language: question set %s "
		    "has no \"%.10s\" texts"), qs->name, lang);
	free(cfg->language);
	cfg->language = avs_xstrdup(qs->langs[i]);
	return 0;
}
