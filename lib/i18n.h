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

#endif
