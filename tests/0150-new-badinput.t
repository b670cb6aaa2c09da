#!/bin/sh
# avslut-new: every bad input gets exit 2 (or 1), one line, store untouched.
. "$(dirname "$0")/lib.sh"

mkstore
run register
before=$(snapshot)

bad() { # bad STATUS PATTERN DESC ARGS...
	local st=$1 pat=$2 desc=$3
	shift 3
	expect "$st" "$desc" "$@"
	like "$err" "$pat" "$desc: says what"
}
bad 2 'employed-from: "2019-02-30" is not a date' "impossible date" register --employed-from=2019-02-30
bad 2 'employed-to: "31/12/2026" is not a date' "date in another format" register --employed-to=31/12/2026
bad 2 'date: "2026-1-5" is not a date' "date without zero padding" register --date=2026-1-5
bad 2 'employed-to 2018-01-01 is before employed-from 2019-03-01' "dates in the wrong order" register --employed-to=2018-01-01
bad 2 'employment: "fast" is not one of tillsvidare' "unknown employment" register --employment=fast
bad 2 'reason: "uppsagd" is not one of' "unknown reason" register --reason=uppsagd
bad 2 'role: "boss" is not one of narmaste-chef' "unknown role" register --role=boss
bad 2 'interviewer: "ABCD" is neither an e-mail address nor a full fingerprint' "short interviewer key" register --interviewer=ABCD
bad 2 'interviewer: .* is neither an e-mail address nor a full fingerprint' "non-hex fingerprint" register --interviewer=ZZZZ567890ABCDEF1234567890ABCDEF12345678
bad 2 'name: empty' "blank name" register --name="   "
bad 2 'name: contains a control character' "escape in a name" register --name="$(printf 'Anna\033[2J')"
bad 2 'title: not valid UTF-8' "invalid UTF-8" register --title="$(printf 'Sk\377')"
bad 2 'name: longer than 200 bytes' "very long name" register --name="$(printf '%0300d' 0)"
bad 2 'workplace: missing' "missing workplace" avslut-new --name=A --title=B \
    --employed-from=2019-01-01 --employed-to=2026-01-01 --employment=tillsvidare \
    --reason=pension --interviewer="$MGR"
bad 2 'unknown option --nmae' "misspelt option" register --nmae=x
bad 2 'option --name needs a value' "option without its value" avslut-new --name
bad 2 'option --force takes no value' "a value for an option that takes none" register --force=yes
bad 2 'unexpected argument' "stray argument" register extra
bad 2 'exclude each other' "--guide with --import" avslut-new --guide --import=x.csv
bad 2 'lang: question set sodermalm has no "de" texts' "a language the set lacks" register --lang=de
unlike "$err" "Anna" "no name in an error"
is "$(snapshot)" "$before" "the store is untouched by all of the above"

# A record file readable by others is refused: an integrity failure
# (a store writer made it so), as in a report, which names and skips it.
rec=$(ls "$AVSLUT_STORE/records" | head -1)
chmod 644 "$AVSLUT_STORE/records/$rec"
bad 4 "accessible to group or others" "a world-readable record" avslut-new --guide "${rec%.asc}"
chmod 600 "$AVSLUT_STORE/records/$rec"

# Ids: never a path.
for id in ../config ..%2f x/y 0123456789AB 0123456789a '' abcdefghijki; do
	expect 2 "guide for id '$id' is refused" avslut-new --guide "$id"
done
is "$(snapshot)" "$before" "the store is untouched by bad ids"

# A corrupted config, though signed by HR: file:line:col of the signed
# file (its text starts on line 4).
cp "$AVSLUT_STORE/config" "$scratch/config.good"
badcfg() { printf "$1" "$HR" >"$scratch/c.yaml"; config_sign "$scratch/c.yaml"; }
badcfg 'avslut-config: 1\nrecipients: [%s]\nmin-group: many\n'
bad 2 'config:6:12: expected a whole number, found "many"' "a config with a bad value" register
badcfg 'avslut-config: 1\nrecipients: [%s]\nbogus: 1\n'
bad 2 'config:6:1: unknown key "bogus"' "a config with an unknown key" register
badcfg 'avslut-config: 1\nrecipients: [ABC]\n'
bad 2 'config:5:14: "ABC" is not a full fingerprint' "a config with a short key id" register
badcfg 'avslut-config: 1\nrecipients: [%s]\nretention:\n  sealed: {decision: x}\n'
bad 2 'config:7:11: missing key "months"' "a retention rule without months" register
badcfg 'avslut-config: 1\nrecipients: [%s\n'
bad 2 'config:6:1: syntax error' "a config with a syntax error" register
# Unsigned, or signed by a key not pinned: refused as an integrity failure.
printf 'avslut-config: 1\nrecipients: [%s]\n' "$HR" >"$AVSLUT_STORE/config"
bad 4 'config is not signed' "an unsigned config" register
cp "$scratch/config.good" "$AVSLUT_STORE/config"
rm "$AVSLUT_STORE/config"
bad 1 'not a store' "a directory without config" register
cp "$scratch/config.good" "$AVSLUT_STORE/config"
bad 1 'no such store' "a store that does not exist" register -S "$scratch/none"
done_testing
