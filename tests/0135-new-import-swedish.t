#!/bin/sh
# avslut-new --import of what a Swedish personnel system or Excel writes:
# ';' as separator, Windows-1252, Swedish headers and code words, mapped
# by the signed store config (issue 18 item 10).
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-11-23
H='Namn;Befattning;Arbetsplats;Enhet;Anställd fr.o.m;Anställd t.o.m;Anställningsform;Avgångsorsak;Chef;Personnummer'
sv="$scratch/export.csv"
{
	printf '%s\r\n' "$H"
	printf '"Berg; Karin";Sjuksköterska;Vårdboende Ringen;Äldreomsorg;2015-01-01;2026-12-31;Tillsvidareanställning;Egen uppsägning;%s;19700101-1234\r\n' "$MGR"
	printf 'Olle Ek;Kock;Skolköket;Förskola;2010-06-01;2026-12-31;Provanställning;Sjuk;%s;x\r\n' "$MGR"
	printf 'Åsa Öst;Lärare;Skolan;Skola;2010-08-01;2026-12-31;VISSTIDSANSTÄLLNING; ålderspension ;%s;x\r\n' "$MGR"
} >"$sv"

# The default mapping, shipped in a new store's config.
cfg=$(config_text)
like "$cfg" 'Anställd fr.o.m: employed-from' "a new store's config holds the default column mapping"
like "$cfg" 'Egen uppsägning: egen-begaran' "... and the default code words"
like "$cfg" 'interviewers: \[\]' "... and an empty list of interviewers"

run avslut-new --import="$sv"
is "$rc" 2 "';' detected, Swedish headers and words mapped; an unmapped row: exit 2"
is "$(printf '%s\n' "$out" | grep -Ec '^[0-9a-z]{12}$')" 2 "two ids printed"
like "$err" 'export.csv:1: ignoring unknown column "personnummer"' "an unknown header is named and ignored"
like "$err" 'export.csv:3: skipped: employment: "Provanställning" is neither one of tillsvidare, tidsbegransad, annan nor a word the store.s config maps' "an unmapped code word: line and value"
like "$err" 'export.csv:3: skipped: reason: "Sjuk" is neither' "... every unmapped value of the row"
is "$(printf '%s\n' "$err" | grep -c 'export.csv:3:')" 2 "... one line each"
unlike "$err" 'Karin|Olle|Åsa|19700101' "no personal value in any message"
first=$(printf '%s\n' "$out" | head -1)
second=$(printf '%s\n' "$out" | tail -1)
run gpg --batch -q -d "$AVSLUT_STORE/records/$first.asc"
like "$out" 'name: "Berg; Karin"' "a quoted ';' is kept in the field"
like "$out" 'employment: tillsvidare' "Tillsvidareanställning -> tillsvidare"
like "$out" 'reason: egen-begaran' "Egen uppsägning -> egen-begaran"
like "$out" 'workplace: "Vårdboende Ringen"' "Arbetsplats -> workplace"
run gpg --batch -q -d "$AVSLUT_STORE/records/$second.asc"
like "$out" 'employment: tidsbegransad' "code words in any case"
like "$out" 'reason: pension' "... and with blanks around them"

# Windows-1252: refused, saying how to convert; read with --encoding.
cp="$scratch/ansi.csv"
iconv -f UTF-8 -t WINDOWS-1252 "$sv" >"$cp"
before=$(snapshot)
expect 2 "a Windows-1252 file without --encoding" avslut-new --import="$cp"
like "$err" 'ansi.csv:1: not UTF-8.*--encoding=windows-1252.*iconv -f WINDOWS-1252 -t UTF-8' "names the line and how to convert"
is "$(snapshot)" "$before" "nothing registered"
run avslut-new --import="$cp" --encoding=windows-1252
is "$rc" 2 "--encoding=windows-1252 reads it (exit 2: the unmapped row)"
is "$(printf '%s\n' "$out" | grep -Ec '^[0-9a-z]{12}$')" 2 "two ids printed"
run gpg --batch -q -d "$AVSLUT_STORE/records/$(printf '%s\n' "$out" | tail -1).asc"
like "$out" 'name: "Åsa Öst"' "the name decoded to UTF-8"
printf '%s\r\n' "$H" | iconv -f UTF-8 -t WINDOWS-1252 >"$scratch/one.csv"
printf 'Bo Ek;Kock;K\366ket;K;2015-01-01;2026-12-31;Tillsvidare;Pension;%s;x\r\n' "$MGR" >>"$scratch/one.csv"
run avslut-new --import="$scratch/one.csv" --encoding=CP1252 --separator=';'
is "$rc" 0 "--encoding=CP1252 (any case) with --separator=';'"
printf 'x;y\r\nA\201B;c\r\n' >"$scratch/undef.csv"
expect 2 "a byte Windows-1252 does not define" avslut-new \
    --import="$scratch/undef.csv" --encoding=windows-1252
