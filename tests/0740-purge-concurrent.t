#!/bin/sh
# avslut-purge at the same time as another purge, and as a writer that
# holds a record's lock: never a double line, never a lost record, never
# a record that is being written.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/purge.sh"

mkstore
N=400
expect 0 "register one" register --employed-to=2024-01-31
first=$out
clone "$(rec "$first")" $((N - 1)) >"$scratch/ids"
echo "$first" >>"$scratch/ids"
is "$(ls "$AVSLUT_STORE/records" | wc -l)" $N "$N records, all due"
export AVSLUT_TODAY=2027-01-15

# Three purges at once over the same records.
for i in 1 2 3; do
	avslut-purge -v >"$scratch/out$i" 2>"$scratch/err$i" &
	eval "pid$i=$!"
done
for i in 1 2 3; do
	eval "wait \$pid$i"
	is "$?" 0 "purge $i: exit 0"
	grep -Ev "is in use: .*is locked by (avslut-purge \\(pid .*|another process); skipped\$" "$scratch/err$i" >"$scratch/other"
	is "$(cat "$scratch/other")" "" "purge $i: nothing on stderr but records another purge held"
done
is "$(ls -A "$AVSLUT_STORE/records" | wc -l)" 0 "no record left, no leftover"
is "$(ls -A "$AVSLUT_STORE/locks" | grep -vc "^index-")" 0 "no record lock file left (those of the report index stay)"
cat "$scratch/out1" "$scratch/out2" "$scratch/out3" | cut -d' ' -f1 | sort >"$scratch/listed"
is "$(wc -l <"$scratch/listed")" $N "$N discarded in all"
is "$(sort -u "$scratch/listed")" "$(sort "$scratch/ids")" "each record by exactly one purge"
grep -v '^time,record,' "$plog" | cut -d, -f2 | sort >"$scratch/logged"
is "$(wc -l <"$scratch/logged")" $N "$N lines in the purge log"
is "$(sort -u "$scratch/logged")" "$(sort "$scratch/ids")" "every record logged exactly once"
nh=$(grep -c '^time,record,' "$plog")
[ "$nh" -ge 1 ] && [ "$nh" -le 3 ]; ok $? "a header line (store.c: at worst repeated by racing first writers): $nh"

# A record being written (its lock held) is skipped and said so.
register --employed-to=2024-01-31 >"$scratch/id"; busy=$(cat "$scratch/id")
register --employed-to=2024-01-31 >"$scratch/id"; other=$(cat "$scratch/id")
hold_lock "$busy"
busy_before=$(sha256sum <"$(rec "$busy")")
run avslut-purge
is "$rc" 0 "a sweep over a record in use: exit 0 (it goes another night)"
like "$err" "^avslut-purge: record $busy is in use: .*/locks/$busy is locked by h-purge \\(pid $lockpid, .*\\); skipped\$" \
    "one line names the record, the lock and its holder"
is "$(printf '%s\n' "$err" | wc -l)" 1 "one line only"
is "$(sha256sum <"$(rec "$busy")")" "$busy_before" "the record in use is untouched"
is "$(logrows "$busy")" 0 "and not logged"
test -f "$AVSLUT_STORE/locks/$busy"; ok $? "its lock file stays"
test ! -e "$(rec "$other")"; ok $? "the other due record is discarded"
release_lock
expect 0 "the next night" avslut-purge
is "$out$err" "" "quiet"
test ! -e "$(rec "$busy")"; ok $? "it goes once released"
is "$(logrows "$busy")" 1 "logged once"

# A writer and purges racing: the writer rewrites the record under its
# lock again and again while purges try until it is gone.  The record
# either stays untouched or goes with exactly one line; nothing half-done
# is ever left, and the writer never finds its record gone under its lock.
# (The writer, like any tool, may find the record locked by a purge at
# work: it says so and tries again.)
register --employed-to=2024-01-31 >"$scratch/id"; raced=$(cat "$scratch/id")
(for i in 1 2 3 4 5 6 7 8; do
	"$h_purge" state "$raced" in-progress 2>"$scratch/w1" && continue
	cat "$scratch/w1"
	grep -q "is in use" "$scratch/w1" || break
done) >"$scratch/writer.err" &
wpid=$!
i=0	# start when the writer first holds the lock
while ! grep -q h-purge "$AVSLUT_STORE/locks/$raced" 2>/dev/null && [ $i -lt 400 ]; do
	sleep 0.01; i=$((i + 1))
done
i=0
while [ -e "$(rec "$raced")" ] && [ $i -lt 400 ]; do
	avslut-purge 2>>"$scratch/race.err" || echo "purge exit $?" >>"$scratch/race.err"
	i=$((i + 1))
done
wait $wpid
diag "race: $(grep -c 'in use' "$scratch/race.err") skips in $i purges"
grep -v "record $raced is in use: .*; skipped\$" "$scratch/race.err" >"$scratch/other"
is "$(cat "$scratch/other")" "" "the purges only ever skipped the record in use"
grep -v -e "record $raced not found\$" \
    -e "record $raced is in use: .*/locks/$raced is locked by " \
    "$scratch/writer.err" >"$scratch/other"
is "$(cat "$scratch/other")" "" "the writer only ever missed the record once it was gone, or found it locked"
test ! -e "$(rec "$raced")"; ok $? "raced: gone"
is "$(logrows "$raced")" 1 "raced: logged once"
is "$(ls -A "$AVSLUT_STORE/records")" "" "no leftover or temporary"
done_testing
