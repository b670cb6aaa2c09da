/*
 * policy.h -- who shall be offered an exit interview (the routine, point 3:
 * permanent and fixed-term employees, employed at least one year, leaving
 * at their own request or retiring), with the rules from the store config.
 */
#ifndef AVS_POLICY_H
#define AVS_POLICY_H

#include "store.h"
#include "util.h"

/* 0 when eligible; else AVS_EPOLICY with the reason in err.  Dates must
 * be valid; to before from is AVS_EUSAGE. */
int avs_eligible(const struct avs_config *cfg, const char *employment,
    const char *reason, const char *from, const char *to,
    struct avs_err *err);

#endif
