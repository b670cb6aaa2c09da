/*
 * index.c -- the report index (index.h): its buckets' plaintext, and a
 * scan that takes from them what is still bound to its record.
 *
 * Only sealed and declined records are indexed: they change only by
 * avslut-new --amend, which drops the bucket of the month they had (a
 * declined record's header date is its last day of employment), so the
 * bucket purge deletes with a record is the only one that can hold it.
 * A bucket is written under its lock with only the records still bound
 * as they were read.  Records in any other state are decrypted every
 * time.
 *
 * The trust in a bucket is the trust in a seal: exactly one valid
 * signature, by a key among the HR signers (the pinned governors, the
 * signed config's recipients and sealers), checked with the one rule
 * (avs_crypto_signer_allowed); and a bucket's context, the SHA-256 of
 * the signed config and the pins it was written under, must be today's.
 * What a bucket's entry stands for is what the record decrypted to when
 * the entry was made: its binding is the SHA-256 over the digests of the
 * record file and its registration and seal statements, read again at
 * every report.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "evidence.h"
#include "i18n.h"
#include "index.h"
#include "logs.h"
#include "vault.h"
#include "yamlio.h"

#define INDEX_DIR "index"
#define BUCKET_EXT ".asc"
#define ARMOR_END "-----END PGP MESSAGE-----\n"
#define MAX_BUCKET (256 * 1024 * 1024)
#define MAX_EVIDENCE (64 * 1024)

static const struct ylimits limits = { MAX_BUCKET, 8, 50000000 };

/* --- the plaintext ----------------------------------------------------- */

static int
indexed_state(enum avs_state s)
{
	return s == AVS_SEALED || s == AVS_DECLINED;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? avs_xstrdup(s) : NULL;
}

struct avs_record *
avs_ix_reduce(const struct avs_record *r)
{
	struct avs_record *x;
	struct avs_answer a;
	size_t i, j;

	if (!indexed_state(r->state))
		return NULL;
	/* Free text is never indexed; a report counts a record with an
	 * answer as held, which a sealed record is anyway. */
	for (i = 0; r->state != AVS_SEALED && i < r->nanswers; i++)
		if (avs_answer_given(&r->answers[i]) &&
		    r->answers[i].type == AVS_Q_TEXT)
			return NULL;
	x = avs_record_new();
	memcpy(x->id, r->id, sizeof(x->id));
	x->state = r->state;
	memcpy(x->registered, r->registered, sizeof(x->registered));
	memcpy(x->questions_sent, r->questions_sent,
	    sizeof(x->questions_sent));
	memcpy(x->interview_date, r->interview_date,
	    sizeof(x->interview_date));
	memcpy(x->sealed, r->sealed, sizeof(x->sealed));
	x->qset.name = dup_or_null(r->qset.name);
	x->qset.version = r->qset.version;
	x->emp.workplace = dup_or_null(r->emp.workplace);
	x->emp.unit = dup_or_null(r->emp.unit);
	x->emp.employment = dup_or_null(r->emp.employment);
	x->emp.reason = dup_or_null(r->emp.reason);
	memcpy(x->emp.from, r->emp.from, sizeof(x->emp.from));
	memcpy(x->emp.to, r->emp.to, sizeof(x->emp.to));
	x->eligible = r->eligible;
	x->declined_why = dup_or_null(r->declined_why);
	for (i = 0; i < r->nanswers; i++) {
		if (!avs_answer_given(&r->answers[i]) ||
		    r->answers[i].type == AVS_Q_TEXT)
			continue;
		memset(&a, 0, sizeof(a));
		a.id = avs_xstrdup(r->answers[i].id);
		a.type = r->answers[i].type;
		a.value = dup_or_null(r->answers[i].value);
		if (r->answers[i].values != NULL) {
			for (j = 0; r->answers[i].values[j] != NULL; j++)
				;
			a.values = avs_xcalloc(j + 1, sizeof(*a.values));
			for (j = 0; r->answers[i].values[j] != NULL; j++)
				a.values[j] = avs_xstrdup(
				    r->answers[i].values[j]);
		}
		avs_record_put(x, &a);
	}
	return x;
}

