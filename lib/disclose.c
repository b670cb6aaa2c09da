/*
 * disclose.c -- primary and complementary cell suppression.
 *
 * Complementary suppression runs in two stages, repeated until neither
 * changes anything:
 *
 *  1. the rule every statistics office applies: a sum with exactly one
 *     hidden member (a part or the total) gives that member away by one
 *     subtraction, so hide one more of its members -- the smallest
 *     non-zero part, which costs the reader the least;
 *  2. a check that no combination of sums does it either: hidden cells
 *     are the unknowns of the linear system the sums make, and a hidden
 *     cell is given away exactly when it takes the same value in every
 *     solution, that is, when it is zero in every solution of the
 *     homogeneous system.  Two random solutions of that system, found
 *     by sparse elimination modulo the prime 2^61 - 1, tell: a cell zero
 *     in both is treated as given away and one more cell of its sums is
 *     hidden.  The randomness (fixed seed, so reports are repeatable)
 *     can only err towards hiding more, never less.
 *
 * Non-negativity still lets a reader bound a hidden cell (it is at most
 * the total it is part of); no cell is ever determined exactly.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "util.h"

#define NONE ((size_t)-1)
#define P ((uint64_t)0x1fffffffffffffffULL)	/* 2^61 - 1, a prime */

struct sum {
	size_t total;
	size_t *parts;
	size_t n;
};

struct avs_sdc {
	long *v;
	unsigned char *hid;
	size_t n, cap;
	struct sum *sums;
	size_t nsums, sumcap;
	size_t *first, *of;	/* the sums each cell is in (CSR) */
};

struct avs_sdc *
avs_sdc_new(void)
{
	return avs_xcalloc(1, sizeof(struct avs_sdc));
}

void
avs_sdc_free(struct avs_sdc *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nsums; i++)
		free(s->sums[i].parts);
	free(s->sums);
	free(s->v);
	free(s->hid);
	free(s->first);
	free(s->of);
	free(s);
}

size_t
avs_sdc_cell(struct avs_sdc *s, long value)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = avs_xreallocarray(s->v, s->cap, sizeof(*s->v));
		s->hid = avs_xreallocarray(s->hid, s->cap, sizeof(*s->hid));
	}
	s->v[s->n] = value;
	s->hid[s->n] = 0;
	return s->n++;
}

void
avs_sdc_hide(struct avs_sdc *s, size_t cell)
{
	s->hid[cell] = 1;
}

int
avs_sdc_hidden(const struct avs_sdc *s, size_t cell)
{
	return s->hid[cell];
}

void
avs_sdc_sum(struct avs_sdc *s, size_t total, const size_t *parts, size_t n)
{
	struct sum *q;

	if (n == 0)
		return;
	if (s->nsums == s->sumcap) {
		s->sumcap = s->sumcap ? s->sumcap * 2 : 32;
		s->sums = avs_xreallocarray(s->sums, s->sumcap,
		    sizeof(*s->sums));
	}
	q = &s->sums[s->nsums++];
	q->total = total;
	q->n = n;
	q->parts = avs_xreallocarray(NULL, n, sizeof(*parts));
	memcpy(q->parts, parts, n * sizeof(*parts));
}

/* Member k of a sum: 0 is the total, 1..n the parts. */
static size_t
member(const struct sum *q, size_t k)
{
	return k == 0 ? q->total : q->parts[k - 1];
}

/* Is cell a a cheaper complement than cell b?  A non-zero count hides
 * more than a zero (which a reader would guess), a small one costs the
 * reader least; the lower number breaks ties, so results repeat. */
static int
cheaper(const struct avs_sdc *s, size_t a, size_t b)
{
	if (b == NONE)
		return 1;
	if ((s->v[a] == 0) != (s->v[b] == 0))
		return s->v[a] != 0;
	if (s->v[a] != s->v[b])
		return s->v[a] < s->v[b];
	return a < b;
}

