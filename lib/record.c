/*
 * record.c -- the record document: written with libyaml's emitter, read
 * back with the bounded reader and one key table per mapping.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "i18n.h"
#include "record.h"
#include "yamlio.h"


/* Crockford-like alphabet: no i, l, o, u to misread. */
static const char id_alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";

int
avs_id_new(char id[AVS_IDLEN + 1])
{
	unsigned char rnd[AVS_IDLEN];
	size_t i;

	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return -1;
	for (i = 0; i < AVS_IDLEN; i++)
		id[i] = id_alphabet[rnd[i] & 31];
	id[AVS_IDLEN] = '\0';
	return 0;
}

int
avs_id_valid(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != AVS_IDLEN)
		return 0;
	for (i = 0; i < AVS_IDLEN; i++)
		if (strchr(id_alphabet, s[i]) == NULL || s[i] == '\0')
			return 0;
	return 1;
}

struct avs_record *
avs_record_new(void)
{
	struct avs_record *r = avs_xcalloc(1, sizeof(*r));

	r->eligible = 1;
	return r;
}

void
avs_answer_clear(struct avs_answer *a)
{
	avs_sfree(a->id);
	avs_sfree(a->section);
	avs_sfree(a->question);
	avs_sfree(a->value);
	avs_sfree(a->label);
	avs_strv_free(a->values);
	avs_strv_free(a->labels);
	memset(a, 0, sizeof(*a));
}

void
avs_record_free(struct avs_record *r)
{
	size_t i;

	if (r == NULL)
		return;
	avs_sfree(r->qset.name);
	avs_sfree(r->qset.digest);
	avs_sfree(r->qset.lang);
	avs_sfree(r->emp.name);
	avs_sfree(r->emp.title);
	avs_sfree(r->emp.workplace);
	avs_sfree(r->emp.unit);
	avs_sfree(r->emp.employment);
	avs_sfree(r->emp.reason);
	avs_sfree(r->interviewer.name);
	avs_sfree(r->interviewer.role);
	avs_sfree(r->declined_why);
	avs_sfree(r->registration);
	avs_sfree(r->seal_by);
	for (i = 0; i < r->nanswers; i++)
		avs_answer_clear(&r->answers[i]);
	free(r->answers);
	for (i = 0; i < r->ncorrections; i++) {
		avs_sfree(r->corrections[i].field);
		avs_sfree(r->corrections[i].old);
	}
	free(r->corrections);
	avs_wipe(r, sizeof(*r));
	free(r);
}

void
avs_record_facts(const struct avs_record *r, const char *facts[AVS_NFACTS])
{
	facts[AVS_FACT_EMPLOYMENT] = r->emp.employment;
	facts[AVS_FACT_REASON] = r->emp.reason;
	facts[AVS_FACT_ROLE] = r->interviewer.role;
}

struct avs_answer *
avs_record_answer(const struct avs_record *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->nanswers; i++)
		if (strcmp(r->answers[i].id, id) == 0)
			return &r->answers[i];
	return NULL;
}

void
avs_record_put(struct avs_record *r, struct avs_answer *a)
{
	struct avs_answer *old = avs_record_answer(r, a->id);

	if (old != NULL) {
		avs_answer_clear(old);
		*old = *a;
	} else {
		r->answers = avs_xreallocarray(r->answers, r->nanswers + 1,
		    sizeof(*r->answers));
		r->answers[r->nanswers++] = *a;
	}
	memset(a, 0, sizeof(*a));
}

int
avs_answer_given(const struct avs_answer *a)
{
	if (a == NULL || a->skipped)
		return 0;
	if (a->type == AVS_Q_MULTI)
		return a->values != NULL && a->values[0] != NULL;
	return !avs_isempty(a->value);
}

/* --- writing ----------------------------------------------------------- */

static void
write_strv(struct yw *w, const char *key, char **v, int text)
{
	char **p;

	if (v == NULL)
		return;
	avs_yw_token(w, key);
	avs_yw_seq(w, !text);
	for (p = v; *p != NULL; p++) {
		if (text)
			avs_yw_text(w, *p);
		else
			avs_yw_token(w, *p);
	}
	avs_yw_end_seq(w);
}

