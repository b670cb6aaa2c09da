/*
 * fsio.h -- reading whole files, atomic replacement of files and advisory
 * locks.
 *
 * Every file of the store is opened through avs_open_in(): a store
 * writer may have put a symbolic link, a FIFO or a device where a file
 * belongs, to redirect a write or to hang a reader, and neither works.
 * What the user names (--answers=FILE, --import=-, a question set by
 * path) is read with avs_read_file() and may be a pipe.
 *
 * Locks are POSIX record locks (fcntl F_SETLK): they work across machines
 * on NFS (lockd or NFSv4) and SMB/CIFS, unlike flock(2) on some systems,
 * and the kernel drops them when the holder dies, so no lock goes stale.
 */
#ifndef AVS_FSIO_H
#define AVS_FSIO_H

#include <stddef.h>
#include <sys/stat.h>

#include "util.h"

/* The temporaries of name are ".name" AVS_TMP_SUFFIX (a locked writer's)
 * and ".name" AVS_TMP_SUFFIX ".XXXXXX". */
#define AVS_TMP_SUFFIX ".tmp"

/*
 * Replace dir/name with data: a temporary ".name.tmp.XXXXXX" in the same
 * directory (O_EXCL, mode 0600), write, fsync, close, rename, and fsync
 * the directory unless nosync_dir (the caller syncs it later).  Any
 * failure unlinks the temporary and leaves dir/name as it was.  With
 * exclusive, an existing dir/name is an error (link instead of rename).
 */
int avs_atomic_write(int dirfd, const char *dirpath, const char *name,
    const void *data, size_t len, int exclusive, int nosync_dir,
    struct avs_err *err);
/*
 * The same for a file whose writer holds its lock (a record): the
 * temporary is always ".name.tmp", replacing one a crashed writer left,
 * so no directory scan is ever needed to clean up.
 */
int avs_atomic_write_locked(int dirfd, const char *dirpath, const char *name,
    const void *data, size_t len, int nosync_dir, struct avs_err *err);
/* Remove what a crashed locked writer of name left (caller holds the
 * lock): one unlink, no scan. */
void avs_remove_locked_temp(int dirfd, const char *name);
int avs_fsync_dir(int dirfd, const char *dirpath, struct avs_err *err);
/* Remove every leftover random temporary of name (a directory scan). */
void avs_remove_temps(int dirfd, const char *name);
/* Write what a user asked for (-o FILE: a report, a copy of a record)
 * to path, a name of their choosing, as avs_atomic_write() does: mode
 * 0600 whatever the umask, all or nothing, a file already there
 * replaced.  A path ending in "/", "." or ".." is AVS_EUSAGE. */
int avs_write_output(const char *path, const void *data, size_t len,
    struct avs_err *err);
/* Check before the work that avs_write_output() could write path: a
 * file name in a directory that exists. */
int avs_output_check(const char *path, struct avs_err *err);

/*
 * Open name in the directory dirfd (dirpath names it in messages; NULL
 * when name is a path of its own) as a regular file: never through a
 * symbolic link (O_NOFOLLOW), never a FIFO, device, socket or directory
 * (opened O_NONBLOCK, so that a FIFO cannot hang the open, then checked
 * with fstat), and, when opened for writing, never one with other hard
 * links.  The descriptor, blocking again, into *fd; with sb, its stat.
 * flags as open(2) (O_CLOEXEC and O_NOCTTY are added); O_CREAT makes
 * the file 0600.  Else AVS_ERUN naming the file and why.
 */
int avs_open_in(int dirfd, const char *dirpath, const char *name, int flags,
    int *fd, struct stat *sb, struct avs_err *err);
/* Whether dir has an entry name, of any kind (a symbolic link is not
 * followed). */
int avs_exists_in(int dirfd, const char *name);
/* Open the directory name in dirfd, not through a symbolic link. */
int avs_open_dir_in(int dirfd, const char *dirpath, const char *name,
    int *fd, struct avs_err *err);
/* Read fd to its end, at most max bytes (else AVS_EUSAGE), into a
 * secure buffer; dirpath and name name it in messages. */
int avs_read_fd(int fd, const char *dirpath, const char *name, size_t max,
    struct avs_buf *out, struct avs_err *err);
/* Read a whole regular file of a directory (avs_open_in()), at most max
 * bytes (else AVS_EUSAGE), into a secure buffer; with sb, its stat. */
int avs_read_in(int dirfd, const char *dirpath, const char *name, size_t max,
    struct avs_buf *out, struct stat *sb, struct avs_err *err);

struct avs_lock;

/* Take the exclusive lock dir/name, creating the file.  With wait 0 a
 * held lock fails at once with AVS_EPOLICY and a message that names the
 * lock file and its holder.  what describes the holder for others. */
int avs_lock(int dirfd, const char *dirpath, const char *name, int wait,
    const char *what, struct avs_lock **out, struct avs_err *err);
/* Release; with remove, unlink the lock file first (only when the thing
 * it guards is gone). */
void avs_unlock(struct avs_lock *l, int remove);

/* Read a whole file the user named, whatever it is (a pipe too), at
 * most max bytes (else AVS_EUSAGE), into a secure buffer. */
int avs_read_file(const char *path, size_t max, struct avs_buf *out,
    struct avs_err *err);

/* Append one line to dir/name under a lock, and fsync it; a new (empty)
 * file gets head first (head may be NULL). */
int avs_append_line(int dirfd, const char *dirpath, const char *name,
    const char *head, const char *line, size_t len, struct avs_err *err);

#endif
