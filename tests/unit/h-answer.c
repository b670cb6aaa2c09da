/*
 * Test helper: answer a record's questions through the library, as
 * avslut-ask would, until avslut-ask exists.
 *
 *   h-answer [-a] [-s QID]... [-o QID]... ID
 *   h-answer -t QID=TEXT... ID
 *
 * Answers the required questions whose condition holds (-a: every such
 * question), each with the question and section text as asked, marks the
 * questions given with -s as skipped and leaves those given with -o
 * unanswered, and saves the record as in-progress.  With -t, only sets
 * text question QID's answer to TEXT as it is (unchecked: what a record
 * written by an older version may hold).  The store is $AVSLUT_STORE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fsio.h"
#include "register.h"
#include "store.h"
#include "vault.h"

static int
listed(char **v, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], id) == 0)
			return 1;
	return 0;
}

static char **
one(const char *s)
{
	char **v = avs_xcalloc(2, sizeof(*v));

	v[0] = avs_xstrdup(s);
	return v;
}

static void
fill(struct avs_answer *a, const struct avs_qset *qs,
    const struct avs_question *q, int lang)
{
	memset(a, 0, sizeof(*a));
	a->id = avs_xstrdup(q->id);
	a->type = q->type;
	a->section = avs_xstrdup(qs->sections[q->section].title[lang]);
	a->question = avs_xstrdup(q->text[lang]);
	switch (q->type) {
	case AVS_Q_TEXT:
		a->value = avs_xasprintf("Svar på %s: åäö", q->id);
		break;
	case AVS_Q_CHOICE:
		a->value = avs_xstrdup(q->opts[0].id);
		a->label = avs_xstrdup(q->opts[0].text[lang]);
		break;
	case AVS_Q_MULTI:
		a->values = one(q->opts[0].id);
		a->labels = one(q->opts[0].text[lang]);
		break;
	case AVS_Q_SCALE:
		a->value = avs_xasprintf("%ld", q->smin);
		break;
	case AVS_Q_YESNO:
		a->value = avs_xstrdup("yes");
		break;
	}
}

int
main(int argc, char *argv[])
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_store *st = NULL;
	struct avs_crypto *c = NULL;
	struct avs_record *r;
	struct avs_qset *qs = NULL;
	struct avs_open ro;
	struct avs_answer a;
	char writer[AVS_FPRLEN + 1];
	const char *facts[AVS_NFACTS];
	const struct avs_question *q;
	char *skip[32], *omit[32], *text[32], *eq;
	size_t nskip = 0, nomit = 0, ntext = 0, i;
	int ch, all = 0, lang, rc;

	avs_init_program("h-answer");
	memset(&ro, 0, sizeof(ro));
	while ((ch = getopt(argc, argv, "as:o:t:")) != -1) {
		if (ch == 't' && ntext < 32 && strchr(optarg, '=') != NULL)
			text[ntext++] = optarg;
		else if (ch == 'a')
			all = 1;
		else if (ch == 's' && nskip < 32)
			skip[nskip++] = optarg;
		else if (ch == 'o' && nomit < 32)
			omit[nomit++] = optarg;
		else
			return 2;
	}
	if (optind + 1 != argc)
		return 2;
	if ((rc = avs_crypto_init(&err)) != 0 ||
	    (rc = avs_crypto_new(&c, &err)) != 0 ||
	    (rc = avs_store_open(NULL, c, 0, &st, NULL, &err)) != 0 ||
	    (rc = avs_rec_open(st, c, argv[optind], "h-answer",
	    AVS_OPEN_LOCK | AVS_OPEN_ANY_SEAL, &ro, &err)) != 0)
		goto done;
	r = ro.rec;
	if ((rc = avs_store_qset(st, c, r->qset.name, &qs, &err)) != 0 ||
	    (rc = avs_rec_writer(st, c, r, writer, &err)) != 0)
		goto done;
	lang = avs_qset_lang(qs, r->qset.lang);
	avs_record_facts(r, facts);
	for (i = 0; i < ntext; i++) {
		eq = strchr(text[i], '=');
		*eq = '\0';
		if ((q = avs_qset_question(qs, text[i])) == NULL ||
		    q->type != AVS_Q_TEXT)
			return 2;
		fill(&a, qs, q, lang < 0 ? 0 : lang);
		avs_sfree(a.value);
		a.value = avs_xstrdup(eq + 1);
		avs_record_put(r, &a);
	}
	for (i = 0; ntext == 0 && i < qs->nquestions; i++) {
		q = &qs->questions[i];
		if (!avs_question_applies(q, facts) || listed(omit, nomit, q->id) ||
		    (!all && !q->required && !listed(skip, nskip, q->id)))
			continue;
		fill(&a, qs, q, lang < 0 ? 0 : lang);
		if (listed(skip, nskip, q->id)) {
			avs_sfree(a.value);
			a.value = NULL;
			avs_sfree(a.label);
			a.label = NULL;
			a.skipped = 1;
		}
		avs_record_put(r, &a);
	}
	r->state = AVS_IN_PROGRESS;
	rc = avs_rec_save(st, c, r, writer, 0, &err);
done:
	if (rc != 0)
		avs_report(&err);
	avs_rec_close(&ro);
	avs_qset_free(qs);
	avs_crypto_free(c);
	avs_store_close(st);
	return rc;
}
