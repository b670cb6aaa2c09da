/*
 * render_html.c -- the report as one HTML file for management: the
 * store's confidentiality marking at the top and the bottom, the tables,
 * bar charts as inline SVG, CSS inline, no script and no external
 * resource (no link, image or font to fetch), so it opens the same in
 * any browser, mail client or archive, and prints on paper.
 *
 * Every text that users typed is made visible (avs_text_safe: control
 * characters, bidirectional overrides) and then escaped; the output is
 * also well-formed XML.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "render.h"
#include "text.h"

#define BARW 220	/* px: a bar of 100 % */

static const char css[] =
    "body{font-family:system-ui,\"Segoe UI\",Roboto,Helvetica,Arial,"
    "sans-serif;color:#1b1b1b;max-width:62em;margin:1.5em auto;"
    "padding:0 1em;line-height:1.4}\n"
    ".marking{border:2px solid #9b1c1c;color:#9b1c1c;font-weight:bold;"
    "text-align:center;padding:.3em .6em;margin:0 0 1em}\n"
    ".meta{color:#444;margin:.2em 0}\n"
    "h2{border-bottom:1px solid #bbb;margin-top:1.6em}\n"
    "h3{font-size:1.05em;margin:1.2em 0 .3em}\n"
    "h4{font-size:.95em;font-weight:normal;margin:.6em 0 .2em}\n"
    "table{border-collapse:collapse;margin:.3em 0 1em}\n"
    "th,td{padding:.15em .6em;border-bottom:1px solid #e2e2e2;"
    "text-align:left;vertical-align:middle}\n"
    "th{border-bottom:2px solid #888}\n"
    ".n{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    "tr.subtotal td{font-style:italic;background:#f4f4f4}\n"
    "tr.total td{font-weight:bold;border-top:2px solid #555}\n"
    ".hid{color:#777}\n"
    "ul.answers li{white-space:pre-wrap;margin:.3em 0}\n"
    "svg{display:block}\n"
    "table.key td.n{min-width:6em}\n"
    "table.key tr.sub td:first-child{padding-left:1.8em;color:#333}\n"
        "table.cmp td.heat{text-align:right;white-space:nowrap;"
    "font-variant-numeric:tabular-nums}\n"
    "table.cmp td.heat small{color:inherit;opacity:.8}\n"
    "table.cmp tr.n td{color:#444;border-bottom:2px solid #888}\n"
    "table.cmp th.all,table.cmp td.all{border-left:2px solid #888}\n"
    "p.note{color:#555;font-size:.9em;margin:-.6em 0 1em}\n"
    "p.note svg{display:inline;vertical-align:middle}\n"
    "table.cmp{width:100%;table-layout:fixed}\n"
    "table.cmp th{white-space:normal;vertical-align:bottom}\n"
    "table.cmp td:first-child,table.cmp th:first-child{width:24%}\n"
    ".chart{margin:.4em 0 1em}\n"
    ".chart text{font-size:11px;fill:#333}\n"
    "@page{size:A4;margin:15mm}\n"
    "@media print{body{max-width:none;margin:0;font-size:9.5pt}"
    "h2,h3,h4{break-after:avoid}table,li,.chart,section{break-inside:avoid}"
    "svg,rect,td{print-color-adjust:exact;-webkit-print-color-adjust:exact}"
    "svg{max-width:100%;height:auto}}\n";

/* Text made visible, then escaped for HTML and XML. */
static void
esc(struct avs_buf *out, const char *s, int keep_nl)
{
	struct avs_buf safe = AVS_BUF_INIT;
	const char *p;

	avs_text_safe(&safe, s, keep_nl);
	for (p = safe.p != NULL ? safe.p : ""; *p != '\0'; p++)
		switch (*p) {
		case '&':
			avs_buf_adds(out, "&amp;");
			break;
		case '<':
			avs_buf_adds(out, "&lt;");
			break;
		case '>':
			avs_buf_adds(out, "&gt;");
			break;
		case '"':
			avs_buf_adds(out, "&quot;");
			break;
		case '\'':
			avs_buf_adds(out, "&#39;");
			break;
		default:
			avs_buf_addc(out, *p);
		}
	avs_buf_free(&safe);
}

static void
number(struct avs_buf *out, const struct avs_cell *c)
{
	if (c->hidden)
		avs_buf_adds(out, "<span class=\"hid\">..</span>");
	else
		avs_buf_printf(out, "%ld", c->v);
}

/* A row's keys in one line, escaped. */
static void
row_title(const struct avs_report *rp, const struct avs_row *row,
    struct avs_buf *out)
{
	struct avs_buf t = AVS_BUF_INIT;

	avs_row_title(rp, row, &t);
	esc(out, t.p, 0);
	avs_buf_free(&t);
}

static void
heading(const struct avs_report *rp, const char *marking,
    struct avs_buf *out)
{
	struct avs_buf line = AVS_BUF_INIT;
	char period[64];

	avs_report_period(&rp->o, period, sizeof(period));
	avs_buf_printf(&line, _("Exit interviews, %s"), period);
	avs_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"");
	esc(out, rp->qs->langs[rp->lang], 0);
	avs_buf_adds(out, "\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\"/>\n<title>");
	esc(out, line.p, 0);
	avs_buf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<p class=\"marking\">", css);
	esc(out, marking, 0);
	avs_buf_adds(out, "</p>\n<h1>");
	esc(out, line.p, 0);
	avs_buf_adds(out, "</h1>\n");
	avs_buf_reset(&line);
	if (rp->o.nby > 0) {
		avs_report_grouping(rp, &line);
		avs_buf_adds(out, "<p class=\"meta\">");
		esc(out, line.p, 0);
		avs_buf_adds(out, "</p>\n");
		avs_buf_reset(&line);
	}
	avs_report_notes(rp, &line);
	avs_buf_adds(out, "<p class=\"meta\">");
	esc(out, line.p, 0);
	avs_buf_adds(out, "</p>\n");
	avs_buf_free(&line);
}

