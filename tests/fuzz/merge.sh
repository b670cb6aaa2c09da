#!/bin/sh
# Minimise one harness's corpus into the tree (make fuzz-merge calls this):
#   merge.sh NAME [DIR...]
# Keeps in tests/fuzz/corpus/NAME the smallest set of inputs, from that
# directory, build-fuzz/corpus-NAME and each DIR, that covers what they
# cover beyond the seeds (which are replayed on their own), each at most
# MAXLEN bytes (4096), so that the corpus stays small enough to commit.
name=$1
shift
b=build-fuzz
out=$b/merge-$name
rm -rf "$out"
mkdir -p "$out" "$b/corpus-$name" tests/fuzz/corpus/$name
# The seeds go first, so that only what they miss is added; then they
# are taken out again.
cp tests/fuzz/seeds/$name/* "$out"/
AVSLUT_DATADIR=$PWD "$b/fuzz-$name" -merge=1 -max_len="${MAXLEN:-4096}" \
    -timeout=10 "$out" "tests/fuzz/corpus/$name" "$b/corpus-$name" "$@" \
    >"$b/merge-$name.log" 2>&1 || { tail -20 "$b/merge-$name.log"; exit 1; }
for s in tests/fuzz/seeds/$name/*; do
	rm -f "$out/$(basename "$s")"
done
rm -rf "tests/fuzz/corpus/$name"
mv "$out" "tests/fuzz/corpus/$name"
echo "corpus/$name: $(ls "tests/fuzz/corpus/$name" | wc -l) inputs," \
    "$(cat "tests/fuzz/corpus/$name"/* 2>/dev/null | wc -c) bytes"
