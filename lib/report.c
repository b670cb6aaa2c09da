/*
 * report.c -- tallying records into groups, then the tables with their
 * totals, protected cell by cell (disclose.c).
 *
 * A group is one combination of keys (unit, quarter, ...).  Groups are
 * kept sorted in display order, so a lookup is a binary search and the
 * rows come out in order: a unit's rows together, then its subtotal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "i18n.h"
#include "report.h"

const char *const avs_dim_names[] = { "unit", "workplace", "reason",
    "employment", "tenure", "quarter", NULL };
const char *const avs_measure_names[] = { "offered", "declined", "held",
    "sealed", "no_interview", NULL };
/* Upper ends of the tenure bands in months, exclusive. */
static const int band_end[] = { 12, 24, 60, 120 };

static const char *const dim_labels[] = { N_("Unit"), N_("Workplace"),
    N_("Leaving reason"), N_("Employment"), N_("Tenure"), N_("Quarter") };
static const char *const measure_labels[] = { N_("Offered"),
    N_("Declined"), N_("Held"), NC_("count", "Sealed"),
    N_("No interview") };

/* A coded question: its tallies sit at off (respondents), then one per
 * option. */
struct coded {
	const struct avs_question *q;
	size_t off, nopt;
};

struct strv {
	char **s;
	size_t n, cap;
};

struct group {
	char **keys;
	long m[AVS_NMEASURES];
	long *t;
	struct strv *txt;	/* one per free-text question */
};

/* Which groups a row adds up: [g0, g1). */
struct plan {
	enum avs_rowkind kind;
	char *const *keys;
	size_t g0, g1;
};

struct avs_agg {
	struct coded *coded;
	size_t ncoded, width;
	const struct avs_question **textq;
	size_t ntextq;
	struct group *g;
	size_t ng, cap;
	char end[AVS_DATELEN + 1];	/* "no interview" up to this day */
	struct plan *plan;
	size_t nplan;
};

/* --- labels ------------------------------------------------------------ */

const char *
avs_dim_label(enum avs_dim d)
{
	return _(dim_labels[d]);
}

const char *
avs_measure_label(enum avs_measure m)
{
	return CX_(measure_labels[m]);
}

static const struct avs_codes *
dim_codes(enum avs_dim d)
{
	switch (d) {
	case AVS_BY_REASON:
		return &avs_reason_codes;
	case AVS_BY_EMPLOYMENT:
		return &avs_employment_codes;
	case AVS_BY_TENURE:
		return &avs_tenure_codes;
	default:
		return NULL;
	}
}

const char *
avs_key_label(enum avs_dim d, const char *key)
{
	const struct avs_codes *codes = dim_codes(d);

	if (key == NULL)
		return _("(not given)");
	return codes != NULL ? avs_code_label(codes, key) : key;
}

/* --- dates ------------------------------------------------------------- */

const char *
avs_record_date(const struct avs_record *r)
{
	return r->interview_date[0] != '\0' ? r->interview_date : r->emp.to;
}

int
avs_report_in_period(const struct avs_report_opts *o,
    const struct avs_record *r)
{
	const char *d = avs_record_date(r);

	return !(o->since[0] != '\0' && strcmp(d, o->since) < 0) &&
	    !(o->until[0] != '\0' && strcmp(d, o->until) > 0);
}

int
avs_month_range(const char *spec, char *since, char *until,
    struct avs_err *err)
{
	char first[AVS_DATELEN + 8];
	long day;

	if (strcmp(spec, "last") == 0) {
		avs_today_str(first);
		memcpy(first + 8, "01", 3);
		avs_date_parse(first, &day);
		day = avs_date_add_months(day, -1);
	} else {
		snprintf(first, sizeof(first), "%.8s-01", spec);
		if (strlen(spec) != 7 || avs_date_parse(first, &day) != 0)
			return avs_fail(err, AVS_EUSAGE, _("--month: \"%.20s\" "
			    "is not a month (YYYY-MM or last)"), spec);
	}
	avs_date_format(day, since);
	avs_date_format(avs_date_add_months(day, 1) - 1, until);
	return 0;
}

