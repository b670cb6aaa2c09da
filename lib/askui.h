/*
 * askui.h -- the interactive interview on a terminal (libedit).
 */
#ifndef AVS_ASKUI_H
#define AVS_ASKUI_H

#include "interview.h"
#include "util.h"

/* Run the interview on the terminal: start screen, every asked question
 * section by section, review, the interviewer's questions.  Each answer is
 * saved before the next question appears.  Returns 0 when finished or
 * saved-and-quit. */
int avs_ask_interactive(struct avs_interview *iv, struct avs_err *err);

#endif