static void
write_answer(struct yw *w, const struct avs_answer *a)
{
	avs_yw_map(w);
	avs_yw_ktoken(w, "id", a->id);
	avs_yw_ktoken(w, "type", avs_qtype_names[a->type]);
	avs_yw_ktext(w, "section", a->section);
	avs_yw_ktext(w, "question", a->question);
	if (a->skipped)
		avs_yw_kbool(w, "skipped", 1);
	else if (a->type == AVS_Q_MULTI) {
		write_strv(w, "answer", a->values, 0);
		write_strv(w, "answer-text", a->labels, 1);
	} else if (a->type == AVS_Q_TEXT)
		avs_yw_ktext(w, "answer", a->value);
	else {
		avs_yw_ktoken(w, "answer", a->value);
		avs_yw_ktext(w, "answer-text", a->label);
	}
	avs_yw_end_map(w);
}

static int
check_utf8(const struct avs_record *r, struct avs_err *err)
{
	const char *s[] = { r->qset.name, r->qset.digest, r->qset.lang,
	    r->emp.name, r->emp.title, r->emp.workplace, r->emp.unit,
	    r->emp.employment, r->emp.reason, r->interviewer.name,
	    r->interviewer.role, r->declined_why, r->registration,
	    r->seal_by };
	size_t i;
	char **p;

	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		if (s[i] != NULL && !avs_utf8_valid(s[i], strlen(s[i])))
			goto bad;
	for (i = 0; i < r->ncorrections; i++)
		if (r->corrections[i].old != NULL &&
		    !avs_utf8_valid(r->corrections[i].old,
		    strlen(r->corrections[i].old)))
			goto bad;
	for (i = 0; i < r->nanswers; i++) {
		const struct avs_answer *a = &r->answers[i];

		if ((a->value != NULL && !avs_utf8_valid(a->value,
		    strlen(a->value))) || (a->label != NULL &&
		    !avs_utf8_valid(a->label, strlen(a->label))))
			goto bad;
		for (p = a->values; p != NULL && *p != NULL; p++)
			if (!avs_utf8_valid(*p, strlen(*p)))
				goto bad;
	}
	return 0;
bad:
	return avs_fail(err, AVS_EUSAGE, _("record %s: text is not valid "
	    "UTF-8"), r->id);
}

void
avs_record_write_facts(struct yw *w, const struct avs_record *r)
{
	avs_yw_token(w, "employee");
	avs_yw_map(w);
	avs_yw_ktext(w, "name", r->emp.name);
	avs_yw_ktext(w, "title", r->emp.title);
	avs_yw_ktext(w, "workplace", r->emp.workplace);
	avs_yw_ktext(w, "unit", r->emp.unit);
	avs_yw_ktoken(w, "employment", r->emp.employment);
	avs_yw_ktoken(w, "employed-from", r->emp.from);
	avs_yw_ktoken(w, "employed-to", r->emp.to);
	avs_yw_ktoken(w, "reason", r->emp.reason);
	avs_yw_end_map(w);

	avs_yw_token(w, "interviewer");
	avs_yw_map(w);
	avs_yw_ktext(w, "name", r->interviewer.name);
	avs_yw_ktoken(w, "role", r->interviewer.role);
	avs_yw_ktoken(w, "fingerprint", r->interviewer.fpr);
	avs_yw_end_map(w);

	avs_yw_kbool(w, "eligible", r->eligible);
	if (r->forced)
		avs_yw_kbool(w, "forced", 1);
	avs_yw_ktoken(w, "declined", r->declined_why);
}

int
avs_record_write(const struct avs_record *r, struct avs_buf *out,
    struct avs_err *err)
{
	struct yw *w;
	size_t i;
	int rc;

	if ((rc = check_utf8(r, err)) != 0)
		return rc;
	avs_buf_reset(out);
	w = avs_yw_begin(out);
	avs_yw_map(w);
	avs_yw_kint(w, "avslut-record", AVS_RECORD_FORMAT);
	avs_yw_ktoken(w, "id", r->id);
	avs_yw_ktoken(w, "state", avs_state_names[r->state]);
	avs_yw_ktoken(w, "registered", r->registered);
	avs_yw_ktoken(w, "questions-sent", r->questions_sent);
	avs_yw_ktoken(w, "interview-date", r->interview_date);
	avs_yw_ktoken(w, "sealed", r->sealed);

