#!/bin/sh
# Every fuzz seed, every input of the minimised corpora and every input
# that once crashed or leaked, through each harness of tests/fuzz/ built
# with a plain main() under ASan and UBSan (make check builds them in
# build-asan and names it in AVSLUT_FUZZ_BUILD).  A harness without its
# replay binary fails here: a new parser's harness cannot be forgotten.
. "$(dirname "$0")/lib.sh"

fb=${AVSLUT_FUZZ_BUILD:-$AVSLUT_BUILD}

# The drivers really are under the sanitizers: a planted leak, a read
# past a buffer and an overflowing int each fail them.
for bug in leak overflow ubsan; do
	AVSLUT_FUZZ_PLANT=$bug "$fb/tests/fuzz-qset" >/dev/null \
	    2>"$scratch/plant.err"
	st=$?
	grep -q 'LeakSanitizer\|AddressSanitizer\|runtime error' \
	    "$scratch/plant.err"
	ok $(( st == 0 || $? != 0 )) "a planted $bug fails the replay"
	[ $st != 0 ] || diag "$fb is not built with ASan and UBSan"
done

start=$(date +%s)
for src in "$top"/tests/fuzz/fuzz-*.c; do
	h=${src##*/fuzz-}
	h=${h%.c}
	"$fb/tests/fuzz-$h" "$top/tests/fuzz/seeds/$h" \
	    "$top/tests/fuzz/corpus/$h" "$top/tests/fuzz/regress/$h" \
	    >"$scratch/$h.tap" 2>"$scratch/$h.err"
	st=$?
	n=$(grep -c '^ok' "$scratch/$h.tap")
	[ "$n" -gt 0 ] || st=1
	ok $st "fuzz-$h: $n inputs without a crash, a leak or UB"
	[ $st = 0 ] || diag "$(tail -30 "$scratch/$h.err")"
done
diag "replayed in $(( $(date +%s) - start )) s"
done_testing
