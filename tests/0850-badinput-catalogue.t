#!/bin/sh
# The bad-input catalogue: hostile or malformed input across the tools,
# each with its exit status and its one-line error, and the store
# untouched.  One row per line below: STATUS | PATTERN | COMMAND.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-12-01
answer() { "$AVSLUT_BUILD/tests/h-answer" "$@" || exit 99; }
ID=$(register)
SEALED=$(register)
answer -a "$SEALED"
avslut-seal "$SEALED" || exit 99
DECL=$(register --declined --why=avbojt)
B="$scratch/bad"
mkdir -p "$B/q" "$B/a" "$B/csv"
good="$top/questions/sodermalm.yaml"

# Question sets.
{
	echo 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
	for i in 1 2 3 4 5 6 7 8; do
		p=$((i - 1))
		printf 'a%d: &a%d [*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d]\n' \
		    $i $i $p $p $p $p $p $p $p $p $p
	done
} >"$B/q/bomb.yaml"
perl -e 'print "[" x 100000, "]" x 100000, "\n"' >"$B/q/deep.yaml"
head -c 300000 /dev/urandom >"$B/q/binary.yaml"
sed 's/id: introduction$/id: primary-reason/' "$good" >"$B/q/dup.yaml"
sed '0,/^    questions:/s//    questions: [/' "$good" >"$B/q/syntax.yaml"
sed '0,/^        required: true/s//        required: true\n        colour: red/' "$good" >"$B/q/unknown.yaml"
sed '0,/reason: \[pension\]/s//salary: [high]/' "$good" >"$B/q/cond.yaml"
sed '0,/type: text/s//type: essay/' "$good" >"$B/q/type.yaml"
sed 's/^avslut-questions: 1/avslut-questions: 7/' "$good" >"$B/q/future.yaml"

# Answers files.
printf 'primary-reason: "Ett svar."\n' >"$B/a/ok.yaml"
printf 'salary: high\n' >"$B/a/unknown.yaml"
printf 'retiree-return: "Ja."\n' >"$B/a/cond.yaml"
printf 'primary-reason-category: lon\n' >"$B/a/choice.yaml"
printf 'overall-rating: 11\n' >"$B/a/scale.yaml"
printf 'introduction: [a, b]\n' >"$B/a/list.yaml"
printf 'introduction: &x "a"\nexpectations: *x\n' >"$B/a/alias.yaml"
printf 'introduction: "open\n' >"$B/a/syntax.yaml"
printf -- '- introduction\n' >"$B/a/seq.yaml"
printf 'secondary-reasons: [pay, nope]\n' >"$B/a/multi.yaml"
printf 'introduction: a\nintroduction: b\n' >"$B/a/dupkey.yaml"

# CSV files.
H="name,title,workplace,employed-from,employed-to,employment,reason,interviewer"
printf 'name,title\nA,B\n' >"$B/csv/nocol.csv"
printf '%s,name\n' "$H" >"$B/csv/dupcol.csv"
: >"$B/csv/empty.csv"
printf '%s\nA "q" B,T,W,2019-01-01,2026-12-31,tillsvidare,pension,%s\n' "$H" "$MGR" >"$B/csv/quote.csv"
printf '%s\nA,T\n' "$H" >"$B/csv/short.csv"
printf '%s\nA,T,W,2019-01-01,2026-13-40,tillsvidare,pension,%s\n' "$H" "$MGR" >"$B/csv/date.csv"
printf '%s\nA,T,W,2026-06-01,2026-12-31,tidsbegransad,pension,%s\n' "$H" "$MGR" >"$B/csv/inelig.csv"
printf '%s\nA,T,W,2019-01-01,2026-12-31,tillsvidare,pension,ABC\n' "$H" >"$B/csv/fpr.csv"
printf '%s\n\001\002,T,W,2019-01-01,2026-12-31,tillsvidare,pension,%s\n' "$H" "$MGR" >"$B/csv/ctrl.csv"
printf '%s\nK\366k,T,W,2019-01-01,2026-12-31,tillsvidare,pension,%s\n' "$H" "$MGR" >"$B/csv/ansi.csv"
printf '%s\nA\201,T,W,2019-01-01,2026-12-31,tillsvidare,pension,%s\n' "$H" "$MGR" >"$B/csv/undef.csv"
printf '%s\nA,T,W,2019-01-01,2026-12-31,Provanst\303\244llning,pension,%s\n' "$H" "$MGR" >"$B/csv/word.csv"
printf '%s\nA,T,W,2019-01-01,2026-12-31,tillsvidare,pension,x@example.org\n' "$H" >"$B/csv/email.csv"

