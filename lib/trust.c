/*
 * trust.c -- the governors a user pins for a store (trust.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsio.h"
#include "i18n.h"
#include "trust.h"
#include "yamlio.h"

static const struct ylimits pins_limits = { 256 * 1024, 8, 50000 };

struct pin {
	char *path;
	char **fprs;
	size_t n;
};

struct avs_pins {
	struct pin *v;
	size_t n;
	struct pin *cur;	/* while reading */
};

char *
avs_pins_path(void)
{
	const char *s;

	if ((s = getenv("XDG_CONFIG_HOME")) != NULL && *s == '/')
		return avs_xasprintf("%s/avslut/pins", s);
	if ((s = getenv("HOME")) != NULL && *s != '\0')
		return avs_xasprintf("%s/.config/avslut/pins", s);
	return avs_xstrdup("/nonexistent/avslut/pins");
}

static void
pins_free(struct avs_pins *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].path);
		avs_strv_free(p->v[i].fprs);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}

static int
p_path(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct avs_pins *p = obj;

	if (n->len == 0 || n->str[0] != '/')
		return avs_yerr(c, n, _("a store's path must be absolute"));
	return avs_ystr(c, n, &p->cur->path);
}

static int
p_governors(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct avs_pins *p = obj;

	return avs_yfprs(c, n, &p->cur->fprs, &p->cur->n);
}

static const struct ykey store_keys[] = {
	{ "path", YN_SCALAR, 1, p_path },
	{ "governors", YN_SEQ, 1, p_governors },
	{ NULL, 0, 0, NULL }
};

static int
p_stores(const struct yctx *c, const struct ynode *n, void *obj)
{
	struct avs_pins *p = obj;
	size_t i;
	int rc;

	size_t k;

	for (i = 0; i < n->n; i++) {
		p->v = avs_xreallocarray(p->v, p->n + 1, sizeof(*p->v));
		p->cur = &p->v[p->n++];
		memset(p->cur, 0, sizeof(*p->cur));
		if ((rc = avs_ymap(c, n->items[i], store_keys, p)) != 0)
			return rc;
		/* One entry a store: which of two would count? */
		for (k = 0; k + 1 < p->n; k++)
			if (strcmp(p->v[k].path, p->cur->path) == 0)
				return avs_yerr(c, n->items[i], _("the store "
				    "%s is listed twice"), p->cur->path);
	}
	return 0;
}

static const struct ykey pins_keys[] = {
	{ "avslut-pins", YN_SCALAR, 1, NULL },
	{ "stores", YN_SEQ, 1, p_stores },
	{ NULL, 0, 0, NULL }
};

/* The pins file's text, named what. */
static int
pins_parse(const char *what, const void *data, size_t len,
    struct avs_pins *p, struct avs_err *err)
{
	struct ydoc *doc = NULL;
	struct yctx c = { what, err };
	int rc;

	memset(p, 0, sizeof(*p));
	if ((rc = avs_yaml_parse(what, data, len, &pins_limits, &doc,
	    err)) == 0 &&
	    (rc = avs_yformat(&c, avs_yaml_root(doc), "avslut-pins", 1)) == 0)
		rc = avs_ymap(&c, avs_yaml_root(doc), pins_keys, p);
	avs_yaml_free(doc);
	if (rc != 0)
		pins_free(p);
	return rc;
}

/* Read the pins file (none yet is no pins). */
static int
pins_read(const char *path, struct avs_pins *p, struct avs_err *err)
{
	struct avs_buf data = AVS_BUF_INIT;
	int rc;

	memset(p, 0, sizeof(*p));
	if (access(path, F_OK) != 0 && errno == ENOENT)
		return 0;
	if ((rc = avs_yaml_read(path, &pins_limits, &data, err)) == 0)
		rc = pins_parse(path, data.p, data.len, p, err);
	avs_buf_free(&data);
	return rc;
}

int
avs_pins_parse(const char *what, const void *data, size_t len,
    struct avs_pins **out, struct avs_err *err)
{
	int rc;