static void
counts_table(const struct avs_report *rp, struct avs_buf *out)
{
	static const char *const kinds[] = { "group", "subtotal", "total" };
	const struct avs_table *t = &rp->tables[0];
	size_t r, c, i, nl = rp->o.nby > 0 ? rp->o.nby : 1;

	avs_buf_adds(out, "<h2>");
	esc(out, _("Interviews"), 0);
	avs_buf_adds(out, "</h2>\n<table>\n<thead><tr>");
	for (i = 0; i < nl; i++) {
		avs_buf_adds(out, "<th>");
		if (rp->o.nby > 0)
			esc(out, avs_dim_label(rp->o.by[i]), 0);
		avs_buf_adds(out, "</th>");
	}
	for (c = 0; c < (size_t)AVS_NSHOWN; c++) {
		avs_buf_adds(out, "<th class=\"n\">");
		esc(out, t->col_label[c], 0);
		avs_buf_adds(out, "</th>");
	}
	avs_buf_adds(out, "</tr></thead>\n<tbody>\n");
	for (r = 0; r < t->nrows; r++) {
		const struct avs_row *row = &t->rows[r];

		avs_buf_printf(out, "<tr class=\"%s\">", kinds[row->kind]);
		for (i = 0; i < nl; i++) {
			avs_buf_adds(out, "<td>");
			esc(out, avs_row_label(rp, row, i), 0);
			avs_buf_adds(out, "</td>");
		}
		for (c = 0; c < (size_t)AVS_NSHOWN; c++) {
			avs_buf_adds(out, "<td class=\"n\">");
			number(out, &row->c[c]);
			avs_buf_adds(out, "</td>");
		}
		avs_buf_adds(out, "</tr>\n");
	}
	avs_buf_adds(out, "</tbody>\n</table>\n");
}

static void
bar(struct avs_buf *out, long tenths, const char *share)
{
	long w10 = tenths * BARW / 100;	/* tenths of a pixel */

	avs_buf_printf(out, "<svg width=\"%d\" height=\"14\" viewBox=\"0 0 "
	    "%d 14\" role=\"img\" aria-label=\"%s\"><rect x=\"0\" y=\"1\" "
	    "width=\"%d\" height=\"12\" fill=\"#e8e8e8\"/><rect x=\"0\" "
	    "y=\"1\" width=\"%ld.%ld\" height=\"12\" fill=\"#2f5f98\"/>"
	    "</svg>", BARW, BARW, share, BARW, w10 / 10, w10 % 10);
}