void
avs_report_period(const struct avs_report_opts *o, char *buf, size_t n)
{
	if (o->since[0] != '\0' && o->until[0] != '\0')
		snprintf(buf, n, "%s \xe2\x80\x93 %s", o->since, o->until);
	else if (o->since[0] != '\0')
		snprintf(buf, n, _("from %s"), o->since);
	else if (o->until[0] != '\0')
		snprintf(buf, n, _("until %s"), o->until);
	else
		snprintf(buf, n, "%s", _("all dates"));
}

int
avs_row_share(const struct avs_row *row, size_t c, long *tenths)
{
	long n = row->c[0].v;

	if (row->c[c].hidden || row->c[0].hidden || n <= 0)
		return 0;
	*tenths = (row->c[c].v * 1000 + n / 2) / n;
	return 1;
}

/* --- tallying ---------------------------------------------------------- */

static size_t
nopt_of(const struct avs_question *q)
{
	switch (q->type) {
	case AVS_Q_CHOICE:
	case AVS_Q_MULTI:
		return q->nopts;
	case AVS_Q_SCALE:
		return (size_t)(q->smax - q->smin + 1);
	case AVS_Q_YESNO:
		return 2;
	default:
		return 0;
	}
}

struct avs_report *
avs_report_new(const struct avs_report_opts *o, const struct avs_qset *qs,
    int lang)
{
	struct avs_report *rp = avs_xcalloc(1, sizeof(*rp));
	struct avs_agg *a = avs_xcalloc(1, sizeof(*a));
	size_t i;

	rp->o = *o;
	rp->qs = qs;
	rp->lang = lang;
	rp->agg = a;
	memcpy(a->end, o->until[0] != '\0' ? o->until : o->today,
	    AVS_DATELEN + 1);
	a->coded = avs_xcalloc(qs->nquestions + 1, sizeof(*a->coded));
	a->textq = avs_xcalloc(qs->nquestions + 1, sizeof(*a->textq));
	for (i = 0; i < qs->nquestions; i++) {
		const struct avs_question *q = &qs->questions[i];

		if (q->type == AVS_Q_TEXT) {
			a->textq[a->ntextq++] = q;
			continue;
		}
		a->coded[a->ncoded].q = q;
		a->coded[a->ncoded].off = a->width;
		a->coded[a->ncoded].nopt = nopt_of(q);
		a->width += 1 + nopt_of(q);
		a->ncoded++;
	}
	return rp;
}

static int
key_cmp(enum avs_dim d, const char *a, const char *b)
{
	const struct avs_codes *codes = dim_codes(d);
	int c;

	if (a == NULL || b == NULL)
		return (a == NULL) - (b == NULL);	/* not given last */
	if (codes != NULL && (c = avs_code_index(codes, a) -
	    avs_code_index(codes, b)) != 0)
		return c;
	if (d == AVS_BY_UNIT || d == AVS_BY_WORKPLACE)
		if ((c = strcoll(a, b)) != 0)
			return c;
	return strcmp(a, b);
}

static int
keys_cmp(const struct avs_report_opts *o, char *const *a,
    const char *const *b)
{
	size_t i;
	int c;

	for (i = 0; i < o->nby; i++)
		if ((c = key_cmp(o->by[i], a[i], b[i])) != 0)
			return c;
	return 0;
}

static const char *
record_key(enum avs_dim d, const struct avs_record *r, char *buf)
{
	long from, to, day;
	int y, qn, m, i;

	switch (d) {
	case AVS_BY_UNIT:
		return r->emp.unit;
	case AVS_BY_WORKPLACE:
		return r->emp.workplace;
	case AVS_BY_REASON:
		return r->emp.reason;
	case AVS_BY_EMPLOYMENT:
		return r->emp.employment;
	case AVS_BY_TENURE:
		if (avs_date_parse(r->emp.from, &from) != 0 ||
		    avs_date_parse(r->emp.to, &to) != 0)
			return NULL;
		m = avs_date_months_between(from, to);
		for (i = 0; i < 4 && m >= band_end[i]; i++)
			;
		return avs_tenure_bands[i];
	case AVS_BY_QUARTER:
		if (avs_date_parse(avs_record_date(r), &day) != 0)
			return NULL;
		avs_date_quarter(day, &y, &qn);
		snprintf(buf, 16, "%04d-Q%d", y, qn);
		return buf;
	default:
		return NULL;
	}
}

