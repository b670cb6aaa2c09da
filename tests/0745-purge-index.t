#!/bin/sh
# avslut-purge and the report index (issue 17): a purge and reports
# racing over the same month, again and again -- the purged record's
# marker is never found in the store afterwards --; a purge of records in
# twelve months, then a report: the same report as without the index,
# and no data of a purged record in any file of the store.
. "$(dirname "$0")/lib.sh"

mkstore
min_group 1
# The interviewer's public key, kept as avslut-new keeps it: what purge
# checks the seal statements with.
gpg --batch --export --armor "$MGR" >"$AVSLUT_STORE/keys/$MGR.asc"
export AVSLUT_TODAY=2026-12-31
ix="$AVSLUT_STORE/index"
N=${RACE_ROUNDS:-12}

# found MARKER: is MARKER in any file of the store, as it is on disk or
# decrypted with HR's key (every OpenPGP message: records, buckets)?
found() {
	local f
	grep -rqa -- "$1" "$AVSLUT_STORE" && return 0
	for f in $(find "$AVSLUT_STORE" -type f -name '*.asc'); do
		gpg --batch -q -d "$f" 2>/dev/null | grep -qa -- "$1" && return 0
	done
	return 1
}

# One month, N records to purge one by one, each with its own marker
# (its unit, which the index holds), and records that stay.
i=1
while [ $i -le "$N" ]; do
	echo "unit=Marker-$i-x;to=2026-03-31;date=2026-03-10;sealed=2026-03-11;interviewer=$MGR;seal=$MGR;a.primary-reason-category=pay"
	i=$((i + 1))
done >"$scratch/spec"
echo "n=3;unit=Stays;to=2026-03-31;date=2026-03-10;sealed=2026-03-12;interviewer=$MGR;seal=$MGR;a.overall-rating=3" >>"$scratch/spec"
mkrecords <"$scratch/spec" >"$scratch/ids" || exit 99
expect 0 "a first report writes March's bucket" avslut-report --format=csv
ok $([ -f "$ix/2026-03.asc" ]; echo $?) "March's bucket is there"
found "Marker-1-x"; ok $? "the search finds a marker in a bucket (and its record)"

i=1
bad=0
while [ $i -le "$N" ]; do
	id=$(sed -n ${i}p "$scratch/ids")
	avslut-report --format=csv >"$scratch/r1" 2>&1 &
	p1=$!
	[ $((i % 2)) = 0 ] && sleep 0.0$i
	avslut-report --format=csv --jobs=1 >"$scratch/r2" 2>&1 &
	p2=$!
	avslut-purge --force --why=begaran "$id" >"$scratch/purge" 2>&1 || bad=1
	wait $p1 $p2
	if found "Marker-$i-x"; then
		diag "round $i: record $id's marker found after the purge"
		bad=1
	fi
	i=$((i + 1))
done
ok $bad "$N purges, each racing two reports over the same month: the purged record's marker is in no file of the store"
expect 0 "a report after the races" avslut-report --format=csv --by=unit
like "$out" "Stays" "the records that stay are counted"
unlike "$out" "Marker" "no purged record is"
run avslut-report --no-index --format=csv --by=unit
o0=$out
run avslut-report --format=csv --by=unit
is "$out" "$o0" "the same report as without the index"

# Twelve months: records sealed in each month of 2025, one purged in
# each; then a report.
for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
	echo "unit=Month-$m-keep;to=2025-$m-20;date=2025-$m-15;sealed=2025-$m-16;interviewer=$MGR;seal=$MGR;a.primary-reason-category=career"
	echo "unit=Month-$m-gone;to=2025-$m-20;date=2025-$m-15;sealed=2025-$m-17;interviewer=$MGR;seal=$MGR;a.primary-reason-category=pay"
done | mkrecords >"$scratch/ids12" || exit 99
expect 0 "a report over twelve months" avslut-report --format=csv
is "$(ls "$ix" | grep -c '^2025-..\.asc$')" 12 "twelve buckets of 2025"
expect 0 "purge one record in each of the twelve months" \
    avslut-purge --force --why=begaran $(sed -n '2~2p' "$scratch/ids12")
is "$(ls "$ix" | grep -c '^2025-..\.asc$')" 0 "their buckets are gone"
bad=0
for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
	found "Month-$m-gone" && { diag "Month-$m-gone found"; bad=1; }
done
ok $bad "no data of the twelve purged records in any file of the store"
run avslut-report --no-index --format=csv --by=unit
o0=$out
run avslut-report --format=csv --by=unit
is "$out" "$o0" "the report after the purge is the report without the index"
like "$out" "Month-07-keep" "it counts the records kept"
unlike "$out" "gone" "and none purged"
is "$(ls "$ix" | grep -c '^2025-..\.asc$')" 12 "the buckets are written anew"
bad=0
for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
	found "Month-$m-gone" && bad=1
done
ok $bad "and hold nothing of the purged records"
found "Month-05-keep"; ok $? "(the search finds what is there)"

# A purge waits for a report that holds the bucket's lock, and a dry
# run neither takes it nor deletes the bucket.
expect 0 "a dry run" avslut-purge --dry-run
ok $([ -f "$ix/2025-05.asc" ]; echo $?) "a dry run leaves the buckets"
done_testing
