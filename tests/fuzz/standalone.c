/*
 * Run a fuzz harness without libFuzzer over files and directories of
 * inputs (the seeds, the minimised corpus and every crash input found so
 * far), as TAP: one test per input.  make check builds it with ASan and
 * UBSan, so a fixed crash or leak stays fixed.  Plain stdio: this is a
 * test driver, and it must not depend on the library it tests.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int n;

/* AVSLUT_FUZZ_PLANT: a bug of each kind the replay must catch, so that
 * tests/0800 can show the drivers are built with the sanitizers. */
static void
plant(const char *bug)
{
	volatile int big = 0x7fffffff;
	char *volatile p;

	if (strcmp(bug, "leak") == 0) {
		p = malloc(32);
		p = NULL;
	} else if (strcmp(bug, "overflow") == 0) {
		p = malloc(4);
		p[4] = 'x';
		free(p);
	} else if (strcmp(bug, "ubsan") == 0)
		big = big + 1;
	(void)big;
}

static void
one(const char *path)
{
	FILE *fp;
	char *data = NULL;
	size_t len = 0, cap = 0, got;

	if ((fp = fopen(path, "rb")) == NULL) {
		printf("not ok %d - %s: cannot open\n", ++n, path);
		return;
	}
	do {
		if (len == cap && (data = realloc(data, cap = cap ? 2 * cap :
		    65536)) == NULL)
			abort();
		got = fread(data + len, 1, cap - len, fp);
		len += got;
	} while (got > 0);
	fprintf(stderr, "# %s\n", path);	/* names the input of a crash */
	if (ferror(fp))
		printf("not ok %d - %s: cannot read\n", ++n, path);
	else {
		LLVMFuzzerTestOneInput((const uint8_t *)data, len);
		printf("ok %d - %s\n", ++n, path);
	}
	fclose(fp);
	free(data);
}

int
main(int argc, char *argv[])
{
	struct dirent **de;
	struct stat sb;
	int i, k, m;

	if (getenv("AVSLUT_FUZZ_PLANT") != NULL)
		plant(getenv("AVSLUT_FUZZ_PLANT"));
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &sb) != 0)
			continue;
		if (!S_ISDIR(sb.st_mode)) {
			one(argv[i]);
			continue;
		}
		if ((m = scandir(argv[i], &de, NULL, alphasort)) < 0)
			continue;
		for (k = 0; k < m; k++) {
			char path[4096];

			if (de[k]->d_name[0] != '.') {
				snprintf(path, sizeof(path), "%s/%s", argv[i],
				    de[k]->d_name);
				one(path);
			}
			free(de[k]);
		}
		free(de);
	}
	printf("1..%d\n", n);
	fflush(stdout);
	return 0;
}