/* The cheapest shown member of q; a part before the total. */
static size_t
pick(const struct avs_sdc *s, const struct sum *q)
{
	size_t k, c, best = NONE;

	for (k = 1; k <= q->n; k++) {
		c = member(q, k);
		if (!s->hid[c] && cheaper(s, c, best))
			best = c;
	}
	if (best == NONE && !s->hid[q->total])
		best = q->total;
	return best;
}

/* Stage 1: no sum with exactly one hidden member.  Returns whether
 * anything was hidden. */
static int
one_hidden(struct avs_sdc *s)
{
	size_t i, k, nh, c;
	int changed, any = 0;

	do {
		changed = 0;
		for (i = 0; i < s->nsums; i++) {
			const struct sum *q = &s->sums[i];

			for (k = nh = 0; k <= q->n; k++)
				nh += s->hid[member(q, k)];
			if (nh == 1 && (c = pick(s, q)) != NONE) {
				s->hid[c] = 1;
				changed = any = 1;
			}
		}
	} while (changed);
	return any;
}

/* --- stage 2: sparse elimination modulo P ------------------------------ */

struct svec {
	size_t n, cap;
	size_t *idx;
	uint64_t *val;
};

static uint64_t
mulmod(uint64_t a, uint64_t b)
{
	unsigned __int128 r = (unsigned __int128)a * b;
	uint64_t x = (uint64_t)(r & P) + (uint64_t)(r >> 61);

	x = (x & P) + (x >> 61);
	return x >= P ? x - P : x;
}

static uint64_t
powmod(uint64_t a, uint64_t e)
{
	uint64_t r = 1;

	for (; e > 0; e >>= 1, a = mulmod(a, a))
		if (e & 1)
			r = mulmod(r, a);
	return r;
}

static void
sv_push(struct svec *v, size_t idx, uint64_t val)
{
	if (val == 0)
		return;
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 8;
		v->idx = avs_xreallocarray(v->idx, v->cap, sizeof(*v->idx));
		v->val = avs_xreallocarray(v->val, v->cap, sizeof(*v->val));
	}
	v->idx[v->n] = idx;
	v->val[v->n++] = val;
}

static void
sv_free(struct svec *v)
{
	free(v->idx);
	free(v->val);
	memset(v, 0, sizeof(*v));
}

