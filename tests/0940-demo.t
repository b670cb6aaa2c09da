#!/bin/sh
# make demo (tests/demo.sh): it runs through, and its store makes
# a report with figures to show: every group it reports on has at least
# five interviews, so that a rule that shows whole groups of five or more
# shows them all.  The report's layout is avslut-report(1)'s: the key
# figures, the interviews by group, the trend by quarter, then each coded
# question with the groups side by side.
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
# section TEXT TITLE: the block of TEXT from the first line that the
# extended regular expression TITLE matches to the next empty line.
section() {
	printf '%s\n' "$1" | T=$2 awk '!on && $0 ~ ENVIRON["T"] { on = 1 }
	    on && $0 == "" { exit } on'
}

# The demo runs in Swedish where the locale exists (make deps makes it).
if locale -a 2>/dev/null | grep -qix 'sv_SE.utf-\?8'; then
	like "$by_unit" "^Nyckeltal\$(.|\n)*^Samtal\$(.|\n)*^Utveckling per kvartal\$" \
	    "the report is in Swedish: key figures, interviews, trend"
else
	like "$by_unit" "^Key figures\$(.|\n)*^Interviews\$(.|\n)*^Trend by quarter\$" \
	    "the report is in English (no sv_SE.UTF-8 locale)"
fi

# Key figures first.
kf=$(section "$by_unit" '^(Nyckeltal|Key figures)$')
like "$kf" "^(Registrerade avgångar|Leavers registered) +44\$" "key figures: 44 leavers"
like "$kf" "^(Avböjda|Declined) +4\$" "key figures: 4 declined"
like "$kf" "^(Genomförda|Held) +40\$
^(Förseglade|Sealed) +40\$" "key figures: 40 held and sealed"
like "$kf" "^  1\. (Lön|Pay) +22[,.]5 %\$" "key figures: pay the commonest primary reason"

# The interviews by unit and by quarter.
counts=$(section "$by_unit" '^(Samtal|Interviews)$')
for u in "Förskola" "Individ-" "Äldreomsorg"; do
	like "$counts" "^${u}[^0-9]* +1[4-6] +\S+ +\S+ +1[34] +1[34] +0\$" "$u: 13 or 14 interviews held and sealed"
done
like "$counts" "^Total[t]? +44 +42 +4 +40 +40 +0\$" "40 interviews and 4 declined offers in all"
counts=$(section "$by_quarter" '^(Samtal|Interviews)$')
for q in 1 2 3 4; do
	like "$counts" "^2026-Q$q +1[0-2] +\S+ +\S+ +10 +10 +0\$" "2026-Q$q: 10 interviews"
done

# The trend: leavers, held and the top reasons' shares, every quarter.
trend=$(section "$by_unit" '^(Utveckling per kvartal|Trend by quarter)$')
like "$trend" "^(Kvartal|Quarter) +(Avgångar|Leavers) +(Genomförda|Held) +(Lön|Pay) +\S" \
    "the trend follows the commonest reasons"
n=$(printf '%s\n' "$trend" | grep -cE '^2026-Q[1-4] +1[0-2] +10( +[0-9]+ % \([0-9]+\)){3}$')
is "$n" 4 "the trend shows every quarter's leavers, interviews and reasons"

# The questions compared side by side: five coded questions, the groups
# and all records as columns.
n=$(printf '%s\n' "$by_unit" |
    grep -cE '^ +Förskola +Individ- och \S+ +Äldreomsorg +(Alla|All)$')
is "$n" 5 "five questions compare the three units"
n=$(printf '%s\n' "$by_quarter" |
    grep -cE '^ +2026-Q1 +2026-Q2 +2026-Q3 +2026-Q4 +(Alla|All)$')
is "$n" 5 "five questions compare the four quarters"
# No group of a coded question is smaller than five respondents, and none
# is hidden: each column's n is a number.
ns=$(printf '%s\n%s\n' "$by_unit" "$by_quarter" | sed -n 's/^n  *//p' |
    tr -s ' ' '\n' | sort -n)
is "$(printf '%s\n' "$ns" | grep -cvx '[0-9][0-9]*')" 0 "every group's n is shown"
is "$(printf '%s\n' "$ns" | head -1)" 8 "the smallest group: 8 respondents (secondary reasons, one quarter)"
is "$(printf '%s\n' "$ns" | wc -l)" 45 "45 groups reported, every one of five or more"
hidden=$(printf '%s\n%s\n' "$by_unit" "$by_quarter" | grep -E '(^| )\.\.( |$)')
is "$hidden" "" "no figure is hidden"
# Figures, not only hidden ones: shares with their counts.
shown=$(printf '%s\n' "$by_unit" | grep -o '[1-9][0-9]* % ([1-9][0-9]*)' | wc -l)
[ "$shown" -ge 60 ]; ok $? "the unit report shows figures ($shown shares above 0)"
reasons=$(section "$by_unit" '^(Vilken kategori beskriver bäst|Which category best describes) ')
like "$reasons" "^(Lön|Pay) +46 % \(6\) +8 % \(1\) +14 % \(2\) +23 % \(9\)\$" \
    "the preschools leave for pay"
rating=$(section "$by_unit" '^(Hur skulle du sammanfattningsvis|Overall, how would you rate) ')
like "$rating" "^(Medelvärde|Mean) +3[,.]77 +2[,.]69 +2[,.]79 +3[,.]08\$" \
    "the mean rating of each unit"
done_testing
