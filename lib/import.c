/*
 * import.c -- rows of CSV into registrations.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "codes.h"
#include "csvio.h"
#include "i18n.h"
#include "import.h"
#include "text.h"

#define MAXCOLS 32

/* The fields whose values are codes, and their codes. */
static const char *const coded[] = { "employment", "reason", "role", "why",
    NULL };
static const char *const *const codes[] = { avs_employment_values,
    avs_reason_values, avs_role_values, avs_declined_values };

struct imp {
	const struct avs_import_opts *o;
	const struct avs_facts *defaults;
	const struct avs_import_cb *cb;
	struct avs_err *err;
	int cols[MAXCOLS];	/* column -> fact field, -1 ignored */
	size_t ncols;
	int header_done;
	int header_bad;
	int worst;
};

/* The field that the config maps header name to, or -1. */
static int
mapped_column(const struct imp *im, const char *name)
{
	char *const *v;

	if (im->o->cfg == NULL)
		return -1;
	for (v = im->o->cfg->imp_columns; *v != NULL; v += 2)
		if (avs_text_caseeq(v[0], name))
			return avs_lookup(avs_fact_fields, v[1]);
	return -1;
}

/* The code that value of a coded field stands for (a code itself, or a
 * word the config maps to one), or NULL. */
static const char *
code_of(const struct imp *im, int k, const char *value)
{
	char *const *v;
	int i;

	if ((i = avs_lookup(codes[k], value)) >= 0)
		return codes[k][i];
	if (im->o->cfg == NULL)
		return NULL;
	for (v = im->o->cfg->imp_values; *v != NULL; v += 3)
		if (strcmp(v[0], coded[k]) == 0 && avs_text_caseeq(v[1], value))
			return v[2];
	return NULL;
}

/* Codes for the words of the coded fields in f: every unmapped one noted
 * on line (the row is skipped); 0, or AVS_EUSAGE when there was one. */
static int
map_codes(struct imp *im, struct avs_facts *f, long line)
{
	const char **slot[] = { &f->employment, &f->reason, &f->role,
	    &f->why };
	const char *code;
	char msg[400], jb[200];
	int k, rc = 0;

	for (k = 0; coded[k] != NULL; k++) {
		if (*slot[k] == NULL || **slot[k] == '\0')
			continue;
		if ((code = code_of(im, k, *slot[k])) != NULL) {
			*slot[k] = code;
			continue;
		}
		snprintf(msg, sizeof(msg), _("skipped: %s: \"%.40s\" is neither "
		    "one of %s nor a word the store's config maps (import: "
		    "values:)"),
		    coded[k], *slot[k], avs_join(codes[k], ", ", jb,
		    sizeof(jb)));
		im->cb->note(line, AVS_EUSAGE, msg, im->cb->arg);
		rc = AVS_EUSAGE;
	}
	return rc;
}

static int
header(struct imp *im, const struct avs_csvrow *row)
{
	static const char *const need[] = { "name", "title", "workplace",
	    "employed-from", "employed-to", "employment", "reason",
	    "interviewer", NULL };
	char key[64], msg[160], *p;
	size_t i;
	int f, have[16] = { 0 };

	if (row->n > MAXCOLS)
		return avs_fail(im->err, AVS_EUSAGE, _("%ld: more than %d "
		    "columns"), row->line, MAXCOLS);
	for (i = 0; i < row->n; i++) {
		snprintf(key, sizeof(key), "%s", row->f[i]);
		for (p = key; *p != '\0'; p++)
			*p = *p == '_' ? '-' : (char)tolower((unsigned char)*p);
		f = avs_lookup(avs_fact_fields, key);
		if (f < 0)
			f = mapped_column(im, row->f[i]);
		im->cols[i] = f;
		if (f >= 0 && have[f]++)
			return avs_fail(im->err, AVS_EUSAGE, _("%ld: column %s "
			    "given twice"), row->line, avs_fact_fields[f]);
		if (f < 0) {
			snprintf(msg, sizeof(msg), _("ignoring unknown column "
			    "\"%.40s\""), key);
			im->cb->note(row->line, 0, msg, im->cb->arg);
		}
	}
	im->ncols = row->n;
	for (i = 0; need[i] != NULL; i++)
		if (!have[avs_lookup(avs_fact_fields, need[i])])
			return avs_fail(im->err, AVS_EUSAGE, _("%ld: missing "
			    "column %s"), row->line, need[i]);
	return 0;
}

static int
on_row(const struct avs_csvrow *row, void *arg)
{
	struct imp *im = arg;
	struct avs_err err = AVS_ERR_INIT;
	struct avs_facts f;
	char msg[sizeof(err.msg) + 32];
	size_t i;
	int rc;

	if (!im->header_done) {
		im->header_done = 1;
		if (header(im, row) != 0) {
			im->header_bad = 1;
			return 1;	/* stop: no row can be read */
		}
		return 0;
	}
	if (row->n != im->ncols) {
		snprintf(msg, sizeof(msg), _("skipped: %zu fields, the header "
		    "has %zu"), row->n, im->ncols);
		im->cb->note(row->line, AVS_EUSAGE, msg, im->cb->arg);
		im->worst = avs_worse(im->worst, AVS_EUSAGE);
		return 0;
	}
	f = *im->defaults;
	for (i = 0; i < row->n; i++)
		if (im->cols[i] >= 0 && *row->f[i] != '\0')
			avs_facts_set(&f, avs_fact_fields[im->cols[i]],
			    row->f[i]);
	if (map_codes(im, &f, row->line) != 0) {
		im->worst = avs_worse(im->worst, AVS_EUSAGE);
		return 0;
	}
	rc = im->cb->row(&f, f.why != NULL && *f.why != '\0', row->line,
	    im->cb->arg, &err);
	if (rc != 0) {
		snprintf(msg, sizeof(msg), _("skipped: %s"), err.msg);
		im->cb->note(row->line, rc, msg, im->cb->arg);
		im->worst = avs_worse(im->worst, rc);
	}
	return 0;
}

