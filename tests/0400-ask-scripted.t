#!/bin/sh
# avslut-ask --answers: scripted interviews, validated before any change.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-12-10
id=$(register --lang=sv --reason=egen-begaran)
retiree=$(register --lang=sv --reason=pension)
f="$AVSLUT_STORE/records/$id.asc"

cat >"$scratch/a1.yaml" <<'A'
primary-reason: |
  Jag har fått ett nytt jobb i Göteborg.
  Pendlingen blev för lång.
primary-reason-category: commute
secondary-reasons: [pay, 4]
next-step: 2
introduction: "Bra, men för kort."
A
expect 0 "answers from a file" avslut-ask "$id" --answers="$scratch/a1.yaml"
is "$out" "" "quiet on success"
run gpg --batch -q -d "$f"
like "$out" "state: in-progress" "the interview is in progress"
like "$out" "interview-date: 2026-12-10" "the date it was held"
like "$out" "Pendlingen blev för lång\.$" "multi-line text kept, no trailing newline"
like "$out" 'question: "Vad är den primära orsaken till varför du slutar\?"' "the question as asked, in the record's language"
like "$out" 'section: "Inledning"' "the section as asked"
like "$out" "answer: \[pay, workload\]" "multi by id and by number"
like "$out" 'answer-text: "Pendling eller flytt"' "the choice's text as asked"
like "$out" "answer: public-employer" "choice by number"
is "$(sed -n 2p "$f")" "Comment: avslut in-progress 2026-12-31" "metadata follows the state"

# Merging: later answers replace, the others stay.
printf 'introduction: "Ändrat svar."\n' | run_in /dev/stdin avslut-ask "$id" --answers=-
is "$rc" 0 "answers from stdin"
run gpg --batch -q -d "$f"
like "$out" 'answer: "Ändrat svar\."' "an answer replaced"
like "$out" "Göteborg" "the others kept"

# Everything is checked before anything changes.
before=$(snapshot)
bad() { # bad PATTERN DESC YAML
	printf '%s\n' "$3" >"$scratch/bad.yaml"
	expect 2 "$2" avslut-ask "$id" --answers="$scratch/bad.yaml"
	like "$err" "$1" "$2: says what and where"
}
bad 'bad.yaml:2:1: unknown question "salary"' "an unknown question id" \
    "$(printf 'introduction: "ok"\nsalary: high')"
bad 'bad.yaml:1:1: question "retiree-return" is not asked' "a question whose condition does not hold" \
    'retiree-return: "Gärna."'
bad 'bad.yaml:1:26: question "primary-reason-category": the answer is not one of the choices 1-11$' \
    "a value outside a choice" 'primary-reason-category: lon'
bad 'question "primary-reason-category": the answer is not one' "a choice number out of range" \
    'primary-reason-category: 12'
bad 'question "overall-rating": answer a number from 1 to 5' "a scale out of range" 'overall-rating: 6'
bad 'question "overall-rating": answer a number from 1 to 5' "a scale that is not a number" 'overall-rating: fem'
bad 'question "secondary-reasons": an answer is not one of the choices 1-' "a bad choice in a multi" \
    'secondary-reasons: [pay, bogus]'
bad 'question "introduction" \(text\): expected a single value' "a list for a text question" \
    'introduction: [a, b]'
bad 'question "introduction": the answer is empty' "an empty text answer" 'introduction: ""'
bad 'bad.yaml:1:1: expected a mapping' "not a mapping" '- introduction'
bad 'anchors are not allowed' "an anchor" "$(printf 'introduction: &x "a"\nexpectations: *x')"
bad 'bad.yaml:2:1: duplicate key "introduction"' "a duplicate key" "$(printf 'introduction: a\nintroduction: b')"
bad 'syntax error' "a syntax error" 'introduction: "unterminated'
unlike "$err" "Göteborg|Ändrat" "no answer text in any message"
is "$(snapshot)" "$before" "the store is untouched by all of the above"
expect 1 "an answers file that does not exist" avslut-ask "$id" --answers="$scratch/none.yaml"

# The retirement question is asked of a retiree.
expect 0 "the retirement question for a retiree" avslut-ask "$retiree" \
    --answers=/dev/stdin <<'A'
