/*
 * store.c -- the store directory: its layout and permissions, its signed
 * configuration, and the public keys and question sets it keeps.  Record
 * files, their ids and locks: recfile.c.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsio.h"
#include "i18n.h"
#include "qset.h"
#include "store.h"
#include "trust.h"
#include "yamlio.h"

#define CLEAR_BEGIN "-----BEGIN PGP SIGNED MESSAGE-----\n"
#define QSET_MAX (1024 * 1024)

struct avs_store {
	char *dir;
	struct avs_store_dirs d;
	char *recpath, *lockpath, *keypath, *evpath;
	struct avs_config cfg;
	char **pins;		/* the governors the user pinned */
	size_t npins;
	char **hr;		/* HR signers: pins, recipients, sealers */
	size_t nhr;
	char signer[AVS_FPRLEN + 1];	/* of the config */
	int legacy;		/* an unsigned config (AVS_STORE_LEGACY) */
};

char *
avs_store_path(const char *dir)
{
	const struct passwd *pw;
	const char *s;

	if (dir != NULL && *dir != '\0')
		return avs_xstrdup(dir);
	if ((s = getenv("AVSLUT_STORE")) != NULL && *s != '\0')
		return avs_xstrdup(s);
	if ((s = getenv("XDG_DATA_HOME")) != NULL && *s == '/')
		return avs_xasprintf("%s/avslut", s);
	if ((s = getenv("HOME")) != NULL && *s != '\0')
		return avs_xasprintf("%s/.local/share/avslut", s);
	if ((pw = getpwuid(geteuid())) != NULL && pw->pw_dir != NULL)
		return avs_xasprintf("%s/.local/share/avslut", pw->pw_dir);
	return avs_xstrdup("/nonexistent/avslut");
}

static int
check_private(int fd, const char *path, int isdir, struct avs_err *err)
{
	struct stat sb;

	if (fstat(fd, &sb) != 0)
		return avs_failerr(err, AVS_ERUN, "%s", path);
	if (isdir && !S_ISDIR(sb.st_mode))
		return avs_fail(err, AVS_ERUN, _("%s: not a directory"), path);
	if (sb.st_mode & 077)
		return avs_fail(err, AVS_EPOLICY, _("%s is accessible to group "
		    "or others (mode %04o); the store must be private: chmod "
		    "-R go-rwx %s"), path, (unsigned)(sb.st_mode & 07777),
		    path);
	return 0;
}

static int
open_dir(int at, const char *dir, const char *name, const char *path, int *fd,
    struct avs_err *err)
{
	if (avs_open_dir_in(at, dir, name, fd, err) != 0)
		return AVS_ERUN;
	return check_private(*fd, path, 1, err);
}

void
avs_store_close(struct avs_store *st)
{
	if (st == NULL)
		return;
	if (st->d.top >= 0)
		close(st->d.top);
	if (st->d.records >= 0)
		close(st->d.records);
	if (st->d.locks >= 0)
		close(st->d.locks);
	if (st->d.keys >= 0)
		close(st->d.keys);
	if (st->d.evidence >= 0)
		close(st->d.evidence);
	free(st->dir);
	free(st->recpath);
	free(st->lockpath);
	free(st->keypath);
	free(st->evpath);
	avs_config_clear(&st->cfg);
	avs_strv_free(st->pins);
	avs_strv_free(st->hr);
	free(st);
}

/* Best effort: have the keys in the keyring, from DIR/keys/ (each checked
 * against its fingerprint) where it lacks them.  Only for fingerprints
 * that the pins, the signed config or a verified registration name. */
static void
have_keys(struct avs_store *st, struct avs_crypto *c, char *const *fprs,
    size_t n)
{
	const char *f;
	size_t i;

	for (i = 0; i < n; i++) {
		f = fprs[i];
		(void)avs_store_keys(st, c, &f, 1, AVS_USE_VERIFY, NULL);
	}
}

