/*
 * guide.c -- the printable, e-mailable question guide.
 *
 * It carries the set's own texts: the title, the purpose and routine, the
 * guide's title and introduction, the header fields and every question of
 * the original document (additions and the interviewer's own questions
 * are left out).  The greeting is the only text of ours; it follows the
 * guide's language, not the user's locale.
 */
#include <stdio.h>
#include <string.h>

#include "guide.h"
#include "i18n.h"
#include "text.h"
#include "vault.h"

#define WIDTH 72

/* Salutation (with the name) and one sentence, in the guide's language. */
static void
greeting(const struct avs_qset *qs, int lang, const char *name,
    struct avs_buf *out)
{
	const struct avs_words *w = avs_words(qs->langs[lang]);

	avs_buf_printf(out, "%s%s%s\n\n", w->greet, name, w->greet_end);
	avs_text_wrap(out, w->sentence, NULL, "", WIDTH);
	avs_buf_addc(out, '\n');
}

static const char *
field_value(const struct avs_record *r, const char *field)
{
	if (r == NULL)
		return NULL;
	if (strcmp(field, "name") == 0)
		return r->emp.name;
	if (strcmp(field, "title") == 0)
		return r->emp.title;
	if (strcmp(field, "workplace") == 0)
		return r->emp.workplace;
	if (strcmp(field, "unit") == 0)
		return r->emp.unit;
	if (strcmp(field, "employed-from") == 0)
		return r->emp.from;
	if (strcmp(field, "employed-to") == 0)
		return r->emp.to;
	if (strcmp(field, "interview-date") == 0)
		return r->interview_date;
	return NULL;
}

/* The set's texts are checked when it is loaded; they are made safe
 * here all the same, as everything a store writer could have written. */
static void
heading(struct avs_buf *out, const char *s, const char *rule)
{
	struct avs_buf safe = AVS_BUF_INIT;

	avs_text_safe(&safe, s, 0);
	avs_buf_add(out, safe.p, safe.len);
	avs_buf_addc(out, '\n');
	avs_text_repeat(out, rule, avs_text_width(safe.p));
	avs_buf_add(out, "\n\n", 2);
	avs_buf_free(&safe);
}

static void
value_or_blank(struct avs_buf *out, const char *v, size_t blank)
{
	if (v != NULL && *v != '\0')
		avs_text_safe(out, v, 0);
	else
		avs_text_repeat(out, "_", blank);
}

static void
header(const struct avs_qset *qs, int lang, const struct avs_record *r,
    struct avs_buf *out)
{
	size_t i, w, lw = 0;

	for (i = 0; i < qs->nheader; i++)
		if ((w = avs_text_width(qs->header[i].label[lang])) > lw)
			lw = w;
	for (i = 0; i < qs->nheader; i++) {
		const struct avs_header *h = &qs->header[i];

		avs_text_safe(out, h->label[lang], 0);
		avs_buf_addc(out, ':');
		avs_text_repeat(out, " ", lw - avs_text_width(h->label[lang]) +
		    2);
		if (h->to_field != NULL) {
			avs_text_safe(out, h->from_label[lang], 0);
			avs_buf_addc(out, ' ');
			value_or_blank(out, field_value(r, h->field), 12);
			avs_buf_adds(out, "  ");
			avs_text_safe(out, h->to_label[lang], 0);
			avs_buf_addc(out, ' ');
			value_or_blank(out, field_value(r, h->to_field), 12);
		} else
			value_or_blank(out, field_value(r, h->field), 36);
		avs_buf_addc(out, '\n');
	}
	if (qs->nheader > 0)
		avs_buf_addc(out, '\n');
}

void
avs_guide(const struct avs_qset *qs, int lang, const struct avs_record *r,
    struct avs_buf *out)
{
	const char *facts[AVS_NFACTS];
	struct avs_buf tmp = AVS_BUF_INIT;
	size_t s, k, num = 0;
	char lead[16];

	if (r != NULL)
		avs_record_facts(r, facts);
	heading(out, qs->title[lang], "=");
	if (r != NULL && r->emp.name != NULL) {
		avs_text_safe(&tmp, r->emp.name, 0);
		greeting(qs, lang, tmp.p, out);
	}
	if (qs->about != NULL) {
		avs_text_wrap(out, qs->about[lang], NULL, "", WIDTH);
		avs_buf_addc(out, '\n');
	}
	heading(out, qs->guide_title[lang], "-");
	if (qs->guide_intro != NULL) {
		avs_text_wrap(out, qs->guide_intro[lang], NULL, "", WIDTH);
		avs_buf_addc(out, '\n');
	}
	header(qs, lang, r, out);
	for (s = 0; s < qs->nsections; s++) {
		const struct avs_section *sec = &qs->sections[s];
		int shown = 0;

		for (k = sec->first; k < sec->first + sec->n; k++) {
			const struct avs_question *q = &qs->questions[k];

			if (q->addition || q->interviewer ||
			    (r != NULL && !avs_question_applies(q, facts)))
				continue;
			if (!shown++)
				heading(out, sec->title[lang], "-");
			snprintf(lead, sizeof(lead), "%2zu. ", ++num);
			avs_text_wrap(out, q->text[lang], lead, "    ", WIDTH);
			avs_buf_addc(out, '\n');
		}
	}
	avs_buf_free(&tmp);
}

void
avs_guide_header(const struct avs_qset *qs, int lang,
    const struct avs_record *r, struct avs_buf *out)
{
	header(qs, lang, r, out);
}

int
avs_guide_for(struct avs_store *st, struct avs_crypto *c, const char *id,
    const char *qname, const char *lang, struct avs_buf *out,
    struct avs_err *err)
{
	struct avs_open ro;
	struct avs_record *r = NULL;
	struct avs_qset *qs = NULL;
	char writer[AVS_FPRLEN + 1];
	int rc, li;

	memset(&ro, 0, sizeof(ro));
	if (id != NULL) {
		if ((rc = avs_rec_open(st, c, id, "avslut-new --guide",
		    AVS_OPEN_CHANGE, &ro, err)) != 0)
			return rc;
		r = ro.rec;
		if (qname == NULL)
			qname = r->qset.name;
		if (lang == NULL)
			lang = r->qset.lang;
	}
	if ((rc = avs_store_qset(st, c, qname, &qs, err)) != 0)
		goto done;
	li = avs_config_lang(st != NULL ? avs_store_config(st) : NULL, qs, lang);
	if (li < 0) {
		rc = avs_fail(err, AVS_EUSAGE, _("--lang: question set %s has "
		    "no \"%.10s\" texts"), qs->name, lang);
		goto done;
	}
	avs_guide(qs, li, r, out);
	if (r != NULL) {
		/* Record that the questions were sent, then hand them over. */
		avs_today_str(r->questions_sent);
		if ((rc = avs_rec_writer(st, c, r, writer, err)) != 0 ||
		    (rc = avs_rec_save(st, c, r, writer, 0, err)) != 0)
			avs_buf_reset(out);
	}
done:
	avs_rec_close(&ro);
	avs_qset_free(qs);
	return rc;
}