	avs_yw_token(w, "question-set");
	avs_yw_map(w);
	avs_yw_ktoken(w, "name", r->qset.name);
	avs_yw_kint(w, "version", r->qset.version);
	avs_yw_ktoken(w, "digest", r->qset.digest);
	avs_yw_ktoken(w, "language", r->qset.lang);
	avs_yw_end_map(w);

	avs_record_write_facts(w, r);
	avs_yw_ktext(w, "registration", r->registration);
	if (r->seal_by != NULL) {
		avs_yw_token(w, "seal");
		avs_yw_map(w);
		avs_yw_ktoken(w, "by", r->seal_by);
		avs_yw_kbool(w, "employee-reviewed", r->employee_reviewed);
		avs_yw_end_map(w);
	}
	if (r->ncorrections > 0) {
		avs_yw_token(w, "corrections");
		avs_yw_seq(w, 0);
		for (i = 0; i < r->ncorrections; i++) {
			avs_yw_map(w);
			avs_yw_ktoken(w, "field", r->corrections[i].field);
			avs_yw_ktext(w, "old", r->corrections[i].old);
			avs_yw_ktoken(w, "on", r->corrections[i].on);
			avs_yw_ktoken(w, "by", r->corrections[i].by);
			avs_yw_end_map(w);
		}
		avs_yw_end_seq(w);
	}
	avs_yw_token(w, "answers");
	avs_yw_seq(w, 0);
	for (i = 0; i < r->nanswers; i++)
		write_answer(w, &r->answers[i]);
	avs_yw_end_seq(w);
	avs_yw_end_map(w);
	return avs_yw_end(w, err);
}

/* --- reading ----------------------------------------------------------- */

struct rd {
	struct avs_record *r;
	struct avs_answer *a;
	struct avs_correction *k;
};

static int
enum_value(const struct yctx *c, const struct ynode *n,
    const char *const *values, char **out)
{
	char jb[256];
	int rc;

	if ((rc = avs_ystr(c, n, out)) != 0)
		return rc;
	if (avs_lookup(values, *out) < 0)
		return avs_yerr(c, n, _("\"%.40s\" is not one of %s"), *out,
		    avs_join(values, ", ", jb, sizeof(jb)));
	return 0;
}

static int
strv_read(const struct yctx *c, const struct ynode *n, char ***out)
{
	size_t i;
	int rc;

	if ((rc = avs_ytype(c, n, YN_SEQ)) != 0)
		return rc;
	avs_strv_free(*out);
	*out = avs_xcalloc(n->n + 1, sizeof(**out));
	for (i = 0; i < n->n; i++)
		if ((rc = avs_ystr(c, n->items[i], &(*out)[i])) != 0)
			return rc;
	return 0;
}

#define STR_FN(name, field)						\
static int								\
name(const struct yctx *c, const struct ynode *n, void *obj)		\
{									\
	struct rd *d = obj;						\
	return avs_ystr(c, n, &(field));				\
}

/* A value a record must have.  The writer leaves an empty value out, so
 * a record read with one could be saved but never read back. */
static int
required_str(const struct yctx *c, const struct ynode *n, char **out)
{
	int rc;

	if ((rc = avs_ystr(c, n, out)) != 0)
		return rc;
	if (**out == '\0')
		return avs_yerr(c, n, _("empty text"));
	return 0;
}

#define REQ_FN(name, field)						\
static int								\
name(const struct yctx *c, const struct ynode *n, void *obj)		\
{									\
	struct rd *d = obj;						\
	return required_str(c, n, &(field));				\
}

#define DATE_FN(name, field)						\
static int								\
name(const struct yctx *c, const struct ynode *n, void *obj)		\
{									\
	struct rd *d = obj;						\
	return avs_ydate(c, n, field);					\
}

static int
r_id(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct rd *d = obj;
	int rc;

	if ((rc = avs_ytype(c, n, YN_SCALAR)) != 0)
		return rc;
	if (!avs_id_valid(n->str))
		return avs_yerr(c, n, _("invalid record id"));
	memcpy(d->r->id, n->str, AVS_IDLEN + 1);
	return 0;
}

static int
r_state(const struct yctx *c, const struct ynode *n, void *obj)
{
	int s = avs_lookup(avs_state_names, n->str);

	if (s < 0)
		return avs_yerr(c, n, _("unknown state \"%.40s\""), n->str);
	((struct rd *)obj)->r->state = (enum avs_state)s;
	return 0;
}