static struct group *
find_group(struct avs_report *rp, const struct avs_record *r)
{
	struct avs_agg *a = rp->agg;
	const char *keys[AVS_NDIMS];
	char quarter[16];
	size_t lo = 0, hi = a->ng, mid, i;
	struct group *g;
	int c;

	for (i = 0; i < rp->o.nby; i++)
		keys[i] = record_key(rp->o.by[i], r, quarter);
	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = keys_cmp(&rp->o, a->g[mid].keys, keys);
		if (c == 0)
			return &a->g[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (a->ng == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		a->g = avs_xreallocarray(a->g, a->cap, sizeof(*a->g));
	}
	memmove(&a->g[lo + 1], &a->g[lo], (a->ng - lo) * sizeof(*a->g));
	a->ng++;
	g = &a->g[lo];
	memset(g, 0, sizeof(*g));
	g->keys = avs_xcalloc(rp->o.nby + 1, sizeof(*g->keys));
	for (i = 0; i < rp->o.nby; i++)
		g->keys[i] = keys[i] != NULL ? avs_xstrdup(keys[i]) : NULL;
	g->t = avs_xcalloc(a->width + 1, sizeof(*g->t));
	if (rp->o.answers)
		g->txt = avs_xcalloc(a->ntextq + 1, sizeof(*g->txt));
	return g;
}

/* The option number of an answer value, or -1. */
static long
option_of(const struct avs_question *q, const char *v)
{
	char *end;
	long n;
	size_t i;

	switch (q->type) {
	case AVS_Q_CHOICE:
	case AVS_Q_MULTI:
		for (i = 0; i < q->nopts; i++)
			if (strcmp(q->opts[i].id, v) == 0)
				return (long)i;
		return -1;
	case AVS_Q_SCALE:
		n = strtol(v, &end, 10);
		if (end == v || *end != '\0' || n < q->smin || n > q->smax)
			return -1;
		return n - q->smin;
	case AVS_Q_YESNO:
		return strcmp(v, "yes") == 0 ? 0 : strcmp(v, "no") == 0 ? 1 :
		    -1;
	default:
		return -1;
	}
}

static void
tally_coded(const struct coded *cd, const struct avs_answer *ans, long *t)
{
	long o, seen[64];
	size_t i, j, ns = 0;

	if (!avs_answer_given(ans) || ans->type != cd->q->type)
		return;
	if (cd->q->type != AVS_Q_MULTI) {
		if ((o = option_of(cd->q, ans->value)) < 0)
			return;
		t[cd->off]++;
		t[cd->off + 1 + (size_t)o]++;
		return;
	}
	/* Each option once per record. */
	for (i = 0; ans->values[i] != NULL && ns < 64; i++) {
		if ((o = option_of(cd->q, ans->values[i])) < 0)
			continue;
		for (j = 0; j < ns && seen[j] != o; j++)
			;
		if (j == ns)
			seen[ns++] = o;
	}
	if (ns == 0)
		return;
	t[cd->off]++;
	for (j = 0; j < ns; j++)
		t[cd->off + 1 + (size_t)seen[j]]++;
}

static void
strv_add(struct strv *v, const char *s)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 8;
		v->s = avs_xreallocarray(v->s, v->cap, sizeof(*v->s));
	}
	v->s[v->n++] = avs_xstrdup(s);
}

static int
held(const struct avs_record *r)
{
	size_t i;

	if (r->state == AVS_SEALED)
		return 1;
	for (i = 0; i < r->nanswers; i++)
		if (avs_answer_given(&r->answers[i]))
			return 1;
	return 0;
}

