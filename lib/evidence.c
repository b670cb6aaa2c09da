/*
 * evidence.c -- the registration block and the signed statements beside
 * a record (evidence.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "evidence.h"
#include "fsio.h"
#include "i18n.h"
#include "yamlio.h"

#define EV_MAX (16 * 1024)
#define CLEAR_BEGIN "-----BEGIN PGP SIGNED MESSAGE-----\n"
#define SIG_BEGIN "\n-----BEGIN PGP SIGNATURE-----\n"
#define LEGACY "legacy"
#define BATCH_MAX AVS_BATCH_FILE_MAX
#define BATCH_SUFFIX ".batch"
#define BATCH_GRACE (24 * 3600)	/* seconds a batch is kept unnamed */

static int cmp_str(const void *, const void *);

static const struct ylimits ev_limits = { EV_MAX, 8, 1000 };
static const struct ylimits batch_limits = { BATCH_MAX, 4,
    4 * AVS_BATCH_MAX + 64 };

void
avs_digest(const void *data, size_t len, char out[AVS_DIGESTLEN])
{
	memcpy(out, "sha256:", 7);
	avs_sha256_hex(data, len, out + 7);
}

/* --- the registration block ---------------------------------------------- */

/* The block of r with salt, written one way only: a check writes it again
 * and compares. */
static int
reg_text(const struct avs_record *r, const char *salt, struct avs_buf *out,
    struct avs_err *err)
{
	struct yw *w;

	avs_buf_reset(out);
	w = avs_yw_begin(out);
	avs_yw_map(w);
	avs_yw_kint(w, "avslut-registration", 1);
	avs_yw_ktoken(w, "record", r->id);
	avs_yw_ktoken(w, "salt", salt);
	avs_yw_ktoken(w, "registered", r->registered);
	avs_yw_ktoken(w, "questions", r->qset.name);
	avs_record_write_facts(w, r);
	avs_yw_end_map(w);
	return avs_yw_end(w, err);
}

int
avs_reg_block_make(struct avs_record *r, struct avs_err *err)
{
	struct avs_buf text = AVS_BUF_INIT;
	unsigned char rnd[16];
	char salt[33];
	size_t i;
	int rc;

	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return avs_failerr(err, AVS_ERUN, "getrandom");
	for (i = 0; i < sizeof(rnd); i++)
		snprintf(salt + 2 * i, 3, "%02x", rnd[i]);
	if ((rc = reg_text(r, salt, &text, err)) == 0) {
		avs_sfree(r->registration);
		r->registration = avs_buf_take(&text);
	}
	avs_buf_free(&text);
	return rc;
}

int
avs_reg_block_check(const struct avs_record *r, struct avs_err *err)
{
	struct avs_buf again = AVS_BUF_INIT;
	struct ydoc *doc = NULL;
	const struct ynode *salt;
	int rc;

	if (r->registration == NULL)
		return avs_fail(err, AVS_EINTEGRITY, _("record %s has no "
		    "registration"), r->id);
	if (avs_yaml_parse("registration", r->registration,
	    strlen(r->registration), &ev_limits, &doc, NULL) != 0 ||
	    (salt = avs_yget(avs_yaml_root(doc), "salt")) == NULL ||
	    salt->type != YN_SCALAR || salt->len != 32 ||
	    reg_text(r, salt->str, &again, NULL) != 0 ||
	    strcmp(again.p, r->registration) != 0)
		rc = avs_fail(err, AVS_EINTEGRITY, _("record %s: its facts "
		    "differ from its signed registration"), r->id);
	else
		rc = 0;
	avs_yaml_free(doc);
	avs_buf_free(&again);
	return rc;
}

void
avs_reg_stmt_of(const struct avs_record *r, struct avs_reg_stmt *s)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->id, sizeof(s->id), "%s", r->id);
	snprintf(s->registered, sizeof(s->registered), "%s", r->registered);
	s->declined = r->state == AVS_DECLINED;
	snprintf(s->employed_to, sizeof(s->employed_to), "%s", r->emp.to);
	snprintf(s->interviewer, sizeof(s->interviewer), "%s",
	    r->interviewer.fpr);
	if (r->registration != NULL)
		avs_digest(r->registration, strlen(r->registration),
		    s->facts);
	else
		snprintf(s->facts, sizeof(s->facts), "%s", LEGACY);
}

/* --- statements ------------------------------------------------------------ */

void
avs_ev_file(const char *id, enum avs_ev_kind k, char *name, size_t len)
{
	snprintf(name, len, "%s.%s", id, k == AVS_EV_REG ? "reg" : "seal");
}

static void
reg_yaml(const struct avs_reg_stmt *s, struct avs_buf *out,
    struct avs_err *err, int *rc)
{
	struct yw *w = avs_yw_begin(out);

