#!/bin/sh
# avslut-new --import: bulk registration from the personnel system's CSV.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-11-23
csv="$scratch/leavers.csv"
# A byte-order mark, CRLF line ends, a quoted name with a comma and a
# quoted newline, a blank line, an unknown column, ineligible and bad rows.
printf '\357\273\277Name,Title,Workplace,Unit,Employed_From,Employed_To,Employment,Reason,Interviewer,Personnummer\r\n' >"$csv"
printf '"Berg, Karin",Sjuksköterska,Vårdboende Ringen,Äldreomsorg,2015-01-01,2026-12-31,tillsvidare,egen-begaran,%s,19700101-1234\r\n' "$MGR" >>"$csv"
printf 'Olle Ek,Kock,Skolköket,Förskola,2026-06-01,2026-12-31,tidsbegransad,egen-begaran,%s,x\r\n' "$MGR" >>"$csv"
printf '\r\n' >>"$csv"
printf '"Lisa\r\nLång",Lärare,Skolan,Skola,2010-08-01,2027-06-30,tillsvidare,pension,%s,x\r\n' "$MGR" >>"$csv"
printf 'Per Bad,Vakt,Entré,Fastighet,2020-13-01,2026-12-31,tillsvidare,egen-begaran,%s,x\r\n' "$MGR" >>"$csv"
printf 'Eva "Q" Broken,Vakt,Entré,Fastighet,2019-01-01,2026-12-31,tillsvidare,egen-begaran,%s,x\r\n' "$MGR" >>"$csv"
printf 'Too,Few,Fields\r\n' >>"$csv"
printf 'Sara Sist,Chef,Kontoret,Stab,2018-01-01,2026-12-31,tillsvidare,pension,%s,x' "$MGR" >>"$csv"

run avslut-new --import="$csv"
is "$rc" 2 "exit 2: some rows were invalid"
is "$(printf '%s\n' "$out" | grep -Ec '^[0-9a-z]{12}$')" 2 "two ids printed"
is "$(ls "$AVSLUT_STORE/records" | wc -l)" 2 "two records"
like "$err" "leavers.csv:1: ignoring unknown column \"personnummer\"" "unknown column named"
like "$err" "leavers.csv:3: skipped: not eligible: employed 7 months" "ineligible row: line and reason"
like "$err" "leavers.csv:5: skipped: name: contains a control character" "a quoted newline in a name: line where the row starts"
like "$err" "leavers.csv:7: skipped: employed-from: \"2020-13-01\" is not a date" "bad date: line and field"
like "$err" "leavers.csv:8: skipped: malformed CSV" "malformed row: line"
like "$err" "leavers.csv:9: skipped: 3 fields, the header has 10" "short row: line"
unlike "$err" "Olle|Karin|Lisa|Sara|Per Bad|Eva" "no name in any message"
names=$(for f in "$AVSLUT_STORE"/records/*.asc; do gpg --batch -q -d "$f" 2>/dev/null; done)
like "$names" 'name: "Berg, Karin"' "quoted comma kept"
like "$names" 'name: "Sara Sist"' "last row without a line end registered"
grep_plain "Karin" "$AVSLUT_STORE"; ok $((! $?)) "no name in plaintext in the store"

# Only policy refusals: exit 3.  --force registers them.
printf 'name,title,workplace,employed-from,employed-to,employment,reason,interviewer\n' >"$scratch/b.csv"
printf 'Olle Ek,Kock,Skolköket,2026-06-01,2026-12-31,tidsbegransad,egen-begaran,%s\n' "$MGR" >>"$scratch/b.csv"
expect 3 "only ineligible rows: exit 3" avslut-new --import="$scratch/b.csv"
expect 0 "--force registers them" avslut-new --import="$scratch/b.csv" --force
like "$out" '^[0-9a-z]{12}$' "one id"

# Declined rows through a why column, and stdin.
printf 'name,title,workplace,employed-from,employed-to,employment,reason,interviewer,why\n' >"$scratch/c.csv"
printf 'Dora Nej,Kock,Skolköket,2016-01-01,2026-12-31,tillsvidare,egen-begaran,%s,avbojt\n' "$MGR" >>"$scratch/c.csv"
run_in "$scratch/c.csv" avslut-new --import=-
is "$rc" 0 "import from stdin"
run gpg --batch -q -d "$AVSLUT_STORE/records/$out.asc"
like "$out" "declined: avbojt" "why column registers a declined offer"

# Options: --questions and --lang are defaults for the rows; facts are not.
expect 2 "facts on the command line with --import" avslut-new \
    --import="$scratch/c.csv" --name=X
like "$err" "facts come from the CSV columns" "says why"
expect 2 "--declined with --import" avslut-new --import="$scratch/c.csv" --declined
mkdir -p "$scratch/sets"
sed 's/^name: sodermalm/name: kort/' "$top/questions/sodermalm.yaml" >"$scratch/sets/kort.yaml"
printf 'name,title,workplace,employed-from,employed-to,employment,reason,interviewer,lang\n' >"$scratch/g.csv"
printf 'Gun Ek,Kock,Skolköket,2016-01-01,2026-12-31,tillsvidare,egen-begaran,%s,\n' "$MGR" >>"$scratch/g.csv"
printf 'Bo Ek,Kock,Skolköket,2016-01-01,2026-12-31,tillsvidare,egen-begaran,%s,sv\n' "$MGR" >>"$scratch/g.csv"
expect 0 "--questions=PATH and --lang as defaults" avslut-new --import="$scratch/g.csv" \
    --questions="$scratch/sets/kort.yaml" --lang=en
first=$(printf '%s\n' "$out" | head -1)
second=$(printf '%s\n' "$out" | tail -1)
run gpg --batch -q -d "$AVSLUT_STORE/records/$first.asc"
like "$out" "name: kort" "the set given by path"
like "$out" "language: en" "the default language"
run gpg --batch -q -d "$AVSLUT_STORE/records/$second.asc"
like "$out" "language: sv" "a column overrides the default"
gpg --batch -q -d "$AVSLUT_STORE/questions/kort.yaml" 2>/dev/null |
    cmp -s "$scratch/sets/kort.yaml" -; ok $? "the set is kept in the store, signed"
rm "$scratch/sets/kort.yaml"
expect 0 "and found there by name later" avslut-new --guide "$first"
sed 's/^version: [0-9]*/version: 99/; s/^name: sodermalm/name: kort/' "$top/questions/sodermalm.yaml" >"$scratch/sets/kort.yaml"
expect 3 "a different set of the same name is refused" avslut-new \
    --import="$scratch/g.csv" --questions="$scratch/sets/kort.yaml"
like "$err" "a different question set named kort" "says so"

printf 'name,title\nA,B\n' >"$scratch/d.csv"
expect 2 "a header without the needed columns" avslut-new --import="$scratch/d.csv"
like "$err" "d.csv:1: missing column workplace" "names the missing column"
: >"$scratch/e.csv"
expect 2 "an empty file" avslut-new --import="$scratch/e.csv"
expect 1 "a file that does not exist" avslut-new --import="$scratch/nope.csv"
printf 'name,name,title\n' >"$scratch/f.csv"
expect 2 "a duplicate column" avslut-new --import="$scratch/f.csv"
done_testing
