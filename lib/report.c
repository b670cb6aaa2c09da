/*
 * report.c -- tallying records into groups, then the tables with their
 * totals and the trend, protected group by group or cell by cell
 * (disclose.c).
 *
 * Records are tallied into atoms: one per combination of the grouping's
 * keys and the quarter (the trend's).  Atoms are kept sorted in display
 * order, so a lookup is a binary search and a group's atoms lie
 * together: a unit's rows, then its subtotal.  Every row a reader sees
 * -- group, subtotal, total, a quarter of the trend -- is a set of atoms;
 * that is what disclosure control of groups works on.  Memory grows
 * with the number of atoms, not of records.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "i18n.h"
#include "report.h"

const char *const avs_dim_names[] = { "unit", "workplace", "reason",
    "employment", "tenure", "quarter", NULL };
const char *const avs_measure_names[] = { "registered", "offered",
    "declined", "held", "sealed", "no_interview", "eligible",
    "offered_eligible", "declined-avbojt", "declined-ej-antraffbar",
    "declined-ingen-samtalsledare", "declined-annan", NULL };
_Static_assert(sizeof(avs_measure_names) / sizeof(avs_measure_names[0]) ==
    AVS_NMEASURES + 1, "a name for every measure");
/* Upper ends of the tenure bands in months, exclusive. */
static const int band_end[AVS_NTENURE - 1] = { 12, 24, 60, 120 };

/* The questions the key figures read, when the set has them. */
#define Q_REASONS "primary-reason-category"
#define Q_RATING "overall-rating"
#define Q_RETURN "would-return-coded"

static const char *const dim_labels[] = { N_("Unit"), N_("Workplace"),
    N_("Leaving reason"), N_("Employment"), N_("Tenure"), N_("Quarter") };
static const char *const measure_labels[AVS_M_WHY0] = {
    NC_("count", "Registered"),
    N_("Offered"), N_("Declined"), N_("Held"), NC_("count", "Sealed"),
    N_("No interview"), N_("Eligible"), N_("Offered of eligible") };

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

/* Keys: the grouping's, then the quarter of the trend. */
struct group {
	char **keys;
	long m[AVS_NMEASURES];
	long *t;
	struct strv *txt;	/* one per free-text question */
};

/* A row: the atoms it adds up.  Main rows first (the total last), then
 * the trend's quarters, then rows never shown (earlier quarters, no
 * date), which a reader can still work out from the others. */
struct plan {
	enum avs_rowkind kind;
	char *const *keys;
	size_t *at, n;
	int never;
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
	size_t nplan, nmain, ntrend;
};

