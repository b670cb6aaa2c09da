/*
 * Unit tests: disclosure control of groups in the report (report.c with
 * disclose.c's avs_gdc), through avs_report_add() as avslut-report uses
 * it.
 *
 * The examples of issue 16, then a property test over random small
 * stores checked by an auditor that shares nothing with the solver: it
 * builds the atoms (unit x quarter) from the records it made, reads each
 * shown row of the report as the set of atoms its keys name, finds the
 * null space of the shown rows by dense Gaussian elimination in floating
 * point, and enumerates every set of atoms: a set is given away when it
 * is orthogonal to that null space (its indicator is a combination of
 * shown rows).  No set of 1 to min - 1 interviewees, and no hidden row,
 * may be given away.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "report.h"
#include "tap.h"

#define ABS(x) ((x) < 0 ? -(x) : (x))
#define MAXU 4
#define MAXQ 3
#define MAXA (MAXU * MAXQ)
#define MAXR 64

static const char *const units[MAXU] = { "A", "B", "C", "D" };
static const char *const quarters[MAXQ] = { "2026-Q1", "2026-Q2",
    "2026-Q3" };
static const char *const qdates[MAXQ] = { "2026-02-15", "2026-05-15",
    "2026-08-15" };
static const char *const reasons[] = { "pay", "tasks", "career",
    "workload" };

static struct avs_qset *qs;

static void
answer(struct avs_record *r, const char *id, enum avs_qtype type,
    const char *v)
{
	struct avs_answer a;

	memset(&a, 0, sizeof(a));
	a.id = avs_xstrdup(id);
	a.type = type;
	a.value = avs_xstrdup(v);
	avs_record_put(r, &a);
}

/* n records of unit u leaving in quarter q; answered: sealed with the
 * reason category and a rating, else planned with no answer. */
static void
add(struct avs_report *rp, size_t u, size_t q, int n, int answered,
    unsigned *seed)
{
	char rating[4];

	while (n-- > 0) {
		struct avs_record *r = avs_record_new();

		r->emp.unit = avs_xstrdup(units[u]);
		r->emp.reason = avs_xstrdup("egen-begaran");
		r->emp.employment = avs_xstrdup("tillsvidare");
		snprintf(r->emp.from, sizeof(r->emp.from), "2015-01-01");
		snprintf(r->emp.to, sizeof(r->emp.to), "%s", qdates[q]);
		r->eligible = 1;
		r->state = answered ? AVS_SEALED : AVS_PLANNED;
		if (answered) {
			answer(r, "primary-reason-category", AVS_Q_CHOICE,
			    reasons[rand_r(seed) % 4]);
			snprintf(rating, sizeof(rating), "%d",
			    1 + rand_r(seed) % 5);
			answer(r, "overall-rating", AVS_Q_SCALE, rating);
		}
		avs_report_add(rp, r);
		avs_record_free(r);
	}
}

static struct avs_report *
report(const enum avs_dim *by, size_t nby, long min)
{
	struct avs_report_opts o;

	memset(&o, 0, sizeof(o));
	memcpy(o.today, "2026-12-31", AVS_DATELEN + 1);
	memcpy(o.by, by, nby * sizeof(*by));
	o.nby = nby;
	o.min_group = min;
	return avs_report_new(&o, qs, 0);
}

/* The row of unit u in a report by unit. */
static const struct avs_row *
unit_row(const struct avs_table *t, const char *u)
{
	size_t r;

	for (r = 0; r < t->nrows; r++)
		if (t->rows[r].kind == AVS_ROW_GROUP &&
		    strcmp(t->rows[r].keys[0], u) == 0)
			return &t->rows[r];
	return NULL;
}

static int
row_hidden(const struct avs_table *t, const struct avs_row *row)
{
	size_t c, h = 0;

	for (c = 0; c < t->ncols; c++)
		h += row->c[c].hidden != 0;
	return h == t->ncols ? 1 : h == 0 ? 0 : -1;	/* -1: partly */
}

/* --- the auditor ------------------------------------------------------- */