	avs_yw_map(w);
	avs_yw_kint(w, "avslut-evidence", 1);
	avs_yw_ktoken(w, "kind", "registration");
	avs_yw_ktoken(w, "record", s->id);
	avs_yw_ktoken(w, "registered", s->registered);
	avs_yw_ktoken(w, "state", s->declined ? "declined" : "planned");
	avs_yw_ktoken(w, "employed-to", s->employed_to);
	avs_yw_ktoken(w, "interviewer", s->interviewer);
	avs_yw_ktoken(w, "facts", s->facts);
	avs_yw_ktoken(w, "document", s->document);
	avs_yw_ktoken(w, "batch", s->batch);
	avs_yw_end_map(w);
	*rc = avs_yw_end(w, err);
}

static void
seal_yaml(const struct avs_seal_stmt *s, struct avs_buf *out,
    struct avs_err *err, int *rc)
{
	struct yw *w = avs_yw_begin(out);

	avs_yw_map(w);
	avs_yw_kint(w, "avslut-evidence", 1);
	avs_yw_ktoken(w, "kind", "seal");
	avs_yw_ktoken(w, "record", s->id);
	avs_yw_ktoken(w, "sealed", s->sealed);
	avs_yw_ktoken(w, "by", s->by);
	avs_yw_ktoken(w, "document", s->document);
	avs_yw_end_map(w);
	*rc = avs_yw_end(w, err);
}

int
avs_ev_text(const struct avs_reg_stmt *reg, const struct avs_seal_stmt *seal,
    struct avs_buf *out, struct avs_err *err)
{
	int rc;

	if (reg != NULL)
		reg_yaml(reg, out, err, &rc);
	else
		seal_yaml(seal, out, err, &rc);
	return rc;
}

static int
write_stmt(struct avs_store *st, struct avs_crypto *c, const char *signer,
    const char *id, enum avs_ev_kind k, const struct avs_buf *text,
    int exclusive, struct avs_err *err)
{
	struct avs_buf sig = AVS_BUF_INIT;
	char name[32];
	int fd, rc;

	if ((fd = avs_store_evidence(st, 1, err)) < 0)
		return err != NULL ? err->status : AVS_ERUN;
	avs_ev_file(id, k, name, sizeof(name));
	if ((rc = avs_crypto_clearsign(c, signer, text->p, text->len, &sig,
	    err)) == 0)
		rc = avs_atomic_write(fd, avs_store_dirs(st)->evpath, name,
		    sig.p, sig.len, exclusive, 0, err);
	avs_buf_free(&sig);
	return rc;
}

int
avs_ev_write_reg(struct avs_store *st, struct avs_crypto *c,
    const char *signer, const struct avs_reg_stmt *s, int replace,
    struct avs_err *err)
{
	struct avs_buf text = AVS_BUF_INIT;
	int rc;

	reg_yaml(s, &text, err, &rc);
	if (rc == 0)
		rc = write_stmt(st, c, signer, s->id, AVS_EV_REG, &text,
		    !replace, err);
	avs_buf_free(&text);
	return rc;
}

int
avs_ev_write_seal(struct avs_store *st, struct avs_crypto *c,
    const char *signer, const struct avs_seal_stmt *s, struct avs_err *err)
{
	struct avs_buf text = AVS_BUF_INIT;
	int rc;

	seal_yaml(s, &text, err, &rc);
	if (rc == 0)
		rc = write_stmt(st, c, signer, s->id, AVS_EV_SEAL, &text, 0,
		    err);
	avs_buf_free(&text);
	return rc;
}

/* --- reading them ---------------------------------------------------------- */

struct evd {
	enum avs_ev_kind kind;
	struct avs_reg_stmt *reg;
	struct avs_seal_stmt *seal;
};

/* The forms a registration statement comes in. */
enum form {
	F_SIGNED,	/* the text of a clearsigned file: no batch */
	F_BATCHED,	/* an unsigned file: its batch named */
	F_TEXT		/* a statement's text: either */
};

static int
copy_scalar(const struct yctx *c, const struct ynode *n, char *out,
    size_t len)
{
	if (n->len == 0 || n->len >= len)
		return avs_yerr(c, n, _("not a valid value"));
	memcpy(out, n->str, n->len + 1);
	return 0;
}

static int
e_kind(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct evd *d = obj;

	if (strcmp(n->str, d->kind == AVS_EV_REG ? "registration" :
	    "seal") != 0)
		return avs_yerr(c, n, _("a statement of another kind"));
	return 0;
}

static int
e_record(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct evd *d = obj;

	if (!avs_id_valid(n->str))
		return avs_yerr(c, n, _("not a record id"));
	return copy_scalar(c, n, d->reg != NULL ? d->reg->id : d->seal->id,
	    AVS_IDLEN + 1);
}

static int
e_date(const struct yctx *c, const struct ynode *n, char *out)
{
	return avs_ydate(c, n, out);
}