int
avs_store_verify(struct avs_store *st, struct avs_crypto *c,
    const char *what, const struct avs_buf *data, char *const *allowed,
    size_t n, struct avs_buf *text, char signer[AVS_FPRLEN + 1],
    struct avs_err *err)
{
	struct avs_decinfo info;
	char why[200], msg[sizeof(err->msg)];
	size_t i;
	int rc;

	have_keys(st, c, allowed, n);
	if ((rc = avs_crypto_verify_clear(c, data->p, data->len, text, &info,
	    err)) != 0) {
		snprintf(msg, sizeof(msg), "%.200s: %.300s", what, err->msg);
		snprintf(err->msg, sizeof(err->msg), "%s", msg);
		return rc;
	}
	for (i = 0; i < n; i++)
		if (avs_crypto_signer_allowed(c, &info,
		    (const char *const *)&allowed[i], 1, why, sizeof(why))) {
			if (signer != NULL)
				memcpy(signer, allowed[i], AVS_FPRLEN + 1);
			return 0;
		}
	avs_buf_reset(text);
	if (!info.sig_good)
		return avs_fail(err, AVS_EINTEGRITY, _("%s: %s"), what,
		    info.why);
	return avs_fail(err, AVS_EINTEGRITY, _("%s: signed by %s, not by a "
	    "key allowed to sign it"), what, info.signer);
}

/* The HR signers: the pins, then the config's recipients and sealers. */
static void
set_hr(struct avs_store *st)
{
	size_t i;

	avs_strv_free(st->hr);
	if (st->pins == NULL) {
		st->pins = avs_xcalloc(1, sizeof(*st->pins));
		st->npins = 0;
	}
	st->hr = avs_strv_dup((const char *const *)st->pins);
	st->nhr = st->npins;
	for (i = 0; i < st->cfg.nrecipients; i++)
		if (avs_lookup((const char *const *)st->hr,
		    st->cfg.recipients[i]) < 0)
			avs_strv_add(&st->hr, &st->nhr, st->cfg.recipients[i]);
	for (i = 0; i < st->cfg.nsealers; i++)
		if (avs_lookup((const char *const *)st->hr,
		    st->cfg.sealers[i]) < 0)
			avs_strv_add(&st->hr, &st->nhr, st->cfg.sealers[i]);
}

/* Read DIR/config and check it is signed by a pinned governor.  The
 * signer of an unpinned store into unpinned, for the caller to offer. */