static void
question_row(const struct avs_report *rp, const struct avs_table *t,
    const struct avs_row *row, struct avs_buf *out)
{
	char share[40];
	size_t c;
	long tenths;

	avs_buf_adds(out, "<h4>");
	row_title(rp, row, out);
	avs_buf_adds(out, " (n = ");
	number(out, &row->c[0]);
	avs_buf_adds(out, ")</h4>\n");
	for (c = 0; c < t->ncols && row->c[c].hidden; c++)
		;
	if (c == t->ncols || (row->c[0].v == 0 && !row->c[0].hidden)) {
		avs_buf_adds(out, "<p class=\"hid\">");
		esc(out, c == t->ncols ? _("(hidden: too few to show)") :
		    _("(no answers)"), 0);
		avs_buf_adds(out, "</p>\n");
		return;
	}
	avs_buf_adds(out, "<table>\n");
	for (c = 1; c < t->ncols; c++) {
		avs_buf_adds(out, "<tr><td>");
		esc(out, t->col_label[c], 0);
		avs_buf_adds(out, "</td><td class=\"n\">");
		number(out, &row->c[c]);
		avs_buf_adds(out, "</td><td class=\"n\">");
		if (avs_row_share(row, c, &tenths)) {
			avs_fmt_fixed(share, sizeof(share), tenths, 1, 0);
			strcat(share, " %");
			avs_buf_printf(out, "%s</td><td>", share);
			bar(out, tenths, share);
		} else
			avs_buf_printf(out, "%s</td><td>", row->c[c].hidden ||
			    row->c[0].hidden ? "<span class=\"hid\">..</span>" :
			    "");
		avs_buf_adds(out, "</td></tr>\n");
	}
	avs_buf_adds(out, "</table>\n");
	if (row->has_mean) {
		avs_fmt_fixed(share, sizeof(share),
		    (long)(row->mean * 100 + 0.5), 2, 0);
		avs_buf_adds(out, "<p class=\"meta\">");
		esc(out, _("Mean:"), 0);
		avs_buf_printf(out, " %s</p>\n", share);
	}
}

static void
key_figures(const struct avs_report *rp, struct avs_buf *out)
{
	struct avs_kfline kf[AVS_KF_MAX];
	size_t n = avs_keyfig_lines(rp, kf), i;
	char period[64];

	avs_buf_adds(out, "<h2>");
	esc(out, _("Key figures"), 0);
	avs_buf_adds(out, "</h2>\n<table class=\"key\">\n<thead><tr><th></th>"
	    "<th class=\"n\">");
	avs_report_period(&rp->o, period, sizeof(period));
	esc(out, period, 0);
	avs_buf_adds(out, "</th>");
	if (rp->prev != NULL) {
		avs_report_prev_period(rp, period, sizeof(period));
		avs_buf_adds(out, "<th class=\"n\">");
		esc(out, period, 0);
		avs_buf_adds(out, "</th>");
	}
	avs_buf_adds(out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		avs_buf_printf(out, "<tr%s><td>", kf[i].sub ?
		    " class=\"sub\"" : "");
		esc(out, kf[i].label, 0);
		avs_buf_adds(out, "</td><td class=\"n\">");
		esc(out, kf[i].cur, 0);
		avs_buf_adds(out, "</td>");
		if (rp->prev != NULL) {
			avs_buf_adds(out, "<td class=\"n\">");
			esc(out, kf[i].prev, 0);
			avs_buf_adds(out, "</td>");
		}
		avs_buf_adds(out, "</tr>\n");
	}
	avs_buf_adds(out, "</tbody>\n</table>\n");
}

/* --- the trend as SVG -------------------------------------------------- */

#define CW 640		/* chart width, px */
#define CH 180		/* plot height */
#define CL 44		/* left margin */
#define CB 24		/* bottom margin */

static const char *const line_colours[] = { "#2f5f98", "#c0632b",
    "#3f8f4f" };

static void
chart_open(struct avs_buf *out, int height, const char *label)
{
	avs_buf_adds(out, "<h3>");
	esc(out, label, 0);
	avs_buf_adds(out, "</h3>\n");
	avs_buf_printf(out, "<svg class=\"chart\" width=\"%d\" height=\"%d\" "
	    "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", CW, height,
	    CW, height);
	esc(out, label, 0);
	avs_buf_adds(out, "\">\n");
}

/* A horizontal grid line with its value at the left. */
static void
grid(struct avs_buf *out, int y, const char *label)
{
	avs_buf_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#ddd\"/><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s"
	    "</text>\n", CL, y, CW - 4, y, CL - 6, y + 4, label);
}