struct audit {
	long size[MAXA];		/* per atom: records or respondents */
	size_t natoms;
	unsigned char shown[MAXR][MAXA], hidden[MAXR][MAXA];
	size_t nshown, nhidden;
	long hsize[MAXR];
};

/* The atoms a row names: its keys against the grouping. */
static void
row_atoms(const struct avs_report *rp, const struct avs_row *row,
    unsigned char *in)
{
	size_t u, q, i, n;

	for (u = 0; u < MAXU; u++)
		for (q = 0; q < MAXQ; q++) {
			int match = 1;

			if (row->kind == AVS_ROW_TREND) {
				match = strcmp(row->keys[0], quarters[q]) == 0;
			} else if (row->kind != AVS_ROW_TOTAL) {
				n = row->kind == AVS_ROW_SUBTOTAL ? 1 :
				    rp->o.nby;
				for (i = 0; i < n; i++)
					match &= strcmp(row->keys[i],
					    rp->o.by[i] == AVS_BY_UNIT ?
					    units[u] : quarters[q]) == 0;
			}
			in[u * MAXQ + q] = (unsigned char)match;
		}
}

static void
audit_rows(struct audit *au, const struct avs_report *rp,
    const struct avs_table *t, const struct avs_row *rows, size_t n,
    int *partly)
{
	size_t r, a;
	int h;

	for (r = 0; r < n; r++) {
		unsigned char in[MAXA];

		if ((h = row_hidden(t, &rows[r])) < 0)
			*partly = 1;
		row_atoms(rp, &rows[r], in);
		if (h == 0) {
			memcpy(au->shown[au->nshown++], in, MAXA);
		} else {
			memcpy(au->hidden[au->nhidden], in, MAXA);
			for (a = 0, au->hsize[au->nhidden] = 0; a < MAXA; a++)
				au->hsize[au->nhidden] += in[a] ?
				    au->size[a] : 0;
			au->nhidden++;
		}
	}
}

/* Null space of the shown rows: nnull vectors of MAXA. */
static size_t
null_space(const struct audit *au, double null[MAXA][MAXA])
{
	double m[MAXR][MAXA];
	int pivcol[MAXR], isfree[MAXA];
	size_t r, c, i, rank = 0, nn = 0;

	for (r = 0; r < au->nshown; r++)
		for (c = 0; c < MAXA; c++)
			m[r][c] = au->shown[r][c];
	for (c = 0; c < MAXA; c++) {
		size_t best = rank;

		isfree[c] = 1;
		for (r = rank; r < au->nshown; r++)
			if (ABS(m[r][c]) > ABS(m[best][c]))
				best = r;
		if (rank >= au->nshown || ABS(m[best][c]) < 1e-9)
			continue;
		for (i = 0; i < MAXA; i++) {
			double x = m[rank][i];

			m[rank][i] = m[best][i];
			m[best][i] = x;
		}
		for (i = MAXA; i-- > 0;)
			m[rank][i] /= m[rank][c];
		for (r = 0; r < au->nshown; r++)
			if (r != rank && ABS(m[r][c]) > 1e-12) {
				double f = m[r][c];

				for (i = 0; i < MAXA; i++)
					m[r][i] -= f * m[rank][i];
			}
		pivcol[rank++] = (int)c;
		isfree[c] = 0;
	}
	for (c = 0; c < MAXA; c++) {
		if (!isfree[c])
			continue;
		memset(null[nn], 0, sizeof(null[nn]));
		null[nn][c] = 1;
		for (r = 0; r < rank; r++)
			null[nn][pivcol[r]] = -m[r][c];
		nn++;
	}
	return nn;
}

static int
given_away(double null[MAXA][MAXA], size_t nn, const unsigned char *in)
{
	size_t k, a;

	for (k = 0; k < nn; k++) {
		double d = 0;

		for (a = 0; a < MAXA; a++)
			d += in[a] ? null[k][a] : 0;
		if (ABS(d) > 1e-7)
			return 0;
	}
	return 1;
}

