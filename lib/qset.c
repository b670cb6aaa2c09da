/*
 * qset.c -- strict loader for question sets.
 *
 * One key table per mapping (set, guide, header item, range, section,
 * question, option, scale, condition); anything not in a table is an
 * error at its file:line:col.  Ids of sections and questions share one
 * namespace.  The digest is SHA-256 of the file's bytes, so a record can
 * name exactly the set it was asked from.
 */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsio.h"
#include "hash.h"
#include "i18n.h"
#include "paths.h"
#include "qset.h"
#include "text.h"
#include "yamlio.h"

const char *const avs_qtype_names[] =
    { "text", "choice", "multi", "scale", "yesno", NULL };
const char *const avs_fact_names[] =
    { "employment", "reason", "role", NULL };
const char *const avs_header_fields[] =
    { "name", "title", "workplace", "unit", "employed-from", "employed-to",
      "interview-date", NULL };

static const char *const *const fact_values[AVS_NFACTS] =
    { avs_employment_values, avs_reason_values, avs_role_values };

/* Loader state: the set and the element being filled. */
struct ld {
	struct avs_qset *qs;
	struct avs_section *sec;
	struct avs_question *q;
	struct avs_header *hd;
	struct avs_option *opt;
	const struct ynode *qnode;
};

static void
texts_free(char **t, size_t n)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < n; i++)
		free(t[i]);
	free(t);
}

/* A translated text: a mapping with exactly the set's languages, in the
 * set's order, each a non-empty string. */
static int
ld_text(const struct yctx *c, const struct ynode *n, struct avs_qset *qs,
    char ***out)
{
	char jb[256];
	char **t;
	size_t i;
	int rc;

	if ((rc = avs_ytype(c, n, YN_MAP)) != 0)
		return rc;
	if (*out != NULL)
		return avs_yerr(c, n, _("text given twice"));
	for (i = 0; i < n->n && i < qs->nlang; i++)
		if (strcmp(n->items[2 * i]->str, qs->langs[i]) != 0)
			break;
	if (i < n->n)
		return avs_yerr(c, n->items[2 * i],
		    _("unexpected language \"%.20s\" (the set's languages, "
		    "in order, are %s)"), n->items[2 * i]->str,
		    avs_join((const char *const *)qs->langs, ", ", jb,
		    sizeof(jb)));
	if (n->n < qs->nlang)
		return avs_yerr(c, n, _("missing the \"%s\" text"),
		    qs->langs[n->n]);
	t = avs_xcalloc(qs->nlang, sizeof(*t));
	for (i = 0; i < qs->nlang; i++) {
		const struct ynode *v = n->items[2 * i + 1];

		if ((rc = avs_ystr(c, v, &t[i])) != 0 ||
		    (avs_isempty(t[i]) &&
		    (rc = avs_yerr(c, v, _("empty text"))) != 0) ||
		    (avs_text_control(t[i], 1) &&
		    (rc = avs_yerr(c, v, _("the \"%s\" text contains a control "
		    "character or a bidirectional mark"),
		    qs->langs[i])) != 0)) {
			texts_free(t, qs->nlang);
			return rc;
		}
	}
	*out = t;
	return 0;
}

#define TEXT_FN(name, field)						\
static int								\
name(const struct yctx *c, const struct ynode *n, void *obj)		\
{									\
	struct ld *l = obj;						\
	return ld_text(c, n, l->qs, &(field));				\
}

TEXT_FN(f_title, l->qs->title)
TEXT_FN(f_about, l->qs->about)
TEXT_FN(f_guide_title, l->qs->guide_title)
TEXT_FN(f_guide_intro, l->qs->guide_intro)
TEXT_FN(f_hd_label, l->hd->label)
TEXT_FN(f_rg_from_label, l->hd->from_label)
TEXT_FN(f_rg_to_label, l->hd->to_label)
TEXT_FN(f_sec_title, l->sec->title)
TEXT_FN(f_q_text, l->q->text)
TEXT_FN(f_opt_text, l->opt->text)
TEXT_FN(f_sc_low, l->q->low)
TEXT_FN(f_sc_high, l->q->high)

static int
f_name(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_yident(c, n, &((struct ld *)obj)->qs->name);
}

static int
f_version(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_yint(c, n, 1, 1000000, &((struct ld *)obj)->qs->version);
}

