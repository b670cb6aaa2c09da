/*
 * text.c -- display width, wrapping and terminal-safe text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"
#include "text.h"

static int
cp_width(unsigned long cp)
{
	int w;

	if (cp < 0x20 || cp == 0x7f)
		return 0;
	w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	/* Unknown to a non-UTF-8 locale: guess from the common ranges. */
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) ||
	    (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	if ((cp >= 0x300 && cp <= 0x36f) || cp == 0x200b)
		return 0;
	return 1;
}

size_t
avs_text_width(const char *s)
{
	size_t n = strlen(s), i = 0, len, w = 0;
	unsigned long cp;

	while (i < n) {
		len = avs_utf8_decode(s + i, n - i, &cp);
		if (len == 0) {
			w += 6;		/* shown as <0xNN> */
			i++;
			continue;
		}
		if (avs_text_unsafe_char(cp))
			w += cp < 0x80 ? 2 : 8;
		else
			w += (size_t)cp_width(cp);
		i += len;
	}
	return w;
}

int
avs_text_unsafe_char(unsigned long cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7f ||
	    (cp >= 0x80 && cp <= 0x9f) ||
	    cp == 0x061c ||			/* Arabic letter mark */
	    cp == 0x200e || cp == 0x200f ||	/* LRM, RLM */
	    cp == 0x2028 || cp == 0x2029 ||	/* line, paragraph separator */
	    (cp >= 0x202a && cp <= 0x202e) ||	/* embeddings, overrides */
	    (cp >= 0x2066 && cp <= 0x2069);	/* isolates */
}

int
avs_text_control(const char *s, int keep_nl)
{
	size_t n = strlen(s), i, len;
	unsigned long cp;

	for (i = 0; i < n; i += len) {
		if ((len = avs_utf8_decode(s + i, n - i, &cp)) == 0)
			return 1;
		if (avs_text_unsafe_char(cp) ||
		    (!keep_nl && (cp == '\n' || cp == '\t')))
			return 1;
	}
	return 0;
}

int
avs_text_check_line(const char *what, const char *s, size_t max,
    struct avs_err *err)
{
	size_t n = strlen(s), i, len;
	unsigned long cp;

	if (n > max)
		return avs_fail(err, AVS_EUSAGE, _("%s: longer than %zu bytes"),
		    what, max);
	for (i = 0; i < n; i += len) {
		if ((len = avs_utf8_decode(s + i, n - i, &cp)) == 0)
			return avs_fail(err, AVS_EUSAGE, _("%s: not valid "
			    "UTF-8"), what);
		if (avs_text_unsafe_char(cp) || cp == '\n' || cp == '\t')
			return avs_fail(err, AVS_EUSAGE, _("%s: contains a "
			    "control character"), what);
	}
	return 0;
}

void
avs_text_safe(struct avs_buf *out, const char *s, int keep_nl)
{
	size_t n = strlen(s), i = 0, len;
	unsigned long cp;

	while (i < n) {
		len = avs_utf8_decode(s + i, n - i, &cp);
		if (len == 0) {
			avs_buf_printf(out, "<0x%02x>", (unsigned char)s[i]);
			i++;
			continue;
		}
		if (cp == '\n' || cp == '\t')
			avs_buf_addc(out, keep_nl ? (char)cp : ' ');
		else if (cp < 0x20 || cp == 0x7f)
			avs_buf_printf(out, "^%c", (char)(cp ^ 0x40));
		else if (avs_text_unsafe_char(cp))
			avs_buf_printf(out, "<U+%04lX>", cp);
		else
			avs_buf_add(out, s + i, len);
		i += len;
	}
}

void
avs_text_clip(struct avs_buf *out, const char *s, size_t width)
{
	struct avs_buf safe = AVS_BUF_INIT;
	size_t i = 0, w = 0, len, cw;
	unsigned long cp;

	avs_text_safe(&safe, s, 0);
	if (avs_text_width(safe.p) <= width) {
		avs_buf_add(out, safe.p, safe.len);
		avs_buf_free(&safe);
		return;
	}
	while (i < safe.len && (len = avs_utf8_decode(safe.p + i,
	    safe.len - i, &cp)) > 0) {
		cw = (size_t)cp_width(cp);
		if (w + cw + 1 > width)
			break;
		avs_buf_add(out, safe.p + i, len);
		w += cw;
		i += len;
	}
	avs_buf_adds(out, "…");
	avs_buf_free(&safe);
}

