/*
 * pending.c -- the reminder list: records pending, per interviewer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "date.h"
#include "i18n.h"
#include "pending.h"
#include "render.h"
#include "text.h"

const char *const avs_pending_names[] = { "overdue", "stalled", "unsent",
    NULL };

struct item {
	char *interviewer;	/* as the record names it, else fpr */
	char fpr[41];
	char id[AVS_IDLEN + 1];
	enum avs_state state;
	enum avs_pending_why why;
	char date[AVS_DATELEN + 1];	/* the interview's, or "" */
	char sent[AVS_DATELEN + 1];
	long days;		/* since date (overdue, stalled), else -1 */
	char *name;		/* the employee */
};

struct avs_pending {
	long today, days;
	struct item *items;
	size_t n, cap;
};

struct avs_pending *
avs_pending_new(const char *today, long days)
{
	struct avs_pending *p = avs_xcalloc(1, sizeof(*p));

	if (avs_date_parse(today, &p->today) != 0)
		p->today = avs_today();
	p->days = days;
	return p;
}

/* Why r is pending, or -1; *since the day its lateness counts from. */
static int
pending_why(const struct avs_pending *p, const struct avs_record *r,
    long *since)
{
	long d;

	if (r->state == AVS_PLANNED && avs_date_parse(r->interview_date,
	    &d) == 0 && d < p->today) {
		*since = d;
		return AVS_PENDING_OVERDUE;
	}
	if (r->state == AVS_IN_PROGRESS && (avs_date_parse(r->interview_date,
	    &d) == 0 || avs_date_parse(r->registered, &d) == 0) &&
	    p->today - d > p->days) {
		*since = d;
		return AVS_PENDING_STALLED;
	}
	if (r->state == AVS_PLANNED && r->questions_sent[0] == '\0') {
		*since = -1;
		return AVS_PENDING_UNSENT;
	}
	return -1;
}

void
avs_pending_add(struct avs_pending *p, const struct avs_record *r)
{
	struct item *it;
	long since;
	int why;

	if ((why = pending_why(p, r, &since)) < 0)
		return;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 32;
		p->items = avs_xreallocarray(p->items, p->cap,
		    sizeof(*p->items));
	}
	it = &p->items[p->n++];
	memset(it, 0, sizeof(*it));
	it->interviewer = avs_xstrdup(r->interviewer.name != NULL &&
	    *r->interviewer.name != '\0' ? r->interviewer.name :
	    r->interviewer.fpr);
	memcpy(it->fpr, r->interviewer.fpr, sizeof(it->fpr));
	memcpy(it->id, r->id, sizeof(it->id));
	it->state = r->state;
	it->why = (enum avs_pending_why)why;
	memcpy(it->date, r->interview_date, sizeof(it->date));
	memcpy(it->sent, r->questions_sent, sizeof(it->sent));
	it->days = since >= 0 ? p->today - since : -1;
	it->name = avs_xstrdup(r->emp.name != NULL ? r->emp.name : "");
}

/* By interviewer (name in the locale's order, then key), then what is
 * pending, then date (none last) and id. */
static int
cmp_item(const void *va, const void *vb)
{
	const struct item *a = va, *b = vb;
	int c;

	if ((c = strcoll(a->interviewer, b->interviewer)) != 0 ||
	    (c = strcmp(a->fpr, b->fpr)) != 0)
		return c;
	if (a->why != b->why)
		return a->why < b->why ? -1 : 1;
	if ((a->date[0] == '\0') != (b->date[0] == '\0'))
		return a->date[0] == '\0' ? 1 : -1;
	if ((c = strcmp(a->date, b->date)) != 0)
		return c;
	return strcmp(a->id, b->id);
}

static int
same_interviewer(const struct item *a, const struct item *b)
{
	return strcmp(a->fpr, b->fpr) == 0 &&
	    strcmp(a->interviewer, b->interviewer) == 0;
}