/* r := r - f * p, both sorted by index. */
static void
sv_submul(struct svec *r, uint64_t f, const struct svec *p)
{
	struct svec out = { 0, 0, NULL, NULL };
	size_t i = 0, j = 0;

	while (i < r->n || j < p->n) {
		if (j >= p->n || (i < r->n && r->idx[i] < p->idx[j])) {
			sv_push(&out, r->idx[i], r->val[i]);
			i++;
		} else if (i >= r->n || p->idx[j] < r->idx[i]) {
			sv_push(&out, p->idx[j], (P - mulmod(f, p->val[j])) % P);
			j++;
		} else {
			uint64_t m = mulmod(f, p->val[j]);

			sv_push(&out, r->idx[i], (r->val[i] + P - m) % P);
			i++;
			j++;
		}
	}
	sv_free(r);
	*r = out;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t
next_rand(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return x % (P - 1) + 1;
}

/*
 * Two random solutions x[0], x[1] (h entries each) of the homogeneous
 * system whose equations are rows[0..n) (sparse, sorted, consumed):
 * elimination to echelon form, free unknowns drawn at random, the
 * pivots solved back.  An unknown that is 0 in both is fixed by the
 * equations (barring a chance of about 2^-122).
 */
static void
null_samples(struct svec *rows, size_t n, size_t h, uint64_t *x[2])
{
	struct svec *piv = avs_xcalloc(h + 1, sizeof(*piv)), r;
	uint64_t seed = 0x9e3779b97f4a7c15ULL, acc;
	size_t i, j, k, t;

	for (i = 0; i < n; i++) {
		r = rows[i];
		memset(&rows[i], 0, sizeof(rows[i]));
		while (r.n > 0) {
			t = r.idx[0];
			if (piv[t].n == 0) {
				/* Store with a leading 1. */
				uint64_t inv = powmod(r.val[0], P - 2);

				for (k = 0; k < r.n; k++)
					r.val[k] = mulmod(r.val[k], inv);
				piv[t] = r;
				memset(&r, 0, sizeof(r));
				break;
			}
			sv_submul(&r, r.val[0], &piv[t]);
		}
		sv_free(&r);
	}
	for (k = 0; k < 2; k++)
		for (j = h; j-- > 0;) {
			if (piv[j].n == 0) {
				x[k][j] = next_rand(&seed);
				continue;
			}
			for (acc = 0, i = 1; i < piv[j].n; i++)
				acc = (acc + mulmod(piv[j].val[i],
				    x[k][piv[j].idx[i]])) % P;
			x[k][j] = (P - acc) % P;
		}
	for (j = 0; j < h; j++)
		sv_free(&piv[j]);
	free(piv);
}

/*
 * The hidden cells that every solution fixes: det[cell] = 1.  Returns
 * how many.
 */
static size_t
determined(const struct avs_sdc *s, unsigned char *det)
{
	size_t *col = avs_xcalloc(s->n, sizeof(*col)), *cell, h = 0, i, j, k;
	struct svec *rows = avs_xcalloc(s->nsums + 1, sizeof(*rows));
	uint64_t *x[2];
	size_t ndet = 0;

	cell = avs_xcalloc(s->n + 1, sizeof(*cell));
	for (i = 0; i < s->n; i++)
		if (s->hid[i]) {
			cell[h] = i;
			col[i] = h++;
		}
	for (i = 0; i < s->nsums; i++) {
		const struct sum *q = &s->sums[i];
		size_t *ix = avs_xcalloc(q->n + 1, sizeof(*ix)), m = 0;

		/* Columns of the hidden members; the total is +1, parts -1,
		 * encoded as col * 2 + sign for sorting. */
		for (k = 0; k <= q->n; k++)
			if (s->hid[member(q, k)])
				ix[m++] = col[member(q, k)] * 2 + (k > 0);
		qsort(ix, m, sizeof(*ix), cmp_size);
		for (k = 0; k < m; k++)
			sv_push(&rows[i], ix[k] / 2, ix[k] % 2 ? P - 1 : 1);
		free(ix);
	}
	x[0] = avs_xcalloc(h + 1, sizeof(**x));
	x[1] = avs_xcalloc(h + 1, sizeof(**x));
	null_samples(rows, s->nsums, h, x);
	memset(det, 0, s->n);
	for (j = 0; j < h; j++)
		if (x[0][j] == 0 && x[1][j] == 0) {
			det[cell[j]] = 1;
			ndet++;
		}
	free(rows);
	free(x[0]);
	free(x[1]);
	free(col);
	free(cell);
	return ndet;
}

static void
index_sums(struct avs_sdc *s)
{
	size_t i, k, *fill;

	free(s->first);
	free(s->of);
	s->first = avs_xcalloc(s->n + 1, sizeof(*s->first));
	for (i = 0; i < s->nsums; i++)
		for (k = 0; k <= s->sums[i].n; k++)
			s->first[member(&s->sums[i], k) + 1]++;
	for (i = 0; i < s->n; i++)
		s->first[i + 1] += s->first[i];
	s->of = avs_xcalloc(s->first[s->n] + 1, sizeof(*s->of));
	fill = avs_xcalloc(s->n + 1, sizeof(*fill));
	for (i = 0; i < s->nsums; i++)
		for (k = 0; k <= s->sums[i].n; k++) {
			size_t c = member(&s->sums[i], k);

			s->of[s->first[c] + fill[c]++] = i;
		}
	free(fill);
}

/* Stage 2's remedy: for each given-away cell, hide the cheapest shown
 * member of the sums it is in (one per sum and round).  Returns whether
 * anything was hidden. */
static int
hide_more(struct avs_sdc *s, const unsigned char *det)
{
	unsigned char *touched = avs_xcalloc(s->nsums + 1, 1);
	size_t i, j, k, best, c;
	int any = 0, skip;

	for (i = 0; i < s->n; i++) {
		if (!det[i])
			continue;
		best = NONE;
		skip = 0;
		for (j = s->first[i]; j < s->first[i + 1]; j++)
			skip |= touched[s->of[j]];
		if (skip)
			continue;
		for (j = s->first[i]; j < s->first[i + 1]; j++)
			for (k = 0; k <= s->sums[s->of[j]].n; k++) {
				c = member(&s->sums[s->of[j]], k);
				if (!s->hid[c] && cheaper(s, c, best))
					best = c;
			}
		if (best == NONE)
			continue;
		s->hid[best] = 1;
		any = 1;
		for (j = s->first[best]; j < s->first[best + 1]; j++)
			touched[s->of[j]] = 1;
	}
	free(touched);
	if (any)
		return 1;
	/* Every sum of those cells is hidden already: widen to any sum
	 * with a hidden member. */
	best = NONE;
	for (i = 0; i < s->nsums; i++) {
		const struct sum *q = &s->sums[i];
		int has = 0;

		for (k = 0; k <= q->n; k++)
			has |= s->hid[member(q, k)];
		for (k = 0; has && k <= q->n; k++) {
			c = member(q, k);
			if (!s->hid[c] && cheaper(s, c, best))
				best = c;
		}
	}
	if (best == NONE)
		return 0;
	s->hid[best] = 1;
	return 1;
}

void
avs_sdc_protect(struct avs_sdc *s, long min)
{
	unsigned char *det;
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i] > 0 && s->v[i] < min)
			s->hid[i] = 1;
	index_sums(s);
	det = avs_xcalloc(s->n + 1, 1);
	for (;;) {
		one_hidden(s);
		if (determined(s, det) == 0 || !hide_more(s, det))
			break;
	}
	free(det);
}

