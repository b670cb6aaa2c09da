#!/bin/sh
# make demo (tests/demo.sh): it runs through, and its store makes
# a report with figures to show: every group it reports on has at least
# five interviews, so that a rule that shows whole groups of five or more
# shows them all.
. "$(dirname "$0")/lib.sh"

start=$(date +%s)
AVSLUT_BUILD=$AVSLUT_BUILD sh "$top/tests/demo.sh" >"$scratch/demo.out" 2>&1
rc=$?
secs=$(($(date +%s) - start))
is "$rc" 0 "the demo runs through"
[ "$rc" = 0 ] || diag "$(tail -20 "$scratch/demo.out")"
# The bound only catches a demo that hangs or crawls: the suite runs it
# under ASan too, two tests at a time, on shared cores.
[ "$secs" -le 300 ]; ok $? "in $secs s"
out=$(sed 's/\x1b\[[0-9;]*m//g' "$scratch/demo.out")
like "$out" "35 interviews held and sealed, 4 offers declined" "a year of interviews"

# The two reports: by unit, and by quarter.
by_unit=$(printf '%s\n' "$out" | sed -n '/^\$ avslut-report --by=unit/,/^== /p')
by_quarter=$(printf '%s\n' "$out" | sed -n '/^\$ avslut-report --by=quarter/,/^== /p')
for u in "Förskola" "Individ- och familjeom" "Äldreomsorg"; do
	like "$by_unit" "^$u\S* +1[4-6] +\S+ +1[34] +1[34] +0$" "$u: 13 or 14 interviews held and sealed"
done
for q in 1 2 3 4; do
	like "$by_quarter" "^2026-Q$q +1[0-2] +\S+ +10 +10 +0$" "2026-Q$q: 10 interviews"
done
like "$by_unit" "^Total[t]? +44 +\S+ +40 +40 +0$" "40 interviews and 4 declined offers in all"

# No group of a coded question is smaller than five respondents.
ns=$(printf '%s\n%s\n' "$by_unit" "$by_quarter" | sed -n 's/.*(n = \([0-9]*\)).*/\1/p' | sort -n)
is "$(printf '%s\n' "$ns" | head -1)" 8 "the smallest group: 8 respondents (secondary reasons, one quarter)"
is "$(printf '%s\n' "$ns" | wc -l)" 45 "45 groups reported, every one of five or more"
# Figures, not only hidden ones: shares shown with their bars.
shown=$(printf '%s\n' "$by_unit" | grep -c '[1-9][0-9]*[,.][0-9] %  █')
[ "$shown" -ge 20 ]; ok $? "the unit report shows figures ($shown shares with bars)"
like "$by_unit" "Förskola \(n = 13\)
    (Lön|Pay) +6 +46[,.]2 %" "the preschools leave for pay"
done_testing
