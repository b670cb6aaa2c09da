/*
 * store.c -- the store directory: permissions, record files and their
 * keyless metadata, keys, locks, logs, and records with crypto.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "csvio.h"
#include "qset.h"
#include "fsio.h"
#include "i18n.h"
#include "store.h"
#include "yamlio.h"

#define META_PREFIX "Comment: avslut "
#define ARMOR_BEGIN "-----BEGIN PGP MESSAGE-----\n"
#define RECORD_MAX (8 * 1024 * 1024)

struct avs_store {
	char *dir;
	int dirfd, recfd, lockfd, keyfd;
	char *recpath, *lockpath, *keypath;
	struct avs_config cfg;
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
open_dir(int at, const char *name, const char *path, int *fd,
    struct avs_err *err)
{
	*fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (*fd < 0)
		return avs_failerr(err, AVS_ERUN, "%s", path);
	return check_private(*fd, path, 1, err);
}

void
avs_store_close(struct avs_store *st)
{
	if (st == NULL)
		return;
	if (st->dirfd >= 0)
		close(st->dirfd);
	if (st->recfd >= 0)
		close(st->recfd);
	if (st->lockfd >= 0)
		close(st->lockfd);
	if (st->keyfd >= 0)
		close(st->keyfd);
	free(st->dir);
	free(st->recpath);
	free(st->lockpath);
	free(st->keypath);
	avs_config_clear(&st->cfg);
	free(st);
}

int
avs_store_open(const char *dir, struct avs_store **out, struct avs_err *err)
{
	struct avs_store *st;
	char *cfgpath;
	int rc, fd;

	*out = NULL;
	st = avs_xcalloc(1, sizeof(*st));
	st->dirfd = st->recfd = st->lockfd = st->keyfd = -1;
	st->dir = avs_store_path(dir);
	st->recpath = avs_xasprintf("%s/records", st->dir);
	st->lockpath = avs_xasprintf("%s/locks", st->dir);
	st->keypath = avs_xasprintf("%s/keys", st->dir);
	cfgpath = avs_xasprintf("%s/config", st->dir);
	st->dirfd = open(st->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (st->dirfd < 0) {
		rc = errno == ENOENT ?
		    avs_fail(err, AVS_ERUN, _("%s: no such store (create it "
		    "with avslut-new --init)"), st->dir) :
		    avs_failerr(err, AVS_ERUN, "%s", st->dir);
		goto fail;
	}
	if ((rc = check_private(st->dirfd, st->dir, 1, err)) != 0)
		goto fail;
	if ((fd = openat(st->dirfd, "config", O_RDONLY | O_CLOEXEC)) < 0) {
		rc = avs_failerr(err, AVS_ERUN, _("%s: not a store"), cfgpath);
		goto fail;
	}
	rc = check_private(fd, cfgpath, 0, err);
	close(fd);
	if (rc != 0 ||
	    (rc = open_dir(st->dirfd, "records", st->recpath, &st->recfd,
	    err)) != 0 ||
	    (rc = open_dir(st->dirfd, "locks", st->lockpath, &st->lockfd,
	    err)) != 0 ||
	    (rc = open_dir(st->dirfd, "keys", st->keypath, &st->keyfd,
	    err)) != 0 ||
	    (rc = avs_config_read(cfgpath, &st->cfg, err)) != 0)
		goto fail;
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

static int
keep_key_at(int keyfd, const char *keypath, struct avs_crypto *c,
    const char *fpr, struct avs_err *err)
{
	struct avs_buf key = AVS_BUF_INIT;
	char name[64];
	int rc;

	snprintf(name, sizeof(name), "%s.asc", fpr);
	if (faccessat(keyfd, name, F_OK, 0) == 0)
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
	return keep_key_at(st->keyfd, st->keypath, c, fpr, err);
}

int
avs_store_keep_qset(struct avs_store *st, const char *path, const char *name,
    const char *digest, struct avs_err *err)
{
	struct avs_buf data = AVS_BUF_INIT;
	struct avs_qset *there = NULL;
	char *dir = avs_xasprintf("%s/questions", st->dir), *file;
	int fd, rc;

	file = avs_xasprintf("%s/%s.yaml", dir, name);
	if (access(file, F_OK) == 0) {
		if ((rc = avs_qset_load(file, &there, err)) == 0 &&
		    strcmp(there->digest, digest) != 0)
			rc = avs_fail(err, AVS_EPOLICY, _("a different question "
			    "set named %s is already in %s"), name, dir);
		goto done;
	}
	if (mkdirat(st->dirfd, "questions", 0700) != 0 && errno != EEXIST) {
		rc = avs_failerr(err, AVS_ERUN, "%s", dir);
		goto done;
	}
	if ((fd = openat(st->dirfd, "questions", O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) < 0) {
		rc = avs_failerr(err, AVS_ERUN, "%s", dir);
		goto done;
	}
	rc = avs_read_file(path, 1024 * 1024, &data, err);
	if (rc == 0) {
		snprintf(file, strlen(file) + 1, "%s.yaml", name);
		rc = avs_atomic_write(fd, dir, file, data.p, data.len, 0, 0,
		    err);
	}
	close(fd);
done:
	avs_qset_free(there);
	avs_buf_free(&data);
	free(file);
	free(dir);
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

int
avs_store_init(const char *dir, const struct avs_config *cfg,
    struct avs_crypto *c, struct avs_err *err)
{
	static const char *const subdirs[] = { "records", "locks", "keys",
	    NULL };
	struct avs_buf text = AVS_BUF_INIT;
	char *path = avs_store_path(dir), *keypath;
	size_t i;
	int dirfd = -1, keyfd = -1, rc;

	if ((rc = avs_crypto_check_keys(c, (const char *const *)cfg->recipients,
	    cfg->nrecipients, AVS_USE_ENCRYPT, err)) != 0 ||
	    (rc = avs_config_write(cfg, &text, err)) != 0)
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
	keyfd = openat(dirfd, "keys", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	for (i = 0; rc == 0 && i < cfg->nrecipients; i++)
		rc = keep_key_at(keyfd, keypath, c, cfg->recipients[i], err);
	free(keypath);
	/* The config last: a store without it is not a store. */
	if (rc == 0)
		rc = avs_atomic_write(dirfd, path, "config", text.p, text.len,
		    1, 0, err);
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
    struct avs_crypto *c, struct avs_err *err)
{
	struct avs_buf text = AVS_BUF_INIT;
	struct avs_lock *lk;
	char *cfgpath;
	size_t i;
	int rc;