int
avs_ylang(const struct yctx *c, const struct ynode *n, char **out)
{
	int rc;

	if ((rc = avs_yident(c, n, out)) != 0)
		return rc;
	if (strlen(*out) > 8)
		return avs_yerr(c, n, _("\"%s\" is not a language code"), *out);
	return 0;
}

static int
f_languages(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct avs_qset *qs = ((struct ld *)obj)->qs;
	size_t i, j;
	int rc;

	if (n->n == 0)
		return avs_yerr(c, n, _("at least one language is needed"));
	qs->langs = avs_xcalloc(n->n + 1, sizeof(*qs->langs));
	for (i = 0; i < n->n; i++) {
		const struct ynode *v = n->items[i];

		if ((rc = avs_ylang(c, v, &qs->langs[i])) != 0)
			return rc;
		for (j = 0; j < i; j++)
			if (strcmp(qs->langs[j], qs->langs[i]) == 0)
				return avs_yerr(c, v, _("language \"%s\" given "
				    "twice"), qs->langs[i]);
		qs->nlang = i + 1;
	}
	return 0;
}

static int
ld_field_name(const struct yctx *c, const struct ynode *n, char **out)
{
	char jb[256];
	int rc;

	if ((rc = avs_ystr(c, n, out)) != 0)
		return rc;
	if (avs_lookup(avs_header_fields, *out) < 0)
		return avs_yerr(c, n, _("unknown field \"%.40s\" (known: %s)"),
		    *out, avs_join(avs_header_fields, ", ", jb, sizeof(jb)));
	return 0;
}

static int
f_rg_from(const struct yctx *c, const struct ynode *n, void *obj)
{
	return ld_field_name(c, n, &((struct ld *)obj)->hd->field);
}

static int
f_rg_to(const struct yctx *c, const struct ynode *n, void *obj)
{
	return ld_field_name(c, n, &((struct ld *)obj)->hd->to_field);
}

static const struct ykey range_keys[] = {
	{ "from", YN_SCALAR, 1, f_rg_from },
	{ "to", YN_SCALAR, 1, f_rg_to },
	{ "from-label", YN_MAP, 1, f_rg_from_label },
	{ "to-label", YN_MAP, 1, f_rg_to_label },
	{ NULL, 0, 0, NULL }
};

static int
f_hd_field(const struct yctx *c, const struct ynode *n, void *obj)
{
	return ld_field_name(c, n, &((struct ld *)obj)->hd->field);
}

static int
f_hd_range(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_ymap(c, n, range_keys, obj);
}

static const struct ykey header_keys[] = {
	{ "label", YN_MAP, 1, f_hd_label },
	{ "field", YN_SCALAR, 0, f_hd_field },
	{ "range", YN_MAP, 0, f_hd_range },
	{ NULL, 0, 0, NULL }
};

static int
f_header(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct ld *l = obj;
	struct avs_qset *qs = l->qs;
	size_t i;
	int rc;

	qs->header = avs_xcalloc(n->n ? n->n : 1, sizeof(*qs->header));
	for (i = 0; i < n->n; i++) {
		const struct ynode *it = n->items[i];

		l->hd = &qs->header[i];
		qs->nheader = i + 1;
		if ((rc = avs_ymap(c, it, header_keys, l)) != 0)
			return rc;
		if ((avs_yget(it, "field") == NULL) ==
		    (avs_yget(it, "range") == NULL))
			return avs_yerr(c, it, _("a header item needs either "
			    "\"field\" or \"range\""));
	}
	return 0;
}

static const struct ykey guide_keys[] = {
	{ "title", YN_MAP, 1, f_guide_title },
	{ "intro", YN_MAP, 0, f_guide_intro },
	{ NULL, 0, 0, NULL }
};

static int
f_guide(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_ymap(c, n, guide_keys, obj);
}

/* Ids of sections and questions share one namespace. */
static int
check_unique_id(const struct yctx *c, const struct ynode *n,
    const struct avs_qset *qs, const char *id)
{
	size_t i;

	for (i = 0; i < qs->nsections; i++)
		if (qs->sections[i].id != NULL && qs->sections[i].id != id &&
		    strcmp(qs->sections[i].id, id) == 0)
			goto dup;
	for (i = 0; i < qs->nquestions; i++)
		if (qs->questions[i].id != NULL &&
		    qs->questions[i].id != id &&
		    strcmp(qs->questions[i].id, id) == 0)
			goto dup;
	return 0;
dup:
	return avs_yerr(c, n, _("duplicate id \"%s\""), id);
}

