/*
 * Unit tests: lib/disclose.c.  Besides the rules, every protected table
 * is checked by brute force: for each hidden cell there must be another
 * solution of the sums (a change of the hidden cells by -1, 0 or +1 that
 * keeps every sum) in which that cell differs -- so nothing shown pins
 * it down.
 */
#include <stdlib.h>

#include "disclose.h"
#include "tap.h"

#define MAXC 64

struct tbl {
	struct avs_sdc *s;
	size_t ncell;
	size_t sums[32][MAXC + 1];	/* [0] total, then parts */
	size_t nparts[32];
	size_t nsum;
};

static void
sum(struct tbl *t, size_t total, const size_t *parts, size_t n)
{
	size_t i;

	avs_sdc_sum(t->s, total, parts, n);
	t->sums[t->nsum][0] = total;
	for (i = 0; i < n; i++)
		t->sums[t->nsum][i + 1] = parts[i];
	t->nparts[t->nsum++] = n;
}

/* Does every hidden cell lie on a change that keeps all sums? */
static int
undetermined(struct tbl *t)
{
	size_t hid[MAXC], h = 0, i, k, s;
	int d[MAXC], free_[MAXC] = { 0 }, total = 1;
	long combos = 1, n;

	for (i = 0; i < t->ncell; i++)
		if (avs_sdc_hidden(t->s, i))
			hid[h++] = i;
	if (h > 12)
		return -1;	/* too many to enumerate */
	for (i = 0; i < h; i++)
		combos *= 3;
	for (n = 0; n < combos; n++) {
		long m = n;
		int delta[MAXC] = { 0 }, ok = 1;

		for (i = 0; i < h; i++) {
			d[i] = (int)(m % 3) - 1;
			m /= 3;
			delta[hid[i]] = d[i];
		}
		for (s = 0; s < t->nsum && ok; s++) {
			int acc = delta[t->sums[s][0]];

			for (k = 1; k <= t->nparts[s]; k++)
				acc -= delta[t->sums[s][k]];
			ok = acc == 0;
		}
		if (ok)
			for (i = 0; i < h; i++)
				free_[i] |= d[i] != 0;
	}
	for (i = 0; i < h; i++)
		total &= free_[i];
	return total;
}

/* A two-way table with row, column and grand totals.  Cells are numbered
 * row by row; returns the cell numbers in idx[(R+1)*(C+1)], totals last
 * in each row and in the last row. */
static void
table2(struct tbl *t, size_t R, size_t C, const long *v, size_t *idx)
{
	size_t r, c, parts[MAXC];
	long rs, cs[16] = { 0 }, g = 0;

	for (r = 0; r < R; r++) {
		for (c = 0, rs = 0; c < C; c++) {
			idx[r * (C + 1) + c] = avs_sdc_cell(t->s, v[r * C + c]);
			rs += v[r * C + c];
			cs[c] += v[r * C + c];
		}
		idx[r * (C + 1) + C] = avs_sdc_cell(t->s, rs);
		g += rs;
	}
	for (c = 0; c < C; c++)
		idx[R * (C + 1) + c] = avs_sdc_cell(t->s, cs[c]);
	idx[R * (C + 1) + C] = avs_sdc_cell(t->s, g);
	t->ncell = (R + 1) * (C + 1);
	for (r = 0; r <= R; r++) {
		for (c = 0; c < C; c++)
			parts[c] = idx[r * (C + 1) + c];
		sum(t, idx[r * (C + 1) + C], parts, C);
	}
	for (c = 0; c <= C; c++) {
		for (r = 0; r < R; r++)
			parts[r] = idx[r * (C + 1) + c];
		sum(t, idx[R * (C + 1) + c], parts, R);
	}
}

static struct tbl *
tnew(void)
{
	struct tbl *t = calloc(1, sizeof(*t));

	t->s = avs_sdc_new();
	return t;
}

static void
tfree(struct tbl *t)
{
	avs_sdc_free(t->s);
	free(t);
}