size_t
avs_term_width(int fd)
{
	const char *s = getenv("COLUMNS");
	struct winsize ws;
	size_t w = 80;
	char *end;
	long n;

	if (s != NULL && *s != '\0' && (n = strtol(s, &end, 10)) > 0 &&
	    *end == '\0')
		w = n > 1000 ? 1000 : (size_t)n;
	else if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		w = ws.ws_col;
	return w < 40 ? 40 : w > 1000 ? 1000 : w;
}

void
avs_text_repeat(struct avs_buf *out, const char *s, size_t n)
{
	while (n-- > 0)
		avs_buf_adds(out, s);
}

/* Wrap one paragraph (no newlines). */
static void
wrap_para(struct avs_buf *out, const char *p, size_t plen, const char *first,
    const char *indent, size_t width)
{
	struct avs_buf word = AVS_BUF_INIT, safe = AVS_BUF_INIT;
	size_t col, i = 0, j, w;
	int fresh = 1;

	avs_buf_adds(out, first);
	col = avs_text_width(first);
	while (i < plen) {
		while (i < plen && p[i] == ' ')
			i++;
		if (i >= plen)
			break;
		for (j = i; j < plen && p[j] != ' '; j++)
			;
		avs_buf_reset(&word);
		avs_buf_add(&word, p + i, j - i);
		avs_buf_reset(&safe);
		avs_text_safe(&safe, word.p, 0);
		w = avs_text_width(safe.p);
		if (!fresh && col + 1 + w > width) {
			avs_buf_addc(out, '\n');
			avs_buf_adds(out, indent);
			col = avs_text_width(indent);
			fresh = 1;
		}
		if (!fresh) {
			avs_buf_addc(out, ' ');
			col++;
		}
		avs_buf_add(out, safe.p, safe.len);
		col += w;
		fresh = 0;
		i = j;
	}
	avs_buf_addc(out, '\n');
	avs_buf_free(&word);
	avs_buf_free(&safe);
}

/* Width of a list marker opening a paragraph: "- " or "12. ". */
static size_t
marker_width(const char *p, size_t n)
{
	size_t i = 0;

	if (n >= 2 && (p[0] == '-' || p[0] == '*') && p[1] == ' ')
		return 2;
	while (i < n && i < 3 && p[i] >= '0' && p[i] <= '9')
		i++;
	if (i > 0 && i + 1 < n && p[i] == '.' && p[i + 1] == ' ')
		return i + 2;
	return 0;
}

void
avs_text_wrap(struct avs_buf *out, const char *s, const char *first,
    const char *indent, size_t width)
{
	struct avs_buf hang = AVS_BUF_INIT;
	const char *p = s, *nl, *lead;
	size_t len, mw;
	int firstline = 1;

	for (;;) {
		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		lead = firstline && first != NULL ? first : indent;
		if (len == 0)
			avs_buf_addc(out, '\n');	/* no trailing blanks */
		else {
			mw = marker_width(p, len);
			avs_buf_reset(&hang);
			avs_buf_adds(&hang, indent);
			avs_text_repeat(&hang, " ", mw);
			wrap_para(out, p, len, lead, hang.p, width);
		}
		firstline = 0;
		if (nl == NULL || nl[1] == '\0')
			break;
		p = nl + 1;
	}
	avs_buf_free(&hang);
}

/* One character of s, Latin-1 and ASCII capitals folded to small. */
static unsigned long
fold_next(const char **s, const char *end)
{
	unsigned long cp;
	size_t k = avs_utf8_decode(*s, (size_t)(end - *s), &cp);

	if (k == 0) {
		cp = 0x110000 + (unsigned char)**s;	/* a stray byte */
		k = 1;
	}
	*s += k;
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xc0 && cp <= 0xde &&
	    cp != 0xd7))
		cp += 0x20;
	return cp;
}

static void
trim(const char **s, const char **end)
{
	*end = *s + strlen(*s);
	while (**s == ' ' || **s == '\t')
		(*s)++;
	while (*end > *s && ((*end)[-1] == ' ' || (*end)[-1] == '\t'))
		(*end)--;
}

int
avs_text_caseeq(const char *a, const char *b)
{
	const char *ae, *be;

	trim(&a, &ae);
	trim(&b, &be);
	while (a < ae && b < be)
		if (fold_next(&a, ae) != fold_next(&b, be))
			return 0;
	return a == ae && b == be;
}