void
avs_report_add(struct avs_report *rp, const struct avs_record *r)
{
	struct avs_agg *a = rp->agg;
	struct group *g;
	const struct avs_answer *ans;
	size_t i;
	int h;

	if (!avs_report_in_period(&rp->o, r))
		return;
	rp->nrecords++;
	g = find_group(rp, r);
	h = held(r);
	g->m[AVS_M_OFFERED]++;
	g->m[AVS_M_DECLINED] += r->state == AVS_DECLINED;
	g->m[AVS_M_HELD] += h;
	g->m[AVS_M_SEALED] += r->state == AVS_SEALED;
	g->m[AVS_M_NOINTERVIEW] += r->eligible && !h &&
	    (r->state == AVS_PLANNED || r->state == AVS_IN_PROGRESS) &&
	    strcmp(r->emp.to, a->end) <= 0;
	for (i = 0; i < a->ncoded; i++)
		tally_coded(&a->coded[i], avs_record_answer(r,
		    a->coded[i].q->id), g->t);
	for (i = 0; g->txt != NULL && i < a->ntextq; i++) {
		ans = avs_record_answer(r, a->textq[i]->id);
		if (avs_answer_given(ans) && ans->type == AVS_Q_TEXT)
			strv_add(&g->txt[i], ans->value);
	}
}

/* --- tables ------------------------------------------------------------ */

/* The rows: groups, a subtotal after each run of one first key when
 * grouped by two or more, and the total. */
static void
make_plan(struct avs_report *rp)
{
	struct avs_agg *a = rp->agg;
	size_t i, j;

	a->plan = avs_xcalloc(2 * a->ng + 2, sizeof(*a->plan));
	if (rp->o.nby == 0) {
		a->plan[a->nplan++] = (struct plan){ AVS_ROW_TOTAL, NULL, 0,
		    a->ng };
		return;
	}
	for (i = 0; i < a->ng; i = j) {
		for (j = i; j < a->ng && key_cmp(rp->o.by[0],
		    a->g[j].keys[0], a->g[i].keys[0]) == 0; j++)
			a->plan[a->nplan++] = (struct plan){ AVS_ROW_GROUP,
			    a->g[j].keys, j, j + 1 };
		if (rp->o.nby > 1)
			a->plan[a->nplan++] = (struct plan){ AVS_ROW_SUBTOTAL,
			    a->g[i].keys, i, j };
	}
	a->plan[a->nplan++] = (struct plan){ AVS_ROW_TOTAL, NULL, 0, a->ng };
}

/* Value of column c of table k in group g. */
static long
gval(const struct avs_agg *a, const struct group *g, size_t k, size_t c)
{
	return k == 0 ? g->m[c] : g->t[a->coded[k - 1].off + c];
}

/* The sums a reader sees down column c (cells cell[row]). */
static void
column_sums(const struct avs_agg *a, struct avs_sdc *s, const size_t *cell)
{
	size_t *parts = avs_xcalloc(a->nplan + 1, sizeof(*parts));
	size_t r, n = 0, nsub = 0, total = a->nplan - 1;

	for (r = 0; r < total; r++)
		nsub += a->plan[r].kind == AVS_ROW_SUBTOTAL;
	for (r = 0; r < total; r++) {
		if (a->plan[r].kind == AVS_ROW_SUBTOTAL) {
			avs_sdc_sum(s, cell[r], parts, n);
			n = 0;
			continue;
		}
		parts[n++] = cell[r];
	}
	if (nsub > 0)
		for (r = 0, n = 0; r < total; r++) {
			if (a->plan[r].kind == AVS_ROW_SUBTOTAL)
				parts[n++] = cell[r];
		}
	avs_sdc_sum(s, cell[total], parts, n);
	free(parts);
}