DATE_FN(r_registered, d->r->registered)
DATE_FN(r_sent, d->r->questions_sent)
DATE_FN(r_interview, d->r->interview_date)
DATE_FN(r_sealed, d->r->sealed)
REQ_FN(r_qs_name, d->r->qset.name)
REQ_FN(r_qs_digest, d->r->qset.digest)
REQ_FN(r_qs_lang, d->r->qset.lang)

static int
r_qs_version(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_yint(c, n, 1, 1000000, &((struct rd *)obj)->r->qset.version);
}

static const struct ykey qset_keys[] = {
	{ "name", YN_SCALAR, 1, r_qs_name },
	{ "version", YN_SCALAR, 1, r_qs_version },
	{ "digest", YN_SCALAR, 1, r_qs_digest },
	{ "language", YN_SCALAR, 1, r_qs_lang },
	{ NULL, 0, 0, NULL }
};

static int
r_qset(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_ymap(c, n, qset_keys, obj);
}

REQ_FN(r_e_name, d->r->emp.name)
STR_FN(r_e_title, d->r->emp.title)
STR_FN(r_e_workplace, d->r->emp.workplace)
STR_FN(r_e_unit, d->r->emp.unit)
DATE_FN(r_e_from, d->r->emp.from)
DATE_FN(r_e_to, d->r->emp.to)

static int
r_e_employment(const struct yctx *c, const struct ynode *n, void *obj)
{
	return enum_value(c, n, avs_employment_values,
	    &((struct rd *)obj)->r->emp.employment);
}

static int
r_e_reason(const struct yctx *c, const struct ynode *n, void *obj)
{
	return enum_value(c, n, avs_reason_values,
	    &((struct rd *)obj)->r->emp.reason);
}

static const struct ykey employee_keys[] = {
	{ "name", YN_SCALAR, 1, r_e_name },
	{ "title", YN_SCALAR, 0, r_e_title },
	{ "workplace", YN_SCALAR, 0, r_e_workplace },
	{ "unit", YN_SCALAR, 0, r_e_unit },
	{ "employment", YN_SCALAR, 1, r_e_employment },
	{ "employed-from", YN_SCALAR, 1, r_e_from },
	{ "employed-to", YN_SCALAR, 1, r_e_to },
	{ "reason", YN_SCALAR, 1, r_e_reason },
	{ NULL, 0, 0, NULL }
};

static int
r_employee(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_ymap(c, n, employee_keys, obj);
}

STR_FN(r_i_name, d->r->interviewer.name)

static int
r_i_role(const struct yctx *c, const struct ynode *n, void *obj)
{
	return enum_value(c, n, avs_role_values,
	    &((struct rd *)obj)->r->interviewer.role);
}

static int
r_i_fpr(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct rd *d = obj;
	size_t i;

	for (i = 0; i < n->len; i++)
		if (!((n->str[i] >= '0' && n->str[i] <= '9') ||
		    (n->str[i] >= 'A' && n->str[i] <= 'F')))
			break;
	if (n->len != 40 || i != n->len)
		return avs_yerr(c, n, _("invalid fingerprint"));
	memcpy(d->r->interviewer.fpr, n->str, 41);
	return 0;
}

static const struct ykey interviewer_keys[] = {
	{ "name", YN_SCALAR, 0, r_i_name },
	{ "role", YN_SCALAR, 1, r_i_role },
	{ "fingerprint", YN_SCALAR, 1, r_i_fpr },
	{ NULL, 0, 0, NULL }
};

static int
r_interviewer(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_ymap(c, n, interviewer_keys, obj);
}

static int
r_eligible(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_ybool(c, n, &((struct rd *)obj)->r->eligible);
}

static int
r_forced(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_ybool(c, n, &((struct rd *)obj)->r->forced);
}

static int
r_declined(const struct yctx *c, const struct ynode *n, void *obj)
{
	return enum_value(c, n, avs_declined_values,
	    &((struct rd *)obj)->r->declined_why);
}

REQ_FN(r_s_by, d->r->seal_by)
STR_FN(r_registration, d->r->registration)

static int
r_s_reviewed(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_ybool(c, n, &((struct rd *)obj)->r->employee_reviewed);
}

static const struct ykey seal_keys[] = {
	{ "by", YN_SCALAR, 1, r_s_by },
	{ "employee-reviewed", YN_SCALAR, 0, r_s_reviewed },
	{ NULL, 0, 0, NULL }
};

