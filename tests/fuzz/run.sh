#!/bin/sh
# Run one libFuzzer harness for a while (make fuzz calls this for each):
#   run.sh NAME SECONDS [libFuzzer flags...]
# from the top of the tree, with build-fuzz/fuzz-NAME built.  New inputs
# go to build-fuzz/corpus-NAME, findings to build-fuzz/findings/NAME/, the
# whole log to build-fuzz/fuzz-NAME.log (FUZZ_BUILD names another directory
# than build-fuzz).  Prints one summary line, and
# each finding's file; exits 1 when there was a finding.
name=$1 secs=$2
shift 2
b=${FUZZ_BUILD:-build-fuzz}
mkdir -p "$b/corpus-$name" "$b/findings/$name" tests/fuzz/corpus/$name
touch "$b/.start-$name"
sleep 1		# findings are told apart from older ones by their mtime
AVSLUT_DATADIR=$PWD "$b/fuzz-$name" -max_total_time="$secs" \
    -max_len=65536 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$b/findings/$name/" "$@" "$b/corpus-$name" \
    "tests/fuzz/corpus/$name" "tests/fuzz/seeds/$name" \
    >"$b/fuzz-$name.log" 2>&1
st=$?
awk -v name="$name" -v st="$st" '
	/cov: / { for (i = 1; i <= NF; i++) if ($i == "cov:") cov = $(i + 1) }
	/^stat::number_of_executed_units:/ { runs = $2 }
	/^stat::average_exec_per_sec:/ { eps = $2 }
	/^stat::peak_rss_mb:/ { rss = $2 }
	END { printf "fuzz-%s: runs %s, exec/s %s, cov: %s, peak RSS %s MB, " \
	    "exit %s\n", name, runs, eps, cov, rss, st }' "$b/fuzz-$name.log"
found=$(find "$b/findings/$name" -type f -newer "$b/.start-$name")
for f in $found; do
	echo "fuzz-$name: FINDING $f (log: $b/fuzz-$name.log)"
done
[ -z "$found" ] && [ "$st" = 0 ]