static void
table_cols(struct avs_report *rp, struct avs_table *t)
{
	const struct avs_question *q = t->q;
	size_t i;

	t->col_id = avs_xcalloc(t->ncols + 1, sizeof(char *));
	t->col_label = avs_xcalloc(t->ncols + 1, sizeof(char *));
	if (q == NULL) {
		for (i = 0; i < t->ncols; i++) {
			t->col_id[i] = avs_xstrdup(avs_measure_names[i]);
			t->col_label[i] = avs_xstrdup(avs_measure_label(
			    (enum avs_measure)i));
		}
		return;
	}
	t->col_id[0] = avs_xstrdup("respondents");
	t->col_label[0] = avs_xstrdup(_("Respondents"));
	for (i = 1; i < t->ncols; i++) {
		if (q->type == AVS_Q_SCALE) {
			long v = q->smin + (long)i - 1;
			char **end = v == q->smin ? q->low : v == q->smax ?
			    q->high : NULL;

			t->col_id[i] = avs_xasprintf("%ld", v);
			t->col_label[i] = end != NULL ? avs_xasprintf("%ld %s",
			    v, end[rp->lang]) : avs_xasprintf("%ld", v);
		} else if (q->type == AVS_Q_YESNO) {
			t->col_id[i] = avs_xstrdup(i == 1 ? "yes" : "no");
			t->col_label[i] = avs_xstrdup(i == 1 ? _("yes") :
			    _("no"));
		} else {
			t->col_id[i] = avs_xstrdup(q->opts[i - 1].id);
			t->col_label[i] = avs_xstrdup(
			    q->opts[i - 1].text[rp->lang]);
		}
	}
}

/* Fill table k's cells from the groups and protect them.  For a
 * question, a row is hidden whole when its respondents are too few or
 * its group's count of held interviews is hidden. */
static void
fill_table(struct avs_report *rp, size_t k)
{
	struct avs_agg *a = rp->agg;
	struct avs_table *t = &rp->tables[k];
	const struct avs_table *counts = &rp->tables[0];
	size_t r, c, g, nc = t->ncols, *cell, *parts;
	struct avs_sdc *s = avs_sdc_new();
	long min = rp->o.min_group, v;

	t->nrows = a->nplan;
	t->rows = avs_xcalloc(t->nrows, sizeof(*t->rows));
	cell = avs_xcalloc(t->nrows * nc + 1, sizeof(*cell));
	parts = avs_xcalloc(nc + 1, sizeof(*parts));
	for (r = 0; r < t->nrows; r++) {
		t->rows[r].kind = a->plan[r].kind;
		t->rows[r].keys = a->plan[r].keys;
		t->rows[r].c = avs_xcalloc(nc, sizeof(*t->rows[r].c));
		for (c = 0; c < nc; c++) {
			for (v = 0, g = a->plan[r].g0; g < a->plan[r].g1; g++)
				v += gval(a, &a->g[g], k, c);
			t->rows[r].c[c].v = v;
			cell[r * nc + c] = avs_sdc_cell(s, v);
		}
		v = t->rows[r].c[0].v;
		if ((v > 0 && v < min) || (k > 0 &&
		    counts->rows[r].c[AVS_M_HELD].hidden))
			for (c = 0; c < nc; c++)
				avs_sdc_hide(s, cell[r * nc + c]);
		if (k > 0 && t->q->type != AVS_Q_MULTI) {
			for (c = 1; c < nc; c++)
				parts[c - 1] = cell[r * nc + c];
			avs_sdc_sum(s, cell[r * nc], parts, nc - 1);
		}
	}
	/* Columns: each its own sums; the counts' columns are unrelated,
	 * a question's are tied by the rows. */
	for (c = 0; c < nc; c++) {
		size_t *col = avs_xcalloc(t->nrows + 1, sizeof(*col));

		for (r = 0; r < t->nrows; r++)
			col[r] = cell[r * nc + c];
		if (t->nrows > 1)
			column_sums(a, s, col);
		free(col);
	}
	avs_sdc_protect(s, min);
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < nc; c++)
			t->rows[r].c[c].hidden = avs_sdc_hidden(s,
			    cell[r * nc + c]);
	avs_sdc_free(s);
	free(cell);
	free(parts);
}

