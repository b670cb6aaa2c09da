#!/bin/sh
# The trust anchor outside the store (issue 15): the governor keys each
# user pins (~/.config/avslut/pins, or AVSLUT_GOVERNORS for cron), trust
# on first use on a terminal, the signed config (avslut-new --config),
# and --migrate of a store made by avslut 0.1.  Every refusal is one
# line, with the store left as it was.
. "$(dirname "$0")/lib.sh"

mkstore
ATK=$(mkkey "Atk Person")
export AVSLUT_TODAY=2026-12-10
pins="$HOME/.config/avslut/pins"
real=$(cd "$AVSLUT_STORE" && pwd -P)
id=$(register) || exit 99
printf 'introduction: "Bra."\n' >"$scratch/a.yaml"
# Everything in the store, access log and locks too: a refusal at the
# config decrypts, locks and writes nothing.
state() { (cd "$AVSLUT_STORE" && find . | sort && find . -type f | sort |
    xargs -r sha256sum); }
# signer FILE: the fingerprint whose good signature a clearsigned file bears.
signer() {
	gpg --batch --status-fd 1 --verify "$1" 2>/dev/null |
	    awk '$2 == "VALIDSIG" { print $3 }'
}
# stdin_from FILE CMD...: CMD with its standard input from FILE.
stdin_from() { local f=$1; shift; "$@" <"$f"; }
# as HOME CMD...: CMD run by a user with that home (a function too).
as() { (export HOME="$1"; shift; "$@"); }
# The tools, one per line, each as run on $id of $AVSLUT_STORE.
tools() {
	cat <<T
avslut-new --guide $id
register
avslut-ask $id --answers=$scratch/a.yaml
avslut-seal $id
avslut-seal --verify
avslut-report --list
avslut-purge --dry-run
avslut-new --pin
T
	# (--config mends a pinned store whose config fails: not here)
	[ "${with_config:-1}" = 0 ] || echo "avslut-new --config=$scratch/cfg.yaml"
}
config_text >"$scratch/cfg.yaml"
# all_refuse STATUS PATTERN DESC [PREFIX...]: every tool (after PREFIX)
# exits STATUS with one line on stderr that matches PATTERN, and the
# store is untouched.
all_refuse() {
	local st=$1 pat=$2 desc=$3 t bad="" before
	shift 3
	before=$(state)
	while read -r t; do
		# shellcheck disable=SC2086
		run "$@" $t </dev/null
		if [ "$rc" != "$st" ] || [ "$(printf '%s\n' "$err" | wc -l)" != 1 ] ||
		    ! matches "$err" "^avslut-[a-z]+: .*$pat"; then
			bad="$bad
$t: exit $rc: $err"
		fi
	done <<T
$(tools)
T
	[ "$(state)" = "$before" ] || bad="$bad
the store changed"
	[ -z "$bad" ]
	ok $? "$desc"
	[ -z "$bad" ] || diag "want exit $st and /$pat/:$bad"
}

# --- --init pins the key that signed the config -------------------------
is "$(cat "$pins")" "avslut-pins: 1
stores:
- path: \"$real\"
  governors:
  - $HR" "--init pins the config's signer for the store, by its real path"
is "$(stat -c %a "$pins") $(stat -c %a "${pins%/pins}")" "600 700" \
    "the pins file and its directory are private"
is "$(signer "$AVSLUT_STORE/config")" "$HR" "the config is clearsigned by HR"
avslut-new -S "$scratch/s2" --init --recipient="$HR" -u "$HR" || exit 99
real2=$(cd "$scratch/s2" && pwd -P)
like "$(cat "$pins")" "path: \"$real\"
  governors:
  - $HR
- path: \"$real2\"" "a second store is added, the first kept"
expect 1 "--init with a governor key that has no secret here" \
    avslut-new -S "$scratch/s3" --init --recipient="$HR" \
    -u 0123456789ABCDEF0123456789ABCDEF01234567
test ! -e "$scratch/s3"; ok $? "(no store made, and so nothing pinned)"