/* 0: nothing given away; else a description in why. */
static int
audit(struct audit *au, long min, char *why, size_t n)
{
	double null[MAXA][MAXA];
	size_t nn = null_space(au, null), r, a;
	unsigned long s;
	unsigned char in[MAXA];
	long size;

	for (r = 0; r < au->nshown; r++) {
		for (a = 0, size = 0; a < MAXA; a++)
			size += au->shown[r][a] ? au->size[a] : 0;
		if (size > 0 && size < min) {
			snprintf(why, n, "a shown row of %ld", size);
			return 1;
		}
	}
	for (r = 0; r < au->nhidden; r++)
		if (au->hsize[r] > 0 && given_away(null, nn,
		    au->hidden[r])) {
			snprintf(why, n, "a hidden row of %ld is determined",
			    au->hsize[r]);
			return 1;
		}
	for (s = 1; s < 1UL << MAXA; s++) {
		for (a = 0, size = 0; a < MAXA; a++) {
			in[a] = (s >> a) & 1;
			size += in[a] ? au->size[a] : 0;
		}
		if (size > 0 && size < min && given_away(null, nn, in)) {
			snprintf(why, n, "a set of %ld (atoms %#lx)", size, s);
			return 1;
		}
	}
	return 0;
}

/* --- the examples ------------------------------------------------------ */

/* Units B (18) and C (20) over two quarters, and A (3) in the first. */
static struct avs_report *
three_units(unsigned seed)
{
	enum avs_dim by[1] = { AVS_BY_UNIT };
	struct avs_report *rp = report(by, 1, 5);

	add(rp, 0, 0, 3, 1, &seed);
	add(rp, 1, 0, 10, 1, &seed);
	add(rp, 1, 1, 8, 1, &seed);
	add(rp, 2, 0, 12, 1, &seed);
	add(rp, 2, 1, 8, 1, &seed);
	return rp;
}

static void
one_small_unit(void)
{
	struct avs_report *rp = three_units(1);
	const struct avs_table *t, *counts;
	size_t k, r, nhid;

	avs_report_finish(rp);
	counts = &rp->tables[0];
	for (k = 0; k < rp->ntables; k++) {
		t = &rp->tables[k];
		if (k > 0 && strcmp(t->q->id, "primary-reason-category") != 0)
			continue;
		ok(row_hidden(t, unit_row(t, "A")) == 1, "%s: A (3) hidden "
		    "whole", k == 0 ? "counts" : t->q->id);
		ok(row_hidden(t, unit_row(t, "B")) == 1, "%s: B (18), the "
		    "smaller of the others, hidden as its complement",
		    k == 0 ? "counts" : t->q->id);
		ok(row_hidden(t, unit_row(t, "C")) == 0, "%s: C shown in full",
		    k == 0 ? "counts" : t->q->id);
		ok(row_hidden(t, &t->rows[t->nrows - 1]) == 0, "%s: the "
		    "total shown in full", k == 0 ? "counts" : t->q->id);
		for (r = nhid = 0; r < t->ntrend; r++)
			nhid += row_hidden(t, &t->trend[r]) != 0;
		is_int(t->ntrend, 2, "two quarters in the trend");
		is_int(nhid, 0, "both shown: 23 and 16 leavers");
	}
	ok(!counts->rows[counts->nrows - 1].c[AVS_M_DECLINED].hidden,
	    "a zero of a shown group is shown");
	avs_report_free(rp);
}

static void
two_small_units(void)
{
	struct avs_report *rp = three_units(2);
	const struct avs_table *t;
	unsigned seed = 2;
	size_t k, ncells = 0;

	add(rp, 3, 1, 2, 1, &seed);		/* D: 2 */
	avs_report_finish(rp);
	for (k = 0; k < rp->ntables; k++)
		ncells += rp->tables[k].ncols;
	t = &rp->tables[0];
	ok(row_hidden(t, unit_row(t, "A")) == 1 &&
	    row_hidden(t, unit_row(t, "D")) == 1, "A (3) and D (2) hidden");
	ok(row_hidden(t, unit_row(t, "B")) == 0 &&
	    row_hidden(t, unit_row(t, "C")) == 0, "together they are 5: no "
	    "complement, B and C shown");
	is_int(avs_report_nhidden(rp), 2 * ncells, "exactly the two rows of "
	    "every table hidden");
	avs_report_free(rp);
}

