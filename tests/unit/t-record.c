/* Unit tests: lib/record.c -- the document round trip and ids; lib/correct.c
 * -- corrections of a sealed record. */
#include <stdlib.h>

#include "correct.h"
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

static void
digest_of(const struct avs_record *r, char out[AVS_DIGESTLEN])
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf b = AVS_BUF_INIT;

	if (avs_record_write(r, &b, &err) != 0)
		printf("# %s\n", err.msg);
	avs_digest(b.p, b.len, out);
	avs_buf_free(&b);
}

/* lib/correct.c: corrections of a sealed record, and the undoing that
 * gives back the sealed document byte for byte. */
static void
corrections(void)
{
	static const char by[] = "FEDCBA9876543210FEDCBA9876543210FEDCBA98";
	struct avs_err err = AVS_ERR_INIT;
	struct avs_record *r = sample(), *back = NULL;
	char sealed[AVS_DIGESTLEN], now[AVS_DIGESTLEN], mid[AVS_DIGESTLEN];
	char (*chain)[AVS_DIGESTLEN] = NULL, *v;

	r->state = AVS_SEALED;
	strcpy(r->sealed, "2026-12-01");
	r->registration = avs_xstrdup("avslut-registration: 1\n");
	r->seal_by = avs_xstrdup(r->interviewer.fpr);
	digest_of(r, sealed);
	is_int(avs_correct(r, "name", "Åsa Öhberg", by), 1, "a name corrected");
	is_int(avs_correct(r, "name", "Åsa Öhberg", by), 0,
	    "the same value again: no correction");
	is_int(avs_correct(r, "answers", "x", by), -1, "not a field");
	digest_of(r, mid);
	is_int(avs_correct(r, "unit", "Kök", by), 1, "a unit it had none of");
	is_int(avs_correct(r, "eligible", "false", by), 1, "a flag");
	is_int(r->ncorrections, 3, "three corrections");
	is_str(r->corrections[0].old, "Åsa \"Q\" Öberg", "the value before kept");
	ok(r->corrections[1].old == NULL, "none before: no old value");
	is_str(r->corrections[2].old, "true", "a flag's value before");
	is_str(r->corrections[0].by, by, "by whom");
	v = avs_correct_get(r, "unit");
	is_str(v, "Kök", "the new value");
	free(v);
	digest_of(r, now);

	ok(avs_correct_chain(r, &chain, &err) == 0, "the chain");
	is_str(chain ? chain[0] : NULL, sealed, "[0] is the sealed document");
	is_str(chain ? chain[1] : NULL, mid, "[1] after the first correction");
	is_str(chain ? chain[3] : NULL, now, "[3] the record as it is");
	free(chain);

	ok(avs_correct_undo(r, r->ncorrections, &back, &err) == 0, "undo all");
	ok(back != NULL && back->ncorrections == 0 && back->emp.unit == NULL &&
	    back->eligible && strcmp(back->emp.name, "Åsa \"Q\" Öberg") == 0,
	    "the values as sealed");
	avs_record_free(back);
	back = NULL;

	/* Written and read again, the corrections are the same. */
	{
		struct avs_buf b = AVS_BUF_INIT;

		ok(avs_record_write(r, &b, &err) == 0 &&
		    avs_record_read("t", b.p, b.len, &back, &err) == 0,
		    "a corrected record round trip");
		ok(back != NULL && back->ncorrections == 3 &&
		    strcmp(back->corrections[0].field, "name") == 0 &&
		    back->corrections[1].old == NULL,
		    "its corrections read back");
		avs_record_free(back);
		back = NULL;
		/* A correction of a field no correction may change. */
		free(r->corrections[1].field);
		r->corrections[1].field = avs_xstrdup("sealed");
		ok(avs_correct_chain(r, &chain, &err) == AVS_EINTEGRITY,
		    "a correction of \"sealed\" is refused (%s)", err.msg);
		/* Only a sealed record has corrections. */
		avs_buf_reset(&b);
		r->state = AVS_IN_PROGRESS;
		avs_record_write(r, &b, &err);
		ok(avs_record_read("t", b.p, b.len, &back, &err) != 0,
		    "corrections in a record not sealed are refused");
		avs_buf_free(&b);
	}
	avs_record_free(r);
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
	corrections();
	return tap_done();
}
