/*
 * regbatch.c -- an import's rows registered in worker processes.
 *
 * The rows go in chunks of at most AVS_BATCH_MAX.  The workers check
 * each row and encrypt its record's first version, unsigned, each in a
 * throwaway keyring of its own holding the readers' public keys (gpg
 * processes sharing a keyring wait for each other on its random seed
 * file; encrypting needs no secret key); nothing is written there.  The
 * parent then signs one batch statement for the chunk -- the digest of
 * every row's registration statement, which holds the digest of its
 * record -- writes it, and then each row's statement and record: a
 * crash leaves only rows that verify.  See evidence.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "evidence.h"
#include "i18n.h"
#include "regbatch.h"
#include "vault.h"
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
	struct avs_store *st;		/* rg's */
	struct avs_crypto *c;
	const struct avs_regbatch_cb *cb;
	int force, worst;
	pid_t parent;
	struct avs_buf keys;		/* the readers' public keys */
	struct avs_crypto *enc;		/* a worker's throwaway keyring */
	char name[AVS_BATCHLEN + 1];	/* the chunk's batch */
	size_t lo;			/* its first item */
	struct result {
		int status;
		char *text;
	} *res;				/* of its items */
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
	avs_buf_free(&b->keys);
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
	struct avs_regbatch *b = arg;
	int rc;

	b->enc = NULL;
	if (getpid() != b->parent &&
	    (rc = avs_crypto_renew(b->c, err)) != 0)
		return rc;
	/* Without a keyring of its own (no place to make one), a worker
	 * encrypts with the user's, only slower. */
	if (b->keys.len == 0 ||
	    avs_crypto_new_keyless(&b->enc, NULL) != 0 ||
	    avs_crypto_import_all(b->enc, b->keys.p, b->keys.len, NULL) != 0) {
		avs_crypto_free(b->enc);
		b->enc = NULL;
	}
	return 0;
}

static void
w_fini(void *arg)
{
	struct avs_regbatch *b = arg;

	avs_crypto_free(b->enc);
	b->enc = NULL;
}

/* In a worker: prepare row i of the chunk; "id state since stmtlen\n",
 * the statement and the record into out, or the message. */
static int
w_run(size_t i, struct avs_buf *out, void *arg)
{
	struct avs_regbatch *b = arg;
	struct avs_err err = AVS_ERR_INIT;
	const struct item *it = &b->items[b->lo + i];
	struct avs_prepared p;
	struct avs_facts f;
	char head[64];
	int k, rc;

	if (!it->is_row) {
		avs_buf_adds(out, it->msg);
		return it->status;
	}
	memset(&f, 0, sizeof(f));
	for (k = 0; k < NFIELDS; k++)
		avs_facts_set(&f, avs_fact_fields[k], it->v[k]);
	if ((rc = avs_register_prepare(b->rg, b->enc != NULL ? b->enc : b->c,
	    b->name, &f, it->declined, b->force, &p, &err)) != 0) {
		avs_buf_adds(out, err.msg);
		return rc;
	}
	snprintf(head, sizeof(head), "%s %d %s %zu\n", p.id, (int)p.meta.state,
	    p.meta.since, p.stmt.len);
	avs_buf_adds(out, head);
	avs_buf_add(out, p.stmt.p, p.stmt.len);
	avs_buf_add(out, p.cipher.p, p.cipher.len);
	avs_buf_free(&p.stmt);
	avs_buf_free(&p.cipher);
	return 0;
}

static void
w_done(size_t i, int status, const char *text, void *arg)
{
	struct avs_regbatch *b = arg;

	b->res[i].status = status;
	b->res[i].text = avs_xstrdup(text);
}

/* A prepared row as the worker sent it. */
struct row {
	char id[AVS_IDLEN + 1];
	struct avs_meta m;
	struct avs_buf stmt, cipher;
};

