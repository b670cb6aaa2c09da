/*
 * h-mkrecords -- a test and benchmark helper (never installed): write
 * records with chosen facts and answers straight through the library,
 * optionally sealed (signed by a key whose secret the keyring holds).
 *
 *   h-mkrecords [-j JOBS] < SPEC
 *
 * The store is $AVSLUT_STORE.  Each line of SPEC is one record, as
 * key=value pairs separated by ';' (backslash escapes: \n \t \\ \; \xHH).
 * Keys: n (copies, each with its own id), name, title, workplace, unit,
 * employment, reason, from, to, date (interview), sent (questions sent),
 * registered, state, why, eligible (0/1), interviewer (FPR), iname (its
 * name), role, seal (FPR: sign with it,
 * state sealed), sign (0: seal without a signature, a forgery), sealed
 * (date), reviewed (0/1), lang, a.ID (answer to question ID of the
 * store's question set; multi: ids separated by ','), s.ID (skipped).
 * Prints the new ids, one per line.
 *
 * Every record is registered as avslut-new does it -- a registration
 * block, its statement signed by the store's first HR key whose secret
 * is here -- and written signed by that key, or by its sealer with the
 * statement a seal leaves; sign=0 writes it unsigned, with no seal
 * statement: a forgery.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "crypto.h"
#include "evidence.h"
#include "register.h"
#include "store.h"
#include "vault.h"

struct spec {
	char *kv[64][2];
	size_t n;
};

struct job {
	struct avs_store *st;
	char hr[AVS_FPRLEN + 1];
	struct avs_qset *qs;
	struct spec *specs;
	size_t nspec, next, copy;
	pthread_mutex_t mu;
	int failed;
};

static const char *
get(const struct spec *s, const char *key, const char *dflt)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->kv[i][0], key) == 0)
			return s->kv[i][1];
	return dflt;
}

static char *
unescape(const char *p, size_t n)
{
	char *out = avs_xmalloc(n + 1), *o = out, hex[3] = { 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] != '\\' || i + 1 == n) {
			*o++ = p[i];
			continue;
		}
		switch (p[++i]) {
		case 'n':
			*o++ = '\n';
			break;
		case 't':
			*o++ = '\t';
			break;
		case 'x':
			if (i + 2 < n) {
				hex[0] = p[i + 1];
				hex[1] = p[i + 2];
				*o++ = (char)strtol(hex, NULL, 16);
				i += 2;
			}
			break;
		default:
			*o++ = p[i];
		}
	}
	*o = '\0';
	return out;
}

static void
parse_line(char *line, struct spec *s)
{
	char *p = line, *start = line, *eq;

	memset(s, 0, sizeof(*s));
	for (;; p++) {
		if (*p == '\\' && p[1] != '\0') {
			p++;
			continue;
		}
		if (*p != ';' && *p != '\0')
			continue;
		if (p > start && (eq = memchr(start, '=', (size_t)(p - start)))
		    != NULL && s->n < 64) {
			s->kv[s->n][0] = avs_xstrndup(start,
			    (size_t)(eq - start));
			s->kv[s->n][1] = unescape(eq + 1, (size_t)(p - eq - 1));
			s->n++;
		}
		if (*p == '\0')
			break;
		start = p + 1;
	}
}

static char **
split(const char *v)
{
	char **out = avs_xcalloc(strlen(v) + 2, sizeof(*out)), *copy, *tok,
	    *save;
	size_t n = 0;

	copy = avs_xstrdup(v);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save))
		out[n++] = avs_xstrdup(tok);
	free(copy);
	return out;
}

static void
add_answer(struct avs_record *r, const struct avs_qset *qs, int lang,
    const char *id, const char *v, int skipped)
{
	const struct avs_question *q = avs_qset_question(qs, id);
	const struct avs_option *o;
	struct avs_answer a;
	size_t i;

	if (q == NULL) {
		fprintf(stderr, "h-mkrecords: no question %s\n", id);
		exit(2);
	}
	memset(&a, 0, sizeof(a));
	a.id = avs_xstrdup(id);
	a.type = q->type;
	a.section = avs_xstrdup(qs->sections[q->section].title[lang]);
	a.question = avs_xstrdup(q->text[lang]);
	a.skipped = skipped;
	if (skipped)
		;
	else if (q->type == AVS_Q_MULTI) {
		a.values = split(v);
		for (i = 0; a.values[i] != NULL; i++)
			;
		a.labels = avs_xcalloc(i + 1, sizeof(*a.labels));
		for (i = 0; a.values[i] != NULL; i++) {
			o = avs_question_option(q, a.values[i]);
			a.labels[i] = avs_xstrdup(o != NULL ? o->text[lang] :
			    a.values[i]);
		}
	} else {
		a.value = avs_xstrdup(v);
		if (q->type == AVS_Q_CHOICE &&
		    (o = avs_question_option(q, v)) != NULL)
			a.label = avs_xstrdup(o->text[lang]);
		else if (q->type == AVS_Q_YESNO)
			a.label = avs_xstrdup(strcmp(v, "yes") == 0 ? "Ja" :
			    "Nej");
	}
	avs_record_put(r, &a);
}

static struct avs_record *
build(const struct spec *s, const struct avs_qset *qs)
{
	struct avs_record *r = avs_record_new();
	const char *v, *state;
	char today[AVS_DATELEN + 1];
	int lang, st;
	size_t i;

	avs_today_str(today);
	lang = avs_qset_lang(qs, get(s, "lang", "sv"));
	memcpy(r->registered, get(s, "registered", today), AVS_DATELEN + 1);
	r->qset.name = avs_xstrdup(qs->name);
	r->qset.version = qs->version;
	r->qset.digest = avs_xstrdup(qs->digest);
	r->qset.lang = avs_xstrdup(qs->langs[lang]);
	r->emp.name = avs_xstrdup(get(s, "name", "Test Person"));
	r->emp.title = avs_xstrdup(get(s, "title", "Undersköterska"));
	r->emp.workplace = avs_xstrdup(get(s, "workplace", "Hemtjänst"));
	if ((v = get(s, "unit", NULL)) != NULL && *v != '\0')
		r->emp.unit = avs_xstrdup(v);
	r->emp.employment = avs_xstrdup(get(s, "employment", "tillsvidare"));
	r->emp.reason = avs_xstrdup(get(s, "reason", "egen-begaran"));
	snprintf(r->emp.from, sizeof(r->emp.from), "%s",
	    get(s, "from", "2015-01-01"));
	snprintf(r->emp.to, sizeof(r->emp.to), "%s", get(s, "to",
	    "2026-03-31"));
	snprintf(r->interview_date, sizeof(r->interview_date), "%s",
	    get(s, "date", ""));
	snprintf(r->questions_sent, sizeof(r->questions_sent), "%s",
	    get(s, "sent", ""));
	r->interviewer.name = avs_xstrdup(get(s, "iname", "Maja Chef"));
	r->interviewer.role = avs_xstrdup(get(s, "role", "narmaste-chef"));
	avs_fpr_parse(get(s, "interviewer", ""), r->interviewer.fpr);
	r->eligible = strcmp(get(s, "eligible", "1"), "1") == 0;
	r->forced = !r->eligible;
	state = get(s, "state", get(s, "seal", NULL) != NULL ? "sealed" :
	    "planned");
	if ((st = avs_lookup(avs_state_names, state)) < 0) {
		fprintf(stderr, "h-mkrecords: bad state %s\n", state);
		exit(2);
	}
	r->state = (enum avs_state)st;
	if (r->state == AVS_DECLINED)
		r->declined_why = avs_xstrdup(get(s, "why", "avbojt"));
	if ((v = get(s, "seal", NULL)) != NULL) {
		r->seal_by = avs_xstrdup(v);
		snprintf(r->sealed, sizeof(r->sealed), "%s", get(s, "sealed",
		    r->interview_date[0] ? r->interview_date : r->emp.to));
		r->employee_reviewed = strcmp(get(s, "reviewed", "0"), "1") ==
		    0;
	}
	for (i = 0; i < s->n; i++)
		if (strncmp(s->kv[i][0], "a.", 2) == 0 ||
		    strncmp(s->kv[i][0], "s.", 2) == 0)
			add_answer(r, qs, lang, s->kv[i][0] + 2, s->kv[i][1],
			    s->kv[i][0][0] == 's');
	return r;
}

/* Register r and write it as its signer would have. */
static int
write_one(struct job *j, struct avs_crypto *c, struct avs_record *r,
    const char *signer, struct avs_err *err)
{
	struct avs_buf plain = AVS_BUF_INIT;
	struct avs_reg_stmt reg;
	struct avs_seal_stmt seal;
	int rc;

	if ((rc = avs_reg_block_make(r, err)) != 0)
		return rc;
	avs_reg_stmt_of(r, &reg);
	reg.declined = r->state == AVS_DECLINED;
	if ((rc = avs_ev_write_reg(j->st, c, j->hr, &reg, 0, err)) != 0)
		return rc;
	if (r->state == AVS_SEALED && signer != NULL) {
		memset(&seal, 0, sizeof(seal));
		snprintf(seal.id, sizeof(seal.id), "%s", r->id);
		snprintf(seal.sealed, sizeof(seal.sealed), "%s", r->sealed);
		snprintf(seal.by, sizeof(seal.by), "%s", r->seal_by);
		if ((rc = avs_record_write(r, &plain, err)) == 0) {
			avs_digest(plain.p, plain.len, seal.document);
			rc = avs_ev_write_seal(j->st, c, signer, &seal, err);
		}
		avs_buf_free(&plain);
		if (rc != 0)
			return rc;
	}
	return avs_rec_save(j->st, c, r, signer, AVS_SAVE_CREATE |
	    AVS_SAVE_NOSYNC, err);
}

