#!/bin/sh
# avslut-report: every bad option gets its exit status and one line, and
# leaves the store untouched -- not even a line in the access log.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-06-30
mkrecords >"$scratch/ids" <<EOF
unit=Äldreomsorg;date=2026-02-01;interviewer=$MGR;seal=$MGR
EOF
avslut-report --format=csv >/dev/null 2>&1
before=$(snapshot)

bad() { # bad STATUS PATTERN DESC ARGS...
	local st=$1 pat=$2 desc=$3
	shift 3
	expect "$st" "$desc" avslut-report "$@"
	like "$err" "$pat" "$desc: says what"
	is "$out" "" "$desc: nothing on stdout"
}
bad 2 'unknown option --bogus' "an unknown option" --bogus
bad 2 'option --by needs a value' "an option without its value" --by
bad 2 'option --show needs a value' "--show without an id" --show
bad 2 '--by: "team" is not one of unit, workplace, reason, employment, tenure, quarter' "an unknown grouping" --by=team
bad 2 '--by=unit given twice' "a grouping twice" --by=unit --by=unit
bad 2 '--format: "pdf" is not one of text, csv, html' "an unknown format" --format=pdf
bad 2 '--format: "yaml" is not one of text, csv, html' "yaml is for --show" --format=yaml
bad 2 '"html" is not one of text, yaml with --show' "html is not for --show" --show "$(head -1 "$scratch/ids")" --format=html
bad 2 '"yaml" is not one of text, csv with --list' "yaml is not for --list" --list --format=yaml
bad 2 '--since: "2026-13-01" is not a date' "an impossible date" --since=2026-13-01
bad 2 '--until: "30/06/2026" is not a date' "a date in another format" --until=30/06/2026
bad 2 '--since 2026-07-01 is after --until 2026-06-30' "a period backwards" --since=2026-07-01 --until=2026-06-30
bad 2 '--month: "2026-13" is not a month' "an impossible month" --month=2026-13
bad 2 '--month: "juni" is not a month' "a month by name" --month=juni
bad 2 '--month excludes --since and --until' "--month with --since" --month=2026-06 --since=2026-06-01
bad 2 '--min-group: "fem" is not a number from 1 to 1000' "a minimum that is no number" --min-group=fem
bad 2 '--min-group: "0" is not a number' "a minimum of 0" --min-group=0
bad 2 '--jobs: "0" is not a number from 1 to 64' "no workers" --jobs=0
bad 2 '--jobs: "100" is not a number' "too many workers" --jobs=100
bad 2 '--bom is only for --format=csv' "--bom with text" --bom
bad 2 '--show, --list and --pending exclude each other' "--show with --list" --list --show "$(head -1 "$scratch/ids")"
bad 2 'are for the report, not --show, --list or --pending' "--answers with --list" --list --answers
bad 2 'are for the report, not --show, --list or --pending' "--by with --show" --show "$(head -1 "$scratch/ids")" --by=unit
bad 2 '--show takes no period' "--show with a period" --show "$(head -1 "$scratch/ids")" --since=2026-01-01
bad 2 'invalid record id "\.\./config"' "an id that is a path" --show ../config
bad 2 'unexpected argument "extra"' "a stray argument" extra
bad 3 "--min-group=3 is below the store's minimum group size 5" "a minimum below the store's" --min-group=3
bad 1 'record 0123456789ab not found' "an unknown record" --show 0123456789ab
bad 1 'no such store' "no store" -S "$scratch/nowhere"
is "$(snapshot)" "$before" "the store and its access log are untouched by all of the above"

chmod 755 "$AVSLUT_STORE"
bad 3 'accessible to group or others' "a store others can read" --list
chmod 700 "$AVSLUT_STORE"
bad 1 'question set "nosuch" not found' "an unknown question set" --questions=nosuch
bad 2 'invalid question set name "Bad Name!"' "a question set name that is no name" --questions='Bad Name!'
is "$(snapshot)" "$before" "still untouched"
expect 0 "--help" avslut-report --help
like "$out" "^usage: avslut-report" "usage on stdout"
like "$out" "--show=ID" "with --show"
expect 0 "--version" avslut-report --version
like "$out" "^avslut-report [0-9]" "the version"
expect 1 "a full disk is an error" sh -c 'avslut-report --format=csv >/dev/full'
done_testing
