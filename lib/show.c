/*
 * show.c -- one record as text for its reader, and the listing.
 *
 * The copy uses the question set's own header labels in the record's
 * language (Namn, Befattning, ...) and the question texts exactly as
 * they were asked, kept in the record; the tool's own labels follow the
 * user's locale.
 */
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "fold.h"
#include "guide.h"
#include "i18n.h"
#include "render.h"
#include "report.h"
#include "show.h"
#include "text.h"
#include "vault.h"

#define WIDTH 72

const char *
avs_state_label(enum avs_state s)
{
	return _(avs_state_codes.labels[s]);
}

const char *
avs_role_label(const char *role)
{
	return avs_code_label(&avs_role_codes, role);
}

static void
underline(struct avs_buf *out, const char *s, const char *rule)
{
	struct avs_buf safe = AVS_BUF_INIT;

	avs_text_safe(&safe, s, 0);
	avs_buf_printf(out, "%s\n", safe.p != NULL ? safe.p : "");
	avs_text_repeat(out, rule, avs_text_width(safe.p != NULL ? safe.p :
	    ""));
	avs_buf_addc(out, '\n');
	avs_buf_free(&safe);
}

/* "Label:   value" lines, the values aligned after the widest label. */
static void
facts(const char *const *lab, const char *const *val, size_t n,
    struct avs_buf *out)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++)
		if (val[i] != NULL && *val[i] != '\0' &&
		    avs_text_width(lab[i]) > w)
			w = avs_text_width(lab[i]);
	for (i = 0; i < n; i++) {
		if (val[i] == NULL || *val[i] == '\0')
			continue;
		avs_buf_printf(out, "%s:", lab[i]);
		avs_text_repeat(out, " ", w - avs_text_width(lab[i]) + 2);
		avs_text_safe(out, val[i], 0);
		avs_buf_addc(out, '\n');
	}
}

static void
record_facts(const struct avs_record *r, struct avs_buf *out)
{
	struct avs_buf iv = AVS_BUF_INIT;
	const char *lab[9], *val[9];

	avs_buf_printf(&iv, "%s (%s)", r->interviewer.name != NULL ?
	    r->interviewer.name : r->interviewer.fpr, avs_role_label(r->interviewer.role));
	lab[0] = _("Unit");
	val[0] = r->emp.unit;
	lab[1] = _("Employment");
	val[1] = avs_key_label(AVS_BY_EMPLOYMENT, r->emp.employment);
	lab[2] = _("Leaving reason");
	val[2] = avs_key_label(AVS_BY_REASON, r->emp.reason);
	lab[3] = _("Interviewer");
	val[3] = iv.p;
	lab[4] = _("State");
	val[4] = avs_state_label(r->state);
	lab[5] = _("Declined because");
	val[5] = r->declined_why != NULL ? avs_code_label(
	    &avs_declined_codes, r->declined_why) : NULL;
	lab[6] = _("Registered");
	val[6] = r->registered;
	lab[7] = _("Questions sent");
	val[7] = r->questions_sent;
	lab[8] = C_("date", "Sealed");
	val[8] = r->sealed;
	facts(lab, val, 9, out);
	avs_buf_free(&iv);
}

static void
answer(const struct avs_answer *a, struct avs_buf *out)
{
	size_t i;

	if (a->question != NULL)
		avs_text_wrap(out, a->question, NULL, "", WIDTH);
	else
		avs_buf_printf(out, "[%s]\n", a->id);
	if (!avs_answer_given(a))
		avs_text_wrap(out, _("(not answered)"), NULL, "    ", WIDTH);
	else if (a->type == AVS_Q_MULTI)
		for (i = 0; a->values[i] != NULL; i++)
			avs_text_wrap(out, a->labels != NULL &&
			    a->labels[i] != NULL ? a->labels[i] : a->values[i],
			    "    \xe2\x80\x93 ", "      ", WIDTH);
	else
		avs_text_wrap(out, a->type != AVS_Q_TEXT && a->label != NULL ?
		    a->label : a->value, NULL, "    ", WIDTH);
	avs_buf_addc(out, '\n');
}

static void
seal(const struct avs_record *r, struct avs_buf *out)
{
	struct avs_buf line = AVS_BUF_INIT;

	underline(out, _("Seal"), "-");
	if (r->state == AVS_SEALED) {
		if (r->ncorrections > 0)
			avs_buf_printf(&line, _("Sealed on %s with the key %s, "
			    "then corrected as below and sealed again with the "
			    "key %s. The signatures are valid: the record has "
			    "not changed since, but for these corrections."),
			    r->sealed, r->seal_by,
			    r->corrections[r->ncorrections - 1].by);
		else
			avs_buf_printf(&line, _("Sealed on %s with the key %s. "
			    "The signature is valid: the record has not changed "
			    "since."), r->sealed, r->seal_by);
		if (r->employee_reviewed) {
			avs_buf_addc(&line, ' ');
			avs_buf_adds(&line, _("The employee reviewed the record "
			    "before it was sealed."));
		}
	} else
		avs_buf_adds(&line, _("Not sealed: the record may still "
		    "change."));
	avs_text_wrap(out, line.p, NULL, "", WIDTH);
	avs_buf_free(&line);
}

