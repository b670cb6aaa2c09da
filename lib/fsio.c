/*
 * fsio.c -- atomic writes and locks (after mblaze mdeliver.c and signify).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsio.h"
#include "i18n.h"

struct avs_lock {
	int dirfd;
	int fd;
	char *name;
};

static int
write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
avs_fsync_dir(int dirfd, const char *dirpath, struct avs_err *err)
{
	if (fsync(dirfd) != 0 && errno != EINVAL)
		return avs_failerr(err, AVS_ERUN, "%s", dirpath);
	return 0;
}

/* Write data to tmp, then put it in place as name. */
static int
write_then_rename(int dirfd, const char *dirpath, const char *tmp,
    const char *name, const void *data, size_t len, int exclusive,
    int nosync_dir, struct avs_err *err)
{
	int fd;

	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (fd < 0)
		return avs_failerr(err, AVS_ERUN, "%s/%s", dirpath, tmp);
	if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		avs_failerr(err, AVS_ERUN, "%s/%s", dirpath, tmp);
		close(fd);
		goto fail;
	}
	if (close(fd) != 0) {
		avs_failerr(err, AVS_ERUN, "%s/%s", dirpath, tmp);
		goto fail;
	}
	if (exclusive) {
		/* link(2) fails if the name exists: no record is replaced. */
		if (linkat(dirfd, tmp, dirfd, name, 0) != 0) {
			avs_failerr(err, AVS_ERUN, "%s/%s", dirpath, name);
			goto fail;
		}
		unlinkat(dirfd, tmp, 0);
	} else if (renameat(dirfd, tmp, dirfd, name) != 0) {
		avs_failerr(err, AVS_ERUN, "%s/%s", dirpath, name);
		goto fail;
	}
	if (!nosync_dir)
		return avs_fsync_dir(dirfd, dirpath, err);
	return 0;
fail:
	unlinkat(dirfd, tmp, 0);
	return AVS_ERUN;
}

int
avs_atomic_write(int dirfd, const char *dirpath, const char *name,
    const void *data, size_t len, int exclusive, int nosync_dir,
    struct avs_err *err)
{
	char tmp[NAME_MAX + 1];
	unsigned char rnd[6];
	int i;

	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return avs_failerr(err, AVS_ERUN, "getrandom");
	snprintf(tmp, sizeof(tmp), ".%s" AVS_TMP_SUFFIX ".", name);
	for (i = 0; i < 6; i++)
		snprintf(tmp + strlen(tmp), 3, "%c",
		    "abcdefghijklmnopqrstuvwxyz0123456789"[rnd[i] % 36]);
	return write_then_rename(dirfd, dirpath, tmp, name, data, len,
	    exclusive, nosync_dir, err);
}

void
avs_remove_locked_temp(int dirfd, const char *name)
{
	char tmp[NAME_MAX + 1];

	snprintf(tmp, sizeof(tmp), ".%s" AVS_TMP_SUFFIX, name);
	unlinkat(dirfd, tmp, 0);
}

int
avs_atomic_write_locked(int dirfd, const char *dirpath, const char *name,
    const void *data, size_t len, int nosync_dir, struct avs_err *err)
{
	char tmp[NAME_MAX + 1];

	snprintf(tmp, sizeof(tmp), ".%s" AVS_TMP_SUFFIX, name);
	unlinkat(dirfd, tmp, 0);
	return write_then_rename(dirfd, dirpath, tmp, name, data, len, 0,
	    nosync_dir, err);
}

void
avs_remove_temps(int dirfd, const char *name)
{
	char prefix[NAME_MAX + 1];
	struct dirent *de;
	DIR *d;
	int fd;
	size_t n;

	snprintf(prefix, sizeof(prefix), ".%s" AVS_TMP_SUFFIX ".", name);
	n = strlen(prefix);
	if ((fd = dup(dirfd)) < 0)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	rewinddir(d);
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, prefix, n) == 0)
			unlinkat(dirfd, de->d_name, 0);
	closedir(d);
}