static int
f_opt_id(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct ld *l = obj;
	size_t i;
	int rc;

	if ((rc = avs_yident(c, n, &l->opt->id)) != 0)
		return rc;
	for (i = 0; &l->q->opts[i] != l->opt; i++)
		if (strcmp(l->q->opts[i].id, l->opt->id) == 0)
			return avs_yerr(c, n, _("duplicate option \"%s\""),
			    l->opt->id);
	return 0;
}

static const struct ykey option_keys[] = {
	{ "id", YN_SCALAR, 1, f_opt_id },
	{ "text", YN_MAP, 1, f_opt_text },
	{ NULL, 0, 0, NULL }
};

static int
f_q_options(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct ld *l = obj;
	size_t i;
	int rc;

	if (n->n < 2)
		return avs_yerr(c, n, _("a choice needs at least two "
		    "options"));
	l->q->opts = avs_xcalloc(n->n, sizeof(*l->q->opts));
	for (i = 0; i < n->n; i++) {
		l->opt = &l->q->opts[i];
		l->q->nopts = i + 1;
		if ((rc = avs_ymap(c, n->items[i], option_keys, l)) != 0)
			return rc;
	}
	return 0;
}

static int
f_sc_min(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_yint(c, n, 0, 100, &((struct ld *)obj)->q->smin);
}

static int
f_sc_max(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_yint(c, n, 1, 100, &((struct ld *)obj)->q->smax);
}

static const struct ykey scale_keys[] = {
	{ "min", YN_SCALAR, 1, f_sc_min },
	{ "max", YN_SCALAR, 1, f_sc_max },
	{ "low", YN_MAP, 0, f_sc_low },
	{ "high", YN_MAP, 0, f_sc_high },
	{ NULL, 0, 0, NULL }
};

static int
f_q_scale(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct avs_question *q = ((struct ld *)obj)->q;
	int rc;

	if ((rc = avs_ymap(c, n, scale_keys, obj)) != 0)
		return rc;
	if (q->smax <= q->smin || q->smax - q->smin > 10)
		return avs_yerr(c, n, _("a scale needs min < max and at most "
		    "11 steps"));
	return 0;
}

static int
f_q_when(const struct yctx *c, const struct ynode *n, void *obj)
{
	char jb[256];
	struct avs_question *q = ((struct ld *)obj)->q;
	size_t i, j;
	int f, rc;

	if ((rc = avs_ytype(c, n, YN_MAP)) != 0)
		return rc;
	if (n->n == 0)
		return avs_yerr(c, n, _("an empty condition"));
	q->when = avs_xcalloc(n->n, sizeof(*q->when));
	for (i = 0; i < n->n; i++) {
		const struct ynode *k = n->items[2 * i], *v = n->items[2 * i + 1];
		struct avs_cond *cd = &q->when[i];

		if ((f = avs_lookup(avs_fact_names, k->str)) < 0)
			return avs_yerr(c, k, _("unknown field \"%.40s\" in a "
			    "condition (known: %s)"), k->str,
			    avs_join(avs_fact_names, ", ", jb, sizeof(jb)));
		cd->fact = (enum avs_fact)f;
		q->nwhen = i + 1;
		if ((rc = avs_ytype(c, v, YN_SEQ)) != 0)
			return rc;
		if (v->n == 0)
			return avs_yerr(c, v, _("a condition needs at least "
			    "one value"));
		cd->values = avs_xcalloc(v->n + 1, sizeof(*cd->values));
		for (j = 0; j < v->n; j++) {
			if ((rc = avs_ystr(c, v->items[j],
			    &cd->values[j])) != 0)
				return rc;
			if (avs_lookup(fact_values[f], cd->values[j]) < 0)
				return avs_yerr(c, v->items[j],
				    _("\"%.40s\" is not a value of %s (known: "
				    "%s)"), cd->values[j], k->str,
				    avs_join(fact_values[f], ", ", jb, sizeof(jb)));
		}
	}
	return 0;
}

static int
f_q_id(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct ld *l = obj;
	int rc;

	if ((rc = avs_yident(c, n, &l->q->id)) != 0)
		return rc;
	return check_unique_id(c, n, l->qs, l->q->id);
}

static int
f_q_type(const struct yctx *c, const struct ynode *n, void *obj)
{
	char jb[256];
	int t = avs_lookup(avs_qtype_names, n->str);

	if (t < 0)
		return avs_yerr(c, n, _("unknown question type \"%.40s\" "
		    "(known: %s)"), n->str, avs_join(avs_qtype_names, ", ", jb, sizeof(jb)));
	((struct ld *)obj)->q->type = (enum avs_qtype)t;
	return 0;
}

