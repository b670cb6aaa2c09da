/*
 * util.c -- errors, messages, memory, strings and the secure buffer.
 */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

const char *avs_progname = "avslut";

int
avs_vfail(struct avs_err *err, int status, const char *fmt, va_list ap)
{
	if (err != NULL) {
		err->status = status;
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	}
	return status;
}

int
avs_fail(struct avs_err *err, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	avs_vfail(err, status, fmt, ap);
	va_end(ap);
	return status;
}

int
avs_failerr(struct avs_err *err, int status, const char *fmt, ...)
{
	int saved = errno;
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	avs_vfail(err, status, fmt, ap);
	va_end(ap);
	if (err != NULL) {
		n = strlen(err->msg);
		snprintf(err->msg + n, sizeof(err->msg) - n, ": %s",
		    strerror(saved));
	}
	errno = saved;
	return status;
}

void
avs_init_program(const char *argv0)
{
	const char *p, *dir;

	if (argv0 != NULL && *argv0 != '\0') {
		p = strrchr(argv0, '/');
		avs_progname = p != NULL ? p + 1 : argv0;
	}
	umask(077);
	setlocale(LC_ALL, "");
	dir = getenv("AVSLUT_LOCALEDIR");
	bindtextdomain(AVS_TEXTDOMAIN, dir != NULL && *dir != '\0' ?
	    dir : LOCALEDIR);
	bind_textdomain_codeset(AVS_TEXTDOMAIN, "UTF-8");
	textdomain(AVS_TEXTDOMAIN);
}

void
avs_harden(void)
{
	struct rlimit rl = { 0, 0 };

	setrlimit(RLIMIT_CORE, &rl);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

void
avs_hold_signals(int hold, sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGQUIT);
	sigprocmask(hold ? SIG_BLOCK : SIG_SETMASK, hold ? &set : old,
	    hold ? old : NULL);
}

void
avs_warnx(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", avs_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
avs_usage_error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", avs_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, _(" (see %s --help)\n"), avs_progname);
	return AVS_EUSAGE;
}

int
avs_bad_option(int ch, char *const argv[])
{
	const char *arg = optind > 0 ? argv[optind - 1] : "?";
	char name[64];

	/* A long option is named as given (without its value); for a short
	 * one argv[optind - 1] may be a cluster: name the letter. */
	if (strncmp(arg, "--", 2) == 0)
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(arg, "="),
		    arg);
	else if (optopt > ' ' && optopt < 127)
		snprintf(name, sizeof(name), "-%c", optopt);
	else
		snprintf(name, sizeof(name), "%.60s", arg);
	if (ch == ':')
		return avs_usage_error(_("option %s needs a value"), name);
	/* getopt_long sets optopt for a long option it knows: then what was
	 * wrong is the value given to an option that takes none. */
	if (strncmp(arg, "--", 2) == 0 && optopt != 0 && strchr(arg, '=') != NULL)
		return avs_usage_error(_("option %s takes no value"), name);
	return avs_usage_error(_("unknown option %s"), name);
}

int
avs_report(const struct avs_err *err)
{
	avs_warnx("%s", err->msg);
	return err->status != 0 ? err->status : AVS_ERUN;
}

int
avs_close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		if (errno == EPIPE)
			return AVS_ERUN;
		avs_warnx(_("cannot write standard output: %s"),
		    strerror(errno));
		return AVS_ERUN;
	}
	return AVS_OK;
}

static void
oom(void)
{
	/* No gettext here: it may allocate. */
	fprintf(stderr, "%s: out of memory\n", avs_progname);
	exit(AVS_ERUN);
}

void *
avs_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
avs_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
avs_xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		oom();
	p = realloc(p, n * size != 0 ? n * size : 1);
	if (p == NULL)
		oom();
	return p;
}

char *
avs_xstrdup(const char *s)
{
	return avs_xstrndup(s, strlen(s));
}

char *
avs_xstrndup(const char *s, size_t n)
{
	char *p = avs_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
avs_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		oom();
	va_end(ap);
	return s;
}

void
avs_wipe(void *p, size_t n)
{
	if (p != NULL && n > 0)
		explicit_bzero(p, n);
}

void
avs_sfree(char *s)
{
	if (s != NULL) {
		avs_wipe(s, strlen(s));
		free(s);
	}
}

static void
buf_grow(struct avs_buf *b, size_t need)
{
	size_t cap;
	char *p;

	if (need < b->cap)
		return;
	if (need >= SIZE_MAX / 2)
		oom();
	cap = b->cap ? b->cap : 256;
	while (cap <= need)
		cap *= 2;
	/* Not realloc: the old block must be wiped before it is freed. */
	p = avs_xmalloc(cap);
	if (b->p != NULL) {
		memcpy(p, b->p, b->len);
		avs_wipe(b->p, b->cap);
		free(b->p);
	}
	b->p = p;
	b->cap = cap;
}

void
avs_buf_add(struct avs_buf *b, const void *data, size_t n)
{
	buf_grow(b, b->len + n + 1);
	if (n > 0)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
avs_buf_adds(struct avs_buf *b, const char *s)
{
	avs_buf_add(b, s, strlen(s));
}

void
avs_buf_addc(struct avs_buf *b, char c)
{
	avs_buf_add(b, &c, 1);
}

void
avs_buf_printf(struct avs_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	buf_grow(b, b->len + (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
avs_buf_reset(struct avs_buf *b)
{
	avs_wipe(b->p, b->cap);
	b->len = 0;
}

void
avs_buf_free(struct avs_buf *b)
{
	avs_wipe(b->p, b->cap);
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

char *
avs_buf_take(struct avs_buf *b)
{
	char *s;

	if (b->p == NULL)
		return avs_xstrdup("");
	s = b->p;
	b->p = NULL;
	b->len = b->cap = 0;
	return s;
}

int
avs_streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

int
avs_isempty(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

int
avs_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k, len;
	uint32_t cp;

	while (i < n) {
		if (p[i] == 0)
			return 0;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((p[i] & 0xe0) == 0xc0) {
			len = 2;
			cp = p[i] & 0x1f;
		} else if ((p[i] & 0xf0) == 0xe0) {
			len = 3;
			cp = p[i] & 0x0f;
		} else if ((p[i] & 0xf8) == 0xf0) {
			len = 4;
			cp = p[i] & 0x07;
		} else
			return 0;
		if (i + len > n)
			return 0;
		for (k = 1; k < len; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
		    (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += len;
	}
	return 1;
}

int
avs_lookup(const char *const *list, const char *s)
{
	int i;

	if (s == NULL)
		return -1;
	for (i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

const char *
avs_join(const char *const *list, const char *sep, char *buf, size_t n)
{
	size_t len = 0;
	int i;

	if (n == 0)
		return buf;
	buf[0] = '\0';
	for (i = 0; list[i] != NULL && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s",
		    i > 0 ? sep : "", list[i]);
	return buf;
}

const char *
avs_username(void)
{
	static char name[64];
	struct passwd *pw;
	const char *s;

	if (name[0] != '\0')
		return name;
	pw = getpwuid(geteuid());
	s = pw != NULL ? pw->pw_name : NULL;
	if (s == NULL || *s == '\0')
		snprintf(name, sizeof(name), "uid%ld", (long)geteuid());
	else
		snprintf(name, sizeof(name), "%s", s);
	return name;
}
