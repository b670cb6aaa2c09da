/*
 * render_text.c -- the report for a terminal: aligned tables whose
 * widths are display widths (å takes one column, 日 two), bars of Unicode
 * eighth blocks, and everything users typed made visible rather than
 * obeyed (avs_text_safe: escapes, C1 controls, bidirectional overrides).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "render.h"
#include "text.h"

#define GAP 2
#define BAR_MAX 40				/* columns of a 100 % bar */
#define RULE "\xe2\x94\x80"			/* ─ */
#define ELLIPSIS "\xe2\x80\xa6"			/* … */

static const char *const eighths[] = { "", "\xe2\x96\x8f", "\xe2\x96\x8e",
    "\xe2\x96\x8d", "\xe2\x96\x8c", "\xe2\x96\x8b", "\xe2\x96\x8a",
    "\xe2\x96\x89", "\xe2\x96\x88" };		/* ▏ ... █ */

/* Append s made safe, cut to w columns (an ellipsis marks the cut) and
 * padded to exactly w, on the left when right. */
static void
cell(struct avs_buf *out, const char *s, size_t w, int right)
{
	struct avs_buf safe = AVS_BUF_INIT;
	char one[8];
	size_t i = 0, len, cw, used = 0;
	unsigned long cp;

	avs_text_safe(&safe, s, 0);
	if (avs_text_width(safe.p != NULL ? safe.p : "") > w) {
		while (i < safe.len) {
			len = avs_utf8_decode(safe.p + i, safe.len - i, &cp);
			if (len == 0)
				len = 1;
			memcpy(one, safe.p + i, len);
			one[len] = '\0';
			cw = avs_text_width(one);
			if (used + cw + 1 > w)
				break;
			used += cw;
			i += len;
		}
		safe.len = i;
		safe.p[i] = '\0';
		avs_buf_adds(&safe, ELLIPSIS);
		used++;
	} else
		used = avs_text_width(safe.p != NULL ? safe.p : "");
	if (right)
		avs_text_repeat(out, " ", w - used);
	avs_buf_add(out, safe.p, safe.len);
	if (!right)
		avs_text_repeat(out, " ", w - used);
	avs_buf_free(&safe);
}

/* Display width of s once made safe. */
static size_t
safe_width(const char *s)
{
	struct avs_buf b = AVS_BUF_INIT;
	size_t w;

	avs_text_safe(&b, s, 0);
	w = avs_text_width(b.p != NULL ? b.p : "");
	avs_buf_free(&b);
	return w;
}

/* "  title", cut to the width. */
static void
title_line(struct avs_buf *out, const char *title, size_t width)
{
	size_t w = safe_width(title);

	avs_buf_adds(out, "  ");
	cell(out, title, w < width - 2 ? w : width - 2, 0);
	avs_buf_addc(out, '\n');
}

static void
trim_line(struct avs_buf *out)
{
	while (out->len > 0 && out->p[out->len - 1] == ' ')
		out->p[--out->len] = '\0';
	avs_buf_addc(out, '\n');
}

static void
rule(struct avs_buf *out, size_t w)
{
	avs_text_repeat(out, RULE, w);
	avs_buf_addc(out, '\n');
}

static void
number(char *buf, size_t n, const struct avs_cell *c)
{
	if (c->hidden)
		snprintf(buf, n, "..");
	else
		snprintf(buf, n, "%ld", c->v);
}

