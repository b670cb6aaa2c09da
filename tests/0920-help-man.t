#!/bin/sh
# --help of every tool fits one screen and names the options of its man
# page's SYNOPSIS; the man pages are mandoc -Tlint clean.
. "$(dirname "$0")/lib.sh"

for b in avslut-new avslut-ask avslut-seal avslut-report avslut-purge; do
	run "$b" --help
	is "$rc" 0 "$b --help"
	[ "$(printf '%s\n' "$out" | wc -l)" -le 24 ]; ok $? "$b --help fits 24 lines"
	is "$(printf '%s\n' "$out" | awk 'length > 80' | wc -l)" 0 "$b --help fits 80 columns"
	man="$top/man/$b.1"
	test -f "$man"; ok $? "$b has a man page"
	help=$(printf '%s\n' "$out" | grep -oE -- '--[a-z][a-z-]+' | sort -u)
	syn=$(sed -n '/^\.Sh SYNOPSIS/,/^\.Sh DESCRIPTION/p' "$man" |
	    grep -oE 'Fl \\?-[a-z][a-z-]+' | sed 's/^Fl \\\{0,1\}-/--/' | sort -u)
	desc=$(grep -oE 'Fl \\?-[a-z][a-z-]+' "$man" |
	    sed 's/^Fl \\\{0,1\}-/--/' | sort -u)
	missing=$(printf '%s\n' "$syn" | while read -r o; do
		printf '%s\n' "$help" | grep -qx -- "$o" || echo "$o"; done)
	is "$missing" "" "every option of the SYNOPSIS of $b(1) is in --help"
	extra=$(printf '%s\n' "$help" | while read -r o; do
		printf '%s\n' "$desc" | grep -qx -- "$o" || echo "$o"; done)
	is "$extra" "" "every option of $b --help is in its man page"
done
# In Swedish too: the translations of the help fit the same screen.
if locale -a 2>/dev/null | grep -qix 'sv_SE.utf-\?8'; then
	for b in avslut-new avslut-ask avslut-seal avslut-report avslut-purge; do
		run env LC_ALL=sv_SE.UTF-8 "$b" --help
		like "$out" "^användning: " "$b --help is Swedish in a Swedish locale"
		[ "$(printf '%s\n' "$out" | wc -l)" -le 24 ]
		ok $? "$b --help in Swedish fits 24 lines"
		w=$(printf '%s\n' "$out" | LC_ALL=sv_SE.UTF-8 wc -L)
		[ "$w" -le 80 ]; ok $? "$b --help in Swedish fits 80 columns ($w)"
	done
fi
if command -v mandoc >/dev/null; then
	run mandoc -Tlint -W warning "$top"/man/*.[157]
	is "$out$err" "" "mandoc -Tlint: no warnings in any page"
fi
done_testing