static void *
worker(void *arg)
{
	struct job *j = arg;
	struct avs_err err = AVS_ERR_INIT;
	struct avs_crypto *c;
	struct avs_record *r;
	const struct spec *s;
	const char *signer;
	int forged;

	if (avs_crypto_new(&c, &err) != 0) {
		fprintf(stderr, "h-mkrecords: %s\n", err.msg);
		j->failed = 1;
		return NULL;
	}
	for (;;) {
		pthread_mutex_lock(&j->mu);
		s = NULL;
		while (j->next < j->nspec && s == NULL) {
			s = &j->specs[j->next];
			if (++j->copy >= (size_t)atol(get(s, "n", "1"))) {
				j->next++;
				j->copy = 0;
			}
		}
		pthread_mutex_unlock(&j->mu);
		if (s == NULL || j->failed)
			break;
		r = build(s, j->qs);
		forged = strcmp(get(s, "sign", "1"), "0") == 0;
		signer = forged ? NULL : r->seal_by != NULL ? r->seal_by :
		    j->hr;
		if (avs_id_new(r->id) != 0 ||
		    write_one(j, c, r, signer, &err) != 0) {
			fprintf(stderr, "h-mkrecords: %s\n", err.msg);
			j->failed = 1;
		} else {
			pthread_mutex_lock(&j->mu);
			printf("%s\n", r->id);
			pthread_mutex_unlock(&j->mu);
		}
		avs_record_free(r);
	}
	avs_crypto_free(c);
	return NULL;
}