static void
means(struct avs_table *t)
{
	size_t r, c;
	double sum;
	int shown;

	for (r = 0; r < t->nrows; r++) {
		struct avs_row *row = &t->rows[r];

		for (c = 0, shown = 1, sum = 0; c < t->ncols; c++) {
			shown &= !row->c[c].hidden;
			if (c > 0)
				sum += (double)(t->q->smin + (long)c - 1) *
				    (double)row->c[c].v;
		}
		if (shown && row->c[0].v > 0) {
			row->has_mean = 1;
			row->mean = sum / (double)row->c[0].v;
		}
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Free text of the groups whose counts are shown, each list long enough;
 * the lists move into rp->texts. */
static void
pick_texts(struct avs_report *rp)
{
	struct avs_agg *a = rp->agg;
	const struct avs_table *counts = &rp->tables[0];
	size_t i, r;

	if (!rp->o.answers)
		return;
	rp->texts = avs_xcalloc(a->ntextq * a->nplan + 1, sizeof(*rp->texts));
	for (i = 0; i < a->ntextq; i++)
		for (r = 0; r < a->nplan; r++) {
			const struct avs_row *row = &counts->rows[r];
			struct strv *v;

			if ((row->kind != AVS_ROW_GROUP &&
			    (row->kind != AVS_ROW_TOTAL || rp->o.nby > 0)) ||
			    a->plan[r].g1 != a->plan[r].g0 + 1 ||
			    row->c[AVS_M_OFFERED].hidden ||
			    row->c[AVS_M_HELD].hidden)
				continue;
			v = &a->g[a->plan[r].g0].txt[i];
			if ((long)v->n < rp->o.min_group || v->n == 0)
				continue;
			qsort(v->s, v->n, sizeof(*v->s), cmp_str);
			rp->texts[rp->ntexts++] = (struct avs_texts){
			    a->textq[i], row, v->s, v->n };
			memset(v, 0, sizeof(*v));
		}
}

void
avs_report_finish(struct avs_report *rp)
{
	struct avs_agg *a = rp->agg;
	size_t k;

	make_plan(rp);
	rp->ntables = 1 + a->ncoded;
	rp->tables = avs_xcalloc(rp->ntables, sizeof(*rp->tables));
	for (k = 0; k < rp->ntables; k++) {
		struct avs_table *t = &rp->tables[k];

		t->q = k == 0 ? NULL : a->coded[k - 1].q;
		t->ncols = k == 0 ? AVS_NMEASURES : 1 + a->coded[k - 1].nopt;
		table_cols(rp, t);
		fill_table(rp, k);
		if (t->q != NULL && t->q->type == AVS_Q_SCALE)
			means(t);
	}
	pick_texts(rp);
}

static void
strv_free(char **s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		avs_sfree(s[i]);
	free(s);
}

void
avs_report_free(struct avs_report *rp)
{
	struct avs_agg *a;
	size_t i, k;

	if (rp == NULL)
		return;
	a = rp->agg;
	for (k = 0; k < rp->ntables; k++) {
		struct avs_table *t = &rp->tables[k];

		for (i = 0; i < t->nrows; i++)
			free(t->rows[i].c);
		free(t->rows);
		for (i = 0; i < t->ncols; i++) {
			free(t->col_id[i]);
			free(t->col_label[i]);
		}
		free(t->col_id);
		free(t->col_label);
	}
	free(rp->tables);
	for (i = 0; i < rp->ntexts; i++)
		strv_free(rp->texts[i].answers, rp->texts[i].n);
	free(rp->texts);
	for (i = 0; i < a->ng; i++) {
		struct group *g = &a->g[i];

		for (k = 0; k < rp->o.nby; k++)
			avs_sfree(g->keys[k]);
		free(g->keys);
		free(g->t);
		for (k = 0; g->txt != NULL && k < a->ntextq; k++)
			strv_free(g->txt[k].s, g->txt[k].n);
		free(g->txt);
	}
	free(a->g);
	free(a->coded);
	free(a->textq);
	free(a->plan);
	free(a);
	free(rp);
}