static void
write_entry(struct yw *w, const struct avs_ix_entry *e)
{
	const struct avs_record *r = e->r;
	const struct avs_answer *a;
	char **p;
	size_t i;

	avs_yw_map(w);
	avs_yw_ktoken(w, "id", e->id);
	avs_yw_ktoken(w, "bound", e->bound);
	avs_yw_ktoken(w, "state", avs_state_names[r->state]);
	avs_yw_ktoken(w, "registered", r->registered);
	avs_yw_ktoken(w, "questions-sent", r->questions_sent);
	avs_yw_ktoken(w, "interview-date", r->interview_date);
	avs_yw_ktoken(w, "sealed", r->sealed);
	avs_yw_ktext(w, "question-set", r->qset.name);
	avs_yw_kint(w, "question-set-version", r->qset.version);
	avs_yw_ktext(w, "workplace", r->emp.workplace);
	avs_yw_ktext(w, "unit", r->emp.unit);
	avs_yw_ktext(w, "employment", r->emp.employment);
	avs_yw_ktoken(w, "employed-from", r->emp.from);
	avs_yw_ktoken(w, "employed-to", r->emp.to);
	avs_yw_ktext(w, "reason", r->emp.reason);
	avs_yw_kbool(w, "eligible", r->eligible);
	avs_yw_ktext(w, "declined", r->declined_why);
	avs_yw_token(w, "answers");
	avs_yw_seq(w, 0);
	for (i = 0; i < r->nanswers; i++) {
		a = &r->answers[i];
		avs_yw_map(w);
		avs_yw_ktoken(w, "id", a->id);
		avs_yw_ktoken(w, "type", avs_qtype_names[a->type]);
		if (a->type == AVS_Q_MULTI) {
			avs_yw_token(w, "answer");
			avs_yw_seq(w, 0);
			for (p = a->values; p != NULL && *p != NULL; p++)
				avs_yw_text(w, *p);
			avs_yw_end_seq(w);
		} else
			avs_yw_ktext(w, "answer", a->value);
		avs_yw_end_map(w);
	}
	avs_yw_end_seq(w);
	avs_yw_end_map(w);
}

int
avs_ix_write(const struct avs_ix_bucket *b, struct avs_buf *out,
    struct avs_err *err)
{
	struct yw *w;
	size_t i;

	avs_buf_reset(out);
	w = avs_yw_begin(out);
	avs_yw_map(w);
	avs_yw_kint(w, "avslut-index", AVS_INDEX_FORMAT);
	avs_yw_ktoken(w, "month", b->month);
	avs_yw_ktoken(w, "context", b->context);
	avs_yw_token(w, "records");
	avs_yw_seq(w, 0);
	for (i = 0; i < b->n; i++)
		write_entry(w, &b->e[i]);
	avs_yw_end_seq(w);
	avs_yw_end_map(w);
	return avs_yw_end(w, err);
}

void
avs_ix_free(struct avs_ix_bucket *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++)
		avs_record_free(b->e[i].r);
	free(b->e);
	free(b);
}

/* Reading. */
struct rd {
	struct avs_ix_bucket *b;
	struct avs_ix_entry *e;
	struct avs_answer a;
};

static int
b_month(const struct yctx *c, const struct ynode *n, void *obj)
{
	char day[AVS_DATELEN + 1];

	snprintf(day, sizeof(day), "%.7s-01", n->str);
	if (n->len != AVS_MONTHLEN || !avs_date_valid(day))
		return avs_yerr(c, n, _("expected a month YYYY-MM"));
	memcpy(((struct rd *)obj)->b->month, n->str, AVS_MONTHLEN + 1);
	return 0;
}

static int
b_context(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_ydigest(c, n, ((struct rd *)obj)->b->context);
}

static int
e_id(const struct yctx *c, const struct ynode *n, void *obj)
{
	if (!avs_id_valid(n->str))
		return avs_yerr(c, n, _("invalid record id \"%.40s\""), n->str);
	memcpy(((struct rd *)obj)->e->id, n->str, AVS_IDLEN + 1);
	memcpy(((struct rd *)obj)->e->r->id, n->str, AVS_IDLEN + 1);
	return 0;
}

static int
e_bound(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_ydigest(c, n, ((struct rd *)obj)->e->bound);
}

static int
e_state(const struct yctx *c, const struct ynode *n, void *obj)
{
	int s = avs_lookup(avs_state_names, n->str);

	if (s < 0 || !indexed_state((enum avs_state)s))
		return avs_yerr(c, n, _("expected sealed or declined"));
	((struct rd *)obj)->e->r->state = (enum avs_state)s;
	return 0;
}

#define DATE_FN(name, field)						\
static int								\
name(const struct yctx *c, const struct ynode *n, void *obj)		\
{									\
	return avs_ydate(c, n, ((struct rd *)obj)->e->r->field);	\
}
#define STR_FN(name, field)						\
static int								\
name(const struct yctx *c, const struct ynode *n, void *obj)		\
{									\
	return avs_ystr(c, n, &((struct rd *)obj)->e->r->field);	\
}

DATE_FN(e_registered, registered)
DATE_FN(e_sent, questions_sent)
DATE_FN(e_interview, interview_date)
DATE_FN(e_sealed, sealed)
DATE_FN(e_from, emp.from)
DATE_FN(e_to, emp.to)
STR_FN(e_qset, qset.name)
STR_FN(e_workplace, emp.workplace)
STR_FN(e_unit, emp.unit)
STR_FN(e_employment, emp.employment)
STR_FN(e_reason, emp.reason)
STR_FN(e_declined, declined_why)

static int
e_version(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_yint(c, n, 0, 1000000, &((struct rd *)obj)->e->r->qset.version);
}

static int
e_eligible(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_ybool(c, n, &((struct rd *)obj)->e->r->eligible);
}

static int
a_id(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_yident(c, n, &((struct rd *)obj)->a.id);
}

