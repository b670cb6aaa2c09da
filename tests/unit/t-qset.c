/* Unit tests: lib/qset.c against the shipped question set. */
#include <locale.h>
#include <stdlib.h>

#include <libgen.h>

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
	return tap_done();
}