/* --- groups: the unknowns are sets of interviewees --------------------- */

/*
 * A reader of a report sees rows (groups, subtotals, totals, quarters),
 * each the figures of a set of atoms -- the finest groups the records
 * fall in, never shown themselves.  A set S of atoms is given away when
 * its indicator vector lies in the span of the shown rows' (then its
 * figures are sums and differences of shown figures), that is, when it
 * is orthogonal to every vector of the null space of the shown rows.
 * Two random null vectors (null_samples) make each atom a signature;
 * S is given away when its signatures sum to zero (a false alarm, of
 * chance 2^-122, would only hide more).
 *
 * Protection: every row of fewer interviewees than the minimum (but
 * some) is hidden; then, while some given-away set S has 1 to min - 1
 * interviewees, the cheapest shown row without which S is no longer
 * given away is hidden -- the smallest, so the report loses the
 * fewest people's figures (a group rather than the total); then a
 * complement that the shown rows give away anyway is shown again.  Atoms
 * of no interviewee count as known: that errs towards hiding more.  The
 * search for S is over sets of atoms with fewer than min interviewees
 * together, met in the middle (find_small); past SEARCH_MAX halves, or a
 * minimum above 2 * HALF_ATOMS + 1, it hides the smallest shown row
 * holding a small atom instead, which also only hides more.
 */

#define SEARCH_MAX 4000000	/* halves listed at most */

struct grow {
	size_t *atoms;
	size_t n;
	long size;
	unsigned char hid, forced;
};

struct avs_gdc {
	long *size;		/* per atom */
	size_t natoms;
	struct grow *rows;
	size_t nrows, cap;
};

struct avs_gdc *
avs_gdc_new(const long *size, size_t natoms)
{
	struct avs_gdc *g = avs_xcalloc(1, sizeof(*g));

	g->size = avs_xcalloc(natoms + 1, sizeof(*g->size));
	memcpy(g->size, size, natoms * sizeof(*size));
	g->natoms = natoms;
	return g;
}