static int
row_parse(const char *text, struct row *r)
{
	const char *nl = strchr(text, '\n');
	size_t slen;
	int state, k = 0;

	memset(r, 0, sizeof(*r));
	if (nl == NULL || sscanf(text, "%12s %d %10s %zu%n", r->id, &state,
	    r->m.since, &slen, &k) != 4 || text + k != nl ||
	    strlen(nl + 1) < slen)
		return -1;
	r->m.state = (enum avs_state)state;
	avs_buf_add(&r->stmt, nl + 1, slen);
	avs_buf_adds(&r->cipher, nl + 1 + slen);
	return 0;
}

static void
row_free(struct row *r)
{
	avs_buf_free(&r->stmt);
	avs_buf_free(&r->cipher);
}

/* Write the chunk's rows (items lo..lo+n-1 prepared into b->res): the
 * batch statement, then each row's statement and record.  A row that
 * cannot be written gets its message in place of its id. */
static void
commit(struct avs_regbatch *b, size_t n)
{
	struct avs_err err = AVS_ERR_INIT;
	struct row *rows = avs_xcalloc(n, sizeof(*rows));
	char **ids = avs_xcalloc(n + 1, sizeof(*ids));
	char **digests = avs_xcalloc(n + 1, sizeof(*digests));
	char digest[AVS_DIGESTLEN];
	size_t i, k = 0;
	int rc = 0;

	for (i = 0; i < n; i++) {
		if (!b->items[b->lo + i].is_row || b->res[i].status != 0)
			continue;
		if (row_parse(b->res[i].text, &rows[i]) != 0) {
			b->res[i].status = AVS_ERUN;
			free(b->res[i].text);
			b->res[i].text = avs_xstrdup(_("not done: its worker "
			    "process sent what is not a registration"));
			continue;
		}
		avs_digest(rows[i].stmt.p, rows[i].stmt.len, digest);
		ids[k] = rows[i].id;
		digests[k++] = avs_xstrdup(digest);
	}
	if (k > 0)
		rc = avs_ev_write_batch(b->st, b->c, avs_registrar_key(b->rg),
		    b->name, ids, digests, k, &err);
	for (i = 0; i < n; i++) {
		int st = 0;

		if (rows[i].id[0] == '\0')
			continue;
		if (rc != 0)
			st = rc;
		else if ((st = avs_ev_put_reg_file(b->st,
		    rows[i].id, &rows[i].stmt, 1, 1, &err)) == 0 &&
		    (st = avs_store_write_file(b->st,
		    rows[i].id, &rows[i].m, &rows[i].cipher, 1, 1,
		    &err)) != 0)
			(void)avs_ev_remove(b->st,
			    rows[i].id, AVS_EV_REG, 1, NULL);
		if (st != 0) {
			b->res[i].status = st;
			free(b->res[i].text);
			b->res[i].text = avs_xstrdup(err.msg);
		} else {
			free(b->res[i].text);
			b->res[i].text = avs_xstrdup(rows[i].id);
		}
		row_free(&rows[i]);
	}
	if (k > 0)
		(void)avs_ev_sync(b->st, NULL);
	for (i = 0; i < k; i++)
		free(digests[i]);
	free(digests);
	free(ids);
	free(rows);
}

/* The ids and notes of the chunk, in order. */
static void
report(struct avs_regbatch *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct item *it = &b->items[b->lo + i];
		const char *text = b->res[i].text;
		int status = b->res[i].status;

		if (it->is_row && status == 0)
			b->cb->id(it->line, text, b->cb->arg);
		else if (it->is_row) {
			char *m = avs_xasprintf(_("skipped: %s"), text);

			b->cb->note(it->line, status, m, b->cb->arg);
			free(m);
		} else
			b->cb->note(it->line, status, text, b->cb->arg);
		b->worst = avs_worse(b->worst, status);
		free(b->res[i].text);
		b->res[i].text = NULL;
	}
}

/* The public keys every row may need: the store's recipients and each
 * row's interviewer, made sure of in the keyring (one lookup for the
 * lot, so the workers inherit them) and exported for the workers. */