/* The corrections of a sealed record, oldest first, with the values
 * before: this copy is for its reader, as the record is. */
static void
corrections(const struct avs_record *r, struct avs_buf *out)
{
	struct avs_buf line = AVS_BUF_INIT;
	size_t i;

	if (r->ncorrections == 0)
		return;
	underline(out, _("Corrections"), "-");
	for (i = 0; i < r->ncorrections; i++) {
		const struct avs_correction *k = &r->corrections[i];

		avs_buf_reset(&line);
		avs_buf_printf(&line, _("%s: %s corrected with the key %s; "
		    "before: %s"), k->on, k->field, k->by, k->old != NULL ?
		    k->old : _("(none)"));
		avs_text_wrap(out, line.p, NULL, "    ", WIDTH);
	}
	avs_buf_addc(out, '\n');
	avs_buf_free(&line);
}

void
avs_show_text(const struct avs_record *r, const struct avs_qset *qs,
    int lang, const char *marking, struct avs_buf *out)
{
	const char *section = NULL;
	size_t i;

	avs_text_wrap(out, marking, NULL, "", WIDTH);
	avs_buf_addc(out, '\n');
	underline(out, qs->title[lang], "=");
	avs_buf_printf(out, _("Record %s"), r->id);
	avs_buf_adds(out, "\n\n");
	avs_guide_header(qs, lang, r, out);
	record_facts(r, out);
	avs_buf_addc(out, '\n');
	if (r->nanswers == 0 && r->state != AVS_DECLINED) {
		avs_buf_printf(out, "%s\n\n", _("No answers recorded."));
	}
	/* In the order of the set, then any answer it does not know. */
	for (i = 0; i < qs->nquestions + r->nanswers; i++) {
		const struct avs_answer *a = i < qs->nquestions ?
		    avs_record_answer(r, qs->questions[i].id) :
		    &r->answers[i - qs->nquestions];

		if (a == NULL || (i >= qs->nquestions &&
		    avs_qset_question(qs, a->id) != NULL))
			continue;
		if (a->section != NULL && !avs_streq(a->section, section)) {
			section = a->section;
			underline(out, section, "-");
		}
		answer(a, out);
	}
	corrections(r, out);
	if (r->state != AVS_DECLINED) {
		seal(r, out);
		avs_buf_addc(out, '\n');
	}
	avs_text_wrap(out, marking, NULL, "", WIDTH);
}

/* --- the listing ------------------------------------------------------- */

/* The columns in the order of the CSV (avslut-report(1)); the name and
 * title came last, in 0.3, so that scripts reading by position go on
 * working. */
enum { L_ID, L_STATE, L_REGISTERED, L_INTERVIEW, L_TO, L_SEALED,
    L_INTERVIEWER, L_UNIT, L_NAME, L_TITLE, LCOLS };

struct avs_listing {
	char **cells;		/* LCOLS per row */
	size_t n, cap;
	unsigned states;	/* 1 << state shown; 0: all */
	char *match;		/* folded (fold.h), or NULL */
};

static const char *const list_head[LCOLS] = { "id", "state", "registered",
    "interview_date", "employed_to", "sealed", "interviewer", "unit",
    "name", "title" };
static const char *const list_label[LCOLS] = { N_("Id"), N_("State"),
    N_("Registered"), N_("Interview"), N_("Employed to"), NC_("date", "Sealed"),
    N_("Interviewer"), N_("Unit"), N_("Name"), N_("Title") };

struct avs_listing *
avs_listing_new(void)
{
	return avs_xcalloc(1, sizeof(struct avs_listing));
}

void
avs_listing_filter(struct avs_listing *l, unsigned states, const char *match)
{
	struct avs_buf b = AVS_BUF_INIT;

	l->states = states;
	if (match != NULL) {
		avs_fold(&b, match);
		l->match = avs_buf_take(&b);
	}
}

void
avs_listing_add(struct avs_listing *l, const struct avs_record *r)
{
	const char *v[LCOLS];
	size_t i;

	if (l->states != 0 && !(l->states & (1u << r->state)))
		return;
	if (l->match != NULL && (r->emp.name == NULL ||
	    !avs_fold_contains(r->emp.name, l->match)))
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->cells = avs_xreallocarray(l->cells, l->cap * LCOLS,
		    sizeof(*l->cells));
	}
	v[L_ID] = r->id;
	v[L_STATE] = avs_state_names[r->state];
	v[L_REGISTERED] = r->registered;
	v[L_INTERVIEW] = r->interview_date;
	v[L_TO] = r->emp.to;
	v[L_SEALED] = r->sealed;
	v[L_INTERVIEWER] = r->interviewer.name != NULL ? r->interviewer.name :
	    r->interviewer.fpr;
	v[L_UNIT] = r->emp.unit != NULL ? r->emp.unit : "";
	v[L_NAME] = r->emp.name != NULL ? r->emp.name : "";
	v[L_TITLE] = r->emp.title != NULL ? r->emp.title : "";
	for (i = 0; i < LCOLS; i++)
		l->cells[l->n * LCOLS + i] = avs_xstrdup(v[i]);
	l->n++;
}