	*out = avs_xcalloc(1, sizeof(**out));
	if ((rc = pins_parse(what, data, len, *out, err)) != 0) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

void
avs_pins_free(struct avs_pins *p)
{
	if (p == NULL)
		return;
	pins_free(p);
	free(p);
}

/* The real path of a store directory, else the path as given. */
static char *
store_key(const char *dir)
{
	char *real = realpath(dir, NULL);

	return real != NULL ? real : avs_xstrdup(dir);
}

/* Fingerprints separated by commas or blanks. */
static int
pins_env(const char *s, char ***fprs, size_t *n, struct avs_err *err)
{
	char *copy = avs_xstrdup(s), *tok, *save = NULL;
	char fpr[AVS_FPRLEN + 1];
	int rc = 0;

	for (tok = strtok_r(copy, ", \t\n", &save); tok != NULL && rc == 0;
	    tok = strtok_r(NULL, ", \t\n", &save)) {
		if (avs_fpr_parse(tok, fpr) != 0)
			rc = avs_fail(err, AVS_EUSAGE, _("AVSLUT_GOVERNORS: "
			    "\"%.50s\" is not a full fingerprint (40 hex "
			    "digits)"), tok);
		else if (avs_lookup((const char *const *)*fprs, fpr) < 0)
			avs_strv_add(fprs, n, fpr);
	}
	free(copy);
	return rc;
}

int
avs_pins_get(const char *dir, char ***fprs, size_t *n, struct avs_err *err)
{
	const char *env = getenv("AVSLUT_GOVERNORS");
	struct avs_pins p;
	char *path, *key;
	size_t i;
	int rc;

	*fprs = avs_xcalloc(1, sizeof(**fprs));
	*n = 0;
	if (env != NULL && *env != '\0')
		return pins_env(env, fprs, n, err);
	path = avs_pins_path();
	rc = pins_read(path, &p, err);
	free(path);
	if (rc != 0)
		return rc;
	key = store_key(dir);
	for (i = 0; i < p.n; i++)
		if (strcmp(p.v[i].path, key) == 0) {
			avs_strv_free(*fprs);
			*fprs = avs_strv_dup((const char *const *)p.v[i].fprs);
			*n = p.v[i].n;
			break;
		}
	free(key);
	pins_free(&p);
	return 0;
}

int
avs_pins_text(const struct avs_pins *p, struct avs_buf *text,
    struct avs_err *err)
{
	struct yw *w;
	size_t i, k;

	w = avs_yw_begin(text);
	avs_yw_map(w);
	avs_yw_kint(w, "avslut-pins", 1);
	avs_yw_token(w, "stores");
	avs_yw_seq(w, 0);
	for (i = 0; i < p->n; i++) {
		avs_yw_map(w);
		avs_yw_ktext(w, "path", p->v[i].path);
		avs_yw_token(w, "governors");
		avs_yw_seq(w, 0);
		for (k = 0; k < p->v[i].n; k++)
			avs_yw_token(w, p->v[i].fprs[k]);
		avs_yw_end_seq(w);
		avs_yw_end_map(w);
	}
	avs_yw_end_seq(w);
	avs_yw_end_map(w);
	return avs_yw_end(w, err);
}

static int
pins_write(const char *path, const struct avs_pins *p, struct avs_err *err)
{
	struct avs_buf text = AVS_BUF_INIT;
	char *dir = avs_xstrdup(path), *slash = strrchr(dir, '/'), *parent;
	int fd = -1, rc;

	if ((rc = avs_pins_text(p, &text, err)) != 0)
		goto done;
	*slash = '\0';
	/* ~/.config/avslut, and ~/.config itself when it is missing. */
	parent = avs_xstrdup(dir);
	if ((slash = strrchr(parent, '/')) != NULL && slash != parent) {
		*slash = '\0';
		(void)mkdir(parent, 0700);
	}
	free(parent);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		rc = avs_failerr(err, AVS_ERUN, "%s", dir);
		goto done;
	}
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0) {
		rc = avs_failerr(err, AVS_ERUN, "%s", dir);
		goto done;
	}
	rc = avs_atomic_write(fd, dir, strrchr(path, '/') + 1, text.p,
	    text.len, 0, 0, err);
done:
	if (fd >= 0)
		close(fd);
	free(dir);
	avs_buf_free(&text);
	return rc;
}

int
avs_pins_add(const char *dir, const char *fpr, struct avs_err *err)
{
	struct avs_pins p;
	struct pin *pin = NULL;
	char *path = avs_pins_path(), *key = store_key(dir), check[AVS_FPRLEN + 1];
	size_t i;
	int rc;

	if (avs_fpr_parse(fpr, check) != 0 || strcmp(check, fpr) != 0) {
		rc = avs_fail(err, AVS_EUSAGE, _("\"%.50s\" is not a full "
		    "fingerprint (40 hex digits): not pinned"), fpr);
		goto done;
	}
	memset(&p, 0, sizeof(p));
	if ((rc = pins_read(path, &p, err)) != 0)
		goto done;
	for (i = 0; i < p.n; i++)
		if (strcmp(p.v[i].path, key) == 0)
			pin = &p.v[i];
	if (pin == NULL) {
		p.v = avs_xreallocarray(p.v, p.n + 1, sizeof(*p.v));
		pin = &p.v[p.n++];
		pin->path = avs_xstrdup(key);
		pin->fprs = avs_xcalloc(1, sizeof(*pin->fprs));
		pin->n = 0;
	}
	if (avs_lookup((const char *const *)pin->fprs, fpr) < 0) {
		avs_strv_add(&pin->fprs, &pin->n, fpr);
		rc = pins_write(path, &p, err);
	}
	pins_free(&p);
done:
	free(key);
	free(path);
	return rc;
}
