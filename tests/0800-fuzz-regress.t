#!/bin/sh
# Every fuzz seed and every input that once crashed a harness, through
# the harnesses built with a plain main() (in make check-asan: with ASan).
. "$(dirname "$0")/lib.sh"

n=0
for h in qset record answers import; do
	"$AVSLUT_BUILD/tests/fuzz-$h" "$top/tests/fuzz/seeds/$h" \
	    "$top/tests/fuzz/regress/$h" >"$scratch/$h.tap" 2>"$scratch/$h.err"
	st=$?
	grep -c '^ok' "$scratch/$h.tap" >"$scratch/n"
	ok $st "fuzz-$h: $(cat "$scratch/n") inputs without a crash"
	[ $st = 0 ] || diag "$(tail -30 "$scratch/$h.err")"
done
done_testing
