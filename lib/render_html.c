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
    "@media print{body{max-width:none;margin:0;font-size:10pt}"
    "h2,h3,h4{break-after:avoid}table,li{break-inside:avoid}"
    "svg,rect{print-color-adjust:exact;-webkit-print-color-adjust:exact}}\n";

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
	counts_table(rp, out);
	for (k = 1; k < rp->ntables; k++) {
		const struct avs_table *t = &rp->tables[k];

		if (k == 1) {
			avs_buf_adds(out, "<h2>");
			esc(out, _("Answers"), 0);
			avs_buf_adds(out, "</h2>\n");
		}
		avs_buf_adds(out, "<section>\n<h3>");
		esc(out, t->q->text[rp->lang], 0);
		avs_buf_adds(out, "</h3>\n");
		question_row(rp, t, &t->rows[t->nrows - 1], out);
		for (r = 0; r + 1 < t->nrows; r++)
			question_row(rp, t, &t->rows[r], out);
		avs_buf_adds(out, "</section>\n");
	}
	if (rp->o.answers)
		texts(rp, out);
	avs_buf_adds(out, "<p class=\"marking\">");
	esc(out, marking, 0);
	avs_buf_adds(out, "</p>\n</body>\n</html>\n");
}