static void
describe_holder(int fd, char *out, size_t len)
{
	char buf[200];
	ssize_t n;

	n = pread(fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0) {
		snprintf(out, len, "%s", _("another process"));
		return;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	snprintf(out, len, "%s", buf);
}

int
avs_lock(int dirfd, const char *dirpath, const char *name, int wait,
    const char *what, struct avs_lock **out, struct avs_err *err)
{
	struct flock fl;
	struct avs_lock *l;
	char holder[200], host[64], stamp[32];
	time_t now;
	struct tm tm;
	int fd;

	*out = NULL;
	if (avs_open_in(dirfd, dirpath, name, O_RDWR | O_CREAT, &fd, NULL,
	    err) != 0)
		return AVS_ERUN;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	while (fcntl(fd, wait ? F_SETLKW : F_SETLK, &fl) != 0) {
		if (errno == EINTR && wait)
			continue;
		if (errno == EAGAIN || errno == EACCES) {
			describe_holder(fd, holder, sizeof(holder));
			close(fd);
			return avs_fail(err, AVS_EPOLICY, _("%s/%s is locked "
			    "by %s"), dirpath, name, holder);
		}
		avs_failerr(err, AVS_ERUN, _("cannot lock %s/%s"), dirpath,
		    name);
		close(fd);
		return AVS_ERUN;
	}
	/* Say who holds it, for the message others will see. */
	if (gethostname(host, sizeof(host)) != 0)
		snprintf(host, sizeof(host), "?");
	host[sizeof(host) - 1] = '\0';
	now = time(NULL);
	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M", &tm);
	snprintf(holder, sizeof(holder), "%s (pid %ld, %s@%s, %s)\n", what,
	    (long)getpid(), avs_username(), host, stamp);
	if (ftruncate(fd, 0) != 0 ||
	    pwrite(fd, holder, strlen(holder), 0) < 0) {
		/* Only informative: the lock itself is held. */
	}
	l = avs_xcalloc(1, sizeof(*l));
	l->dirfd = dirfd;
	l->fd = fd;
	l->name = avs_xstrdup(name);
	*out = l;
	return 0;
}

void
avs_unlock(struct avs_lock *l, int remove)
{
	if (l == NULL)
		return;
	if (remove)
		unlinkat(l->dirfd, l->name, 0);
	else if (ftruncate(l->fd, 0) != 0) {
		/* Only informative. */
	}
	close(l->fd);	/* releases the lock */
	free(l->name);
	free(l);
}

int
avs_append_line(int dirfd, const char *dirpath, const char *name,
    const char *head, const char *line, size_t len, struct avs_err *err)
{
	struct flock fl;
	struct stat sb;
	int fd, rc = 0;

	if (avs_open_in(dirfd, dirpath, name, O_WRONLY | O_APPEND | O_CREAT,
	    &fd, NULL, err) != 0)
		return AVS_ERUN;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	while (fcntl(fd, F_SETLKW, &fl) != 0)
		if (errno != EINTR) {
			rc = avs_failerr(err, AVS_ERUN, _("cannot lock %s/%s"),
			    dirpath, name);
			goto done;
		}
	/* Under the lock, O_APPEND is safe on NFS too: the lock makes the
	 * client revalidate the size; and only one writer sees it empty. */
	if (fstat(fd, &sb) != 0 ||
	    (head != NULL && sb.st_size == 0 &&
	    write_all(fd, head, strlen(head)) != 0) ||
	    write_all(fd, line, len) != 0 || fsync(fd) != 0)
		rc = avs_failerr(err, AVS_ERUN, "%s/%s", dirpath, name);
done:
	if (close(fd) != 0 && rc == 0)
		rc = avs_failerr(err, AVS_ERUN, "%s/%s", dirpath, name);
	return rc;
}

/* "dir/name", or name alone when it is a path of its own. */
#define WHERE(dirpath) (dirpath) != NULL ? (dirpath) : "", \
	(dirpath) != NULL ? "/" : ""

int
avs_open_in(int dirfd, const char *dirpath, const char *name, int flags,
    int *fdp, struct stat *sbp, struct avs_err *err)
{
	struct stat sb;
	int fd, fl;

	*fdp = -1;
	fd = openat(dirfd, name, flags | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC, 0600);
	if (fd < 0) {
		/* ELOOP: the name is a symbolic link; ENXIO: a FIFO without
		 * a reader, opened to write; EISDIR: a directory. */
		if (errno == ELOOP)
			return avs_fail(err, AVS_ERUN, _("%s%s%s: a symbolic "
			    "link, not a file; refused"), WHERE(dirpath),
			    name);
		if (errno == ENXIO || errno == EISDIR)
			goto not_regular;
		return avs_failerr(err, AVS_ERUN, "%s%s%s", WHERE(dirpath),
		    name);
	}
	if (fstat(fd, &sb) != 0) {
		avs_failerr(err, AVS_ERUN, "%s%s%s", WHERE(dirpath), name);
		close(fd);
		return AVS_ERUN;
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		goto not_regular;
	}
	if ((flags & O_ACCMODE) != O_RDONLY && sb.st_nlink > 1) {
		close(fd);
		return avs_fail(err, AVS_ERUN, _("%s%s%s: has other hard links; "
		    "refused"), WHERE(dirpath), name);
	}
	if ((fl = fcntl(fd, F_GETFL)) < 0 ||
	    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0) {
		avs_failerr(err, AVS_ERUN, "%s%s%s", WHERE(dirpath), name);
		close(fd);
		return AVS_ERUN;
	}
	if (sbp != NULL)
		*sbp = sb;
	*fdp = fd;
	return 0;
not_regular:
	return avs_fail(err, AVS_ERUN, _("%s%s%s: not a regular file (a FIFO, "
	    "device or directory); refused"), WHERE(dirpath), name);
}

int
avs_exists_in(int dirfd, const char *name)
{
	struct stat sb;

	return fstatat(dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0;
}

int
avs_open_dir_in(int dirfd, const char *dirpath, const char *name, int *fdp,
    struct avs_err *err)
{
	struct stat sb;
	int e;

	*fdp = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (*fdp >= 0)
		return 0;
	/* O_DIRECTORY makes a symbolic link ENOTDIR, not ELOOP. */
	e = errno;
	if (e == ELOOP || (e == ENOTDIR &&
	    fstatat(dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(sb.st_mode)))
		return avs_fail(err, AVS_ERUN, _("%s%s%s: a symbolic link, not "
		    "a directory; refused"), WHERE(dirpath), name);
	errno = e;
	if (e == ENOTDIR)
		return avs_fail(err, AVS_ERUN, _("%s%s%s: not a directory"),
		    WHERE(dirpath), name);
	return avs_failerr(err, AVS_ERUN, "%s%s%s", WHERE(dirpath), name);
}

int
avs_read_fd(int fd, const char *dirpath, const char *name, size_t max,
    struct avs_buf *out, struct avs_err *err)
{
	char chunk[8192];
	ssize_t n;
	int rc = 0;

	avs_buf_reset(out);
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = avs_failerr(err, AVS_ERUN, "%s%s%s",
			    WHERE(dirpath), name);
			break;
		}
		if (n == 0)
			break;
		if (out->len + (size_t)n > max) {
			rc = avs_fail(err, AVS_EUSAGE, _("%s%s%s: too large "
			    "(more than %zu bytes)"), WHERE(dirpath), name,
			    max);
			break;
		}
		avs_buf_add(out, chunk, (size_t)n);
	}
	avs_wipe(chunk, sizeof(chunk));
	if (rc != 0)
		avs_buf_free(out);
	return rc;
}

int
avs_read_in(int dirfd, const char *dirpath, const char *name, size_t max,
    struct avs_buf *out, struct stat *sb, struct avs_err *err)
{
	int fd, rc;

	avs_buf_reset(out);
	if ((rc = avs_open_in(dirfd, dirpath, name, O_RDONLY, &fd, sb,
	    err)) != 0)
		return rc;
	rc = avs_read_fd(fd, dirpath, name, max, out, err);
	close(fd);
	return rc;
}

int
avs_read_file(const char *path, size_t max, struct avs_buf *out,
    struct avs_err *err)
{
	int fd, rc;

	avs_buf_reset(out);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return avs_failerr(err, AVS_ERUN, "%s", path);
	rc = avs_read_fd(fd, NULL, path, max, out, err);
	close(fd);
	return rc;
}

/* Open the directory of path, a file name the user chose, into *dirfd;
 * *dir (to free) names it, *name is the file's name in it. */
static int
output_dir(const char *path, char **dir, const char **name, int *dirfd,
    struct avs_err *err)
{
	char *slash;
	const char *dirpath = ".";

	*dir = avs_xstrdup(path);
	*name = path;
	if ((slash = strrchr(*dir, '/')) != NULL) {
		*slash = '\0';
		*name = path + (slash - *dir) + 1;
		dirpath = slash == *dir ? "/" : *dir;
	}
	if (**name == '\0' || strcmp(*name, ".") == 0 ||
	    strcmp(*name, "..") == 0)
		return avs_fail(err, AVS_EUSAGE, _("%s: not a file name"), path);
	if (dirpath != *dir)
		memmove(*dir, dirpath, strlen(dirpath) + 1);
	if ((*dirfd = open(*dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return avs_failerr(err, AVS_ERUN, "%s", *dir);
	return 0;
}

int
avs_output_check(const char *path, struct avs_err *err)
{
	const char *name;
	char *dir;
	int dirfd, rc;

	if ((rc = output_dir(path, &dir, &name, &dirfd, err)) == 0)
		close(dirfd);
	free(dir);
	return rc;
}

int
avs_write_output(const char *path, const void *data, size_t len,
    struct avs_err *err)
{
	const char *name;
	char *dir;
	int dirfd, rc;

	if ((rc = output_dir(path, &dir, &name, &dirfd, err)) == 0) {
		rc = avs_atomic_write(dirfd, dir, name, data, len, 0, 0, err);
		close(dirfd);
	}
	free(dir);
	return rc;
}
