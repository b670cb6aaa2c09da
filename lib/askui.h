/*
 * askui.h -- the interactive interview on a terminal (libedit).
 *
 * This module owns the terminal while the interview runs: it reads and
 * prints there, holds the terminal's modes and catches the signals that
 * end avslut-ask -- which is why it, with cli.h, is the library's one
 * exception to "the library never prints" (util.h).  A signal that ends
 * the interview restores the terminal and _exits from the handler, the
 * only async-signal-safe way out; the record on disk is the last one
 * saved.
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