	if ((rc = avs_config_write(cfg, &text, err)) != 0)
		goto done;
	for (i = 0; i < cfg->nrecipients; i++)
		if ((rc = avs_store_keep_key(st, c, cfg->recipients[i],
		    err)) != 0)
			goto done;
	if ((rc = avs_lock(st->lockfd, st->lockpath, "config", 1, avs_progname,
	    &lk, err)) != 0)
		goto done;
	rc = avs_atomic_write(st->dirfd, st->dir, "config", text.p, text.len,
	    0, 0, err);
	avs_unlock(lk, 0);
	if (rc == 0) {
		cfgpath = avs_xasprintf("%s/config", st->dir);
		avs_config_clear(&st->cfg);
		rc = avs_config_read(cfgpath, &st->cfg, err);
		free(cfgpath);
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
	char name[64], *path;
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
		if (faccessat(st->keyfd, name, F_OK, 0) != 0)
			continue;
		path = avs_xasprintf("%s/%s", st->keypath, name);
		rc = avs_read_file(path, 1024 * 1024, &data, err);
		free(path);
		if (rc == 0)
			rc = avs_crypto_import(c, data.p, data.len, fprs[i],
			    err);
		avs_buf_free(&data);
		if (rc != 0)
			return rc;
	}
	return avs_crypto_check_keys(c, fprs, n, use, err);
}

/* --- record files ------------------------------------------------------ */

void
avs_meta_of(const struct avs_record *r, struct avs_meta *m)
{
	m->state = r->state;
	/* Retention counts from the seal for sealed records, otherwise from
	 * the end of employment (avslut-purge(1)). */
	memcpy(m->since, r->state == AVS_SEALED && r->sealed[0] ? r->sealed :
	    r->emp.to, AVS_DATELEN + 1);
}

