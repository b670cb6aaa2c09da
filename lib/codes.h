/*
 * codes.h -- the fixed code lists of records and stores, each code with
 * the label people read, in one table per list.
 *
 * Each list is written once below as an X-macro of (code, label) pairs;
 * codes.c makes of it the NULL-terminated code vector that avs_lookup()
 * and avs_join() take, and the table of labels.  Both are sized by the
 * list itself, and a static assertion ties each to its count, so a code
 * added to a list can never read past an array.  Labels are English
 * msgids, capitalised as table entries ("Own request"); po/sv.po holds
 * the Swedish ("Egen begäran").
 */
#ifndef AVS_CODES_H
#define AVS_CODES_H

#include <stddef.h>

#include "i18n.h"

#define AVS_EMPLOYMENT_CODES(X) \
	X("tillsvidare", N_("Permanent")) \
	X("tidsbegransad", N_("Fixed-term")) \
	X("annan", N_("Other"))
#define AVS_REASON_CODES(X) \
	X("egen-begaran", N_("Own request")) \
	X("pension", N_("Retirement")) \
	X("annan", N_("Other"))
#define AVS_ROLE_CODES(X) \
	X("narmaste-chef", N_("Closest manager")) \
	X("overordnad-chef", N_("Superior manager")) \
	X("hr", N_("HR"))
#define AVS_STATE_CODES(X) \
	X("planned", N_("Planned")) \
	X("in-progress", N_("In progress")) \
	X("sealed", N_("Sealed")) \
	X("declined", N_("Declined"))
#define AVS_DECLINED_CODES(X) \
	X("avbojt", N_("The employee declined")) \
	X("ej-antraffbar", N_("Could not be reached")) \
	X("ingen-samtalsledare", N_("No interviewer available")) \
	X("annan", N_("Other reason"))
#define AVS_TENURE_CODES(X) \
	X("<1y", N_("Under 1 year")) \
	X("1-2y", N_("1-2 years")) \
	X("2-5y", N_("2-5 years")) \
	X("5-10y", N_("5-10 years")) \
	X("10y+", N_("10 years or more"))

#define AVS_CODE_COUNT(c, l) + 1
enum {
	AVS_NEMPLOYMENT = 0 AVS_EMPLOYMENT_CODES(AVS_CODE_COUNT),
	AVS_NREASON = 0 AVS_REASON_CODES(AVS_CODE_COUNT),
	AVS_NROLE = 0 AVS_ROLE_CODES(AVS_CODE_COUNT),
	AVS_NSTATES = 0 AVS_STATE_CODES(AVS_CODE_COUNT),
	AVS_NDECLINED = 0 AVS_DECLINED_CODES(AVS_CODE_COUNT),
	AVS_NTENURE = 0 AVS_TENURE_CODES(AVS_CODE_COUNT)
};

/* The order of AVS_STATE_CODES. */
enum avs_state { AVS_PLANNED, AVS_IN_PROGRESS, AVS_SEALED, AVS_DECLINED };

/* One list: its codes (NULL-terminated), their label msgids, how many. */
struct avs_codes {
	const char *const *ids;
	const char *const *labels;
	size_t n;
};

extern const char *const avs_employment_values[AVS_NEMPLOYMENT + 1];
extern const char *const avs_reason_values[AVS_NREASON + 1];
extern const char *const avs_role_values[AVS_NROLE + 1];
extern const char *const avs_state_names[AVS_NSTATES + 1];
extern const char *const avs_declined_values[AVS_NDECLINED + 1];
extern const char *const avs_tenure_bands[AVS_NTENURE + 1];

extern const struct avs_codes avs_employment_codes, avs_reason_codes,
    avs_role_codes, avs_state_codes, avs_declined_codes, avs_tenure_codes;

/* The translated label of code in cs; the code itself when it is not in
 * the list, "" for NULL.  Never NULL. */
const char *avs_code_label(const struct avs_codes *cs, const char *code);
/* The position of code in cs, or -1. */
int avs_code_index(const struct avs_codes *cs, const char *code);

#endif
