#!/bin/sh
# Faults while registering and answering: a full disk, a read-only store,
# no gpg-agent, a missing or expired key, kill -9 at random moments.  Each
# gives exit 1 and one clear line, and the previous record stays intact.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-12-10
id=$(register --lang=sv)
f="$AVSLUT_STORE/records/$id.asc"
printf 'primary-reason: "MARKER_FIRST"\n' >"$scratch/a1.yaml"
avslut-ask "$id" --answers="$scratch/a1.yaml" || exit 1
printf 'introduction: "MARKER_SECOND %s"\n' "$(head -c 3000 /dev/zero | tr '\0' x)" >"$scratch/a2.yaml"
rand_ms() { echo $(( $(od -An -N2 -tu2 /dev/urandom) % $1 )); }
readable() { gpg --batch -q -d "$1" 2>/dev/null | grep -q '^avslut-record: 1$'; }

# kill -9 at random moments while answering: the record stays whole.
i=0 whole=0
while [ $i -lt 25 ]; do
	avslut-ask "$id" --answers="$scratch/a2.yaml" 2>/dev/null &
	pid=$!
	sleep "0.$(printf '%03d' "$(rand_ms 400)")"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	readable "$f" && whole=$((whole + 1))
	i=$((i + 1))
done
is "$whole" 25 "kill -9 at 25 random moments: the record is readable every time"
like "$(gpg --batch -q -d "$f" 2>/dev/null)" "MARKER_FIRST" "the answer saved before is there"
expect 0 "the next answer after the kills" avslut-ask "$id" --answers="$scratch/a2.yaml"
ls -a "$AVSLUT_STORE/records" | grep -q '\.tmp'; ok $((! $?)) "no temporary file remains after the next write"

# kill -9 while registering: never half a record.
i=0
while [ $i -lt 15 ]; do
	(REGISTER_EXEC=exec register >/dev/null 2>&1) &
	pid=$!
	sleep "0.$(printf '%03d' "$(rand_ms 300)")"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	i=$((i + 1))
done
bad=0
for r in "$AVSLUT_STORE"/records/*.asc; do readable "$r" || bad=$((bad + 1)); done
is "$bad" 0 "kill -9 while registering leaves only whole records"

# No gpg-agent: decryption fails with one clear line, nothing changes.
before=$(snapshot)
gpgconf --kill gpg-agent
echo "agent-program /bin/false" >"$GNUPGHOME/gpg.conf"
expect 1 "no gpg-agent" avslut-ask "$id" --answers="$scratch/a1.yaml"
like "$err" "record $id: " "names the record"
rm "$GNUPGHOME/gpg.conf"
is "$(snapshot)" "$before" "the store is untouched"

# Someone without a secret key for the record.
OH=$(newhome other)
givekey "$HR" "$GNUPGHOME" "$OH"
givekey "$MGR" "$GNUPGHOME" "$OH"
OTHER=$(mkkey "Other Person" "$OH")
expect 1 "a caller without the secret key" env GNUPGHOME="$OH" avslut-ask "$id" --answers="$scratch/a1.yaml"
like "$err" "no secret key to decrypt it" "says so"

# The interviewer's key expired after registration: no save, no change.
before=$(snapshot)
gpg --batch --quiet --passphrase '' --quick-set-expire "$MGR" seconds=1 '*' 2>/dev/null
sleep 2
expect 1 "the interviewer's encryption key has expired" avslut-ask "$id" --answers="$scratch/a1.yaml"
like "$err" "$MGR" "names the key"
is "$(snapshot)" "$before" "the record is unchanged"
# An expired subkey is not among '*': name it to renew it.
sub=$(gpg --list-keys --with-colons "$MGR" 2>/dev/null | awk -F: '/^sub/ { s = 1 } s && /^fpr/ { print $10; exit }')
gpg --batch --quiet --passphrase '' --quick-set-expire "$MGR" never "$sub" 2>/dev/null

# A full disk and a read-only store (needs mount: root).
small_disk
cp -a "$AVSLUT_STORE" "$mnt/store"
export AVSLUT_STORE="$mnt/store"
pin_copy "$AVSLUT_STORE"
f="$AVSLUT_STORE/records/$id.asc"
old=$(gpg --batch -q -d "$f" 2>/dev/null)
dd if=/dev/zero of="$mnt/filler" bs=1k count=2000 2>/dev/null
expect 1 "a full disk while answering" avslut-ask "$id" --answers="$scratch/a2.yaml"
like "$err" "No space left on device" "says so"
is "$(gpg --batch -q -d "$f" 2>/dev/null)" "$old" "the previous record is intact"
# (Only this record's: the kills above may have left a new record's
# temporary, which purge removes once it is an hour old.)
ls -a "$AVSLUT_STORE/records" | grep -q "^\.$id\.asc\.tmp"; ok $((! $?)) "no temporary file of the record left"
n=$(ls "$AVSLUT_STORE/records" | wc -l)
expect 1 "a full disk while registering" register
is "$(ls "$AVSLUT_STORE/records" | wc -l)" "$n" "no record added"
rm "$mnt/filler"

ro_view "$AVSLUT_STORE"
expect 1 "a read-only store" avslut-ask -S "$mnt/ro" "$id" --answers="$scratch/a2.yaml"
like "$err" "Read-only file system" "says so"
expect 1 "registering in a read-only store" register -S "$mnt/ro"
is "$(gpg --batch -q -d "$f" 2>/dev/null)" "$old" "the record is intact"
done_testing