static int
e_registered(const struct yctx *c, const struct ynode *n, void *obj)
{
	return e_date(c, n, ((struct evd *)obj)->reg->registered);
}

static int
e_employed_to(const struct yctx *c, const struct ynode *n, void *obj)
{
	return e_date(c, n, ((struct evd *)obj)->reg->employed_to);
}

static int
e_sealed(const struct yctx *c, const struct ynode *n, void *obj)
{
	return e_date(c, n, ((struct evd *)obj)->seal->sealed);
}

static int
e_state(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct avs_reg_stmt *s = ((struct evd *)obj)->reg;

	if (strcmp(n->str, "declined") == 0)
		s->declined = 1;
	else if (strcmp(n->str, "planned") != 0)
		return avs_yerr(c, n, _("not a state a record is registered "
		    "in"));
	return 0;
}

static int
e_interviewer(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_yfpr(c, n, ((struct evd *)obj)->reg->interviewer);
}

static int
e_by(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_yfpr(c, n, ((struct evd *)obj)->seal->by);
}

int
avs_ydigest(const struct yctx *c, const struct ynode *n,
    char out[AVS_DIGESTLEN])
{
	size_t i;

	if (n->len != AVS_DIGESTLEN - 1 || strncmp(n->str, "sha256:", 7) != 0)
		return avs_yerr(c, n, _("not a SHA-256 digest"));
	for (i = 7; i < n->len; i++)
		if (!((n->str[i] >= '0' && n->str[i] <= '9') ||
		    (n->str[i] >= 'a' && n->str[i] <= 'f')))
			return avs_yerr(c, n, _("not a SHA-256 digest"));
	return copy_scalar(c, n, out, AVS_DIGESTLEN);
}

static int
digest_value(const struct yctx *c, const struct ynode *n, char *out,
    int legacy)
{
	if (legacy && strcmp(n->str, LEGACY) == 0)
		return copy_scalar(c, n, out, AVS_DIGESTLEN);
	return avs_ydigest(c, n, out);
}

static int
e_facts(const struct yctx *c, const struct ynode *n, void *obj)
{
	return digest_value(c, n, ((struct evd *)obj)->reg->facts, 1);
}

static int
e_document(const struct yctx *c, const struct ynode *n, void *obj)
{
	return digest_value(c, n, ((struct evd *)obj)->seal->document, 0);
}

static int
e_first(const struct yctx *c, const struct ynode *n, void *obj)
{
	return avs_ydigest(c, n, ((struct evd *)obj)->reg->document);
}

static int
batch_name_valid(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return i == AVS_BATCHLEN;
}

static int
e_batch(const struct yctx *c, const struct ynode *n, void *obj)
{
	if (!batch_name_valid(n->str))
		return avs_yerr(c, n, _("not the name of a batch"));
	return copy_scalar(c, n, ((struct evd *)obj)->reg->batch,
	    AVS_BATCHLEN + 1);
}

static const struct ykey reg_keys[] = {
	{ "avslut-evidence", YN_SCALAR, 1, NULL },
	{ "kind", YN_SCALAR, 1, e_kind },
	{ "record", YN_SCALAR, 1, e_record },
	{ "registered", YN_SCALAR, 1, e_registered },
	{ "state", YN_SCALAR, 1, e_state },
	{ "employed-to", YN_SCALAR, 1, e_employed_to },
	{ "interviewer", YN_SCALAR, 1, e_interviewer },
	{ "facts", YN_SCALAR, 1, e_facts },
	{ "document", YN_SCALAR, 0, e_first },
	{ "batch", YN_SCALAR, 0, e_batch },
	{ NULL, 0, 0, NULL }
};

static const struct ykey seal_keys[] = {
	{ "avslut-evidence", YN_SCALAR, 1, NULL },
	{ "kind", YN_SCALAR, 1, e_kind },
	{ "record", YN_SCALAR, 1, e_record },
	{ "sealed", YN_SCALAR, 1, e_sealed },
	{ "by", YN_SCALAR, 1, e_by },
	{ "document", YN_SCALAR, 1, e_document },
	{ NULL, 0, 0, NULL }
};

/* Parse a statement's text (named what) of record id into d. */
static int
parse_stmt(const char *what, const char *id, const char *text, size_t len,
    enum form form, struct evd *d, struct avs_err *err)
{
	struct ydoc *doc = NULL;
	struct yctx c = { what, err };
	const char *rid;
	int rc;