static int
a_type(const struct yctx *c, const struct ynode *n, void *obj)
{
	int t = avs_lookup(avs_qtype_names, n->str);

	if (t < 0 || t == AVS_Q_TEXT)
		return avs_yerr(c, n, _("expected a coded question type"));
	((struct rd *)obj)->a.type = (enum avs_qtype)t;
	return 0;
}

static int
a_answer(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct avs_answer *a = &((struct rd *)obj)->a;
	size_t i;
	int rc;

	if (a->type != AVS_Q_MULTI)
		return avs_ystr(c, n, &a->value);
	if ((rc = avs_ytype(c, n, YN_SEQ)) != 0)
		return rc;
	a->values = avs_xcalloc(n->n + 1, sizeof(*a->values));
	for (i = 0; i < n->n; i++)
		if ((rc = avs_ystr(c, n->items[i], &a->values[i])) != 0)
			return rc;
	return 0;
}

static const struct ykey answer_keys[] = {
	{ "id", YN_SCALAR, 1, a_id },
	{ "type", YN_SCALAR, 1, a_type },
	{ "answer", YN_SCALAR, 1, a_answer },
	{ NULL, 0, 0, NULL }
};
static const struct ykey answer_keys_multi[] = {
	{ "id", YN_SCALAR, 1, a_id },
	{ "type", YN_SCALAR, 1, a_type },
	{ "answer", YN_SEQ, 1, a_answer },
	{ NULL, 0, 0, NULL }
};

static int
e_answers(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct rd *d = obj;
	const struct ynode *t;
	size_t i;
	int rc;

	for (i = 0; i < n->n; i++) {
		memset(&d->a, 0, sizeof(d->a));
		t = avs_yget(n->items[i], "type");
		rc = avs_ymap(c, n->items[i], t != NULL &&
		    t->type == YN_SCALAR && strcmp(t->str, "multi") == 0 ?
		    answer_keys_multi : answer_keys, d);
		if (rc == 0 && avs_record_answer(d->e->r, d->a.id) != NULL)
			rc = avs_yerr(c, n->items[i], _("question \"%s\" is "
			    "answered twice"), d->a.id);
		if (rc == 0 && !avs_answer_given(&d->a))
			rc = avs_yerr(c, n->items[i], _("an empty answer"));
		if (rc != 0) {
			avs_answer_clear(&d->a);
			return rc;
		}
		avs_record_put(d->e->r, &d->a);
	}
	return 0;
}

static const struct ykey entry_keys[] = {
	{ "id", YN_SCALAR, 1, e_id },
	{ "bound", YN_SCALAR, 1, e_bound },
	{ "state", YN_SCALAR, 1, e_state },
	{ "registered", YN_SCALAR, 1, e_registered },
	{ "questions-sent", YN_SCALAR, 0, e_sent },
	{ "interview-date", YN_SCALAR, 0, e_interview },
	{ "sealed", YN_SCALAR, 0, e_sealed },
	{ "question-set", YN_SCALAR, 0, e_qset },
	{ "question-set-version", YN_SCALAR, 0, e_version },
	{ "workplace", YN_SCALAR, 0, e_workplace },
	{ "unit", YN_SCALAR, 0, e_unit },
	{ "employment", YN_SCALAR, 0, e_employment },
	{ "employed-from", YN_SCALAR, 1, e_from },
	{ "employed-to", YN_SCALAR, 1, e_to },
	{ "reason", YN_SCALAR, 0, e_reason },
	{ "eligible", YN_SCALAR, 0, e_eligible },
	{ "declined", YN_SCALAR, 0, e_declined },
	{ "answers", YN_SEQ, 1, e_answers },
	{ NULL, 0, 0, NULL }
};

static int
b_records(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct rd *d = obj;
	size_t i;
	int rc;

	d->b->e = avs_xcalloc(n->n ? n->n : 1, sizeof(*d->b->e));
	d->b->cap = n->n;
	for (i = 0; i < n->n; i++) {
		d->e = &d->b->e[i];
		d->e->r = avs_record_new();
		d->b->n = i + 1;
		if ((rc = avs_ymap(c, n->items[i], entry_keys, d)) != 0)
			return rc;
		if (i > 0 && strcmp(d->b->e[i - 1].id, d->e->id) >= 0)
			return avs_yerr(c, n->items[i], _("records out of "
			    "order or twice"));
	}
	return 0;
}

static const struct ykey bucket_keys[] = {
	{ "avslut-index", YN_SCALAR, 1, NULL },
	{ "month", YN_SCALAR, 1, b_month },
	{ "context", YN_SCALAR, 1, b_context },
	{ "records", YN_SEQ, 1, b_records },
	{ NULL, 0, 0, NULL }
};

int
avs_ix_parse(const char *file, const void *data, size_t len,
    struct avs_ix_bucket **out, struct avs_err *err)
{
	struct ydoc *doc;
	struct yctx c = { file, err };
	struct rd d;
	int rc;

