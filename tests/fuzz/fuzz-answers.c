/* libFuzzer: the answers file of avslut-ask --answers, against the
 * shipped question set and a record in memory (no store, no crypto). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interview.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct avs_qset *
shipped(void)
{
	static struct avs_qset *qs;
	struct avs_err err = AVS_ERR_INIT;
	char path[4096];
	const char *dir = getenv("AVSLUT_DATADIR");

	if (qs != NULL)
		return qs;
	snprintf(path, sizeof(path), "%s/questions/sodermalm.yaml",
	    dir != NULL ? dir : ".");
	if (avs_qset_load(path, &qs, &err) != 0) {
		fprintf(stderr, "%s (set AVSLUT_DATADIR)\n", err.msg);
		abort();
	}
	return qs;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_interview *iv;
	struct avs_record *r = avs_record_new();
	struct avs_buf out = AVS_BUF_INIT;
	strcpy(r->id, "0123456789ab");
	r->qset.name = avs_xstrdup("sodermalm");
	r->qset.lang = avs_xstrdup(size > 0 && data[0] & 1 ? "sv" : "en");
	r->emp.name = avs_xstrdup("x");
	r->emp.employment = avs_xstrdup("tillsvidare");
	r->emp.reason = avs_xstrdup(size > 0 && data[0] & 2 ? "pension" :
	    "egen-begaran");
	r->interviewer.role = avs_xstrdup("narmaste-chef");
	if (avs_iv_from(r, shipped(), &iv, &err) != 0)
		abort();
	if (avs_iv_answers(iv, "fuzz", data, size, &err) == 0)
		avs_record_write(iv->rec, &out, &err);
	avs_buf_free(&out);
	iv->qs = NULL;		/* the set is shared by every run */
	avs_iv_close(iv);
	return 0;
}
