/*
 * render_csv.c -- the report as CSV: one row per figure ("long" form),
 * so the columns never change whatever the grouping.  The schema is in
 * avslut-report(1):
 *
 *   section,level,unit,workplace,reason,employment,tenure,quarter,
 *   question,option,label,measure,value,share
 *
 * Numbers use a full stop whatever the locale; a hidden figure is "..".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "render.h"

#define NCOLS 14

static const char *const header[NCOLS] = { "section", "level", "unit",
    "workplace", "reason", "employment", "tenure", "quarter", "question",
    "option", "label", "measure", "value", "share" };
/* By enum avs_rowkind; then the previous period's total. */
static const char *const levels[] = { "group", "subtotal", "total",
    "trend", "previous" };

/* The grouping columns of a row: its keys where the row has them. */
static void
dims(const struct avs_report *rp, const struct avs_row *row,
    const char **f)
{
	size_t i, n;

	for (i = 0; i < AVS_NDIMS; i++)
		f[2 + i] = "";
	if (row->kind == AVS_ROW_TREND) {
		f[2 + AVS_BY_QUARTER] = row->keys[0];
		return;
	}
	n = row->kind == AVS_ROW_GROUP ? rp->o.nby :
	    row->kind == AVS_ROW_SUBTOTAL ? 1 : 0;
	for (i = 0; i < n; i++)
		f[2 + rp->o.by[i]] = row->keys[i] != NULL ? row->keys[i] :
		    "(none)";
}

static void
emit(struct avs_buf *out, const char **f, const char *section,
    const char *level)
{
	f[0] = section;
	f[1] = level;
	avs_csv_safe_row(out, f, NCOLS);
}

/* Rows rows[0..n) of table t; level: that of each row's kind, else
 * this. */
static void
table_rows(const struct avs_report *rp, const struct avs_table *t,
    const struct avs_row *rows, size_t n, const char *level,
    struct avs_buf *out)
{
	const char *f[NCOLS];
	char val[32], share[32];
	size_t r, c;
	long tenths;

	for (r = 0; r < n; r++) {
		const struct avs_row *row = &rows[r];
		const char *lv = level != NULL ? level : levels[row->kind];

		memset(f, 0, sizeof(f));
		dims(rp, row, f);
		f[8] = t->q != NULL ? t->q->id : "";
		for (c = 0; c < t->ncols; c++) {
			snprintf(val, sizeof(val), "%ld", row->c[c].v);
			f[12] = row->c[c].hidden ? ".." : val;
			f[13] = "";
			if (t->q == NULL) {
				f[11] = t->col_id[c];
			} else if (c == 0) {
				f[10] = t->q->text[rp->lang];
				f[11] = "respondents";
			} else {
				f[9] = t->col_id[c];
				f[10] = t->col_label[c];
				f[11] = "count";
				if (avs_row_share(row, c, &tenths)) {
					avs_fmt_fixed(share, sizeof(share),
					    tenths, 1, '.');
					f[13] = share;
				} else if (row->c[c].hidden ||
				    row->c[0].hidden)
					f[13] = "..";
			}
			emit(out, f, t->q == NULL ? "counts" : "answers", lv);
		}
		if (t->q != NULL && t->q->type == AVS_Q_SCALE) {
			f[9] = "";
			f[10] = t->q->text[rp->lang];
			f[11] = "mean";
			f[13] = "";
			if (row->has_mean) {
				avs_fmt_fixed(val, sizeof(val),
				    (long)(row->mean * 100 + 0.5), 2, '.');
				f[12] = val;
			} else
				f[12] = row->c[0].v > 0 || row->c[0].hidden ?
				    ".." : "";
			emit(out, f, "answers", lv);
		}
	}
}

void
avs_render_csv(const struct avs_report *rp, int bom, struct avs_buf *out)
{
	const char *f[NCOLS];
	size_t k, i;

	if (bom)
		avs_buf_adds(out, "\xef\xbb\xbf");
	avs_csv_row(out, header, NCOLS);
	for (k = 0; k < rp->ntables; k++) {
		const struct avs_table *t = &rp->tables[k];

		table_rows(rp, t, t->rows, t->nrows, NULL, out);
		table_rows(rp, t, t->trend, t->ntrend, NULL, out);
	}
	for (k = 0; rp->prev != NULL && k < rp->prev->ntables; k++) {
		const struct avs_table *t = &rp->prev->tables[k];

		table_rows(rp, t, &t->rows[t->nrows - 1], 1, levels[4], out);
	}
	for (k = 0; k < rp->ntexts; k++) {
		const struct avs_texts *tx = &rp->texts[k];

		for (i = 0; i < tx->n; i++) {
			memset(f, 0, sizeof(f));
			dims(rp, tx->row, f);
			f[8] = tx->q->id;
			f[10] = tx->q->text[rp->lang];
			f[11] = "answer";
			f[12] = tx->answers[i];
			emit(out, f, "text", levels[tx->row->kind]);
		}
	}
}