	*out = NULL;
	if ((rc = avs_yaml_parse(file, data, len, &limits, &doc, err)) != 0)
		return rc;
	memset(&d, 0, sizeof(d));
	d.b = avs_xcalloc(1, sizeof(*d.b));
	rc = avs_yformat(&c, avs_yaml_root(doc), "avslut-index",
	    AVS_INDEX_FORMAT);
	if (rc == 0)
		rc = avs_ymap(&c, avs_yaml_root(doc), bucket_keys, &d);
	avs_yaml_free(doc);
	if (rc != 0) {
		avs_ix_free(d.b);
		return rc;
	}
	*out = d.b;
	return 0;
}

/* --- files and locks ------------------------------------------------------ */

static void
bucket_name(const char *month, char *name, size_t len)
{
	snprintf(name, len, "%.7s" BUCKET_EXT, month);
}

static void
lock_name(const char *month, char *name, size_t len)
{
	snprintf(name, len, INDEX_DIR "-%.7s", month);
}

/* DIR/index, opened (made when create); -1 when there is none. */
static int
index_dir(struct avs_store *st, int create, char **path, struct avs_err *err)
{
	const struct avs_store_dirs *d = avs_store_dirs(st);
	int fd = -1;

	*path = avs_xasprintf("%s/" INDEX_DIR, d->toppath);
	if (!avs_exists_in(d->top, INDEX_DIR)) {
		if (!create)
			return -1;
		if (mkdirat(d->top, INDEX_DIR, 0700) != 0 && errno != EEXIST) {
			avs_failerr(err, AVS_ERUN, "%s", *path);
			return -1;
		}
	}
	if (avs_open_dir_in(d->top, d->toppath, INDEX_DIR, &fd, err) != 0)
		return -1;
	return fd;
}

int
avs_ix_lock(struct avs_store *st, const char *month, struct avs_lock **out,
    struct avs_err *err)
{
	const struct avs_store_dirs *d = avs_store_dirs(st);
	char name[32];

	lock_name(month, name, sizeof(name));
	return avs_lock(d->locks, d->lockpath, name, 1, avs_progname, out,
	    err);
}

static int
drop_in(int fd, const char *path, const char *month, struct avs_err *err)
{
	char name[32];

	bucket_name(month, name, sizeof(name));
	avs_remove_temps(fd, name);
	if (unlinkat(fd, name, 0) != 0 && errno != ENOENT)
		return avs_failerr(err, AVS_ERUN, "%s/%s", path, name);
	return avs_fsync_dir(fd, path, err);
}

int
avs_ix_drop(struct avs_store *st, const char *month, struct avs_err *err)
{
	char *path;
	int fd, rc = 0;

	if ((fd = index_dir(st, 0, &path, err)) >= 0) {
		rc = drop_in(fd, path, month, err);
		close(fd);
	} else if (avs_exists_in(avs_store_dirs(st)->top, INDEX_DIR))
		rc = err->status;
	free(path);
	return rc;
}

int
avs_ix_drop_all(struct avs_store *st, struct avs_err *err)
{
	struct avs_lock *lk;
	struct dirent *de;
	char *path, month[AVS_MONTHLEN + 1];
	DIR *dir;
	int fd, dfd, rc = 0;

	if ((fd = index_dir(st, 0, &path, err)) < 0) {
		free(path);
		return avs_exists_in(avs_store_dirs(st)->top, INDEX_DIR) ?
		    err->status : 0;
	}
	if ((dfd = dup(fd)) < 0 || (dir = fdopendir(dfd)) == NULL) {
		rc = avs_failerr(err, AVS_ERUN, "%s", path);
		if (dfd >= 0)
			close(dfd);
		goto done;
	}
	while (rc == 0 && (de = readdir(dir)) != NULL) {
		/* YYYY-MM.asc, or a temporary .YYYY-MM.asc.tmp.XXXXXX */
		const char *n = de->d_name[0] == '.' ? de->d_name + 1 :
		    de->d_name;

		if (strlen(n) < AVS_MONTHLEN + sizeof(BUCKET_EXT) - 1 ||
		    strncmp(n + AVS_MONTHLEN, BUCKET_EXT,
		    sizeof(BUCKET_EXT) - 1) != 0)
			continue;
		snprintf(month, sizeof(month), "%.7s", n);
		if ((rc = avs_ix_lock(st, month, &lk, err)) != 0)
			break;
		rc = drop_in(fd, path, month, err);
		avs_unlock(lk, 0);
	}
	closedir(dir);
done:
	close(fd);
	free(path);
	return rc;
}

/* --- the scan ------------------------------------------------------------ */

/* A record of the store, as the scan sees it. */
struct item {
	const char *id;
	char month[AVS_MONTHLEN + 1];	/* "" when not indexed */
	char bound[AVS_DIGESTLEN];
	struct avs_record *keep;	/* its entry, for its bucket */
	int served;			/* taken from the index */
};

struct month {
	char month[AVS_MONTHLEN + 1];
	int write;			/* missing, bad or stale */
};