int
main(int argc, char *argv[])
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_crypto *c = NULL;
	struct job j;
	pthread_t th[16];
	char *line = NULL;
	size_t cap = 0, i, k;
	ssize_t len;
	int ch, jobs = 1;

	avs_init_program(argv[0]);
	while ((ch = getopt(argc, argv, "j:")) != -1)
		if (ch == 'j')
			jobs = atoi(optarg) < 1 ? 1 : atoi(optarg) > 16 ? 16 :
			    atoi(optarg);
	memset(&j, 0, sizeof(j));
	pthread_mutex_init(&j.mu, NULL);
	if (avs_crypto_init(&err) != 0 ||
	    avs_crypto_new(&c, &err) != 0 ||
	    avs_store_open(NULL, c, 0, &j.st, NULL, &err) != 0 ||
	    avs_store_qset(j.st, c, NULL, &j.qs, &err) != 0 ||
	    avs_store_hr_key(j.st, c, NULL, 0, j.hr, &err) != 0) {
		fprintf(stderr, "h-mkrecords: %s\n", err.msg);
		return 1;
	}
	while ((len = getline(&line, &cap, stdin)) > 0) {
		while (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		j.specs = avs_xreallocarray(j.specs, j.nspec + 1,
		    sizeof(*j.specs));
		parse_line(line, &j.specs[j.nspec++]);
	}
	free(line);
	(void)avs_username();
	for (i = 1; i < (size_t)jobs; i++)
		pthread_create(&th[i], NULL, worker, &j);
	worker(&j);
	for (i = 1; i < (size_t)jobs; i++)
		pthread_join(th[i], NULL);
	if (!j.failed && avs_store_sync(j.st, &err) != 0) {
		fprintf(stderr, "h-mkrecords: %s\n", err.msg);
		j.failed = 1;
	}
	for (i = 0; i < j.nspec; i++)
		for (k = 0; k < j.specs[i].n; k++) {
			free(j.specs[i].kv[k][0]);
			free(j.specs[i].kv[k][1]);
		}
	free(j.specs);
	avs_qset_free(j.qs);
	avs_store_close(j.st);
	avs_crypto_free(c);
	return j.failed;
}
