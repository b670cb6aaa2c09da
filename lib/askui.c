/*
 * askui.c -- the interview on a terminal.
 *
 * Line editing is libedit's (UTF-8 aware when the locale is).  An answer
 * ends with an empty line; a first line starting with ':' is a command
 * (see avslut-ask(1)), "::" types a literal colon.  Every answer is saved
 * before the next question is shown, with SIGINT, SIGHUP, SIGTERM and
 * SIGQUIT held back while saving; such a signal at any other moment
 * restores the terminal and exits, losing only what was being typed.
 * Everything the record already holds is shown through avs_text_safe():
 * typed control characters and bidi overrides are made visible, never
 * interpreted.
 *
 * Between two lines the terminal is not left cooked but held raw (no
 * echo, no line discipline; signals still work): keys typed during a save
 * wait, untouched, for the next line.  It matters at every prompt, too:
 * libedit shows its prompt before it makes the terminal raw, and a key
 * that came in between would otherwise get the terminal's own echo and
 * erase processing (an arrow key echoed as "^[[D", a backspace eating
 * its last byte).
 */
#include <errno.h>
#include <histedit.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "askui.h"
#include "editor.h"
#include "i18n.h"
#include "report.h"
#include "show.h"
#include "text.h"

#define WIDTH 76

enum cmd { C_ANSWER, C_KEEP, C_BACK, C_SKIP, C_EDIT, C_REVIEW, C_QUIT,
    C_HELP, C_EOF };

struct ui {
	struct avs_interview *iv;
	EditLine *el;
	const char *prompt;
	size_t cur;
	size_t last_section;
	int from_review;
};

static struct termios saved_tty, held_tty;
static int have_tty;
static volatile sig_atomic_t held;	/* between lines, the terminal held */

/* Hold the terminal raw between lines (on), or give it back as it was. */
static void
hold_tty(int on)
{
	held = on;
	if (have_tty)
		tcsetattr(STDIN_FILENO, TCSANOW, on ? &held_tty : &saved_tty);
}

/* Give the terminal back for good, dropping any keys typed ahead: they
 * were meant for the interview, not for whatever reads the terminal next
 * (a shell would run them, and keep them in its history). */
static void
give_back_tty(void)
{
	held = 0;
	if (have_tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
		tcflush(STDIN_FILENO, TCIFLUSH);
	}
}

static void
on_signal(int sig)
{
	static const char msg[] = "\ninterrupted: every answer but the one "
	    "being typed is saved\n";

	/* The editor's file is on disk: wiped first, then this again. */
	if ((sig == SIGTERM || sig == SIGHUP) && avs_edit_defer(sig))
		return;
	give_back_tty();
	if (sig != SIGHUP && write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
		/* Nothing more to do. */
	}
	_exit(AVS_ERUN);
}

/* Control-Z between two lines: give the terminal back, stop, and hold it
 * again when continued.  (While a line is read, libedit does this.) */
static void
on_stop(int sig)
{
	struct sigaction sa;
	sigset_t set;
	int e = errno, was = held;

	if (was)
		give_back_tty();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	/* Continued. */
	sa.sa_handler = on_stop;
	sigaction(sig, &sa, NULL);
	if (was)
		hold_tty(1);
	errno = e;
}

static void
catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sa.sa_handler = on_stop;
	sigaction(SIGTSTP, &sa, NULL);
}

static char *
prompt_fn(EditLine *el)
{
	struct ui *u;

	el_get(el, EL_CLIENTDATA, &u);
	return (char *)u->prompt;
}

/* Print text someone typed (or that came from a record), made safe. */
static void
put_safe(const char *s, const char *indent)
{
	struct avs_buf b = AVS_BUF_INIT, line = AVS_BUF_INIT;
	const char *p, *nl;

	for (p = s; ; p = nl + 1) {
		nl = strchr(p, '\n');
		avs_buf_reset(&line);
		avs_buf_add(&line, p, nl != NULL ? (size_t)(nl - p) :
		    strlen(p));
		avs_buf_adds(&b, indent);
		avs_text_safe(&b, line.p, 0);
		avs_buf_addc(&b, '\n');
		if (nl == NULL)
			break;
	}
	fputs(b.p, stdout);
	avs_buf_free(&b);
	avs_buf_free(&line);
}