struct scan {
	struct avs_store *st;
	struct avs_crypto *c;
	const struct avs_scan_cbs *cbs;
	struct avs_scan *res;
	struct item *it;
	size_t n;
	struct month *m;
	size_t nm;
	char context[AVS_DIGESTLEN];
	const char *const *hr;
	size_t nhr;
};

static void
digest_of(int fd, const char *path, const char *name, size_t max,
    struct avs_buf *cat)
{
	struct avs_err e = AVS_ERR_INIT;
	struct avs_buf b = AVS_BUF_INIT;
	char sum[AVS_DIGESTLEN];

	if (fd >= 0 && avs_exists_in(fd, name) &&
	    avs_read_in(fd, path, name, max, &b, NULL, &e) == 0)
		avs_digest(b.p != NULL ? b.p : "", b.len, sum);
	else if (fd >= 0 && avs_exists_in(fd, name))
		snprintf(sum, sizeof(sum), "unreadable");
	else
		snprintf(sum, sizeof(sum), "none");
	avs_buf_printf(cat, "%s %s\n", name, sum);
	avs_buf_free(&b);
}

/* The digest of batch statement name into cat (as digest_of()): read
 * once per process while the file stays the same (its inode, size and
 * times), as the records of one import share it. */
static void
batch_of(const struct avs_store_dirs *d, const char *name,
    struct avs_buf *cat)
{
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	static struct seen {
		char name[AVS_BATCHLEN + 1];
		struct stat sb;
		char *line;
	} *seen;
	static size_t nseen;
	struct avs_buf one = AVS_BUF_INIT;
	struct stat sb;
	char file[32];
	size_t i;

	snprintf(file, sizeof(file), "%s.batch", name);
	if (d->evidence < 0 ||
	    fstatat(d->evidence, file, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
		digest_of(d->evidence, d->evpath, file, AVS_BATCH_FILE_MAX,
		    cat);
		return;
	}
	pthread_mutex_lock(&mu);
	for (i = 0; i < nseen && strcmp(seen[i].name, name) != 0; i++)
		;
	if (i < nseen && seen[i].sb.st_dev == sb.st_dev &&
	    seen[i].sb.st_ino == sb.st_ino &&
	    seen[i].sb.st_size == sb.st_size &&
	    seen[i].sb.st_mtim.tv_sec == sb.st_mtim.tv_sec &&
	    seen[i].sb.st_mtim.tv_nsec == sb.st_mtim.tv_nsec &&
	    seen[i].sb.st_ctim.tv_sec == sb.st_ctim.tv_sec &&
	    seen[i].sb.st_ctim.tv_nsec == sb.st_ctim.tv_nsec) {
		avs_buf_adds(cat, seen[i].line);
		pthread_mutex_unlock(&mu);
		return;
	}
	pthread_mutex_unlock(&mu);
	digest_of(d->evidence, d->evpath, file, AVS_BATCH_FILE_MAX, &one);
	avs_buf_adds(cat, one.p);
	pthread_mutex_lock(&mu);
	for (i = 0; i < nseen && strcmp(seen[i].name, name) != 0; i++)
		;
	if (i == nseen) {
		seen = avs_xreallocarray(seen, nseen + 1, sizeof(*seen));
		memcpy(seen[nseen].name, name, AVS_BATCHLEN + 1);
		seen[nseen++].line = NULL;
	}
	free(seen[i].line);
	seen[i].line = avs_buf_take(&one);
	seen[i].sb = sb;
	pthread_mutex_unlock(&mu);
}

/* The binding of record id now, and the month of its bucket ("" when
 * the index does not hold it).  0, or -1 when the record cannot be read
 * (the decryption says why). */
static int
binding(struct avs_store *st, const char *id, char month[AVS_MONTHLEN + 1],
    char bound[AVS_DIGESTLEN])
{
	const struct avs_store_dirs *d = avs_store_dirs(st);
	struct avs_err e = AVS_ERR_INIT;
	struct avs_buf file = AVS_BUF_INIT, cat = AVS_BUF_INIT;
	struct avs_reg_stmt reg;
	struct avs_meta m;
	char sum[AVS_DIGESTLEN], name[32];
	int rc = -1, missing;

	month[0] = '\0';
	if (avs_store_read_file(st, id, &file, &e) != 0 ||
	    avs_meta_parse(id, file.p, file.len, &m, &e) != 0)
		goto done;
	avs_digest(file.p, file.len, sum);
	avs_buf_printf(&cat, "record %s\n", sum);
	avs_ev_file(id, AVS_EV_REG, name, sizeof(name));
	digest_of(d->evidence, d->evpath, name, MAX_EVIDENCE, &cat);
	if (avs_ev_peek_reg(st, id, &reg, &missing, NULL) == 0 &&
	    reg.batch[0] != '\0')
		batch_of(d, reg.batch, &cat);
	avs_ev_file(id, AVS_EV_SEAL, name, sizeof(name));
	digest_of(d->evidence, d->evpath, name, MAX_EVIDENCE, &cat);
	avs_digest(cat.p, cat.len, bound);
	if (indexed_state(m.state))
		snprintf(month, AVS_MONTHLEN + 1, "%.7s", m.since);
	rc = 0;
done:
	avs_buf_free(&file);
	avs_buf_free(&cat);
	return rc;
}

/* The trust a bucket is written under: the signed config as it is on
 * disk, and the pins. */
static int
context(struct avs_store *st, char out[AVS_DIGESTLEN], struct avs_err *err)
{
	const struct avs_store_dirs *d = avs_store_dirs(st);
	struct avs_buf b = AVS_BUF_INIT, cat = AVS_BUF_INIT;
	const char *const *pins;
	size_t n, i;
	int rc;

	if ((rc = avs_read_in(d->top, d->toppath, "config", 1024 * 1024, &b,
	    NULL, err)) != 0)
		return rc;
	avs_buf_printf(&cat, "avslut-index %d\n", AVS_INDEX_FORMAT);
	avs_buf_add(&cat, b.p, b.len);
	pins = avs_store_pins(st, &n);
	for (i = 0; i < n; i++)
		avs_buf_printf(&cat, "\npin %s", pins[i]);
	avs_digest(cat.p, cat.len, out);
	avs_buf_free(&b);
	avs_buf_free(&cat);
	return 0;
}

static int
cmp_item(const void *a, const void *b)
{
	return strcmp(((const struct item *)a)->id,
	    ((const struct item *)b)->id);
}

static struct item *
find_item(struct scan *s, const char *id)
{
	struct item key;

	key.id = id;
	return bsearch(&key, s->it, s->n, sizeof(*s->it), cmp_item);
}

static struct month *
find_month(struct scan *s, const char *month)
{
	size_t i;

	for (i = 0; i < s->nm; i++)
		if (strcmp(s->m[i].month, month) == 0)
			return &s->m[i];
	s->m = avs_xreallocarray(s->m, s->nm + 1, sizeof(*s->m));
	memset(&s->m[s->nm], 0, sizeof(*s->m));
	memcpy(s->m[s->nm].month, month, AVS_MONTHLEN + 1);
	return &s->m[s->nm++];
}

/* Say once that a bucket is not used, and why. */
static void
bad_bucket(struct scan *s, const char *path, const char *name,
    const char *why)
{
	char msg[sizeof(((struct avs_err *)0)->msg)];

	snprintf(msg, sizeof(msg), _("%s/%s: not used, and written anew: %s"),
	    path, name, why);
	s->cbs->bad(msg, s->cbs->arg);
}

/* Read, decrypt and check the bucket of month m; NULL when it is
 * missing or bad (said so).  A key that stays locked is the error. */
static int
load_bucket(struct scan *s, int fd, const char *path, struct month *m,
    struct avs_ix_bucket **out, struct avs_err *err)
{
	const struct avs_config *cfg = avs_store_config(s->st);
	struct avs_buf file = AVS_BUF_INIT, plain = AVS_BUF_INIT;
	struct avs_decinfo info;
	struct avs_err e = AVS_ERR_INIT;
	char name[32], what[64], why[200];
	size_t end = sizeof(ARMOR_END) - 1;
	int rc = 0;

