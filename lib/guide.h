/*
 * guide.h -- the question guide handed to the employee in advance.
 */
#ifndef AVS_GUIDE_H
#define AVS_GUIDE_H

#include "qset.h"
#include "record.h"
#include "util.h"

/* Render the guide in language lang of the set as plain text (UTF-8,
 * 72 columns).  With a record, greet the employee by name, fill in the
 * header and leave out questions whose condition does not hold. */
void avs_guide(const struct avs_qset *qs, int lang,
    const struct avs_record *r, struct avs_buf *out);
/* Only the header fields (Namn, Befattning, ...) with the record's values
 * (blanks when r is NULL), aligned, followed by an empty line. */
void avs_guide_header(const struct avs_qset *qs, int lang,
    const struct avs_record *r, struct avs_buf *out);

#endif