# --- another user: nothing pinned, every tool refuses --------------------
other="$scratch/other"
mkdir "$other"
all_refuse 3 "$AVSLUT_STORE: no governor key is pinned for this store; check with HR which key signs it \($HR\), then: avslut-new -S $AVSLUT_STORE --pin=FINGERPRINT" \
    "unpinned: every tool refuses (exit 3), saying whose key signs it and how to pin" \
    as "$other"
test ! -e "$other/.config"; ok $? "and nothing is written in that home"

expect_err 2 '--pin: "ABCDEF" is not a full fingerprint' "--pin with a short key id" \
    as "$other" avslut-new --pin=ABCDEF
expect 2 "--pin and --local-user" as "$other" avslut-new --pin="$HR" -u "$HR"
expect 2 "--pin and an argument" as "$other" avslut-new --pin="$HR" "$id"
expect 2 "--pin and --init" as "$other" avslut-new --pin --init --recipient="$HR"
expect 0 "--pin=FPR (lower case) pins" as "$other" avslut-new \
    --pin="$(echo "$HR" | tr A-F a-f)"
like "$(cat "$other/.config/avslut/pins")" "^  - $HR$" "kept in upper case"
cp "$other/.config/avslut/pins" "$scratch/pins.1"
expect 0 "pinning it again" as "$other" avslut-new --pin="$HR"
cmp -s "$other/.config/avslut/pins" "$scratch/pins.1"; ok $? "changes nothing"
expect 0 "then the tools work" as "$other" avslut-report --list
like "$out" "^$id  planned" "and see the record"
ln -s "$AVSLUT_STORE" "$scratch/link"
expect 0 "the store through a symbolic link is the same store" \
    as "$other" avslut-report -S "$scratch/link" --list
expect 0 "--pin without a fingerprint on a pinned store: nothing to ask" \
    avslut-new --pin </dev/null

# --- AVSLUT_GOVERNORS, for scripts and cron ------------------------------
cron="$scratch/cron"
mkdir "$cron"
expect 0 "AVSLUT_GOVERNORS without a pins file" \
    as "$cron" env AVSLUT_GOVERNORS="$HR" avslut-report --list
expect 0 "AVSLUT_GOVERNORS of two, separated by a comma and a blank" \
    as "$cron" env AVSLUT_GOVERNORS="$MGR, $HR" avslut-purge --dry-run
test ! -e "$cron/.config"; ok $? "no pins file is made"
before=$(state)
expect_err 4 "^avslut-report: $AVSLUT_STORE/config: signed by $HR, not by a key allowed to" \
    "AVSLUT_GOVERNORS naming another key: refused, naming the config" \
    as "$cron" env AVSLUT_GOVERNORS="$MGR" avslut-report --list
expect 4 "AVSLUT_GOVERNORS overrides the pins file" \
    env AVSLUT_GOVERNORS="$ATK" avslut-seal --verify
expect_err 2 'AVSLUT_GOVERNORS: "bogus" is not a full fingerprint' \
    "AVSLUT_GOVERNORS that is not a fingerprint" \
    as "$cron" env AVSLUT_GOVERNORS="$HR,bogus" avslut-purge --dry-run
is "$(state)" "$before" "the store is untouched by the refusals"

# --- the pins file: a wrong key, a malformed file ------------------------
bad="$scratch/bad"
mkdir -p "$bad/.config/avslut"
bp="$bad/.config/avslut/pins"
printf 'avslut-pins: 1\nstores:\n- path: "%s"\n  governors: [%s]\n' "$real" "$ATK" >"$bp"
with_config=0
all_refuse 4 "$AVSLUT_STORE/config: (signed by $HR, not by a key allowed to sign it|bad signature: No public key)" \
    "a wrong key pinned: every tool refuses (exit 4), naming the config" \
    as "$bad"
with_config=1
# badpins LINES PATTERN DESC: a malformed pins file is named, with line
# and column, whatever the store.
badpins() {
	printf '%b' "$1" >"$bp"
	expect_err 2 "^avslut-report: $bp:$2" "$3" as "$bad" avslut-report --list
}
badpins 'avslut-pins: 2\nstores: []\n' "1:14: unsupported format version 2" \
    "a pins file of a later format"