static void
id_file(const char *id, char *name, size_t len)
{
	snprintf(name, len, "%s.asc", id);
}

static int
parse_meta(const char *id, const char *p, size_t len, struct avs_meta *m,
    struct avs_err *err)
{
	char state[16], since[AVS_DATELEN + 1], line[64];
	const char *start, *nl, *sp;
	size_t n;
	int s;

	if (len < sizeof(ARMOR_BEGIN) || memcmp(p, ARMOR_BEGIN,
	    sizeof(ARMOR_BEGIN) - 1) != 0)
		goto bad;
	/* The header line, copied out: the data need not end in NUL. */
	start = p + sizeof(ARMOR_BEGIN) - 1;
	nl = memchr(start, '\n', len - (size_t)(start - p));
	n = nl != NULL ? (size_t)(nl - start) : 0;
	if (nl == NULL || n >= sizeof(line))
		goto bad;
	memcpy(line, start, n);
	line[n] = '\0';
	if (strncmp(line, META_PREFIX, sizeof(META_PREFIX) - 1) != 0)
		goto bad;
	/* "STATE YYYY-MM-DD", nothing more. */
	start = line + sizeof(META_PREFIX) - 1;
	sp = strchr(start, ' ');
	if (sp == NULL || (size_t)(sp - start) >= sizeof(state) ||
	    strlen(sp + 1) != AVS_DATELEN)
		goto bad;
	memcpy(state, start, (size_t)(sp - start));
	state[sp - start] = '\0';
	memcpy(since, sp + 1, AVS_DATELEN + 1);
	if ((s = avs_lookup(avs_state_names, state)) < 0 ||
	    !avs_date_valid(since))
		goto bad;
	m->state = (enum avs_state)s;
	memcpy(m->since, since, sizeof(since));
	return 0;
bad:
	return avs_fail(err, AVS_EINTEGRITY, _("record %s: missing or bad "
	    "metadata header"), id);
}

int
avs_meta_read(struct avs_store *st, const char *id, struct avs_meta *m,
    struct avs_err *err)
{
	char name[32], head[160];
	ssize_t n;
	int fd;

	id_file(id, name, sizeof(name));
	if ((fd = openat(st->recfd, name, O_RDONLY | O_CLOEXEC)) < 0)
		return errno == ENOENT ? avs_fail(err, AVS_ERUN,
		    _("record %s not found"), id) :
		    avs_failerr(err, AVS_ERUN, "%s/%s", st->recpath, name);
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n < 0)
		return avs_failerr(err, AVS_ERUN, "%s/%s", st->recpath, name);
	return parse_meta(id, head, (size_t)n, m, err);
}

int
avs_store_record_exists(struct avs_store *st, const char *id)
{
	char name[32];

	id_file(id, name, sizeof(name));
	return faccessat(st->recfd, name, F_OK, 0) == 0;
}

int
avs_store_read_file(struct avs_store *st, const char *id, struct avs_buf *out,
    struct avs_err *err)
{
	struct stat sb;
	char name[32], *path;
	int rc;

	if (!avs_id_valid(id))
		return avs_fail(err, AVS_EUSAGE, _("invalid record id \"%.40s\""),
		    id);
	id_file(id, name, sizeof(name));
	if (fstatat(st->recfd, name, &sb, 0) != 0)
		return errno == ENOENT ? avs_fail(err, AVS_ERUN,
		    _("record %s not found"), id) :
		    avs_failerr(err, AVS_ERUN, "%s/%s", st->recpath, name);
	path = avs_xasprintf("%s/%s", st->recpath, name);
	if (sb.st_mode & 077) {
		rc = avs_fail(err, AVS_EPOLICY, _("%s is accessible to group or "
		    "others (mode %04o); the store must be private"), path,
		    (unsigned)(sb.st_mode & 07777));
		free(path);
		return rc;
	}
	rc = avs_read_file(path, RECORD_MAX, out, err);
	free(path);
	return rc;
}