#define BOOL_FN(name, field)						\
static int								\
name(const struct yctx *c, const struct ynode *n, void *obj)		\
{									\
	struct ld *l = obj;						\
	return avs_ybool(c, n, &(field));				\
}

BOOL_FN(f_q_required, l->q->required)
BOOL_FN(f_q_addition, l->q->addition)
BOOL_FN(f_q_interviewer, l->q->interviewer)

static const struct ykey question_keys[] = {
	{ "id", YN_SCALAR, 1, f_q_id },
	{ "type", YN_SCALAR, 1, f_q_type },
	{ "text", YN_MAP, 1, f_q_text },
	{ "required", YN_SCALAR, 0, f_q_required },
	{ "addition", YN_SCALAR, 0, f_q_addition },
	{ "interviewer", YN_SCALAR, 0, f_q_interviewer },
	{ "when", YN_MAP, 0, f_q_when },
	{ "options", YN_SEQ, 0, f_q_options },
	{ "scale", YN_MAP, 0, f_q_scale },
	{ NULL, 0, 0, NULL }
};

/* Type-dependent keys, checked after the table. */
static int
check_question(const struct yctx *c, const struct ynode *n,
    const struct avs_question *q)
{
	int choice = q->type == AVS_Q_CHOICE || q->type == AVS_Q_MULTI;

	if (choice && avs_yget(n, "options") == NULL)
		return avs_yerr(c, n, _("question \"%s\" of type %s needs "
		    "\"options\""), q->id, avs_qtype_names[q->type]);
	if (!choice && avs_yget(n, "options") != NULL)
		return avs_yerr(c, avs_yget(n, "options"), _("\"options\" is "
		    "only for choice and multi questions"));
	if (q->type == AVS_Q_SCALE && avs_yget(n, "scale") == NULL)
		return avs_yerr(c, n, _("question \"%s\" of type scale needs "
		    "\"scale\""), q->id);
	if (q->type != AVS_Q_SCALE && avs_yget(n, "scale") != NULL)
		return avs_yerr(c, avs_yget(n, "scale"), _("\"scale\" is only "
		    "for scale questions"));
	return 0;
}

static int
f_sec_questions(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct ld *l = obj;
	struct avs_qset *qs = l->qs;
	size_t i;
	int rc;

	if (n->n == 0)
		return avs_yerr(c, n, _("a section needs questions"));
	l->sec->first = qs->nquestions;
	for (i = 0; i < n->n; i++) {
		qs->questions = avs_xreallocarray(qs->questions,
		    qs->nquestions + 1, sizeof(*qs->questions));
		l->q = &qs->questions[qs->nquestions++];
		memset(l->q, 0, sizeof(*l->q));
		l->q->section = (size_t)(l->sec - qs->sections);
		l->sec->n++;
		if ((rc = avs_ymap(c, n->items[i], question_keys, l)) != 0 ||
		    (rc = check_question(c, n->items[i], l->q)) != 0)
			return rc;
	}
	return 0;
}

static int
f_sec_id(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct ld *l = obj;
	int rc;

	if ((rc = avs_yident(c, n, &l->sec->id)) != 0)
		return rc;
	return check_unique_id(c, n, l->qs, l->sec->id);
}

static const struct ykey section_keys[] = {
	{ "id", YN_SCALAR, 1, f_sec_id },
	{ "title", YN_MAP, 1, f_sec_title },
	{ "questions", YN_SEQ, 1, f_sec_questions },
	{ NULL, 0, 0, NULL }
};

static int
f_sections(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct ld *l = obj;
	struct avs_qset *qs = l->qs;
	size_t i;
	int rc;

	if (n->n == 0)
		return avs_yerr(c, n, _("a question set needs sections"));
	qs->sections = avs_xcalloc(n->n, sizeof(*qs->sections));
	for (i = 0; i < n->n; i++) {
		l->sec = &qs->sections[i];
		qs->nsections = i + 1;
		if ((rc = avs_ymap(c, n->items[i], section_keys, l)) != 0)
			return rc;
	}
	return 0;
}

