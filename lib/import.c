/*
 * import.c -- rows of CSV into registrations.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "csvio.h"
#include "i18n.h"
#include "import.h"

#define MAXCOLS 32

struct imp {
	const struct avs_facts *defaults;
	const struct avs_import_cb *cb;
	struct avs_err *err;
	int cols[MAXCOLS];	/* column -> fact field, -1 ignored */
	size_t ncols;
	int header_done;
	int header_bad;
	int worst;
};

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
		im->cols[i] = f;
		if (f >= 0 && have[f]++)
			return avs_fail(im->err, AVS_EUSAGE, _("%ld: column %s "
			    "given twice"), row->line, key);
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
avs_import(const void *data, size_t len, const struct avs_facts *defaults,
    const struct avs_import_cb *cb, struct avs_err *err)
{
	struct imp im;
	int rc;

	memset(&im, 0, sizeof(im));
	im.defaults = defaults;
	im.cb = cb;
	im.err = err;
	if ((rc = avs_csv_parse(data, len, on_row, on_bad, &im, err)) != 0)
		return rc;
	if (im.header_bad)
		return AVS_EUSAGE;
	if (!im.header_done)
		return avs_fail(err, AVS_EUSAGE, _("1: empty file, no header "
		    "row"));
	return im.worst;
}