void
avs_text_table(const struct avs_ttable *t, size_t width, struct avs_buf *out)
{
	size_t *w = avs_xcalloc(t->ncols + 1, sizeof(*w)), r, c, sum,
	    big, total = 0, *least = avs_xcalloc(t->ncols + 1, sizeof(*w));

	for (c = 0; c < t->ncols; c++) {
		least[c] = 6;
		for (r = 0; r < t->nrows; r++)
			if (safe_width(t->cells[r * t->ncols + c]) > least[c] &&
			    (t->flags[c] & AVS_TT_RIGHT))
				least[c] = safe_width(t->cells[r * t->ncols +
				    c]);
		w[c] = safe_width(t->head[c]);
		for (r = 0; r < t->nrows; r++)
			if (safe_width(t->cells[r * t->ncols + c]) > w[c])
				w[c] = safe_width(t->cells[r * t->ncols + c]);
	}
	/* Too wide: narrow the widest text column, one column at a time;
	 * a column of numbers only down to its numbers (its head is cut). */
	for (;;) {
		for (c = 0, sum = 0, big = t->ncols; c < t->ncols; c++) {
			sum += w[c] + (c > 0 ? GAP : 0);
			if (!(t->flags[c] & AVS_TT_FIXED) && w[c] > least[c] &&
			    (big == t->ncols || w[c] > w[big]))
				big = c;
		}
		if (sum <= width || big == t->ncols)
			break;
		w[big]--;
	}
	for (c = 0; c < t->ncols; c++)
		total += w[c] + (c > 0 ? GAP : 0);
	for (r = 0; r <= t->nrows; r++) {
		if (r == 1 || (r > 1 && t->rule_before != NULL &&
		    t->rule_before[r - 1]))
			rule(out, total);
		for (c = 0; c < t->ncols; c++) {
			if (c > 0)
				avs_text_repeat(out, " ", GAP);
			cell(out, r == 0 ? t->head[c] :
			    t->cells[(r - 1) * t->ncols + c], w[c],
			    t->flags[c] & AVS_TT_RIGHT);
		}
		trim_line(out);
	}
	free(w);
	free(least);
}

static void
counts_table(const struct avs_report *rp, size_t width, struct avs_buf *out)
{
	const struct avs_table *t = &rp->tables[0];
	size_t nl = rp->o.nby > 0 ? rp->o.nby : 1, nc = nl + (size_t)AVS_NSHOWN, r, c;
	struct avs_ttable tt;
	char (*num)[24] = avs_xcalloc(t->nrows * (size_t)AVS_NSHOWN + 1, sizeof(*num));
	int *flags = avs_xcalloc(nc, sizeof(int)), *rules;

	tt.ncols = nc;
	tt.nrows = t->nrows;
	tt.head = avs_xcalloc(nc, sizeof(char *));
	tt.cells = avs_xcalloc(nc * t->nrows + 1, sizeof(char *));
	tt.flags = flags;
	tt.rule_before = rules = avs_xcalloc(t->nrows + 1, sizeof(int));
	for (c = 0; c < nl; c++)
		tt.head[c] = rp->o.nby > 0 ? avs_dim_label(rp->o.by[c]) : "";
	for (c = 0; c < (size_t)AVS_NSHOWN; c++) {
		tt.head[nl + c] = t->col_label[c];
		flags[nl + c] = AVS_TT_RIGHT;
	}
	for (r = 0; r < t->nrows; r++) {
		const struct avs_row *row = &t->rows[r];

		rules[r] = row->kind == AVS_ROW_TOTAL && r > 0;
		for (c = 0; c < nl; c++)
			tt.cells[r * nc + c] = avs_row_label(rp, row, c);
		for (c = 0; c < (size_t)AVS_NSHOWN; c++) {
			number(num[r * (size_t)AVS_NSHOWN + c], sizeof(*num), &row->c[c]);
			tt.cells[r * nc + nl + c] = num[r * (size_t)AVS_NSHOWN + c];
		}
	}
	avs_text_table(&tt, width, out);
	free(tt.head);
	free(tt.cells);
	free(flags);
	free(rules);
	free(num);
}

static void
bar(struct avs_buf *out, long tenths, size_t w)
{
	long units = tenths * (long)w * 8 / 1000;

	avs_text_repeat(out, eighths[8], (size_t)(units / 8));
	avs_buf_adds(out, eighths[units % 8]);
}

static int
all_hidden(const struct avs_table *t, const struct avs_row *row)
{
	size_t c;

	for (c = 0; c < t->ncols; c++)
		if (!row->c[c].hidden)
			return 0;
	return 1;
}