static int
strcmp_p(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* --- labels ------------------------------------------------------------ */

const char *
avs_dim_label(enum avs_dim d)
{
	return _(dim_labels[d]);
}

const char *
avs_measure_label(enum avs_measure m)
{
	if (m >= AVS_M_WHY0)
		return _(avs_declined_codes.labels[m - AVS_M_WHY0]);
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
avs_record_date(const struct avs_report_opts *o, const struct avs_record *r)
{
	if (o->date == AVS_DATE_INTERVIEW && r->interview_date[0] != '\0')
		return r->interview_date;
	return r->emp.to;
}

int
avs_report_in_period(const struct avs_report_opts *o,
    const struct avs_record *r)
{
	const char *d = avs_record_date(o, r);

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

/* The period before o's of equal length: as many whole months when o's
 * is whole months, else as many days.  0 when o has no start. */
static int
prev_period(const struct avs_report_opts *o, char *since, char *until)
{
	long s, u;
	int months;

	if (o->since[0] == '\0' || avs_date_parse(o->since, &s) != 0 ||
	    avs_date_parse(o->until[0] != '\0' ? o->until : o->today, &u) !=
	    0 || u < s)
		return 0;
	months = avs_date_months_between(s, u + 1);
	if (o->since[8] == '0' && o->since[9] == '1' && months > 0 &&
	    avs_date_add_months(s, months) == u + 1) {
		avs_date_format(avs_date_add_months(s, -months), since);
	} else
		avs_date_format(s - (u - s + 1), since);
	avs_date_format(s - 1, until);
	return 1;
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

static struct avs_report *
report_new(const struct avs_report_opts *o, const struct avs_qset *qs,
    int lang, int with_prev)
{
	struct avs_report *rp = avs_xcalloc(1, sizeof(*rp));
	struct avs_agg *a = avs_xcalloc(1, sizeof(*a));
	struct avs_report_opts po;
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
	po = *o;
	po.nby = 0;
	po.answers = 0;
	if (with_prev && prev_period(o, po.since, po.until))
		rp->prev = report_new(&po, qs, lang, 0);
	return rp;
}

struct avs_report *
avs_report_new(const struct avs_report_opts *o, const struct avs_qset *qs,
    int lang)
{
	return report_new(o, qs, lang, 1);
}

/* The keys a report's atoms are sorted by: the grouping's, then the
 * quarter. */
static size_t
nkeys(const struct avs_report *rp)
{
	return rp->o.nby + 1;
}

static enum avs_dim
key_dim(const struct avs_report *rp, size_t i)
{
	return i < rp->o.nby ? rp->o.by[i] : AVS_BY_QUARTER;
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
keys_cmp(const struct avs_report *rp, char *const *a, const char *const *b,
    size_t n)
{
	size_t i;
	int c;

	for (i = 0; i < n; i++)
		if ((c = key_cmp(key_dim(rp, i), a[i], b[i])) != 0)
			return c;
	return 0;
}

static const char *
record_key(const struct avs_report_opts *o, enum avs_dim d,
    const struct avs_record *r, char *buf)
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
		for (i = 0; i < AVS_NTENURE - 1 && m >= band_end[i]; i++)
			;
		return avs_tenure_bands[i];
	case AVS_BY_QUARTER:
		if (avs_date_parse(avs_record_date(o, r), &day) != 0)
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
	const char *keys[AVS_NDIMS + 1];
	char quarter[AVS_NDIMS + 1][16];
	size_t lo = 0, hi = a->ng, mid, i, nk = nkeys(rp);
	struct group *g;
	int c;

	for (i = 0; i < nk; i++)
		keys[i] = record_key(&rp->o, key_dim(rp, i), r, quarter[i]);
	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = keys_cmp(rp, a->g[mid].keys, keys, nk);
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
	g->keys = avs_xcalloc(nk + 1, sizeof(*g->keys));
	for (i = 0; i < nk; i++)
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

/* Append s, which v now owns. */
static void
strv_take(struct strv *v, char *s)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 8;
		v->s = avs_xreallocarray(v->s, v->cap, sizeof(*v->s));
	}
	v->s[v->n++] = s;
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

/* Offered: the questions sent, a date set, begun or held, or declined by
 * the employee. */
static int
offered(const struct avs_record *r, int h)
{
	return h || r->questions_sent[0] != '\0' ||
	    r->interview_date[0] != '\0' || r->state == AVS_IN_PROGRESS ||
	    (r->state == AVS_DECLINED && (r->declined_why == NULL ||
	    strcmp(r->declined_why, "avbojt") == 0));
}

static void
tally_counts(const struct avs_agg *a, const struct avs_record *r, long *m)
{
	int h = held(r), o = offered(r, h), why;

	m[AVS_M_REGISTERED]++;
	m[AVS_M_OFFERED] += o;
	m[AVS_M_DECLINED] += r->state == AVS_DECLINED;
	m[AVS_M_HELD] += h;
	m[AVS_M_SEALED] += r->state == AVS_SEALED;
	m[AVS_M_NOINTERVIEW] += r->eligible && !h &&
	    (r->state == AVS_PLANNED || r->state == AVS_IN_PROGRESS) &&
	    strcmp(r->emp.to, a->end) <= 0;
	m[AVS_M_ELIGIBLE] += r->eligible != 0;
	m[AVS_M_OFFERED_ELIGIBLE] += r->eligible && o;
	if (r->state == AVS_DECLINED) {
		/* Without a why (or an unknown one): "other". */
		if ((why = avs_code_index(&avs_declined_codes,
		    r->declined_why)) < 0)
			why = AVS_NDECLINED - 1;
		m[AVS_M_WHY0 + why]++;
	}
}

void
avs_report_add(struct avs_report *rp, const struct avs_record *r)
{
	struct avs_agg *a = rp->agg;
	struct group *g;
	const struct avs_answer *ans;
	size_t i;

	if (!avs_report_in_period(&rp->o, r)) {
		if (rp->prev != NULL)
			avs_report_add(rp->prev, r);
		return;
	}
	rp->nrecords++;
	g = find_group(rp, r);
	tally_counts(a, r, g->m);
	for (i = 0; i < a->ncoded; i++)
		tally_coded(&a->coded[i], avs_record_answer(r,
		    a->coded[i].q->id), g->t);
	for (i = 0; g->txt != NULL && i < a->ntextq; i++) {
		ans = avs_record_answer(r, a->textq[i]->id);
		if (avs_answer_given(ans) && ans->type == AVS_Q_TEXT)
			strv_take(&g->txt[i], avs_xstrdup(ans->value));
	}
}

/* --- rows -------------------------------------------------------------- */

static struct plan *
plan_add(struct avs_agg *a, enum avs_rowkind kind, char *const *keys)
{
	struct plan *p = &a->plan[a->nplan++];

	p->kind = kind;
	p->keys = keys;
	p->at = avs_xcalloc(a->ng + 1, sizeof(*p->at));
	return p;
}

static void
plan_range(struct plan *p, size_t g0, size_t g1)
{
	for (; g0 < g1; g0++)
		p->at[p->n++] = g0;
}

/* The rows: groups, a subtotal after each run of one first key when
 * grouped by two or more, the total; then the trend's quarters, the
 * last AVS_TREND_MAX of them, and as rows never shown the earlier ones
 * and the records without a date. */
static void
make_plan(struct avs_report *rp)
{
	struct avs_agg *a = rp->agg;
	size_t i, j, k, nb = rp->o.nby, nq = 0, first;
	const char **qs = avs_xcalloc(a->ng + 1, sizeof(*qs));
	struct plan *p, *early = NULL, *none = NULL;

	a->plan = avs_xcalloc(3 * a->ng + 4, sizeof(*a->plan));
	for (i = 0; i < a->ng && nb > 0; i = j) {
		for (j = i; j < a->ng && key_cmp(rp->o.by[0],
		    a->g[j].keys[0], a->g[i].keys[0]) == 0; j = k) {
			for (k = j; k < a->ng && keys_cmp(rp, a->g[k].keys,
			    (const char *const *)a->g[j].keys, nb) == 0; k++)
				;
			plan_range(plan_add(a, AVS_ROW_GROUP, a->g[j].keys),
			    j, k);
		}
		if (nb > 1)
			plan_range(plan_add(a, AVS_ROW_SUBTOTAL,
			    a->g[i].keys), i, j);
	}
	plan_range(plan_add(a, AVS_ROW_TOTAL, NULL), 0, a->ng);
	a->nmain = a->nplan;
	/* The quarters, in order. */
	for (i = 0; i < a->ng; i++) {
		const char *q = a->g[i].keys[nb];

		if (q == NULL)
			continue;
		for (j = 0; j < nq && strcmp(qs[j], q) != 0; j++)
			;
		if (j == nq)
			qs[nq++] = q;
	}
	qsort(qs, nq, sizeof(*qs), strcmp_p);
	first = nq > AVS_TREND_MAX ? nq - AVS_TREND_MAX : 0;
	for (j = first; j < nq; j++) {
		for (i = 0; i < a->ng && (a->g[i].keys[nb] == NULL ||
		    strcmp(a->g[i].keys[nb], qs[j]) != 0); i++)
			;
		p = plan_add(a, AVS_ROW_TREND, &a->g[i].keys[nb]);
		for (; i < a->ng; i++)
			if (a->g[i].keys[nb] != NULL &&
			    strcmp(a->g[i].keys[nb], qs[j]) == 0)
				p->at[p->n++] = i;
	}
	a->ntrend = nq - first;
	for (i = 0; i < a->ng; i++) {
		const char *q = a->g[i].keys[nb];
		struct plan **pp = q == NULL ? &none : &early;

		if (q != NULL && (first == 0 || strcmp(q, qs[first]) >= 0))
			continue;
		if (*pp == NULL) {
			*pp = plan_add(a, AVS_ROW_TREND, NULL);
			(*pp)->never = 1;
		}
		(*pp)->at[(*pp)->n++] = i;
	}
	free(qs);
}

/* Value of column c of table k in atom g. */
static long
gval(const struct avs_agg *a, const struct group *g, size_t k, size_t c)
{
	return k == 0 ? g->m[c] : g->t[a->coded[k - 1].off + c];
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

/* The row of table t for plan row r: the main rows, then the trend's;
 * NULL for a row never shown. */
static struct avs_row *
row_of(struct avs_table *t, const struct avs_agg *a, size_t r)
{
	if (r < a->nmain)
		return &t->rows[r];
	if (r < a->nmain + a->ntrend)
		return &t->trend[r - a->nmain];
	return NULL;
}

/* --- protection: groups ------------------------------------------------ */

/* Every row of table k shown or hidden whole (disclose.h); a row hidden
 * in the counts is hidden here too.  hid[r] per plan row. */
static void
protect_groups(struct avs_report *rp, size_t k, unsigned char *hid)
{
	struct avs_agg *a = rp->agg;
	long *size = avs_xcalloc(a->ng + 1, sizeof(*size));
	struct avs_gdc *g;
	size_t i, r;

	for (i = 0; i < a->ng; i++)
		size[i] = gval(a, &a->g[i], k, 0);
	g = avs_gdc_new(size, a->ng);
	for (r = 0; r < a->nplan; r++) {
		const struct avs_row *c0 = k > 0 ? row_of(&rp->tables[0], a,
		    r) : NULL;

		avs_gdc_row(g, a->plan[r].at, a->plan[r].n);
		if (a->plan[r].never || (k > 0 && c0->c[0].hidden))
			avs_gdc_hide(g, r);
	}
	avs_gdc_protect(g, rp->o.min_group);
	for (r = 0; r < a->nplan; r++)
		hid[r] = (unsigned char)avs_gdc_hidden(g, r);
	avs_gdc_free(g);
	free(size);
}

/* --- protection: cells ------------------------------------------------- */

/* The sums a reader sees down one column (cell[plan row]): groups to
 * subtotals to the total, quarters to the total, and, when the grouping
 * has the quarter, groups to their quarter. */
static void
column_sums(const struct avs_agg *a, struct avs_sdc *s, const size_t *cell)
{
	size_t *parts = avs_xcalloc(a->nplan + 1, sizeof(*parts));
	size_t r, j, n = 0, nsub = 0, total = a->nmain - 1, in;

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
	if (total > 0)
		avs_sdc_sum(s, cell[total], parts, n);
	for (r = a->nmain, n = 0; r < a->nplan; r++)
		parts[n++] = cell[r];
	avs_sdc_sum(s, cell[total], parts, n);
	/* A quarter that is a union of groups. */
	for (r = a->nmain; r < a->nplan; r++) {
		for (j = 0, n = 0, in = 0; j < total; j++) {
			const struct plan *g = &a->plan[j];

			if (g->kind != AVS_ROW_GROUP || bsearch(&g->at[0],
			    a->plan[r].at, a->plan[r].n, sizeof(size_t),
			    cmp_size) == NULL)
				continue;
			parts[n++] = cell[j];
			in += g->n;
		}
		if (in == a->plan[r].n && n > 1)
			avs_sdc_sum(s, cell[r], parts, n);
	}
	free(parts);
}

/* Each figure protected on its own: a row hidden whole when too few
 * records or respondents, or (a question) when the counts hide its
 * held interviews; declined is the sum of its whys. */
static void
protect_cells(struct avs_report *rp, size_t k, long *val,
    unsigned char *hid)
{
	struct avs_agg *a = rp->agg;
	const struct avs_table *t = &rp->tables[k];
	size_t r, c, nc = t->ncols, *cell, *parts;
	struct avs_sdc *s = avs_sdc_new();
	long min = rp->o.min_group, v;

	cell = avs_xcalloc(a->nplan * nc + 1, sizeof(*cell));
	parts = avs_xcalloc(a->nplan + nc + 1, sizeof(*parts));
	for (r = 0; r < a->nplan; r++) {
		const struct avs_row *c0 = row_of(&rp->tables[0], a, r);

		for (c = 0; c < nc; c++)
			cell[r * nc + c] = avs_sdc_cell(s, val[r * nc + c]);
		v = val[r * nc];
		if (a->plan[r].never || (v > 0 && v < min) || (k > 0 &&
		    c0->c[AVS_M_HELD].hidden))
			for (c = 0; c < nc; c++)
				avs_sdc_hide(s, cell[r * nc + c]);
		if (k > 0 && t->q->type != AVS_Q_MULTI) {
			for (c = 1; c < nc; c++)
				parts[c - 1] = cell[r * nc + c];
			avs_sdc_sum(s, cell[r * nc], parts, nc - 1);
		}
		if (k == 0) {
			for (c = 0; c < AVS_NDECLINED; c++)
				parts[c] = cell[r * nc + AVS_M_WHY0 + c];
			avs_sdc_sum(s, cell[r * nc + AVS_M_DECLINED], parts,
			    AVS_NDECLINED);
		}
	}
	for (c = 0; c < nc; c++) {
		size_t *col = avs_xcalloc(a->nplan + 1, sizeof(*col));

		for (r = 0; r < a->nplan; r++)
			col[r] = cell[r * nc + c];
		column_sums(a, s, col);
		free(col);
	}
	avs_sdc_protect(s, min);
	for (r = 0; r < a->nplan; r++)
		for (c = 0; c < nc; c++)
			hid[r * nc + c] = (unsigned char)avs_sdc_hidden(s,
			    cell[r * nc + c]);
	avs_sdc_free(s);
	free(cell);
	free(parts);
}

/* --- tables ------------------------------------------------------------ */

static void
fill_table(struct avs_report *rp, size_t k)
{
	struct avs_agg *a = rp->agg;
	struct avs_table *t = &rp->tables[k];
	size_t r, c, i, nc = t->ncols;
	long *val = avs_xcalloc(a->nplan * nc + 1, sizeof(*val));
	unsigned char *hid = avs_xcalloc(a->nplan * nc + 1, 1);
	struct avs_row *row;

	t->nrows = a->nmain;
	t->rows = avs_xcalloc(t->nrows + 1, sizeof(*t->rows));
	t->ntrend = a->ntrend;
	t->trend = avs_xcalloc(t->ntrend + 1, sizeof(*t->trend));
	for (r = 0; r < a->nplan; r++)
		for (c = 0; c < nc; c++)
			for (i = 0; i < a->plan[r].n; i++)
				val[r * nc + c] += gval(a,
				    &a->g[a->plan[r].at[i]], k, c);
	if (rp->o.disclosure == AVS_DISCLOSE_CELLS)
		protect_cells(rp, k, val, hid);
	else {
		unsigned char *rh = avs_xcalloc(a->nplan + 1, 1);

		protect_groups(rp, k, rh);
		for (r = 0; r < a->nplan; r++)
			memset(hid + r * nc, rh[r], nc);
		free(rh);
	}
	for (r = 0; r < a->nplan; r++) {
		if ((row = row_of(t, a, r)) == NULL)
			continue;
		row->kind = a->plan[r].kind;
		row->keys = a->plan[r].keys;
		row->c = avs_xcalloc(nc, sizeof(*row->c));
		for (c = 0; c < nc; c++) {
			row->c[c].v = val[r * nc + c];
			row->c[c].hidden = hid[r * nc + c];
		}
	}
	free(val);
	free(hid);
}

static void
means(struct avs_table *t, struct avs_row *rows, size_t n)
{
	size_t r, c;
	double sum;
	int shown;

	for (r = 0; r < n; r++) {
		struct avs_row *row = &rows[r];

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

/* Free text of the groups whose counts are shown, each list long enough;
 * the lists move into rp->texts. */
static void
pick_texts(struct avs_report *rp)
{
	struct avs_agg *a = rp->agg;
	const struct avs_table *counts = &rp->tables[0];
	size_t i, r, j, n;

	if (!rp->o.answers)
		return;
	rp->texts = avs_xcalloc(a->ntextq * a->nmain + 1, sizeof(*rp->texts));
	for (i = 0; i < a->ntextq; i++)
		for (r = 0; r < a->nmain; r++) {
			const struct avs_row *row = &counts->rows[r];
			const struct plan *p = &a->plan[r];
			struct strv v = { NULL, 0, 0 };

			if ((row->kind != AVS_ROW_GROUP &&
			    (row->kind != AVS_ROW_TOTAL || rp->o.nby > 0)) ||
			    row->c[AVS_M_REGISTERED].hidden ||
			    row->c[AVS_M_HELD].hidden)
				continue;
			for (j = n = 0; j < p->n; j++)
				n += a->g[p->at[j]].txt[i].n;
			if ((long)n < rp->o.min_group || n == 0)
				continue;
			for (j = 0; j < p->n; j++) {
				struct strv *w = &a->g[p->at[j]].txt[i];

				while (w->n > 0)
					strv_take(&v, w->s[--w->n]);
			}
			qsort(v.s, v.n, sizeof(*v.s), strcmp_p);
			rp->texts[rp->ntexts++] = (struct avs_texts){
			    a->textq[i], row, v.s, v.n };
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
		if (t->q != NULL && t->q->type == AVS_Q_SCALE) {
			means(t, t->rows, t->nrows);
			means(t, t->trend, t->ntrend);
		}
	}
	pick_texts(rp);
	if (rp->prev != NULL)
		avs_report_finish(rp->prev);
}

const struct avs_table *
avs_report_table(const struct avs_report *rp, const char *id)
{
	size_t k;

	for (k = 1; k < rp->ntables; k++)
		if (strcmp(rp->tables[k].q->id, id) == 0)
			return &rp->tables[k];
	return NULL;
}

size_t
avs_report_nhidden(const struct avs_report *rp)
{
	size_t k, r, c, n = 0;

	for (k = 0; k < rp->ntables; k++) {
		const struct avs_table *t = &rp->tables[k];

		for (r = 0; r < t->nrows + t->ntrend; r++)
			for (c = 0; c < t->ncols; c++)
				n += (r < t->nrows ? t->rows[r] :
				    t->trend[r - t->nrows]).c[c].hidden;
	}
	return n;
}

/* --- key figures ------------------------------------------------------- */

static const struct avs_row *
total_of(const struct avs_table *t)
{
	return t != NULL ? &t->rows[t->nrows - 1] : NULL;
}

static long
rate(const struct avs_cell *num, const struct avs_cell *den, int *ok)
{
	*ok = !num->hidden && !den->hidden && den->v > 0;
	return *ok ? (num->v * 1000 + den->v / 2) / den->v : 0;
}

void
avs_report_keyfigs(const struct avs_report *rp, struct avs_keyfigs *k)
{
	const struct avs_row *tot = total_of(&rp->tables[0]), *row;
	const struct avs_table *t;
	size_t c, i, j;
	long share;

	memset(k, 0, sizeof(*k));
	memcpy(k->m, tot->c, sizeof(k->m));
	k->offer_rate = rate(&tot->c[AVS_M_OFFERED_ELIGIBLE],
	    &tot->c[AVS_M_ELIGIBLE], &k->has_offer_rate);
	k->part_rate = rate(&tot->c[AVS_M_HELD], &tot->c[AVS_M_OFFERED],
	    &k->has_part_rate);
	if ((t = k->reasons = avs_report_table(rp, Q_REASONS)) != NULL) {
		row = total_of(t);
		k->reasons_hidden = row->c[0].hidden;
		for (c = 1; c < t->ncols && !k->reasons_hidden; c++) {
			if (!avs_row_share(row, c, &share) || row->c[c].v == 0)
				continue;
			for (i = 0; i < k->ntop && row->c[k->top[i]].v >=
			    row->c[c].v; i++)
				;
			if (i >= 3)
				continue;
			for (j = k->ntop < 3 ? k->ntop++ : 2; j > i; j--) {
				k->top[j] = k->top[j - 1];
				k->top_share[j] = k->top_share[j - 1];
			}
			k->top[i] = c;
			k->top_share[i] = share;
		}
	}
	if ((row = total_of(avs_report_table(rp, Q_RATING))) != NULL) {
		k->has_mean = row->has_mean;
		k->mean = row->mean;
		k->mean_hidden = row->c[0].hidden;
	}
	if ((t = avs_report_table(rp, Q_RETURN)) != NULL) {
		row = total_of(t);
		for (c = 1; c < t->ncols && strcmp(t->col_id[c], "yes") != 0;
		    c++)
			;
		k->return_hidden = row->c[0].hidden;
		if (c < t->ncols)
			k->has_return = avs_row_share(row, c,
			    &k->return_share);
	}
}

static void
strv_free(char **s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		avs_sfree(s[i]);
	free(s);
}

static void
rows_free(struct avs_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(rows[i].c);
	free(rows);
}

void
avs_report_free(struct avs_report *rp)
{
	struct avs_agg *a;
	size_t i, k;

	if (rp == NULL)
		return;
	avs_report_free(rp->prev);
	a = rp->agg;
	for (k = 0; k < rp->ntables; k++) {
		struct avs_table *t = &rp->tables[k];

		rows_free(t->rows, t->nrows);
		rows_free(t->trend, t->ntrend);
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

		for (k = 0; k < nkeys(rp); k++)
			avs_sfree(g->keys[k]);
		free(g->keys);
		free(g->t);
		for (k = 0; g->txt != NULL && k < a->ntextq; k++)
			strv_free(g->txt[k].s, g->txt[k].n);
		free(g->txt);
	}
	for (i = 0; i < a->nplan; i++)
		free(a->plan[i].at);
	free(a->g);
	free(a->coded);
	free(a->textq);
	free(a->plan);
	free(a);
	free(rp);
}