static int
read_config(struct avs_store *st, struct avs_crypto *c, int flags,
    char *unpinned, struct avs_err *err)
{
	struct avs_buf data = AVS_BUF_INIT, text = AVS_BUF_INIT;
	struct avs_decinfo info;
	char *path = avs_xasprintf("%s/config", st->dir), fpr[AVS_FPRLEN + 1];
	int rc;

	memset(&info, 0, sizeof(info));
	if ((rc = avs_pins_get(st->dir, &st->pins, &st->npins, err)) != 0 ||
	    (rc = avs_yaml_read_in(st->d.top, st->dir, "config",
	    &avs_ylimits_config, &data, err)) != 0)
		goto done;
	if (data.len < sizeof(CLEAR_BEGIN) - 1 ||
	    memcmp(data.p, CLEAR_BEGIN, sizeof(CLEAR_BEGIN) - 1) != 0) {
		/* Only a store that nobody pinned and no one has given
		 * evidence is one of avslut 0.1; a migration cut short
		 * (records first, the config last) is run again. */
		if (st->npins > 0)
			rc = avs_fail(err, AVS_EINTEGRITY, _("%s is not "
			    "signed, though you pinned this store: someone "
			    "who can write it replaced it; HR installs a "
			    "signed one with avslut-new --config=FILE"), path);
		else if (flags & AVS_STORE_LEGACY) {
			st->legacy = 1;
			rc = avs_config_parse(path, 0, data.p, data.len,
			    &st->cfg, err);
		} else if (avs_exists_in(st->d.top, "evidence"))
			rc = avs_fail(err, AVS_EINTEGRITY, _("%s is not "
			    "signed, though the store has evidence: it was "
			    "replaced, or a migration was cut short (then HR "
			    "runs avslut-new --migrate again)"), path);
		else
			rc = avs_fail(err, AVS_EINTEGRITY, _("%s is not "
			    "signed: the store was made by an earlier avslut; "
			    "HR upgrades it once with avslut-new --migrate"),
			    path);
		goto done;
	}
	if (st->npins == 0) {
		/* Whose signature it bears, for the user to pin or not:
		 * only a whole fingerprint (a bad signature may name only a
		 * key id), and never what a good key signed badly. */
		if (avs_crypto_verify_clear(c, data.p, data.len, &text, &info,
		    NULL) != 0 || avs_fpr_parse(info.signer, fpr) != 0 ||
		    strcmp(fpr, info.signer) != 0 || (!info.sig_good &&
		    avs_crypto_check_keys(c, (const char *const[]){ fpr }, 1,
		    AVS_USE_VERIFY, NULL) == 0)) {
			rc = avs_fail(err, AVS_EINTEGRITY, _("%s: the signature "
			    "does not verify%s%s"), path, info.why[0] != '\0' ?
			    ": " : "", info.why);
			goto done;
		}
		if (unpinned != NULL)
			snprintf(unpinned, AVS_FPRLEN + 1, "%s", info.signer);
		rc = avs_fail(err, AVS_EPOLICY, _("%s: no governor key is "
		    "pinned for this store; check with HR which key signs it "
		    "(%s), then: avslut-new -S %s --pin=FINGERPRINT"), st->dir,
		    info.signer, st->dir);
		goto done;
	}
	if ((rc = avs_store_verify(st, c, path, &data, st->pins, st->npins,
	    &text, st->signer, err)) != 0 ||
	    (rc = avs_config_parse(path, avs_clear_lines(data.p), text.p,
	    text.len, &st->cfg, err)) != 0)
		goto done;
done:
	if ((rc == AVS_EINTEGRITY || rc == AVS_EUSAGE) &&
	    (flags & AVS_STORE_NEW_CONFIG) && st->npins > 0) {
		avs_config_clear(&st->cfg);
		avs_config_defaults(&st->cfg);
		rc = 0;
	}
	if (rc == 0)
		set_hr(st);
	avs_buf_free(&data);
	avs_buf_free(&text);
	free(path);
	return rc;
}

int
avs_store_open(const char *dir, struct avs_crypto *c, int flags,
    struct avs_store **out, char unpinned[AVS_FPRLEN + 1],
    struct avs_err *err)
{
	struct avs_store *st;
	char *cfgpath;
	int rc, fd;

