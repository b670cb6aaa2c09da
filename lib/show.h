/*
 * show.h -- one record for its reader (a copy fit to hand the employee
 * on request), and the listing of records for scripts.
 */
#ifndef AVS_SHOW_H
#define AVS_SHOW_H

#include <stddef.h>

#include "crypto.h"
#include "qset.h"
#include "record.h"
#include "store.h"
#include "util.h"

/* The record as text, 72 columns: the marking at the top and the
 * bottom, the header fields of set qs in language lang, the facts, every
 * question as asked with its answer, and the seal (sealed records reach
 * this only with a seal that verifies).  What users typed is made safe
 * for a terminal. */
void avs_show_text(const struct avs_record *r, const struct avs_qset *qs,
    int lang, const char *marking, struct avs_buf *out);

/* The reader's words for a record's state and its interviewer's role,
 * in the user's locale. */
/* Record id for its reader into out: as text (avs_show_text, with the set
 * it was asked from, else the store's default) or, with yaml, the
 * decrypted document exactly as stored.  A sealed record whose seal does
 * not verify is AVS_EINTEGRITY. */
int avs_show(struct avs_store *st, struct avs_crypto *c, const char *id,
    int yaml, struct avs_buf *out, struct avs_err *err);

const char *avs_state_label(enum avs_state s);
const char *avs_role_label(const char *role);

/* The listing: one row per record, sorted by id. */
struct avs_listing;

struct avs_listing *avs_listing_new(void);
/* Keep only records in the states of the mask states (1 << AVS_SEALED,
 * ...; 0: every state) and, when match is not NULL, whose employee's
 * name contains match without regard to case or accents (fold.h). */
void avs_listing_filter(struct avs_listing *l, unsigned states,
    const char *match);
void avs_listing_add(struct avs_listing *l, const struct avs_record *r);
/* Text for people: the columns that fit width, most needed first (id,
 * state, employed to, name, title, interview, interviewer, unit,
 * sealed), names cut by display width. */
void avs_listing_text(struct avs_listing *l, size_t width,
    struct avs_buf *out);
/* CSV: id,state,registered,interview_date,employed_to,sealed,interviewer,
 * unit,name,title (avslut-report(1)). */
void avs_listing_csv(struct avs_listing *l, int bom, struct avs_buf *out);
void avs_listing_free(struct avs_listing *l);

#endif
