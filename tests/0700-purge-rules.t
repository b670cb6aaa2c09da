#!/bin/sh
# avslut-purge: every retention rule at its boundary dates, dry run, -v,
# the purge log and its contents.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/purge.sh"

mkstore
export AVSLUT_TODAY=2024-01-10

# One record per state, each with its own name and date to count from.
expect 0 "register the sealed one" register --name="Selma Sigillsson" \
    --employed-to=2024-02-29
sealed=$out
expect 0 "seal it through the library" "$h_purge" state "$sealed" sealed 2024-03-15
# (each registered within a year of its employment's end: a later date
# is refused, and purge would take it for a forged header)
export AVSLUT_TODAY=2025-01-10
expect 0 "register a declined offer" register --declined --why=avbojt \
    --name="Dagny Nejsson" --employed-to=2025-01-31
declined=$out
export AVSLUT_TODAY=2026-08-01
expect 0 "register the one in progress" register --name="Ingrid Pagaende" \
    --employed-to=2026-08-31
inprog=$out
expect 0 "start it through the library" "$h_purge" state "$inprog" in-progress
expect 0 "register a planned one" register --name="Petter Planerad" \
    --employed-to=2026-12-31
planned=$out
is "$(sed -n 2p "$(rec "$sealed")")" "Comment: avslut sealed 2024-03-15" \
    "sealed: counts from the seal date"
is "$(sed -n 2p "$(rec "$declined")")" "Comment: avslut declined 2025-01-31" \
    "declined: counts from employed-to"
is "$(sed -n 2p "$(rec "$inprog")")" "Comment: avslut in-progress 2026-08-31" \
    "in-progress: counts from employed-to"

export AVSLUT_TODAY=2030-01-01

# A dry run lists what would go, sorted by id, and changes nothing.
before=$(snapshot)
expect 0 "dry run as of 2027-06-30" avslut-purge --dry-run --as-of=2027-06-30
want=$(printf '%s\n' \
    "$sealed sealed sealed 2026-03-15" \
    "$declined declined declined 2027-01-31" \
    "$inprog in-progress unfinished 2027-02-28" \
    "$planned planned unfinished 2027-06-30" | sort)
is "$out" "$want" "lists id, state, rule and due date of all four"
is "$err" "" "nothing on stderr"
is "$(snapshot)" "$before" "the dry run changed nothing"
test ! -e "$plog"; ok $? "no purge log yet"
expect 0 "dry run the day before the first is due" avslut-purge --dry-run \
    --as-of=2026-03-14
is "$out" "" "lists nothing"
expect 0 "dry run may look ahead of today" env AVSLUT_TODAY=2026-01-01 \
    avslut-purge --dry-run --as-of=2027-06-29
is "$(printf '%s\n' "$out" | wc -l)" 3 "three due by then"
is "$(snapshot)" "$before" "still nothing changed"

# Each rule: kept the day before its due date, discarded on it.
boundary() { # boundary ID RULE DUE DAY-BEFORE [ENV...]
	local id=$1 rule=$2 due=$3 eve=$4
	shift 4
	expect 0 "$rule: as of $eve" env "$@" avslut-purge --as-of="$eve"
	is "$out$err" "" "$rule: quiet"
	test -f "$(rec "$id")"; ok $? "$rule: kept the day before its due date"
	is "$(logrows "$id")" 0 "$rule: not logged"
	expect 0 "$rule: as of $due" env "$@" avslut-purge --as-of="$due"
	is "$out$err" "" "$rule: quiet on success"
	test ! -e "$(rec "$id")"; ok $? "$rule: discarded on its due date"
	is "$(logrows "$id")" 1 "$rule: one line in the purge log"
}
boundary "$sealed" sealed 2026-03-15 2026-03-14
test -f "$(rec "$declined")" && test -f "$(rec "$inprog")" &&
    test -f "$(rec "$planned")"; ok $? "the others are kept"
boundary "$declined" declined 2027-01-31 2027-01-30
# Today (AVSLUT_TODAY) is the default date.
expect 0 "unfinished: in-progress, today 2027-02-27" \
    env AVSLUT_TODAY=2027-02-27 avslut-purge
test -f "$(rec "$inprog")"; ok $? "in-progress: kept the day before"
expect 0 "unfinished: in-progress, today 2027-02-28" \
    env AVSLUT_TODAY=2027-02-28 avslut-purge -v
is "$out" "$inprog in-progress unfinished 2027-02-28" "-v lists what it discarded"
test ! -e "$(rec "$inprog")"; ok $? "in-progress: discarded on its due date"
boundary "$planned" unfinished 2027-06-30 2027-06-29

# The purge log (gallringsprotokoll).
is "$(head -1 "$plog")" "$(printf 'time,record,state,rule,decision,user\r')" \
    "the log starts with its header"
is "$(wc -l <"$plog")" 5 "header and four lines"
user=$(id -un)
like "$(grep ",$sealed," "$plog")" \
    "^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}[+-][0-9]{4},$sealed,sealed,sealed,Gallringsbeslut SDF 2026:1,$user" \
    "time, record, state, rule, decision, user"
like "$(grep ",$inprog," "$plog")" ",$inprog,in-progress,unfinished,Gallringsbeslut SDF 2026:1," \
    "an unfinished record names its state and its rule"
is "$(stat -c %a "$plog")" 600 "the log is 0600"
for who in Selma Sigillsson Dagny Nejsson Ingrid Pagaende Petter Planerad \
    Anna Andersson Undersköterska Hemtjänst Äldreomsorg "Maja Chef" "$MGR"; do
	grep -q "$who" "$plog"; ok $((! $?)) "nothing personal in the log: no $who"
done
for d in 2019-03-01 2024-02-29 2024-03-15 2025-01-31 2026-08-31 2026-12-31 \
    2026-03-15 2027-06-30; do
	grep -q ",$d" "$plog"; ok $((! $?)) "no date of the records in the log: $d"
done
is "$(ls "$AVSLUT_STORE/records" | wc -l)" 0 "every record is gone"
is "$(ls "$AVSLUT_STORE/locks" | grep -vc "^index-")" 0 "and no record lock file is left (those of the report index stay)"
expect 0 "a run with nothing to do" avslut-purge
is "$out$err" "" "is quiet"

# The rules' months come from the config.
expect 0 "register another" register --employed-to=2026-12-31
id=$out
config_edit '/unfinished:/,/months/ s/months: 6/months: 12/' || exit 99
expect 0 "dry run under a 12-month rule" avslut-purge --dry-run --as-of=2027-12-31
is "$out" "$id planned unfinished 2027-12-31" "due 12 months on"
expect 0 "nothing due a day earlier" avslut-purge --dry-run --as-of=2027-12-30
is "$out" "" "lists nothing"
done_testing
