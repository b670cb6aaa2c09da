/*
 * guide.h -- the question guide handed to the employee in advance.
 */
#ifndef AVS_GUIDE_H
#define AVS_GUIDE_H

#include "crypto.h"
#include "qset.h"
#include "record.h"
#include "store.h"
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

/* The guide of set qname (NULL: the record's, else the store's default)
 * in language lang (NULL: the record's, else the store's, see
 * avs_config_lang()) into
 * out.  With an id (then st and c are needed), for that record: it must
 * be neither sealed nor declined, and the date the questions were sent is
 * saved in it before the guide is handed over.  st may be NULL without
 * an id. */
int avs_guide_for(struct avs_store *st, struct avs_crypto *c, const char *id,
    const char *qname, const char *lang, struct avs_buf *out,
    struct avs_err *err);

#endif
