#!/bin/sh
# The interview's language is the store's (avslut-new --init --language),
# not the locale of whoever registers it; the locale decides only the
# messages.
. "$(dirname "$0")/lib.sh"

export AVSLUT_TODAY=2026-11-23
HR=$(mkkey "HR Officer")
MGR=$(mkkey "Maja Chef")
lang_of() {
	gpg --batch -q -d "$AVSLUT_STORE/records/$1.asc" 2>/dev/null |
	    sed -n 's/^  language: //p'
}

# --- A new store takes the set's first language ------------------------
expect 0 "init without --language" avslut-new --init --recipient="$HR"
like "$(cat "$AVSLUT_STORE/config")" "^language: sv$" "the config names the set's first language"

# HR on a server, under C.UTF-8 (whose messages are English): the
# interview is Swedish all the same.
expect 0 "HR registers under LC_ALL=C.UTF-8" register
id=$out
is "$(lang_of "$id")" sv "the record is Swedish"
cat >"$scratch/a.yaml" <<'EOF'
primary-reason: "MARKER"
primary-reason-category: pay
EOF
expect 0 "the manager's scripted interview" avslut-ask "$id" --answers="$scratch/a.yaml"
run gpg --batch -q -d "$AVSLUT_STORE/records/$id.asc"
like "$out" 'question: "Vad är den primära orsaken till varför du slutar\?"' "the question was asked in Swedish"
like "$out" 'answer-text: "Lön"' "the choice is kept with its Swedish label"
unlike "$out" "What is the primary reason" "no English question"
export LANGUAGE=en
expect 0 "the same under LANGUAGE=en over a real locale" register
unset LANGUAGE
is "$(lang_of "$out")" sv "the locale plays no part"
expect 0 "--lang still chooses" register --lang=en
is "$(lang_of "$out")" en "--lang=en gives an English interview"
printf 'name,title,workplace,employed-from,employed-to,employment,reason,interviewer\nBo Ek,Kock,Kök,2019-01-01,2026-12-31,tillsvidare,pension,%s\n' "$MGR" >"$scratch/i.csv"
expect 0 "an import without a lang column" avslut-new --import="$scratch/i.csv"
is "$(lang_of "$out")" sv "the row takes the store's language"
expect 0 "a blank guide of the store" avslut-new --guide
like "$out" "Samtalsguide för avslutssamtal" "is in the store's language"
expect 0 "--lang for the blank guide" avslut-new --guide --lang=en
like "$out" "Interview guide" "is in that language"

# --- A store whose language is English ---------------------------------
en="$scratch/en"
expect 0 "init --language=en" avslut-new -S "$en" --init --recipient="$HR" --language=en
like "$(cat "$en/config")" "^language: en$" "the config says en"
export LANGUAGE=sv
expect 0 "register under a Swedish LANGUAGE" register -S "$en"
unset LANGUAGE
is "$(AVSLUT_STORE=$en lang_of "$out")" en "the record is English"
expect 0 "the blank guide of the English store" avslut-new -S "$en" --guide
like "$out" "Interview guide" "is English"

# --- Stores without the setting, and settings the set lacks -------------
old="$scratch/old"
expect 0 "a store made before the setting" avslut-new -S "$old" --init --recipient="$HR"
config_edit '/^language:/d' "$old" || exit 99
export LANGUAGE=en
expect 0 "register in it with an English LANGUAGE" register -S "$old"
unset LANGUAGE
is "$(AVSLUT_STORE=$old lang_of "$out")" sv "the set's first language"
config_edit 's/^questions: .*/&\nlanguage: de/' "$old" || exit 99
expect 0 "a language the set lacks" register -S "$old"
is "$(AVSLUT_STORE=$old lang_of "$out")" sv "falls back to the set's first"

# --- Bad input ---------------------------------------------------------
expect_err 2 '--language: question set sodermalm has no "de" texts' \
    "init with a language the set lacks" avslut-new -S "$scratch/s1" --init \
    --recipient="$HR" --language=de
test -e "$scratch/s1"; ok $((! $?)) "no store left behind"
expect_err 2 'has no "Sv!" texts' "init with a malformed language" \
    avslut-new -S "$scratch/s2" --init --recipient="$HR" --language='Sv!'
test -e "$scratch/s2"; ok $((! $?)) "no store left behind"
expect_err 2 'with --init \(for one interview: --lang\)' \
    "--language without --init" register --language=sv
expect_err 2 "with --init" "--language with --guide" avslut-new --guide --language=sv
config_edit_raw 's/^language: .*/language: Svenska/'
before=$(snapshot)
expect_err 2 'config:9:11: "Svenska" is not a valid identifier' \
    "a malformed language in the config" register
is "$(snapshot)" "$before" "the store is untouched"
config_edit_raw 's/^language: .*/language: svenska-1/'
expect_err 2 'config:9:11: "svenska-1" is not a language code' \
    "a language code too long" register
config_edit_raw 's/^language: .*/language: [sv]/'
expect_err 2 'config:9:11: ' "a list as the language" register
done_testing
