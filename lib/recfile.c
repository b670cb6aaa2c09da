/*
 * recfile.c -- record files in the store: ids, the keyless metadata
 * header a record file carries before its armored message, reading and
 * writing them whole, and their locks.  Decrypting them is vault.c's.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsio.h"
#include "i18n.h"
#include "store.h"

#define META_PREFIX "Comment: avslut "
#define ARMOR_BEGIN "-----BEGIN PGP MESSAGE-----\n"
#define ARMOR_END "-----END PGP MESSAGE-----"
#define RECORD_MAX (8 * 1024 * 1024)

void
avs_meta_of(const struct avs_record *r, struct avs_meta *m)
{
	m->state = r->state;
	/* Retention counts from the seal for sealed records, otherwise from
	 * the end of employment (avslut-purge(1)). */
	memcpy(m->since, r->state == AVS_SEALED && r->sealed[0] ? r->sealed :
	    r->emp.to, AVS_DATELEN + 1);
}

void
avs_record_file(const char *id, char *name, size_t len)
{
	snprintf(name, len, "%s" AVS_RECORD_EXT, id);
}

int
avs_meta_parse(const char *id, const char *p, size_t len, struct avs_meta *m,
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

/* Open id's file to read: a regular file of mode 0600 or stricter, or
 * AVS_EINTEGRITY naming it (a store writer put something else there);
 * a missing one is AVS_ERUN, "not found". */
static int
open_record(struct avs_store *st, const char *id, int *fd, struct stat *sb,
    struct avs_err *err)
{
	const struct avs_store_dirs *d = avs_store_dirs(st);
	char name[32];
	int rc;

	*fd = -1;
	avs_record_file(id, name, sizeof(name));
	if ((rc = avs_open_in(d->records, d->recpath, name, O_RDONLY, fd,
	    sb, err)) != 0) {
		/* Gone (another purge took it) is not found; there but not
		 * a regular file is the record's integrity failure; anything
		 * else (no descriptor left, say) is the run's. */
		if (fstatat(d->records, name, sb, AT_SYMLINK_NOFOLLOW) != 0)
			return errno == ENOENT ? avs_fail(err, AVS_ERUN,
			    _("record %s not found"), id) : rc;
		if (S_ISREG(sb->st_mode))
			return rc;
		if (err != NULL)
			err->status = AVS_EINTEGRITY;
		return AVS_EINTEGRITY;
	}
	if (sb->st_mode & 077) {
		close(*fd);
		*fd = -1;
		return avs_fail(err, AVS_EINTEGRITY, _("%s/%s is accessible to "
		    "group or others (mode %04o); the store must be private"),
		    d->recpath, name, (unsigned)(sb->st_mode & 07777));
	}
	return 0;
}

int
avs_meta_read(struct avs_store *st, const char *id, struct avs_meta *m,
    struct avs_err *err)
{
	struct stat sb;
	char head[160];
	ssize_t n;
	int fd, rc;

	if ((rc = open_record(st, id, &fd, &sb, err)) != 0)
		return rc;
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n < 0)
		return avs_failerr(err, AVS_ERUN, _("record %s"), id);
	return avs_meta_parse(id, head, (size_t)n, m, err);
}

int
avs_store_record_exists(struct avs_store *st, const char *id)
{
	const struct avs_store_dirs *d = avs_store_dirs(st);
	char name[32];

	avs_record_file(id, name, sizeof(name));
	return avs_exists_in(d->records, name);
}

/* Nothing but the end of the line may follow the armor's last line: gpg
 * would ignore what does, and so would a check of the record. */
static int
check_armor_end(const char *id, const struct avs_buf *b, struct avs_err *err)
{
	static const char end[] = "\n" ARMOR_END;
	const char *p;
	size_t rest;

	p = b->len >= sizeof(end) - 1 ? memmem(b->p, b->len, end,
	    sizeof(end) - 1) : NULL;
	if (p == NULL)
		return avs_fail(err, AVS_EINTEGRITY, _("record %s: the armor "
		    "does not end"), id);
	p += sizeof(end) - 1;
	rest = b->len - (size_t)(p - b->p);
	if (rest == 0 || (rest == 1 && *p == '\n') ||
	    (rest == 2 && p[0] == '\r' && p[1] == '\n'))
		return 0;
	return avs_fail(err, AVS_EINTEGRITY, _("record %s: data after the "
	    "end of the armor"), id);
}

