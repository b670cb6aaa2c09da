/*
 * editor.c -- $EDITOR on a private file in memory-backed storage.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "editor.h"
#include "i18n.h"
#include "fsio.h"

#ifndef RAMFS_MAGIC
#define RAMFS_MAGIC 0x858458f6
#endif

static int
memory_backed(const char *dir)
{
	struct statfs sf;
	struct stat sb;

	if (dir == NULL || *dir != '/' || statfs(dir, &sf) != 0 ||
	    stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return 0;
	if (sf.f_type != TMPFS_MAGIC && sf.f_type != RAMFS_MAGIC)
		return 0;
	/* $XDG_RUNTIME_DIR must be the user's own; /dev/shm is sticky. */
	return sb.st_uid == geteuid() || (sb.st_mode & S_ISVTX);
}

const char *
avs_editor_dir(void)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	const char *shm = getenv("AVSLUT_SHM");	/* tests only */

	if (shm == NULL || *shm == '\0')
		shm = "/dev/shm";
	if (memory_backed(xdg))
		return xdg;
	if (memory_backed(shm))
		return shm;
	return NULL;
}

/* Wipe and remove everything in dir (the editor's swap files too). */
static void
wipe_dir(const char *dir)
{
	char zero[4096] = { 0 };
	struct dirent *de;
	struct stat sb;
	DIR *d;
	off_t left;
	int dfd, fd;

	if ((d = opendir(dir)) == NULL)
		return;
	dfd = dirfd(d);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		fd = openat(dfd, de->d_name, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode))
			for (left = sb.st_size; left > 0; ) {
				ssize_t n = write(fd, zero, left >
				    (off_t)sizeof(zero) ? sizeof(zero) :
				    (size_t)left);
				if (n <= 0)
					break;
				left -= n;
			}
		if (fd >= 0)
			close(fd);
		if (unlinkat(dfd, de->d_name, 0) != 0)
			unlinkat(dfd, de->d_name, AT_REMOVEDIR);
	}
	closedir(d);
	rmdir(dir);
}

static int
run_editor(const char *path, struct avs_err *err)
{
	const char *ed = getenv("VISUAL");
	struct sigaction ign, oint, oquit;
	char *cmd;
	pid_t pid;
	int st;

	if (ed == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = access("/usr/bin/editor", X_OK) == 0 ? "/usr/bin/editor" :
		    "vi";
	/* The editor may carry arguments ("emacs -nw"); the file name is
	 * passed as $1, never spliced into the command. */
	cmd = avs_xasprintf("%s \"$1\"", ed);
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &oint, NULL);
		sigaction(SIGQUIT, &oquit, NULL);
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	free(cmd);
	st = -1;
	while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	if (pid < 0)
		return avs_failerr(err, AVS_ERUN, _("cannot start the editor"));
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return avs_fail(err, AVS_ERUN, _("the editor failed (%s); the "
		    "answer is unchanged"), ed);
	return 0;
}

int
avs_edit(const char *initial, struct avs_buf *out, struct avs_err *err)
{
	const char *base = avs_editor_dir();
	char dir[4096], path[4200];
	mode_t old;
	int fd, rc;
	size_t n;

	if (base == NULL)
		return avs_fail(err, AVS_ERUN, _("no private memory-backed "
		    "directory for the editor ($XDG_RUNTIME_DIR or /dev/shm); "
		    "the answer is not written to disk"));
	snprintf(dir, sizeof(dir), "%s/avslut-XXXXXX", base);
	old = umask(077);
	if (mkdtemp(dir) == NULL) {
		umask(old);
		return avs_failerr(err, AVS_ERUN, "%s", base);
	}
	snprintf(path, sizeof(path), "%s/answer.txt", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	umask(old);
	if (fd < 0) {
		rc = avs_failerr(err, AVS_ERUN, "%s", path);
		goto done;
	}
	n = initial != NULL ? strlen(initial) : 0;
	if ((n > 0 && write(fd, initial, n) != (ssize_t)n) ||
	    (n > 0 && write(fd, "\n", 1) != 1)) {
		rc = avs_failerr(err, AVS_ERUN, "%s", path);
		close(fd);
		goto done;
	}
	close(fd);
	if ((rc = run_editor(path, err)) != 0)
		goto done;
	if ((rc = avs_read_file(path, 1024 * 1024, out, err)) != 0)
		goto done;
	while (out->len > 0 && (out->p[out->len - 1] == '\n' ||
	    out->p[out->len - 1] == '\r'))
		out->p[--out->len] = '\0';
done:
	wipe_dir(dir);
	return rc;
}
