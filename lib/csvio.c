/*
 * csvio.c -- libcsv in strict mode, fed one physical line at a time so that
 * rows know their line number and a malformed row can be skipped.
 */
#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "text.h"
#include "i18n.h"

/*
 * libcsv's buffer holds field data: give it an allocator that wipes.  It
 * asks for 128 bytes more each time a field outgrows the buffer, and a
 * realloc that cannot leave the old block in place copies: a block here
 * doubles, and a request it already holds returns the same block, so a
 * field of n bytes costs O(n), not O(n^2 / 128).
 */
struct blk {
	size_t cap;
	max_align_t align[];
};

static void *
wipe_realloc(void *p, size_t n)
{
	struct blk *old = p != NULL ? (struct blk *)p - 1 : NULL;
	struct blk *b;
	size_t cap = n;

	if (old != NULL && n <= old->cap)
		return p;
	if (old != NULL && old->cap <= (SIZE_MAX - sizeof(*b)) / 2 &&
	    cap < 2 * old->cap)
		cap = 2 * old->cap;
	if (cap > SIZE_MAX - sizeof(*b) || (b = malloc(sizeof(*b) + cap)) ==
	    NULL)
		return NULL;
	b->cap = cap;
	if (old != NULL) {
		memcpy(b->align, old->align, old->cap);
		avs_wipe(old->align, old->cap);
		free(old);
	}
	return b->align;
}

static void
wipe_free(void *p)
{
	struct blk *b;

	if (p == NULL)
		return;
	b = (struct blk *)p - 1;
	avs_wipe(b->align, b->cap);
	free(b);
}

struct st {
	struct avs_csvrow row;
	size_t cap;
	long line;		/* line being fed */
	long start;		/* line where the current row started */
	int in_row;
	int stop;		/* row() asked to stop */
	int (*rowfn)(const struct avs_csvrow *, void *);
	void *arg;
};

static void
drop_row(struct st *s)
{
	size_t i;

	for (i = 0; i < s->row.n; i++)
		avs_sfree(s->row.f[i]);
	s->row.n = 0;
}

static void
on_field(void *data, size_t len, void *arg)
{
	struct st *s = arg;

	if (s->row.n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->row.f = avs_xreallocarray(s->row.f, s->cap,
		    sizeof(*s->row.f));
	}
	s->row.f[s->row.n++] = avs_xstrndup(data != NULL ? data : "",
	    data != NULL ? len : 0);
}

static void
on_row(int c, void *arg)
{
	struct st *s = arg;

	(void)c;
	if (!s->stop) {
		s->row.line = s->start;
		if (s->rowfn(&s->row, s->arg) != 0)
			s->stop = 1;
	}
	drop_row(s);
	s->in_row = 0;
}

static void
parser_init(struct csv_parser *p, unsigned char sep)
{
	csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_delim(p, sep);
	csv_set_realloc_func(p, wipe_realloc);
	csv_set_free_func(p, wipe_free);
}

static int
blank(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != '\r' && p[i] != '\n')
			return 0;
	return 1;
}

int
avs_csv_parse(const void *data, size_t len,
    int (*row)(const struct avs_csvrow *r, void *arg),
    void (*bad)(long line, const char *why, void *arg), void *arg,
    struct avs_err *err)
{
	return avs_csv_parse_sep(data, len, ',', row, bad, arg, err);
}

int
avs_csv_parse_sep(const void *data, size_t len, char sep,
    int (*row)(const struct avs_csvrow *r, void *arg),
    void (*bad)(long line, const char *why, void *arg), void *arg,
    struct avs_err *err)
{
	const char *p = data, *end = p + len, *nl;
	struct csv_parser cp;
	struct st s;
	size_t n;

	(void)err;
	memset(&s, 0, sizeof(s));
	s.rowfn = row;
	s.arg = arg;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	parser_init(&cp, (unsigned char)sep);
	while (p < end && !s.stop) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		s.line++;
		if (!s.in_row && !blank(p, n)) {
			s.in_row = 1;
			s.start = s.line;
		}
		if (csv_parse(&cp, p, n, on_field, on_row, &s) != n) {
			bad(s.start, csv_strerror(csv_error(&cp)), arg);
			/* Resume cleanly on the next line. */
			drop_row(&s);
			s.in_row = 0;
			csv_free(&cp);
			parser_init(&cp, (unsigned char)sep);
		}
		p += n;
	}
	if (!s.stop && csv_fini(&cp, on_field, on_row, &s) != 0)
		bad(s.start, csv_strerror(csv_error(&cp)), arg);
	drop_row(&s);
	csv_free(&cp);
	free(s.row.f);
	return 0;
}

char
avs_csv_detect_sep(const void *data, size_t len)
{
	const char *p = data, *end = p + len;
	long semi = 0, comma = 0;
	int quoted = 0;

	for (; p < end && (quoted || *p != '\n'); p++)
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == ';')
			semi++;
		else if (!quoted && *p == ',')
			comma++;
	return semi > comma ? ';' : ',';
}

void
avs_csv_row(struct avs_buf *out, const char *const *fields, size_t n)
{
	size_t i, need, flen;
	char *q;

	for (i = 0; i < n; i++) {
		const char *f = fields[i] != NULL ? fields[i] : "";

		if (i > 0)
			avs_buf_addc(out, ',');
		flen = strlen(f);
		/* Quote only what needs it: keeps simple lines readable. */
		if (strpbrk(f, ",\"\r\n") == NULL) {
			avs_buf_add(out, f, flen);
			continue;
		}
		need = csv_write(NULL, 0, f, flen);
		q = avs_xmalloc(need);
		csv_write(q, need, f, flen);
		avs_buf_add(out, q, need);
		avs_wipe(q, need);
		free(q);
	}
	avs_buf_add(out, "\r\n", 2);
}

void
avs_csv_safe_row(struct avs_buf *out, const char *const *fields, size_t n)
{
	const char **f = avs_xcalloc(n + 1, sizeof(*f));
	char **fixed = avs_xcalloc(n + 1, sizeof(*fixed));
	struct avs_buf b = AVS_BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		f[i] = fields[i] != NULL ? fields[i] : "";
		/* Controls made visible, as on a terminal ... */
		if (avs_text_control(f[i], 1))
			avs_text_safe(&b, f[i], 1);
		else
			avs_buf_adds(&b, f[i]);
		/* ... and a formula's first character neutralised. */
		if (b.len > 0 && strchr("=+-@\t\r", b.p[0]) != NULL)
			fixed[i] = avs_xasprintf("'%s", b.p);
		else if (strcmp(b.p != NULL ? b.p : "", f[i]) != 0)
			fixed[i] = avs_xstrdup(b.p);
		if (fixed[i] != NULL)
			f[i] = fixed[i];
		avs_buf_reset(&b);
	}
	avs_buf_free(&b);
	avs_csv_row(out, f, n);
	for (i = 0; i < n; i++)
		avs_sfree(fixed[i]);
	free(fixed);
	free(f);
}