static void
question_row(const struct avs_report *rp, const struct avs_table *t,
    const struct avs_row *row, size_t ow, size_t width, struct avs_buf *out)
{
	const size_t cw = 6, sw = 8, fixed = 4 + ow + GAP + cw + GAP + sw + GAP;
	struct avs_buf title = AVS_BUF_INIT;
	char num[32], share[40];
	size_t c;
	long tenths;

	avs_row_title(rp, row, &title);
	number(num, sizeof(num), &row->c[0]);
	avs_buf_printf(&title, " (n = %s)", num);
	title_line(out, title.p, width);
	avs_buf_free(&title);
	if (all_hidden(t, row)) {
		avs_buf_printf(out, "    %s\n", _("(hidden: too few to show)"));
		return;
	}
	if (row->c[0].v == 0 && !row->c[0].hidden) {
		avs_buf_printf(out, "    %s\n", _("(no answers)"));
		return;
	}
	for (c = 1; c < t->ncols; c++) {
		avs_buf_adds(out, "    ");
		cell(out, t->col_label[c], ow, 0);
		avs_text_repeat(out, " ", GAP);
		number(num, sizeof(num), &row->c[c]);
		cell(out, num, cw, 1);
		avs_text_repeat(out, " ", GAP);
		if (avs_row_share(row, c, &tenths)) {
			avs_fmt_fixed(share, sizeof(share), tenths, 1, 0);
			strcat(share, " %");
			cell(out, share, sw, 1);
			if (width > fixed + 4) {
				avs_text_repeat(out, " ", GAP);
				bar(out, tenths, width - fixed - 1 < BAR_MAX ?
				    width - fixed - 1 : BAR_MAX);
			}
		} else
			cell(out, row->c[0].v > 0 || row->c[0].hidden ||
			    row->c[c].hidden ? ".." : "", sw, 1);
		trim_line(out);
	}
	if (row->has_mean) {
		avs_fmt_fixed(share, sizeof(share),
		    (long)(row->mean * 100 + 0.5), 2, 0);
		avs_buf_printf(out, "    %s %s\n", _("Mean:"), share);
	}
}

/* One string per cell of a table being built: all freed at the end. */
struct strs {
	char **s;
	size_t n;
};

static const char *
keep(struct strs *v, char *s)
{
	v->s = avs_xreallocarray(v->s, v->n + 1, sizeof(*v->s));
	return v->s[v->n++] = s;
}

static void
strs_free(struct strs *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		free(v->s[i]);
	free(v->s);
}

/* "43 % (8)", ".." hidden, "" no answers. */
static char *
share_cell(const struct avs_row *row, size_t c)
{
	char share[32];
	long tenths;

	if (row->c[c].hidden || row->c[0].hidden)
		return avs_xstrdup("..");
	if (!avs_row_share(row, c, &tenths))
		return avs_xstrdup("");
	avs_fmt_share(share, sizeof(share), tenths);
	return avs_xasprintf("%s (%ld)", share, row->c[c].v);
}

/*
 * A question's comparison: options as rows, the groups and the total
 * as columns, each headed by its n; a mean last for a scale.
 */
static void
compare_table(const struct avs_report *rp, const struct avs_table *t,
    const struct avs_row **cols, size_t ncol, size_t width,
    struct avs_buf *out)
{
	size_t nc = ncol + 1, nr = t->ncols + (t->q->type == AVS_Q_SCALE), r, c;
	struct avs_ttable tt;
	struct strs keepv = { NULL, 0 };
	struct avs_buf title = AVS_BUF_INIT;
	char mean[32];
	int *flags = avs_xcalloc(nc, sizeof(int)), *rules;

	tt.ncols = nc;
	tt.nrows = nr;
	tt.head = avs_xcalloc(nc, sizeof(char *));
	tt.cells = avs_xcalloc(nc * nr + 1, sizeof(char *));
	tt.flags = flags;
	tt.rule_before = rules = avs_xcalloc(nr + 1, sizeof(int));
	tt.head[0] = "";
	tt.cells[0] = "n";
	rules[1] = 1;
	for (c = 0; c < ncol; c++) {
		avs_buf_reset(&title);
		avs_row_title(rp, cols[c], &title);
		tt.head[c + 1] = keep(&keepv, avs_xstrdup(title.p));
		flags[c + 1] = AVS_TT_RIGHT;
		tt.cells[c + 1] = keep(&keepv, cols[c]->c[0].hidden ?
		    avs_xstrdup("..") : avs_xasprintf("%ld", cols[c]->c[0].v));
		for (r = 1; r < t->ncols; r++)
			tt.cells[r * nc + c + 1] = keep(&keepv,
			    share_cell(cols[c], r));
		if (t->q->type != AVS_Q_SCALE)
			continue;
		if (cols[c]->has_mean)
			avs_fmt_fixed(mean, sizeof(mean),
			    (long)(cols[c]->mean * 100 + 0.5), 2, 0);
		tt.cells[t->ncols * nc + c + 1] = keep(&keepv, avs_xstrdup(
		    cols[c]->has_mean ? mean : cols[c]->c[0].v > 0 ||
		    cols[c]->c[0].hidden ? ".." : ""));
	}
	for (r = 1; r < t->ncols; r++)
		tt.cells[r * nc] = t->col_label[r];
	if (t->q->type == AVS_Q_SCALE) {
		tt.cells[t->ncols * nc] = _("Mean");
		rules[t->ncols] = 1;
	}
	avs_text_table(&tt, width, out);
	avs_buf_free(&title);
	strs_free(&keepv);
	free(tt.head);
	free(tt.cells);
	free(flags);
	free(rules);
}

