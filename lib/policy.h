/*
 * policy.h -- the rules of the routine that the store config sets: who
 * shall be offered an exit interview (point 3: permanent and fixed-term
 * employees, employed at least one year, leaving at their own request or
 * retiring), and who may seal a record.
 */
#ifndef AVS_POLICY_H
#define AVS_POLICY_H

#include "config.h"
#include "record.h"
#include "util.h"

/* 0 when eligible; else AVS_EPOLICY with the reason in err.  Dates must
 * be valid; to before from is AVS_EUSAGE. */
int avs_eligible(const struct avs_config *cfg, const char *employment,
    const char *reason, const char *from, const char *to,
    struct avs_err *err);

/* May the key fpr seal record r?  Its interviewer may, and so may the
 * store's recipients and sealers. */
int avs_may_seal(const struct avs_config *cfg, const struct avs_record *r,
    const char *fpr);

/* May the key fpr correct a sealed record?  The store's recipients and
 * sealers may; an interviewer as such may not. */
int avs_may_correct(const struct avs_config *cfg, const char *fpr);

#endif
