/*
 * util.c -- errors, memory, strings and the secure buffer.
 */
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

const char *avs_progname = "avslut";

int
avs_worse(int a, int b)
{
	/* Rank of each status, 0 to 4. */
	static const int rank[] = { 0, 3, 2, 1, 4 };

	if (a < 0 || a > AVS_EINTEGRITY)
		a = AVS_ERUN;
	if (b < 0 || b > AVS_EINTEGRITY)
		b = AVS_ERUN;
	return rank[a] >= rank[b] ? a : b;
}

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
avs_hold_signals(int hold, sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGQUIT);
	/* Only this thread's mask: the report's worker threads run gpg too,
	 * and a process-wide sigprocmask is unspecified with threads. */
	pthread_sigmask(hold ? SIG_BLOCK : SIG_SETMASK, hold ? &set : old,
	    hold ? old : NULL);
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

size_t
avs_utf8_decode(const char *s, size_t n, unsigned long *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len, i;
	unsigned long c;

	if (n == 0)
		return 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xe0) == 0xc0) {
		len = 2;
		c = p[0] & 0x1f;
	} else if ((p[0] & 0xf0) == 0xe0) {
		len = 3;
		c = p[0] & 0x0f;
	} else if ((p[0] & 0xf8) == 0xf0) {
		len = 4;
		c = p[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
	    (len == 4 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

int
avs_utf8_valid(const char *s, size_t n)
{
	unsigned long cp;
	size_t i, len;

	for (i = 0; i < n; i += len)
		if ((len = avs_utf8_decode(s + i, n - i, &cp)) == 0 || cp == 0)
			return 0;
	return 1;
}

int
avs_ident_valid(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 40)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		    (s[i] == '-' && i > 0)))
			return 0;
	return 1;
}

int
avs_fpr_parse(const char *s, char *out)
{
	size_t i;

	if (s == NULL || strlen(s) != AVS_FPRLEN)
		return -1;
	for (i = 0; i < AVS_FPRLEN; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return -1;
		out[i] = (char)toupper((unsigned char)s[i]);
	}
	out[AVS_FPRLEN] = '\0';
	return 0;
}

char **
avs_strv_dup(const char *const *v)
{
	size_t n = 0, i;
	char **out;

	while (v[n] != NULL)
		n++;
	out = avs_xcalloc(n + 1, sizeof(*out));
	for (i = 0; i < n; i++)
		out[i] = avs_xstrdup(v[i]);
	return out;
}

void
avs_strv_add(char ***v, size_t *n, const char *s)
{
	*v = avs_xreallocarray(*v, *n + 2, sizeof(**v));
	(*v)[(*n)++] = avs_xstrdup(s);
	(*v)[*n] = NULL;
}

void
avs_strv_free(char **v)
{
	char **p;

	for (p = v; p != NULL && *p != NULL; p++)
		avs_sfree(*p);
	free(v);
}

int
avs_lookup(const char *const *list, const char *s)
{
	int i;

	if (s == NULL || list == NULL)
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
