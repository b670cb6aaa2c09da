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
 * The hidden cells that every solution fixes: det[cell] = 1.  Returns
 * how many.
 */
static size_t
determined(const struct avs_sdc *s, unsigned char *det)
{
	size_t *col = avs_xcalloc(s->n, sizeof(*col)), *cell, h = 0, i, j, k;
	struct svec *piv, r;
	uint64_t *x[2], seed = 0x9e3779b97f4a7c15ULL, acc;
	size_t ndet = 0, t;

	cell = avs_xcalloc(s->n + 1, sizeof(*cell));
	for (i = 0; i < s->n; i++)
		if (s->hid[i]) {
			cell[h] = i;
			col[i] = h++;
		}
	piv = avs_xcalloc(h + 1, sizeof(*piv));
	for (i = 0; i < s->nsums; i++) {
		const struct sum *q = &s->sums[i];
		size_t *ix = avs_xcalloc(q->n + 1, sizeof(*ix)), m = 0;

		memset(&r, 0, sizeof(r));
		/* Columns of the hidden members; the total is +1, parts -1,
		 * encoded as col * 2 + sign for sorting. */
		for (k = 0; k <= q->n; k++)
			if (s->hid[member(q, k)])
				ix[m++] = col[member(q, k)] * 2 + (k > 0);
		qsort(ix, m, sizeof(*ix), cmp_size);
		for (k = 0; k < m; k++)
			sv_push(&r, ix[k] / 2, ix[k] % 2 ? P - 1 : 1);
		free(ix);
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
	for (k = 0; k < 2; k++) {
		x[k] = avs_xcalloc(h + 1, sizeof(**x));
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
	}
	memset(det, 0, s->n);
	for (j = 0; j < h; j++)
		if (x[0][j] == 0 && x[1][j] == 0) {
			det[cell[j]] = 1;
			ndet++;
		}
	for (j = 0; j < h; j++)
		sv_free(&piv[j]);
	free(piv);
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