	if ((rc = avs_yaml_parse(what, text, len, &ev_limits, &doc,
	    err)) == 0 &&
	    (rc = avs_yformat(&c, avs_yaml_root(doc), "avslut-evidence",
	    1)) == 0)
		rc = avs_ymap(&c, avs_yaml_root(doc), d->kind == AVS_EV_REG ?
		    reg_keys : seal_keys, d);
	avs_yaml_free(doc);
	if (rc != 0)
		return err != NULL ? (err->status = AVS_EINTEGRITY) :
		    AVS_EINTEGRITY;
	rid = d->kind == AVS_EV_REG ? d->reg->id : d->seal->id;
	if (strcmp(rid, id) != 0)
		return avs_fail(err, AVS_EINTEGRITY, _("%s is the statement "
		    "of another record"), what);
	if (d->kind == AVS_EV_REG && (form == F_BATCHED ||
	    d->reg->document[0] != '\0' || d->reg->batch[0] != '\0') &&
	    (form == F_SIGNED || d->reg->document[0] == '\0' ||
	    d->reg->batch[0] == '\0' || strcmp(d->reg->facts, LEGACY) == 0))
		return avs_fail(err, AVS_EINTEGRITY, form == F_SIGNED ?
		    _("%s: a signed statement that names a batch") :
		    _("%s: an unsigned statement without its batch"), what);
	return 0;
}

/* Read statement k of id whole into data (its path into what). */
static int
read_stmt(struct avs_store *st, const char *id, enum avs_ev_kind k,
    char *what, size_t wlen, struct avs_buf *data, int *missing,
    struct avs_err *err)
{
	char name[32];
	int fd;

	*missing = 0;
	avs_ev_file(id, k, name, sizeof(name));
	snprintf(what, wlen, "%s/%s", avs_store_dirs(st)->evpath, name);
	if ((fd = avs_store_evidence(st, 0, NULL)) < 0 ||
	    !avs_exists_in(fd, name)) {
		*missing = 1;
		return avs_fail(err, AVS_ERUN, _("%s: missing"), what);
	}
	return avs_read_in(fd, avs_store_dirs(st)->evpath, name, EV_MAX, data,
	    NULL, err) != 0 ? (err != NULL ? (err->status = AVS_EINTEGRITY) :
	    AVS_EINTEGRITY) : 0;
}

/* --- batches -------------------------------------------------------------- */

int
avs_ev_batch_name(char name[AVS_BATCHLEN + 1], struct avs_err *err)
{
	unsigned char rnd[AVS_BATCHLEN / 2];
	size_t i;

	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return avs_failerr(err, AVS_ERUN, "getrandom");
	for (i = 0; i < sizeof(rnd); i++)
		snprintf(name + 2 * i, 3, "%02x", rnd[i]);
	return 0;
}

static void
batch_file(const char *name, char *out, size_t len)
{
	snprintf(out, len, "%s%s", name, BATCH_SUFFIX);
}

int
avs_ev_write_batch(struct avs_store *st, struct avs_crypto *c,
    const char *signer, const char *name, char *const *ids,
    char *const *digests, size_t n, struct avs_err *err)
{
	struct avs_buf text = AVS_BUF_INIT, sig = AVS_BUF_INIT;
	struct yw *w = avs_yw_begin(&text);
	char file[32];
	size_t i;
	int fd = -1, rc;

	avs_yw_map(w);
	avs_yw_kint(w, "avslut-evidence", 1);
	avs_yw_ktoken(w, "kind", "batch");
	avs_yw_ktoken(w, "batch", name);
	avs_yw_token(w, "statements");
	avs_yw_map(w);
	for (i = 0; i < n; i++)
		avs_yw_ktoken(w, ids[i], digests[i]);
	avs_yw_end_map(w);
	avs_yw_end_map(w);
	batch_file(name, file, sizeof(file));
	if ((rc = avs_yw_end(w, err)) == 0 &&
	    (fd = avs_store_evidence(st, 1, err)) < 0)
		rc = err != NULL ? err->status : AVS_ERUN;
	if (rc == 0 && (rc = avs_crypto_clearsign(c, signer, text.p, text.len,
	    &sig, err)) == 0)
		rc = avs_atomic_write(fd, avs_store_dirs(st)->evpath, file,
		    sig.p, sig.len, 1, 0, err);
	avs_buf_free(&text);
	avs_buf_free(&sig);
	return rc;
}

/* A batch statement parsed: its ids, sorted, each followed by a blank
 * and the digest of its registration statement. */
struct batch {
	const char *name;
	char **v;
	size_t n;
};

static int
b_kind(const struct yctx *c, const struct ynode *n, void *obj)
{
	(void)obj;
	if (strcmp(n->str, "batch") != 0)
		return avs_yerr(c, n, _("a statement of another kind"));
	return 0;
}

static int
b_name(const struct yctx *c, const struct ynode *n, void *obj)
{
	if (strcmp(n->str, ((struct batch *)obj)->name) != 0)
		return avs_yerr(c, n, _("the statement of another batch"));
	return 0;
}

