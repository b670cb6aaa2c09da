#!/bin/sh
# avslut-purge needs no key, no gpg and no gpg-agent: it runs with an
# empty GNUPGHOME (and none at all), without gpg on PATH, and starts no
# process.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/purge.sh"

mkstore
export AVSLUT_TODAY=2027-01-15
n=0
for to in 2024-01-31 2024-02-29 2026-12-31; do
	register --employed-to=$to >"$scratch/id" || exit 99
	n=$((n + 1)); eval "r$n=\$(cat \"\$scratch/id\")"
done
"$h_purge" state "$r2" sealed 2025-06-01 || exit 99
gpgconf --kill all
access=$(cat "$AVSLUT_STORE/access.log")
mkdir -m 700 "$scratch/empty"

# cron: an empty keyring, no agent, a PATH without gpg or gpgconf.
keyless() {
	env -i HOME="$scratch/cronhome" GNUPGHOME="$scratch/empty" \
	    PATH="$AVSLUT_BUILD/bin" AVSLUT_STORE="$AVSLUT_STORE" \
	    AVSLUT_TODAY="$AVSLUT_TODAY" TZ="$TZ" LC_ALL="$LC_ALL" "$@"
}
keyless /bin/sh -c 'command -v gpg || command -v gpgconf'
ok $((! $?)) "(no gpg on that PATH)"
expect 0 "a dry run without any key" keyless avslut-purge --dry-run
is "$(printf '%s\n' "$out" | wc -l)" 1 "finds the one due"
expect 0 "a purge without any key" keyless avslut-purge -v
is "$out" "$r1 planned unfinished 2024-07-31" "discards it"
test ! -e "$(rec "$r1")"; ok $? "the record is gone"
is "$(logrows "$r1")" 1 "and logged"
is "$(ls -A "$scratch/empty")" "" "nothing was created in GNUPGHOME"
is "$(cat "$AVSLUT_STORE/access.log")" "$access" "nothing was decrypted (the access log is unchanged)"

# A GNUPGHOME that does not exist at all.
expect 0 "named, --force, GNUPGHOME missing" keyless /usr/bin/env \
    GNUPGHOME="$scratch/nonexistent" avslut-purge --force "$r3"
test ! -e "$(rec "$r3")"; ok $? "discarded"
test ! -e "$scratch/nonexistent"; ok $? "and GNUPGHOME was not created"

# No process is started, no socket is opened (gpgme would do both).
if strace=$(command -v strace); then
	# (LeakSanitizer cannot run under ptrace: check-asan)
	keyless /usr/bin/env ASAN_OPTIONS=detect_leaks=0 "$strace" -f -qq -o "$scratch/trace" -e trace=execve,connect,%file \
	    "$AVSLUT_BUILD/bin/avslut-purge" --force "$r2"
	is "$?" 0 "under strace: the sealed record by name"
	is "$(grep -c execve "$scratch/trace")" 1 "one execve: avslut-purge itself"
	is "$(grep connect "$scratch/trace" | grep -vc /nscd/)" 0 \
	    "no connect but the user name lookup's (no agent)"
	grep -q "$scratch/empty\|S\.gpg\|bin/gpg" "$scratch/trace"
	ok $((! $?)) "neither GNUPGHOME, an agent socket nor gpg is looked at"
	grep -q "\"$r2.asc\"" "$scratch/trace"; ok $? "(the trace does show the files used)"
	test ! -e "$(rec "$r2")"; ok $? "discarded"
	like "$(grep ",$r2," "$plog")" ",sealed,forced," "logged as forced"
else
	for i in 1 2 3 4 5 6 7; do ok 0 "# skip strace is not installed"; done
fi
done_testing
