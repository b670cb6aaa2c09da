#!/bin/sh
# avslut-purge under faults: kill -9 at random moments never loses a
# record without its line nor logs one twice, and the next run settles
# everything; a full disk and a read-only store give exit 1, one line,
# and the record intact.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/purge.sh"

mkstore
export AVSLUT_TODAY=2027-01-15
recs="$AVSLUT_STORE/records"
expect 0 "register one, due" register --employed-to=2024-01-31
one=$out
clone "$(rec "$one")" 999 >"$scratch/ids"
echo "$one" >>"$scratch/ids"
sort -o "$scratch/ids" "$scratch/ids"
rand_ms() { echo $(( $(od -An -N2 -tu2 /dev/urandom) % $1 )); }

# invariant: no record logged twice; none both logged and still there;
# none gone without its line.  Prints what breaks it.
invariant() {
	(cd "$recs" && ls -A) | sed -n 's/^\.\{0,1\}\([0-9a-z]\{12\}\)\.\(asc\|purging\)$/\1 \2/p' \
	    >"$scratch/present"
	grep -v '^time,' "$plog" 2>/dev/null | cut -d, -f2 | sort >"$scratch/logged"
	uniq -d "$scratch/logged" | sed 's/^/twice: /'
	awk '$2 == "asc" { print $1 }' "$scratch/present" | sort |
	    comm -12 - "$scratch/logged" | sed 's/^/logged and present: /'
	cut -d' ' -f1 "$scratch/present" | cat - "$scratch/logged" | sort -u |
	    comm -23 "$scratch/ids" - | sed 's/^/lost: /'
}

i=0 broken="" caught=0
while [ $i -lt 25 ]; do
	avslut-purge 2>/dev/null &
	pid=$!
	sleep "0.$(printf '%03d' "$(rand_ms 80)")"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	broken="$broken$(invariant)"
	ls -A "$recs" | grep -q purging && caught=$((caught + 1))
	i=$((i + 1))
done
is "$broken" "" "kill -9 at 25 random moments: never twice, never lost"
diag "after the kills: $(grep -vc '^time,' "$plog" 2>/dev/null) of 1000 logged; a leftover after $caught kills"
expect 0 "the next run" avslut-purge
is "$(invariant)" "" "still holds"
is "$(ls -A "$recs")" "" "every record gone, no leftover"
is "$(ls -A "$AVSLUT_STORE/locks" | grep -v "^index-")" "" "no record lock file (those of the report index stay)"
is "$(cat "$scratch/logged")" "$(cat "$scratch/ids")" "every record logged exactly once"

# A full disk and a read-only store (needs mount: root).
small_disk
expect 0 "register another, due" register --employed-to=2024-01-31
id=$out
rm "$plog"
cp -a "$AVSLUT_STORE" "$mnt/store"
export AVSLUT_STORE="$mnt/store"
pin_copy "$AVSLUT_STORE"
plog="$AVSLUT_STORE/purge.log"
sum=$(sha256sum <"$(rec "$id")")
dd if=/dev/zero of="$mnt/filler" bs=1k count=2000 2>/dev/null
expect 1 "a full disk" avslut-purge
like "$err" "purge.log: No space left on device" "says so, naming the log"
is "$(sha256sum <"$(rec "$id")")" "$sum" "the record is put back intact"
test ! -s "$plog"; ok $? "nothing logged"
is "$(ls -A "$AVSLUT_STORE/records")" "$id.asc" "no leftover"
rm "$mnt/filler"
expect 0 "with room again" avslut-purge
is "$(logrows "$id")" 1 "discarded and logged once"

expect 0 "register a third, due" register --employed-to=2024-01-31 -S "$scratch/store"
id=$out
cp -a "$scratch/store/records/$id.asc" "$AVSLUT_STORE/records/"
cp -a "$scratch/store/evidence/$id.reg" "$AVSLUT_STORE/evidence/"
ro_view "$AVSLUT_STORE"
expect 0 "a dry run of a read-only store" avslut-purge -S "$mnt/ro" --dry-run
like "$out" "^$id planned" "lists the record"
expect 1 "a purge of a read-only store" avslut-purge -S "$mnt/ro"
like "$err" "Read-only file system" "says so"
test -f "$(rec "$id")"; ok $? "the record is intact"
done_testing