	*out = NULL;
	bucket_name(m->month, name, sizeof(name));
	if (fd < 0 || !avs_exists_in(fd, name))
		return 0;
	snprintf(what, sizeof(what), INDEX_DIR "/%s", name);
	if (avs_read_in(fd, path, name, MAX_BUCKET, &file, NULL, &e) != 0) {
		bad_bucket(s, path, name, e.msg);
		goto done;
	}
	if (file.len < end || memcmp(file.p + file.len - end, ARMOR_END,
	    end) != 0) {
		bad_bucket(s, path, name, _("data after the end of its "
		    "message"));
		goto done;
	}
	if (avs_crypto_decrypt(s->c, file.p, file.len, &plain, &info,
	    &e) != 0) {
		if (avs_crypto_locked(s->c)) {
			s->res->locked = 1;
			rc = avs_fail(err, e.status, "%s: %s", what, e.msg);
		} else
			bad_bucket(s, path, name, e.msg);
		goto done;
	}
	if ((rc = avs_log_access(s->st, what, info.key, "avslut-report",
	    err)) != 0)
		goto done;
	if (!avs_crypto_signer_allowed(s->c, &info, s->hr, s->nhr, why,
	    sizeof(why))) {
		bad_bucket(s, path, name, why);
		goto done;
	}
	if (!avs_crypto_rcpt_match(s->c, &info,
	    (const char *const *)cfg->recipients, cfg->nrecipients)) {
		bad_bucket(s, path, name, _("not encrypted to exactly the "
		    "store's recipients"));
		goto done;
	}
	if (avs_ix_parse(what, plain.p, plain.len, out, &e) != 0) {
		bad_bucket(s, path, name, e.msg);
		goto done;
	}
	if (strcmp((*out)->month, m->month) != 0) {
		snprintf(why, sizeof(why), _("it is the bucket of %s"),
		    (*out)->month);
		bad_bucket(s, path, name, why);
		avs_ix_free(*out);
		*out = NULL;
	} else if (strcmp((*out)->context, s->context) != 0) {
		/* Written before the config or the pins changed: stale. */
		avs_ix_free(*out);
		*out = NULL;
	}
done:
	avs_buf_free(&file);
	avs_buf_free(&plain);
	return rc;
}

/* Hand over what the bucket of m holds of records unchanged since. */
static int
serve_month(struct scan *s, int fd, const char *path, struct month *m,
    struct avs_err *err)
{
	struct avs_ix_bucket *b;
	struct item *it;
	size_t i, used = 0;
	int rc;