	*out = NULL;
	if (unpinned != NULL)
		unpinned[0] = '\0';
	st = avs_xcalloc(1, sizeof(*st));
	st->d.top = st->d.records = st->d.locks = st->d.keys =
	    st->d.evidence = -1;
	st->dir = avs_store_path(dir);
	st->recpath = avs_xasprintf("%s/records", st->dir);
	st->lockpath = avs_xasprintf("%s/locks", st->dir);
	st->keypath = avs_xasprintf("%s/keys", st->dir);
	st->evpath = avs_xasprintf("%s/evidence", st->dir);
	st->d.toppath = st->dir;
	st->d.recpath = st->recpath;
	st->d.lockpath = st->lockpath;
	st->d.keypath = st->keypath;
	st->d.evpath = st->evpath;
	cfgpath = avs_xasprintf("%s/config", st->dir);
	st->d.top = open(st->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (st->d.top < 0) {
		rc = errno == ENOENT ?
		    avs_fail(err, AVS_ERUN, _("%s: no such store (create it "
		    "with avslut-new --init)"), st->dir) :
		    avs_failerr(err, AVS_ERUN, "%s", st->dir);
		goto fail;
	}
	if ((rc = check_private(st->d.top, st->dir, 1, err)) != 0)
		goto fail;
	if (!avs_exists_in(st->d.top, "config")) {
		rc = avs_failerr(err, AVS_ERUN, _("%s: not a store"), cfgpath);
		goto fail;
	}
	if ((rc = avs_open_in(st->d.top, st->dir, "config", O_RDONLY, &fd,
	    NULL, err)) != 0)
		goto fail;
	rc = check_private(fd, cfgpath, 0, err);
	close(fd);
	if (rc != 0 ||
	    (rc = open_dir(st->d.top, st->dir, "records", st->recpath,
	    &st->d.records, err)) != 0 ||
	    (rc = open_dir(st->d.top, st->dir, "locks", st->lockpath,
	    &st->d.locks, err)) != 0 ||
	    (rc = open_dir(st->d.top, st->dir, "keys", st->keypath,
	    &st->d.keys, err)) != 0 ||
	    (rc = read_config(st, c, flags, unpinned, err)) != 0)
		goto fail;
	/* A store made by an earlier avslut has no evidence yet: it is
	 * made with the first (avs_store_evidence_dir). */
	if (avs_exists_in(st->d.top, "evidence") &&
	    (rc = open_dir(st->d.top, st->dir, "evidence", st->evpath,
	    &st->d.evidence, err)) != 0)
		goto fail;
	rc = 0;
	free(cfgpath);
	*out = st;
	return 0;
fail:
	free(cfgpath);
	avs_store_close(st);
	return rc;
}

const char *
avs_store_dir(const struct avs_store *st)
{
	return st->dir;
}

const struct avs_config *
avs_store_config(const struct avs_store *st)
{
	return &st->cfg;
}

const struct avs_store_dirs *
avs_store_dirs(const struct avs_store *st)
{
	return &st->d;
}

int
avs_store_evidence(struct avs_store *st, int create, struct avs_err *err)
{
	if (st->d.evidence >= 0 || !create)
		return st->d.evidence;
	if (mkdirat(st->d.top, "evidence", 0700) != 0 && errno != EEXIST) {
		avs_failerr(err, AVS_ERUN, "%s", st->evpath);
		return -1;
	}
	if (open_dir(st->d.top, st->dir, "evidence", st->evpath,
	    &st->d.evidence, err) != 0) {
		if (st->d.evidence >= 0)
			close(st->d.evidence);
		st->d.evidence = -1;
	}
	return st->d.evidence;
}

static int
keep_key_at(int keyfd, const char *keypath, struct avs_crypto *c,
    const char *fpr, struct avs_err *err)
{
	struct avs_buf key = AVS_BUF_INIT;
	char name[64];
	int rc;

	snprintf(name, sizeof(name), "%s.asc", fpr);
	if (avs_exists_in(keyfd, name))
		return 0;
	if ((rc = avs_crypto_export(c, fpr, &key, err)) == 0)
		rc = avs_atomic_write(keyfd, keypath, name, key.p, key.len, 0,
		    0, err);
	avs_buf_free(&key);
	return rc;
}

int
avs_store_keep_key(struct avs_store *st, struct avs_crypto *c,
    const char *fpr, struct avs_err *err)
{
	return keep_key_at(st->d.keys, st->keypath, c, fpr, err);
}

const char *const *
avs_store_hr(const struct avs_store *st, size_t *n)
{
	if (n != NULL)
		*n = st->nhr;
	return (const char *const *)st->hr;
}

const char *const *
avs_store_pins(const struct avs_store *st, size_t *n)
{
	if (n != NULL)
		*n = st->npins;
	return (const char *const *)st->pins;
}

int
avs_store_legacy(const struct avs_store *st)
{
	return st->legacy;
}

int
avs_store_hr_key(struct avs_store *st, struct avs_crypto *c, const char *want,
    int pinned, char out[AVS_FPRLEN + 1], struct avs_err *err)
{
	char *const *v = pinned ? st->pins : st->hr;
	size_t i, n = pinned ? st->npins : st->nhr;

	if (want != NULL) {
		if (avs_lookup((const char *const *)v, want) < 0)
			return avs_fail(err, AVS_EPOLICY, pinned ?
			    _("key %s is not a governor you pinned for %s") :
			    _("key %s is not an HR key of %s (a governor, "
			    "recipient or sealer)"), want, st->dir);
		memcpy(out, want, AVS_FPRLEN + 1);
		return avs_store_signer(st, c, out, err);
	}
	for (i = 0; i < n; i++)
		if (avs_crypto_has_secret(c, v[i])) {
			memcpy(out, v[i], AVS_FPRLEN + 1);
			return avs_store_signer(st, c, out, err);
		}
	return avs_fail(err, AVS_EPOLICY, pinned ? _("this needs the secret "
	    "key of a governor you pinned for %s, and none is here") :
	    _("this needs the secret key of HR for %s (a governor, recipient "
	    "or sealer), and none is here"), st->dir);
}

int
avs_store_signer(struct avs_store *st, struct avs_crypto *c, const char *fpr,
    struct avs_err *err)
{
	int rc;