static int
b_statements(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct batch *b = obj;
	char digest[AVS_DIGESTLEN];
	size_t i;
	int rc;

	if (n->n == 0 || n->n > AVS_BATCH_MAX)
		return avs_yerr(c, n, _("not a batch of 1 to %d records"),
		    AVS_BATCH_MAX);
	b->v = avs_xcalloc(n->n + 1, sizeof(*b->v));
	for (i = 0; i < n->n; i++) {
		const struct ynode *k = n->items[2 * i];
		const struct ynode *v = n->items[2 * i + 1];

		if (k->type != YN_SCALAR || !avs_id_valid(k->str))
			return avs_yerr(c, k, _("not a record id"));
		if ((rc = avs_ytype(c, v, YN_SCALAR)) != 0 ||
		    (rc = avs_ydigest(c, v, digest)) != 0)
			return rc;
		b->v[b->n++] = avs_xasprintf("%s %s", k->str, digest);
	}
	qsort(b->v, b->n, sizeof(*b->v), cmp_str);
	return 0;
}

static const struct ykey batch_keys[] = {
	{ "avslut-evidence", YN_SCALAR, 1, NULL },
	{ "kind", YN_SCALAR, 1, b_kind },
	{ "batch", YN_SCALAR, 1, b_name },
	{ "statements", YN_MAP, 1, b_statements },
	{ NULL, 0, 0, NULL }
};

static void
batch_clear(struct batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		free(b->v[i]);
	free(b->v);
	b->v = NULL;
	b->n = 0;
}

static int
batch_parse(const char *what, const char *text, size_t len, struct batch *b,
    struct avs_err *err)
{
	struct ydoc *doc = NULL;
	struct yctx c = { what, err };
	int rc;

	if ((rc = avs_yaml_parse(what, text, len, &batch_limits, &doc,
	    err)) == 0 &&
	    (rc = avs_yformat(&c, avs_yaml_root(doc), "avslut-evidence",
	    1)) == 0)
		rc = avs_ymap(&c, avs_yaml_root(doc), batch_keys, b);
	avs_yaml_free(doc);
	if (rc != 0) {
		batch_clear(b);
		return err != NULL ? (err->status = AVS_EINTEGRITY) :
		    AVS_EINTEGRITY;
	}
	return 0;
}

