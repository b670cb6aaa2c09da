/*
 * interview.c -- the rules of answering, shared by the interactive and
 * the scripted avslut-ask.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsio.h"
#include "i18n.h"
#include "interview.h"
#include "register.h"
#include "text.h"
#include "yamlio.h"

static void
collect_asked(struct avs_interview *iv)
{
	const char *facts[AVS_NFACTS];
	size_t i;

	avs_record_facts(iv->rec, facts);
	iv->asked = avs_xcalloc(iv->qs->nquestions, sizeof(*iv->asked));
	iv->nasked = 0;
	for (i = 0; i < iv->qs->nquestions; i++)
		if (avs_question_applies(&iv->qs->questions[i], facts))
			iv->asked[iv->nasked++] = &iv->qs->questions[i];
}

/* The set's language for the record, and the questions asked. */
static int
prepare(struct avs_interview *iv, struct avs_err *err)
{
	if ((iv->lang = avs_qset_lang(iv->qs, iv->rec->qset.lang)) < 0)
		return avs_fail(err, AVS_ERUN, _("question set %s has no \"%s\" "
		    "texts"), iv->qs->name, iv->rec->qset.lang);
	iv->set_changed = !avs_streq(iv->qs->digest, iv->rec->qset.digest);
	collect_asked(iv);
	return 0;
}

int
avs_iv_from(struct avs_record *rec, struct avs_qset *qs,
    struct avs_interview **out, struct avs_err *err)
{
	struct avs_interview *iv = avs_xcalloc(1, sizeof(*iv));
	int rc;

	iv->rec = rec;
	iv->qs = qs;
	if ((rc = prepare(iv, err)) != 0) {
		avs_iv_close(iv);
		iv = NULL;
	}
	*out = iv;
	return rc;
}

int
avs_iv_open(struct avs_store *st, struct avs_crypto *c, const char *id,
    const char *command, struct avs_interview **out, struct avs_err *err)
{
	struct avs_interview *iv;
	int rc;

	*out = NULL;
	iv = avs_xcalloc(1, sizeof(*iv));
	iv->st = st;
	iv->c = c;
	if ((rc = avs_rec_open(st, c, id, command, AVS_OPEN_CHANGE, &iv->ro,
	    err)) != 0)
		goto fail;
	iv->rec = iv->ro.rec;
	if ((rc = avs_rec_writer(st, c, iv->rec, iv->writer, err)) != 0 ||
	    (rc = avs_store_qset(st, c, iv->rec->qset.name, &iv->qs, err)) != 0 ||
	    (rc = prepare(iv, err)) != 0)
		goto fail;
	*out = iv;
	return 0;
fail:
	avs_iv_close(iv);
	return rc;
}

int
avs_iv_language(struct avs_interview *iv, const char *lang,
    struct avs_err *err)
{
	int li;

	if (lang == NULL)
		return 0;
	if ((li = avs_qset_lang(iv->qs, lang)) < 0)
		return avs_fail(err, AVS_EUSAGE, _("--lang: question set %s has "
		    "no \"%.10s\" texts"), iv->qs->name, lang);
	if (li == iv->lang)
		return 0;
	if (iv->rec->state != AVS_PLANNED)
		return avs_fail(err, AVS_EPOLICY, _("record %s: the interview "
		    "began in \"%s\" and keeps that language"), iv->rec->id,
		    iv->rec->qset.lang);
	iv->lang = li;
	avs_sfree(iv->rec->qset.lang);
	iv->rec->qset.lang = avs_xstrdup(iv->qs->langs[li]);
	return 0;
}

void
avs_iv_close(struct avs_interview *iv)
{
	if (iv == NULL)
		return;
	if (iv->rec == iv->ro.rec)
		avs_rec_close(&iv->ro);
	else
		avs_record_free(iv->rec);
	avs_qset_free(iv->qs);
	free(iv->asked);
	free(iv);
}

const struct avs_answer *
avs_iv_answer(const struct avs_interview *iv, size_t i)
{
	return i < iv->nasked ? avs_record_answer(iv->rec, iv->asked[i]->id) :
	    NULL;
}

