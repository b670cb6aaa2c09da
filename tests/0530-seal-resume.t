#!/bin/sh
# avslut-seal --reencrypt killed (kill -9) half-way through 30 records,
# then run again: every record ends encrypted to the new recipients,
# intact, with every seal valid.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-12-10
file() { echo "$AVSLUT_STORE/records/$1.asc"; }

# 30 records: 10 sealed, 10 in progress, 10 planned.
{
	echo "name,title,workplace,unit,employed-from,employed-to,employment,reason,interviewer"
	for n in $(seq 1 30); do
		echo "Person $n,Titel,Arbetsplats,Enhet,2019-03-01,2026-12-31,tillsvidare,egen-begaran,$MGR"
	done
} >"$scratch/people.csv"
avslut-new --import="$scratch/people.csv" >"$scratch/ids" || exit 99
is "$(wc -l <"$scratch/ids")" 30 "(30 records registered)"
n=0
while read -r id; do
	n=$((n + 1))
	[ $n -le 20 ] && { "$AVSLUT_BUILD/tests/h-answer" "$id" || exit 99; }
	[ $n -le 10 ] && { avslut-seal "$id" || exit 99; }
done <"$scratch/ids"
expect 0 "(10 seals verify)" avslut-seal --verify
is "$(printf '%s\n' "$out" | grep -c ' ok$')" 10 "(10 sealed)"

NH=$(newhome newhr)
NEW=$(mkkey "Nina Personal" "$NH")
givekey "$NEW" "$NH" "$GNUPGHOME"
HRH=$(keyonly oldhr "$HR")

# Start, and kill it once about a third of the records are done (each
# record done adds at least one line to the access log).
log="$AVSLUT_STORE/access.log"
start=$(wc -l <"$log")
avslut-seal --reencrypt --recipient="$NEW" >"$scratch/run1" 2>&1 &
pid=$!
t=0
while [ $(($(wc -l <"$log") - start)) -lt 10 ] && [ $t -lt 600 ]; do
	sleep 0.02
	t=$((t + 1))
done
kill -9 $pid
wait $pid 2>/dev/null
done1=$(readable_by "$NH")
diag "killed after $(($(wc -l <"$log") - start)) decryptions; $done1 of 30 records re-encrypted"
[ "$done1" -gt 0 ] && [ "$done1" -lt 30 ]; ok $? "interrupted half-way ($done1 of 30 done)"
config_text | grep -q "^- $NEW$"; ok $? "the new recipients are in the config"

# Whatever moment the kill came at, every record is whole.
is "$(readable_by "$GNUPGHOME")" 30 "every record still decrypts"
expect 0 "every seal still verifies" avslut-seal --verify
is "$(printf '%s\n' "$out" | grep -c ' ok$')" 10 "all 10"
for f in "$AVSLUT_STORE"/records/*.asc; do sed -n 2p "$f"; done |
    sort | uniq -c | sed 's/^ *//' >"$scratch/headers"
is "$(cat "$scratch/headers")" "$(printf '%s\n' \
    "10 Comment: avslut in-progress 2026-12-31" \
    "10 Comment: avslut planned 2026-12-31" \
    "10 Comment: avslut sealed 2026-12-10" | sort)" "every header as it was"

# Run again: resumes where it stopped.
expect 0 "run again" avslut-seal --reencrypt
current=$(printf '%s\n' "$out" | grep -c ' current$')
again=$(printf '%s\n' "$out" | grep -c ' reencrypted$')
is $((current + again)) 30 "every record is current or re-encrypted now"
[ "$current" -ge "$done1" ]; ok $? "the records done before the kill are skipped ($current)"
like "$err" "records: 30, re-encrypted: $again, already current: $current, not re-encrypted: 0" "summary"
is "$(readable_by "$NH")" 30 "the new HR key alone reads all 30"
is "$(readable_by "$HRH")" 0 "the old HR key alone reads none"
expect 0 "every seal verifies" avslut-seal --verify
is "$(printf '%s\n' "$out" | grep -c ' ok$')" 10 "all 10"
is "$(ls -A "$AVSLUT_STORE/records" | grep -vc '^[0-9a-z]\{12\}\.asc$')" 0 \
    "no temporary file is left in records/"
expect 0 "a third run" avslut-seal --reencrypt
like "$err" "re-encrypted: 0, already current: 30," "has nothing left to do"
done_testing