static int
r_seal(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_ymap(c, n, seal_keys, obj);
}

static int
a_id(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_yident(c, n, &((struct rd *)obj)->a->id);
}

static int
a_type(const struct yctx *c, const struct ynode *n, void *obj)
{
	int t = avs_lookup(avs_qtype_names, n->str);

	if (t < 0)
		return avs_yerr(c, n, _("unknown question type \"%.40s\""),
		    n->str);
	((struct rd *)obj)->a->type = (enum avs_qtype)t;
	return 0;
}

STR_FN(a_section, d->a->section)
STR_FN(a_question, d->a->question)

static int
a_skipped(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_ybool(c, n, &((struct rd *)obj)->a->skipped);
}

/* "answer" and "answer-text" are a list for multi, a value otherwise. */
static int
a_answer(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct avs_answer *a = ((struct rd *)obj)->a;

	if (a->type == AVS_Q_MULTI)
		return strv_read(c, n, &a->values);
	return avs_ystr(c, n, &a->value);
}

static int
a_answer_text(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct avs_answer *a = ((struct rd *)obj)->a;

	if (a->type == AVS_Q_MULTI)
		return strv_read(c, n, &a->labels);
	return avs_ystr(c, n, &a->label);
}

/* The value types of answer and answer-text depend on the type, so the
 * table takes them as scalars and answers_fix() checks lists. */
static const struct ykey answer_keys[] = {
	{ "id", YN_SCALAR, 1, a_id },
	{ "type", YN_SCALAR, 1, a_type },
	{ "section", YN_SCALAR, 0, a_section },
	{ "question", YN_SCALAR, 0, a_question },
	{ "skipped", YN_SCALAR, 0, a_skipped },
	{ "answer", YN_SCALAR, 0, a_answer },
	{ "answer-text", YN_SCALAR, 0, a_answer_text },
	{ NULL, 0, 0, NULL }
};

static const struct ykey answer_keys_multi[] = {
	{ "id", YN_SCALAR, 1, a_id },
	{ "type", YN_SCALAR, 1, a_type },
	{ "section", YN_SCALAR, 0, a_section },
	{ "question", YN_SCALAR, 0, a_question },
	{ "skipped", YN_SCALAR, 0, a_skipped },
	{ "answer", YN_SEQ, 0, a_answer },
	{ "answer-text", YN_SEQ, 0, a_answer_text },
	{ NULL, 0, 0, NULL }
};

/* Answers in order of their question, equal ones in document order. */
static int
answer_cmp(const void *a, const void *b)
{
	const struct avs_answer *x = *(const struct avs_answer *const *)a;
	const struct avs_answer *y = *(const struct avs_answer *const *)b;
	int d = strcmp(x->id, y->id);

	return d != 0 ? d : (x > y) - (x < y);
}

/* A question answered twice, the first repeat in the document named:
 * sorted, not compared pairwise, so n answers cost O(n log n). */
static int
answered_twice(const struct yctx *c, const struct ynode *n,
    const struct avs_record *r)
{
	const struct avs_answer **v;
	size_t i, first = r->nanswers;

	if (r->nanswers < 2)
		return 0;
	v = avs_xreallocarray(NULL, r->nanswers, sizeof(*v));
	for (i = 0; i < r->nanswers; i++)
		v[i] = &r->answers[i];
	qsort(v, r->nanswers, sizeof(*v), answer_cmp);
	for (i = 1; i < r->nanswers; i++)
		if (strcmp(v[i]->id, v[i - 1]->id) == 0 &&
		    (i < 2 || strcmp(v[i - 1]->id, v[i - 2]->id) != 0) &&
		    (size_t)(v[i] - r->answers) < first)
			first = (size_t)(v[i] - r->answers);
	free(v);
	if (first == r->nanswers)
		return 0;
	return avs_yerr(c, n->items[first], _("question \"%s\" is answered "
	    "twice"), r->answers[first].id);
}

static int
r_answers(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct rd *d = obj;
	const struct ynode *t;
	size_t i;
	int rc;

	d->r->answers = avs_xcalloc(n->n ? n->n : 1, sizeof(*d->r->answers));
	for (i = 0; i < n->n; i++) {
		d->a = &d->r->answers[i];
		d->r->nanswers = i + 1;
		t = avs_yget(n->items[i], "type");
		rc = avs_ymap(c, n->items[i], t != NULL &&
		    t->type == YN_SCALAR && strcmp(t->str, "multi") == 0 ?
		    answer_keys_multi : answer_keys, d);
		if (rc != 0)
			return rc;
	}
	return answered_twice(c, n, d->r);
}