static const struct ykey set_keys[] = {
	{ "avslut-questions", YN_SCALAR, 1, NULL },	/* avs_yformat */
	{ "name", YN_SCALAR, 1, f_name },
	{ "version", YN_SCALAR, 1, f_version },
	{ "languages", YN_SEQ, 1, NULL },	/* read first, see below */
	{ "title", YN_MAP, 1, f_title },
	{ "about", YN_MAP, 0, f_about },
	{ "guide", YN_MAP, 1, f_guide },
	{ "header", YN_SEQ, 0, f_header },
	{ "sections", YN_SEQ, 1, f_sections },
	{ NULL, 0, 0, NULL }
};

static void
digest(struct avs_qset *qs, const void *data, size_t len)
{
	strcpy(qs->digest, "sha256:");
	avs_sha256_hex(data, len, qs->digest + 7);
}

int
avs_qset_parse(const char *file, const void *data, size_t len,
    struct avs_qset **out, struct avs_err *err)
{
	struct ydoc *doc = NULL;
	const struct ynode *root, *langs;
	struct avs_qset *qs;
	struct yctx c = { file, err };
	struct ld l;
	int rc;

	*out = NULL;
	if ((rc = avs_yaml_parse(file, data, len, &avs_ylimits_qset, &doc,
	    err)) != 0)
		return rc;
	qs = avs_xcalloc(1, sizeof(*qs));
	qs->file = avs_xstrdup(file);
	memset(&l, 0, sizeof(l));
	l.qs = qs;
	root = avs_yaml_root(doc);
	/* Texts need the languages, wherever they stand in the file. */
	if ((rc = avs_yformat(&c, root, "avslut-questions", 1)) == 0 &&
	    (langs = avs_yget(root, "languages")) != NULL &&
	    (rc = avs_ytype(&c, langs, YN_SEQ)) == 0)
		rc = f_languages(&c, langs, &l);
	if (rc == 0)
		rc = avs_ymap(&c, root, set_keys, &l);
	avs_yaml_free(doc);
	if (rc != 0) {
		avs_qset_free(qs);
		return rc;
	}
	digest(qs, data, len);
	*out = qs;
	return 0;
}

int
avs_qset_load(const char *path, struct avs_qset **out, struct avs_err *err)
{
	struct avs_buf data = AVS_BUF_INIT;
	int rc;

	*out = NULL;
	if ((rc = avs_yaml_read(path, &avs_ylimits_qset, &data,
	    err)) != 0)
		return rc;
	rc = avs_qset_parse(path, data.p, data.len, out, err);
	avs_buf_free(&data);
	return rc;
}

int
avs_qset_load_in(int dirfd, const char *dirpath, const char *name,
    struct avs_qset **out, struct avs_err *err)
{
	struct avs_buf data = AVS_BUF_INIT;
	char *path;
	int rc;

	*out = NULL;
	if ((rc = avs_yaml_read_in(dirfd, dirpath, name, &avs_ylimits_qset,
	    &data, err)) != 0)
		return rc;
	path = avs_xasprintf("%s/%s", dirpath, name);
	rc = avs_qset_parse(path, data.p, data.len, out, err);
	free(path);
	avs_buf_free(&data);
	return rc;
}

void
avs_qset_free(struct avs_qset *qs)
{
	size_t i, j, n;

	if (qs == NULL)
		return;
	n = qs->nlang;
	for (i = 0; i < qs->nquestions; i++) {
		struct avs_question *q = &qs->questions[i];

		free(q->id);
		texts_free(q->text, n);
		for (j = 0; j < q->nopts; j++) {
			free(q->opts[j].id);
			texts_free(q->opts[j].text, n);
		}
		free(q->opts);
		texts_free(q->low, n);
		texts_free(q->high, n);
		for (j = 0; j < q->nwhen; j++) {
			char **v;

			for (v = q->when[j].values; v != NULL && *v != NULL;
			    v++)
				free(*v);
			free(q->when[j].values);
		}
		free(q->when);
	}
	free(qs->questions);
	for (i = 0; i < qs->nsections; i++) {
		free(qs->sections[i].id);
		texts_free(qs->sections[i].title, n);
	}
	free(qs->sections);
	for (i = 0; i < qs->nheader; i++) {
		texts_free(qs->header[i].label, n);
		free(qs->header[i].field);
		free(qs->header[i].to_field);
		texts_free(qs->header[i].from_label, n);
		texts_free(qs->header[i].to_label, n);
	}
	free(qs->header);
	texts_free(qs->title, n);
	texts_free(qs->about, n);
	texts_free(qs->guide_title, n);
	texts_free(qs->guide_intro, n);
	/* Every code read, also one refused after it was copied. */
	for (i = 0; qs->langs != NULL && qs->langs[i] != NULL; i++)
		free(qs->langs[i]);
	free(qs->langs);
	free(qs->name);
	free(qs->file);
	free(qs);
}

