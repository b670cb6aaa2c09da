/* Unit tests: lib/record.c -- the document round trip and ids. */
#include <stdlib.h>

#include "record.h"
#include "tap.h"

static struct avs_record *
sample(void)
{
	struct avs_record *r = avs_record_new();
	struct avs_answer a;

	avs_id_new(r->id);
	r->state = AVS_IN_PROGRESS;
	strcpy(r->registered, "2026-11-20");
	strcpy(r->interview_date, "2026-12-01");
	r->qset.name = avs_xstrdup("sodermalm");
	r->qset.version = 3;
	r->qset.digest = avs_xstrdup("sha256:00");
	r->qset.lang = avs_xstrdup("sv");
	r->emp.name = avs_xstrdup("Åsa \"Q\" Öberg");
	r->emp.title = avs_xstrdup("no");
	r->emp.workplace = avs_xstrdup("Skolan: # 1");
	r->emp.employment = avs_xstrdup("tillsvidare");
	r->emp.reason = avs_xstrdup("pension");
	strcpy(r->emp.from, "2001-01-01");
	strcpy(r->emp.to, "2026-12-31");
	r->interviewer.name = avs_xstrdup("Maja");
	r->interviewer.role = avs_xstrdup("hr");
	memcpy(r->interviewer.fpr, "0123456789ABCDEF0123456789ABCDEF01234567",
	    41);
	memset(&a, 0, sizeof(a));
	a.id = avs_xstrdup("primary-reason");
	a.type = AVS_Q_TEXT;
	a.section = avs_xstrdup("Inledning");
	a.question = avs_xstrdup("Vad är den primära orsaken?");
	a.value = avs_xstrdup("Första raden\n\n  indraget\nsista ");
	avs_record_put(r, &a);
	memset(&a, 0, sizeof(a));
	a.id = avs_xstrdup("secondary-reasons");
	a.type = AVS_Q_MULTI;
	a.values = avs_xcalloc(3, sizeof(char *));
	a.values[0] = avs_xstrdup("pay");
	a.values[1] = avs_xstrdup("tasks");
	a.labels = avs_xcalloc(3, sizeof(char *));
	a.labels[0] = avs_xstrdup("Lön");
	a.labels[1] = avs_xstrdup("Arbetsuppgifter");
	avs_record_put(r, &a);
	memset(&a, 0, sizeof(a));
	a.id = avs_xstrdup("development");
	a.type = AVS_Q_TEXT;
	a.skipped = 1;
	avs_record_put(r, &a);
	return r;
}

int
main(void)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf y = AVS_BUF_INIT, y2 = AVS_BUF_INIT;
	struct avs_record *r = sample(), *back = NULL;
	struct avs_answer *a;
	char id[AVS_IDLEN + 1], id2[AVS_IDLEN + 1];

	ok(avs_id_new(id) == 0 && avs_id_valid(id), "a new id is valid");
	avs_id_new(id2);
	ok(strcmp(id, id2) != 0, "two ids differ");
	ok(!avs_id_valid("../etc/pass"), "a path is not an id");
	ok(!avs_id_valid("ABCDEFGHJKMN"), "upper case is not an id");
	ok(!avs_id_valid("abcdefghjkmi"), "i is not in the alphabet");
	ok(!avs_id_valid("abc"), "too short");

	ok(avs_record_write(r, &y, &err) == 0, "write");
	ok(avs_record_read("t", y.p, y.len, &back, &err) == 0, "read back");
	if (back == NULL) {
		printf("# %s\n%s\n", err.msg, y.p);
		return tap_done();
	}
	ok(avs_record_write(back, &y2, &err) == 0 && strcmp(y.p, y2.p) == 0,
	    "write(read(write(r))) == write(r)");
	is_str(back->emp.name, "Åsa \"Q\" Öberg", "name with quotes");
	is_str(back->emp.title, "no", "\"no\" stays a string");
	is_str(back->emp.workplace, "Skolan: # 1", "colon and hash");
	a = avs_record_answer(back, "primary-reason");
	is_str(a ? a->value : NULL, "Första raden\n\n  indraget\nsista ",
	    "multi-line answer exact");
	a = avs_record_answer(back, "secondary-reasons");
	ok(a && a->values && !strcmp(a->values[1], "tasks") &&
	    !strcmp(a->labels[0], "Lön"), "multi answer and its labels");
	a = avs_record_answer(back, "development");
	ok(a && a->skipped && !avs_answer_given(a), "skipped kept");
	is_int(back->state, AVS_IN_PROGRESS, "state");
	is_int(back->qset.version, 3, "question set version");

	avs_record_free(back);
	memcpy(strstr(y.p, "id: ") + 4, "../../x/abcd", AVS_IDLEN);
	ok(avs_record_read("t", y.p, y.len, &back, &err) == AVS_EUSAGE,
	    "a record with a bad id is refused");
	ok(strstr(err.msg, "t:2:5: invalid record id") != NULL,
	    "with file:line:col (%s)", err.msg);
	avs_record_free(r);
	avs_buf_free(&y);
	avs_buf_free(&y2);
	return tap_done();
}