	if ((rc = load_bucket(s, fd, path, m, &b, err)) != 0)
		return rc;
	for (i = 0; b != NULL && i < b->n; i++) {
		it = find_item(s, b->e[i].id);
		if (it == NULL || it->served || strcmp(it->month,
		    m->month) != 0 || strcmp(it->bound, b->e[i].bound) != 0)
			continue;
		s->cbs->rec(b->e[i].r, s->cbs->arg);
		s->res->nread++;
		it->served = 1;
		it->keep = b->e[i].r;
		b->e[i].r = NULL;
		used++;
	}
	for (i = 0; i < s->n; i++)
		if (!s->it[i].served && strcmp(s->it[i].month, m->month) == 0)
			break;
	m->write = b == NULL || used != b->n || i < s->n;
	avs_ix_free(b);
	return 0;
}

/* A record decrypted: handed over, and kept for its bucket. */
static void
got(const struct avs_record *r, void *arg)
{
	struct scan *s = arg;
	struct item *it = find_item(s, r->id);

	s->cbs->rec(r, s->cbs->arg);
	if (it != NULL && it->month[0] != '\0' && it->keep == NULL)
		it->keep = avs_ix_reduce(r);
}

static void
got_bad(const char *msg, void *arg)
{
	struct scan *s = arg;

	s->cbs->bad(msg, s->cbs->arg);
}

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct avs_ix_entry *)a)->id,
	    ((const struct avs_ix_entry *)b)->id);
}

/* Write the bucket of m from the entries kept, under its lock, of the
 * records still there and still bound as they were read. */
static int
write_month(struct scan *s, struct avs_crypto *c, int fd, const char *path,
    struct month *m, const char *signer, struct avs_err *err)
{
	const struct avs_config *cfg = avs_store_config(s->st);
	struct avs_ix_bucket b;
	struct avs_buf plain = AVS_BUF_INIT, cipher = AVS_BUF_INIT;
	struct avs_lock *lk;
	char name[32], what[64], month[AVS_MONTHLEN + 1], bound[AVS_DIGESTLEN];
	size_t i;
	int rc;

	memset(&b, 0, sizeof(b));
	memcpy(b.month, m->month, sizeof(b.month));
	memcpy(b.context, s->context, sizeof(b.context));
	b.e = avs_xcalloc(s->n + 1, sizeof(*b.e));
	bucket_name(m->month, name, sizeof(name));
	snprintf(what, sizeof(what), INDEX_DIR "/%s", name);
	if ((rc = avs_ix_lock(s->st, m->month, &lk, err)) != 0)
		goto done;
	/* Under the lock, each record as it is now: a purge or an
	 * amendment may have gone by since it was read. */
	for (i = 0; i < s->n; i++) {
		if (s->it[i].keep == NULL || strcmp(s->it[i].month,
		    m->month) != 0 || binding(s->st, s->it[i].id, month,
		    bound) != 0 || strcmp(month, m->month) != 0 ||
		    strcmp(bound, s->it[i].bound) != 0)
			continue;
		memcpy(b.e[b.n].id, s->it[i].id, AVS_IDLEN + 1);
		memcpy(b.e[b.n].bound, s->it[i].bound, AVS_DIGESTLEN);
		b.e[b.n++].r = s->it[i].keep;
	}
	qsort(b.e, b.n, sizeof(*b.e), cmp_entry);
	if (b.n == 0)
		rc = drop_in(fd, path, m->month, err);
	else if ((rc = avs_ix_write(&b, &plain, err)) == 0 &&
	    (rc = avs_crypto_encrypt(c, (const char *const *)
	    cfg->recipients, cfg->nrecipients, signer, plain.p, plain.len,
	    &cipher, err)) == 0 &&
	    (rc = avs_rec_check_readers(c, what, (const char *const *)
	    cfg->recipients, cfg->nrecipients, &cipher, 0, err)) == 0)
		rc = avs_atomic_write(fd, path, name, cipher.p, cipher.len, 0,
		    0, err);
	avs_unlock(lk, 0);
done:
	free(b.e);
	avs_buf_free(&plain);
	avs_buf_free(&cipher);
	return rc;
}

/* The binding after the decryption must be the one before: an entry
 * never stands for other bytes than those it was read from. */
