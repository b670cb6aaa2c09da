/*
 * tap.h -- a minimal Test Anything Protocol emitter for the unit tests.
 */
#ifndef AVS_TAP_H
#define AVS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, want, ...) tap_is_str((got), (want), __FILE__, __LINE__, \
	__VA_ARGS__)
#define is_int(got, want, ...) tap_is_int((long)(got), (long)(want), \
	__FILE__, __LINE__, __VA_ARGS__)

static int __attribute__((format(printf, 4, 5), unused))
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", pass ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!pass) {
		tap_failed++;
		printf("#   at %s:%d\n", file, line);
	}
	return pass;
}

static void __attribute__((format(printf, 5, 6), unused))
tap_is_str(const char *got, const char *want, const char *file, int line,
    const char *fmt, ...)
{
	char desc[300];
	va_list ap;
	int pass = got != NULL && want != NULL ? strcmp(got, want) == 0 :
	    got == want;

	va_start(ap, fmt);
	vsnprintf(desc, sizeof(desc), fmt, ap);
	va_end(ap);
	if (!tap_ok(pass, file, line, "%s", desc))
		printf("#   got:  '%s'\n#   want: '%s'\n", got ? got : "(null)",
		    want ? want : "(null)");
}

static void __attribute__((format(printf, 5, 6), unused))
tap_is_int(long got, long want, const char *file, int line,
    const char *fmt, ...)
{
	char desc[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(desc, sizeof(desc), fmt, ap);
	va_end(ap);
	if (!tap_ok(got == want, file, line, "%s", desc))
		printf("#   got:  %ld\n#   want: %ld\n", got, want);
}

static int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}

#endif
