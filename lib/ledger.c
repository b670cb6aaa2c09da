/*
 * ledger.c -- the verifier's own record of a store (ledger.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsio.h"
#include "hash.h"
#include "i18n.h"
#include "ledger.h"

struct avs_ledger {
	char *dir, *file;	/* the ledger's directory and name */
	char **ids;		/* as loaded */
	int *states;
	char **digests;		/* "" when none */
	size_t n;
	struct avs_buf next;	/* what is noted, to save */
};

/* $XDG_STATE_HOME/avslut/ledger, made (with its parents) when missing. */
static char *
ledger_dir(void)
{
	const char *s = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char *base;

	if (s != NULL && *s == '/')
		base = avs_xstrdup(s);
	else
		base = avs_xasprintf("%s/.local/state", home != NULL &&
		    *home != '\0' ? home : "/nonexistent");
	return base;
}

static int
mkdirs(const char *path)
{
	char *p = avs_xstrdup(path), *q;
	int rc = 0;

	for (q = p + 1; rc == 0 && *q != '\0'; q++)
		if (*q == '/') {
			*q = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST)
				rc = -1;
			*q = '/';
		}
	if (rc == 0 && mkdir(p, 0700) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

/* The lines "ID STATE [DIGEST]" of text (NUL-terminated, cut up here)
 * into l; a line that is not one is passed over. */
static void
ledger_parse(struct avs_ledger *l, char *text)
{
	char id[AVS_IDLEN + 1], state[16], sum[80], *line, *save = NULL;
	int s;

	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		sum[0] = '\0';
		if (sscanf(line, "%12s %15s %79s", id, state, sum) < 2 ||
		    !avs_id_valid(id) ||
		    (s = avs_lookup(avs_state_names, state)) < 0)
			continue;
		l->states = avs_xreallocarray(l->states, l->n + 1,
		    sizeof(*l->states));
		l->states[l->n] = s;
		l->digests = avs_xreallocarray(l->digests, l->n + 1,
		    sizeof(*l->digests));
		l->digests[l->n] = avs_xstrdup(sum);
		avs_strv_add(&l->ids, &l->n, id);
	}
}

int
avs_ledger_load(const char *dir, struct avs_ledger **out,
    struct avs_err *err)
{
	struct avs_ledger *l = avs_xcalloc(1, sizeof(*l));
	struct avs_buf data = AVS_BUF_INIT;
	char *real = realpath(dir, NULL), *base, *path;
	char hex[AVS_SHA256_HEX];
	int rc = 0;

	*out = NULL;
	if (real == NULL)
		real = avs_xstrdup(dir);
	avs_sha256_hex(real, strlen(real), hex);
	free(real);
	base = ledger_dir();
	l->dir = avs_xasprintf("%s/avslut/ledger", base);
	free(base);
	l->file = avs_xstrdup(hex);
	l->ids = avs_xcalloc(1, sizeof(*l->ids));
	path = avs_xasprintf("%s/%s", l->dir, l->file);
	if (access(path, F_OK) == 0 &&
	    (rc = avs_read_file(path, 64 * 1024 * 1024, &data, err)) == 0 &&
	    data.p != NULL)
		ledger_parse(l, data.p);
	free(path);
	avs_buf_free(&data);
	if (rc != 0) {
		avs_ledger_free(l);
		return rc;
	}
	*out = l;
	return 0;
}

struct avs_ledger *
avs_ledger_parse(const void *data, size_t len)
{
	struct avs_ledger *l = avs_xcalloc(1, sizeof(*l));
	char *text = avs_xmalloc(len + 1);

	memcpy(text, data, len);
	text[len] = '\0';
	l->ids = avs_xcalloc(1, sizeof(*l->ids));
	ledger_parse(l, text);
	free(text);
	return l;
}

const struct avs_buf *
avs_ledger_noted(const struct avs_ledger *l)
{
	return &l->next;
}

int
avs_ledger_state(const struct avs_ledger *l, const char *id)
{
	int i = avs_lookup((const char *const *)l->ids, id);

	return i < 0 ? -1 : l->states[i];
}

const char *
avs_ledger_digest(const struct avs_ledger *l, const char *id)
{
	int i = avs_lookup((const char *const *)l->ids, id);

	return i < 0 || l->digests[i][0] == '\0' ? NULL : l->digests[i];
}

char *const *
avs_ledger_ids(const struct avs_ledger *l)
{
	return l->ids;
}

void
avs_ledger_note(struct avs_ledger *l, const char *id, enum avs_state s,
    const char *digest)
{
	avs_buf_printf(&l->next, "%s %s%s%s\n", id, avs_state_names[s],
	    digest != NULL ? " " : "", digest != NULL ? digest : "");
}

int
avs_ledger_save(struct avs_ledger *l, struct avs_err *err)
{
	int fd, rc;

	if (mkdirs(l->dir) != 0)
		return avs_failerr(err, AVS_ERUN, "%s", l->dir);
	if ((fd = open(l->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0)
		return avs_failerr(err, AVS_ERUN, "%s", l->dir);
	rc = avs_atomic_write(fd, l->dir, l->file, l->next.p != NULL ?
	    l->next.p : "", l->next.len, 0, 0, err);
	close(fd);
	return rc;
}

void
avs_ledger_free(struct avs_ledger *l)
{
	size_t i;

	if (l == NULL)
		return;
	free(l->dir);
	free(l->file);
	for (i = 0; i < l->n; i++)
		free(l->digests[i]);
	free(l->digests);
	avs_strv_free(l->ids);
	free(l->states);
	avs_buf_free(&l->next);
	free(l);
}