static int
k_field(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_yident(c, n, &((struct rd *)obj)->k->field);
}

STR_FN(k_old, d->k->old)
DATE_FN(k_on, d->k->on)

static int
k_by(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct rd *d = obj;
	char *s = NULL;
	int rc;

	if ((rc = avs_ystr(c, n, &s)) == 0 && avs_fpr_parse(s, d->k->by) != 0)
		rc = avs_yerr(c, n, _("invalid fingerprint"));
	avs_sfree(s);
	return rc;
}

static const struct ykey correction_keys[] = {
	{ "field", YN_SCALAR, 1, k_field },
	{ "old", YN_SCALAR, 0, k_old },
	{ "on", YN_SCALAR, 1, k_on },
	{ "by", YN_SCALAR, 1, k_by },
	{ NULL, 0, 0, NULL }
};

static int
r_corrections(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct rd *d = obj;
	size_t i;
	int rc;

	d->r->corrections = avs_xcalloc(n->n ? n->n : 1,
	    sizeof(*d->r->corrections));
	for (i = 0; i < n->n; i++) {
		d->k = &d->r->corrections[i];
		d->r->ncorrections = i + 1;
		if ((rc = avs_ymap(c, n->items[i], correction_keys, d)) != 0)
			return rc;
	}
	return 0;
}

static const struct ykey record_keys[] = {
	{ "avslut-record", YN_SCALAR, 1, NULL },	/* avs_yformat */
	{ "id", YN_SCALAR, 1, r_id },
	{ "state", YN_SCALAR, 1, r_state },
	{ "registered", YN_SCALAR, 1, r_registered },
	{ "questions-sent", YN_SCALAR, 0, r_sent },
	{ "interview-date", YN_SCALAR, 0, r_interview },
	{ "sealed", YN_SCALAR, 0, r_sealed },
	{ "question-set", YN_MAP, 1, r_qset },
	{ "employee", YN_MAP, 1, r_employee },
	{ "interviewer", YN_MAP, 1, r_interviewer },
	{ "eligible", YN_SCALAR, 0, r_eligible },
	{ "forced", YN_SCALAR, 0, r_forced },
	{ "declined", YN_SCALAR, 0, r_declined },
	{ "registration", YN_SCALAR, 0, r_registration },
	{ "seal", YN_MAP, 0, r_seal },
	{ "corrections", YN_SEQ, 0, r_corrections },
	{ "answers", YN_SEQ, 1, r_answers },
	{ NULL, 0, 0, NULL }
};

int
avs_record_read(const char *name, const void *data, size_t len,
    struct avs_record **out, struct avs_err *err)
{
	struct ydoc *doc;
	struct yctx c = { name, err };
	struct rd d;
	int rc;

	*out = NULL;
	if ((rc = avs_yaml_parse(name, data, len, &avs_ylimits_record, &doc,
	    err)) != 0)
		return rc;
	memset(&d, 0, sizeof(d));
	d.r = avs_record_new();
	rc = avs_yformat(&c, avs_yaml_root(doc), "avslut-record",
	    AVS_RECORD_FORMAT);
	if (rc == 0)
		rc = avs_ymap(&c, avs_yaml_root(doc), record_keys, &d);
	if (rc == 0 && d.r->state == AVS_DECLINED && d.r->declined_why == NULL)
		rc = avs_yerr(&c, avs_yaml_root(doc), _("a declined record "
		    "needs its reason"));
	if (rc == 0 && d.r->state == AVS_SEALED &&
	    (d.r->seal_by == NULL || d.r->sealed[0] == '\0'))
		rc = avs_yerr(&c, avs_yaml_root(doc), _("a sealed record "
		    "needs its seal"));
	if (rc == 0 && d.r->ncorrections > 0 && d.r->state != AVS_SEALED)
		rc = avs_yerr(&c, avs_yaml_root(doc), _("only a sealed "
		    "record has corrections"));
	avs_yaml_free(doc);
	if (rc != 0) {
		avs_record_free(d.r);
		return rc;
	}
	*out = d.r;
	return 0;
}
