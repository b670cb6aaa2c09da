#!/bin/sh
# Controls never pass (issue 15, attack 9): C0 (but new lines and tabs in
# a text answer), DEL, C1, the bidirectional marks, overrides and
# isolates and the line and paragraph separators are refused at every
# input, naming the field and never the value; every output but the raw
# YAML of --show makes visible those an older record holds; no error
# repeats an answer.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-12-20 COLUMNS=200
ESC=$(printf '\033')

# name CODE -> the character, as UTF-8 bytes.
ch() {
	case $1 in
	ESC) printf '\033' ;; DEL) printf '\177' ;; CR) printf '\r' ;;
	U+0085) printf '\302\205' ;; U+061C) printf '\330\234' ;;
	U+200E) printf '\342\200\216' ;; U+200F) printf '\342\200\217' ;;
	U+2028) printf '\342\200\250' ;; U+2029) printf '\342\200\251' ;;
	U+202E) printf '\342\200\256' ;; U+2066) printf '\342\201\246' ;;
	esac
}
all="ESC DEL CR U+0085 U+061C U+200E U+200F U+2028 U+2029 U+202E U+2066"
# yesc CODE -> the YAML escape of the character, for a double-quoted
# scalar (libyaml itself refuses most of them raw, and takes U+0085,
# U+2028 and U+2029 raw for line breaks).
yesc() {
	case $1 in
	ESC) printf '\\e' ;; DEL) printf '\\x7F' ;; CR) printf '\\r' ;;
	U+0085) printf '\\N' ;; U+2028) printf '\\L' ;; U+2029) printf '\\P' ;;
	*) printf '\\u%s' "${1#U+}" ;;
	esac
}

# --- registration facts ---------------------------------------------------
before=$(snapshot)
for c in $all; do
	for f in name title workplace unit; do
		expect_err 2 "^avslut-new: $f: contains a control character\$" \
		    "--$f with $c is refused" register --$f="Hemlig$(ch $c)Person"
		unlike "$err" "Hemlig" "--$f with $c: the value is not repeated"
	done
done
is "$(snapshot)" "$before" "nothing was registered"
printf 'name,title,workplace,employed-from,employed-to,employment,reason,interviewer\n' >"$scratch/i.csv"
printf 'Hemlig%sPerson,Kock,Köket,2019-01-01,2026-12-31,tillsvidare,egen-begaran,%s\n' "$(ch U+200F)" "$MGR" >>"$scratch/i.csv"
printf 'Anna Berg,Kock,Köket%s,2019-01-01,2026-12-31,tillsvidare,egen-begaran,%s\n' "$(ch U+2028)" "$MGR" >>"$scratch/i.csv"
run avslut-new --import="$scratch/i.csv"
is "$rc" 2 "an import of such rows: exit 2"
like "$err" "i.csv:2: skipped: name: contains a control character" "a row with RLM in a name is skipped"
like "$err" "i.csv:3: skipped: workplace: contains a control character" "and one with LS in a workplace"
unlike "$err" "Hemlig|Anna" "no value in the messages"
is "$(snapshot)" "$before" "nothing was registered"

# --- the interviewer's name, from the key's user id -------------------------
for c in ESC U+202E U+2028; do
	k=$(gpg --batch --quiet --passphrase '' --quick-gen-key \
	    "Maja$(ch $c)Chef <maja.$c@example.org>" ed25519 sign,cert never 2>&1 >/dev/null;
	    gpg --list-keys --with-colons "maja.$c@example.org" 2>/dev/null |
	    awk -F: '/^fpr/ { print $10; exit }')
	gpg --batch --quiet --passphrase '' --quick-add-key "$k" cv25519 encr never 2>/dev/null
	expect_err 2 "^avslut-new: interviewer: the key's user id contains a control character\$" \
	    "an interviewer whose user id holds $c is refused" register --interviewer="$k"
done
is "$(snapshot)" "$before" "nothing was registered"

# --- answers, scripted ----------------------------------------------------
id=$(register)
before=$(snapshot)
for c in $all; do
	printf 'primary-reason: "Hemligt%ssvar"\n' "$(yesc $c)" >"$scratch/a.yaml"
	expect_err 2 'a.yaml:1:17: question "primary-reason": the answer contains a control character' \
	    "a text answer with $c is refused" avslut-ask "$id" --answers="$scratch/a.yaml"
	unlike "$err" "Hemligt" "a text answer with $c: not repeated"
done
printf 'primary-reason: "Hemligt%ssvar"\n' "$(ch U+202E)" >"$scratch/a.yaml"
expect_err 2 'a.yaml:1:17: question "primary-reason": the answer contains a control character' \
    "an override typed raw is refused as well" avslut-ask "$id" --answers="$scratch/a.yaml"
is "$(snapshot)" "$before" "no answer was saved"
printf 'primary-reason: "Rad ett\\nrad två\\tmed flik"\n' >"$scratch/a.yaml"
expect 0 "new lines and tabs in a text answer are fine" avslut-ask "$id" --answers="$scratch/a.yaml"
before=$(snapshot)
printf 'primary-reason-category: Hemligt svar\n' >"$scratch/a.yaml"
expect_err 2 'question "primary-reason-category": the answer is not one of the choices 1-11$' \
    "a wrong choice" avslut-ask "$id" --answers="$scratch/a.yaml"
unlike "$err" "Hemligt" "a wrong choice is not repeated"
printf 'secondary-reasons: [pay, Hemligt svar]\n' >"$scratch/a.yaml"
expect_err 2 'question "secondary-reasons": an answer is not one of the choices 1-11$' \
    "a wrong choice among several" avslut-ask "$id" --answers="$scratch/a.yaml"