int
avs_store_write_file(struct avs_store *st, const char *id,
    const struct avs_meta *m, const struct avs_buf *armored, int create,
    int nosync_dir, struct avs_err *err)
{
	struct avs_buf file = AVS_BUF_INIT;
	char name[32];
	size_t hl = sizeof(ARMOR_BEGIN) - 1;
	int rc;

	if (armored->len < hl || memcmp(armored->p, ARMOR_BEGIN, hl) != 0)
		return avs_fail(err, AVS_ERUN, _("record %s: unexpected output "
		    "from gpg"), id);
	id_file(id, name, sizeof(name));
	avs_buf_add(&file, armored->p, hl);
	avs_buf_printf(&file, META_PREFIX "%s %s\n",
	    avs_state_names[m->state], m->since);
	avs_buf_add(&file, armored->p + hl, armored->len - hl);
	/* A new record has no lock yet (its id is new); an existing one is
	 * rewritten only by the holder of its lock. */
	if (create)
		rc = avs_atomic_write(st->recfd, st->recpath, name, file.p,
		    file.len, 1, nosync_dir, err);
	else
		rc = avs_atomic_write_locked(st->recfd, st->recpath, name,
		    file.p, file.len, nosync_dir, err);
	avs_buf_free(&file);
	return rc;
}

int
avs_store_sync(struct avs_store *st, struct avs_err *err)
{
	return avs_fsync_dir(st->recfd, st->recpath, err);
}

int
avs_store_remove(struct avs_store *st, const char *id, struct avs_err *err)
{
	char name[32];

	id_file(id, name, sizeof(name));
	if (unlinkat(st->recfd, name, 0) != 0)
		return avs_failerr(err, AVS_ERUN, "%s/%s", st->recpath, name);
	return avs_fsync_dir(st->recfd, st->recpath, err);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
avs_store_ids(struct avs_store *st, char ***ids, size_t *n,
    struct avs_err *err)
{
	struct dirent *de;
	size_t cap = 0, len;
	char **v = NULL;
	DIR *d;
	int fd;

	*ids = NULL;
	*n = 0;
	if ((fd = dup(st->recfd)) < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return avs_failerr(err, AVS_ERUN, "%s", st->recpath);
	}
	rewinddir(d);
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len != AVS_IDLEN + 4 ||
		    strcmp(de->d_name + AVS_IDLEN, ".asc") != 0)
			continue;
		if (*n + 1 >= cap) {
			cap = cap ? cap * 2 : 256;
			v = avs_xreallocarray(v, cap, sizeof(*v));
		}
		v[*n] = avs_xstrndup(de->d_name, AVS_IDLEN);
		if (!avs_id_valid(v[*n])) {
			free(v[*n]);
			continue;
		}
		(*n)++;
	}
	closedir(d);
	if (v == NULL)
		v = avs_xcalloc(1, sizeof(*v));
	v[*n] = NULL;
	qsort(v, *n, sizeof(*v), cmp_str);
	*ids = v;
	return 0;
}

void
avs_ids_free(char **ids)
{
	char **p;

	for (p = ids; p != NULL && *p != NULL; p++)
		free(*p);
	free(ids);
}

int
avs_store_each(struct avs_store *st, int (*fn)(const char *id, void *arg),
    void *arg, struct avs_err *err)
{
	char **ids;
	size_t n, i;
	int rc;

	if ((rc = avs_store_ids(st, &ids, &n, err)) != 0)
		return rc;
	for (i = 0; i < n && rc == 0; i++)
		rc = fn(ids[i], arg);
	avs_ids_free(ids);
	return rc;
}

int
avs_store_lock(struct avs_store *st, const char *id, int wait,
    struct avs_lock **out, struct avs_err *err)
{
	int rc;

	if ((rc = avs_lock(st->lockfd, st->lockpath, id, wait, avs_progname,
	    out, err)) != 0) {
		/* Say which record, not only which file. */
		if (rc == AVS_EPOLICY && err != NULL) {
			char msg[sizeof(err->msg)];

			snprintf(msg, sizeof(msg), _("record %s is in use: %s"),
			    id, err->msg);
			snprintf(err->msg, sizeof(err->msg), "%s", msg);
		}
		return rc;
	}
	/* A writer that died may have left its temporary behind. */
	{
		char name[32];

		id_file(id, name, sizeof(name));
		avs_remove_locked_temp(st->recfd, name);
	}
	return 0;
}