static void
put_wrapped(const char *s, const char *first, const char *indent)
{
	struct avs_buf b = AVS_BUF_INIT;

	avs_text_wrap(&b, s, first, indent, WIDTH);
	fputs(b.p, stdout);
	avs_buf_free(&b);
}

/* One line of input; NULL at end of input.  The trailing newline goes. */
static const char *
get_line(struct ui *u, const char *prompt, int *count)
{
	const char *line;

	u->prompt = prompt;
	fflush(stdout);
	held = 0;	/* libedit has the terminal now */
	line = el_gets(u->el, count);
	hold_tty(1);	/* libedit has made it cooked again */
	if (line == NULL || *count <= 0)
		return NULL;
	return line;
}

static enum cmd
command(const char *line)
{
	static const struct {
		const char *a, *b;
		enum cmd c;
	} tab[] = {
		{ ":b", ":back", C_BACK }, { ":s", ":skip", C_SKIP },
		{ ":e", ":edit", C_EDIT }, { ":r", ":review", C_REVIEW },
		{ ":q", ":quit", C_QUIT }, { ":h", ":help", C_HELP },
	};
	char w[16];
	size_t i, n = strcspn(line, " \t\n");

	if (n >= sizeof(w) || line[strspn(line + n, " \t\n") + n] != '\0')
		return C_EOF;	/* not a command */
	memcpy(w, line, n);
	w[n] = '\0';
	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcmp(w, tab[i].a) == 0 || strcmp(w, tab[i].b) == 0)
			return tab[i].c;
	return C_EOF;
}

/* The one-line hint; where a translation makes it wider than the
 * terminal it breaks between its " · " separated items, never inside one. */
static void
hint(int text)
{
	const char *s = text ?
	    _("  (empty line: done · :b back · :s skip · :e editor · :r review "
	    "· :q quit · :h help)") :
	    _("  (:b back · :s skip · :r review · :q save and quit · :h help)");
	const char *sep = " \xc2\xb7 ", *e;
	size_t col = 0, w, cols = avs_term_width(STDOUT_FILENO) - 1;
	char *item;

	for (;;) {
		e = strstr(s, sep);
		item = avs_xstrndup(s, e != NULL ? (size_t)(e - s) : strlen(s));
		w = avs_text_width(item);
		if (col == 0)
			col = w;
		else if (col + 3 + w > cols) {
			fputs(" \xc2\xb7\n   ", stdout);
			col = 3 + w;
		} else {
			fputs(sep, stdout);
			col += 3 + w;
		}
		fputs(item, stdout);
		free(item);
		if (e == NULL)
			break;
		s = e + strlen(sep);
	}
	putchar('\n');
}

static void
help(void)
{
	fputs(_("Typing an answer:\n"
	    "  Type the answer; Enter starts a new line, an empty line ends "
	    "the answer.\n"
	    "  Enter on an empty first line keeps the saved answer.\n"
	    "  For numbered choices type the number (several: 1,3).\n"
	    "  A first line of \"::\" followed by text types text that begins "
	    "with ':'.\n"
	    "Commands, alone on the first line:\n"
	    "  :b  back to the previous question\n"
	    "  :s  skip this question\n"
	    "  :e  write or change the answer in your editor ($VISUAL or "
	    "$EDITOR)\n"
	    "  :r  review every answer so far\n"
	    "  :q  save and quit; avslut-ask ID continues where you stopped\n"
	    "  :h  this help\n"
	    "Every answer is saved, encrypted, as soon as it is given.\n"),
	    stdout);
}

static void
heading(struct ui *u, const struct avs_question *q)
{
	const char *t = avs_iv_text(u->iv, u->iv->qs->sections[q->section].title);
	size_t w;

	if (u->last_section == q->section)
		return;
	u->last_section = q->section;
	printf("\n");
	put_safe(t, "");
	for (w = avs_text_width(t); w > 0; w--)
		fputs("─", stdout);
	putchar('\n');
}

