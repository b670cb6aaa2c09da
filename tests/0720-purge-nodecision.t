#!/bin/sh
# avslut-purge: a retention rule without a decision reference is not
# applied (exit 3, the rule and its config key named); the others run.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/purge.sh"

HR=$(mkkey "HR Officer")
MGR=$(mkkey "Maja Chef")
expect 0 "a store without --retention-decision" avslut-new --init --recipient="$HR"
config_text | grep -q 'decision'; ok $((! $?)) "its rules have no decision"
# decide RULE TEXT: give a rule its decision reference in the config.
decide() { config_edit "/^  $1:\$/a\\    decision: \"$2\"" || exit 99; }
export AVSLUT_TODAY=2027-01-15
register --employed-to=2024-01-31 >"$scratch/id"; sealed=$(cat "$scratch/id")
"$h_purge" state "$sealed" sealed 2024-02-15 || exit 99
register --employed-to=2024-01-31 --declined --why=ej-antraffbar >"$scratch/id"
declined=$(cat "$scratch/id")
register --employed-to=2024-01-31 >"$scratch/id"; planned=$(cat "$scratch/id")
register --employed-to=2026-12-31 >"$scratch/id"; young=$(cat "$scratch/id")

# No decision anywhere: nothing is discarded, each rule is named.
before=$(snapshot)
run avslut-purge
is "$rc" 3 "exit 3"
is "$(printf '%s\n' "$err" | wc -l)" 3 "one line per rule"
like "$err" "^avslut-purge: retention rule sealed is not applied: it has no decision reference \\(retention\\.sealed\\.decision in $AVSLUT_STORE/config\\); 1 record due under it is kept" \
    "names the rule, its config key and the file"
like "$err" "retention rule declined is not applied: .*retention\\.declined\\.decision" "names declined"
like "$err" "retention rule unfinished is not applied: .*retention\\.unfinished\\.decision.*; 1 record due under it is kept" \
    "names unfinished; the young record is not counted"
is "$(snapshot)" "$before" "nothing is discarded"

# One rule decided: it runs, the others are still named.
decide sealed "Gallringsbeslut SDF 2027:3"
config_text | grep -A2 '^  sealed:' | grep -q 'decision: "Gallringsbeslut SDF 2027:3"'; ok $? "(the config says so)"
before=$(snapshot)
run avslut-purge --dry-run
is "$rc" 3 "dry run: exit 3"
is "$out" "$sealed sealed sealed 2026-02-15" "dry run: only the sealed one would go"
is "$(printf '%s\n' "$err" | wc -l)" 2 "dry run: the two undecided rules named"
is "$(snapshot)" "$before" "the dry run changes nothing"
run avslut-purge -v
is "$rc" 3 "still exit 3"
is "$out" "$sealed sealed sealed 2026-02-15" "the sealed one goes"
unlike "$err" "rule sealed" "the decided rule is not named"
like "$err" "retention rule declined is not applied" "declined is named"
like "$err" "retention rule unfinished is not applied" "unfinished is named"
test ! -e "$(rec "$sealed")"; ok $? "the sealed record is discarded"
like "$(grep ",$sealed," "$plog")" ",sealed,sealed,Gallringsbeslut SDF 2027:3," \
    "logged with the rule's own decision"
test -f "$(rec "$declined")" && test -f "$(rec "$planned")"; ok $? "the others are kept"

# Named: a rule without a decision refuses, --force or not.
for f in "" "--force --why=begaran"; do
	expect 3 "named ${f:-without --force}: refused" avslut-purge $f "$planned"
	is "$err" "avslut-purge: record $planned: retention rule unfinished has no decision reference (retention.unfinished.decision); not discarded" \
	    "names the rule and the key"
done
test -f "$(rec "$planned")"; ok $? "kept"

# A blank decision is no decision.
decide declined "   "
run avslut-purge
is "$rc" 3 "a blank decision: exit 3"
like "$err" "retention rule declined is not applied" "the rule is named"
test -f "$(rec "$declined")"; ok $? "and it is kept"

# All decided: quiet, exit 0.
decide declined "Dokumenthanteringsplan 4.2"
decide unfinished "Dokumenthanteringsplan 4.3"
expect 0 "every rule decided" avslut-purge
is "$out$err" "" "quiet"
like "$(grep ",$declined," "$plog")" ",declined,declined,Dokumenthanteringsplan 4.2," "declined logged with its decision"
like "$(grep ",$planned," "$plog")" ",planned,unfinished,Dokumenthanteringsplan 4.3," "unfinished logged with its decision"
test -f "$(rec "$young")"; ok $? "the young record is still within retention"
done_testing
