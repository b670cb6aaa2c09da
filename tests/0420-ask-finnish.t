#!/bin/sh
# Suomeksi: an interview in Finnish, from registration to the sealed
# record and its copy; the tools' messages stay Swedish or English.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-12-10

expect 0 "register an interview in Finnish" register --lang=fi --reason=pension
id=$out
f="$AVSLUT_STORE/records/$id.asc"
cat >"$scratch/fi.yaml" <<'A'
primary-reason: |
  Jään eläkkeelle.
primary-reason-category: retirement
secondary-reasons: [workload, 5]
next-step: retirement
introduction: "Hyvä, mutta liian lyhyt."
retiree-return: "Mielelläni mentoriksi."
would-return-coded: maybe
overall-rating: 4
summary: "Avoin ja hyvä keskustelu."
A
expect 0 "a scripted interview in Finnish" avslut-ask "$id" --answers="$scratch/fi.yaml"
run gpg --batch -q -d "$f"
like "$out" "^  language: fi$" "the record is Finnish"
like "$out" 'section: "Aluksi"' "the section as asked, in Finnish"
like "$out" 'question: "Mikä on pääasiallinen syy siihen, että lähdet\?"' "the question as asked, in Finnish"
like "$out" 'answer-text: "Eläkkeelle siirtyminen"' "the choice's Finnish text"
like "$out" "answer: \[workload, work-environment\]" "multi by id and number, kept as codes"
like "$out" 'question: "Sinulle, joka jäät eläkkeelle' "the retirement question in Finnish"
like "$out" 'answer-text: "Ehkä"' "would return: maybe, in Finnish"
like "$out" "Avoin ja hyvä keskustelu" "the interviewer's summary"
unlike "$out" 'question: "(Vad|What) ' "no Swedish or English question"

expect 0 "seal it" avslut-seal "$id"
expect 0 "the copy for the employee" avslut-report --show="$id"
like "$out" "Lähtökeskustelu – Södermalmin kaupunginosahallinto" "the set's Finnish title"
like "$out" "Nimi: +Anna Andersson" "the header in Finnish"
like "$out" "Mikä on pääasiallinen syy siihen, että lähdet\?" "the questions as asked"
like "$out" "Jään eläkkeelle\." "with the answers"
min_group 1
expect 0 "the report counts the coded answers" avslut-report --format=csv
like "$out" "primary-reason-category,retirement,[^,]*,count,1," "by their codes, whatever the language"
# The report reads in its reader's language, whatever the records'; the
# set's Finnish texts when the reader asks for Finnish (LANGUAGE, over a
# real locale), the messages staying Swedish.
expect 0 "the report over a Finnish record" avslut-report --by=reason
like "$out" "^Which category best describes the primary reason\?
 +Retirement +All
(.*
)*Retirement +100 % \(1\) +100 % \(1\)$" "the questions and options compared in English"
if locale -a 2>/dev/null | grep -qix 'sv_SE.utf-\?8'; then
	expect 0 "in Swedish" env LC_ALL=sv_SE.UTF-8 avslut-report --by=reason
	like "$out" "^Vilken kategori beskriver bäst den primära orsaken\?
 +Pension +Alla
(.*
)*Pension +100 % \(1\) +100 % \(1\)$" "the questions and options compared in Swedish"
	expect 0 "and with the set's Finnish texts" env LC_ALL=sv_SE.UTF-8 \
	    LANGUAGE=fi:sv avslut-report --by=reason
	like "$out" "^Mikä vaihtoehto kuvaa pääasiallista syytä parhaiten\?
 +Pension +Alla
(.*
)*Eläkkeelle siirtyminen +100 % \(1\) +100 % \(1\)$" "the questions and options in Finnish, the rest Swedish"
	like "$out" "^Nyckeltal$" "the key figures' heading in Swedish"
fi

# Yes and no in Finnish (the Södermalm set has no yes/no question).
store_qset kolme <<'Q'
avslut-questions: 1
name: kolme
version: 1
languages: [sv, en, fi]
title: {sv: "Avslutssamtal", en: "Exit interview", fi: "Lähtökeskustelu"}
guide:
  title: {sv: "Samtalsguide", en: "Interview guide", fi: "Keskustelurunko"}
sections:
  - id: allt
    title: {sv: "Allt", en: "All", fi: "Kaikki"}
    questions:
      - id: hourly
        type: yesno
        text: {sv: "Timanställning?", en: "Hourly work?", fi: "Tuntityö?"}
      - id: mentor
        type: yesno
        text: {sv: "Mentor?", en: "Mentor?", fi: "Mentori?"}
      - id: again
        type: yesno
        text: {sv: "Igen?", en: "Again?", fi: "Uudelleen?"}
Q
expect 0 "register from a set with yes/no questions" register --questions=kolme --lang=fi
yn=$out
printf 'hourly: kyllä\nmentor: e\nagain: "1"\n' >"$scratch/yn.yaml"
expect 0 "yes and no in Finnish words" avslut-ask "$yn" --answers="$scratch/yn.yaml"
run gpg --batch -q -d "$AVSLUT_STORE/records/$yn.asc"
like "$out" 'answer: yes
  answer-text: "Kyllä"' "kyllä is yes, shown Kyllä"
like "$out" 'answer: no
  answer-text: "Ei"' "e is no, shown Ei"
is "$(printf '%s\n' "$out" | grep -c 'answer-text: "Kyllä"')" 2 "1 is yes too"
printf 'hourly: ehkä\n' >"$scratch/bad.yaml"
before=$(snapshot)
expect_err 2 'question "hourly": answer yes or no' "a word that is neither" \
    avslut-ask "$yn" --answers="$scratch/bad.yaml"
is "$(snapshot)" "$before" "the store is untouched"
done_testing
