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