/* Groups that fit 80 columns side by side. */
#define COMPARE_MAX 5

static void
question_table(const struct avs_report *rp, const struct avs_table *t,
    size_t width, struct avs_buf *out)
{
	size_t c, r, ow = 0, w, ncol;
	const struct avs_row **cols = avs_compare_cols(t, COMPARE_MAX, &ncol);
	const struct avs_row *total = &t->rows[t->nrows - 1];

	avs_buf_addc(out, '\n');
	avs_text_wrap(out, t->q->text[rp->lang], NULL, "", width);
	if (total->c[0].v == 0 && !total->c[0].hidden) {
		avs_buf_printf(out, "%s\n", _("(no answers)"));
		free(cols);
		return;
	}
	if (cols != NULL) {
		struct avs_buf note = AVS_BUF_INIT;

		compare_table(rp, t, cols, ncol, width, out);
		avs_hidden_groups(rp, t, &note);
		if (note.len > 0)
			avs_text_wrap(out, note.p, NULL, "", width);
		avs_buf_free(&note);
		free(cols);
		return;
	}
	for (c = 1; c < t->ncols; c++)
		if ((w = safe_width(t->col_label[c])) > ow)
			ow = w;
	if (ow > width / 3)
		ow = width / 3 > 8 ? width / 3 : 8;
	/* The total first, then the groups. */
	question_row(rp, t, &t->rows[t->nrows - 1], ow, width, out);
	for (r = 0; r + 1 < t->nrows; r++)
		question_row(rp, t, &t->rows[r], ow, width, out);
}

static void
texts(const struct avs_report *rp, size_t width, struct avs_buf *out)
{
	struct avs_buf title = AVS_BUF_INIT;
	const struct avs_question *q = NULL;
	size_t k, i;

	if (!rp->o.answers)
		return;
	avs_buf_printf(out, "\n%s\n", _("Free-text answers"));
	rule(out, avs_text_width(_("Free-text answers")));
	if (rp->ntexts == 0)
		avs_buf_printf(out, "%s\n", _("No group has enough answers to "
		    "show."));
	for (k = 0; k < rp->ntexts; k++) {
		const struct avs_texts *tx = &rp->texts[k];

		if (tx->q != q) {
			q = tx->q;
			avs_buf_addc(out, '\n');
			avs_text_wrap(out, q->text[rp->lang], NULL, "", width);
		}
		avs_buf_reset(&title);
		avs_row_title(rp, tx->row, &title);
		avs_buf_printf(&title, " (%zu)", tx->n);
		title_line(out, title.p, width);
		for (i = 0; i < tx->n; i++)
			avs_text_wrap(out, tx->answers[i],
			    "    \xe2\x80\x93 ", "      ", width);
	}
	avs_buf_free(&title);
}