static int
try_dir(const char *dir, const char *sub, const char *name, char **path)
{
	if (dir == NULL || *dir == '\0')
		return 0;
	*path = avs_xasprintf("%s%s/%s.yaml", dir, sub, name);
	if (access(*path, F_OK) == 0)
		return 1;
	free(*path);
	*path = NULL;
	return 0;
}

int
avs_qset_find(const char *name, char **path, struct avs_err *err)
{
	*path = NULL;
	if (strchr(name, '/') != NULL) {
		*path = avs_xstrdup(name);
		return 0;
	}
	if (!avs_ident_valid(name, strlen(name)))
		return avs_fail(err, AVS_EUSAGE, _("invalid question set name "
		    "\"%.40s\""), name);
	if (try_dir(getenv("AVSLUT_DATADIR"), "/questions", name, path) ||
	    try_dir(DATADIR, "/questions", name, path))
		return 0;
	return avs_fail(err, AVS_ERUN, _("question set \"%s\" not found"),
	    name);
}

int
avs_qset_lang(const struct avs_qset *qs, const char *lang)
{
	size_t i;

	for (i = 0; i < qs->nlang; i++)
		if (avs_streq(qs->langs[i], lang))
			return (int)i;
	return -1;
}

/* The set's language for one locale name (fi_FI.UTF-8, sv, ...) of len
 * bytes, or -1. */
static int
locale_lang(const struct avs_qset *qs, const char *name, size_t len)
{
	char code[9];
	size_t n = strcspn(name, "_.@:");

	if (n > len)
		n = len;
	if (n == 0 || n >= sizeof(code))
		return -1;
	memcpy(code, name, n);
	code[n] = '\0';
	return avs_qset_lang(qs, code);
}

int
avs_qset_default_lang(const struct avs_qset *qs)
{
	const char *loc = setlocale(LC_MESSAGES, NULL);
	const char *p = getenv("LANGUAGE");
	size_t n;
	int i;

	/* LANGUAGE, a list with the first choice first, wins as it does
	 * for gettext, but only over a real locale: gettext ignores it
	 * under C. */
	if (loc != NULL && strcmp(loc, "C") != 0 && strcmp(loc, "POSIX") != 0)
		for (; p != NULL && *p != '\0'; p += n + (p[n] == ':')) {
			n = strcspn(p, ":");
			if ((i = locale_lang(qs, p, n)) >= 0)
				return i;
		}
	if (loc != NULL && (i = locale_lang(qs, loc, strlen(loc))) >= 0)
		return i;
	if ((i = avs_qset_lang(qs, "en")) >= 0)
		return i;
	return 0;
}

static const struct avs_words words[] = {
	{ "en", "Dear ", ",", "Here are the questions for your exit interview, "
	    "so that you can think them over in advance.", "Yes", "No" },
	{ "sv", "Hej ", "!", "Här är frågorna inför ditt avslutssamtal, så att "
	    "du kan tänka igenom dem i förväg.", "Ja", "Nej" },
	{ "fi", "Hei ", "!", "Tässä ovat lähtökeskustelusi kysymykset, jotta "
	    "voit miettiä niitä etukäteen.", "Kyllä", "Ei" },
};

const struct avs_words *
avs_words(const char *lang)
{
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (avs_streq(words[i].lang, lang))
			return &words[i];
	return &words[0];
}

const struct avs_question *
avs_qset_question(const struct avs_qset *qs, const char *id)
{
	size_t i;

	for (i = 0; i < qs->nquestions; i++)
		if (strcmp(qs->questions[i].id, id) == 0)
			return &qs->questions[i];
	return NULL;
}

const struct avs_option *
avs_question_option(const struct avs_question *q, const char *id)
{
	size_t i;

	for (i = 0; i < q->nopts; i++)
		if (avs_streq(q->opts[i].id, id))
			return &q->opts[i];
	return NULL;
}

int
avs_question_applies(const struct avs_question *q,
    const char *const facts[AVS_NFACTS])
{
	size_t i;

	for (i = 0; i < q->nwhen; i++)
		if (avs_lookup((const char *const *)q->when[i].values,
		    facts[q->when[i].fact]) < 0)
			return 0;
	return 1;
}
