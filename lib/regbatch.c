/*
 * regbatch.c -- an import's rows registered in worker processes.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "regbatch.h"
#include "workers.h"

#define NFIELDS 14	/* the fields of struct avs_facts */

struct item {
	long line;
	int is_row, declined, status;	/* status: of a note */
	char *v[NFIELDS];		/* a row's facts, by avs_fact_fields */
	char *msg;			/* a note's */
};

struct avs_regbatch {
	struct item *items;
	size_t n, cap;
	/* While running. */
	struct avs_registrar *rg;
	struct avs_crypto *c;
	const struct avs_regbatch_cb *cb;
	int force, worst;
};

struct avs_regbatch *
avs_regbatch_new(void)
{
	return avs_xcalloc(1, sizeof(struct avs_regbatch));
}

void
avs_regbatch_free(struct avs_regbatch *b)
{
	size_t i;
	int k;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++) {
		for (k = 0; k < NFIELDS; k++)
			avs_sfree(b->items[i].v[k]);
		avs_sfree(b->items[i].msg);
	}
	free(b->items);
	free(b);
}

static struct item *
push(struct avs_regbatch *b, long line)
{
	struct item *it;

	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 64;
		b->items = avs_xreallocarray(b->items, b->cap,
		    sizeof(*b->items));
	}
	it = &b->items[b->n++];
	memset(it, 0, sizeof(*it));
	it->line = line;
	return it;
}

void
avs_regbatch_add(struct avs_regbatch *b, const struct avs_facts *f,
    int declined, long line)
{
	const char *const v[NFIELDS] = { f->name, f->title, f->workplace,
	    f->unit, f->from, f->to, f->employment, f->reason,
	    f->interviewer, f->role, f->date, f->questions, f->lang, f->why };
	struct item *it = push(b, line);
	int k;

	it->is_row = 1;
	it->declined = declined;
	for (k = 0; k < NFIELDS; k++)
		it->v[k] = v[k] != NULL ? avs_xstrdup(v[k]) : NULL;
}

void
avs_regbatch_note(struct avs_regbatch *b, long line, int status,
    const char *msg)
{
	struct item *it = push(b, line);

	it->status = status;
	it->msg = avs_xstrdup(msg);
}

static int
w_init(void *arg, struct avs_err *err)
{
	return avs_crypto_renew(((struct avs_regbatch *)arg)->c, err);
}

/* In a worker: register row i; the id, or the message, into out. */
static int
w_run(size_t i, struct avs_buf *out, void *arg)
{
	struct avs_regbatch *b = arg;
	struct avs_err err = AVS_ERR_INIT;
	const struct item *it = &b->items[i];
	struct avs_facts f;
	char id[AVS_IDLEN + 1];
	int k, rc;

	if (!it->is_row) {
		avs_buf_adds(out, it->msg);
		return it->status;
	}
	memset(&f, 0, sizeof(f));
	for (k = 0; k < NFIELDS; k++)
		avs_facts_set(&f, avs_fact_fields[k], it->v[k]);
	if ((rc = avs_register(b->rg, &f, it->declined, b->force, 1, id,
	    &err)) != 0) {
		avs_buf_adds(out, err.msg);
		return rc;
	}
	avs_buf_adds(out, id);
	return 0;
}

static void
w_done(size_t i, int status, const char *text, void *arg)
{
	struct avs_regbatch *b = arg;
	const struct item *it = &b->items[i];

	if (it->is_row && status == 0)
		b->cb->id(it->line, text, b->cb->arg);
	else if (it->is_row) {
		char *m = avs_xasprintf(_("skipped: %s"), text);

		b->cb->note(it->line, status, m, b->cb->arg);
		free(m);
	} else
		b->cb->note(it->line, status, text, b->cb->arg);
	b->worst = avs_worse(b->worst, status);
}

int
avs_regbatch_run(struct avs_regbatch *b, struct avs_registrar *rg,
    struct avs_crypto *c, int force, long jobs,
    const struct avs_regbatch_cb *cb, struct avs_err *err)
{
	struct avs_workers_cb wcb = { w_init, w_run, w_done, b };
	size_t rows = 0, i;
	int rc;

	b->rg = rg;
	b->c = c;
	b->cb = cb;
	b->force = force;
	b->worst = 0;
	for (i = 0; i < b->n; i++)
		rows += b->items[i].is_row;
	if ((rc = avs_workers_run(b->n, avs_workers_count(rows, jobs), &wcb,
	    err)) != 0)
		return rc;
	return b->worst;
}