static void
show_answer(const struct avs_answer *a)
{
	size_t i;

	if (a == NULL)
		return;
	if (a->skipped) {
		printf("%s\n", _("  Saved: (skipped)"));
		return;
	}
	printf("%s\n", _("  Saved answer:"));
	if (a->type == AVS_Q_MULTI) {
		for (i = 0; a->labels != NULL && a->labels[i] != NULL; i++)
			put_safe(a->labels[i], "  | ");
	} else
		put_safe(a->label != NULL ? a->label : a->value != NULL ?
		    a->value : "", "  | ");
}

/* " (1 = low, 5 = high)", the set's labels made safe. */
static void
scale_labels(long min, const char *low, long max, const char *high)
{
	struct avs_buf b = AVS_BUF_INIT;

	avs_buf_printf(&b, " (%ld = ", min);
	avs_text_safe(&b, low, 0);
	avs_buf_printf(&b, ", %ld = ", max);
	avs_text_safe(&b, high, 0);
	avs_buf_addc(&b, ')');
	fputs(b.p, stdout);
	avs_buf_free(&b);
}

static void
show_question(struct ui *u)
{
	const struct avs_interview *iv = u->iv;
	const struct avs_question *q = iv->asked[u->cur];
	char lead[32];
	size_t i;

	heading(u, q);
	printf("\n");
	printf(q->required ? _("Question %zu of %zu (required)\n") :
	    _("Question %zu of %zu\n"), u->cur + 1, iv->nasked);
	put_wrapped(avs_iv_text(iv, q->text), "", "");
	switch (q->type) {
	case AVS_Q_CHOICE:
	case AVS_Q_MULTI:
		for (i = 0; i < q->nopts; i++) {
			snprintf(lead, sizeof(lead), "  %2zu) ", i + 1);
			put_wrapped(avs_iv_text(iv, q->opts[i].text), lead,
			    "      ");
		}
		printf("%s\n", q->type == AVS_Q_MULTI ?
		    _("  Choose one or more numbers, e.g. 1,3.") :
		    _("  Choose a number."));
		break;
	case AVS_Q_SCALE:
		printf(_("  Answer %ld-%ld"), q->smin, q->smax);
		if (q->low != NULL && q->high != NULL)
			scale_labels(q->smin, avs_iv_text(iv, q->low),
			    q->smax, avs_iv_text(iv, q->high));
		printf(".\n");
		break;
	case AVS_Q_YESNO:
		printf("   1) %s\n   2) %s\n", avs_iv_yesno(iv, 1),
		    avs_iv_yesno(iv, 0));
		break;
	case AVS_Q_TEXT:
		break;
	}
	show_answer(avs_iv_answer(iv, u->cur));
	hint(q->type == AVS_Q_TEXT);
}

/* Read an answer or a command.  Text is collected into text. */
static enum cmd
read_input(struct ui *u, int multiline, struct avs_buf *text)
{
	const char *line;
	enum cmd c;
	int count, first = 1;

	avs_buf_reset(text);
	for (;;) {
		line = get_line(u, first ? "> " : "  ", &count);
		if (line == NULL) {
			if (!first)
				return C_ANSWER;	/* ^D ends the answer */
			return C_EOF;
		}
		if (first) {
			if (line[0] == ':' && line[1] == ':')
				line++;
			else if (line[0] == ':') {
				if ((c = command(line)) == C_EOF) {
					printf(_("  unknown command; :h for "
					    "help\n"));
					continue;
				}
				return c;
			}
			if (line[0] == '\n' || line[0] == '\0')
				return C_KEEP;
		} else if (line[0] == '\n' || line[0] == '\0')
			return C_ANSWER;
		avs_buf_add(text, line, strcspn(line, "\n"));
		if (!multiline)
			return C_ANSWER;
		avs_buf_addc(text, '\n');
		first = 0;
	}
}