size_t
avs_iv_next_open(const struct avs_interview *iv, size_t from, int interviewer)
{
	const struct avs_answer *a;
	size_t i;

	for (i = from; i < iv->nasked; i++) {
		if (!interviewer && iv->asked[i]->interviewer)
			continue;
		a = avs_iv_answer(iv, i);
		if (a == NULL || (!a->skipped && !avs_answer_given(a)))
			return i;
	}
	return iv->nasked;
}

const char *
avs_iv_text(const struct avs_interview *iv, char *const *t)
{
	return t != NULL ? t[iv->lang] : "";
}

const char *
avs_iv_yesno(const struct avs_interview *iv, int yes)
{
	const struct avs_words *w = avs_words(iv->qs->langs[iv->lang]);

	return yes ? w->yes : w->no;
}

static char **
strv_new(size_t n)
{
	return avs_xcalloc(n + 1, sizeof(char *));
}

/* One option by its number (1-based) or its id. */
static const struct avs_option *
find_option(const struct avs_question *q, const char *s, size_t len)
{
	char tok[48];
	char *end;
	long n;

	if (len == 0 || len >= sizeof(tok))
		return NULL;
	memcpy(tok, s, len);
	tok[len] = '\0';
	n = strtol(tok, &end, 10);
	if (*end == '\0' && n >= 1 && (size_t)n <= q->nopts)
		return &q->opts[n - 1];
	return avs_question_option(q, tok);
}

static int
parse_multi(const struct avs_interview *iv, const struct avs_question *q,
    const char *input, struct avs_answer *a, struct avs_err *err)
{
	const struct avs_option *o;
	const char *p = input;
	size_t len, n = 0, i;

	a->values = strv_new(q->nopts);
	a->labels = strv_new(q->nopts);
	for (;;) {
		p += strspn(p, ", \t\n");
		if (*p == '\0')
			break;
		len = strcspn(p, ", \t\n");
		if ((o = find_option(q, p, len)) == NULL)
			return avs_fail(err, AVS_EUSAGE, _("an answer is not "
			    "one of the choices 1-%zu"), q->nopts);
		for (i = 0; i < n; i++)
			if (strcmp(a->values[i], o->id) == 0)
				break;
		if (i == n) {
			a->values[n] = avs_xstrdup(o->id);
			a->labels[n++] = avs_xstrdup(avs_iv_text(iv, o->text));
		}
		p += len;
	}
	if (n == 0)
		return avs_fail(err, AVS_EUSAGE, _("choose at least one"));
	return 0;
}

static int
parse_yesno(const struct avs_interview *iv, const char *s,
    struct avs_answer *a, struct avs_err *err)
{
	static const char *const yes[] = { "1", "j", "ja", "y", "yes", "true",
	    "k", "kyllä", NULL };
	static const char *const no[] = { "2", "n", "nej", "no", "false",
	    "e", "ei", NULL };
	char low[8];
	size_t i;

