/*
 * pending.h -- what is pending, per interviewer: the reminder list of
 * avslut-report --pending (avslut-report(1)).
 *
 * A record is pending for one reason, the first that holds:
 *  - overdue: planned, and its interview date has passed (the interview
 *    was never begun);
 *  - stalled: in progress for more than the store's in-progress-days
 *    since the interview began (its interview date; a record without one
 *    counts from its registration);
 *  - unsent: planned, and the question guide was never printed for the
 *    employee (routine point 2: the questions in advance).
 * Sealed and declined records are never pending.
 */
#ifndef AVS_PENDING_H
#define AVS_PENDING_H

#include <stddef.h>

#include "record.h"
#include "util.h"

enum avs_pending_why { AVS_PENDING_OVERDUE, AVS_PENDING_STALLED,
    AVS_PENDING_UNSENT, AVS_NPENDING };

/* "overdue", "stalled", "unsent" */
extern const char *const avs_pending_names[];

struct avs_pending;

/* A list as of today (YYYY-MM-DD), late after days in progress. */
struct avs_pending *avs_pending_new(const char *today, long days);
/* Take r when it is pending.  Not thread-safe: callers serialise. */
void avs_pending_add(struct avs_pending *p, const struct avs_record *r);
/* Text for people, width columns: per interviewer (by name), a heading
 * and a table of id, employee, interview date and what is pending;
 * nothing at all when nothing is (cron then mails nothing). */
void avs_pending_text(struct avs_pending *p, size_t width,
    struct avs_buf *out);
/* CSV: interviewer,interviewer_fingerprint,id,state,pending,
 * interview_date,days,questions_sent,name (avslut-report(1)); the header
 * alone when nothing is pending. */
void avs_pending_csv(struct avs_pending *p, int bom, struct avs_buf *out);
void avs_pending_free(struct avs_pending *p);

#endif