static void
quarter_labels(struct avs_buf *out, const struct avs_table *t, int step)
{
	size_t r;

	for (r = 0; r < t->ntrend; r++) {
		avs_buf_printf(out, "<text x=\"%d\" y=\"%d\" "
		    "text-anchor=\"middle\">", CL + step / 2 + (int)r * step,
		    CH + 16 + 8);
		esc(out, t->trend[r].keys[0], 0);
		avs_buf_adds(out, "</text>\n");
	}
}

/* Leavers and held interviews per quarter, as pairs of bars. */
static void
volume_chart(struct avs_buf *out, const struct avs_table *t)
{
	long max = 1, v;
	int step = (CW - CL) / (int)t->ntrend, bw = step / 3, x, h, i;
	size_t r, m;
	static const size_t meas[2] = { AVS_M_REGISTERED, AVS_M_HELD };
	static const char *const fill[2] = { "#a9bfd9", "#2f5f98" };
	char num[32];

	for (r = 0; r < t->ntrend; r++)
		if (!t->trend[r].c[0].hidden && t->trend[r].c[0].v > max)
			max = t->trend[r].c[0].v;
	max = (max + max / 8 + 4) / 4 * 4;	/* room for the labels */
	chart_open(out, CH + CB + 8, _("Leavers and held interviews per "
	    "quarter"));
	for (i = 0; i <= 4; i++) {
		snprintf(num, sizeof(num), "%ld", (max * i + 2) / 4);
		grid(out, 8 + CH - CH * i / 4, num);
	}
	for (r = 0; r < t->ntrend; r++)
		for (m = 0; m < 2; m++) {
			const struct avs_cell *c = &t->trend[r].c[meas[m]];

			x = CL + (int)r * step + step / 2 - bw + (int)m * bw;
			if (c->hidden) {
				avs_buf_printf(out, "<text x=\"%d\" y=\"%d\" "
				    "text-anchor=\"middle\">..</text>\n",
				    x + bw / 2, 8 + CH - 4);
				continue;
			}
			v = c->v;
			h = (int)(v * CH / max);
			avs_buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"%d\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" "
			    "text-anchor=\"middle\">%ld</text>\n", x,
			    8 + CH - h, bw - 2, h, fill[m], x + bw / 2,
			    8 + CH - h - 3 < 12 ? 12 : 8 + CH - h - 3, v);
		}
	quarter_labels(out, t, step);
	avs_buf_adds(out, "</svg>\n<p class=\"note\">");
	avs_buf_printf(out, "<svg width=\"10\" height=\"10\"><rect width=\"10\" "
	    "height=\"10\" fill=\"%s\"/></svg> ", fill[0]);
	esc(out, _("Leavers"), 0);
	avs_buf_printf(out, " &#160; <svg width=\"10\" height=\"10\"><rect "
	    "width=\"10\" height=\"10\" fill=\"%s\"/></svg> ", fill[1]);
	esc(out, avs_measure_label(AVS_M_HELD), 0);
	avs_buf_adds(out, "</p>\n");
}

/* The top reasons' shares per quarter, as lines. */
static void
reasons_chart(struct avs_buf *out, const struct avs_keyfigs *k)
{
	const struct avs_table *t = k->reasons;
	int step = (CW - CL) / (int)t->ntrend, x, y, px = 0, py = 0, i;
	size_t r, j;
	long tenths, max = 100;
	char num[32];

	for (j = 0; j < k->ntop; j++)
		for (r = 0; r < t->ntrend; r++)
			if (avs_row_share(&t->trend[r], k->top[j], &tenths) &&
			    tenths > max)
				max = tenths;
	max = (max + 99) / 100 * 100;		/* whole tens of percent */
	chart_open(out, CH + CB + 8, _("The most common primary reasons, "
	    "share per quarter"));
	for (i = 0; i <= 4; i++) {
		snprintf(num, sizeof(num), "%ld %%", max * i / 40);
		grid(out, 8 + CH - CH * i / 4, num);
	}
	for (j = 0; j < k->ntop; j++) {
		int have = 0;

		for (r = 0; r < t->ntrend; r++) {
			if (!avs_row_share(&t->trend[r], k->top[j], &tenths)) {
				have = 0;	/* a gap where hidden */
				continue;
			}
			x = CL + (int)r * step + step / 2;
			y = 8 + CH - (int)(tenths * CH / max);
			if (have)
				avs_buf_printf(out, "<line x1=\"%d\" y1=\"%d\" "
				    "x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
				    "stroke-width=\"2\"/>\n", px, py, x, y,
				    line_colours[j]);
			avs_buf_printf(out, "<circle cx=\"%d\" cy=\"%d\" "
			    "r=\"3.5\" fill=\"%s\"/>\n", x, y, line_colours[j]);
			px = x;
			py = y;
			have = 1;
		}
	}
	quarter_labels(out, t, step);
	avs_buf_adds(out, "</svg>\n<p class=\"note\">");
	for (j = 0; j < k->ntop; j++) {
		avs_buf_printf(out, "%s<svg width=\"14\" height=\"10\"><line "
		    "x1=\"0\" y1=\"5\" x2=\"14\" y2=\"5\" stroke=\"%s\" "
		    "stroke-width=\"3\"/></svg> ", j > 0 ? " &#160; " : "",
		    line_colours[j]);
		esc(out, t->col_label[k->top[j]], 0);
	}
	avs_buf_adds(out, "</p>\n");
}

