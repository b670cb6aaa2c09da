/*
 * render.c -- what the text and HTML renderers say alike.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "render.h"

void
avs_fmt_fixed(char *buf, size_t n, long v, int places, char dp)
{
	const char *mark = localeconv()->decimal_point;
	long unit = places == 2 ? 100 : 10;

	if (dp == 0)
		dp = mark != NULL && *mark == ',' ? ',' : '.';
	snprintf(buf, n, "%ld%c%0*ld", v / unit, dp, places, v % unit);
}

const char *
avs_row_label(const struct avs_report *rp, const struct avs_row *row,
    size_t i)
{
	if (row->kind == AVS_ROW_TOTAL || rp->o.nby == 0)
		return i == 0 ? _("Total") : "";
	if (row->kind == AVS_ROW_SUBTOTAL && i > 0)
		return _("all");
	return avs_key_label(rp->o.by[i], row->keys[i]);
}

void
avs_row_title(const struct avs_report *rp, const struct avs_row *row,
    struct avs_buf *out)
{
	size_t i;

	if (row->kind == AVS_ROW_TOTAL || rp->o.nby == 0) {
		avs_buf_adds(out, _("All"));
		return;
	}
	for (i = 0; i < rp->o.nby; i++) {
		if (i > 0)
			avs_buf_adds(out, " \xc2\xb7 ");	/* · */
		avs_buf_adds(out, avs_row_label(rp, row, i));
	}
}

void
avs_report_notes(const struct avs_report *rp, struct avs_buf *out)
{
	const struct avs_table *counts = &rp->tables[0];
	const struct avs_row *total = &counts->rows[counts->nrows - 1];

	avs_buf_printf(out, _("Made %s. Minimum group size %ld: \"..\" marks "
	    "a figure hidden so that no one can be singled out."),
	    rp->o.today, rp->o.min_group);
	/* The count is the total offered: said only when that is shown. */
	if (!total->c[AVS_M_REGISTERED].hidden) {
		avs_buf_addc(out, ' ');
		avs_buf_printf(out, ngettext("%zu record in the period.",
		    "%zu records in the period.", rp->nrecords), rp->nrecords);
	}
	if (rp->nunreadable > 0) {
		avs_buf_addc(out, ' ');
		avs_buf_printf(out, ngettext("%zu record could not be read "
		    "with your keys.", "%zu records could not be read with "
		    "your keys.", rp->nunreadable), rp->nunreadable);
	}
	if (rp->nbad > 0) {
		avs_buf_addc(out, ' ');
		avs_buf_printf(out, ngettext("%zu record failed verification "
		    "and is left out.", "%zu records failed verification and "
		    "are left out.", rp->nbad), rp->nbad);
	}
}

void
avs_report_grouping(const struct avs_report *rp, struct avs_buf *out)
{
	size_t i;

	avs_buf_adds(out, _("Grouped by:"));
	for (i = 0; i < rp->o.nby; i++)
		avs_buf_printf(out, "%s %s", i > 0 ? "," : "",
		    avs_dim_label(rp->o.by[i]));
}

void
avs_report_prev_period(const struct avs_report *rp, char *buf, size_t n)
{
	if (rp->prev == NULL) {
		snprintf(buf, n, "%s", "");
		return;
	}
	avs_report_period(&rp->prev->o, buf, n);
}

void
avs_fmt_share(char *buf, size_t n, long tenths)
{
	snprintf(buf, n, "%ld %%", (tenths + 5) / 10);
}

#define DASH "\xe2\x80\x93"

static void
fmt_count(char *buf, size_t n, const struct avs_cell *c)
{
	if (c->hidden)
		snprintf(buf, n, "..");
	else
		snprintf(buf, n, "%ld", c->v);
}

/* A rate or share: shown, hidden, or nothing to say. */
static void
fmt_rate(char *buf, size_t n, int has, int hidden, long tenths)
{
	if (has) {
		avs_fmt_fixed(buf, n, tenths, 1, 0);
		strcat(buf, " %");
	} else
		snprintf(buf, n, "%s", hidden ? ".." : DASH);
}

static struct avs_kfline *
kf_add(struct avs_kfline *kf, size_t *n, const char *label, int sub)
{
	struct avs_kfline *l = &kf[(*n)++];

	memset(l, 0, sizeof(*l));
	snprintf(l->label, sizeof(l->label), "%s", label);
	l->sub = sub;
	l->share = -1;
	return l;
}

/* The share of column c in the total of t (a question of rp). */
static void
share_of(const struct avs_report *rp, const char *qid, size_t c, char *buf,
    size_t n, long *tenths)
{
	const struct avs_table *t = avs_report_table(rp, qid);
	const struct avs_row *row;
	long v = 0;
	int has;

	if (t == NULL) {
		snprintf(buf, n, "%s", DASH);
		return;
	}
	row = &t->rows[t->nrows - 1];
	has = avs_row_share(row, c, &v);
	fmt_rate(buf, n, has, row->c[0].hidden, v);
	if (tenths != NULL)
		*tenths = has ? v : -1;
}

/* Line l: the offer rate (part 0) or the participation rate (1). */
static void
rate_line(struct avs_kfline *l, const struct avs_keyfigs *k,
    const struct avs_keyfigs *p, int part)
{
	const struct avs_keyfigs *x[2] = { k, p };
	char *buf[2] = { l->cur, l->prev };
	int i;

	for (i = 0; i < 2 && x[i] != NULL; i++)
		fmt_rate(buf[i], sizeof(l->cur), part ? x[i]->has_part_rate :
		    x[i]->has_offer_rate, x[i]->m[part ? AVS_M_OFFERED :
		    AVS_M_ELIGIBLE].hidden, part ? x[i]->part_rate :
		    x[i]->offer_rate);
	if (part ? k->has_part_rate : k->has_offer_rate)
		l->share = part ? k->part_rate : k->offer_rate;
}

