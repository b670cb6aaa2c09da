/* Unit tests: lib/qset.c against the shipped question set. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <libgen.h>

#include "fsio.h"
#include "guide.h"
#include "qset.h"
#include "tap.h"

/* The set's language for the user's locale and $LANGUAGE (NULL: unset). */
static const char *
default_for(const struct avs_qset *qs, const char *locale,
    const char *language)
{
	if (language != NULL)
		setenv("LANGUAGE", language, 1);
	else
		unsetenv("LANGUAGE");
	if (setlocale(LC_ALL, locale) == NULL)
		return "(no such locale)";
	return qs->langs[avs_qset_default_lang(qs)];
}

/* A question set with a control in one of its texts is refused, with
 * where; and the guide shows the texts of a set made safe all the same
 * (as a loaded set whose texts were changed afterwards shows). */
static void
controls(const char *path)
{
	static const char *const bad[] = { "\\e]52;c;eA==\\a", "\\u200F",
	    "\\u061C", "\\u2028", "\\u2029", "\\u200E", "\\u202E",
	    "\\x9B", "\\r" };
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf data = AVS_BUF_INIT, in = AVS_BUF_INIT, out = AVS_BUF_INIT;
	struct avs_qset *qs = NULL;
	const char *title = "title:\n  sv: \"Avslutssamtal";
	char *at, *hostile;
	size_t i;

	if (avs_read_file(path, 1 << 20, &data, &err) != 0 ||
	    (at = strstr(data.p, title)) == NULL) {
		ok(0, "the shipped set has its title where expected");
		return;
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		avs_buf_reset(&in);
		avs_buf_add(&in, data.p, (size_t)(at - data.p) + strlen(title));
		avs_buf_adds(&in, bad[i]);
		avs_buf_adds(&in, at + strlen(title));
		ok(avs_qset_parse("q.yaml", in.p, in.len, &qs, &err) ==
		    AVS_EUSAGE && strstr(err.msg, "q.yaml:") == err.msg &&
		    strstr(err.msg, "the \"sv\" text contains a control "
		    "character") != NULL, "a set's title with %s is refused "
		    "with file:line:col", bad[i]);
		avs_qset_free(qs);
		qs = NULL;
	}
	if (avs_qset_parse("q.yaml", data.p, data.len, &qs, &err) != 0) {
		ok(0, "the shipped set parses");
		return;
	}
	hostile = avs_xstrdup("Titel\033[2J\xe2\x80\xae");
	free(qs->title[0]);
	qs->title[0] = hostile;
	free(qs->sections[0].title[0]);
	qs->sections[0].title[0] = avs_xstrdup("Del\xc2\x9b" "1m");
	free(qs->header[0].label[0]);
	qs->header[0].label[0] = avs_xstrdup("Namn\033[31m");
	avs_guide(qs, 0, NULL, &out);
	ok(strchr(out.p, '\033') == NULL && strstr(out.p, "\xc2\x9b") ==
	    NULL && strstr(out.p, "\xe2\x80\xae") == NULL,
	    "the guide shows no raw control of the set's texts");
	ok(strstr(out.p, "Titel^[[2J<U+202E>\n==================\n") != NULL,
	    "a heading made safe, underlined to its width");
	ok(strstr(out.p, "Del<U+009B>1m\n") != NULL, "a section heading too");
	ok(strstr(out.p, "Namn^[[31m:") != NULL, "a header label too");
	avs_qset_free(qs);
	avs_buf_free(&out);
	avs_buf_free(&in);
	avs_buf_free(&data);
}