badpins "avslut-pins: 1\nstores:\n- path: store\n  governors: [$HR]\n" \
    "3:9: a store's path must be absolute" "a relative store path"
badpins "avslut-pins: 1\nstores:\n- path: $real\n  governors: [ABCD]\n" \
    '4:15: "ABCD" is not a full fingerprint' "a short fingerprint"
badpins "avslut-pins: 1\nstores:\n- path: $real\n  governors: [$HR\n" \
    "5:1: syntax error" "a YAML syntax error"
badpins "avslut-pins: 1\nstores:\n- path: $real\n  governors: [$ATK]\n- path: $real\n  governors: [$HR]\n" \
    "5:3: the store $real is listed twice" "a store listed twice"
cp "$bp" "$scratch/bp"
expect 2 "--pin does not replace a malformed pins file" \
    as "$bad" avslut-new --pin="$HR"
cmp -s "$bp" "$scratch/bp"; ok $? "(it is left as it was)"

# --- trust on first use, on a terminal -----------------------------------
if command -v expect >/dev/null; then
	# tofu HOME ANSWER [CMD...]: run CMD (avslut-report --list) on a
	# terminal and give ANSWER to the question; the exit status of CMD.
	tofu() {
		local h=$1 a=$2
		shift 2
		cat >"$scratch/x.exp" <<EXP
set timeout 20
log_user 0
log_file -a -noappend $scratch/x.log
source {$top/tests/terminal.tcl}
spawn -noecho env HOME=$h ${*:-avslut-report --list}
want {signed by the key\r?\n  $HR  \(HR Officer\)\r?\n}
want {Check this fingerprint with HR}
want {Trust this key to govern the store\? \[y/N\] $}
send "$a"
expect eof
exit [lindex [wait] 3]
EXP
		command expect -f "$scratch/x.exp" >"$scratch/x.out" 2>&1
	}
	mkdir "$scratch/t1" "$scratch/t2" "$scratch/t3"
	tofu "$scratch/t1" 'n\r'
	is "$?" 3 "TOFU: the signer's fingerprint and name are shown; no refuses (exit 3)"
	like "$(cat "$scratch/x.log")" "no governor key is pinned for this store" "and says how to pin"
	tofu "$scratch/t1" '\004' avslut-new --pin
	is "$?" 3 "TOFU: end of input refuses (avslut-new --pin)"
	test ! -e "$scratch/t1/.config"; ok $? "and nothing is pinned"
	tofu "$scratch/t2" 'y\r'
	is "$?" 0 "TOFU: yes pins and goes on"
	like "$(cat "$scratch/x.log")" "$id  planned" "the command did its work"
	like "$(cat "$scratch/t2/.config/avslut/pins")" "^  - $HR$" "HR's key is pinned"
	tofu "$scratch/t3" 'j\r' avslut-new --pin
	is "$?" 0 "avslut-new --pin asks the same (j for ja)"
	cmp -s "$scratch/t2/.config/avslut/pins" "$scratch/t3/.config/avslut/pins"
	ok $? "and pins the same"
else
	echo "# skip: trust on first use needs expect"
fi

# --- avslut-new --config ------------------------------------------------
expect 0 "--config=FILE installs an edited config" \
    config_edit 's/^min-group: .*/min-group: 7/'
like "$(config_text)" "^min-group: 7$" "the change is in"
is "$(signer "$AVSLUT_STORE/config")" "$HR" "signed by the pinned governor"
config_text | sed 's/^min-group: .*/min-group: 8/' >"$scratch/c8.yaml"
run_in "$scratch/c8.yaml" avslut-new --config=-
is "$rc $(config_text | grep '^min-group')" "0 min-group: 8" "--config=- reads standard input"
before=$(state)
printf 'avslut-config: 1\nrecipients: [\n' >"$scratch/c.yaml"
expect_err 2 "^avslut-new: $scratch/c.yaml:3:1: syntax error" \
    "a config with a YAML error: named by file:line:col" \
    avslut-new --config="$scratch/c.yaml"
config_text | sed 's/^min-group:/min-grupp:/' >"$scratch/c.yaml"
expect_err 2 '^avslut-new: \(stdin\):[0-9]+:1: unknown key "min-grupp"' \
    "an unknown key, from standard input" \
    stdin_from "$scratch/c.yaml" avslut-new --config=-