int
main(void)
{
	struct tbl *t;
	size_t a, b, c, tot, parts[3], idx[64], i, r;
	unsigned seed = 12345;
	int bad = 0, skipped = 0;

	/* The subtraction case: units of 3, 6 and 7 with the total 16.
	 * Hiding the 3 alone, 16 - 6 - 7 gives it back. */
	t = tnew();
	a = avs_sdc_cell(t->s, 3);
	b = avs_sdc_cell(t->s, 6);
	c = avs_sdc_cell(t->s, 7);
	tot = avs_sdc_cell(t->s, 16);
	parts[0] = a, parts[1] = b, parts[2] = c;
	sum(t, tot, parts, 3);
	t->ncell = 4;
	avs_sdc_protect(t->s, 5);
	ok(avs_sdc_hidden(t->s, a), "a count below the minimum is hidden");
	ok(avs_sdc_hidden(t->s, b), "the smallest other part is hidden with "
	    "it, so 16 - 6 - 7 cannot give the 3 back");
	ok(!avs_sdc_hidden(t->s, c) && !avs_sdc_hidden(t->s, tot),
	    "the rest is shown");
	ok(undetermined(t) == 1, "no hidden cell can be worked out");
	tfree(t);

	/* Nothing below the minimum: nothing hidden; zeros are shown. */
	t = tnew();
	a = avs_sdc_cell(t->s, 0);
	b = avs_sdc_cell(t->s, 6);
	tot = avs_sdc_cell(t->s, 6);
	parts[0] = a, parts[1] = b;
	sum(t, tot, parts, 2);
	avs_sdc_protect(t->s, 5);
	ok(!avs_sdc_hidden(t->s, a) && !avs_sdc_hidden(t->s, b) &&
	    !avs_sdc_hidden(t->s, tot), "zeros and large counts are shown");
	tfree(t);

	/* The complement is a non-zero part rather than a zero. */
	t = tnew();
	a = avs_sdc_cell(t->s, 3);
	b = avs_sdc_cell(t->s, 0);
	c = avs_sdc_cell(t->s, 6);
	tot = avs_sdc_cell(t->s, 9);
	parts[0] = a, parts[1] = b, parts[2] = c;
	sum(t, tot, parts, 3);
	avs_sdc_protect(t->s, 5);
	ok(avs_sdc_hidden(t->s, c) && !avs_sdc_hidden(t->s, b),
	    "the complement is a count a reader cannot guess, not a zero");
	tfree(t);

	/* A hidden total alone is given away by adding its parts. */
	t = tnew();
	a = avs_sdc_cell(t->s, 7);
	b = avs_sdc_cell(t->s, 8);
	tot = avs_sdc_cell(t->s, 15);
	parts[0] = a, parts[1] = b;
	sum(t, tot, parts, 2);
	t->ncell = 3;
	avs_sdc_hide(t->s, tot);
	avs_sdc_protect(t->s, 5);
	ok(avs_sdc_hidden(t->s, a) && !avs_sdc_hidden(t->s, b),
	    "a hidden total takes a part with it");
	ok(undetermined(t) == 1, "and stays hidden");
	tfree(t);

	/* Two hidden rectangles joined by one more hidden cell: every row
	 * and column has two or more hidden cells, yet the joining cell is
	 * row 1 + row 2 - column 1 - column 2 of known figures. */
	{
		static const long v[16] = { 6, 7, 8, 9, 6, 7, 8, 9, 6, 7, 8, 9,
		    6, 7, 8, 9 };
		static const size_t hide[][2] = { { 0, 0 }, { 0, 1 }, { 1, 0 },
		    { 1, 1 }, { 2, 2 }, { 2, 3 }, { 3, 2 }, { 3, 3 },
		    { 0, 2 } };

		t = tnew();
		table2(t, 4, 4, v, idx);
		for (i = 0; i < 9; i++)
			avs_sdc_hide(t->s, idx[hide[i][0] * 5 + hide[i][1]]);
		ok(undetermined(t) == 0, "the joining cell can be worked out "
		    "before protection");
		avs_sdc_protect(t->s, 5);
		ok(undetermined(t) == 1, "after protection no hidden cell can");
		tfree(t);
	}

	/* Random two-way tables: counts below the minimum hidden, nothing
	 * hidden can be worked out. */
	for (r = 0; r < 300; r++) {
		size_t R = 2 + r % 3, C = 2 + (r / 3) % 3;
		long v[16];

		t = tnew();
		for (i = 0; i < R * C; i++) {
			seed = seed * 1103515245 + 12345;
			v[i] = (long)((seed >> 16) % 13);
			if ((seed >> 8) % 4 == 0)
				v[i] = 0;
		}
		table2(t, R, C, v, idx);
		avs_sdc_protect(t->s, 5);
		for (i = 0; i < R * C; i++) {
			size_t cell = idx[(i / C) * (C + 1) + i % C];

			if (v[i] > 0 && v[i] < 5 && !avs_sdc_hidden(t->s, cell))
				bad++;
		}
		switch (undetermined(t)) {
		case -1:
			skipped++;
			break;
		case 0:
			bad++;
			break;
		}
		tfree(t);
	}
	is_int(bad, 0, "300 random tables: every small count hidden, no "
	    "hidden count recoverable (%d too large to enumerate)", skipped);
	ok(skipped < 150, "most random tables were checked exhaustively");
	return tap_done();
}