static void
recheck(struct scan *s)
{
	char month[AVS_MONTHLEN + 1], bound[AVS_DIGESTLEN];
	size_t i;

	for (i = 0; i < s->n; i++) {
		if (s->it[i].keep == NULL || s->it[i].served)
			continue;
		if (binding(s->st, s->it[i].id, month, bound) != 0 ||
		    strcmp(month, s->it[i].month) != 0 ||
		    strcmp(bound, s->it[i].bound) != 0) {
			avs_record_free(s->it[i].keep);
			s->it[i].keep = NULL;
		}
	}
}

/* The months to write, for the pool's threads (a signed encryption is a
 * gpg process). */
struct writers {
	struct scan *s;
	int fd;
	const char *path, *signer;
	struct month **m;
};

static int
write_one(struct avs_crypto *c, size_t i, void *arg, struct avs_err *err)
{
	struct writers *w = arg;

	return write_month(w->s, c, w->fd, w->path, w->m[i], w->signer, err);
}

/* Write the buckets that need it, with the caller's HR key, jobs at a
 * time; the index is a cache, so a bucket not written is said and the
 * report goes on. */
static void
write_back(struct scan *s, int jobs, int rebuild)
{
	struct avs_err e = AVS_ERR_INIT;
	struct writers w;
	char signer[AVS_FPRLEN + 1], *path = NULL, msg[sizeof(e.msg)];
	size_t i, nw = 0;
	int fd = -1, rc;

	for (i = 0; i < s->nm; i++)
		nw += rebuild || s->m[i].write;
	if (nw == 0)
		return;
	if (avs_store_hr_key(s->st, s->c, NULL, 0, signer, &e) != 0 ||
	    avs_store_keys(s->st, s->c, (const char *const *)
	    avs_store_config(s->st)->recipients,
	    avs_store_config(s->st)->nrecipients, AVS_USE_ENCRYPT, &e) != 0 ||
	    (fd = index_dir(s->st, 1, &path, &e)) < 0)
		goto fail;
	recheck(s);
	w.s = s;
	w.fd = fd;
	w.path = path;
	w.signer = signer;
	w.m = avs_xcalloc(nw, sizeof(*w.m));
	for (i = nw = 0; i < s->nm; i++)
		if (rebuild || s->m[i].write)
			w.m[nw++] = &s->m[i];
	rc = avs_pool_run(jobs, nw, write_one, &w, &e);
	free(w.m);
	if (rc == 0)
		goto done;
fail:
	snprintf(msg, sizeof(msg), _("the report index was not written: %s"),
	    e.msg);
	s->cbs->bad(msg, s->cbs->arg);
done:
	if (fd >= 0)
		close(fd);
	free(path);
}

int
avs_ix_scan(struct avs_store *st, struct avs_crypto *c,
    const char *command, int jobs, int flags, const struct avs_scan_cbs *cbs,
    struct avs_scan *res, struct avs_err *err)
{
	struct avs_scan_cbs mine = { got, got_bad, NULL, cbs->reader };
	struct avs_err e = AVS_ERR_INIT;
	struct scan s;
	char **ids = NULL, **rest = NULL, *path = NULL;
	size_t n, nrest = 0, i;
	int fd = -1, rc;

	memset(res, 0, sizeof(*res));
	memset(&s, 0, sizeof(s));
	s.st = st;
	s.c = c;
	s.cbs = cbs;
	s.res = res;
	mine.arg = &s;
	if ((rc = avs_store_ids(st, &ids, &n, err)) != 0 ||
	    (rc = context(st, s.context, err)) != 0)
		goto done;
	s.hr = avs_store_hr(st, &s.nhr);
	(void)avs_store_keys(st, c, s.hr, s.nhr, AVS_USE_VERIFY, NULL);
	s.it = avs_xcalloc(n + 1, sizeof(*s.it));
	s.n = n;
	for (i = 0; i < n; i++) {
		s.it[i].id = ids[i];
		if (binding(st, ids[i], s.it[i].month, s.it[i].bound) == 0 &&
		    s.it[i].month[0] != '\0')
			(void)find_month(&s, s.it[i].month);
	}
	if (!(flags & AVS_IX_REBUILD))
		fd = index_dir(st, 0, &path, &e);
	for (i = 0; i < s.nm; i++)
		if (!(flags & AVS_IX_REBUILD) &&
		    (rc = serve_month(&s, fd, path, &s.m[i], err)) != 0)
			goto done;
	for (i = 0; i < n; i++)
		if (!s.it[i].served)
			avs_strv_add(&rest, &nrest, ids[i]);
	if ((rc = avs_scan_ids(st, command, jobs, rest, nrest, &mine, res,
	    err)) != 0)
		goto done;
	write_back(&s, jobs, flags & AVS_IX_REBUILD);
done:
	if (fd >= 0)
		close(fd);
	free(path);
	for (i = 0; i < s.n; i++)
		avs_record_free(s.it[i].keep);
	free(s.it);
	free(s.m);
	avs_strv_free(rest);
	avs_strv_free(ids);
	return rc;
}