config_text | sed "s/^- $HR\$/- $HR\n- 0123456789ABCDEF0123456789ABCDEF01234567/" >"$scratch/c.yaml"
expect_err 1 "key 0123456789ABCDEF0123456789ABCDEF01234567 is not in the keyring" \
    "a recipient whose key is nowhere" avslut-new --config="$scratch/c.yaml"
expect_err 3 "key $ATK is not a governor you pinned for $AVSLUT_STORE" \
    "--config signed by a key not pinned (-u)" \
    avslut-new --config="$scratch/c8.yaml" -u "$ATK"
expect 3 "--config where nothing is pinned" \
    as "$cron" avslut-new --config="$scratch/c8.yaml"
expect_err 3 "needs the secret key of a governor you pinned" \
    "--config on the interviewer's machine" \
    env GNUPGHOME="$(keyonly mgr "$MGR")" avslut-new --config="$scratch/c8.yaml"
expect 1 "--config of a file that does not exist" avslut-new --config="$scratch/none"
is "$(state)" "$before" "the store is untouched by the refusals"

# --- a config a store writer wrote --------------------------------------
fresh="$scratch/fresh"	# a user who has pinned nothing
mkdir "$fresh"
with_config=0
cp -p "$AVSLUT_STORE/config" "$scratch/config.good"
config_text >"$scratch/cfg.yaml"
sed "s/^- $HR\$/- $HR\n- $ATK/" "$scratch/cfg.yaml" >"$scratch/evil.yaml"
gpg --batch -q --yes -u "$ATK" --clearsign -o "$AVSLUT_STORE/config" "$scratch/evil.yaml"
all_refuse 4 "$AVSLUT_STORE/config: (signed by $ATK, not by a key allowed to|bad signature: No public key)" \
    "a config signed by a key not pinned: every tool refuses (exit 4)"
cat "$scratch/evil.yaml" >"$AVSLUT_STORE/config"
all_refuse 4 "$AVSLUT_STORE/config is not signed, though you pinned this store: someone who can write it replaced it; HR installs a signed one with avslut-new --config=FILE" \
    "an unsigned config in a pinned store: every tool refuses (exit 4), without pointing to --migrate"
before=$(state)
expect 4 "--migrate refuses it too: it would sign what a store writer wrote" avslut-new --migrate
is "$(state)" "$before" "nothing is signed"
# ... and for a user who has not pinned it: the store has evidence.
expect_err 4 "config is not signed, though the store has evidence: it was replaced, or a migration was cut short" \
    "unpinned, the store's evidence tells it is no 0.1 store" as "$fresh" avslut-report --list
expect 0 "HR mends it with --config (signed by the pinned governor)" \
    avslut-new --config="$scratch/cfg.yaml"
is "$(signer "$AVSLUT_STORE/config")" "$HR" "the config is signed by HR again"
unlike "$(config_text)" "$ATK" "without the key the store writer added"
{ cat "$scratch/config.good"; echo "min-group: 1"; } >"$AVSLUT_STORE/config"
all_refuse 4 "$AVSLUT_STORE/config: not one clearsigned message" \
    "text after the signature: every tool refuses (exit 4)"
sed 's/^min-group: .*/min-group: 1/' "$scratch/config.good" >"$AVSLUT_STORE/config"
all_refuse 4 "$AVSLUT_STORE/config: bad signature" \
    "signed text altered: every tool refuses (exit 4)"
# A config signed badly, for a user who has not pinned the store: no
# key id from a bad signature is offered or pinned.
expect_err 4 "config: the signature does not verify" \
    "unpinned, a config whose signature is bad is refused, nothing offered" \
    as "$fresh" avslut-report --list
test ! -e "$fresh/.config"; ok $? "and nothing is pinned"
cat "$scratch/config.good" >"$AVSLUT_STORE/config"
with_config=1
expect 0 "the good config back: the tools work" avslut-seal --verify