static int
save(struct ui *u, struct avs_err *err)
{
	sigset_t old;
	int rc;

	avs_hold_signals(1, &old);
	rc = avs_iv_save(u->iv, err);
	avs_hold_signals(0, &old);
	if (rc == 0) {
		printf("%s\n", _("  ✓ saved"));
		fflush(stdout);
	}
	return rc;
}

/* Take text as the answer to the current question, and save it. */
static int
take(struct ui *u, const char *text, struct avs_err *err)
{
	const struct avs_question *q = u->iv->asked[u->cur];
	struct avs_err why = AVS_ERR_INIT;
	struct avs_answer a;
	int rc;

	if (avs_iv_parse(u->iv, q, text, &a, &why) != 0) {
		printf("  ! %s\n", why.msg);
		return -1;
	}
	avs_iv_put(u->iv, q, &a);
	if ((rc = save(u, err)) != 0)
		return rc;
	return 0;
}

static int
edit(struct ui *u, struct avs_err *err)
{
	const struct avs_question *q = u->iv->asked[u->cur];
	const struct avs_answer *a = avs_iv_answer(u->iv, u->cur);
	struct avs_buf text = AVS_BUF_INIT;
	struct avs_err why = AVS_ERR_INIT;
	int rc;

	if (q->type != AVS_Q_TEXT) {
		printf("%s\n", _("  ! the editor is for text answers"));
		return -1;
	}
	hold_tty(0);
	rc = avs_edit(a != NULL && !a->skipped ? a->value : NULL, &text, &why);
	hold_tty(1);
	if (rc != 0) {
		printf("  ! %s\n", why.msg);
		avs_buf_free(&text);
		return -1;
	}
	rc = take(u, text.p != NULL ? text.p : "", err);
	avs_buf_free(&text);
	return rc;
}

/* A one-line summary of an answer for the review: the question and the
 * answer, each clipped to its column. */
static void
review_line(const struct ui *u, size_t i)
{
	const struct avs_interview *iv = u->iv;
	const struct avs_answer *a = avs_iv_answer(iv, i);
	struct avs_buf b = AVS_BUF_INIT, t = AVS_BUF_INIT;
	size_t k, cols = avs_term_width(STDOUT_FILENO), qw = cols / 2 - 6;

	if (a == NULL)
		avs_buf_adds(&t, _("(not answered)"));
	else if (a->skipped)
		avs_buf_adds(&t, _("(skipped)"));
	else if (a->type == AVS_Q_MULTI)
		for (k = 0; a->labels != NULL && a->labels[k] != NULL; k++)
			avs_buf_printf(&t, "%s%s", k ? ", " : "", a->labels[k]);
	else
		avs_buf_adds(&t, a->label != NULL ? a->label : a->value);
	avs_buf_printf(&b, "%3zu. ", i + 1);
	avs_text_clip(&b, avs_iv_text(iv, iv->asked[i]->text), qw);
	for (k = avs_text_width(b.p); k < qw + 7; k++)
		avs_buf_addc(&b, ' ');
	avs_text_clip(&b, t.p, cols - qw - 8);
	printf("%s\n", b.p);
	avs_buf_free(&b);
	avs_buf_free(&t);
}

/* Returns the question to go to, nasked to go on, or -1 to quit. */
static long
review(struct ui *u, int final)
{
	const struct avs_interview *iv = u->iv;
	const char *line;
	char *end;
	size_t i;
	long n;
	int count;

	printf("\n%s\n", _("Review"));
	for (i = 0; i < iv->nasked; i++)
		if (!iv->asked[i]->interviewer || avs_iv_answer(iv, i) != NULL)
			review_line(u, i);
	for (;;) {
		printf("%s\n", final ? _("Type a question number to change its "
		    "answer, Enter to go on, :q to save and quit.") :
		    _("Type a question number to go to it, Enter to go back, "
		    ":q to save and quit."));
		line = get_line(u, "> ", &count);
		if (line == NULL || command(line) == C_QUIT)
			return -1;
		if (line[0] == '\n')
			return (long)iv->nasked;
		n = strtol(line, &end, 10);
		if (*end == '\n' && n >= 1 && (size_t)n <= iv->nasked)
			return n - 1;
		printf(_("  ! a number from 1 to %zu\n"), iv->nasked);
	}
}