static void
readers_keys(struct avs_regbatch *b)
{
	const struct avs_config *cfg =
	    avs_store_config(b->st);
	char **v = NULL, fpr[AVS_FPRLEN + 1];
	const char **ok;
	size_t nv = 0, nok = 0, i;

	for (i = 0; i < cfg->nrecipients; i++)
		avs_strv_add(&v, &nv, cfg->recipients[i]);
	for (i = 0; i < b->n; i++)
		if (b->items[i].is_row && avs_registrar_interviewer(b->rg,
		    b->items[i].v[8], fpr) == 0 &&
		    avs_lookup((const char *const *)v, fpr) < 0)
			avs_strv_add(&v, &nv, fpr);
	ok = avs_xcalloc(nv + 1, sizeof(*ok));
	if (avs_store_keys(b->st, b->c,
	    (const char *const *)v, nv, AVS_USE_ENCRYPT, NULL) == 0)
		memcpy(ok, v, nv * sizeof(*ok)), nok = nv;
	else
		for (i = 0; i < nv; i++)
			if (avs_store_keys(b->st, b->c,
			    (const char *const *)&v[i], 1, AVS_USE_ENCRYPT,
			    NULL) == 0)
				ok[nok++] = v[i];
	/* A row whose key is missing fails on its own, naming it. */
	if (nok > 0)
		(void)avs_crypto_export_keys(b->c, ok, nok, &b->keys, NULL);
	free(ok);
	avs_strv_free(v);
}

/* Report the items from b->lo on as not done, with msg. */
static void
not_done(struct avs_regbatch *b, const char *msg, int status)
{
	char *m = avs_xasprintf(_("skipped: not done: %s"), msg);
	size_t i;

	for (i = b->lo; i < b->n; i++)
		b->cb->note(b->items[i].line, b->items[i].is_row ? status :
		    b->items[i].status, b->items[i].is_row ? m : b->items[i].msg,
		    b->cb->arg);
	free(m);
}

/* Rows per batch statement: AVS_BATCH_MAX; smaller in the build the
 * tests run, so that chunks are tested without thousands of rows. */
static size_t
chunk_rows(void)
{
#ifdef AVS_TESTING
	const char *s = getenv("AVSLUT_TEST_BATCH");
	long n;

	if (s != NULL && (n = strtol(s, NULL, 10)) > 0 && n < AVS_BATCH_MAX)
		return (size_t)n;
#endif
	return AVS_BATCH_MAX;
}

int
avs_regbatch_run(struct avs_regbatch *b, struct avs_registrar *rg,
    struct avs_crypto *c, int force, long jobs,
    const struct avs_regbatch_cb *cb, struct avs_err *err)
{
	struct avs_workers_cb wcb = { w_init, w_run, w_done, w_fini, b };
	size_t rows, i, hi, max = chunk_rows();
	int rc = 0;

	b->rg = rg;
	b->st = avs_registrar_store(rg);
	b->c = c;
	b->cb = cb;
	b->force = force;
	b->worst = 0;
	b->parent = getpid();
	readers_keys(b);
	for (b->lo = 0; b->lo < b->n; b->lo = hi) {
		/* A chunk: up to max rows, and the notes among them. */
		for (hi = b->lo, rows = 0; hi < b->n &&
		    (rows < max || !b->items[hi].is_row); hi++)
			rows += b->items[hi].is_row;
		b->res = avs_xcalloc(hi - b->lo, sizeof(*b->res));
		if ((rc = avs_ev_batch_name(b->name, err)) == 0 &&
		    (rc = avs_workers_run(hi - b->lo, avs_workers_count(rows,
		    jobs), &wcb, err)) == 0) {
			commit(b, hi - b->lo);
			report(b, hi - b->lo);
		}
		for (i = 0; i < hi - b->lo; i++)
			free(b->res[i].text);
		free(b->res);
		b->res = NULL;
		if (rc != 0)
			break;		/* b->lo: the chunk that failed */
	}
	/* A chunk that could not run after others were written: its rows
	 * and every later one are named, as not done, so that they can be
	 * imported again.  (The first: nothing was written; the caller
	 * says why once.) */
	if (rc != 0 && b->lo > 0) {
		not_done(b, err != NULL ? err->msg : "", rc);
		b->worst = avs_worse(b->worst, rc);
		rc = 0;
	}
	(void)avs_store_sync(b->st, NULL);
	avs_buf_free(&b->keys);
	return rc != 0 ? rc : b->worst;
}
