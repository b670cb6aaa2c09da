/* Unit tests: lib/editor.c -- which editors are told to keep nothing
 * (vim, nvim, vi when it is vim; not nano, not a vi that is not vim), and
 * what avs_edit() leaves behind (nothing). */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "editor.h"
#include "fsio.h"
#include "tap.h"
#include "util.h"

static char bin[PATH_MAX], args[PATH_MAX + 8];

/* A fake editor named name in bin/: it notes its arguments, one a line,
 * and writes "edited" into the file (its last argument). */
static void
fake(const char *name)
{
	char path[PATH_MAX + 64];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", bin, name);
	f = fopen(path, "w");
	fprintf(f, "#!/bin/sh\nfor a; do printf '%%s\\n' \"$a\"; done >%s\n"
	    "for f; do :; done\nprintf 'edited\\n' >\"$f\"\n", args);
	fclose(f);
	chmod(path, 0700);
}

static void
link_as(const char *target, const char *name)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", bin, name);
	unlink(path);
	if (symlink(target, path) != 0)
		perror(path);
}

/* Run avs_edit with EDITOR=editor: 1 when vim's flags were given. */
static int
flags_for(const char *editor)
{
	struct avs_buf out = AVS_BUF_INIT, a = AVS_BUF_INIT;
	struct avs_err err = AVS_ERR_INIT;
	int rc, got;

	setenv("EDITOR", editor, 1);
	unlink(args);
	rc = avs_edit("initial", &out, &err);
	if (!ok(rc == 0, "%s: edited", editor))
		printf("#   %s\n", err.msg);
	is_str(out.p, "edited", "%s: the answer as written", editor);
	if (avs_read_in(AT_FDCWD, NULL, args, 4096, &a, NULL, &err) != 0)
		return -1;
	got = strstr(a.p, "-n\n-i\nNONE\n--cmd\nset nobackup nowritebackup "
	    "noundofile noswapfile viminfo=\n-c\nset nobackup nowritebackup "
	    "noundofile noswapfile viminfo=\n") != NULL;
	avs_buf_free(&a);
	avs_buf_free(&out);
	return got;
}

static int
empty_dir(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	while (d != NULL && (de = readdir(d)) != NULL)
		n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
	if (d != NULL)
		closedir(d);
	return d != NULL && n == 0;
}

int
main(void)
{
	char shm[] = "/dev/shm/t-editor.XXXXXX", tmp[] = "/tmp/t-editor.XXXXXX";
	char path[PATH_MAX * 2];

	if (mkdtemp(shm) == NULL || mkdtemp(tmp) == NULL) {
		printf("1..0 # SKIP no /dev/shm\n");
		return 0;
	}
	snprintf(bin, sizeof(bin), "%s/bin", tmp);
	snprintf(args, sizeof(args), "%s/args", tmp);
	mkdir(bin, 0700);
	snprintf(path, sizeof(path), "%s:/usr/bin:/bin", bin);
	setenv("PATH", path, 1);
	setenv("AVSLUT_SHM", shm, 1);
	unsetenv("XDG_RUNTIME_DIR");
	unsetenv("VISUAL");

	fake("vim");
	fake("nvim");
	fake("nano");
	fake("nvi");
	is_int(flags_for("vim"), 1, "vim gets the flags");
	is_int(flags_for("nvim"), 1, "nvim gets the flags");
	snprintf(path, sizeof(path), "%s/vim", bin);
	is_int(flags_for(path), 1, "vim by its path gets the flags");
	is_int(flags_for("nano"), 0, "nano does not");
	link_as("vim", "vi");
	is_int(flags_for("vi"), 1, "vi that is vim gets the flags");
	link_as("vim", "editor");
	snprintf(path, sizeof(path), "%s/editor", bin);
	is_int(flags_for(path), 1, "an editor path that resolves to vim too");
	link_as("nvi", "vi");
	is_int(flags_for("vi"), 0, "vi that is nvi does not");
	is_int(flags_for("vim -c startinsert"), 1,
	    "vim with arguments of the user's own still gets them");
	ok(empty_dir(shm), "nothing is left in the editor's place");

	snprintf(path, sizeof(path), "rm -rf '%s' '%s'", shm, tmp);
	if (system(path) != 0)
		printf("# could not remove %s, %s\n", shm, tmp);
	return tap_done();
}