/* --- logs ---------------------------------------------------------------- */

static void
now_iso(char *out, size_t len)
{
	struct tm tm;
	time_t t = time(NULL);

	localtime_r(&t, &tm);
	strftime(out, len, "%Y-%m-%dT%H:%M:%S%z", &tm);
}

static int
log_line(struct avs_store *st, const char *file, const char *const *header,
    const char *const *fields, size_t n, struct avs_err *err)
{
	struct avs_buf line = AVS_BUF_INIT;
	struct stat sb;
	int rc;

	/* A new log starts with its header (a harmless race: at worst the
	 * header appears twice, never a lost line). */
	if (fstatat(st->dirfd, file, &sb, 0) != 0 || sb.st_size == 0)
		avs_csv_row(&line, header, n);
	avs_csv_row(&line, fields, n);
	rc = avs_append_line(st->dirfd, st->dir, file, line.p, line.len, err);
	avs_buf_free(&line);
	return rc;
}

int
avs_log_access(struct avs_store *st, const char *id, const char *key,
    const char *command, struct avs_err *err)
{
	static const char *const header[] = { "time", "record", "key",
	    "command", "user" };
	/* Threads of one process share its fcntl locks, and one close(2)
	 * drops them all: threads take turns here. */
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	char when[40];
	const char *f[5];
	int rc;

	pthread_mutex_lock(&mu);
	now_iso(when, sizeof(when));
	f[0] = when;
	f[1] = id;
	f[2] = key != NULL && *key != '\0' ? key : "?";
	f[3] = command;
	f[4] = avs_username();
	rc = log_line(st, "access.log", header, f, 5, err);
	pthread_mutex_unlock(&mu);
	return rc;
}

int
avs_log_purge(struct avs_store *st, const char *id, const char *state,
    const char *rule, const char *decision, struct avs_err *err)
{
	static const char *const header[] = { "time", "record", "state",
	    "rule", "decision", "user" };
	char when[40];
	const char *f[6];

	now_iso(when, sizeof(when));
	f[0] = when;
	f[1] = id;
	f[2] = state;
	f[3] = rule;
	f[4] = decision;
	f[5] = avs_username();
	return log_line(st, "purge.log", header, f, 6, err);
}

/* --- records with crypto ------------------------------------------------- */

int
avs_rec_recipients(struct avs_store *st, const struct avs_record *r,
    const char ***rcpt, size_t *n)
{
	const struct avs_config *cfg = &st->cfg;
	size_t i;

	*rcpt = avs_xcalloc(cfg->nrecipients + 2, sizeof(**rcpt));
	for (i = 0; i < cfg->nrecipients; i++)
		(*rcpt)[i] = cfg->recipients[i];
	*n = cfg->nrecipients;
	if (r->interviewer.fpr[0] != '\0' &&
	    avs_lookup(*rcpt, r->interviewer.fpr) < 0)
		(*rcpt)[(*n)++] = r->interviewer.fpr;
	return 0;
}

int
avs_rec_parse(const char *id, const struct avs_buf *plain,
    struct avs_record **out, struct avs_err *err)
{
	char name[64];
	int rc;

	snprintf(name, sizeof(name), "record %s", id);
	if ((rc = avs_record_read(name, plain->p, plain->len, out, err)) != 0)
		return rc == AVS_EUSAGE ? (err->status = AVS_EINTEGRITY) : rc;
	if (strcmp((*out)->id, id) != 0) {
		avs_record_free(*out);
		*out = NULL;
		return avs_fail(err, AVS_EINTEGRITY, _("record %s holds the "
		    "document of another record"), id);
	}
	return 0;
}

int
avs_rec_load_plain(struct avs_store *st, struct avs_crypto *c,
    const char *id, const char *command, struct avs_record **out,
    struct avs_decinfo *info, struct avs_buf *doc, struct avs_err *err)
{
	struct avs_buf file = AVS_BUF_INIT, plain = AVS_BUF_INIT;
	struct avs_meta m, want;
	int rc;