like "$err" 'undef.csv:2: a byte that Windows-1252 does not define' "names the line"
printf '\357\273\277%s\r\n' "$H" >"$scratch/bom.csv"
expect 2 "UTF-8 with a byte-order mark and --encoding=windows-1252" \
    avslut-new --import="$scratch/bom.csv" --encoding=windows-1252
like "$err" 'bom.csv:1: .*it is UTF-8, leave out --encoding' "says it is UTF-8"
printf 'name,title\nA\000B,c\n' >"$scratch/nul.csv"
expect 2 "a NUL byte" avslut-new --import="$scratch/nul.csv"
like "$err" 'nul.csv:2: a NUL byte' "names the line"
expect 2 "an unknown encoding" avslut-new --import="$sv" --encoding=latin9
like "$err" '--encoding: "latin9" is not utf-8 or windows-1252' "says which it takes"
expect 2 "an unknown separator" avslut-new --import="$sv" --separator=tab
like "$err" '--separator: "tab" is not , or ;' "says which it takes"
expect 2 "--separator without --import" register --separator=';'
like "$err" 'are for --import' "says so"

# --separator overrides detection: a ';' file read with ',' has one column.
run avslut-new --import="$sv" --separator=,
is "$rc" 2 "--separator=, on a ';' file"
like "$err" 'export.csv:1: missing column name' "the header does not parse"
# Detection: more ',' than ';' in the header row is a comma file.
printf 'name,title,workplace,employed-from,employed-to,employment,reason,interviewer\n' >"$scratch/comma.csv"
printf '"Ek; Bo",Kock,K,2015-01-01,2026-12-31,tillsvidare,pension,%s\n' "$MGR" >>"$scratch/comma.csv"
expect 0 "a comma file with ';' inside a field" avslut-new --import="$scratch/comma.csv"

# The store's own mapping replaces the default.
gpg --batch -q -d "$AVSLUT_STORE/config" 2>/dev/null |
    sed '/^import:/,$d' >"$scratch/cfg.yaml"
cat >>"$scratch/cfg.yaml" <<'CFG'
import:
  columns:
    Förnamn och efternamn: name
    Titel: title
    Ort: workplace
    Från: employed-from
    Till: employed-to
    Form: employment
    Orsak: reason
    Samtalsledare: interviewer
  values:
    employment:
      Fast: tillsvidare
    reason:
      Slutat: egen-begaran
CFG
expect 0 "a config with its own mapping" avslut-new --config="$scratch/cfg.yaml"
printf 'FÖRNAMN OCH EFTERNAMN;Titel;Ort;Från;Till;Form;Orsak;Samtalsledare\n' >"$scratch/own.csv"
printf 'Ida Ek;Kock;K;2015-01-01;2026-12-31;fast;Slutat;%s\n' "$MGR" >>"$scratch/own.csv"
expect 0 "its headers (any case) and words" avslut-new --import="$scratch/own.csv"
run avslut-new --import="$sv"
is "$rc" 2 "the default mapping no longer applies"
like "$err" 'export.csv:1: missing column name' "the default headers are unknown now"

# A mapping that is wrong is refused when the config is signed in.
badcfg() {
	gpg --batch -q -d "$AVSLUT_STORE/config" 2>/dev/null |
	    sed '/^import:/,$d' >"$scratch/bad.yaml"
	cat >>"$scratch/bad.yaml"
	expect 2 "$1" avslut-new --config="$scratch/bad.yaml"
	like "$err" "$2" "... says: $2"
}
badcfg "a column mapped twice (case)" 'bad.yaml:[0-9]+:[0-9]+: column "namn" mapped twice' <<'CFG'
import:
  columns: {Namn: name, namn: title}
CFG
badcfg "a column mapped twice (blanks)" 'column " Namn" mapped twice' <<'CFG'
import:
  columns: {Namn: name, " Namn": title}
CFG
badcfg "a column mapped to no field" '"salary" is not one of name, title' <<'CFG'
import:
  columns: {Lön: salary}
CFG
badcfg "a word mapped to no code" '"fast" is not one of tillsvidare' <<'CFG'
import:
  values: {employment: {Fast: fast}}
CFG
badcfg "a word mapped twice" 'employment: "FAST" mapped twice' <<'CFG'
import:
  values: {employment: {Fast: tillsvidare, FAST: tidsbegransad}}
CFG
badcfg "words of a field without codes" '"name" is not one of employment, reason, role, why' <<'CFG'
import:
  values: {name: {A: b}}
CFG
badcfg "an empty header name" 'column: empty' <<'CFG'
import:
  columns: {" ": name}
CFG
badcfg "an unknown key under import" 'unknown key "separator"' <<'CFG'
import:
  separator: ";"
CFG
done_testing
