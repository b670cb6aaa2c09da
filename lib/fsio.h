/*
 * fsio.h -- reading whole files, atomic replacement of files and advisory
 * locks.
 *
 * Locks are POSIX record locks (fcntl F_SETLK): they work across machines
 * on NFS (lockd or NFSv4) and SMB/CIFS, unlike flock(2) on some systems,
 * and the kernel drops them when the holder dies, so no lock goes stale.
 */
#ifndef AVS_FSIO_H
#define AVS_FSIO_H

#include <stddef.h>

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

struct avs_lock;

/* Take the exclusive lock dir/name, creating the file.  With wait 0 a
 * held lock fails at once with AVS_EPOLICY and a message that names the
 * lock file and its holder.  what describes the holder for others. */
int avs_lock(int dirfd, const char *dirpath, const char *name, int wait,
    const char *what, struct avs_lock **out, struct avs_err *err);
/* Release; with remove, unlink the lock file first (only when the thing
 * it guards is gone). */
void avs_unlock(struct avs_lock *l, int remove);

/* Read a whole file (at most max bytes, else AVS_EUSAGE) into a secure
 * buffer. */
int avs_read_file(const char *path, size_t max, struct avs_buf *out,
    struct avs_err *err);

/* Append one line to dir/name under a lock, and fsync it. */
int avs_append_line(int dirfd, const char *dirpath, const char *name,
    const char *line, size_t len, struct avs_err *err);

#endif