static void
cross_table(void)
{
	enum avs_dim by[2] = { AVS_BY_UNIT, AVS_BY_QUARTER };
	struct avs_report *rp = report(by, 2, 5);
	struct audit au;
	const struct avs_table *t;
	unsigned seed = 3;
	char why[200];
	size_t r;
	int partly = 0, hid;

	/* A: 3 in Q1, 10 in Q2; B: 8 and 9. */
	add(rp, 0, 0, 3, 1, &seed);
	add(rp, 0, 1, 10, 1, &seed);
	add(rp, 1, 0, 8, 1, &seed);
	add(rp, 1, 1, 9, 1, &seed);
	avs_report_finish(rp);
	t = &rp->tables[0];
	memset(&au, 0, sizeof(au));
	au.size[0 * MAXQ + 0] = 3;
	au.size[0 * MAXQ + 1] = 10;
	au.size[1 * MAXQ + 0] = 8;
	au.size[1 * MAXQ + 1] = 9;
	audit_rows(&au, rp, t, t->rows, t->nrows, &partly);
	audit_rows(&au, rp, t, t->trend, t->ntrend, &partly);
	ok(!partly, "cross table: rows hidden whole");
	for (r = hid = 0; r < t->nrows; r++)
		hid += row_hidden(t, &t->rows[r]);
	ok(hid >= 2 && row_hidden(t, &t->rows[0]) == 1, "A in Q1 hidden, "
	    "with a complement (%d rows hidden)", hid);
	ok(audit(&au, 5, why, sizeof(why)) == 0, "cross table with its "
	    "subtotals and the quarters: nothing given away");
	/* The auditor can fail: show the complements again. */
	for (r = 0; r < au.nhidden; r++)
		if (au.hsize[r] >= 5)
			memcpy(au.shown[au.nshown++], au.hidden[r], MAXA);
	ok(audit(&au, 5, why, sizeof(why)) != 0, "without its complements "
	    "the auditor finds A in Q1 given away (%s)", why);
	avs_report_free(rp);
}

/* A large report: 100 units of about 12 leavers over 8 quarters, each
 * unit-quarter of 0 to 3 people (so every atom is small).  No unit is,
 * so nothing is hidden -- and the search for small sets finishes
 * rather than giving up and hiding everything. */
static void
large(void)
{
	enum { U = 100, Q = 8 };
	static long size[U * Q];
	size_t at[U * Q], u, q, n, rows = 0, hid = 0;
	unsigned seed = 7;
	struct avs_gdc *g;

	for (n = 0; n < U * Q; n++)
		size[n] = rand_r(&seed) % 4;
	g = avs_gdc_new(size, U * Q);
	for (u = 0; u < U; u++, rows++) {
		for (q = n = 0; q < Q; q++)
			at[n++] = u * Q + q;
		avs_gdc_row(g, at, n);
	}
	for (q = 0; q < Q; q++, rows++) {
		for (u = n = 0; u < U; u++)
			at[n++] = u * Q + q;
		avs_gdc_row(g, at, n);
	}
	for (n = 0; n < U * Q; n++)
		at[n] = n;
	avs_gdc_row(g, at, n);
	rows++;
	avs_gdc_protect(g, 5);
	for (n = 0; n < rows; n++)
		hid += avs_gdc_hidden(g, n) != 0;
	is_int(hid, 0, "100 units by 8 quarters of 0 to 3 each: no unit is "
	    "small, nothing hidden");
	avs_gdc_free(g);
}

/* --- the property test ------------------------------------------------- */

