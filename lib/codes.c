/*
 * codes.c -- the code lists of codes.h, each made from its one X-macro:
 * the code vector and the label table cannot drift apart or differ in
 * length.
 */
#include <string.h>

#include "codes.h"

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
#define AVS_WHY_CODES(X) \
	X("begaran", N_("The person's request")) \
	X("felregistrerad", N_("Registered by mistake")) \
	X("annan", N_("Other reason"))
#define AVS_TENURE_CODES(X) \
	X("<1y", N_("Under 1 year")) \
	X("1-2y", N_("1-2 years")) \
	X("2-5y", N_("2-5 years")) \
	X("5-10y", N_("5-10 years")) \
	X("10y+", N_("10 years or more"))

#define AVS_CODE_ID(c, l) c,
#define AVS_CODE_LABEL(c, l) l,

#define AVS_CODE_LIST(values, codes, list, count) \
	const char *const values[count + 1] = { list(AVS_CODE_ID) NULL }; \
	static const char *const codes##_labels[] = { list(AVS_CODE_LABEL) }; \
	_Static_assert(sizeof(codes##_labels) / sizeof(codes##_labels[0]) == \
	    count, #codes ": the list and its count differ"); \
	const struct avs_codes codes = { values, codes##_labels, count }

AVS_CODE_LIST(avs_employment_values, avs_employment_codes,
    AVS_EMPLOYMENT_CODES, AVS_NEMPLOYMENT);
AVS_CODE_LIST(avs_reason_values, avs_reason_codes, AVS_REASON_CODES,
    AVS_NREASON);
AVS_CODE_LIST(avs_role_values, avs_role_codes, AVS_ROLE_CODES, AVS_NROLE);
AVS_CODE_LIST(avs_state_names, avs_state_codes, AVS_STATE_CODES,
    AVS_NSTATES);
AVS_CODE_LIST(avs_declined_values, avs_declined_codes, AVS_DECLINED_CODES,
    AVS_NDECLINED);
AVS_CODE_LIST(avs_why_values, avs_why_codes, AVS_WHY_CODES, AVS_NWHY);
AVS_CODE_LIST(avs_tenure_bands, avs_tenure_codes, AVS_TENURE_CODES,
    AVS_NTENURE);

int
avs_code_index(const struct avs_codes *cs, const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < cs->n; i++)
		if (strcmp(cs->ids[i], code) == 0)
			return (int)i;
	return -1;
}

const char *
avs_code_label(const struct avs_codes *cs, const char *code)
{
	int i = avs_code_index(cs, code);

	if (i >= 0)
		return _(cs->labels[i]);
	return code != NULL ? code : "";
}