static void
trend(const struct avs_report *rp, struct avs_buf *out)
{
	const struct avs_table *t = &rp->tables[0];
	struct avs_keyfigs k;

	if (t->ntrend < 2)
		return;
	avs_report_keyfigs(rp, &k);
	avs_buf_adds(out, "<h2>");
	esc(out, _("Trend by quarter"), 0);
	avs_buf_adds(out, "</h2>\n");
	volume_chart(out, t);
	if (k.reasons != NULL && k.ntop > 0)
		reasons_chart(out, &k);
}

/* --- the comparison of groups ------------------------------------------ */

/* A cell shaded by its share, the darker the more: from a tint to
 * dark at max, the largest share of the table. */
static void
heat_cell(struct avs_buf *out, const struct avs_row *row, size_t c,
    int all, long max)
{
	long alpha;
	char share[32];
	long tenths;

	if (row->c[c].hidden || row->c[0].hidden) {
		avs_buf_printf(out, "<td class=\"heat hid%s\">..</td>", all ?
		    " all" : "");
		return;
	}
	if (!avs_row_share(row, c, &tenths)) {
		avs_buf_printf(out, "<td class=\"heat%s\"></td>", all ? " all" :
		    "");
		return;
	}
	avs_fmt_share(share, sizeof(share), tenths);
	alpha = tenths == 0 ? 0 : 60 + 790 * tenths / (max > 0 ? max : 1);
	avs_buf_printf(out, "<td class=\"heat%s\" style=\"background:rgba(47,"
	    "95,152,0.%03ld)%s\">%s <small>(%ld)</small></td>", all ?
	    " all" : "", alpha, alpha > 520 ? ";color:#fff" : "", share,
	    row->c[c].v);
}

static void
compare_table(const struct avs_report *rp, const struct avs_table *t,
    const struct avs_row **cols, size_t ncol, struct avs_buf *out)
{
	struct avs_buf note = AVS_BUF_INIT;
	size_t c, r;
	long max = 0, tenths;

	for (c = 0; c < ncol; c++)
		for (r = 1; r < t->ncols; r++)
			if (avs_row_share(cols[c], r, &tenths) && tenths > max)
				max = tenths;
	avs_buf_adds(out, "<table class=\"cmp\">\n<thead><tr><th></th>");
	for (c = 0; c < ncol; c++) {
		avs_buf_printf(out, "<th class=\"n%s\">", c + 1 == ncol ?
		    " all" : "");
		row_title(rp, cols[c], out);
		avs_buf_adds(out, "</th>");
	}
	avs_buf_adds(out, "</tr></thead>\n<tbody>\n<tr class=\"n\"><td>n</td>");
	for (c = 0; c < ncol; c++) {
		avs_buf_printf(out, "<td class=\"n%s\">", c + 1 == ncol ?
		    " all" : "");
		number(out, &cols[c]->c[0]);
		avs_buf_adds(out, "</td>");
	}
	avs_buf_adds(out, "</tr>\n");
	for (r = 1; r < t->ncols; r++) {
		avs_buf_adds(out, "<tr><td>");
		esc(out, t->col_label[r], 0);
		avs_buf_adds(out, "</td>");
		for (c = 0; c < ncol; c++)
			heat_cell(out, cols[c], r, c + 1 == ncol, max);
		avs_buf_adds(out, "</tr>\n");
	}
	if (t->q->type == AVS_Q_SCALE) {
		avs_buf_adds(out, "<tr class=\"total\"><td>");
		esc(out, _("Mean"), 0);
		avs_buf_adds(out, "</td>");
		for (c = 0; c < ncol; c++) {
			char mean[32];

			avs_buf_printf(out, "<td class=\"n%s\">", c + 1 == ncol ?
			    " all" : "");
			if (cols[c]->has_mean) {
				avs_fmt_fixed(mean, sizeof(mean),
				    (long)(cols[c]->mean * 100 + 0.5), 2, 0);
				avs_buf_adds(out, mean);
			} else if (cols[c]->c[0].v > 0 || cols[c]->c[0].hidden)
				avs_buf_adds(out, "<span class=\"hid\">..</span>");
			avs_buf_adds(out, "</td>");
		}
		avs_buf_adds(out, "</tr>\n");
	}
	avs_buf_adds(out, "</tbody>\n</table>\n");
	avs_hidden_groups(rp, t, &note);
	if (note.len > 0) {
		avs_buf_adds(out, "<p class=\"note\">");
		esc(out, note.p, 0);
		avs_buf_adds(out, "</p>\n");
	}
	avs_buf_free(&note);
}