static void
key_figures(const struct avs_report *rp, size_t width, struct avs_buf *out)
{
	struct avs_kfline kf[AVS_KF_MAX];
	size_t n = avs_keyfig_lines(rp, kf), nc = rp->prev != NULL ? 3 : 2, i;
	static const int flags[3] = { 0, AVS_TT_RIGHT, AVS_TT_RIGHT };
	struct avs_ttable tt;
	struct strs keepv = { NULL, 0 };
	char cur[64], prev[64];

	avs_buf_printf(out, "%s\n", _("Key figures"));
	avs_report_period(&rp->o, cur, sizeof(cur));
	avs_report_prev_period(rp, prev, sizeof(prev));
	tt.ncols = nc;
	tt.nrows = n;
	tt.head = avs_xcalloc(nc, sizeof(char *));
	tt.cells = avs_xcalloc(nc * n + 1, sizeof(char *));
	tt.flags = flags;
	tt.rule_before = NULL;
	tt.head[0] = "";
	tt.head[1] = cur;
	if (nc == 3)
		tt.head[2] = prev;
	for (i = 0; i < n; i++) {
		tt.cells[i * nc] = keep(&keepv, avs_xasprintf("%s%s",
		    kf[i].sub ? "  " : "", kf[i].label));
		tt.cells[i * nc + 1] = kf[i].cur;
		if (nc == 3)
			tt.cells[i * nc + 2] = kf[i].prev;
	}
	avs_text_table(&tt, width, out);
	avs_buf_addc(out, '\n');
	strs_free(&keepv);
	free(tt.head);
	free(tt.cells);
}

/* The quarters: leavers, held, and the top reasons' shares. */
static void
trend(const struct avs_report *rp, size_t width, struct avs_buf *out)
{
	const struct avs_table *c0 = &rp->tables[0];
	struct avs_keyfigs k;
	size_t nc, n = c0->ntrend, r, i;
	struct avs_ttable tt;
	struct strs keepv = { NULL, 0 };
	int *flags;

	if (n < 2)
		return;
	avs_report_keyfigs(rp, &k);
	nc = 3 + k.ntop;
	avs_buf_printf(out, "\n%s\n", _("Trend by quarter"));
	tt.ncols = nc;
	tt.nrows = n;
	tt.head = avs_xcalloc(nc, sizeof(char *));
	tt.cells = avs_xcalloc(nc * n + 1, sizeof(char *));
	tt.flags = flags = avs_xcalloc(nc, sizeof(int));
	tt.rule_before = NULL;
	tt.head[0] = avs_dim_label(AVS_BY_QUARTER);
	tt.head[1] = _("Leavers");
	tt.head[2] = avs_measure_label(AVS_M_HELD);
	for (i = 0; i < k.ntop; i++)
		tt.head[3 + i] = k.reasons->col_label[k.top[i]];
	for (i = 1; i < nc; i++)
		flags[i] = AVS_TT_RIGHT;
	for (r = 0; r < n; r++) {
		const struct avs_row *row = &c0->trend[r];

		tt.cells[r * nc] = row->keys[0];
		tt.cells[r * nc + 1] = keep(&keepv, row->c[0].hidden ?
		    avs_xstrdup("..") : avs_xasprintf("%ld", row->c[0].v));
		tt.cells[r * nc + 2] = keep(&keepv, row->c[AVS_M_HELD].hidden ?
		    avs_xstrdup("..") : avs_xasprintf("%ld",
		    row->c[AVS_M_HELD].v));
		for (i = 0; i < k.ntop; i++)
			tt.cells[r * nc + 3 + i] = keep(&keepv, share_cell(
			    &k.reasons->trend[r], k.top[i]));
	}
	avs_text_table(&tt, width, out);
	strs_free(&keepv);
	free(tt.head);
	free(tt.cells);
	free(flags);
}

static void
heading(const struct avs_report *rp, const char *marking, size_t width,
    struct avs_buf *out)
{
	struct avs_buf line = AVS_BUF_INIT;
	char period[64];

	avs_text_wrap(out, marking, NULL, "", width);
	avs_buf_addc(out, '\n');
	avs_report_period(&rp->o, period, sizeof(period));
	avs_buf_printf(&line, _("Exit interviews, %s"), period);
	avs_buf_addc(&line, '\n');
	if (rp->o.nby > 0) {
		avs_report_grouping(rp, &line);
		avs_buf_addc(&line, '\n');
	}
	avs_report_notes(rp, &line);
	avs_text_wrap(out, line.p, NULL, "", width);
	avs_buf_addc(out, '\n');
	avs_buf_free(&line);
}

void
avs_render_text(const struct avs_report *rp, const char *marking,
    size_t width, struct avs_buf *out)
{
	size_t k;

	heading(rp, marking, width, out);
	key_figures(rp, width, out);
	avs_buf_printf(out, "%s\n", _("Interviews"));
	counts_table(rp, width, out);
	trend(rp, width, out);
	for (k = 1; k < rp->ntables; k++)
		question_table(rp, &rp->tables[k], width, out);
	texts(rp, width, out);
}
