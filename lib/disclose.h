/*
 * disclose.h -- disclosure control for the report's tables.
 *
 * A table is a set of cells (counts) and the sums a reader can see
 * between them: a total is the sum of its parts.  Protection hides
 * (primary suppression) every cell counting fewer records than the
 * minimum group size but more than none, and then (complementary
 * suppression) more cells, until no hidden cell can be worked out from
 * the shown ones through the sums: not by one subtraction, and not by
 * combining several (checked by linear algebra).  Hidden cells are all
 * alike to the reader: nothing tells a complementary cell from a small
 * one.
 */
#ifndef AVS_DISCLOSE_H
#define AVS_DISCLOSE_H

#include <stddef.h>

struct avs_sdc;

struct avs_sdc *avs_sdc_new(void);
void avs_sdc_free(struct avs_sdc *s);
/* Add a cell holding a count; returns its number. */
size_t avs_sdc_cell(struct avs_sdc *s, long value);
/* Hide a cell whatever its count (a group below the minimum). */
void avs_sdc_hide(struct avs_sdc *s, size_t cell);
/* The reader knows that total = parts[0] + ... + parts[n - 1]. */
void avs_sdc_sum(struct avs_sdc *s, size_t total, const size_t *parts,
    size_t n);
/* Primary suppression with the minimum min, then complementary
 * suppression until no hidden cell is determined by the shown ones. */
void avs_sdc_protect(struct avs_sdc *s, long min);
int avs_sdc_hidden(const struct avs_sdc *s, size_t cell);

/*
 * Groups (avs_gdc): the unknowns are sets of interviewees.  Atoms are
 * the finest groups, each with its number of interviewees; a row is a
 * set of atoms whose figures the report shows or hides whole.
 * Protection hides every row of 1 to min - 1 interviewees, then more
 * rows, the smallest first, until no set of 1 to min - 1 interviewees
 * has figures that sums and differences of the shown rows give.
 */
struct avs_gdc;

/* size[natoms] is copied. */
struct avs_gdc *avs_gdc_new(const long *size, size_t natoms);
void avs_gdc_free(struct avs_gdc *g);
/* Add a row of the atoms given; returns its number. */
size_t avs_gdc_row(struct avs_gdc *g, const size_t *atoms, size_t n);
/* Hide a row whatever its size (one the report never shows). */
void avs_gdc_hide(struct avs_gdc *g, size_t row);
void avs_gdc_protect(struct avs_gdc *g, long min);
int avs_gdc_hidden(const struct avs_gdc *g, size_t row);
long avs_gdc_size(const struct avs_gdc *g, size_t row);

#endif
