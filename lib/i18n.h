/*
 * i18n.h -- gettext for user-facing messages.  English is the source
 * language; po/sv.po is the Swedish catalogue.
 */
#ifndef AVS_I18N_H
#define AVS_I18N_H

#include <libintl.h>

#define AVS_TEXTDOMAIN "avslut"
#define _(s) gettext(s)
#define N_(s) (s)

/* A message in a context, where one English word is two in Swedish
 * ("Sealed": a count of records, or a date).  NC_ marks one for a table
 * that CX_ translates later; xgettext knows both (-kC_:1c,2 -kNC_:1c,2). */
#define NC_(ctx, s) (ctx "\004" s)
#define C_(ctx, s) avs_cgettext(NC_(ctx, s))

/* The translation of a "context\004message" key, else the message. */
static inline const char *
avs_cgettext(const char *key)
{
	const char *t = gettext(key), *p;

	if (t != key)
		return t;
	for (p = key; *p != '\0' && *p != '\004'; p++)
		continue;
	return *p != '\0' ? p + 1 : key;
}
#define CX_(key) avs_cgettext(key)

#endif
