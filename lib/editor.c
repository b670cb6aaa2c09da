/*
 * editor.c -- $EDITOR on a private file in memory-backed storage.
 *
 * No plaintext outlives a crash.  The editor's file lives in a directory
 * of its own, "avslut-PID-XXXXXX" under $XDG_RUNTIME_DIR or /dev/shm,
 * named by the process that made it:
 *   - when the editor returns, everything in it is overwritten, unlinked
 *     and the directory removed;
 *   - SIGTERM or SIGHUP meanwhile is held (avs_edit_defer(), called by
 *     the program's handler), the editor is ended, the directory wiped,
 *     and only then is the signal delivered again;
 *   - after SIGKILL, or a power cut of a machine whose /dev/shm outlives
 *     it, the next start of any tool wipes the directories of this user
 *     whose process is gone (avs_editor_sweep()), and with them the
 *     throwaway keyrings ("avslut-keys-PID-XXXXXX", crypto.c) of
 *     purges that did not end.
 * vi-family editors are started without swap, backup or undo files and
 * without viminfo, as pass(1) and gopass do: they would keep the text
 * beside the file or in $HOME.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "editor.h"
#include "i18n.h"
#include "fsio.h"

#ifndef RAMFS_MAGIC
#define RAMFS_MAGIC 0x858458f6
#endif

#define PREFIX "avslut-"
#define KEYS "keys-"
#define ANSWER "answer.txt"
/* What vi-family editors are told: no swap file (-n), no viminfo
 * (-i NONE), and neither before the user's vimrc (--cmd) nor after it
 * (-c) a backup, undo or swap file or a viminfo.  vim.tiny, vim and
 * nvim all take these. */
#define VIM_SET "set nobackup nowritebackup noundofile noswapfile viminfo="
#define VIM_FLAGS "-n -i NONE --cmd '" VIM_SET "' -c '" VIM_SET "'"

static volatile sig_atomic_t editing;	/* between mkdtemp and the wipe */
static volatile sig_atomic_t deferred;	/* a signal that came meanwhile */

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

static const char *
shm_dir(void)
{
	const char *shm = getenv("AVSLUT_SHM");	/* tests only */

	return shm != NULL && *shm != '\0' ? shm : "/dev/shm";
}

const char *
avs_editor_dir(void)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");

	if (memory_backed(xdg))
		return xdg;
	if (memory_backed(shm_dir()))
		return shm_dir();
	return NULL;
}

/* Overwrite a regular file with zeros (a link or anything else is only
 * unlinked, never written through). */
static void
overwrite(int dfd, const char *name)
{
	static const char zero[4096];
	struct stat sb;
	off_t left;
	ssize_t n;
	int fd;

	if (avs_open_in(dfd, NULL, name, O_WRONLY, &fd, &sb, NULL) != 0)
		return;
	for (left = sb.st_size; left > 0; left -= n) {
		n = write(fd, zero, left > (off_t)sizeof(zero) ? sizeof(zero) :
		    (size_t)left);
		if (n <= 0)
			break;
	}
	fdatasync(fd);
	close(fd);
}

/* Wipe and remove everything in base/name (the editor's own files too),
 * then the directory. */