unlike "$err" "Hemligt" "a wrong choice among several is not repeated"
printf 'would-return-coded: Hemligt\n' >"$scratch/a.yaml"
expect 2 "a wrong choice of three" avslut-ask "$id" --answers="$scratch/a.yaml"
unlike "$err" "Hemligt" "nor that one"
printf 'overall-rating: Hemligt\n' >"$scratch/a.yaml"
expect 2 "a scale answered in words" avslut-ask "$id" --answers="$scratch/a.yaml"
unlike "$err" "Hemligt" "nor that one"
is "$(snapshot)" "$before" "no answer was saved"

# --- answers, on a terminal -------------------------------------------------
if command -v expect >/dev/null; then
	id2=$(register --lang=sv)
	cat >"$scratch/x.exp" <<EXP
set timeout 20
log_user 0
log_file -a -noappend $scratch/x.log
source {$top/tests/terminal.tcl}
spawn -noecho avslut-ask $id2
want "Tryck Retur|Press Enter"
at_prompt; send "\r"
want "1 (av|of) "
at_prompt; send "Hemligt\026\033\[2J svar\r"
want {\n  \$}; send "\r"
want "styrtecken|control character"
at_prompt; send "Ett riktigt svar\r"
want {\n  \$}; send "\r"
want "2 (av|of) "
send_line "Hemligt"
want "valen 1-|choices 1-"
send_line ":q"
expect eof
EXP
	command expect -f "$scratch/x.exp" >"$scratch/x.out" 2>&1
	ok $? "on a terminal: a typed ESC is refused, then a plain answer taken" ||
	    diag "$(cat "$scratch/x.out" "$scratch/x.log")"
	unlike "$(grep -a '!' "$scratch/x.log")" "Hemligt" "neither error repeats the answer"
	out=$(gpg --batch -q -d "$AVSLUT_STORE/records/$id2.asc" 2>/dev/null)
	like "$out" "Ett riktigt svar" "the plain answer is saved"
	unlike "$out" "Hemligt" "the refused one is not"
fi

# --- question sets ---------------------------------------------------------
for c in ESC U+200F U+061C U+2028 U+2029 U+0085; do
	E=$(yesc $c) perl -pe 's/^  sv: "Avslutssamtal Södermalms/  sv: "Avslutssamtal$ENV{E} Södermalms/' \
	    "$top/questions/sodermalm.yaml" >"$scratch/q.yaml"
	expect_err 2 "q.yaml:[0-9]+:[0-9]+: the \"sv\" text contains a control character" \
	    "a question set's title with $c is refused at load" \
	    avslut-new --guide --questions="$scratch/q.yaml"
done
mkdir -m 700 "$AVSLUT_STORE/questions"
sed "s/^  sv: \"Avslutssamtal Södermalms/  sv: \"Avslutssamtal$(ch U+202E) Södermalms/" \
    "$top/questions/sodermalm.yaml" >"$AVSLUT_STORE/questions/sodermalm.yaml"
expect_err 4 "questions/sodermalm.yaml: not one clearsigned message" \
    "one a store writer put in questions/ is refused unsigned" avslut-new --guide
sed "s/^  sv: \"Avslutssamtal Södermalms/  sv: \"Avslutssamtal$(ch U+202E) Södermalms/" \
    "$top/questions/sodermalm.yaml" | store_qset sodermalm
expect_err 2 "questions/sodermalm.yaml:[0-9]+:[0-9]+: the \"sv\" text contains a control character" \
    "so is one HR signed with a control in it" avslut-new --guide
rm -r "$AVSLUT_STORE/questions"

# --- output of what an older version let in ---------------------------------
mkrecords >"$scratch/ids" <<EOF
name=Bo\x1b]52;c;ZWNobw==\x07 Berg;unit=Skola\xe2\x80\xae;to=2026-11-30;date=2026-11-20;state=in-progress;interviewer=$MGR;a.primary-reason=Flyttar\x1b[2J till\xe2\x80\xa8Umeå\xc2\x9b31m\xe2\x80\x8f
EOF
old=$(cat "$scratch/ids")
min_group 1
for cmd in "avslut-report --list --format=csv" \
    "avslut-report --answers --format=csv" "avslut-report --by=unit --format=csv" \
    "avslut-report --list" "avslut-report --answers" "avslut-report --show $old" \
    "avslut-report --answers --format=html"; do
	run $cmd
	printf '%s' "$out" >"$scratch/o"
	test "$rc" = 0 && ! grep -q "$ESC" "$scratch/o" &&
	    ! grep -q "$(printf '\302\233')" "$scratch/o" &&
	    ! grep -q "$(ch U+202E)" "$scratch/o" &&
	    ! grep -q "$(ch U+2028)" "$scratch/o" &&
	    ! grep -q "$(ch U+200F)" "$scratch/o"
	ok $? "$cmd: no control of the old record is shown raw"
done
run avslut-report --list --format=csv
like "$out" "Skola<U\+202E>" "--list CSV: the override is made visible"
run avslut-report --answers --format=csv
like "$out" "Flyttar\^\[\[2J till<U\+2028>Umeå<U\+009B>31m<U\+200F>" "--answers CSV: every control is made visible"
run avslut-report --show "$old" --format=yaml
grep -q "$(ch U+202E)" "$scratch/out"; ok $? "--show --format=yaml stays the document as stored, as documented" ||
    diag "$(cat -v "$scratch/out")"
done_testing
