/*
 * util.h -- errors, memory, strings and the secure buffer.
 *
 * Error policy of the whole library: a function that can fail takes a
 * struct avs_err * as its last argument and returns 0 on success or one
 * of the exit statuses below, with a one-line, already translated message
 * in err->msg.  The library never exits and never prints, with one
 * exception: running out of memory aborts through avs_xmalloc() & co.
 * Only cmd/ prints messages and chooses to exit, through the two modules
 * that own the process and the terminal for it: cli.h (messages, --help,
 * exit statuses) and askui.h (the interview dialogue).
 *
 * Nothing personal (names, answers, units) ever goes into err->msg: the
 * message names the file, record id, key or line, never the content.
 */
#ifndef AVS_UTIL_H
#define AVS_UTIL_H

#include <signal.h>
#include <stdarg.h>
#include <stddef.h>

/* Exit statuses, identical in all five binaries (SPEC.md section 5). */
enum {
	AVS_OK = 0,
	AVS_ERUN = 1,		/* run time: I/O, crypto, not found, key missing */
	AVS_EUSAGE = 2,		/* usage error or invalid input */
	AVS_EPOLICY = 3,	/* refused by policy */
	AVS_EINTEGRITY = 4	/* signature does not verify, corrupt record */
};

struct avs_err {
	int status;
	char msg[512];
};

#define AVS_ERR_INIT { 0, "" }

/* The worse of two exit statuses, by one order everywhere (avslut(7)): an
 * integrity failure (4), then a run-time failure (1), then invalid input
 * (2), then a refusal by policy (3), then success. */
int avs_worse(int a, int b);

/* Set err (if not NULL) and return status. */
int avs_fail(struct avs_err *err, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int avs_vfail(struct avs_err *err, int status, const char *fmt, va_list ap);
/* As avs_fail, with ": strerror(errno)" appended. */
int avs_failerr(struct avs_err *err, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Program name for messages, set by avs_init_program() (cli.h). */
extern const char *avs_progname;

/* Hold back (hold) the signals that end an interactive tool -- SIGINT,
 * SIGHUP, SIGTERM, SIGQUIT -- saving the calling thread's mask in old, or
 * restore old.  A gpg started meanwhile inherits them blocked. */
void avs_hold_signals(int hold, sigset_t *old);

/* Allocation that aborts on exhaustion. */
void *avs_xmalloc(size_t n);
void *avs_xcalloc(size_t n, size_t size);
void *avs_xreallocarray(void *p, size_t n, size_t size);
char *avs_xstrdup(const char *s);
char *avs_xstrndup(const char *s, size_t n);
char *avs_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Wipe then free: for anything that may hold personal data. */
void avs_wipe(void *p, size_t n);
void avs_sfree(char *s);

/*
 * Secure growable buffer.  Every reallocation wipes the old block and
 * avs_buf_free() wipes before freeing, so plaintext never lingers in
 * freed heap memory.  The contents are always NUL-terminated.
 */
struct avs_buf {
	char *p;
	size_t len;
	size_t cap;
};

#define AVS_BUF_INIT { NULL, 0, 0 }

void avs_buf_add(struct avs_buf *b, const void *data, size_t n);
void avs_buf_adds(struct avs_buf *b, const char *s);
void avs_buf_addc(struct avs_buf *b, char c);
void avs_buf_printf(struct avs_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void avs_buf_reset(struct avs_buf *b);	/* wipe, keep the block */
void avs_buf_free(struct avs_buf *b);	/* wipe and free */
/* Take the contents as a NUL-terminated string; b is left empty. */
char *avs_buf_take(struct avs_buf *b);

/* Strings. */
int avs_streq(const char *a, const char *b);	/* NULL-safe */
int avs_isempty(const char *s);			/* NULL or only blanks */
/* Decode one UTF-8 character at s (n bytes available) into *cp; returns
 * its length, or 0 for an invalid sequence (overlong, surrogate, beyond
 * U+10FFFF, cut short). */
size_t avs_utf8_decode(const char *s, size_t n, unsigned long *cp);
/* Is s valid UTF-8 with no NUL?  */
int avs_utf8_valid(const char *s, size_t n);

/* Is s (n bytes) an identifier -- a question set name, a question or
 * option id, a language code: [a-z0-9][a-z0-9-]*, at most 40 bytes? */
int avs_ident_valid(const char *s, size_t n);

/* Keys are named by their full fingerprint: is s one (40 hex digits)?
 * 0, and it normalised to upper case in out[AVS_FPRLEN + 1]; else -1. */
#define AVS_FPRLEN 40
int avs_fpr_parse(const char *s, char *out);

/* NULL-terminated string vectors: a copy, one more string (*n counts
 * them), and freeing (every string wiped). */
char **avs_strv_dup(const char *const *v);
void avs_strv_add(char ***v, size_t *n, const char *s);
void avs_strv_free(char **v);

/* The index of s in the NULL-terminated list (NULL: empty), or -1. */
int avs_lookup(const char *const *list, const char *s);
/* "a, b, c" from a NULL-terminated list into buf (truncated to n). */
const char *avs_join(const char *const *list, const char *sep, char *buf,
    size_t n);

/* The login name of the caller, for logs ("who ran it"). */
const char *avs_username(void);

#endif