/* Groups side by side in a table, up to this many; else one by one. */
#define COMPARE_MAX 8

static void
texts(const struct avs_report *rp, struct avs_buf *out)
{
	const struct avs_question *q = NULL;
	size_t k, i;

	avs_buf_adds(out, "<h2>");
	esc(out, _("Free-text answers"), 0);
	avs_buf_adds(out, "</h2>\n");
	if (rp->ntexts == 0) {
		avs_buf_adds(out, "<p>");
		esc(out, _("No group has enough answers to show."), 0);
		avs_buf_adds(out, "</p>\n");
	}
	for (k = 0; k < rp->ntexts; k++) {
		const struct avs_texts *tx = &rp->texts[k];

		if (tx->q != q) {
			q = tx->q;
			avs_buf_adds(out, "<h3>");
			esc(out, q->text[rp->lang], 0);
			avs_buf_adds(out, "</h3>\n");
		}
		avs_buf_adds(out, "<h4>");
		row_title(rp, tx->row, out);
		avs_buf_printf(out, " (%zu)</h4>\n<ul class=\"answers\">\n",
		    tx->n);
		for (i = 0; i < tx->n; i++) {
			avs_buf_adds(out, "<li>");
			esc(out, tx->answers[i], 1);
			avs_buf_adds(out, "</li>\n");
		}
		avs_buf_adds(out, "</ul>\n");
	}
}

void
avs_render_html(const struct avs_report *rp, const char *marking,
    struct avs_buf *out)
{
	size_t k, r;

	heading(rp, marking, out);
	key_figures(rp, out);
	trend(rp, out);
	counts_table(rp, out);
	for (k = 1; k < rp->ntables; k++) {
		const struct avs_table *t = &rp->tables[k];
		size_t ncol;
		const struct avs_row **cols = avs_compare_cols(t, COMPARE_MAX,
		    &ncol);

		if (k == 1) {
			avs_buf_adds(out, "<h2>");
			esc(out, _("Answers"), 0);
			avs_buf_adds(out, "</h2>\n");
		}
		avs_buf_adds(out, "<section>\n<h3>");
		esc(out, t->q->text[rp->lang], 0);
		avs_buf_adds(out, "</h3>\n");
		if (t->rows[t->nrows - 1].c[0].v == 0 &&
		    !t->rows[t->nrows - 1].c[0].hidden) {
			avs_buf_adds(out, "<p class=\"hid\">");
			esc(out, _("(no answers)"), 0);
			avs_buf_adds(out, "</p>\n");
		} else if (cols != NULL) {
			compare_table(rp, t, cols, ncol, out);
		} else {
			question_row(rp, t, &t->rows[t->nrows - 1], out);
			for (r = 0; r + 1 < t->nrows; r++)
				question_row(rp, t, &t->rows[r], out);
		}
		free(cols);
		avs_buf_adds(out, "</section>\n");
	}
	if (rp->o.answers)
		texts(rp, out);
	avs_buf_adds(out, "<p class=\"marking\">");
	esc(out, marking, 0);
	avs_buf_adds(out, "</p>\n</body>\n</html>\n");
}
