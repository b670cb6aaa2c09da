/*
 * codes.c -- the code lists of codes.h, each made from its one X-macro:
 * the code vector and the label table cannot drift apart or differ in
 * length.
 */
#include <string.h>

#include "codes.h"

#define AVS_CODE_ID(c, l) c,
#define AVS_CODE_LABEL(c, l) l,

#define AVS_CODE_LIST(values, codes, list, count) \
	const char *const values[count + 1] = { list(AVS_CODE_ID) NULL }; \
	static const char *const codes##_labels[] = { list(AVS_CODE_LABEL) }; \
	_Static_assert(sizeof(codes##_labels) / sizeof(codes##_labels[0]) == \
	    count, #codes ": labels and count differ"); \
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
