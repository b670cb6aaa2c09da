#!/bin/sh
# Swedish: the catalogue holds every message of the source, and an
# interview runs wholly in Swedish under a Swedish locale and wholly in
# English otherwise (expect on a real terminal); a Finnish interview
# shows the Finnish questions in a Swedish interface.
. "$(dirname "$0")/lib.sh"

# --- The catalogue is complete -----------------------------------------
# Extract the messages from the source as they are now (not the committed
# template, which may be stale) and merge the catalogue into them: every
# one must be translated and none fuzzy.
cd "$top" || exit 1
# shellcheck disable=SC2046 # the keywords are words
xgettext $(sed -n 's/^XGETTEXT_KEYWORDS = //p' Makefile) -s -o "$scratch/now.pot" \
    lib/*.c cmd/*.c 2>"$scratch/err"
ok $? "the messages of the source extract cleanly"
msgmerge -q --no-fuzzy-matching -o "$scratch/merged.po" po/sv.po \
    "$scratch/now.pot" 2>>"$scratch/err"
ok $? "po/sv.po merges into them"
stats=$(LC_ALL=C msgfmt -c --statistics -o /dev/null "$scratch/merged.po" 2>&1)
ok $? "po/sv.po passes msgfmt -c (formats agree with the source)"
n=$(grep -c '^msgid ' "$scratch/now.pot")
n=$((n - 1))   # the header entry
[ "$stats" = "$n translated messages." ]
ok $? "all $n messages are translated, none fuzzy ($stats)"
miss=$(msgattrib --untranslated --only-fuzzy "$scratch/merged.po" 2>/dev/null |
    grep '^msgid "[^"]' | head -3)
[ -z "$miss" ] || diag "untranslated or fuzzy: $miss"
[ "$(msgattrib --untranslated "$scratch/merged.po" | grep -c '^msgid "[^"]')" = 0 ]
ok $? "no message is left untranslated"
# The HR vocabulary of the routine, not a word-for-word rendering.
for pair in "Closest manager|Närmaste chef" \
    "Press Enter to begin|Tryck Retur" "Question %zu of %zu|Fråga %zu av %zu"; do
	src=${pair%%|*} want=${pair#*|}
	msgstr=$(msggrep -K -F -e "$src" "$scratch/merged.po" | sed -n '/^msgstr/,$p')
	like "$msgstr" "$want" "\"$src\" is \"$want\" in Swedish"
done
cd - >/dev/null || exit 1

# --- An interview in each language on a real terminal -------------------
command -v expect >/dev/null || { diag "expect not installed"; done_testing; exit 0; }
locale -a 2>/dev/null | grep -qix 'sv_SE.utf-\?8'
ok $? "the Swedish locale sv_SE.UTF-8 exists (make deps generates it)"
mkstore
export AVSLUT_TODAY=2026-12-10

# interview ID LOCALE: go through a whole interview -- the start screen,
# help, a text answer, a numbered choice, skip the rest, review, the
# summary -- and keep everything the terminal showed in $scratch/screen.
interview() {
	cat >"$scratch/i.exp" <<EXP
set timeout 20
log_user 0
log_file -a -noappend $scratch/screen
source {$top/tests/terminal.tcl}
spawn -noecho env LC_ALL=$2 avslut-ask $1
at_prompt
send ":h\r"
at_prompt
send "\r"
at_prompt
send "MARKER_TEXT\r"
want {\n  $}
send "\r"
at_prompt
send "2\r"
while {1} {
	expect {
		-re {\n(?:Review|Gå igenom)} { break }
		-re {\n> $} { send ":s\r" }
		timeout { puts "TIMEOUT before the review"; exit 1 }
	}
}
at_prompt
send "\r"
at_prompt
send "MARKER_SUMMARY\r"
want {\n  $}
send "\r"
want "avslut-seal $1"
expect eof
EXP
	command expect -f "$scratch/i.exp" >"$scratch/x.out" 2>&1
	xrc=$?
	[ $xrc = 0 ] || diag "$(cat "$scratch/x.out")" "$(cat "$scratch/screen")"
	return $xrc
}

# English interface words that must not show in a Swedish interview, and
# the other way round.  (Names and question texts are the record's own.)
english='Question [0-9]|Press Enter|Saved|skipped|Review|Employee:|Interviewer:|Choose|save and quit|Continue later|not answered|Typing an answer|Commands'
swedish='Fråga [0-9]|Tryck Retur|Sparat|hoppades|Gå igenom|Anställd|Samtalsledare|Välj|spara och avsluta|Fortsätt senare|obesvarad|Kommandon'

id=$(register --lang=sv)
interview "$id" sv_SE.UTF-8
ok $? "a whole interview under LC_ALL=sv_SE.UTF-8"
screen=$(tr -d '\r' <"$scratch/screen")
like "$screen" "Tryck Retur" "the start screen is Swedish"
like "$screen" "Fråga 1 av 22" "the question counter is Swedish"
like "$screen" "Post [a-z0-9]* · status: Planerat" "the record's state is Swedish"
like "$screen" "Tillsvidareanställning.*Egen begäran" "employment and reason are Swedish words, not codes"
like "$screen" "Roll: *Närmaste chef" "the interviewer's role is Swedish"
like "$screen" "Vad är den primära orsaken" "the questions are the Swedish texts of the set"
like "$screen" "Sparat svar|✓ sparat" "the saved answer is confirmed in Swedish"
like "$screen" "Gå igenom" "the review is Swedish"
unlike "$screen" "$english" "no English word of the interface shows"
out=$(gpg --batch -q -d "$AVSLUT_STORE/records/$id.asc" 2>/dev/null)
like "$out" "MARKER_TEXT" "the Swedish interview saved its answers"
like "$out" "MARKER_SUMMARY" "and its summary"

id=$(register --lang=en)
interview "$id" C.UTF-8
ok $? "a whole interview under LC_ALL=C.UTF-8"
screen=$(tr -d '\r' <"$scratch/screen")
like "$screen" "Press Enter" "the start screen is English"
like "$screen" "Question 1 of 22" "the question counter is English"
like "$screen" "Record [a-z0-9]* · Planned" "the record's state is English"
like "$screen" "[(]Permanent[)], leaving: Own request" "employment and reason are English words, not codes"
like "$screen" "Role: *Closest manager" "the interviewer's role is English"
like "$screen" "Review" "the review is English"
unlike "$screen" "$swedish" "no Swedish word of the interface shows"
like "$screen" "What is the primary reason" "the questions are the English texts of the set"
unlike "$screen" "Vad är den primära orsaken" "no Swedish question text"
out=$(gpg --batch -q -d "$AVSLUT_STORE/records/$id.asc" 2>/dev/null)
like "$out" "MARKER_SUMMARY" "the English interview saved its summary"

# Suomeksi: a Finnish interview held by a Swedish-speaking manager: the
# questions are the set's Finnish texts, the interface stays Swedish.
id=$(register --lang=fi)
interview "$id" sv_SE.UTF-8
ok $? "a whole Finnish interview under LC_ALL=sv_SE.UTF-8"
screen=$(tr -d '\r' <"$scratch/screen")
like "$screen" "Aluksi" "the section heading is Finnish"
like "$screen" "Mikä on pääasiallinen syy siihen, että lähdet\?" "the questions are the Finnish texts of the set"
like "$screen" "Mikä vaihtoehto kuvaa pääasiallista syytä parhaiten\?" "so is the coded question"
like "$screen" "1\) Palkka" "and its options"
like "$screen" "Keskustelun vetäjän yhteenveto keskustelusta" "and the interviewer's summary"
like "$screen" "Fråga 1 av 22" "the interface is Swedish"
unlike "$screen" "Vad är den primära orsaken|What is the primary reason" "no Swedish or English question text"
out=$(gpg --batch -q -d "$AVSLUT_STORE/records/$id.asc" 2>/dev/null)
like "$out" 'answer-text: "Työtehtävät"' "the choice is kept with its Finnish text"
like "$out" "MARKER_SUMMARY" "the Finnish interview saved its summary"
done_testing