int
avs_store_read_file(struct avs_store *st, const char *id, struct avs_buf *out,
    struct avs_err *err)
{
	const struct avs_store_dirs *d = avs_store_dirs(st);
	struct stat sb;
	char name[32];
	int fd, rc;

	if (!avs_id_valid(id))
		return avs_fail(err, AVS_EUSAGE, _("invalid record id \"%.40s\""),
		    id);
	if ((rc = open_record(st, id, &fd, &sb, err)) != 0)
		return rc;
	avs_record_file(id, name, sizeof(name));
	rc = avs_read_fd(fd, d->recpath, name, RECORD_MAX, out, err);
	close(fd);
	if (rc == 0 && (rc = check_armor_end(id, out, err)) != 0)
		avs_buf_free(out);
	return rc;
}

int
avs_store_write_file(struct avs_store *st, const char *id,
    const struct avs_meta *m, const struct avs_buf *armored, int create,
    int nosync_dir, struct avs_err *err)
{
	const struct avs_store_dirs *d = avs_store_dirs(st);
	struct avs_buf file = AVS_BUF_INIT;
	char name[32];
	size_t hl = sizeof(ARMOR_BEGIN) - 1;
	int rc;

	if (armored->len < hl || memcmp(armored->p, ARMOR_BEGIN, hl) != 0)
		return avs_fail(err, AVS_ERUN, _("record %s: unexpected output "
		    "from gpg"), id);
	avs_record_file(id, name, sizeof(name));
	avs_buf_add(&file, armored->p, hl);
	avs_buf_printf(&file, META_PREFIX "%s %s\n",
	    avs_state_names[m->state], m->since);
	avs_buf_add(&file, armored->p + hl, armored->len - hl);
	/* A new record has no lock yet (its id is new); an existing one is
	 * rewritten only by the holder of its lock. */
	if (create)
		rc = avs_atomic_write(d->records, d->recpath, name, file.p,
		    file.len, 1, nosync_dir, err);
	else
		rc = avs_atomic_write_locked(d->records, d->recpath, name,
		    file.p, file.len, nosync_dir, err);
	avs_buf_free(&file);
	return rc;
}

int
avs_store_sync(struct avs_store *st, struct avs_err *err)
{
	const struct avs_store_dirs *d = avs_store_dirs(st);

	return avs_fsync_dir(d->records, d->recpath, err);
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
	const struct avs_store_dirs *dirs = avs_store_dirs(st);
	struct dirent *de;
	size_t cap = 0, len;
	char **v = NULL;
	DIR *d;
	int fd;

	*ids = NULL;
	*n = 0;
	if ((fd = dup(dirs->records)) < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return avs_failerr(err, AVS_ERUN, "%s", dirs->recpath);
	}
	rewinddir(d);
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len != AVS_IDLEN + sizeof(AVS_RECORD_EXT) - 1 ||
		    strcmp(de->d_name + AVS_IDLEN, AVS_RECORD_EXT) != 0)
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

int
avs_store_lock(struct avs_store *st, const char *id, int wait, int sweep,
    struct avs_lock **out, struct avs_err *err)
{
	const struct avs_store_dirs *d = avs_store_dirs(st);
	char msg[sizeof(err->msg)], name[32];
	int rc;

	if ((rc = avs_lock(d->locks, d->lockpath, id, wait, avs_progname,
	    out, err)) != 0) {
		/* Say which record, not only which file. */
		if (rc == AVS_EPOLICY && err != NULL) {
			snprintf(msg, sizeof(msg), _("record %s is in use: %s"),
			    id, err->msg);
			snprintf(err->msg, sizeof(err->msg), "%s", msg);
		}
		return rc;
	}
	/* A writer that died may have left its temporary behind. */
	if (sweep) {
		avs_record_file(id, name, sizeof(name));
		avs_remove_locked_temp(d->records, name);
	}
	return 0;
}
