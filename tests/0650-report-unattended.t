#!/bin/sh
# avslut-report from cron: no terminal, a dedicated report key with a
# passphrase.  Never a prompt, never a hang: a key that stays locked is
# exit 1 with one line; a passphrase file (loopback pinentry) or a key
# the agent has unlocked works.
. "$(dirname "$0")/lib.sh"

HR=$(mkkey "HR Officer")
MGR=$(mkkey "Maja Chef")
# The report key lives in cron's own keyring, with a passphrase.
CRON=$(newhome cron)
cp "$GNUPGHOME/gpg-agent.conf" "$CRON/"
GNUPGHOME=$CRON gpg --batch -q --pinentry-mode loopback --passphrase sekret \
    --quick-gen-key "Rapport <rapport@example.org>" ed25519 sign,cert never 2>/dev/null
RPT=$(GNUPGHOME=$CRON gpg --list-keys --with-colons rapport@example.org 2>/dev/null |
    awk -F: '/^fpr/ { print $10; exit }')
GNUPGHOME=$CRON gpg --batch -q --pinentry-mode loopback --passphrase sekret \
    --quick-add-key "$RPT" cv25519 encr never 2>/dev/null
givekey "$RPT" "$CRON" "$GNUPGHOME"
givekey "$HR" "$GNUPGHOME" "$CRON"
givekey "$MGR" "$GNUPGHOME" "$CRON"
GNUPGHOME=$CRON gpgconf --kill gpg-agent

# The store: HR and the report key are its recipients.
avslut-new --init --recipient="$HR" --recipient="$RPT" --retention-decision=x >/dev/null ||
    exit 99
export AVSLUT_TODAY=2026-06-30
mkrecords >"$scratch/ids" <<EOF
n=6;unit=Äldreomsorg;date=2026-06-01;interviewer=$MGR;seal=$MGR;a.primary-reason-category=pay
EOF
is "$(wc -l <"$scratch/ids")" 6 "six sealed records, encrypted to the report key too"

# cron: a new session without a terminal, stdin from /dev/null.
cron() {
	local t0=$(date +%s)
	env GNUPGHOME="$CRON" setsid -w timeout 60 "$@" </dev/null \
	    >"$scratch/out" 2>"$scratch/err"
	rc=$?
	elapsed=$(( $(date +%s) - t0 ))
	out=$(cat "$scratch/out")
	err=$(cat "$scratch/err")
}

cron avslut-report --month=2026-06 --by=unit --format=html
is "$rc" 1 "a locked key without a way to unlock it: exit 1 (not 124, a hang)"
ok $((elapsed > 10)) "at once ($elapsed s)"
is "$(printf '%s\n' "$err" | wc -l)" 1 "one line on stderr"
like "$err" "^avslut-report: record [0-9a-z]{12}: cannot unlock the secret key: No pinentry \(no terminal to ask for the passphrase: unlock the key in gpg-agent or set AVSLUT_PASSPHRASE_FILE\)$" \
    "says what and what to do"
is "$out" "" "no half report on stdout"
cron avslut-report --show "$(head -1 "$scratch/ids")"
is "$rc" 1 "--show: exit 1 too"
like "$err" "cannot unlock the secret key" "with the same reason"

printf 'fel\n' >"$scratch/wrong.pass"
chmod 600 "$scratch/wrong.pass"
cron env AVSLUT_PASSPHRASE_FILE="$scratch/wrong.pass" avslut-report --format=csv
is "$rc" 1 "a wrong passphrase in the file: exit 1"
like "$err" "cannot unlock the secret key: Bad passphrase" "says so"
is "$(printf '%s\n' "$err" | wc -l)" 1 "in one line"

printf 'sekret\n' >"$scratch/report.pass"
chmod 600 "$scratch/report.pass"
cron env AVSLUT_PASSPHRASE_FILE="$scratch/report.pass" avslut-report --month=2026-06 --date=interview --by=unit --format=html
is "$rc" 0 "with AVSLUT_PASSPHRASE_FILE (loopback pinentry) the report is made"
is "$err" "" "nothing on stderr"
like "$out" '^<!DOCTYPE html>' "the HTML report"
like "$out" '<p class="marking">Konfidentiellt — personalärende</p>' "with the marking"
like "$out" "<td>Äldreomsorg</td><td class=\"n\">6</td>" "and the six interviews"
is "$(grep -c ',avslut-report,' "$AVSLUT_STORE/access.log")" 6 "each decryption logged"
like "$(tail -1 "$AVSLUT_STORE/access.log")" ",$(GNUPGHOME=$CRON gpg --list-keys --with-colons "$RPT" 2>/dev/null | awk -F: '/^sub/ { print $5; exit }'),avslut-report," \
    "with the report key"

# The agent now holds the unlocked key: a run without the file works too
# (gpg-preset-passphrase does the same without a file).
cron avslut-report --format=csv
is "$rc" 0 "a key the agent has unlocked works without the file"
done_testing