	for (i = 0; s[i] != '\0' && i + 1 < sizeof(low); i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[i] = '\0';
	if (s[i] == '\0' && avs_lookup(yes, low) >= 0)
		a->value = avs_xstrdup("yes");
	else if (s[i] == '\0' && avs_lookup(no, low) >= 0)
		a->value = avs_xstrdup("no");
	else
		return avs_fail(err, AVS_EUSAGE, _("answer yes or no (1 or "
		    "2)"));
	a->label = avs_xstrdup(avs_iv_yesno(iv, a->value[0] == 'y'));
	return 0;
}

int
avs_iv_parse(const struct avs_interview *iv, const struct avs_question *q,
    const char *input, struct avs_answer *out, struct avs_err *err)
{
	const struct avs_option *o;
	char tmp[48], *end;
	size_t n;
	long v;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	out->type = q->type;
	/* Trim blanks around the coded kinds; text stays exactly as typed. */
	while (q->type != AVS_Q_TEXT && isspace((unsigned char)*input))
		input++;
	n = strlen(input);
	while (q->type != AVS_Q_TEXT && n > 0 &&
	    isspace((unsigned char)input[n - 1]))
		n--;
	if (q->type == AVS_Q_TEXT) {
		/* Text as typed, less the line ends after it. */
		n = strlen(input);
		while (n > 0 && (input[n - 1] == '\n' || input[n - 1] == '\r'))
			n--;
		out->value = avs_xstrndup(input, n);
		if (!avs_utf8_valid(out->value, n))
			rc = avs_fail(err, AVS_EUSAGE, _("the answer is not "
			    "valid UTF-8"));
		else if (avs_isempty(out->value))
			rc = avs_fail(err, AVS_EUSAGE, _("the answer is empty"));
		else if (avs_text_control(out->value, 1))
			rc = avs_fail(err, AVS_EUSAGE, _("the answer contains a "
			    "control character (only new lines and tabs may be "
			    "typed)"));
	} else if (q->type == AVS_Q_MULTI)
		rc = parse_multi(iv, q, input, out, err);
	else if (n == 0 || n >= sizeof(tmp))
		rc = avs_fail(err, AVS_EUSAGE, _("no valid answer given"));
	else {
		memcpy(tmp, input, n);
		tmp[n] = '\0';
		if (q->type == AVS_Q_CHOICE) {
			if ((o = find_option(q, tmp, n)) == NULL)
				rc = avs_fail(err, AVS_EUSAGE, _("the answer is "
				    "not one of the choices 1-%zu"), q->nopts);
			else {
				out->value = avs_xstrdup(o->id);
				out->label = avs_xstrdup(avs_iv_text(iv,
				    o->text));
			}
		} else if (q->type == AVS_Q_SCALE) {
			errno = 0;
			v = strtol(tmp, &end, 10);
			if (*end != '\0' || errno != 0 || v < q->smin ||
			    v > q->smax)
				rc = avs_fail(err, AVS_EUSAGE, _("answer a number "
				    "from %ld to %ld"), q->smin, q->smax);
			else
				out->value = avs_xasprintf("%ld", v);
		} else
			rc = parse_yesno(iv, tmp, out, err);
	}
	if (rc != 0)
		avs_answer_clear(out);
	return rc;
}

static void
start(struct avs_interview *iv)
{
	struct avs_record *r = iv->rec;

	if (r->state != AVS_PLANNED)
		return;
	/* The interview is held now, with the set as it is now. */
	r->state = AVS_IN_PROGRESS;
	avs_today_str(r->interview_date);
	avs_sfree(r->qset.digest);
	r->qset.digest = avs_xstrdup(iv->qs->digest);
	r->qset.version = iv->qs->version;
	iv->set_changed = 0;
}

static void
as_asked(const struct avs_interview *iv, const struct avs_question *q,
    struct avs_answer *a)
{
	a->id = avs_xstrdup(q->id);
	a->type = q->type;
	a->section = avs_xstrdup(avs_iv_text(iv,
	    iv->qs->sections[q->section].title));
	a->question = avs_xstrdup(avs_iv_text(iv, q->text));
}

void
avs_iv_put(struct avs_interview *iv, const struct avs_question *q,
    struct avs_answer *a)
{
	start(iv);
	avs_sfree(a->id);
	avs_sfree(a->section);
	avs_sfree(a->question);
	as_asked(iv, q, a);
	avs_record_put(iv->rec, a);
}

void
avs_iv_skip(struct avs_interview *iv, const struct avs_question *q)
{
	struct avs_answer a;

	memset(&a, 0, sizeof(a));
	a.type = q->type;
	a.skipped = 1;
	avs_iv_put(iv, q, &a);
}

int
avs_iv_save(struct avs_interview *iv, struct avs_err *err)
{
	return avs_rec_save(iv->st, iv->c, iv->rec, iv->writer, 0, err);
}

/* --- scripted answers ---------------------------------------------------- */

static const struct avs_question *
asked_question(const struct avs_interview *iv, const char *id)
{
	size_t i;

	for (i = 0; i < iv->nasked; i++)
		if (strcmp(iv->asked[i]->id, id) == 0)
			return iv->asked[i];
	return NULL;
}

/* One value of the answers file: a scalar, or a list for multi. */
static int
answer_value(const struct avs_interview *iv, const struct yctx *c,
    const struct avs_question *q, const struct ynode *v, struct avs_answer *a)
{
	struct avs_buf joined = AVS_BUF_INIT;
	struct avs_err e = AVS_ERR_INIT;
	size_t i;
	int rc;

	if (q->type == AVS_Q_MULTI && v->type == YN_SEQ) {
		for (i = 0; i < v->n; i++) {
			if (v->items[i]->type != YN_SCALAR) {
				avs_buf_free(&joined);
				return avs_yerr(c, v->items[i], _("question "
				    "\"%s\": expected a list of choices"),
				    q->id);
			}
			avs_buf_printf(&joined, "%s%s", i ? "," : "",
			    v->items[i]->str);
		}
	} else if (v->type != YN_SCALAR)
		return avs_yerr(c, v, _("question \"%s\" (%s): expected a single "
		    "value"), q->id, avs_qtype_names[q->type]);
	else
		avs_buf_adds(&joined, v->str);
	rc = avs_iv_parse(iv, q, joined.p != NULL ? joined.p : "", a, &e);
	avs_buf_free(&joined);
	if (rc != 0)
		return avs_yerr(c, v, _("question \"%s\": %s"), q->id, e.msg);
	return 0;
}

int
avs_iv_answers(struct avs_interview *iv, const char *file, const void *data,
    size_t len, struct avs_err *err)
{
	const char *facts[AVS_NFACTS];
	struct ydoc *doc = NULL;
	const struct ynode *root, *k;
	const struct avs_question *q, *found;
	struct avs_answer *as = NULL;
	struct yctx c = { file, err };
	size_t i, n = 0;
	int rc;

	if ((rc = avs_yaml_parse(file, data, len, &avs_ylimits_record, &doc,
	    err)) != 0)
		return rc;
	root = avs_yaml_root(doc);
	if ((rc = avs_ytype(&c, root, YN_MAP)) != 0)
		goto done;
	avs_record_facts(iv->rec, facts);
	as = avs_xcalloc(root->n ? root->n : 1, sizeof(*as));
	/* Check everything first ... */
	for (i = 0; i < root->n; i++) {
		k = root->items[2 * i];
		found = avs_qset_question(iv->qs, k->str);
		if (found == NULL) {
			rc = avs_yerr(&c, k, _("unknown question \"%.40s\""),
			    k->str);
			goto done;
		}
		if ((q = asked_question(iv, k->str)) == NULL) {
			rc = avs_yerr(&c, k, _("question \"%s\" is not asked "
			    "in this interview (its condition does not hold)"),
			    k->str);
			goto done;
		}
		if ((rc = answer_value(iv, &c, q, root->items[2 * i + 1],
		    &as[n])) != 0)
			goto done;
		n++;
	}
	/* ... then change the record. */
	for (i = 0; i < n; i++)
		avs_iv_put(iv, asked_question(iv, root->items[2 * i]->str),
		    &as[i]);
done:
	for (i = 0; i < n; i++)
		avs_answer_clear(&as[i]);
	free(as);
	avs_yaml_free(doc);
	return rc;
}

size_t
avs_iv_missing(const struct avs_record *r, const struct avs_qset *qs,
    char *buf, size_t len)
{
	const char *facts[AVS_NFACTS];
	size_t i, n = 0, used = 0;

	if (len > 0)
		buf[0] = '\0';
	avs_record_facts(r, facts);
	for (i = 0; i < qs->nquestions; i++) {
		const struct avs_question *q = &qs->questions[i];

		if (!q->required || !avs_question_applies(q, facts) ||
		    avs_answer_given(avs_record_answer(r, q->id)))
			continue;
		if (used < len)
			used += (size_t)snprintf(buf + used, len - used, "%s%s",
			    n > 0 ? ", " : "", q->id);
		n++;
	}
	return n;
}
