/*
 * codes.h -- the fixed code lists of records and stores, each code with
 * the label people read, in one table per list.
 *
 * Each list is written once, in codes.c, as an X-macro of (code, label)
 * pairs; of it come the NULL-terminated code vector that avs_lookup()
 * and avs_join() take, and the table of labels.  Both are sized by the
 * list itself, and static assertions tie each to its count here, so a
 * code added to a list can never read past an array.  Labels are English
 * msgids, capitalised as table entries ("Own request"); po/sv.po holds
 * the Swedish ("Egen begäran").
 */
#ifndef AVS_CODES_H
#define AVS_CODES_H

#include <stddef.h>

#include "i18n.h"

/* How many codes each list has: codes.c asserts that its lists agree. */
enum {
	AVS_NEMPLOYMENT = 3,
	AVS_NREASON = 3,
	AVS_NROLE = 3,
	AVS_NSTATES = 4,
	AVS_NDECLINED = 4,
	AVS_NTENURE = 5,
	AVS_NWHY = 3
};

/* The order of the states in codes.c. */
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
/* Why a record is discarded by name before its due date (avslut-purge
 * --why): coded, never free text. */
extern const char *const avs_why_values[AVS_NWHY + 1];

extern const struct avs_codes avs_employment_codes, avs_reason_codes,
    avs_role_codes, avs_state_codes, avs_declined_codes, avs_tenure_codes,
    avs_why_codes;

/* The translated label of code in cs; the code itself when it is not in
 * the list, "" for NULL.  Never NULL. */
const char *avs_code_label(const struct avs_codes *cs, const char *code);
/* The position of code in cs, or -1. */
int avs_code_index(const struct avs_codes *cs, const char *code);

#endif