static void
start_screen(const struct ui *u)
{
	const struct avs_record *r = u->iv->rec;
	char line[256];

	printf("\n");
	put_safe(avs_iv_text(u->iv, u->iv->qs->title), "");
	printf(_("Record %s · %s\n\n"), r->id, avs_state_label(r->state));
	snprintf(line, sizeof(line), "%s", _("  Employee:     "));
	printf("%s", line);
	put_safe(r->emp.name, "");
	if (r->emp.title != NULL) {
		printf("%s", _("  Title:        "));
		put_safe(r->emp.title, "");
	}
	if (r->emp.workplace != NULL) {
		printf("%s", _("  Workplace:    "));
		put_safe(r->emp.workplace, "");
	}
	if (r->emp.unit != NULL) {
		printf("%s", _("  Unit:         "));
		put_safe(r->emp.unit, "");
	}
	printf(_("  Employed:     %s – %s (%s), leaving: %s\n"), r->emp.from,
	    r->emp.to, avs_key_label(AVS_BY_EMPLOYMENT, r->emp.employment),
	    avs_key_label(AVS_BY_REASON, r->emp.reason));
	printf("%s", _("  Interviewer:  "));
	put_safe(r->interviewer.name != NULL ? r->interviewer.name :
	    r->interviewer.fpr, "");
	printf(_("  Role:         %s\n"), avs_role_label(r->interviewer.role));
	if (r->questions_sent[0] != '\0')
		printf(_("  The questions were sent in advance on %s.\n"),
		    r->questions_sent);
	else
		printf("%s\n", _("  ! No date is recorded for sending the "
		    "questions in advance (avslut-new --guide ID)."));
	printf("\n%s\n", _("The interview is voluntary, and what is written "
	    "is confidential.\nEvery answer is saved, encrypted, as soon as "
	    "it is given."));
	if (u->iv->set_changed)
		printf("%s\n", _("  ! The question set has changed since this "
		    "interview began; new answers use its current texts."));
}

static int
ask_one(struct ui *u, struct avs_err *err, int *quit)
{
	const struct avs_question *q = u->iv->asked[u->cur];
	struct avs_buf text = AVS_BUF_INIT;
	enum cmd c;
	int rc = 0;

	show_question(u);
	for (;;) {
		c = read_input(u, q->type == AVS_Q_TEXT, &text);
		switch (c) {
		case C_ANSWER:
			rc = take(u, text.p != NULL ? text.p : "", err);
			break;
		case C_KEEP:
			if (avs_iv_answer(u->iv, u->cur) != NULL)
				rc = 0;
			else {
				printf("%s\n", _("  ! type an answer, or :s to "
				    "skip"));
				rc = -1;
			}
			break;
		case C_SKIP:
			avs_iv_skip(u->iv, q);
			rc = save(u, err);
			break;
		case C_EDIT:
			rc = edit(u, err);
			break;
		case C_HELP:
			help();
			rc = -1;
			break;
		case C_REVIEW:
		case C_BACK:
		case C_QUIT:
		case C_EOF:
			avs_buf_free(&text);
			*quit = (int)c;
			return 0;
		}
		if (rc >= 0)
			break;
	}
	avs_buf_free(&text);
	*quit = 0;
	return rc;
}

/* The next question from i on in this phase, or nasked. */
static size_t
from_in_phase(const struct avs_interview *iv, size_t i, int interviewer)
{
	for (; i < iv->nasked; i++)
		if (!!iv->asked[i]->interviewer == interviewer)
			return i;
	return iv->nasked;
}

static size_t
prev_in_phase(const struct avs_interview *iv, size_t i, int interviewer)
{
	while (i-- > 0)
		if (!!iv->asked[i]->interviewer == interviewer)
			return i;
	return iv->nasked;
}