	*out = NULL;
	if ((rc = avs_store_read_file(st, id, &file, err)) != 0)
		goto done;
	if ((rc = parse_meta(id, file.p, file.len, &m, err)) != 0)
		goto done;
	if ((rc = avs_crypto_decrypt(c, file.p, file.len, &plain, info,
	    err)) != 0) {
		char msg[sizeof(err->msg)];

		snprintf(msg, sizeof(msg), _("record %s: %s"), id, err->msg);
		snprintf(err->msg, sizeof(err->msg), "%s", msg);
		goto done;
	}
	if ((rc = avs_log_access(st, id, info->key, command, err)) != 0 ||
	    (rc = avs_rec_parse(id, &plain, out, err)) != 0)
		goto done;
	avs_meta_of(*out, &want);
	if (want.state != m.state || strcmp(want.since, m.since) != 0) {
		avs_record_free(*out);
		*out = NULL;
		rc = avs_fail(err, AVS_EINTEGRITY, _("record %s: the metadata "
		    "header does not match the record"), id);
	}
	if (rc == 0 && doc != NULL) {
		avs_buf_free(doc);
		*doc = plain;
		memset(&plain, 0, sizeof(plain));
	}
done:
	avs_buf_free(&file);
	avs_buf_free(&plain);
	return rc;
}

int
avs_rec_encrypt(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, const char *signer, struct avs_buf *plain,
    struct avs_buf *cipher, struct avs_err *err)
{
	const char **rcpt;
	size_t n;
	int rc;

	avs_rec_recipients(st, r, &rcpt, &n);
	if ((rc = avs_store_keys(st, c, rcpt, n, AVS_USE_ENCRYPT, err)) == 0 &&
	    (rc = avs_record_write(r, plain, err)) == 0)
		rc = avs_crypto_encrypt(c, rcpt, n, signer, plain->p,
		    plain->len, cipher, err);
	free(rcpt);
	return rc;
}

int
avs_rec_save(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, const char *signer, int create,
    int nosync_dir, struct avs_err *err)
{
	struct avs_buf plain = AVS_BUF_INIT, cipher = AVS_BUF_INIT;
	struct avs_meta m;
	int rc;

	if ((rc = avs_rec_encrypt(st, c, r, signer, &plain, &cipher,
	    err)) == 0) {
		avs_meta_of(r, &m);
		rc = avs_store_write_file(st, r->id, &m, &cipher, create,
		    nosync_dir, err);
	}
	avs_buf_free(&plain);
	avs_buf_free(&cipher);
	return rc;
}

int
avs_rec_seal_ok(struct avs_store *st, struct avs_crypto *c,
    const struct avs_record *r, const struct avs_decinfo *info, char *why,
    size_t whylen)
{
	const struct avs_config *cfg = &st->cfg;
	const char *by = r->seal_by;

	if (r->state != AVS_SEALED) {
		snprintf(why, whylen, "%s", _("not sealed"));
		return 0;
	}
	/* The sealer must be the interviewer or a configured key ... */
	if (by == NULL || (!avs_streq(by, r->interviewer.fpr) &&
	    avs_lookup((const char *const *)cfg->recipients, by) < 0 &&
	    avs_lookup((const char *const *)cfg->sealers, by) < 0)) {
		snprintf(why, whylen, _("sealed by %s, a key not allowed to "
		    "seal"), by != NULL ? by : "?");
		return 0;
	}
	/* ... and the one signature must be that key's. */
	if (avs_store_keys(st, c, &by, 1, AVS_USE_VERIFY, NULL) != 0) {
		snprintf(why, whylen, _("the sealer's key %s is not available"),
		    by);
		return 0;
	}
	return avs_crypto_signer_allowed(c, info, &by, 1, why, whylen);
}

int
avs_rec_load(struct avs_store *st, struct avs_crypto *c, const char *id,
    const char *command, struct avs_record **out, struct avs_decinfo *info,
    struct avs_err *err)
{
	return avs_rec_load_plain(st, c, id, command, out, info, NULL, err);
}