void
avs_gdc_free(struct avs_gdc *g)
{
	size_t i;

	if (g == NULL)
		return;
	for (i = 0; i < g->nrows; i++)
		free(g->rows[i].atoms);
	free(g->rows);
	free(g->size);
	free(g);
}

size_t
avs_gdc_row(struct avs_gdc *g, const size_t *atoms, size_t n)
{
	struct grow *r;
	size_t i;

	if (g->nrows == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 32;
		g->rows = avs_xreallocarray(g->rows, g->cap, sizeof(*g->rows));
	}
	r = &g->rows[g->nrows];
	memset(r, 0, sizeof(*r));
	r->atoms = avs_xreallocarray(NULL, n + 1, sizeof(*atoms));
	memcpy(r->atoms, atoms, n * sizeof(*atoms));
	qsort(r->atoms, n, sizeof(*atoms), cmp_size);
	r->n = n;
	for (i = 0; i < n; i++)
		r->size += g->size[atoms[i]];
	return g->nrows++;
}

void
avs_gdc_hide(struct avs_gdc *g, size_t row)
{
	g->rows[row].hid = g->rows[row].forced = 1;
}

int
avs_gdc_hidden(const struct avs_gdc *g, size_t row)
{
	return g->rows[row].hid;
}

long
avs_gdc_size(const struct avs_gdc *g, size_t row)
{
	return g->rows[row].size;
}

/* Signatures sig[2][atom] of the atoms under the shown rows (skip: one
 * more row taken as hidden, or NONE).  Atoms of no one get none. */
static void
signatures(const struct avs_gdc *g, size_t skip, uint64_t *sig[2])
{
	size_t *col = avs_xcalloc(g->natoms + 1, sizeof(*col)), h = 0, i, k;
	struct svec *rows = avs_xcalloc(g->nrows + 1, sizeof(*rows));
	uint64_t *x[2];
	size_t n = 0;

	for (i = 0; i < g->natoms; i++)
		col[i] = g->size[i] > 0 ? h++ : NONE;
	for (i = 0; i < g->nrows; i++) {
		const struct grow *r = &g->rows[i];

		if (r->hid || i == skip)
			continue;
		for (k = 0; k < r->n; k++)
			if (col[r->atoms[k]] != NONE)
				sv_push(&rows[n], col[r->atoms[k]], 1);
		n++;
	}
	x[0] = avs_xcalloc(h + 1, sizeof(**x));
	x[1] = avs_xcalloc(h + 1, sizeof(**x));
	null_samples(rows, n, h, x);
	for (i = 0; i < g->natoms; i++)
		for (k = 0; k < 2; k++)
			sig[k][i] = col[i] != NONE ? x[k][col[i]] : 0;
	free(x[0]);
	free(x[1]);
	free(rows);
	free(col);
}

static const long *cmp_base;

static int
cmp_by_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;

	if (cmp_base[a] != cmp_base[b])
		return cmp_base[a] < cmp_base[b] ? -1 : 1;
	return a < b ? -1 : a > b;
}

struct search {
	const struct avs_gdc *g;
	uint64_t *sig[2];
	size_t *cand, ncand;	/* atoms of 1 to min - 1, by size */
	size_t *set, nset;	/* the set found */
	size_t *path;
	long min;
	struct half *h;		/* the halves of sets */
	size_t nh, caph, hmax;
};

/* Half of a set: up to HALF_ATOMS atoms, their signature and size. */
#define HALF_ATOMS 8
struct half {
	uint64_t a, b;
	long size;
	size_t at[HALF_ATOMS];
	size_t n;
};

static int
half_cmp(const void *x, const void *y)
{
	const struct half *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	if (p->b != q->b)
		return p->b < q->b ? -1 : 1;
	return p->size < q->size ? -1 : p->size > q->size;
}

/* Every set of at most s->hmax candidates and fewer than min people,
 * from candidate from on; 0, or -1 past SEARCH_MAX of them. */