static int
run(struct ui *u, struct avs_err *err)
{
	struct avs_interview *iv = u->iv;
	int phase = 0, quit, rc;
	long go;
	size_t p;

	/* Resume at the first open question; when all are done, the review. */
	u->cur = avs_iv_next_open(iv, 0, 0);
	if (u->cur > 0 && u->cur < iv->nasked)
		printf(_("\nContinuing at question %zu of %zu; the answers "
		    "before it are saved (:r to review them).\n"), u->cur + 1,
		    iv->nasked);
	for (;;) {
		if (u->cur >= iv->nasked) {
			if (phase == 0) {
				go = review(u, 1);
				if (go < 0)
					return 0;
				if ((size_t)go < iv->nasked) {
					u->cur = (size_t)go;
					u->from_review = 1;
					phase = iv->asked[go]->interviewer;
					continue;
				}
				/* Then the interviewer's own questions. */
				phase = 1;
				u->cur = from_in_phase(iv, 0, 1);
				continue;
			}
			return 1;	/* finished */
		}
		if ((rc = ask_one(u, err, &quit)) != 0)
			return -1;
		switch (quit) {
		case C_QUIT:
		case C_EOF:
			return 0;
		case C_REVIEW:
			go = review(u, 0);
			if (go < 0)
				return 0;
			if ((size_t)go < iv->nasked) {
				u->cur = (size_t)go;
				phase = iv->asked[go]->interviewer;
			}
			u->last_section = (size_t)-1;
			continue;
		case C_BACK:
			p = prev_in_phase(iv, u->cur, phase);
			if (p == iv->nasked)
				printf("%s\n", _("  ! this is the first "
				    "question"));
			else
				u->cur = p;
			u->last_section = (size_t)-1;
			continue;
		default:
			break;
		}
		if (u->from_review) {
			u->from_review = 0;
			u->cur = iv->nasked;
			phase = 0;
			continue;
		}
		u->cur = from_in_phase(iv, u->cur + 1, phase);
	}
}

int
avs_ask_interactive(struct avs_interview *iv, struct avs_err *err)
{
	struct ui u;
	const char *line;
	int count, rc;

	/* Answers are UTF-8: edit them in a UTF-8 locale. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	memset(&u, 0, sizeof(u));
	u.iv = iv;
	u.last_section = (size_t)-1;
	have_tty = tcgetattr(STDIN_FILENO, &saved_tty) == 0;
	held_tty = saved_tty;
	held_tty.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ECHOE | ECHOK | ECHONL |
	    IEXTEN);
	held_tty.c_cc[VMIN] = 1;
	held_tty.c_cc[VTIME] = 0;
	catch_signals();
	/* libedit learns the terminal's own settings here, so hold it after. */
	u.el = el_init(avs_progname, stdin, stdout, stderr);
	if (u.el == NULL)
		return avs_fail(err, AVS_ERUN, _("cannot start line editing"));
	el_set(u.el, EL_CLIENTDATA, &u);
	el_set(u.el, EL_PROMPT, prompt_fn);
	el_set(u.el, EL_EDITOR, "emacs");
	el_set(u.el, EL_SIGNAL, 1);
	el_source(u.el, NULL);
	hold_tty(1);

	start_screen(&u);
	printf("\n%s\n", _("Press Enter to begin (:q to quit, :h for help)."));
	line = get_line(&u, "> ", &count);
	if (line == NULL || command(line) == C_QUIT)
		rc = 0;
	else {
		if (command(line) == C_HELP)
			help();
		rc = run(&u, err);
	}
	if (rc == 1) {
		printf("\n%s\n", _("All questions are done and saved."));
		printf(_("Seal the record when you have finished: avslut-seal "
		    "%s\n"), iv->rec->id);
	} else if (rc == 0)
		printf(_("\nSaved. Continue later with: avslut-ask %s\n"),
		    iv->rec->id);
	fflush(stdout);
	give_back_tty();
	el_end(u.el);
	return rc < 0 ? err->status : 0;
}
