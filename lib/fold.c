/*
 * fold.c -- case- and accent-insensitive matching of names.
 *
 * The tables give each Latin letter its base letters, made once from
 * Unicode's decompositions (NFKD without its marks, in lower case) with
 * the letters that have none filled in by hand (æ, ø, ß, þ, ð, đ, ł,
 * œ, ħ, ı, ŧ, ŋ).
 */
#include <string.h>

#include "fold.h"

/* U+00C0-U+024F; "": kept as it is */
static const char fold_latin[][3] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
	"i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "",
	"o", "u", "u", "u", "u", "y", "th", "ss", "a", "a", "a", "a",
	"a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u",
	"u", "y", "th", "y", "a", "a", "a", "a", "a", "a", "c", "c",
	"c", "c", "c", "c", "c", "c", "d", "d", "d", "d", "e", "e",
	"e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	"g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i",
	"i", "i", "i", "i", "i", "i", "ij", "ij", "j", "j", "k", "k",
	"k", "l", "l", "l", "l", "l", "l", "l", "l", "l", "l", "n",
	"n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	"o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s",
	"s", "s", "s", "s", "s", "s", "t", "t", "t", "t", "t", "t",
	"u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u",
	"w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
	"", "", "", "", "", "", "", "", "", "", "", "",
	"", "", "", "", "", "", "", "", "", "", "", "",
	"", "", "", "", "", "", "", "", "o", "o", "", "",
	"", "", "", "", "", "", "", "", "", "", "", "u",
	"u", "", "", "", "", "", "", "", "", "", "", "",
	"", "", "", "", "", "", "", "", "dz", "dz", "dz", "lj",
	"lj", "lj", "nj", "nj", "nj", "a", "a", "i", "i", "o", "o", "u",
	"u", "u", "u", "u", "u", "u", "u", "u", "u", "", "a", "a",
	"a", "a", "ae", "ae", "", "", "g", "g", "k", "k", "o", "o",
	"o", "o", "", "", "j", "dz", "dz", "dz", "g", "g", "", "",
	"n", "n", "a", "a", "ae", "ae", "o", "o", "a", "a", "a", "a",
	"e", "e", "e", "e", "i", "i", "i", "i", "o", "o", "o", "o",
	"r", "r", "r", "r", "u", "u", "u", "u", "s", "s", "t", "t",
	"", "", "h", "h", "", "", "", "", "", "", "a", "a",
	"e", "e", "o", "o", "o", "o", "o", "o", "o", "o", "y", "y",
	"", "", "", "", "", "", "", "", "", "", "", "",
	"", "", "", "", "", "", "", "", "", "", "", "",
	"", "", "", "",
};
/* U+1E00-U+1EFF; "": kept as it is */
static const char fold_latin_ext[][3] = {
	"a", "a", "b", "b", "b", "b", "b", "b", "c", "c", "d", "d",
	"d", "d", "d", "d", "d", "d", "d", "d", "e", "e", "e", "e",
	"e", "e", "e", "e", "e", "e", "f", "f", "g", "g", "h", "h",
	"h", "h", "h", "h", "h", "h", "h", "h", "i", "i", "i", "i",
	"k", "k", "k", "k", "k", "k", "l", "l", "l", "l", "l", "l",
	"l", "l", "m", "m", "m", "m", "m", "m", "n", "n", "n", "n",
	"n", "n", "n", "n", "o", "o", "o", "o", "o", "o", "o", "o",
	"p", "p", "p", "p", "r", "r", "r", "r", "r", "r", "r", "r",
	"s", "s", "s", "s", "s", "s", "s", "s", "s", "s", "t", "t",
	"t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u",
	"u", "u", "u", "u", "v", "v", "v", "v", "w", "w", "w", "w",
	"w", "w", "w", "w", "w", "w", "x", "x", "x", "x", "y", "y",
	"z", "z", "z", "z", "z", "z", "h", "t", "w", "y", "", "s",
	"", "", "ss", "", "a", "a", "a", "a", "a", "a", "a", "a",
	"a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a",
	"a", "a", "a", "a", "e", "e", "e", "e", "e", "e", "e", "e",
	"e", "e", "e", "e", "e", "e", "e", "e", "i", "i", "i", "i",
	"o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o",
	"o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o",
	"u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u",
	"u", "u", "y", "y", "y", "y", "y", "y", "y", "y", "", "",
	"", "", "", "",
};

static const char *
fold_cp(unsigned long cp)
{
	if (cp >= 0xc0 && cp < 0x250)
		return fold_latin[cp - 0xc0];
	if (cp >= 0x1e00 && cp < 0x1f00)
		return fold_latin_ext[cp - 0x1e00];
	return "";
}

void
avs_fold(struct avs_buf *out, const char *s)
{
	size_t n = strlen(s), i = 0, len;
	unsigned long cp;
	const char *f;
	int space = 0;

	while (i < n) {
		if ((len = avs_utf8_decode(s + i, n - i, &cp)) == 0) {
			len = 1;
			cp = 0;
		} else if (cp >= 0x300 && cp <= 0x36f) {
			i += len;	/* a combining mark: NFD's accent */
			continue;
		} else if (cp == ' ' || cp == '\t' || cp == 0xa0) {
			space = 1;
			i += len;
			continue;
		}
		if (space && out->len > 0)
			avs_buf_addc(out, ' ');
		space = 0;
		if (len == 1 && cp >= 'A' && cp <= 'Z')
			avs_buf_addc(out, (char)(cp - 'A' + 'a'));
		else if (len > 1 && *(f = fold_cp(cp)) != '\0')
			avs_buf_adds(out, f);
		else
			avs_buf_add(out, s + i, len);
		i += len;
	}
	if (out->p == NULL)
		avs_buf_adds(out, "");
}

int
avs_fold_contains(const char *s, const char *folded)
{
	struct avs_buf b = AVS_BUF_INIT;
	int found;

	avs_fold(&b, s);
	found = strstr(b.p, folded) != NULL;
	avs_buf_free(&b);
	return found;
}