static void
on_bad(long line, const char *why, void *arg)
{
	struct imp *im = arg;
	char msg[200];

	snprintf(msg, sizeof(msg), _("skipped: malformed CSV (%s)"), why);
	im->cb->note(line, AVS_EUSAGE, msg, im->cb->arg);
	im->worst = avs_worse(im->worst, AVS_EUSAGE);
}

int
avs_encoding_parse(const char *s)
{
	if (strcasecmp(s, "utf-8") == 0 || strcasecmp(s, "utf8") == 0)
		return AVS_ENC_UTF8;
	if (strcasecmp(s, "windows-1252") == 0 || strcasecmp(s, "cp1252") == 0)
		return AVS_ENC_CP1252;
	return -1;
}

/* The line of byte p in data. */
static long
line_of(const char *data, const char *p)
{
	long line = 1;

	for (; data < p; data++)
		line += *data == '\n';
	return line;
}

static int
not_utf8(const char *data, const char *p, struct avs_err *err)
{
	if (*p == '\0')
		return avs_fail(err, AVS_EUSAGE, _("%ld: a NUL byte: this is not "
		    "a CSV text file"), line_of(data, p));
	return avs_fail(err, AVS_EUSAGE, _("%ld: not UTF-8.  Excel and many "
	    "personnel systems save CSV in Windows-1252: give "
	    "--encoding=windows-1252, or convert the file with iconv -f "
	    "WINDOWS-1252 -t UTF-8 (or save it as \"CSV UTF-8\")"),
	    line_of(data, p));
}

/* Check that data is UTF-8 without NUL. */
static int
check_utf8(const char *data, size_t len, struct avs_err *err)
{
	unsigned long cp;
	size_t i, k;

	for (i = 0; i < len; i += k)
		if ((k = avs_utf8_decode(data + i, len - i, &cp)) == 0 ||
		    cp == 0)
			return not_utf8(data, data + i, err);
	return 0;
}

/* Windows-1252 to UTF-8 in out (wiped when freed), with iconv. */
static int
from_cp1252(const char *data, size_t len, struct avs_buf *out,
    struct avs_err *err)
{
	char chunk[4096], *in = (char *)data, *o;
	size_t left = len, room;
	iconv_t cd;
	int rc = 0;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		return avs_fail(err, AVS_EUSAGE, _("1: the file begins with "
		    "UTF-8's byte-order mark: it is UTF-8, leave out "
		    "--encoding"));
	if ((cd = iconv_open("UTF-8", "WINDOWS-1252")) == (iconv_t)-1)
		return avs_fail(err, AVS_ERUN, _("cannot convert from "
		    "Windows-1252: %s"), strerror(errno));
	while (left > 0 && rc == 0) {
		o = chunk;
		room = sizeof(chunk);
		if (iconv(cd, &in, &left, &o, &room) == (size_t)-1 &&
		    errno != E2BIG)
			rc = avs_fail(err, AVS_EUSAGE, _("%ld: a byte that "
			    "Windows-1252 does not define: is this file in "
			    "Windows-1252?"), line_of(data, in));
		avs_buf_add(out, chunk, (size_t)(o - chunk));
	}
	avs_wipe(chunk, sizeof(chunk));
	iconv_close(cd);
	if (rc == 0 && (in = memchr(out->p, '\0', out->len)) != NULL)
		rc = not_utf8(out->p, in, err);
	return rc;
}

int
avs_import(const void *data, size_t len, const struct avs_import_opts *o,
    const struct avs_facts *defaults, const struct avs_import_cb *cb,
    struct avs_err *err)
{
	static const struct avs_import_opts plain = { ',', AVS_ENC_UTF8, NULL };
	struct avs_buf conv = AVS_BUF_INIT;
	struct imp im;
	int rc;
	char sep;

	if (o == NULL)
		o = &plain;
	if (o->encoding == AVS_ENC_CP1252) {
		if ((rc = from_cp1252(data, len, &conv, err)) != 0) {
			avs_buf_free(&conv);
			return rc;
		}
		data = conv.p != NULL ? conv.p : "";
		len = conv.len;
	} else if ((rc = check_utf8(data, len, err)) != 0)
		return rc;
	sep = o->sep != 0 ? o->sep : avs_csv_detect_sep(data, len);
	memset(&im, 0, sizeof(im));
	im.o = o;
	im.defaults = defaults;
	im.cb = cb;
	im.err = err;
	rc = avs_csv_parse_sep(data, len, sep, on_row, on_bad, &im, err);
	avs_buf_free(&conv);
	if (rc != 0)
		return rc;
	if (im.header_bad)
		return AVS_EUSAGE;
	if (!im.header_done)
		return avs_fail(err, AVS_EUSAGE, _("1: empty file, no header "
		    "row"));
	return im.worst;
}