static int
halves(struct search *s, size_t from, size_t depth, long size, uint64_t a,
    uint64_t b)
{
	struct half *h;
	size_t i, c;

	if (depth > 0) {
		if (s->nh == SEARCH_MAX)
			return -1;
		if (s->nh == s->caph) {
			s->caph = s->caph ? s->caph * 2 : 1024;
			s->h = avs_xreallocarray(s->h, s->caph, sizeof(*s->h));
		}
		h = &s->h[s->nh++];
		h->a = a;
		h->b = b;
		h->size = size;
		h->n = depth;
		memcpy(h->at, s->path, depth * sizeof(*s->path));
	}
	if (depth == s->hmax)
		return 0;
	for (i = from; i < s->ncand; i++) {
		c = s->cand[i];
		if (size + s->g->size[c] >= s->min)
			break;		/* sorted by size: no more fit */
		s->path[depth] = c;
		if (halves(s, i + 1, depth + 1, size + s->g->size[c],
		    (a + s->sig[0][c]) % P, (b + s->sig[1][c]) % P) < 0)
			return -1;
	}
	return 0;
}

static int
disjoint(const struct half *p, const struct half *q)
{
	size_t i, j;

	for (i = 0; i < p->n; i++)
		for (j = 0; j < q->n; j++)
			if (p->at[i] == q->at[j])
				return 0;
	return 1;
}

static void
found(struct search *s, const struct half *p, const struct half *q)
{
	memcpy(s->set, p->at, p->n * sizeof(*p->at));
	s->nset = p->n;
	if (q != NULL) {
		memcpy(s->set + p->n, q->at, q->n * sizeof(*q->at));
		s->nset += q->n;
	}
}

/*
 * A given-away set of 1 to min - 1 interviewees into s->set: 1 found,
 * 0 none, -1 the search was too long.  Meet in the middle: a set has
 * at most min - 1 atoms (each of someone), so it is two disjoint halves
 * of at most ceil((min - 1) / 2) atoms whose signatures cancel; the
 * halves are listed, sorted by signature, and each looks up its match.
 */
