#!/bin/sh
# avslut-new --guide: the questions for the employee, in advance.
. "$(dirname "$0")/lib.sh"

expect 0 "a blank guide without any store" avslut-new --guide --lang=sv
like "$out" "^Avslutssamtal Södermalms stadsdelsförvaltning" "the title first"
like "$out" "Samtalsguide för avslutssamtal" "the guide's title"
like "$out" "Uppgifterna behandlas konfidentiellt" "the confidentiality line"
like "$out" "Namn: +_+" "a blank for the name"
like "$out" "Anställd: +fr.o.m _+  t. o. m _+" "employed from-to"
like "$out" " 1\. Vad är den primära orsaken till varför du slutar\?" "question 1"
like "$out" "17\. Är det något i övrigt du vill tillägga\?" "question 17, the last"
unlike "$out" "Vilken kategori" "no coded additions in the guide"
unlike "$out" "Samtalsledarens sammanfattning" "no interviewer-only question"
is "$(printf '%s\n' "$out" | perl -CSD -ne 'print if length > 73' | wc -l)" 0 "no line wider than 72 characters"
expect 0 "in English" avslut-new --guide --lang=en
like "$out" "Interview guide" "English title"
expect 0 "in Finnish" avslut-new --guide --lang=fi
like "$out" "^Lähtökeskustelu – Södermalmin kaupunginosahallinto" "the Finnish title first"
like "$out" "Keskustelurunko lähtökeskusteluun" "the guide's title"
like "$out" "Tiedot käsitellään luottamuksellisesti" "the confidentiality line"
like "$out" "Työsuhde: +alkupäivä _+  loppupäivä _+" "employed from-to"
like "$out" " 1\. Mikä on pääasiallinen syy siihen, että lähdet\?" "question 1"
like "$out" "16\. Sinulle, joka jäät eläkkeelle" "the retirement question"
like "$out" "17\. Haluatko vielä lisätä jotain muuta\?" "question 17, the last"
unlike "$out" "Mikä vaihtoehto kuvaa" "no coded additions in the guide"
unlike "$out" "Keskustelun vetäjän yhteenveto" "no interviewer-only question"
unlike "$out" "[åÅ]|Vad |What " "no Swedish or English text"
is "$(printf '%s\n' "$out" | grep -c '^ *[0-9]*\. ')" "$(avslut-new --guide --lang=sv | grep -c '^ *[0-9]*\. ')" "as many numbered lines as in Swedish"
is "$(printf '%s\n' "$out" | perl -CSD -ne 'print if length > 73' | wc -l)" 0 "no Finnish line wider than 72 characters"
expect 2 "an unknown language" avslut-new --guide --lang=de
like "$err" "no \"de\" texts" "says so"
expect 1 "an unknown question set" avslut-new --guide --questions=nosuch
expect 2 "a bad question set name" avslut-new --guide --questions='Bad Name!'

mkstore
export AVSLUT_TODAY=2026-11-20
run register --date=2026-12-10
id=$out
run register --reason=egen-begaran --lang=en
id2=$out
export AVSLUT_TODAY=2026-11-23
expect 0 "guide for a record" avslut-new --guide --lang=sv "$id"
like "$out" "Hej Anna Andersson!" "greets the employee by name"
like "$out" "Namn: +Anna Andersson" "name filled in"
like "$out" "fr.o.m 2019-03-01  t. o. m 2026-12-31" "employment filled in"
like "$out" "Datum för samtal: +2026-12-10" "date filled in"
unlike "$out" "För dig som går i pension" "retirement question left out for egen-begaran"
run gpg --batch -q -d "$AVSLUT_STORE/records/$id.asc"
like "$out" "questions-sent: 2026-11-23" "records when the questions were sent"
like "$(cat "$AVSLUT_STORE/access.log")" ",$id,[0-9A-F]{16},avslut-new --guide," "the decryption is in the access log"
unlike "$(cat "$AVSLUT_STORE/access.log")" "Anna" "the access log holds no name"
run register --reason=pension
expect 0 "guide for a retiree" avslut-new --guide --lang=sv "$out"
like "$out" "För dig som går i pension" "the retirement question is there"
expect 0 "guide in the record's language by default" avslut-new --guide "$id2"
like "$out" "Dear Anna Andersson," "English record, English guide"
run register --lang=fi
expect 0 "guide for a Finnish record" avslut-new --guide "$out"
like "$out" "^Hei Anna Andersson!" "greets the employee in Finnish"
like "$out" "Tässä ovat lähtökeskustelusi kysymykset" "says what the questions are for"
like "$out" "Nimi: +Anna Andersson" "name filled in under the Finnish label"
like "$out" "alkupäivä 2019-03-01  loppupäivä 2026-12-31" "employment filled in"
expect 2 "an invalid id" avslut-new --guide ../../etc/passwd
expect 1 "an unknown id" avslut-new --guide 0123456789ab
run register --declined --why=avbojt
expect 3 "no guide for a declined offer" avslut-new --guide "$out"
done_testing
