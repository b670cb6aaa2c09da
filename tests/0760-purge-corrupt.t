#!/bin/sh
# avslut-purge and record files whose metadata header is missing or bad:
# never deleted, reported by id (exit 4), the others still processed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/purge.sh"

mkstore
export AVSLUT_TODAY=2027-01-15
expect 0 "register" register --employed-to=2024-01-31
good=$out
f=$(rec "$good")
newids 9 >"$scratch/bad"
set -- $(cat "$scratch/bad")
umask 077
sed 2d "$f" >"$(rec "$1")"					# no header
sed '2s/planned/archived/' "$f" >"$(rec "$2")"			# unknown state
sed '2s/2024-01-31/2024-02-30/' "$f" >"$(rec "$3")"		# no such date
sed '2s/$/ extra/' "$f" >"$(rec "$4")"				# trailing text
sed '2s/Comment: avslut/Comment: Avslut/' "$f" >"$(rec "$5")"	# another comment
: >"$(rec "$6")"						# empty
head -c 3000 /dev/urandom >"$(rec "$7")"			# garbage
sed '1d' "$f" >"$(rec "$8")"					# no armor line
sed '2s/2024-01-31/24-01-31/' "$f" >"$(rec "$9")"		# short date
sums=$(for id in $(cat "$scratch/bad"); do sha256sum <"$(rec "$id")"; done)

run avslut-purge -v
is "$rc" 4 "exit 4"
is "$out" "$good planned unfinished 2024-07-31" "the good record is still discarded"
is "$(logrows "$good")" 1 "and logged"
is "$(printf '%s\n' "$err" | wc -l)" 9 "one line for each bad record"
for id in $(cat "$scratch/bad"); do
	printf '%s\n' "$err" | grep -qx "avslut-purge: record $id: missing or bad metadata header; kept"
	ok $? "names $id and says it is kept"
	is "$(logrows "$id")" 0 "$id: not logged"
done
is "$(for id in $(cat "$scratch/bad"); do sha256sum <"$(rec "$id")"; done)" "$sums" \
    "every bad file is untouched"

run avslut-purge --dry-run
is "$rc" 4 "a dry run: exit 4"
is "$(printf '%s\n' "$err" | grep -c 'missing or bad metadata header; kept$')" 9 "a dry run names the same nine"
expect 4 "named" avslut-purge "$2"
is "$err" "avslut-purge: record $2: missing or bad metadata header; kept" "names it"
expect 4 "named, with --force" avslut-purge --force --why=annan "$3"
test -f "$(rec "$3")"; ok $? "still kept: without a header there is no rule"

# A due record beside a refusal and a bad file: 4 outranks 3.
register --employed-to=2026-12-31 >"$scratch/id"; young=$(cat "$scratch/id")
run avslut-purge "$young" "$1"
is "$rc" 4 "refused and bad: exit 4"
is "$(printf '%s\n' "$err" | wc -l)" 2 "two lines"
is "$(for id in $(cat "$scratch/bad"); do sha256sum <"$(rec "$id")"; done)" "$sums" \
    "the bad files are still untouched"
done_testing