static int
find_small(struct search *s)
{
	const struct avs_gdc *g = s->g;
	struct half key;
	size_t i, lo, hi, mid;

	s->ncand = s->nset = s->nh = 0;
	for (i = 0; i < g->natoms; i++)
		if (g->size[i] > 0 && g->size[i] < s->min)
			s->cand[s->ncand++] = i;
	cmp_base = g->size;
	qsort(s->cand, s->ncand, sizeof(*s->cand), cmp_by_size);
	s->hmax = (size_t)(s->min / 2);
	if (s->hmax > HALF_ATOMS || halves(s, 0, 0, 0, 0, 0) < 0)
		return -1;
	if (s->nh > 0)
		qsort(s->h, s->nh, sizeof(*s->h), half_cmp);
	for (i = 0; i < s->nh; i++) {
		const struct half *p = &s->h[i];

		if (p->a == 0 && p->b == 0) {
			found(s, p, NULL);
			return 1;
		}
		key.a = (P - p->a) % P;
		key.b = (P - p->b) % P;
		key.size = 0;
		for (lo = 0, hi = s->nh; lo < hi;) {
			mid = (lo + hi) / 2;
			if (half_cmp(&s->h[mid], &key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < s->nh && s->h[lo].a == key.a &&
		    s->h[lo].b == key.b && p->size + s->h[lo].size < s->min;
		    lo++)
			if (disjoint(p, &s->h[lo])) {
				found(s, p, &s->h[lo]);
				return 1;
			}
	}
	return 0;
}

/* Is the set still given away with row skip hidden too? */
static int
still_given(const struct avs_gdc *g, size_t skip, const size_t *set,
    size_t n)
{
	uint64_t *sig[2], a = 0, b = 0;
	size_t i;

	sig[0] = avs_xcalloc(g->natoms + 1, sizeof(**sig));
	sig[1] = avs_xcalloc(g->natoms + 1, sizeof(**sig));
	signatures(g, skip, sig);
	for (i = 0; i < n; i++) {
		a = (a + sig[0][set[i]]) % P;
		b = (b + sig[1][set[i]]) % P;
	}
	free(sig[0]);
	free(sig[1]);
	return a == 0 && b == 0;
}

static int
row_has(const struct grow *r, const size_t *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (bsearch(&set[i], r->atoms, r->n, sizeof(*r->atoms),
		    cmp_size) != NULL)
			return 1;
	return 0;
}

/* Would hiding row r take something from the reader: is it not given
 * away by the other shown rows? */
static int
independent(const struct avs_gdc *g, size_t r)
{
	return !still_given(g, r, g->rows[r].atoms, g->rows[r].n);
}

/* The row to hide for set (n == 0: the search gave up): the smallest
 * shown row that breaks it; else the smallest shown row that holds an
 * atom of it (or, when the search gave up, a small atom), one the
 * others do not give away first; else the smallest such row of all. */
static size_t
complement(const struct avs_gdc *g, const struct search *s)
{
	size_t *order = avs_xcalloc(g->nrows + 1, sizeof(*order)), n = 0;
	size_t i, best = NONE;
	long *rsize = avs_xcalloc(g->nrows + 1, sizeof(*rsize));
	const size_t *set = s->nset > 0 ? s->set : s->cand;
	size_t nset = s->nset > 0 ? s->nset : s->ncand;

	for (i = 0; i < g->nrows; i++) {
		rsize[i] = g->rows[i].size;
		if (!g->rows[i].hid && g->rows[i].size > 0)
			order[n++] = i;
	}
	cmp_base = rsize;
	qsort(order, n, sizeof(*order), cmp_by_size);
	for (i = 0; s->nset > 0 && i < n && best == NONE; i++)
		if (!still_given(g, order[i], s->set, s->nset))
			best = order[i];
	for (i = 0; i < n && best == NONE; i++)
		if (row_has(&g->rows[order[i]], set, nset) &&
		    independent(g, order[i]))
			best = order[i];
	for (i = 0; i < n && best == NONE; i++)
		if (row_has(&g->rows[order[i]], set, nset))
			best = order[i];
	for (i = 0; i < n && best == NONE; i++)
		if (independent(g, order[i]))
			best = order[i];
	if (best == NONE && n > 0)
		best = order[0];
	free(order);
	free(rsize);
	return best;
}

void
avs_gdc_protect(struct avs_gdc *g, long min)
{
	struct search s;
	size_t i, c;
	int found;

	for (i = 0; i < g->nrows; i++)
		if (g->rows[i].size > 0 && g->rows[i].size < min)
			g->rows[i].hid = 1;
	memset(&s, 0, sizeof(s));
	s.g = g;
	s.min = min;
	s.sig[0] = avs_xcalloc(g->natoms + 1, sizeof(**s.sig));
	s.sig[1] = avs_xcalloc(g->natoms + 1, sizeof(**s.sig));
	s.cand = avs_xcalloc(g->natoms + 1, sizeof(*s.cand));
	s.set = avs_xcalloc(g->natoms + 1, sizeof(*s.set));
	s.path = avs_xcalloc(g->natoms + 1, sizeof(*s.path));
	for (;;) {
		signatures(g, NONE, s.sig);
		if ((found = find_small(&s)) == 0)
			break;
		if (found < 0)
			s.nset = 0;
		if ((c = complement(g, &s)) == NONE)
			break;	/* nothing shown is left to hide */
		g->rows[c].hid = 1;
	}
	/* A complement the shown rows give away hides nothing: show it
	 * (the span, and so what is given away, stays the same). */
	for (i = 0; i < g->nrows; i++) {
		struct grow *r = &g->rows[i];

		if (r->hid && !r->forced && r->size >= min &&
		    still_given(g, NONE, r->atoms, r->n))
			r->hid = 0;
	}
	free(s.sig[0]);
	free(s.sig[1]);
	free(s.cand);
	free(s.set);
	free(s.path);
	free(s.h);
}