size_t
avs_keyfig_lines(const struct avs_report *rp,
    struct avs_kfline kf[AVS_KF_MAX])
{
	static const enum avs_measure counts[] = { AVS_M_REGISTERED,
	    AVS_M_OFFERED, AVS_M_DECLINED };
	const struct avs_report *pv = rp->prev;
	struct avs_keyfigs k, p;
	struct avs_kfline *l;
	size_t n = 0, i;
	char lab[200];

	avs_report_keyfigs(rp, &k);
	if (pv != NULL)
		avs_report_keyfigs(pv, &p);
	for (i = 0; i < 3 + AVS_NDECLINED + 2; i++) {
		enum avs_measure m = i < 3 ? counts[i] : i < 3 + AVS_NDECLINED ?
		    (enum avs_measure)(AVS_M_WHY0 + i - 3) : i == 3 +
		    AVS_NDECLINED ? AVS_M_HELD : AVS_M_SEALED;

		l = kf_add(kf, &n, m == AVS_M_REGISTERED ?
		    _("Leavers registered") : avs_measure_label(m),
		    m >= AVS_M_WHY0);
		fmt_count(l->cur, sizeof(l->cur), &k.m[m]);
		if (pv != NULL)
			fmt_count(l->prev, sizeof(l->prev), &p.m[m]);
	}
	rate_line(kf_add(kf, &n, _("Offer rate (offered of eligible)"), 0),
	    &k, pv != NULL ? &p : NULL, 0);
	rate_line(kf_add(kf, &n, _("Participation rate (held of offered)"),
	    0), &k, pv != NULL ? &p : NULL, 1);
	if (k.reasons != NULL) {
		l = kf_add(kf, &n, _("Most common primary reasons"), 0);
		snprintf(l->cur, sizeof(l->cur), "%s", k.reasons_hidden ?
		    ".." : k.ntop == 0 ? DASH : "");
		for (i = 0; i < k.ntop; i++) {
			snprintf(lab, sizeof(lab), "%zu. %s", i + 1,
			    k.reasons->col_label[k.top[i]]);
			l = kf_add(kf, &n, lab, 1);
			fmt_rate(l->cur, sizeof(l->cur), 1, 0, k.top_share[i]);
			l->share = k.top_share[i];
			if (pv != NULL)
				share_of(pv, k.reasons->q->id, k.top[i],
				    l->prev, sizeof(l->prev), NULL);
		}
	}
	if (k.has_mean || k.mean_hidden || (pv != NULL && (p.has_mean ||
	    p.mean_hidden))) {
		l = kf_add(kf, &n, _("Mean overall rating"), 0);
		if (k.has_mean)
			avs_fmt_fixed(l->cur, sizeof(l->cur),
			    (long)(k.mean * 100 + 0.5), 2, 0);
		else
			snprintf(l->cur, sizeof(l->cur), "%s", k.mean_hidden ?
			    ".." : DASH);
		if (pv != NULL && p.has_mean)
			avs_fmt_fixed(l->prev, sizeof(l->prev),
			    (long)(p.mean * 100 + 0.5), 2, 0);
		else if (pv != NULL)
			snprintf(l->prev, sizeof(l->prev), "%s", p.mean_hidden ?
			    ".." : DASH);
	}
	if (avs_report_table(rp, "would-return-coded") != NULL) {
		l = kf_add(kf, &n, _("Would consider coming back"), 0);
		fmt_rate(l->cur, sizeof(l->cur), k.has_return,
		    k.return_hidden, k.return_share);
		l->share = k.has_return ? k.return_share : -1;
		if (pv != NULL)
			fmt_rate(l->prev, sizeof(l->prev), p.has_return,
			    p.return_hidden, p.return_share);
	}
	return n;
}

const struct avs_row **
avs_compare_cols(const struct avs_table *t, size_t max, size_t *n)
{
	const struct avs_row **cols;
	size_t r, ng = 0;

	for (r = 0; r < t->nrows; r++)
		ng += t->rows[r].kind == AVS_ROW_GROUP &&
		    !t->rows[r].c[0].hidden;
	*n = 0;
	if (ng > max)
		return NULL;
	cols = avs_xcalloc(ng + 2, sizeof(*cols));
	for (r = 0; r < t->nrows; r++)
		if (t->rows[r].kind == AVS_ROW_GROUP && !t->rows[r].c[0].hidden)
			cols[(*n)++] = &t->rows[r];
	cols[(*n)++] = &t->rows[t->nrows - 1];
	return cols;
}

void
avs_hidden_groups(const struct avs_report *rp, const struct avs_table *t,
    struct avs_buf *out)
{
	struct avs_buf title = AVS_BUF_INIT;
	size_t r, n = 0;

	for (r = 0; r < t->nrows; r++) {
		if (t->rows[r].kind != AVS_ROW_GROUP || !t->rows[r].c[0].hidden)
			continue;
		avs_buf_reset(&title);
		avs_row_title(rp, &t->rows[r], &title);
		avs_buf_printf(out, "%s%s", n++ == 0 ? _("Hidden, too few "
		    "to show: ") : ", ", title.p);
	}
	avs_buf_free(&title);
}