static void
label(const struct item *it, char *buf, size_t n)
{
	switch (it->why) {
	case AVS_PENDING_OVERDUE:
		snprintf(buf, n, ngettext("not begun, %ld day after the date",
		    "not begun, %ld days after the date", it->days),
		    it->days);
		break;
	case AVS_PENDING_STALLED:
		snprintf(buf, n, ngettext("not sealed, in progress %ld day",
		    "not sealed, in progress %ld days", it->days),
		    it->days);
		break;
	default:
		snprintf(buf, n, "%s", _("questions not sent in advance"));
		break;
	}
}

/* One interviewer's table: items[0 .. n). */
static void
table(const struct item *items, size_t n, size_t width, struct avs_buf *out)
{
	/* What is pending is never cut; the name is. */
	static const int flags[4] = { AVS_TT_FIXED, 0, AVS_TT_FIXED,
	    AVS_TT_FIXED };
	const char *head[4], **cells = avs_xcalloc(n * 4, sizeof(*cells));
	char (*lab)[96] = avs_xcalloc(n, sizeof(*lab));
	struct avs_ttable t = { 4, n, head, cells, flags, NULL };
	size_t i;

	head[0] = _("Id");
	head[1] = _("Employee");
	head[2] = _("Interview");
	head[3] = _("Pending");
	for (i = 0; i < n; i++) {
		label(&items[i], lab[i], sizeof(lab[i]));
		cells[i * 4] = items[i].id;
		cells[i * 4 + 1] = items[i].name;
		cells[i * 4 + 2] = items[i].date;
		cells[i * 4 + 3] = lab[i];
	}
	avs_text_table(&t, width, out);
	free(cells);
	free(lab);
}

void
avs_pending_text(struct avs_pending *p, size_t width, struct avs_buf *out)
{
	char today[AVS_DATELEN + 1];
	size_t i, j;

	if (p->n == 0)
		return;
	qsort(p->items, p->n, sizeof(*p->items), cmp_item);
	avs_date_format(p->today, today);
	avs_buf_printf(out, _("Pending on %s"), today);
	avs_buf_addc(out, '\n');
	for (i = 0; i < p->n; i = j) {
		for (j = i + 1; j < p->n && same_interviewer(&p->items[i],
		    &p->items[j]); j++)
			;
		avs_buf_addc(out, '\n');
		avs_text_clip(out, p->items[i].interviewer, width > 10 ?
		    width - 8 : width);
		avs_buf_printf(out, " (%zu)\n", j - i);
		table(&p->items[i], j - i, width, out);
	}
}

void
avs_pending_csv(struct avs_pending *p, int bom, struct avs_buf *out)
{
	static const char *const head[] = { "interviewer",
	    "interviewer_fingerprint", "id", "state", "pending",
	    "interview_date", "days", "questions_sent", "name" };
	const char *v[9];
	char days[24];
	size_t i;

	if (p->n > 0)
		qsort(p->items, p->n, sizeof(*p->items), cmp_item);
	if (bom)
		avs_buf_adds(out, "\xef\xbb\xbf");
	avs_csv_safe_row(out, head, 9);
	for (i = 0; i < p->n; i++) {
		const struct item *it = &p->items[i];

		if (it->days >= 0)
			snprintf(days, sizeof(days), "%ld", it->days);
		else
			days[0] = '\0';
		v[0] = it->interviewer;
		v[1] = it->fpr;
		v[2] = it->id;
		v[3] = avs_state_names[it->state];
		v[4] = avs_pending_names[it->why];
		v[5] = it->date;
		v[6] = days;
		v[7] = it->sent;
		v[8] = it->name;
		avs_csv_safe_row(out, v, 9);
	}
}

void
avs_pending_free(struct avs_pending *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		avs_sfree(p->items[i].interviewer);
		avs_sfree(p->items[i].name);
	}
	free(p->items);
	free(p);
}
