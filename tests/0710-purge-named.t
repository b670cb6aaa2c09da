#!/bin/sh
# avslut-purge ID ...: named records now, --force, bad ids and dates,
# options.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/purge.sh"

mkstore
export AVSLUT_TODAY=2027-01-15
# young: due 2027-06-30; old1, old2, old3: due 2026-07-31.
expect 0 "register one within retention" register --employed-to=2026-12-31
young=$out
for v in old1 old2 old3; do
	register --employed-to=2026-01-31 >"$scratch/id" || exit 99
	eval "$v=\$(cat \"\$scratch/id\")"
done
before=$(snapshot)

# Within retention: refused without --force.
expect 3 "a record within retention is refused" avslut-purge "$young"
is "$err" "avslut-purge: record $young is within retention until 2027-06-30 (rule unfinished, 6 months); use --force to discard it now" \
    "says until when, under which rule, and how to force it"
is "$(snapshot)" "$before" "the store is untouched"
expect 0 "--dry-run --force lists it" avslut-purge --dry-run --force --why=begaran "$young"
is "$out" "$young planned forced 2027-06-30" "as forced"
is "$(snapshot)" "$before" "and changes nothing"
# A forced purge needs a coded reason; never free text.
expect 2 "--force without --why" avslut-purge --force "$young"
is "$err" "avslut-purge: --force needs a reason: --why=begaran|felregistrerad|annan (see avslut-purge --help)" \
    "says which reasons there are"
for w in "" Begaran "begaran " "Anna Svensson bad om det" felregistrerad,annan; do
	expect 2 "--why='$w' is refused" avslut-purge --force --why="$w" "$young"
	is "$err" "avslut-purge: --why takes a code, one of begaran, felregistrerad, annan, never free text (see avslut-purge --help)" \
	    "--why='$w': names the codes, does not repeat the value"
done
expect 2 "--why without --force" avslut-purge --why=begaran "$young"
like "$err" "--why goes with --force" "says so"
expect 2 "--why without its value" avslut-purge "$young" --force --why
like "$err" "option --why needs a value" "says so"
is "$(snapshot)" "$before" "none of them touched the store"
expect 0 "--force --why=begaran discards it now" avslut-purge --force --why=begaran "$young"
is "$out$err" "" "quietly"
test ! -e "$(rec "$young")"; ok $? "the record is gone"
like "$(grep ",$young," "$plog" | tr -d '\r')" ",$young,planned,forced,begaran,$(id -un)\$" \
    "logged as forced, with the reason code instead of a decision, and who"
unlike "$(grep ",$young," "$plog")" "Gallringsbeslut" "not as if the retention decision applied"
for w in felregistrerad annan; do
	register --employed-to=2026-12-31 >"$scratch/id" || exit 99
	y=$(cat "$scratch/id")
	expect 0 "--why=$w" avslut-purge --force --why="$w" "$y"
	like "$(grep ",$y," "$plog" | tr -d '\r')" ",$y,planned,forced,$w,$(id -un)\$" "logged with $w"
done
expect 1 "the same id again is unknown" avslut-purge --force --why=begaran "$young"
is "$err" "avslut-purge: record $young not found" "says not found"

# Past its due date: no --force needed; the rule is logged.
expect 0 "a due record by name" avslut-purge -v "$old1" "$old1"
is "$out" "$old1 planned unfinished 2026-07-31" "listed once though named twice"
is "$(logrows "$old1")" 1 "logged once, under its rule"
like "$(grep ",$old1," "$plog")" ",planned,unfinished," "rule unfinished, not forced"
expect 0 "--force on a due record changes nothing of the rule" avslut-purge --force --why=annan "$old2"
like "$(grep ",$old2," "$plog")" ",planned,unfinished,Gallringsbeslut SDF 2026:1," "still rule unfinished, under its decision"

