/*
 * correct.c -- corrections of a sealed record: one table of the fields
 * a correction may change, and the undoing that gives back the sealed
 * document.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "correct.h"
#include "i18n.h"

enum kind { STR, DATE, FPR, BOOL };

#define F(n, member, k) { n, offsetof(struct avs_record, member), k }
static const struct field {
	const char *name;
	size_t off;
	enum kind kind;
} fields[] = {
	F("name", emp.name, STR),
	F("title", emp.title, STR),
	F("workplace", emp.workplace, STR),
	F("unit", emp.unit, STR),
	F("employed-from", emp.from, DATE),
	F("employed-to", emp.to, DATE),
	F("employment", emp.employment, STR),
	F("reason", emp.reason, STR),
	F("interviewer", interviewer.fpr, FPR),
	F("interviewer-name", interviewer.name, STR),
	F("role", interviewer.role, STR),
	F("date", interview_date, DATE),
	F("eligible", eligible, BOOL),
	F("forced", forced, BOOL),
};
#undef F
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

const char *const avs_correct_fields[] = { "name", "title", "workplace",
    "unit", "employed-from", "employed-to", "employment", "reason",
    "interviewer", "interviewer-name", "role", "date", "eligible", "forced",
    NULL };
_Static_assert(sizeof(avs_correct_fields) / sizeof(avs_correct_fields[0]) ==
    NFIELDS + 1, "the field names and the table differ");

static const struct field *
find(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < NFIELDS; i++)
		if (strcmp(fields[i].name, name) == 0)
			return &fields[i];
	return NULL;
}

static char *
get(const struct avs_record *r, const struct field *f)
{
	const char *p = (const char *)r + f->off;

	switch (f->kind) {
	case STR:
		return *(char *const *)p != NULL ?
		    avs_xstrdup(*(char *const *)p) : NULL;
	case DATE:
	case FPR:
		return *p != '\0' ? avs_xstrdup(p) : NULL;
	default:
		return avs_xstrdup(*(const int *)p ? "true" : "false");
	}
}

static void
put(struct avs_record *r, const struct field *f, const char *v)
{
	char *p = (char *)r + f->off;

	switch (f->kind) {
	case STR:
		avs_sfree(*(char **)p);
		*(char **)p = v != NULL ? avs_xstrdup(v) : NULL;
		break;
	case DATE:
		snprintf(p, AVS_DATELEN + 1, "%s", v != NULL ? v : "");
		break;
	case FPR:
		snprintf(p, AVS_FPRLEN + 1, "%s", v != NULL ? v : "");
		break;
	default:
		*(int *)p = v != NULL && strcmp(v, "true") == 0;
	}
}

char *
avs_correct_get(const struct avs_record *r, const char *field)
{
	const struct field *f = find(field);

	return f != NULL ? get(r, f) : NULL;
}

int
avs_correct(struct avs_record *r, const char *field, const char *value,
    const char *by)
{
	const struct field *f = find(field);
	struct avs_correction *k;
	char *old;

	if (f == NULL)
		return -1;
	old = get(r, f);
	if (value != NULL && *value == '\0')
		value = NULL;
	if ((old == NULL && value == NULL) || (old != NULL && value != NULL &&
	    strcmp(old, value) == 0)) {
		avs_sfree(old);
		return 0;
	}
	r->corrections = avs_xreallocarray(r->corrections,
	    r->ncorrections + 1, sizeof(*r->corrections));
	k = &r->corrections[r->ncorrections++];
	memset(k, 0, sizeof(*k));
	k->field = avs_xstrdup(field);
	k->old = old;
	avs_today_str(k->on);
	snprintf(k->by, sizeof(k->by), "%s", by);
	put(r, f, value);
	return 1;
}

/* A deep copy of r: written and read again. */
static int
copy(const struct avs_record *r, struct avs_record **out,
    struct avs_err *err)
{
	struct avs_buf b = AVS_BUF_INIT;
	char name[64];
	int rc;

	snprintf(name, sizeof(name), "record %s", r->id);
	if ((rc = avs_record_write(r, &b, err)) == 0)
		rc = avs_record_read(name, b.p, b.len, out, err);
	avs_buf_free(&b);
	return rc;
}

/* Undo r's last correction in place. */
static int
undo_last(struct avs_record *r, struct avs_err *err)
{
	struct avs_correction *k = &r->corrections[r->ncorrections - 1];
	const struct field *f = find(k->field);

	if (f == NULL)
		return avs_fail(err, AVS_EINTEGRITY, _("record %s: a "
		    "correction of \"%.40s\", which no correction may "
		    "change"), r->id, k->field);
	put(r, f, k->old);
	avs_sfree(k->field);
	avs_sfree(k->old);
	r->ncorrections--;
	if (r->ncorrections == 0) {
		free(r->corrections);
		r->corrections = NULL;
	}
	return 0;
}

int
avs_correct_undo(const struct avs_record *r, size_t k,
    struct avs_record **out, struct avs_err *err)
{
	int rc;

	if ((rc = copy(r, out, err)) != 0)
		return rc;
	while (k-- > 0 && (*out)->ncorrections > 0)
		if ((rc = undo_last(*out, err)) != 0) {
			avs_record_free(*out);
			*out = NULL;
			return rc;
		}
	return 0;
}

int
avs_correct_chain(const struct avs_record *r,
    char (**out)[AVS_DIGESTLEN], struct avs_err *err)
{
	struct avs_buf b = AVS_BUF_INIT;
	struct avs_record *t = NULL;
	size_t i;
	int rc;

	*out = avs_xcalloc(r->ncorrections + 1, sizeof(**out));
	if ((rc = copy(r, &t, err)) != 0)
		goto done;
	for (i = r->ncorrections + 1; i-- > 0;) {
		if ((rc = avs_record_write(t, &b, err)) != 0)
			goto done;
		avs_digest(b.p, b.len, (*out)[i]);
		if (i > 0 && (rc = undo_last(t, err)) != 0)
			goto done;
	}
done:
	avs_buf_free(&b);
	avs_record_free(t);
	if (rc != 0) {
		free(*out);
		*out = NULL;
	}
	return rc;
}