static int
random_store(unsigned seed, char *why, size_t n)
{
	static const enum avs_dim bys[][2] = { { AVS_BY_UNIT, 0 },
	    { AVS_BY_UNIT, AVS_BY_QUARTER }, { AVS_BY_QUARTER, AVS_BY_UNIT },
	    { AVS_BY_QUARTER, 0 } };
	static const size_t nbys[] = { 1, 2, 2, 1, 0 };
	size_t which = seed % 5, k, u, q;
	long min = 3 + (long)(seed / 5 % 4);
	struct avs_report *rp = report(bys[which < 4 ? which : 0],
	    nbys[which], min);
	long recs[MAXA], resp[MAXA];
	unsigned s = seed;
	int partly = 0, bad = 0;

	for (u = 0; u < MAXU; u++)
		for (q = 0; q < MAXQ; q++) {
			/* Mostly small: a chance of empty, of tiny, of big. */
			int r = (int)(rand_r(&s) % 10), held, planned;

			held = r < 3 ? 0 : r < 7 ? 1 + (int)(rand_r(&s) % 4) :
			    3 + (int)(rand_r(&s) % 7);
			planned = rand_r(&s) % 3 == 0 ? (int)(rand_r(&s) % 3) :
			    0;
			add(rp, u, q, held, 1, &s);
			add(rp, u, q, planned, 0, &s);
			recs[u * MAXQ + q] = held + planned;
			resp[u * MAXQ + q] = held;
		}
	avs_report_finish(rp);
	for (k = 0; k < rp->ntables && !bad; k++) {
		const struct avs_table *t = &rp->tables[k];
		struct audit au;

		if (k > 0 && strcmp(t->q->id, "primary-reason-category") != 0 &&
		    strcmp(t->q->id, "overall-rating") != 0)
			continue;
		memset(&au, 0, sizeof(au));
		memcpy(au.size, k == 0 ? recs : resp, sizeof(au.size));
		audit_rows(&au, rp, t, t->rows, t->nrows, &partly);
		audit_rows(&au, rp, t, t->trend, t->ntrend, &partly);
		if (getenv("T_DEBUG") != NULL && (unsigned)atoi(getenv(
		    "T_DEBUG")) == seed) {
			size_t r2, a2;

			for (a2 = 0; a2 < MAXA; a2++)
				printf("# atom %zu size %ld\n", a2, au.size[a2]);
			for (r2 = 0; r2 < t->nrows + t->ntrend; r2++) {
				const struct avs_row *w = r2 < t->nrows ?
				    &t->rows[r2] : &t->trend[r2 - t->nrows];

				printf("# row kind %d %s %s n=%ld hidden %d\n",
				    w->kind, w->keys ? w->keys[0] : "-",
				    w->keys && w->kind == AVS_ROW_GROUP &&
				    rp->o.nby > 1 ? w->keys[1] : "",
				    w->c[0].v, w->c[0].hidden);
			}
		}
		if (partly) {
			snprintf(why, n, "a row partly hidden");
			bad = 1;
		} else if (audit(&au, min, why, n) != 0)
			bad = 1;
		if (bad) {
			size_t len = strlen(why);

			snprintf(why + len, n - len, " in table %zu, seed %u, "
			    "min %ld", k, seed, min);
		}
	}
	avs_report_free(rp);
	return bad;
}

int
main(void)
{
	struct avs_err err = AVS_ERR_INIT;
	char path[4096], why[300] = "";
	unsigned seed;
	int bad = 0;

	snprintf(path, sizeof(path), "%s/questions/sodermalm.yaml",
	    getenv("AVSLUT_DATADIR") ? getenv("AVSLUT_DATADIR") : ".");
	if (!ok(avs_qset_load(path, &qs, &err) == 0, "load %s", path)) {
		printf("# %s\n", err.msg);
		return tap_done();
	}
	one_small_unit();
	two_small_units();
	cross_table();
	large();
	for (seed = 1; seed <= 500 && !bad; seed++)
		bad = random_store(seed, why, sizeof(why));
	ok(!bad, "500 random stores of 4 units by 3 quarters: the auditor "
	    "finds nothing given away%s%s", bad ? ": " : "", why);
	avs_qset_free(qs);
	return tap_done();
}