	if ((rc = avs_store_keys(st, c, &fpr, 1, AVS_USE_SIGN, err)) != 0)
		return rc;
	if (!avs_crypto_has_secret(c, fpr))
		return avs_fail(err, AVS_ERUN, _("no secret key %s to sign "
		    "with"), fpr);
	return avs_store_keep_key(st, c, fpr, err);
}

/* Text in the form a clearsigned message gives it back: no blank at the
 * end of a line, and a newline at the end. */
static void
clear_text(struct avs_buf *b)
{
	struct avs_buf out = AVS_BUF_INIT;
	size_t i = 0, j, e;

	while (i < b->len) {
		for (j = i; j < b->len && b->p[j] != '\n'; j++)
			;
		for (e = j; e > i && (b->p[e - 1] == ' ' ||
		    b->p[e - 1] == '\t' || b->p[e - 1] == '\r'); e--)
			;
		avs_buf_add(&out, b->p + i, e - i);
		avs_buf_addc(&out, '\n');
		i = j + 1;
	}
	avs_buf_free(b);
	*b = out;
}

/* The store's questions/ directory into *fd (never through a symbolic
 * link); without create, *fd is -1 when there is none. */
static int
questions_dir(struct avs_store *st, int create, int *fd, struct avs_err *err)
{
	*fd = -1;
	if (create && mkdirat(st->d.top, "questions", 0700) != 0 &&
	    errno != EEXIST)
		return avs_failerr(err, AVS_ERUN, "%s/questions", st->dir);
	if (!create && !avs_exists_in(st->d.top, "questions"))
		return 0;
	return avs_open_dir_in(st->d.top, st->dir, "questions", fd, err);
}

/* The verified text of the set name the store keeps (signed by an HR
 * signer) into text, its path into path; *found is 0 when it keeps
 * none. */
static int
stored_qset(struct avs_store *st, struct avs_crypto *c, const char *name,
    struct avs_buf *text, char **path, int *found, struct avs_err *err)
{
	struct avs_buf data = AVS_BUF_INIT;
	char file[NAME_MAX + 1], *dir;
	int fd, rc;

	*found = 0;
	*path = NULL;
	if ((rc = questions_dir(st, 0, &fd, err)) != 0 || fd < 0)
		return rc;
	snprintf(file, sizeof(file), "%s.yaml", name);
	if (avs_exists_in(fd, file)) {
		*found = 1;
		dir = avs_xasprintf("%s/questions", st->dir);
		*path = avs_xasprintf("%s/%s", dir, file);
		if (c == NULL)
			rc = avs_fail(err, AVS_ERUN, _("%s: cannot check its "
			    "signature here"), *path);
		else if ((rc = avs_read_in(fd, dir, file, QSET_MAX, &data,
		    NULL, err)) == 0)
			rc = avs_store_verify(st, c, *path, &data, st->hr,
			    st->nhr, text, NULL, err);
		free(dir);
	}
	close(fd);
	avs_buf_free(&data);
	return rc;
}

int
avs_store_keep_qset(struct avs_store *st, struct avs_crypto *c,
    const char *signer, const struct avs_buf *set, const char *name,
    struct avs_err *err)
{
	struct avs_buf data = AVS_BUF_INIT, there = AVS_BUF_INIT,
	    sig = AVS_BUF_INIT;
	char file[NAME_MAX + 1], *dir = avs_xasprintf("%s/questions", st->dir),
	    *path = NULL;
	int fd, found, rc;