retiree-return: "Gärna som mentor."
would-return-coded: "yes"
A
run gpg --batch -q -d "$AVSLUT_STORE/records/$retiree.asc"
like "$out" 'För dig som går i pension' "asked as written"

# The language: the record's own, or another before the interview begins.
en=$(register --lang=sv)
printf 'primary-reason: "Moving."\n' >"$scratch/en.yaml"
expect 0 "--lang=en before the interview begins" avslut-ask "$en" --lang=en --answers="$scratch/en.yaml"
run gpg --batch -q -d "$AVSLUT_STORE/records/$en.asc"
like "$out" 'question: "What is the primary reason why you are leaving\?"' "asked in English"
like "$out" "language: en" "the record's language follows"
expect 3 "another language once it has begun" avslut-ask "$en" --lang=sv --answers="$scratch/en.yaml"
like "$err" 'began in "en" and keeps that language' "says so"
expect 2 "a language the set lacks" avslut-ask "$en" --lang=de --answers="$scratch/en.yaml"

# Refusals.
expect 2 "no terminal and no --answers" avslut-ask "$id" </dev/null
like "$err" "not a terminal" "says why"
expect 2 "no id" avslut-ask --answers=x
expect 2 "an id that is a path" avslut-ask ../config --answers="$scratch/a1.yaml"
expect 1 "an unknown id" avslut-ask 0123456789ab --answers="$scratch/a1.yaml"
declined=$(register --declined --why=avbojt)
expect 3 "a declined offer cannot be answered" avslut-ask "$declined" --answers="$scratch/a1.yaml"
"$AVSLUT_BUILD/tests/h-record" seal "$retiree" "$MGR" || exit 1
before=$(snapshot)
expect 3 "a sealed record cannot be changed" avslut-ask "$retiree" --answers="$scratch/a1.yaml"
like "$err" "sealed and cannot be changed" "says it is sealed"
is "$(snapshot)" "$before" "the sealed record is untouched"

# A full scripted interview of the whole set, read back with plain gpg.
full=$(register --lang=sv --reason=pension)
cat >"$scratch/full.yaml" <<'A'
primary-reason: "Pension."
primary-reason-category: retirement
secondary-reasons: [workload]
next-step: retirement
introduction: "Introduktionen var bra."
expectations: "Arbetet motsvarade förväntningarna."
collaboration: "Gott samarbete med kollegorna."
climate: "Ett varmt klimat."
workload: "Hög belastning ibland."
support: "Stödet har fungerat."
appreciation: "Jag har känt mig uppskattad."
competence-use: "Väl."
development: "Goda möjligheter."
communication: "Informationen kunde vara tydligare."
improvement-ideas: "Fler gemensamma möten."
strengths: "Engagemanget."
culture-values: "Kärnvärdena lever."
would-return: "Kanske."
would-return-coded: maybe
retiree-return: "Ja, som mentor."
anything-else: "Tack för allt."
overall-rating: 5
summary: "Ett gott samtal."
A
expect 0 "every question of the Södermalm set" avslut-ask "$full" --answers="$scratch/full.yaml"
run gpg --batch -q -d "$AVSLUT_STORE/records/$full.asc"
for q in "Vad är den primära orsaken till varför du slutar?" \
    "Hur upplevde du din introduktion? Hur kan introduktionen förbättras?" \
    "Kan du tänka dig att i framtiden återkomma till avdelning/Södermalms stadsdelsförvaltning?" \
    "För dig som går i pension – kan du tänka dig att återkomma och arbeta på timme: vid behov eller t ex att vara mentor åt en nyanställd?" \
    "Är det något i övrigt du vill tillägga?"; do
	printf '%s\n' "$out" | grep -qF "question: \"$q\""; ok $? "as asked: ${q%%\?*}?"
done
is "$(printf '%s\n' "$out" | grep -c '^- id: ')" 23 "23 answers, every asked question"
is "$(printf '%s\n' "$out" | grep -c '^  answer')" 27 "each with its answer (and choice texts)"

# Saving again and again, as after each answer on a terminal: the record
# is still whole.
expect 0 "three saves of the in-memory record" \
    "$AVSLUT_BUILD/tests/h-savebench" "$full" 3
run gpg --batch -q -d "$AVSLUT_STORE/records/$full.asc"
is "$(printf '%s\n' "$out" | grep -c '^- id: ')" 23 "the record still holds all 23 answers"
done_testing
