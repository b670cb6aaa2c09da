/*
 * A fault for tests/0136-new-import-parallel.t, preloaded (LD_PRELOAD):
 * fork() fails with EAGAIN for the calls of the program itself after the
 * first FAILFORK_AFTER of them; gpgme's own (from libgpgme) pass.  So an
 * import's later chunk cannot start its workers.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

pid_t fork(void);

pid_t
fork(void)
{
	static pid_t (*real)(void);
	static int count;
	const char *after = getenv("FAILFORK_AFTER");
	Dl_info di;

	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "fork");
	if (after != NULL && dladdr(__builtin_return_address(0), &di) &&
	    di.dli_fname != NULL && strstr(di.dli_fname, "avslut-") != NULL &&
	    ++count > atoi(after)) {
		errno = EAGAIN;
		return -1;
	}
	return real();
}
