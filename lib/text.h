/*
 * text.h -- text for people: display width, wrapping, and making what a
 * user typed safe to show on a terminal.
 */
#ifndef AVS_TEXT_H
#define AVS_TEXT_H

#include <stddef.h>

#include "util.h"

/* Columns a string takes on a terminal (wide characters count 2). */
size_t avs_text_width(const char *s);
/* Characters that are never taken in and never shown raw, because a
 * terminal, a spreadsheet or a reader's eye would take them for more
 * than text: C0 and C1 controls (but tab and newline), DEL, the
 * bidirectional marks, embeddings, overrides and isolates (U+061C,
 * U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and the line and
 * paragraph separators (U+2028, U+2029).  The one list of every input
 * check and every escape. */
int avs_text_unsafe_char(unsigned long cp);
/* 1 when s holds such a character or invalid UTF-8, or, unless keep_nl,
 * a newline or tab; else 0. */
int avs_text_control(const char *s, int keep_nl);
/* Check that s is one line of text fit to keep and to show: valid UTF-8
 * of at most max bytes, without any control character (tab and newline
 * included) or bidirectional control.  0, else AVS_EUSAGE with
 * "what: why" -- never quoting s, which may be personal. */
int avs_text_check_line(const char *what, const char *s, size_t max,
    struct avs_err *err);
/* Append s with every such character made visible: ^[ for ESC, <U+202E>,
 * <0xff> for a stray byte.  Newlines and tabs kept when keep_nl. */
void avs_text_safe(struct avs_buf *out, const char *s, int keep_nl);
/* Append s wrapped at width columns, each line starting with indent (the
 * first with first, when not NULL).  Paragraph breaks (newlines) kept. */
void avs_text_wrap(struct avs_buf *out, const char *s, const char *first,
    const char *indent, size_t width);
/* Append s made safe (newlines flattened), cut to at most width columns
 * with "…" when it is longer. */
void avs_text_clip(struct avs_buf *out, const char *s, size_t width);
/* The width to lay text out in, the one rule of every tool: $COLUMNS
 * when it holds a number (the user's choice, as for ls(1)), else the
 * width of the terminal on fd when it is one, else 80; never less than
 * 40 nor more than 1000. */
size_t avs_term_width(int fd);
/* Are a and b the same name but for case (ASCII and Latin-1 letters:
 * "ANSTÄLLD" is "anställd") and blanks at either end? */
int avs_text_caseeq(const char *a, const char *b);
/* Append n copies of the string s. */
void avs_text_repeat(struct avs_buf *out, const char *s, size_t n);

#endif