/* The digest batch b holds for id, or NULL. */
static const char *
batch_find(const struct batch *b, const char *id)
{
	size_t lo = 0, hi = b->n, mid, idlen = strlen(id);
	int d;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((d = strncmp(b->v[mid], id, idlen)) == 0)
			return b->v[mid][idlen] == ' ' ?
			    b->v[mid] + idlen + 1 : NULL;
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int
avs_ev_batch_parse(const char *what, const char *name, const char *text,
    size_t len, const char *id, char digest[AVS_DIGESTLEN],
    struct avs_err *err)
{
	struct batch b = { name, NULL, 0 };
	const char *d;
	int rc;

	if ((rc = batch_parse(what, text, len, &b, err)) != 0)
		return rc;
	if ((d = batch_find(&b, id)) != NULL)
		snprintf(digest, AVS_DIGESTLEN, "%s", d);
	else
		rc = avs_fail(err, AVS_EINTEGRITY, _("%s does not hold "
		    "record %s"), what, id);
	batch_clear(&b);
	return rc;
}

/* Batch statements this process verified, by the digest of their file:
 * a report reads many records of one import and verifies its batch
 * once.  Shared by the threads of a pool. */
#define NVB 64
static struct vbatch {
	char name[AVS_BATCHLEN + 1];
	char file[AVS_DIGESTLEN];
	char signer[AVS_FPRLEN + 1];
	struct batch b;
} vb[NVB];
static unsigned vb_next;
static pthread_mutex_t vb_mu = PTHREAD_MUTEX_INITIALIZER;

/* Look id up in a verified batch of that file (0), or say there is
 * none (-1); its digest into want, "" when the batch does not hold it. */
static int
vb_lookup(const char *name, const char *file, const char *const *hr,
    const char *id, char want[AVS_DIGESTLEN])
{
	const char *d;
	size_t i;
	int found = -1;

	pthread_mutex_lock(&vb_mu);
	for (i = 0; i < NVB && found < 0; i++)
		if (strcmp(vb[i].file, file) == 0 &&
		    strcmp(vb[i].name, name) == 0 &&
		    avs_lookup(hr, vb[i].signer) >= 0) {
			found = 0;
			d = batch_find(&vb[i].b, id);
			snprintf(want, AVS_DIGESTLEN, "%s", d != NULL ? d : "");
		}
	pthread_mutex_unlock(&vb_mu);
	return found;
}

static void
vb_keep(const char *name, const char *file, const char *signer,
    struct batch *b)
{
	struct vbatch *v;

	pthread_mutex_lock(&vb_mu);
	v = &vb[vb_next++ % NVB];
	batch_clear(&v->b);
	v->b = *b;
	v->b.name = NULL;	/* the caller's */
	memcpy(v->name, name, AVS_BATCHLEN + 1);
	memcpy(v->file, file, AVS_DIGESTLEN);
	memcpy(v->signer, signer, AVS_FPRLEN + 1);
	pthread_mutex_unlock(&vb_mu);
}

/* The digest the batch statement name, verified, holds for id. */
static int
batch_digest(struct avs_store *st, struct avs_crypto *c, const char *name,
    const char *id, char want[AVS_DIGESTLEN], struct avs_err *err)
{
	struct avs_buf data = AVS_BUF_INIT, text = AVS_BUF_INIT;
	struct batch b = { NULL, NULL, 0 };
	const char *const *hr;
	const char *d;
	char file[32], what[1024], digest[AVS_DIGESTLEN];
	char signer[AVS_FPRLEN + 1];
	size_t nhr;
	int fd, rc;

	hr = avs_store_hr(st, &nhr);
	batch_file(name, file, sizeof(file));
	snprintf(what, sizeof(what), "%s/%s", avs_store_dirs(st)->evpath,
	    file);
	want[0] = '\0';
	if ((fd = avs_store_evidence(st, 0, NULL)) < 0 ||
	    !avs_exists_in(fd, file)) {
		rc = avs_fail(err, AVS_EINTEGRITY, _("%s: missing"), what);
		goto done;
	}
	if (avs_read_in(fd, avs_store_dirs(st)->evpath, file, BATCH_MAX,
	    &data, NULL, err) != 0) {
		rc = err != NULL ? (err->status = AVS_EINTEGRITY) :
		    AVS_EINTEGRITY;
		goto done;
	}
	avs_digest(data.p, data.len, digest);
	if (vb_lookup(name, digest, hr, id, want) != 0) {
		b.name = name;
		if ((rc = avs_store_verify(st, c, what, &data,
		    (char *const *)hr, nhr, &text, signer, err)) != 0 ||
		    (rc = batch_parse(what, text.p, text.len, &b, err)) != 0)
			goto done;
		if ((d = batch_find(&b, id)) != NULL)
			snprintf(want, AVS_DIGESTLEN, "%s", d);
		vb_keep(name, digest, signer, &b);
	}
	rc = want[0] != '\0' ? 0 : avs_fail(err, AVS_EINTEGRITY, _("%s does "
	    "not hold record %s"), what, id);
done:
	avs_buf_free(&data);
	avs_buf_free(&text);
	return rc;
}

static int
is_clearsigned(const char *data, size_t len)
{
	return len >= sizeof(CLEAR_BEGIN) - 1 &&
	    memcmp(data, CLEAR_BEGIN, sizeof(CLEAR_BEGIN) - 1) == 0;
}

/* A batched registration statement: unsigned, its digest in the batch
 * statement it names, which an HR signer signed. */
static int
read_batched(struct avs_store *st, struct avs_crypto *c, const char *id,
    const char *what, const struct avs_buf *data, struct evd *d,
    struct avs_err *err)
{
	char want[AVS_DIGESTLEN], got[AVS_DIGESTLEN];
	char msg[sizeof(err->msg)];
	int rc;

	if ((rc = parse_stmt(what, id, data->p, data->len, F_BATCHED, d,
	    err)) != 0)
		return rc;
	if ((rc = batch_digest(st, c, d->reg->batch, id, want, err)) != 0) {
		if (err != NULL) {
			snprintf(msg, sizeof(msg), _("record %s: %s"), id,
			    err->msg);
			snprintf(err->msg, sizeof(err->msg), "%s", msg);
		}
		return rc;
	}
	avs_digest(data->p, data->len, got);
	if (strcmp(got, want) != 0)
		return avs_fail(err, AVS_EINTEGRITY, _("%s is not the "
		    "statement its batch %s holds"), what, d->reg->batch);
	return 0;
}

static int
read_verified(struct avs_store *st, struct avs_crypto *c, const char *id,
    struct evd *d, char *const *allowed, size_t n, char *signer,
    int *missing, struct avs_err *err)
{
	struct avs_buf data = AVS_BUF_INIT, text = AVS_BUF_INIT;
	char what[1024];
	int rc;

	if ((rc = read_stmt(st, id, d->kind, what, sizeof(what), &data,
	    missing, err)) != 0)
		goto done;
	if (d->kind == AVS_EV_REG && !is_clearsigned(data.p, data.len))
		rc = read_batched(st, c, id, what, &data, d, err);
	else if ((rc = avs_store_verify(st, c, what, &data, allowed, n, &text,
	    signer, err)) == 0)
		rc = parse_stmt(what, id, text.p, text.len, F_SIGNED, d, err);
done:
	avs_buf_free(&data);
	avs_buf_free(&text);
	return rc;
}

int
avs_ev_read_reg(struct avs_store *st, struct avs_crypto *c, const char *id,
    struct avs_reg_stmt *s, int *missing, struct avs_err *err)
{
	struct evd d = { AVS_EV_REG, s, NULL };
	size_t n;
	char *const *hr = (char *const *)avs_store_hr(st, &n);

	memset(s, 0, sizeof(*s));
	return read_verified(st, c, id, &d, hr, n, NULL, missing, err);
}

int
avs_ev_read_seal(struct avs_store *st, struct avs_crypto *c, const char *id,
    char *const *allowed, size_t n, struct avs_seal_stmt *s,
    char signer[AVS_FPRLEN + 1], int *missing, struct avs_err *err)
{
	struct evd d = { AVS_EV_SEAL, NULL, s };

	memset(s, 0, sizeof(*s));
	return read_verified(st, c, id, &d, allowed, n, signer, missing, err);
}

/* The signed text of a clearsigned message (data, NUL-terminated),
 * unchecked: from the blank line after the armor headers to the
 * signature. */
static int
clear_text(const char *what, const char *data, size_t len,
    const char **text, size_t *tlen, struct avs_err *err)
{
	const char *start, *end;

	if (!is_clearsigned(data, len) ||
	    (start = strstr(data, "\n\n")) == NULL ||
	    (end = strstr(start, SIG_BEGIN)) == NULL)
		return avs_fail(err, AVS_EINTEGRITY, _("%s: not a clearsigned "
		    "statement"), what);
	*text = start + 2;
	*tlen = (size_t)(end - start - 1);
	return 0;
}

int
avs_ev_parse(const char *what, const char *id, const char *data,
    size_t len, int clearsigned, struct avs_reg_stmt *reg,
    struct avs_seal_stmt *seal, struct avs_err *err)
{
	struct evd d = { reg != NULL ? AVS_EV_REG : AVS_EV_SEAL, reg, seal };
	int rc;

	if (reg != NULL)
		memset(reg, 0, sizeof(*reg));
	else
		memset(seal, 0, sizeof(*seal));
	if (!clearsigned)
		return parse_stmt(what, id, data, len, F_TEXT, &d, err);
	if (reg != NULL && !is_clearsigned(data, len))
		return parse_stmt(what, id, data, len, F_BATCHED, &d, err);
	if ((rc = clear_text(what, data, len, &data, &len, err)) != 0)
		return rc;
	return parse_stmt(what, id, data, len, F_SIGNED, &d, err);
}

static int
peek(struct avs_store *st, const char *id, struct evd *d, int *missing,
    struct avs_err *err)
{
	struct avs_buf data = AVS_BUF_INIT;
	char what[1024];
	int rc;

	if ((rc = read_stmt(st, id, d->kind, what, sizeof(what), &data,
	    missing, err)) == 0)
		rc = avs_ev_parse(what, id, data.p, data.len, 1, d->reg,
		    d->seal, err);
	avs_buf_free(&data);
	return rc;
}

int
avs_ev_peek_reg(struct avs_store *st, const char *id, struct avs_reg_stmt *s,
    int *missing, struct avs_err *err)
{
	struct evd d = { AVS_EV_REG, s, NULL };

	memset(s, 0, sizeof(*s));
	return peek(st, id, &d, missing, err);
}

int
avs_ev_peek_seal(struct avs_store *st, const char *id,
    struct avs_seal_stmt *s, int *missing, struct avs_err *err)
{
	struct evd d = { AVS_EV_SEAL, NULL, s };

	memset(s, 0, sizeof(*s));
	return peek(st, id, &d, missing, err);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
avs_ev_ids(struct avs_store *st, char ***ids, size_t *n, struct avs_err *err)
{
	struct dirent *de;
	char id[AVS_IDLEN + 1];
	DIR *d;
	int fd;

	*ids = avs_xcalloc(1, sizeof(**ids));
	*n = 0;
	if ((fd = avs_store_evidence(st, 0, NULL)) < 0)
		return 0;
	if ((fd = dup(fd)) < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return avs_failerr(err, AVS_ERUN, "%s",
		    avs_store_dirs(st)->evpath);
	}
	rewinddir(d);
	while ((de = readdir(d)) != NULL) {
		if (strlen(de->d_name) != AVS_IDLEN + 4 ||
		    strcmp(de->d_name + AVS_IDLEN, ".reg") != 0)
			continue;
		memcpy(id, de->d_name, AVS_IDLEN);
		id[AVS_IDLEN] = '\0';
		if (avs_id_valid(id))
			avs_strv_add(ids, n, id);
	}
	closedir(d);
	qsort(*ids, *n, sizeof(**ids), cmp_str);
	return 0;
}

int
avs_ev_remove(struct avs_store *st, const char *id, enum avs_ev_kind k,
    int nosync, struct avs_err *err)
{
	const struct avs_store_dirs *d = avs_store_dirs(st);
	char name[32];
	int fd;

	if ((fd = avs_store_evidence(st, 0, NULL)) < 0)
		return 0;
	avs_ev_file(id, k, name, sizeof(name));
	if (unlinkat(fd, name, 0) != 0) {
		if (errno == ENOENT)
			return 0;
		return avs_failerr(err, AVS_ERUN, "%s/%s", d->evpath, name);
	}
	return nosync ? 0 : avs_fsync_dir(fd, d->evpath, err);
}

int
avs_ev_sync(struct avs_store *st, struct avs_err *err)
{
	int fd;

	if ((fd = avs_store_evidence(st, 0, NULL)) < 0)
		return 0;
	return avs_fsync_dir(fd, avs_store_dirs(st)->evpath, err);
}

int
avs_ev_read_reg_file(struct avs_store *st, const char *id,
    struct avs_buf *out, struct avs_err *err)
{
	char what[1024];
	int missing;

	return read_stmt(st, id, AVS_EV_REG, what, sizeof(what), out,
	    &missing, err);
}

int
avs_ev_put_reg_file(struct avs_store *st, const char *id,
    const struct avs_buf *data, int exclusive, int nosync,
    struct avs_err *err)
{
	char name[32];
	int fd;

	if ((fd = avs_store_evidence(st, 1, err)) < 0)
		return err != NULL ? err->status : AVS_ERUN;
	avs_ev_file(id, AVS_EV_REG, name, sizeof(name));
	return avs_atomic_write(fd, avs_store_dirs(st)->evpath, name, data->p,
	    data->len, exclusive, nosync, err);
}

/* Does batch file (a name in the evidence directory fd) still hold a
 * record that is in the store -- its file or its statement?  A batch
 * that cannot be read is kept: what it binds cannot be told. */
static int
batch_in_use(struct avs_store *st, int fd, const char *file)
{
	struct avs_buf data = AVS_BUF_INIT;
	struct batch b = { NULL, NULL, 0 };
	char name[AVS_BATCHLEN + 1], id[AVS_IDLEN + 1], reg[32];
	const char *text;
	size_t tlen, i;
	int used = 1;

	memcpy(name, file, AVS_BATCHLEN);
	name[AVS_BATCHLEN] = '\0';
	b.name = name;
	if (avs_read_in(fd, avs_store_dirs(st)->evpath, file, BATCH_MAX,
	    &data, NULL, NULL) != 0 ||
	    clear_text(file, data.p, data.len, &text, &tlen, NULL) != 0 ||
	    batch_parse(file, text, tlen, &b, NULL) != 0)
		goto done;
	used = 0;
	for (i = 0; i < b.n && !used; i++) {
		memcpy(id, b.v[i], AVS_IDLEN);
		id[AVS_IDLEN] = '\0';
		avs_ev_file(id, AVS_EV_REG, reg, sizeof(reg));
		used = avs_store_record_exists(st, id) || avs_exists_in(fd, reg);
	}
	batch_clear(&b);
done:
	avs_buf_free(&data);
	return used;
}

int
avs_ev_prune_batches(struct avs_store *st, size_t *removed,
    struct avs_err *err)
{
	const struct avs_store_dirs *dirs = avs_store_dirs(st);
	struct dirent *de;
	char **batches = NULL;
	size_t nbatches = 0, i, len;
	int fd, rc = 0;
	struct stat sb;
	DIR *d;

	*removed = 0;
	if ((fd = avs_store_evidence(st, 0, NULL)) < 0)
		return 0;
	if ((fd = dup(fd)) < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return avs_failerr(err, AVS_ERUN, "%s", dirs->evpath);
	}
	rewinddir(d);
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len == AVS_BATCHLEN + sizeof(BATCH_SUFFIX) - 1 &&
		    strcmp(de->d_name + AVS_BATCHLEN, BATCH_SUFFIX) == 0)
			avs_strv_add(&batches, &nbatches, de->d_name);
	}
	closedir(d);
	fd = avs_store_evidence(st, 0, NULL);
	for (i = 0; i < nbatches; i++) {
		/* An import writes its batch before the rows' statements:
		 * a young batch may be one being written. */
		if (fstatat(fd, batches[i], &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(sb.st_mode) ||
		    sb.st_mtime > time(NULL) - BATCH_GRACE ||
		    batch_in_use(st, fd, batches[i]))
			continue;
		if (unlinkat(fd, batches[i], 0) != 0) {
			if (errno != ENOENT && rc == 0)
				rc = avs_failerr(err, AVS_ERUN, "%s/%s",
				    dirs->evpath, batches[i]);
			continue;
		}
		(*removed)++;
	}
	if (*removed > 0 && rc == 0)
		rc = avs_fsync_dir(fd, dirs->evpath, err);
	avs_strv_free(batches);
	return rc;
}