static void
wipe_dir(int basefd, const char *name)
{
	struct dirent *de;
	DIR *d;
	int dfd;

	if (avs_open_dir_in(basefd, NULL, name, &dfd, NULL) != 0)
		return;
	if ((d = fdopendir(dfd)) == NULL) {
		close(dfd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		overwrite(dfd, de->d_name);
		if (unlinkat(dfd, de->d_name, 0) != 0)
			unlinkat(dfd, de->d_name, AT_REMOVEDIR);
	}
	closedir(d);
	unlinkat(basefd, name, AT_REMOVEDIR);
}

/* The pid in a directory name "avslut-PID-XXXXXX" (an editor's) or
 * "avslut-keys-PID-XXXXXX" (a throwaway keyring), else 0. */
static pid_t
owner_pid(const char *name)
{
	const char *p = name + sizeof(PREFIX) - 1;
	char *end;
	long pid;

	if (strncmp(name, PREFIX, sizeof(PREFIX) - 1) != 0)
		return 0;
	if (strncmp(p, KEYS, sizeof(KEYS) - 1) == 0)
		p += sizeof(KEYS) - 1;
	if (*p < '1' || *p > '9')
		return 0;
	errno = 0;
	pid = strtol(p, &end, 10);
	if (errno != 0 || *end != '-' || strlen(end + 1) != 6 || pid <= 0 ||
	    (pid_t)pid != pid)
		return 0;
	return (pid_t)pid;
}

/* Seconds since the epoch at which process pid started, from
 * /proc/PID/stat (its 22nd field, in clock ticks after boot); 0 when
 * unknown; -1 when it is a zombie (it has ended). */
static long long
started(pid_t pid)
{
	char path[64], line[1024], *p;
	long long ticks, btime = 0;
	long hz = sysconf(_SC_CLK_TCK);
	FILE *f;
	int i, ok;

	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	if ((f = fopen(path, "re")) == NULL)
		return 0;
	ok = fgets(line, sizeof(line), f) != NULL;
	fclose(f);
	/* "pid (comm) S ...": comm may hold anything, so from the last ')'. */
	if (!ok || (p = strrchr(line, ')')) == NULL)
		return 0;
	if (p[1] == ' ' && p[2] == 'Z')
		return -1;
	for (i = 0; i < 20 && p != NULL; i++)
		p = strchr(p + 1, ' ');
	if (p == NULL || sscanf(p, " %lld", &ticks) != 1 || hz <= 0)
		return 0;
	if ((f = fopen("/proc/stat", "re")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "btime %lld", &btime) == 1)
			break;
	fclose(f);
	return btime > 0 ? btime + ticks / hz : 0;
}

/* Has the process that made a directory last changed at mtime ended?
 * Gone, a zombie, or a newer process under the same pid.  Any doubt
 * (another user's process, /proc unreadable) counts as alive. */
static int
process_gone(pid_t pid, time_t mtime)
{
	long long t;

	if (kill(pid, 0) != 0)
		return errno == ESRCH;
	if ((t = started(pid)) < 0)
		return 1;
	/* A few seconds' grace for the rounding of both clocks. */
	return t > 0 && t > (long long)mtime + 2;
}

static void
sweep(const char *base)
{
	struct dirent *de;
	struct stat sb;
	DIR *d;
	pid_t pid;
	int bfd;

	if (!memory_backed(base) || (d = opendir(base)) == NULL)
		return;
	bfd = dirfd(d);
	while ((de = readdir(d)) != NULL) {
		if ((pid = owner_pid(de->d_name)) == 0 || pid == getpid() ||
		    fstatat(bfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISDIR(sb.st_mode) || sb.st_uid != geteuid())
			continue;
		if (process_gone(pid, sb.st_mtime))
			wipe_dir(bfd, de->d_name);
	}
	closedir(d);
}

void
avs_editor_sweep(void)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");

	sweep(shm_dir());
	if (xdg != NULL && strcmp(xdg, shm_dir()) != 0)
		sweep(xdg);
}

int
avs_edit_defer(int sig)
{
	if (!editing)
		return 0;
	deferred = sig;
	return 1;
}

/* Is the program path (a name looked up in $PATH, or a path) one of the
 * vi family that takes VIM_FLAGS: vim or nvim by its own name, or vi
 * and the like when the file it resolves to is vim or nvim? */
static int
vim_name(const char *path)
{
	const char *b = strrchr(path, '/');

	b = b != NULL ? b + 1 : path;
	return strcmp(b, "vim") == 0 || strcmp(b, "nvim") == 0 ||
	    strncmp(b, "vim.", 4) == 0 || strncmp(b, "nvim.", 5) == 0;
}

static int
is_vim(const char *ed)
{
	char word[PATH_MAX], real[PATH_MAX], *cand;
	const char *path = getenv("PATH"), *p, *e;
	size_t n = strcspn(ed, " \t");
	int found = 0;

	if (n == 0 || n >= sizeof(word))
		return 0;
	memcpy(word, ed, n);
	word[n] = '\0';
	if (vim_name(word))
		return 1;
	if (strchr(word, '/') != NULL)
		return realpath(word, real) != NULL && vim_name(real);
	for (p = path != NULL ? path : "/usr/bin:/bin"; !found; p = e + 1) {
		e = strchr(p, ':');
		cand = avs_xasprintf("%.*s/%s", (int)(e != NULL ?
		    (size_t)(e - p) : strlen(p)), p, word);
		if (access(cand, X_OK) == 0)
			found = realpath(cand, real) != NULL && vim_name(real) ?
			    2 : 1;
		free(cand);
		if (e == NULL)
			break;
	}
	return found == 2;
}

/* End the editor (a signal came for us) and reap it. */
static void
end_editor(pid_t pid)
{
	struct timespec tick = { 0, 20 * 1000 * 1000 };
	int i, st;

	kill(pid, SIGTERM);
	for (i = 0; i < 100; i++) {
		if (waitpid(pid, &st, WNOHANG) != 0)
			return;
		nanosleep(&tick, NULL);
	}
	kill(pid, SIGKILL);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
}

static int
run_editor(const char *path, struct avs_err *err)
{
	const char *ed = getenv("VISUAL");
	struct sigaction ign, oint, oquit;
	struct timespec tick = { 0, 50 * 1000 * 1000 };
	char *cmd;
	pid_t pid, r;
	int st;

	if (ed == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = access("/usr/bin/editor", X_OK) == 0 ? "/usr/bin/editor" :
		    "vi";
	/* The editor may carry arguments ("emacs -nw"); the file name is
	 * passed as $1, never spliced into the command.  exec: the shell
	 * becomes the editor, which is then the one end_editor() ends. */
	cmd = avs_xasprintf("exec %s%s \"$1\"", ed, is_vim(ed) ? " " VIM_FLAGS :
	    "");
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
	/* Wait, and look now and then for a signal held for us. */
	st = -1;
	while (pid > 0 && !deferred &&
	    ((r = waitpid(pid, &st, WNOHANG)) == 0 ||
	    (r < 0 && errno == EINTR)))
		nanosleep(&tick, NULL);
	if (pid > 0 && deferred)
		end_editor(pid);
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	if (pid < 0)
		return avs_failerr(err, AVS_ERUN, _("cannot start the editor"));
	if (deferred || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return avs_fail(err, AVS_ERUN, _("the editor failed (%s); the "
		    "answer is unchanged"), ed);
	return 0;
}

/* Make the private directory dir (at most len bytes) under base, open
 * into *dfd, with the file holding initial (and a newline) in it. */
static int
prepare(const char *base, const char *initial, char *dir, size_t len,
    int *dfd, struct avs_err *err)
{
	mode_t old;
	size_t n = initial != NULL ? strlen(initial) : 0;
	int fd, rc = 0;

	snprintf(dir, len, "%s/" PREFIX "%ld-XXXXXX", base, (long)getpid());
	old = umask(077);
	if (mkdtemp(dir) == NULL) {
		umask(old);
		*dir = '\0';
		return avs_failerr(err, AVS_ERUN, "%s", base);
	}
	umask(old);
	if (avs_open_dir_in(AT_FDCWD, NULL, dir, dfd, err) != 0)
		return AVS_ERUN;
	fd = openat(*dfd, ANSWER, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (fd < 0)
		return avs_failerr(err, AVS_ERUN, "%s/" ANSWER, dir);
	if ((n > 0 && write(fd, initial, n) != (ssize_t)n) ||
	    (n > 0 && write(fd, "\n", 1) != 1))
		rc = avs_failerr(err, AVS_ERUN, "%s/" ANSWER, dir);
	if (close(fd) != 0 && rc == 0)
		rc = avs_failerr(err, AVS_ERUN, "%s/" ANSWER, dir);
	return rc;
}

/* Wipe the private directory dir under base. */
static void
wipe(const char *base, const char *dir)
{
	int bfd;

	if (*dir == '\0' || (bfd = open(base, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) < 0)
		return;
	wipe_dir(bfd, strrchr(dir, '/') + 1);
	close(bfd);
}

int
avs_edit(const char *initial, struct avs_buf *out, struct avs_err *err)
{
	const char *base = avs_editor_dir();
	char dir[PATH_MAX], path[PATH_MAX + sizeof(ANSWER)];
	int dfd = -1, rc, sig;

	if (base == NULL)
		return avs_fail(err, AVS_ERUN, _("no private memory-backed "
		    "directory for the editor ($XDG_RUNTIME_DIR or /dev/shm); "
		    "the answer is not written to disk"));
	if (strlen(base) + 32 > sizeof(dir))
		return avs_fail(err, AVS_ERUN, "%s: %s", base,
		    strerror(ENAMETOOLONG));
	/* From here to the wipe, SIGTERM and SIGHUP wait for us. */
	deferred = 0;
	editing = 1;
	if ((rc = prepare(base, initial, dir, sizeof(dir), &dfd, err)) != 0)
		goto done;
	snprintf(path, sizeof(path), "%s/" ANSWER, dir);
	if ((rc = run_editor(path, err)) != 0 ||
	    (rc = avs_read_in(dfd, dir, ANSWER, 1024 * 1024, out, NULL,
	    err)) != 0)
		goto done;
	while (out->len > 0 && (out->p[out->len - 1] == '\n' ||
	    out->p[out->len - 1] == '\r'))
		out->p[--out->len] = '\0';
done:
	if (dfd >= 0)
		close(dfd);
	wipe(base, dir);
	editing = 0;
	if ((sig = deferred) != 0) {
		/* Wiped: now the signal may do what it does. */
		deferred = 0;
		avs_buf_free(out);
		raise(sig);
	}
	return rc;
}
