/*
 * Run a fuzz harness without libFuzzer over files and directories of
 * inputs (the seeds and every crash input found so far), as TAP: one test
 * per input.  Built into make check, so a fixed crash stays fixed.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsio.h"
#include "util.h"
#include "yamlio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int n;

static void
one(const char *path)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf b = AVS_BUF_INIT;

	if (avs_read_file(path, 64 << 20, &b, &err) != 0) {
		printf("not ok %d - %s: %s\n", ++n, path, err.msg);
		return;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)(b.p ? b.p : ""), b.len);
	avs_buf_free(&b);
	printf("ok %d - %s\n", ++n, path);
}

int
main(int argc, char *argv[])
{
	struct dirent **de;
	struct stat sb;
	int i, k, m;

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
	return 0;
}
