/*
 * render.c -- what the text and HTML renderers say alike.
 */
#include <locale.h>
#include <stdio.h>

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