# Several ids: each dealt with; the worst status wins (1 over 3).
register --employed-to=2026-12-31 >"$scratch/id"; young2=$(cat "$scratch/id")
run avslut-purge "$young2" 0123456789ab "$old3"
is "$rc" 1 "unknown and refused: exit 1"
is "$(printf '%s\n' "$err" | wc -l)" 2 "one line for each"
like "$err" "record 0123456789ab not found" "names the unknown id"
like "$err" "record $young2 is within retention" "names the refused one"
test ! -e "$(rec "$old3")"; ok $? "the due one is discarded anyway"
test -f "$(rec "$young2")"; ok $? "the refused one is kept"

# A record in use is refused: exit 3, the lock named.
register --employed-to=2026-01-31 >"$scratch/id"; busy=$(cat "$scratch/id")
hold_lock "$busy"
expect 3 "a record in use" avslut-purge "$busy"
like "$err" "^avslut-purge: record $busy is in use: .*/locks/$busy is locked by h-purge \\(pid [0-9]+.*; skipped\$" \
    "names the record, its lock and the holder"
test -f "$(rec "$busy")"; ok $? "the record is kept"
is "$(logrows "$busy")" 0 "not logged"
release_lock
expect 0 "once released it goes" avslut-purge "$busy"
test ! -e "$(rec "$busy")"; ok $? "gone"

# Bad ids: exit 2 before anything is touched (even the good ones).
register --employed-to=2026-01-31 >"$scratch/id"; due=$(cat "$scratch/id")
before=$(snapshot)
for id in ../config ..%2f x/y "$due.asc" 0123456789AB 0123456789a \
    0123456789abc '' abcdefghijki "-" "$(printf 'ab\ncdefghijkl')"; do
	expect 2 "id '$id' is refused" avslut-purge "$due" "$id"
	like "$err" "invalid record id" "'$id': says it is an invalid id"
done
like "$err" 'invalid record id "ab cdefghijkl"$' "a newline is not sent"
expect 2 "an escape sequence in an id" avslut-purge "$(printf '\033[2Jabcdefghij')"
like "$err" 'invalid record id "\^\[\[2Jabcdefghij"' "is made visible"
expect 2 "--force with a bad id" avslut-purge --force --why=annan ../../etc/passwd
is "$(snapshot)" "$before" "the store is untouched by bad ids"

# Bad dates and options.
for d in 2027-02-30 27-01-01 2027-1-5 "" tomorrow "2027-01-01 " 1899-12-31; do
	expect 2 "--as-of='$d' is refused" avslut-purge --as-of="$d"
	like "$err" "--as-of: \"$d\" is not a date \\(YYYY-MM-DD\\)" "--as-of='$d': says so"
done
expect 3 "--as-of after today discards nothing" avslut-purge --as-of=2027-01-16
like "$err" "--as-of 2027-01-16 is after today: only --dry-run may look ahead" "says why"
expect 3 "... nor with ids" avslut-purge --as-of=2099-01-01 --force --why=annan "$due"
expect 2 "--force needs ids" avslut-purge --force --why=annan
like "$err" "--force needs the ids" "says so"
expect 2 "an unknown option" avslut-purge --dry-rnu
like "$err" "unknown option --dry-rnu" "names it"
expect 2 "an unknown short option" avslut-purge -x
like "$err" "unknown option -x" "names it"
expect 2 "--as-of without its value" avslut-purge --as-of
like "$err" "option --as-of needs a value" "says so"
expect 1 "a store that does not exist" avslut-purge -S "$scratch/none"
like "$err" "no such store" "says so"
is "$(snapshot)" "$before" "the store is untouched by all of the above"

expect 0 "--help" avslut-purge --help
like "$out" "usage: avslut-purge \\[-v\\] \\[--dry-run\\] \\[--as-of=DATE\\]" "prints the usage"
expect 0 "-V" avslut-purge -V
like "$out" "^avslut-purge [0-9]" "prints the version"
run sh -c 'avslut-purge -v "$1" >/dev/full' sh "$due"
is "$rc" 1 "a failed write of the listing is an error"
done_testing