	avs_buf_add(&data, set->p, set->len);
	clear_text(&data);
	if ((rc = stored_qset(st, c, name, &there, &path, &found, err)) != 0)
		goto done;
	if (found) {
		if (there.len != data.len ||
		    memcmp(there.p, data.p, data.len) != 0)
			rc = avs_fail(err, AVS_EPOLICY, _("a different question "
			    "set named %s is already in %s"), name, dir);
		goto done;
	}
	if ((rc = questions_dir(st, 1, &fd, err)) != 0)
		goto done;
	if ((rc = avs_crypto_clearsign(c, signer, data.p, data.len, &sig,
	    err)) == 0) {
		snprintf(file, sizeof(file), "%s.yaml", name);
		rc = avs_atomic_write(fd, dir, file, sig.p, sig.len, 0, 0,
		    err);
	}
	close(fd);
done:
	avs_buf_free(&data);
	avs_buf_free(&there);
	avs_buf_free(&sig);
	free(path);
	free(dir);
	return rc;
}

int
avs_store_qset(struct avs_store *st, struct avs_crypto *c, const char *name,
    struct avs_qset **out, struct avs_err *err)
{
	struct avs_buf text = AVS_BUF_INIT;
	char *path = NULL;
	int found = 0, rc;

	*out = NULL;
	if (name == NULL || *name == '\0')
		name = st != NULL ? st->cfg.questions : "sodermalm";
	/* A set the store keeps counts only as signed by HR; one installed,
	 * or given by path, is the user's own choice. */
	if (st != NULL && avs_ident_valid(name, strlen(name)) &&
	    (rc = stored_qset(st, c, name, &text, &path, &found, err)) != 0)
		goto done;
	if (found)
		rc = avs_qset_parse(path, text.p, text.len, out, err);
	else if ((rc = avs_qset_find(name, &path, err)) == 0)
		rc = avs_qset_load(path, out, err);
done:
	avs_buf_free(&text);
	free(path);
	return rc;
}

static int
is_empty_dir(const char *path)
{
	struct dirent *de;
	DIR *d;
	int empty = 1;

	if ((d = opendir(path)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	return empty;
}

/* The config as signed text: YAML, clearsigned by signer. */
static int
signed_config(struct avs_crypto *c, const struct avs_config *cfg,
    const char *signer, struct avs_buf *out, struct avs_err *err)
{
	struct avs_buf text = AVS_BUF_INIT;
	int rc;

	if ((rc = avs_config_write(cfg, &text, err)) == 0)
		rc = avs_crypto_clearsign(c, signer, text.p, text.len, out,
		    err);
	avs_buf_free(&text);
	return rc;
}

int
avs_store_init(const char *dir, const struct avs_config *cfg,
    struct avs_crypto *c, const char *signer, struct avs_err *err)
{
	static const char *const subdirs[] = { "records", "locks", "keys",
	    "evidence", NULL };
	struct avs_buf text = AVS_BUF_INIT;
	char *path = avs_store_path(dir), *keypath;
	size_t i;
	int dirfd = -1, keyfd = -1, rc;

	if ((rc = avs_crypto_check_keys(c, (const char *const *)cfg->recipients,
	    cfg->nrecipients, AVS_USE_ENCRYPT, err)) != 0 ||
	    (rc = signed_config(c, cfg, signer, &text, err)) != 0)
		goto done;
	if (mkdir(path, 0700) != 0 && !(errno == EEXIST &&
	    is_empty_dir(path))) {
		rc = errno == EEXIST ? avs_fail(err, AVS_EPOLICY,
		    _("%s already exists and is not empty"), path) :
		    avs_failerr(err, AVS_ERUN, "%s", path);
		goto done;
	}
	if ((dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		rc = avs_failerr(err, AVS_ERUN, "%s", path);
		goto done;
	}
	if ((rc = check_private(dirfd, path, 1, err)) != 0)
		goto done;
	for (i = 0; subdirs[i] != NULL; i++)
		if (mkdirat(dirfd, subdirs[i], 0700) != 0) {
			rc = avs_failerr(err, AVS_ERUN, "%s/%s", path,
			    subdirs[i]);
			goto done;
		}
	keypath = avs_xasprintf("%s/keys", path);
	rc = avs_open_dir_in(dirfd, path, "keys", &keyfd, err);
	for (i = 0; rc == 0 && i < cfg->nrecipients; i++)
		rc = keep_key_at(keyfd, keypath, c, cfg->recipients[i], err);
	if (rc == 0)
		rc = keep_key_at(keyfd, keypath, c, signer, err);
	free(keypath);
	/* The config last: a store without it is not a store.  Its maker
	 * pins the key that signed it. */
	if (rc == 0 &&
	    (rc = avs_atomic_write(dirfd, path, "config", text.p, text.len, 1,
	    0, err)) == 0)
		rc = avs_pins_add(path, signer, err);
done:
	if (keyfd >= 0)
		close(keyfd);
	if (dirfd >= 0)
		close(dirfd);
	avs_buf_free(&text);
	free(path);
	return rc;
}

int
avs_store_set_config(struct avs_store *st, const struct avs_config *cfg,
    struct avs_crypto *c, const char *signer, struct avs_err *err)
{
	struct avs_buf text = AVS_BUF_INIT;
	struct avs_lock *lk;
	size_t i;
	int rc;

	if ((rc = signed_config(c, cfg, signer, &text, err)) != 0 ||
	    (rc = avs_store_keep_key(st, c, signer, err)) != 0)
		goto done;
	for (i = 0; i < cfg->nrecipients; i++)
		if ((rc = avs_store_keep_key(st, c, cfg->recipients[i],
		    err)) != 0)
			goto done;
	if ((rc = avs_lock(st->d.locks, st->lockpath, "config", 1, avs_progname,
	    &lk, err)) != 0)
		goto done;
	rc = avs_atomic_write(st->d.top, st->dir, "config", text.p, text.len,
	    0, 0, err);
	avs_unlock(lk, 0);
	if (rc == 0) {
		avs_config_clear(&st->cfg);
		avs_config_copy(&st->cfg, cfg);
		memcpy(st->signer, signer, AVS_FPRLEN + 1);
		st->legacy = 0;
		avs_strv_free(st->pins);
		st->pins = NULL;
		(void)avs_pins_get(st->dir, &st->pins, &st->npins, NULL);
		set_hr(st);
	}
done:
	avs_buf_free(&text);
	return rc;
}

int
avs_store_keys(struct avs_store *st, struct avs_crypto *c,
    const char *const *fprs, size_t n, int use, struct avs_err *err)
{
	struct avs_buf data = AVS_BUF_INIT;
	struct avs_err probe = AVS_ERR_INIT;
	char name[64];
	size_t i;
	int rc;

	if (avs_crypto_check_keys(c, fprs, n, use, &probe) == 0)
		return 0;
	/* Something is missing or unusable: import what the store has. */
	for (i = 0; i < n; i++) {
		if (avs_crypto_check_keys(c, &fprs[i], 1, AVS_USE_VERIFY,
		    &probe) == 0)
			continue;
		snprintf(name, sizeof(name), "%s.asc", fprs[i]);
		if (!avs_exists_in(st->d.keys, name))
			continue;
		rc = avs_read_in(st->d.keys, st->keypath, name, 1024 * 1024,
		    &data, NULL, err);
		if (rc == 0)
			rc = avs_crypto_import(c, data.p, data.len, fprs[i],
			    err);
		avs_buf_free(&data);
		if (rc != 0)
			return rc;
	}
	return avs_crypto_check_keys(c, fprs, n, use, err);
}