# Stores with a broken config, broken records or permissions (copies).
copy() { cp -a "$AVSLUT_STORE" "$B/$1"; pin_copy "$B/$1"; echo "$B/$1"; }
# signcfg DIR < YAML: the store's config, signed by HR but wrong in content.
signcfg() { cat >"$scratch/c.yaml"; config_sign "$scratch/c.yaml" "$1"; }
printf 'avslut-config: 1\nrecipients: [%s]\ncolour: red\n' "$HR" | signcfg "$(copy cfg-unknown)"
printf 'avslut-config: 1\nrecipients: [%s]\nmin-group: many\n' "$HR" | signcfg "$(copy cfg-int)"
printf 'avslut-config: 1\nrecipients: [ABC]\n' | signcfg "$(copy cfg-fpr)"
printf 'avslut-config: 9\nrecipients: [%s]\n' "$HR" | signcfg "$(copy cfg-version)"
printf 'avslut-config: 1\nrecipients: []\n' | signcfg "$(copy cfg-norcpt)"
printf 'avslut-config: 1\nrecipients: [%s]\nimport:\n  columns: {Namn: name, NAMN: title}\n' "$HR" | signcfg "$(copy cfg-dupcol)"
printf 'avslut-config: 1\nrecipients: [%s]\ninterviewers:\n- {email: a@x.se, fingerprint: %s}\n- {email: A@X.SE, fingerprint: %s}\n' "$HR" "$HR" "$MGR" | signcfg "$(copy cfg-dupmail)"
printf 'avslut-config: 1\nrecipients: [%s]\nretention:\n  sealed: {months: 24}\n  declined: {months: 24, decision: x}\n  unfinished: {months: 6, decision: x}\n' "$HR" | signcfg "$(copy cfg-nodecision)"
chmod 755 "$(copy open)"
s=$(copy header); sed -i '2s/.*/Comment: avslut sealed 2026-99-99/' "$s/records/$ID.asc"
s=$(copy noheader); sed -i '2d' "$s/records/$ID.asc"
s=$(copy flipped); perl -0pi -e 's/(\n\n.{200})(.)/$1 . ($2 eq "A" ? "B" : "A")/se' "$s/records/$SEALED.asc"
s=$(copy swapped); cp "$s/records/$SEALED.asc" "$s/records/$ID.asc"
sed -i "2s/.*/$(sed -n 2p "$s/records/$SEALED.asc")/" "$s/records/$ID.asc"
s=$(copy worldrec); chmod 644 "$s/records/$ID.asc"

before=$(snapshot)
n=0
while IFS='|' read -r st pat cmd; do
	case "$st" in ''|'#'*) continue ;; esac
	st=$(echo $st)
	pat=$(echo "$pat" | sed 's/^ *//; s/ *$//')
	n=$((n + 1))
	eval "set -- $cmd"
	expect "$st" "[$n] $cmd" "$@" </dev/null && like "$err" "$pat" "[$n] says: $pat"
