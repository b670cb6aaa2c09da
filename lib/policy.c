/*
 * policy.c -- eligibility per the routine, and who may seal.
 */
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "policy.h"

int
avs_eligible(const struct avs_config *cfg, const char *employment,
    const char *reason, const char *from, const char *to,
    struct avs_err *err)
{
	long a, b;
	int months;

	if (avs_date_parse(from, &a) != 0 || avs_date_parse(to, &b) != 0)
		return avs_fail(err, AVS_EUSAGE, _("invalid employment dates"));
	if (b < a)
		return avs_fail(err, AVS_EUSAGE, _("employed-to %s is before "
		    "employed-from %s"), to, from);
	if (avs_lookup((const char *const *)cfg->elig_employment,
	    employment) < 0)
		return avs_fail(err, AVS_EPOLICY, _("not eligible: employment "
		    "type %s is not offered an exit interview"), employment);
	if (avs_lookup((const char *const *)cfg->elig_reason, reason) < 0)
		return avs_fail(err, AVS_EPOLICY, _("not eligible: leaving "
		    "reason %s is not offered an exit interview"), reason);
	months = avs_date_months_between(a, b);
	if (months < cfg->elig_months)
		return avs_fail(err, AVS_EPOLICY, _("not eligible: employed "
		    "%d months, less than %ld"), months, cfg->elig_months);
	return 0;
}

int
avs_may_correct(const struct avs_config *cfg, const char *fpr)
{
	return fpr != NULL &&
	    (avs_lookup((const char *const *)cfg->recipients, fpr) >= 0 ||
	    avs_lookup((const char *const *)cfg->sealers, fpr) >= 0);
}

int
avs_may_seal(const struct avs_config *cfg, const struct avs_record *r,
    const char *fpr)
{
	return fpr != NULL && (avs_streq(fpr, r->interviewer.fpr) ||
	    avs_may_correct(cfg, fpr));
}