int
main(void)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_qset *qs;
	const struct avs_question *q;
	const char *facts[AVS_NFACTS] = { "tillsvidare", "egen-begaran",
	    "narmaste-chef" };
	char path[4096];
	size_t i, seed = 0, add = 0;
	int sv;

	snprintf(path, sizeof(path), "%s/questions/sodermalm.yaml",
	    getenv("AVSLUT_DATADIR") ? getenv("AVSLUT_DATADIR") :
	    ".");
	if (!ok(avs_qset_load(path, &qs, &err) == 0, "load %s", path)) {
		printf("# %s\n", err.msg);
		return tap_done();
	}
	is_str(qs->name, "sodermalm", "name");
	is_int(qs->nlang, 3, "three languages");
	is_str(qs->langs[0], "sv", "Swedish first");
	is_int(avs_qset_lang(qs, "en"), 1, "English, a translation");
	is_int(avs_qset_lang(qs, "fi"), 2, "Finnish, a translation");
	is_str(qs->title[2], "Lähtökeskustelu – Södermalmin kaupunginosahallinto",
	    "the Finnish title");
	sv = avs_qset_lang(qs, "sv");
	is_str(qs->title[sv], "Avslutssamtal Södermalms stadsdelsförvaltning",
	    "the seed's title");
	is_int(qs->nsections, 8, "seven seed sections and the summary");
	for (i = 0; i < qs->nquestions; i++)
		qs->questions[i].addition ? add++ : seed++;
	is_int(seed, 17, "17 questions of the original document");
	is_int(add, 6, "6 additions");
	q = avs_qset_question(qs, "retiree-return");
	ok(q != NULL && !avs_question_applies(q, facts),
	    "the retirement question is not for egen-begaran");
	facts[AVS_FACT_REASON] = "pension";
	ok(q != NULL && avs_question_applies(q, facts), "... but for pension");
	q = avs_qset_question(qs, "primary-reason-category");
	ok(q != NULL && q->type == AVS_Q_CHOICE && q->nopts == 11,
	    "primary reason category: a choice of 11");
	ok(q != NULL && avs_question_option(q, "pay") != NULL, "option pay");
	ok(q != NULL && avs_question_option(q, "salary") == NULL,
	    "no option salary");
	q = avs_qset_question(qs, "secondary-reasons");
	ok(q != NULL && q->type == AVS_Q_MULTI, "secondary reasons: multi");
	is_int(strlen(qs->digest), 71, "sha256 digest");
	is_int(qs->header[3].to_field != NULL, 1, "employed is a range");
	is_str(default_for(qs, "C", NULL), "en", "C: English");
	is_str(default_for(qs, "C", "sv"), "en", "C ignores LANGUAGE, as gettext");
	is_str(default_for(qs, "C.UTF-8", "sv"), "sv", "LANGUAGE=sv");
	is_str(default_for(qs, "C.UTF-8", "sv_SE"), "sv", "LANGUAGE=sv_SE");
	is_str(default_for(qs, "C.UTF-8", "de:nb:sv:en"), "sv",
	    "the first language of LANGUAGE that the set carries");
	is_str(default_for(qs, "C.UTF-8", "::en_GB.UTF-8@x:sv"), "en",
	    "empty entries and a full locale name in LANGUAGE");
	is_str(default_for(qs, "C.UTF-8", "de"), "en",
	    "none carried: English");
	is_str(default_for(qs, "C.UTF-8", "svenska"), "en",
	    "no prefix match");
	is_str(default_for(qs, "C.UTF-8", "fi"), "fi", "LANGUAGE=fi");
	is_str(default_for(qs, "C.UTF-8", "de:fi_FI.UTF-8:sv"), "fi",
	    "Finnish before Swedish in LANGUAGE");
	is_str(avs_words("fi")->yes, "Kyllä", "yes in Finnish");
	is_str(avs_words("sv")->no, "Nej", "no in Swedish");
	is_str(avs_words("de")->greet, "Dear ", "English for another language");
	setlocale(LC_ALL, "C");
	unsetenv("LANGUAGE");
	avs_qset_free(qs);
	ok(avs_qset_load("/nonexistent.yaml", &qs, &err) == AVS_ERUN,
	    "a missing file is a run-time error");
	controls(path);
	return tap_done();
}