# --- --migrate: a store made by avslut 0.1 -------------------------------
# avslut 0.1 wrote a config of plain YAML (without language and
# disclosure), no evidence/, records without a registration block,
# encrypted and unsigned until sealed, a sealed one signed by its sealer,
# and question sets given by path into questions/ unsigned.  Made here
# by today's tools and stripped to that (by hand, a store of 0.1's own
# build migrates the same way).
export HOME="$scratch/hr" AVSLUT_STORE="$scratch/old"
mkdir "$HOME"
avslut-new --init --recipient="$HR" --retention-decision="KS 2026:1" || exit 99
p=$(register --questions="$top/questions/sodermalm.yaml") || exit 99
i=$(register) && s=$(register) && f=$(register) &&
    d=$(register --declined --why=avbojt) || exit 99
for r in "$i" "$s" "$f"; do
	avslut-ask "$r" --answers="$scratch/a.yaml" || exit 99
done
avslut-seal --allow-incomplete "$s" && avslut-seal --allow-incomplete "$f" ||
    exit 99
# legacy: the 0.1 form; record $f's seal is forged by ATK.
{
	config_text | sed '/^language:/d; /^disclosure:/d' >"$scratch/c01.yaml"
	cat "$scratch/c01.yaml" >"$AVSLUT_STORE/config"
	gpg --batch -q -d "$AVSLUT_STORE/questions/sodermalm.yaml" 2>/dev/null \
	    >"$scratch/q.yaml"
	cat "$scratch/q.yaml" >"$AVSLUT_STORE/questions/sodermalm.yaml"
	rm -rf "$AVSLUT_STORE/evidence" "$HOME/.config" "$AVSLUT_STORE/locks/config"
	for r in "$p" "$i" "$s" "$f" "$d"; do
		rf="$AVSLUT_STORE/records/$r.asc"
		head=$(sed -n 2p "$rf")
		gpg --batch -q -d "$rf" 2>/dev/null | awk '
		    /^registration: \|$/ { skip = 1; next }
		    skip && /^  / { next }
		    { skip = 0; print }' >"$scratch/doc.yaml"
		case $r in
		"$s") how="-s -u $MGR" ;;
		"$f") how="-s -u $ATK" ;;
		*) how= ;;
		esac
		# shellcheck disable=SC2086
		gpg --batch -q --yes --trust-model always -a -o "$scratch/doc.asc" \
		    -r "$HR" -r "$MGR" $how -e "$scratch/doc.yaml"
		{ sed -n 1p "$scratch/doc.asc"; echo "$head"; sed 1d "$scratch/doc.asc"; } >"$rf"
	done
} || exit 99
for r in "$AVSLUT_STORE"/records/*.asc; do gpg --batch -q -d "$r" 2>/dev/null; done |
    grep -c -e '^avslut-record: 1' -e '^registration:' >"$scratch/n"
is "$(cat "$scratch/n")" 5 "(the 0.1 store: five records, none with a registration block)"
id=$p
all_refuse 4 "$AVSLUT_STORE/config is not signed: the store was made by an earlier avslut; HR upgrades it once with avslut-new --migrate" \
    "a 0.1 store: every tool refuses (exit 4), pointing to --migrate"

before=$(state)
expect_err 3 "key $ATK is not a recipient of the store: only HR migrates it" \
    "--migrate by a key that is not a recipient" avslut-new --migrate -u "$ATK"
expect_err 3 "needs the secret key of a recipient of the store" \
    "--migrate on the interviewer's machine" \
    env GNUPGHOME="$(keyonly mgr2 "$MGR")" avslut-new --migrate
expect 2 "--migrate and an argument" avslut-new --migrate "$p"
expect 2 "--migrate and --config" avslut-new --migrate --config=-
is "$(state)" "$before" "the store is untouched by the refusals"
test ! -e "$HOME/.config"; ok $? "and nothing is pinned"

# A record in use (a manager's avslut-ask holds its lock, a POSIX
# record lock): the migration leaves the store 0.1's, to be run again.
lk="$AVSLUT_STORE/locks/$i"
[ -e "$lk" ] || (umask 077; : >"$lk")
perl -MFcntl -e 'open(my $f, "+<", $ARGV[0]) or die "$!";
    my $l = pack("s s x4 q q i x4", F_WRLCK, 0, 0, 0, 0);
    fcntl($f, F_SETLK, $l) or die "$!";
    open(my $o, ">", $ARGV[1]); print $o "locked\n"; close $o; sleep 60' \
    "$lk" "$scratch/locked" &
lockpid=$!
n=0; while [ ! -s "$scratch/locked" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
run avslut-new --migrate
is "$rc" 4 "--migrate with a record in use and a forged one (exit 4: the worst)"
like "$err" "some records were not migrated; the store stays as it was made until they are: run avslut-new --migrate again" \
    "says to run it again"
like "$out" "^$i locked: " "names the record in use"
head -1 "$AVSLUT_STORE/config" | grep -q "^avslut-config: 1"
ok $? "the config is left unsigned"
test ! -e "$HOME/.config"; ok $? "and nothing is pinned"
kill "$lockpid"; wait "$lockpid" 2>/dev/null
expect 4 "--migrate again: a record whose seal is forged is not migrated" \
    avslut-new --migrate
like "$err" "some records were not migrated" "says so"
is "$(echo "$out" | sort)" "$({ printf '%s current\n' "$p" "$s" "$d"; echo "$i migrated"; \
    echo "$f FAILED: signed by $ATK, a key not allowed to seal"; } | sort)" \
    "one line per record: those done before current, the one that was in use migrated, the forged one named"
is "$(signer "$AVSLUT_STORE/config")" "$HR" "the config is signed by HR"
like "$(config_text)" "decision: \"KS 2026:1\"" "as it was"
is "$(signer "$AVSLUT_STORE/questions/sodermalm.yaml")" "$HR" \
    "so is the question set the store keeps"
like "$(cat "$HOME/.config/avslut/pins")" "path: \"$(cd "$AVSLUT_STORE" && pwd -P)\"
  governors:
  - $HR" "HR's key is pinned for the store"
is "$(cd "$AVSLUT_STORE/evidence" && echo *)" \
    "$(printf '%s\n' "$p.reg" "$i.reg" "$s.reg" "$s.seal" "$d.reg" | sort | tr '\n' ' ' | sed 's/ $//')" \
    "a registration statement for each migrated record, a seal statement for the sealed one"

expect 4 "after migration: the record not migrated fails --verify" avslut-seal --verify
is "$out" "$(printf '%s FAILED: has no registration statement (evidence/%s.reg)\n%s ok\n' "$f" "$f" "$s" | sort)" \
    "for want of evidence; the sealed record verifies ok"
rm "$AVSLUT_STORE/records/$f.asc"
before=$(state)
expect_err 3 "the store's config is signed: the store is migrated already" \
    "--migrate of a migrated store is refused" avslut-new --migrate
is "$(state)" "$before" "and nothing changed"
# A record a store writer invents in a migrated store, in 0.1's form: no
# migration adopts it.
cp "$AVSLUT_STORE/records/$s.asc" "$AVSLUT_STORE/records/333333333333.asc"
before=$(state)
expect 3 "--migrate does not adopt an invented record" avslut-new --migrate
is "$(state)" "$before" "nothing is written for it"
rm "$AVSLUT_STORE/records/333333333333.asc"
expect 0 "the sealed record verifies" avslut-seal --verify
is "$out" "$s ok" "ok"
expect 0 "the report lists every record" avslut-report --list
is "$(echo "$out" | awk 'NR > 2 { print $1, $2 }')" \
    "$(printf '%s %s\n' "$p" planned "$i" in-progress "$s" sealed "$d" declined | sort)" \
    "planned, in-progress, sealed and declined"
expect 0 "the planned record's guide" avslut-new --guide "$p"
expect 0 "the in-progress record is answered" avslut-ask "$i" --answers="$scratch/a.yaml"
expect 0 "and sealed" avslut-seal --allow-incomplete "$i"
expect 0 "both seals verify" avslut-seal --verify
is "$out" "$(printf '%s ok\n' "$i" "$s" | sort)" "ok"
expect 0 "a new registration" register
run env AVSLUT_TODAY=2029-06-01 avslut-purge
is "$rc $(ls "$AVSLUT_STORE/records" | wc -l)" "0 0" "purged past their retention"

done_testing
