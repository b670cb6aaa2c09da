#!/bin/sh
# Faults while sealing and re-encrypting: kill -9 at random moments, a
# full disk, a read-only store, no gpg-agent.  Every record stays readable
# and consistent (sealed and verifying, or not sealed at all), and no
# temporary file outlives the next write.
. "$(dirname "$0")/lib.sh"

answer() { "$AVSLUT_BUILD/tests/h-answer" "$@" || exit 99; }
rand_ms() { echo $(( $(od -An -N2 -tu2 /dev/urandom) % $1 )); }
mkstore
export AVSLUT_TODAY=2026-12-10
ids=""
i=0
while [ $i -lt 12 ]; do
	id=$(register)
	answer -a "$id"
	ids="$ids $id"
	i=$((i + 1))
done

# consistent ID: sealed and verifying, or in progress; never half of each.
consistent() {
	local plain
	plain=$(gpg --batch -q -d "$AVSLUT_STORE/records/$1.asc" 2>/dev/null) || return 1
	case "$plain" in
	*"state: sealed"*)
		avslut-seal --verify "$1" >/dev/null 2>&1 ;;
	*"state: in-progress"*)
		sed -n 2p "$AVSLUT_STORE/records/$1.asc" | grep -q 'in-progress' ;;
	*) return 1 ;;
	esac
}

# kill -9 while sealing, at a random moment, one record after the other.
for id in $ids; do
	avslut-seal "$id" >/dev/null 2>&1 &
	pid=$!
	sleep "0.$(printf '%03d' "$(rand_ms 900)")"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
done
bad=0 sealed=0
for id in $ids; do
	consistent "$id" || bad=$((bad + 1))
	sed -n 2p "$AVSLUT_STORE/records/$id.asc" | grep -q sealed && sealed=$((sealed + 1))
done
is "$bad" 0 "kill -9 while sealing: every record sealed and verifying, or untouched ($sealed of 12 sealed)"
# Seal what was left; temporaries go with the next write under each lock.
for id in $ids; do
	sed -n 2p "$AVSLUT_STORE/records/$id.asc" | grep -q sealed || avslut-seal "$id" || exit 99
done
expect 0 "all twelve verify" avslut-seal --verify
ls -a "$AVSLUT_STORE/records" | grep -q '\.tmp'; ok $((! $?)) "no temporary file remains"

# kill -9 while re-encrypting to a new HR key, several times, then finish.
HR2=$(mkkey "HR Second")
i=0
while [ $i -lt 6 ]; do
	avslut-seal --reencrypt --recipient="$HR2" >/dev/null 2>&1 &
	pid=$!
	sleep "0.$(printf '%03d' "$(rand_ms 999)")"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	i=$((i + 1))
done
bad=0
for id in $ids; do consistent "$id" || bad=$((bad + 1)); done
is "$bad" 0 "kill -9 while re-encrypting, six times: every record whole and its seal valid"
expect 0 "the re-encryption resumes to the end" avslut-seal --reencrypt --recipient="$HR2"
H2=$(keyonly hr2 "$HR2")
is "$(readable_by "$H2")" 12 "the new HR key reads all twelve"
expect 0 "and every seal still verifies" avslut-seal --verify

# No gpg-agent.
open=$(register)
answer -a "$open"
before=$(snapshot)
gpgconf --kill gpg-agent
echo "agent-program /bin/false" >"$GNUPGHOME/gpg.conf"
expect 1 "no gpg-agent: sealing fails" avslut-seal "$open"
rm "$GNUPGHOME/gpg.conf"
is "$(snapshot)" "$before" "the store is untouched"

# A full disk and a read-only store.
small_disk
cp -a "$AVSLUT_STORE" "$mnt/store"
export AVSLUT_STORE="$mnt/store"
pin_copy "$AVSLUT_STORE"
f="$AVSLUT_STORE/records/$open.asc"
old=$(cat "$f")
dd if=/dev/zero of="$mnt/filler" bs=1k count=4000 2>/dev/null
expect 1 "a full disk while sealing" avslut-seal "$open"
like "$err" "No space left on device" "says so"
is "$(cat "$f")" "$old" "the record is as it was"
rm "$mnt/filler"
ro_view "$AVSLUT_STORE"
expect 1 "a read-only store: sealing" avslut-seal -S "$mnt/ro" "$open"
like "$err" "Read-only file system" "says so"
run avslut-seal -S "$mnt/ro" --reencrypt --recipient="$HR"
is "$rc" 1 "a read-only store: re-encryption fails (exit 1)"
is "$(cat "$f")" "$old" "the record is as it was"
done_testing
