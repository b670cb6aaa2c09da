#!/bin/sh
# Question sets: strict loading; hostile files refused fast, with file:line:col.
. "$(dirname "$0")/lib.sh"

q="$scratch/q"
mkdir -p "$q"
good="$top/questions/sodermalm.yaml"

# refused FILE PATTERN DESC: exit 2, one line naming file:line:col, < 1 s.
refused() {
	local t0 t1
	t0=$(date +%s%N)
	expect 2 "$3" avslut-new --guide --questions="$1"
	t1=$(date +%s%N)
	like "$err" "^avslut-new: $1:[0-9]+:[0-9]+: $2" "$3: file:line:col and why"
	# (Under valgrind nothing is fast: the time is not judged there.)
	[ $(( (t1 - t0) / 1000000 )) -lt 1000 ] || [ "${AVSLUT_VALGRIND:-}" = 1 ]
	ok $? "$3: in under a second ($(( (t1 - t0) / 1000000 )) ms)"
}

# A billion laughs with nine levels.
{
	echo 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
	for i in 1 2 3 4 5 6 7 8; do
		p=$((i - 1))
		printf 'a%d: &a%d [*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d]\n' \
		    $i $i $p $p $p $p $p $p $p $p $p
	done
} >"$q/bomb.yaml"
refused "$q/bomb.yaml" "anchors are not allowed" "a 9-level alias bomb"
perl -e 'print "[" x 100000, "]" x 100000, "\n"' >"$q/deep.yaml"
refused "$q/deep.yaml" "nested too deeply" "100,000 levels of nesting"
perl -e 'print "a:\n", map({ " " x $_ . "b:\n" } 1..5000)' >"$q/deepmap.yaml"
refused "$q/deepmap.yaml" "nested too deeply|too large" "deep block mappings"
head -c 300000 /dev/urandom >"$q/binary.yaml"
refused "$q/binary.yaml" "too large|NUL|syntax error" "a 300 kB binary file"
head -c 100000 /dev/urandom | tr -d '\000' >"$q/binsmall.yaml"
refused "$q/binsmall.yaml" "" "a 100 kB binary file"
sed 's/id: introduction$/id: primary-reason/' "$good" >"$q/dupid.yaml"
refused "$q/dupid.yaml" 'duplicate id "primary-reason"' "a duplicate question id"
sed '0,/id: inledning/s//id: primary-reason/' "$good" >"$q/dupsec.yaml"
refused "$q/dupsec.yaml" 'duplicate id "primary-reason"' "a section id equal to a question id"
sed '0,/^    questions:/s//    questions: [/' "$good" >"$q/syntax.yaml"
refused "$q/syntax.yaml" "syntax error" "a syntax error"
sed '0,/^        required: true/s//        required: true\n        colour: red/' "$good" >"$q/unknown.yaml"
refused "$q/unknown.yaml" 'unknown key "colour"' "an unknown key"
sed '0,/type: text/s//type: essay/' "$good" >"$q/type.yaml"
refused "$q/type.yaml" 'unknown question type "essay"' "an unknown question type"
sed '0,/required: true/s//required: yes/' "$good" >"$q/bool.yaml"
refused "$q/bool.yaml" 'expected true or false, found "yes"' "a wrong type (yes for a boolean)"
sed '0,/reason: \[pension\]/s//salary: [high]/' "$good" >"$q/cond.yaml"
refused "$q/cond.yaml" 'unknown field "salary" in a condition' "a condition naming an unknown field"
sed '0,/reason: \[pension\]/s//reason: [fired]/' "$good" >"$q/condv.yaml"
refused "$q/condv.yaml" '"fired" is not a value of reason' "a condition with an unknown value"
sed '0,/      en: "What is the primary reason/s//      de: "What is the primary reason/' "$good" >"$q/lang.yaml"
refused "$q/lang.yaml" 'unexpected language "de"' "a text in a language the set lacks"
sed '0,/^name: sodermalm/s//name: sodermalm\nname: again/' "$good" >"$q/dupkey.yaml"
refused "$q/dupkey.yaml" 'duplicate key "name"' "a duplicate key"
sed '0,/^version: .*/s//version: !!str 1/' "$good" >"$q/tag.yaml"
refused "$q/tag.yaml" "explicit tags are not allowed" "an explicit tag"
printf -- '---\na: 1\n---\nb: 2\n' >"$q/twodocs.yaml"
refused "$q/twodocs.yaml" "more than one document" "two documents"
: >"$q/empty.yaml"
refused "$q/empty.yaml" "empty document" "an empty file"
printf 'avslut-questions: 2\n' >"$q/future.yaml"
refused "$q/future.yaml" "unsupported format version 2" "a future format"
printf "name: x\n" >"$q/other.yaml"
refused "$q/other.yaml" "missing key \"avslut-questions\"" "not a question set"
perl -0pe 's/(id: primary-reason-category\n(?:.*\n)*?)        options:\n(?:          .*\n)+/$1/' "$good" >"$q/noopts.yaml"
refused "$q/noopts.yaml" 'question "primary-reason-category" of type choice needs "options"' "a choice without options"
perl -0pe 's/(id: primary-reason\n        type: )text/$1scale/' "$good" >"$q/noscale.yaml"
refused "$q/noscale.yaml" 'question "primary-reason" of type scale needs "scale"' "a scale without its scale"

expect 0 "the shipped set loads" avslut-new --guide --questions="$good"
done_testing
