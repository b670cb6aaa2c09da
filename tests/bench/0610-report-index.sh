#!/bin/sh
# Issue 17: avslut-report with the report index against today's report
# (--no-index) and `gpg --decrypt-files` on copies of the same files:
# over N sealed records in 24 months, the first report (no index), a
# second one (nothing changed), one after 10 more records are sealed;
# peak memory over BIG records, cold and warm; a purge of a record in
# each of 12 months, then a report, and a search of the store for the
# purged records' data.
. "$(dirname "$0")/lib.sh"
N=${BENCH_N:-1000}
BIG=${BENCH_BIG:-10000}

HR=$(mkkey "HR Officer")
MGR=$(mkkey "Maja Chef")
avslut-new --init --recipient="$HR" --retention-decision=x >/dev/null
gpg --batch --export --armor "$MGR" >"$AVSLUT_STORE/keys/$MGR.asc"
export AVSLUT_TODAY=2026-06-30
ix="$AVSLUT_STORE/index"

# mkset COUNT: that many sealed records, sealed in the 24 months up to
# June 2026, over ten units, every coded question and a free-text one.
mkset() {
	local per=$(( $1 / 24 )) y m
	[ "$per" -gt 0 ] || per=1
	for ym in 2024-07 2024-08 2024-09 2024-10 2024-11 2024-12 2025-01 \
	    2025-02 2025-03 2025-04 2025-05 2025-06 2025-07 2025-08 2025-09 \
	    2025-10 2025-11 2025-12 2026-01 2026-02 2026-03 2026-04 2026-05 \
	    2026-06; do
		m=${ym#*-}
		echo "n=$per;unit=Enhet ${m#0};to=$ym-10;date=$ym-05;sealed=$ym-06;interviewer=$MGR;seal=$MGR;a.primary-reason-category=pay;a.secondary-reasons=pay,career;a.next-step=studies;a.would-return-coded=maybe;a.overall-rating=$(( ${m#0} % 5 + 1 ));a.primary-reason=Lönen och arbetstiderna"
	done | mkrecords -j 2 >/dev/null || { echo "cannot make records" >&2; exit 1; }
}

bench_time t_make mkset "$N"
n=$(ls "$AVSLUT_STORE/records" | wc -l)
echo "report index: $n sealed records in 24 months ($(du -sk "$AVSLUT_STORE/records" | cut -f1) KiB) made in $t_make ms, $(nproc) CPUs"

decrypt_files t_files
bench_time t_today avslut-report --format=csv --no-index
rm -rf "$ix"
bench_time t_cold avslut-report --format=csv
bench_time t_warm avslut-report --format=csv
avslut-report --format=csv >"$scratch/warm.csv"
avslut-report --format=csv --no-index >"$scratch/today.csv"
same=different; cmp -s "$scratch/warm.csv" "$scratch/today.csv" && same=identical

echo "unit=Enhet 6;to=2026-06-20;date=2026-06-21;sealed=2026-06-22;interviewer=$MGR;seal=$MGR;n=10;a.primary-reason-category=workload;a.overall-rating=2" |
    mkrecords >/dev/null
n10=$(ls "$AVSLUT_STORE/records" | wc -l)
decrypt_files t_files10
bench_time t_warm10 avslut-report --format=csv

report_line "gpg --batch --decrypt-files ($n records, warm cache)" "$t_files"
report_line "avslut-report --format=csv --no-index (today's report)" "$t_today"
report_line "avslut-report --format=csv, first (no index)" "$t_cold"
report_line "avslut-report --format=csv, second (nothing changed)" "$t_warm"
report_line "gpg --batch --decrypt-files ($n10 records)" "$t_files10"
report_line "avslut-report --format=csv after 10 more sealed" "$t_warm10"
echo "  ratio second / decrypt-files:         $(ratio "$t_warm" "$t_files") (target <= 0.2)"
echo "  ratio after 10 more / decrypt-files:  $(ratio "$t_warm10" "$t_files10") (target <= 0.3)"
echo "  ratio first / today's report:         $(ratio "$t_cold" "$t_today") (target <= 1.1)"
echo "  report with the index and without: $same"

# Twelve months, one record purged in each, then a report.
for m in 07 08 09 10 11 12; do echo "unit=Gone-2025-$m;to=2025-$m-10;date=2025-$m-05;sealed=2025-$m-07;interviewer=$MGR;seal=$MGR;a.primary-reason-category=pay"; done >"$scratch/gone.spec"
for m in 01 02 03 04 05 06; do echo "unit=Gone-2026-$m;to=2026-$m-10;date=2026-$m-05;sealed=2026-$m-07;interviewer=$MGR;seal=$MGR;a.primary-reason-category=pay"; done >>"$scratch/gone.spec"
mkrecords <"$scratch/gone.spec" >"$scratch/gone.ids"
avslut-report --format=csv >/dev/null
bench_time t_purge avslut-purge --force --why=begaran $(cat "$scratch/gone.ids")
bench_time t_after avslut-report --format=csv --by=unit
avslut-report --format=csv --by=unit >"$scratch/after.csv"
avslut-report --format=csv --by=unit --no-index >"$scratch/after0.csv"
same=different; cmp -s "$scratch/after.csv" "$scratch/after0.csv" && same=identical
# The search: every file of the store as it is on disk, and every
# OpenPGP message in it (records, buckets) decrypted with HR's key, for
# the purged records' units (their ids stay in the purge and access
# logs, by design).
hits=0
grep -rqa "Gone-" "$AVSLUT_STORE" && hits=$((hits + 1))
for f in $(find "$AVSLUT_STORE" -type f -name '*.asc'); do
	gpg --batch -q -d "$f" 2>/dev/null | grep -qa "Gone-" &&
	    hits=$((hits + 1))
done
report_line "avslut-purge --force --why=begaran: 12 records in 12 months" "$t_purge"
report_line "avslut-report --format=csv --by=unit after it" "$t_after"
echo "  report after the purge, with the index and without: $same"
echo "  files holding a purged record's unit (raw or decrypted, $(find "$AVSLUT_STORE" -type f | wc -l) files): $hits"

# Peak memory over BIG records, cold and warm.
mkset $(( BIG - n10 - 12 ))
n=$(ls "$AVSLUT_STORE/records" | wc -l)
echo "report index: $n sealed records"
rm -rf "$ix"
peak_memory "$n records, no index"
peak_memory "$n records, warm index"
