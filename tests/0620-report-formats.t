#!/bin/sh
# avslut-report: the three formats and hostile text in them -- formulas
# for spreadsheets, terminal escapes and bidirectional overrides, HTML.
. "$(dirname "$0")/lib.sh"

mkstore
min_group 1		# every group shown: this test is about the text in them
export AVSLUT_TODAY=2026-06-30
ESC=$(printf '\033')

# Units and answers that try their luck: formulas, escapes (CSI colour,
# OSC window title, C1 CSI), a right-to-left override, markup, quotes,
# commas and line breaks, a wide-character name.
mkrecords >"$scratch/ids" <<EOF
unit==cmd|' /C calc'!A0;interviewer=$MGR;seal=$MGR;date=2026-02-01;a.primary-reason=+1 mer lön;a.anything-else=@SUM(A1:A9)
unit=-2+3;interviewer=$MGR;seal=$MGR;date=2026-02-01;a.primary-reason=-bara minus
unit=@Kultur;interviewer=$MGR;seal=$MGR;date=2026-02-01;a.primary-reason=\tTab först
unit=\x0dCR först;interviewer=$MGR;seal=$MGR;date=2026-02-01;a.primary-reason==1+1;a.primary-reason-category=pay
unit=Röd\x1b[31mtext\x1b[0m;interviewer=$MGR;seal=$MGR;date=2026-02-01;a.primary-reason=Titel\x1b]0\;pwned\x07 och \xc2\x9b31m C1;a.primary-reason-category=tasks
unit=abc\xe2\x80\xaeFED;interviewer=$MGR;seal=$MGR;date=2026-02-01;a.primary-reason=Vänd\xe2\x80\xaetxt.exe
unit=<script>alert(1)</script>;interviewer=$MGR;seal=$MGR;date=2026-02-01;a.primary-reason=<img src=x onerror=alert(1)> & "citat"
unit=Vård, "Öst";interviewer=$MGR;seal=$MGR;date=2026-02-01;a.primary-reason=rad ett\nrad två
unit=日本語部門;interviewer=$MGR;seal=$MGR;date=2026-02-01;a.primary-reason=Bred
unit=En mycket lång enhet med ett namn som inte ryms i en smal terminal alls;interviewer=$MGR;seal=$MGR;date=2026-02-01
EOF
is "$(wc -l <"$scratch/ids")" 10 "ten records made"

# --- CSV ------------------------------------------------------------------
expect 0 "CSV with answers" avslut-report --by=unit --format=csv --answers
csv=$out
cp "$scratch/out" "$scratch/r.csv"
like "$csv" "^counts,group,'=cmd\|' /C calc'!A0," "a unit starting with = is prefixed with '"
like "$csv" "^counts,group,'-2\+3," "a unit starting with - is prefixed"
like "$csv" "^counts,group,'@Kultur," "a unit starting with @ is prefixed"
like "$csv" "answer,'\+1 mer lön" "an answer starting with + is prefixed"
like "$csv" "answer,'-bara minus" "an answer starting with - is prefixed"
like "$csv" "answer,'=1\+1" "an answer starting with = is prefixed"
like "$csv" "answer,'@SUM" "an answer starting with @ is prefixed"
grep -q "answer,'$(printf '\t')Tab först" "$scratch/r.csv"; ok $? "an answer starting with a tab is prefixed"
grep -q "^counts,group,^MCR först," "$scratch/r.csv"; ok $? "a unit starting with CR: the CR is made visible, ^M, as on a terminal"
is "$(grep -c "^[a-z]*,[a-z]*,[=+@-]" "$scratch/r.csv")" 0 "no line has a bare formula in the unit column"
like "$csv" "counts,group,\"Vård, \"\"Öst\"\"\"," "a comma and quotes are quoted the RFC 4180 way"
like "$csv" "\"rad ett" "a line break inside a quoted field"
is "$(head -c 3 "$scratch/r.csv" | od -An -tx1 | tr -d ' ')" "736563" "no byte-order mark by default"
expect 0 "CSV with --bom" avslut-report --by=unit --format=csv --bom
cp "$scratch/out" "$scratch/bom.csv"
is "$(head -c 3 "$scratch/bom.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" "--bom starts with the UTF-8 byte-order mark"
is "$(tail -c +4 "$scratch/bom.csv" | head -1 | tr -d '\r')" \
    "section,level,unit,workplace,reason,employment,tenure,quarter,question,option,label,measure,value,share" \
    "then the header"
is "$(tail -c 2 "$scratch/r.csv" | od -An -tx1 | tr -d ' ')" "0d0a" "lines end in CRLF (RFC 4180)"
# The whole file parses as RFC 4180 CSV, every record with 14 fields.
cat >"$scratch/csv.pl" <<'PERL'
local $/; $_ = <STDIN>; my %n; my $ok = 1;
while (length) {
	my @f;
	for (;;) {
		if (s/^"((?:[^"]|"")*)"//) { push @f, $1 }
		elsif (s/^([^,"\r\n]*)//) { push @f, $1 }
		last unless s/^,//;
	}
	unless (s/^\r\n//) { $ok = 0; last }
	$n{scalar @f}++;
}
print $ok ? join(",", sort keys %n) : "malformed", "\n";
PERL
is "$(perl "$scratch/csv.pl" <"$scratch/r.csv")" 14 "every record has the 14 fields of the schema"

# --- text -----------------------------------------------------------------
expect 0 "text with answers" env COLUMNS=100 avslut-report --by=unit --answers
text=$out
printf '%s' "$text" >"$scratch/r.txt"
is "$(grep -c "$ESC" "$scratch/r.txt")" 0 "no ESC byte reaches the terminal"
is "$(grep -c "$(printf '\302\233')" "$scratch/r.txt")" 0 "no C1 control reaches the terminal"
is "$(grep -c "$(printf '\342\200\256')" "$scratch/r.txt")" 0 "no right-to-left override reaches the terminal"
is "$(grep -c "$(printf '\007')" "$scratch/r.txt")" 0 "no BEL reaches the terminal"
is "$(tr -d '\n\t' <"$scratch/r.txt" | LC_ALL=C grep -c '[[:cntrl:]]')" 0 "no control character at all but newlines"
like "$text" 'Röd\^\[\[31mtext\^\[\[0m' "the escape is shown as ^["
like "$text" 'abc<U\+202E>FED' "the override is shown as <U+202E>"
like "$text" 'Titel\^\[\]0;pwned\^G och <U\+009B>31m C1' "OSC, BEL and C1 in an answer are shown"
like "$text" '\^MCR först' "a carriage return is shown as ^M"
is "$(perl -CSD -ne 'chomp; print "$_\n" if length > 100' "$scratch/r.txt" | wc -l)" 0 "no line wider than COLUMNS=100"
expect 0 "text in 60 columns" env COLUMNS=60 avslut-report --by=unit
printf '%s' "$out" >"$scratch/r60.txt"
is "$(perl -CSD -ne 'chomp; my $w = 0; $w += /\p{EA=W}|\p{EA=F}/ ? 2 : 1 for split //; print "$_\n" if $w > 60' "$scratch/r60.txt" | wc -l)" 0 \
    "no line wider than 60 columns, counting wide characters as two"
like "$out" "En mycket lång enhet.*…" "a long unit name is cut with an ellipsis"
is "$(perl -CSD -ne '$in = 1 if /^Interviews$/; $in = 0 if /^$/; next unless $in && /^\S.* \d+$|^\S.* \.\.$|No interview$/; chomp; my $w = 0; $w += /\p{EA=W}|\p{EA=F}/ ? 2 : 1 for split //; print "$w\n"' "$scratch/r60.txt" | sort -u | wc -l)" 1 \
    "every row of the table ends in the same column, 日本語部門 included"
expect 0 "text in 200 columns" env COLUMNS=200 avslut-report --by=unit
unlike "$out" "En mycket lång enhet[^\n]*…" "not cut when there is room"
like "$out" "█" "shares have bars"
expect 0 "no COLUMNS, not a terminal: 80 columns" env -u COLUMNS avslut-report --by=unit
is "$(printf '%s\n' "$out" | perl -CSD -ne 'chomp; print "$_\n" if length > 80' | wc -l)" 0 "no line wider than 80"

# --- HTML -----------------------------------------------------------------
expect 0 "HTML with answers" avslut-report --by=unit --format=html --answers
html=$out
printf '%s' "$html" >"$scratch/r.html"
xmllint --noout "$scratch/r.html" 2>"$scratch/xml.err"; ok $? "well-formed (xmllint)"
is "$(grep -ci '<script' "$scratch/r.html")" 0 "no script element, not even the one in a unit name"
like "$html" "&lt;script&gt;alert\(1\)&lt;/script&gt;" "the unit's markup is escaped"
like "$html" "&lt;img src=x onerror=alert\(1\)&gt; &amp; &quot;citat&quot;" "the answer's markup is escaped"
is "$(grep -ci 'http:\|https:\|//[a-z]' "$scratch/r.html")" 0 "no URL: nothing external"
is "$(grep -Eci '<(link|img|iframe|object|embed|audio|video|source|base)\b|<[^>]*[[:space:]](src|href|action|data)[[:space:]]*=|url\(|@import' "$scratch/r.html")" 0 \
    "no element or attribute that fetches anything"
like "$(sed -n '/<body>/,$p' "$scratch/r.html" | sed -n 2p)" '^<p class="marking">Konfidentiellt — personalärende</p>$' \
    "the marking is the first thing in the body"
like "$(tail -4 "$scratch/r.html")" 'class="marking"' "and the last"
like "$html" "<svg " "charts are inline SVG"
like "$html" "@media print" "a print style"
is "$(grep -c "$ESC" "$scratch/r.html")" 0 "no ESC byte in the HTML either"
like "$html" "abc&lt;U\+202E&gt;FED" "the override is made visible in HTML too"
contains "$html" "<li>rad ett
rad två</li>" "a multi-line answer keeps its line break"
done_testing