static int
cmp_row(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
sort_rows(struct avs_listing *l)
{
	if (l->n > 0)
		qsort(l->cells, l->n, LCOLS * sizeof(*l->cells), cmp_row);
}

/* The columns of the text listing, most needed first; the registration
 * date is left to the CSV.  Text (CUT) may be cut, but a column is shown
 * only when every column of text before it keeps LEAST columns. */
#define LEAST 16
static const int text_cols[] = { L_ID, L_STATE, L_TO, L_NAME, L_TITLE,
    L_INTERVIEW, L_INTERVIEWER, L_UNIT, L_SEALED };
#define NTEXT (sizeof(text_cols) / sizeof(text_cols[0]))
#define CUT(col) ((col) == L_NAME || (col) == L_TITLE || \
    (col) == L_INTERVIEWER || (col) == L_UNIT)
/* The order they are shown in. */
static const int text_order[] = { L_ID, L_STATE, L_NAME, L_TITLE,
    L_INTERVIEW, L_TO, L_SEALED, L_INTERVIEWER, L_UNIT };

static size_t
col_width(const struct avs_listing *l, int c)
{
	size_t i, w = avs_text_width(CX_(list_label[c])), cw;

	for (i = 0; i < l->n; i++)
		if ((cw = avs_text_width(l->cells[i * LCOLS + c])) > w)
			w = cw;
	return w;
}

void
avs_listing_text(struct avs_listing *l, size_t width, struct avs_buf *out)
{
	const char *head[NTEXT], **cells;
	int flags[NTEXT], shown[LCOLS] = { 0 };
	struct avs_ttable t;
	size_t i, k, c, w, used = 0;

	sort_rows(l);
	/* Every column that fits at its least width, most needed first;
	 * what is left widens the names and titles. */
	for (k = 0; k < NTEXT; k++) {
		w = col_width(l, text_cols[k]);
		if (CUT(text_cols[k]) && w > LEAST)
			w = LEAST;
		if (k < 3 || used + 2 + w <= width) {
			shown[text_cols[k]] = 1;
			used += (k > 0 ? 2 : 0) + w;
		}
	}
	for (c = k = 0; c < NTEXT; c++) {
		int col = text_order[c];

		if (!shown[col])
			continue;
		head[k] = CX_(list_label[col]);
		flags[k++] = CUT(col) ? 0 : AVS_TT_FIXED;
	}
	cells = avs_xcalloc(l->n * k + 1, sizeof(*cells));
	for (i = 0; i < l->n; i++)
		for (c = w = 0; c < NTEXT; c++)
			if (shown[text_order[c]])
				cells[i * k + w++] =
				    l->cells[i * LCOLS + text_order[c]];
	t.ncols = k;
	t.nrows = l->n;
	t.head = head;
	t.cells = cells;
	t.flags = flags;
	t.rule_before = NULL;
	avs_text_table(&t, width, out);
	free(cells);
}

void
avs_listing_csv(struct avs_listing *l, int bom, struct avs_buf *out)
{
	size_t i;

	sort_rows(l);
	if (bom)
		avs_buf_adds(out, "\xef\xbb\xbf");
	avs_csv_safe_row(out, list_head, LCOLS);
	for (i = 0; i < l->n; i++)
		avs_csv_safe_row(out, (const char *const *)&l->cells[i * LCOLS],
		    LCOLS);
}

void
avs_listing_free(struct avs_listing *l)
{
	size_t i;

	if (l == NULL)
		return;
	avs_sfree(l->match);
	for (i = 0; i < l->n * LCOLS; i++)
		avs_sfree(l->cells[i]);
	free(l->cells);
	free(l);
}

int
avs_show(struct avs_store *st, struct avs_crypto *c, const char *id, int yaml,
    struct avs_buf *out, struct avs_err *err)
{
	struct avs_open ro;
	struct avs_qset *qs = NULL;
	int rc, lang;

	if ((rc = avs_rec_open(st, c, id, "avslut-report --show",
	    yaml ? AVS_OPEN_DOC : 0, &ro, err)) != 0)
		return rc;
	if (yaml) {
		avs_buf_add(out, ro.doc.p, ro.doc.len);
		goto done;
	}
	/* The set it was asked from, else the store's. */
	if (avs_store_qset(st, c, ro.rec->qset.name, &qs, err) != 0 &&
	    (rc = avs_store_qset(st, c, NULL, &qs, err)) != 0)
		goto done;
	if ((lang = avs_qset_lang(qs, ro.rec->qset.lang)) < 0)
		lang = avs_qset_default_lang(qs);
	avs_show_text(ro.rec, qs, lang, avs_store_config(st)->marking, out);
done:
	avs_qset_free(qs);
	avs_rec_close(&ro);
	return rc;
}