done <<'TABLE'
# avslut-new: options, dates, enums, keys, ids
2 | unknown option --nope                              | avslut-new --nope
2 | option --name needs a value                        | avslut-new --name
2 | option --force takes no value                      | register --force=yes
2 | employed-from: "2026-02-30" is not a date          | register --employed-from=2026-02-30
2 | employed-to: "2026/12/31" is not a date            | register --employed-to=2026/12/31
2 | date: "tomorrow" is not a date                     | register --date=tomorrow
2 | employed-to 2018-01-01 is before employed-from     | register --employed-to=2018-01-01
2 | employment: "permanent" is not one of              | register --employment=permanent
2 | reason: "fired" is not one of                      | register --reason=fired
2 | role: "ceo" is not one of                          | register --role=ceo
2 | interviewer: "1234" is neither an e-mail address   | register --interviewer=1234
2 | name: contains a control character                 | register --name="$(printf 'A\033[2JB')"
2 | name: contains a control character                 | register --name="$(printf 'A\342\200\256B')"
2 | title: not valid UTF-8                             | register --title="$(printf 'Sk\377')"
2 | name: empty                                        | register --name=" "
2 | why: "maybe" is not one of                         | register --declined --why=maybe
2 | why: only for a declined offer                     | register --why=avbojt
2 | lang: question set sodermalm has no "de" texts     | register --lang=de
1 | key 0123456789ABCDEF0123456789ABCDEF01234567 is not in the keyring | register --interviewer=0123456789ABCDEF0123456789ABCDEF01234567
2 | invalid record id "../../x"                        | avslut-new --guide ../../x
2 | invalid record id "ABCDEFGHJKMN"                   | avslut-new --guide ABCDEFGHJKMN
1 | record 0123456789ab not found                      | avslut-new --guide 0123456789ab
3 | record .* is sealed                                | avslut-new --guide $SEALED
2 | exclude each other                                 | avslut-new --guide --import=x
2 | --amend needs the facts to change                  | avslut-new --amend=$ID
2 | name: empty                                        | avslut-new --amend=$ID --name=" "
2 | employed-to 2018-01-01 is before employed-from     | avslut-new --amend=$ID --employed-to=2018-01-01
2 | invalid record id "../x"                           | avslut-new --amend=../x --name=X
1 | record 0123456789ab not found                      | avslut-new --amend=0123456789ab --name=X
3 | not eligible                                       | avslut-new --amend=$ID --employment=annan
3 | question set and language cannot change            | avslut-new --amend=$SEALED --questions=sodermalm
2 | exclude each other                                 | avslut-new --amend=$ID --declined --why=avbojt
# question sets
2 | bomb.yaml:1:[0-9]+: anchors are not allowed        | avslut-new --guide --questions=$B/q/bomb.yaml
2 | deep.yaml:1:[0-9]+: nested too deeply              | avslut-new --guide --questions=$B/q/deep.yaml
2 | binary.yaml:1:1: too large                         | avslut-new --guide --questions=$B/q/binary.yaml
2 | dup.yaml:[0-9]+:[0-9]+: duplicate id "primary-reason" | avslut-new --guide --questions=$B/q/dup.yaml
2 | syntax.yaml:[0-9]+:[0-9]+: syntax error            | avslut-new --guide --questions=$B/q/syntax.yaml
2 | unknown.yaml:[0-9]+:[0-9]+: unknown key "colour"   | avslut-new --guide --questions=$B/q/unknown.yaml
2 | cond.yaml:[0-9]+:[0-9]+: unknown field "salary"    | avslut-new --guide --questions=$B/q/cond.yaml
2 | type.yaml:[0-9]+:[0-9]+: unknown question type "essay" | avslut-new --guide --questions=$B/q/type.yaml
2 | future.yaml:[0-9]+:[0-9]+: unsupported format version 7 | avslut-new --guide --questions=$B/q/future.yaml
1 | question set "nosuch" not found                    | avslut-new --guide --questions=nosuch
2 | invalid question set name                          | avslut-new --guide --questions=Bad!
# CSV rows
2 | nocol.csv:1: missing column workplace              | avslut-new --import=$B/csv/nocol.csv
2 | dupcol.csv:1: column name given twice              | avslut-new --import=$B/csv/dupcol.csv
2 | empty.csv:1: empty file                            | avslut-new --import=$B/csv/empty.csv
2 | quote.csv:2: skipped: malformed CSV                | avslut-new --import=$B/csv/quote.csv
2 | short.csv:2: skipped: 2 fields, the header has 8   | avslut-new --import=$B/csv/short.csv
2 | date.csv:2: skipped: employed-to: "2026-13-40"     | avslut-new --import=$B/csv/date.csv
3 | inelig.csv:2: skipped: not eligible                | avslut-new --import=$B/csv/inelig.csv
2 | fpr.csv:2: skipped: interviewer: "ABC"             | avslut-new --import=$B/csv/fpr.csv
2 | ctrl.csv:2: skipped: name: contains a control      | avslut-new --import=$B/csv/ctrl.csv
1 | nope.csv: No such file                             | avslut-new --import=$B/csv/nope.csv
2 | ansi.csv:2: not UTF-8.*--encoding=windows-1252     | avslut-new --import=$B/csv/ansi.csv
2 | undef.csv:2: a byte that Windows-1252 does not define | avslut-new --import=$B/csv/undef.csv --encoding=windows-1252
2 | word.csv:2: skipped: employment: "Provanställning" is neither | avslut-new --import=$B/csv/word.csv
2 | email.csv:2: skipped: interviewer: an e-mail address that is not among | avslut-new --import=$B/csv/email.csv
2 | --encoding: "latin1" is not utf-8 or windows-1252  | avslut-new --import=$B/csv/ansi.csv --encoding=latin1
2 | --separator: "tab" is not , or ;                   | avslut-new --import=$B/csv/ansi.csv --separator=tab
2 | interviewer: an e-mail address that is not among   | register --interviewer=x@example.org
2 | facts come from the CSV columns                    | avslut-new --import=$B/csv/short.csv --name=X
# config files and store permissions
2 | config:6:1: unknown key "colour"                   | avslut-new -S $B/cfg-unknown --guide $ID
2 | config:6:12: expected a whole number               | avslut-new -S $B/cfg-int --guide $ID
2 | config:5:14: "ABC" is not a full fingerprint       | avslut-new -S $B/cfg-fpr --guide $ID
2 | config:4:16: unsupported format version 9          | avslut-new -S $B/cfg-version --guide $ID
2 | config:5:13: at least one recipient is needed      | avslut-new -S $B/cfg-norcpt --guide $ID
2 | config:7:[0-9]+: column "NAMN" mapped twice         | avslut-new -S $B/cfg-dupcol --guide $ID
2 | config:[0-9]+:[0-9]+: email: an address given twice | avslut-new -S $B/cfg-dupmail --guide $ID
3 | accessible to group or others                      | avslut-new -S $B/open --guide $ID
4 | accessible to group or others                      | avslut-new -S $B/worldrec --guide $ID
1 | no such store                                      | avslut-new -S $B/none --guide $ID
2 | --marking: contains a control character            | avslut-new -S $B/newstore --init --recipient=$HR --marking="$(printf 'a\nb')"
2 | --questions: ".." is not a question set name       | avslut-new -S $B/newstore --init --recipient=$HR --questions=..
2 | --recipient: "FFFF" is not a full fingerprint      | avslut-new -S $B/newstore --init --recipient=FFFF
# avslut-ask: ids, answers files, states
2 | not a terminal                                     | avslut-ask $ID
2 | which record                                       | avslut-ask --answers=$B/a/ok.yaml
2 | invalid record id                                  | avslut-ask ../x --answers=$B/a/ok.yaml
1 | record 0123456789ab not found                      | avslut-ask 0123456789ab --answers=$B/a/ok.yaml
2 | unknown.yaml:1:1: unknown question "salary"        | avslut-ask $ID --answers=$B/a/unknown.yaml
2 | cond.yaml:1:1: question "retiree-return" is not asked | avslut-ask $ID --answers=$B/a/cond.yaml
2 | choice.yaml:1:26: .*the answer is not one of the choices | avslut-ask $ID --answers=$B/a/choice.yaml
2 | scale.yaml:1:17: .*answer a number from 1 to 5     | avslut-ask $ID --answers=$B/a/scale.yaml
2 | list.yaml:1:15: .*expected a single value          | avslut-ask $ID --answers=$B/a/list.yaml
2 | multi.yaml:1:20: .*an answer is not one of         | avslut-ask $ID --answers=$B/a/multi.yaml
2 | alias.yaml:1:15: anchors are not allowed           | avslut-ask $ID --answers=$B/a/alias.yaml
2 | syntax.yaml:2:1: syntax error                      | avslut-ask $ID --answers=$B/a/syntax.yaml
2 | seq.yaml:1:1: expected a mapping                   | avslut-ask $ID --answers=$B/a/seq.yaml
2 | dupkey.yaml:2:1: duplicate key "introduction"      | avslut-ask $ID --answers=$B/a/dupkey.yaml
1 | none.yaml: No such file                            | avslut-ask $ID --answers=$B/a/none.yaml
3 | record .* is sealed and cannot be changed          | avslut-ask $SEALED --answers=$B/a/ok.yaml
3 | record .* is declined and cannot be changed        | avslut-ask $DECL --answers=$B/a/ok.yaml
# records: corrupt, forged, swapped
4 | record .*: missing or bad metadata header          | avslut-ask -S $B/header $ID --answers=$B/a/ok.yaml
4 | record .*: missing or bad metadata header          | avslut-ask -S $B/noheader $ID --answers=$B/a/ok.yaml
4 | record .* holds the document of another record     | avslut-ask -S $B/swapped $ID --answers=$B/a/ok.yaml
# avslut-seal
2 | unknown option --bogus                             | avslut-seal --bogus
2 | option --verify takes no value                     | avslut-seal --verify=yes
2 | invalid record id                                  | avslut-seal ../x
3 | already sealed                                     | avslut-seal $SEALED
3 | incomplete                                         | avslut-seal $ID
3 | declined                                           | avslut-seal $DECL
2 | not a full fingerprint                             | avslut-seal --local-user=1234 $ID
4 | FAILED                                             | avslut-seal -S $B/flipped --verify $SEALED
# avslut-purge
2 | unknown option --bogus                             | avslut-purge --bogus
2 | --as-of: "2026-02-30" is not a date                | avslut-purge --as-of=2026-02-30
2 | invalid record id                                  | avslut-purge ../x
1 | record 0123456789ab not found                      | avslut-purge 0123456789ab
3 | within retention                                   | avslut-purge $ID
2 | --force needs a reason                             | avslut-purge --force $ID
2 | --why takes a code                                 | avslut-purge --force --why=x $ID
2 | --why goes with --force                            | avslut-purge --why=annan $ID
3 | retention.sealed.decision                          | avslut-purge -S $B/cfg-nodecision --dry-run
4 | missing or bad metadata header                     | avslut-purge -S $B/header --dry-run
TABLE
is "$(snapshot)" "$before" "the store is untouched by all $n inputs"
[ $n -ge 60 ]; ok $? "at least 60 inputs in the catalogue ($n)"
done_testing
