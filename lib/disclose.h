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

#endif
