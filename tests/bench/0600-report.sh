#!/bin/sh
# Issue 6: avslut-report over 1,000 sealed records against GnuPG on
# copies of the same files -- one `gpg --decrypt-files` process, and a
# sequential `gpg --decrypt` loop -- then peak memory over 10,000 sealed
# records without --answers (/usr/bin/time -v).
. "$(dirname "$0")/lib.sh"
N=${BENCH_N:-1000}
BIG=${BENCH_BIG:-10000}

HR=$(mkkey "HR Officer")
MGR=$(mkkey "Maja Chef")
avslut-new --init --recipient="$HR" --retention-decision=x >/dev/null
export AVSLUT_TODAY=2026-06-30

# make COUNT: that many sealed records over ten units and four quarters,
# answers to every coded question and a free-text one; two writers.
mkset() {
	local n=$1 per=$(( $1 / 40 )) u q
	for u in 0 1 2 3 4 5 6 7 8 9; do
		for q in 02 05 08 11; do
			echo "n=$per;unit=Enhet $u;date=2026-$q-15;to=2026-$q-28;interviewer=$MGR;seal=$MGR;a.primary-reason-category=pay;a.secondary-reasons=pay,career;a.next-step=studies;a.would-return-coded=maybe;a.overall-rating=$(( (u + ${q#0}) % 5 + 1 ));a.primary-reason=Lönen och arbetstiderna"
		done
	done | mkrecords -j 2 >/dev/null || { echo "cannot make records" >&2; exit 1; }
}

bench_time t_make mkset "$N"
n=$(ls "$AVSLUT_STORE/records" | wc -l)
echo "report: $n sealed records ($(du -sk "$AVSLUT_STORE/records" | cut -f1) KiB) made in $t_make ms, $(nproc) CPUs"

bench_time t_report avslut-report --format=csv
bench_time t_report1 avslut-report --format=csv --jobs=1
bench_time t_text avslut-report --by=unit --by=quarter --answers

decrypt_files t_files
mkdir "$scratch/loop"
cp "$AVSLUT_STORE"/records/*.asc "$scratch/loop/"
loop() {
	local f
	for f in "$scratch"/loop/*.asc; do
		gpg --batch --quiet --decrypt "$f" >/dev/null 2>&1 || return 1
	done
}
bench_time t_loop loop

report_line "avslut-report --format=csv ($n records, $(nproc) threads)" "$t_report"
report_line "avslut-report --format=csv --jobs=1" "$t_report1"
report_line "avslut-report --by=unit --by=quarter --answers (text)" "$t_text"
report_line "gpg --batch --decrypt-files (one process, same files)" "$t_files"
report_line "gpg --decrypt x $n (sequential shell loop)" "$t_loop"
echo "  ratio report / decrypt-files: $(ratio "$t_report" "$t_files") (target <= 1.5)"
echo "  ratio report / gpg loop:      $(ratio "$t_report" "$t_loop") (target <= 0.5)"

# Peak memory over BIG records, without --answers.
bench_time t_make mkset $(( BIG - n ))
n=$(ls "$AVSLUT_STORE/records" | wc -l)
echo "report: $n sealed records (the $(( n - N )) more made in $t_make ms)"
peak_memory "$n records"
grep -q "^counts,total,,,,,,,,,,offered,$n," "$scratch/big.csv" ||
    echo "  WARNING: the report did not count $n records" >&2
