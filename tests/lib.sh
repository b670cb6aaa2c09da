# tests/lib.sh -- shared set-up for the command-line tests (TAP).
#
# Every test runs in a fresh scratch directory with its own HOME,
# GNUPGHOME (freshly generated passphrase-less keys) and store; every
# variable the tools read is set here; the gpg-agent is killed and the
# scratch removed at exit.  Failures show the command's stderr.

set -u

# The source tree: the nearest directory above the script holding questions/.
top=$(cd "$(dirname "$0")" && while [ ! -d questions ] && [ "$PWD" != / ]; do
	cd ..; done; pwd)
: "${AVSLUT_BUILD:=$top/build}"
export PATH="$AVSLUT_BUILD/bin:$PATH"
export AVSLUT_DATADIR="$top"
export AVSLUT_LOCALEDIR="$AVSLUT_BUILD/locale"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/avslut-test.XXXXXX")
export HOME="$scratch/home"
export GNUPGHOME="$scratch/gnupg"
export AVSLUT_STORE="$scratch/store"
export TMPDIR="$scratch/tmp"
export TZ=Europe/Stockholm
export LC_ALL=C.UTF-8
unset LANGUAGE LANG AVSLUT_TODAY AVSLUT_PASSPHRASE_FILE XDG_DATA_HOME \
	XDG_RUNTIME_DIR EDITOR VISUAL DISPLAY GPG_AGENT_INFO
mkdir -p "$HOME" "$TMPDIR"
# make check-valgrind: every tool runs under memcheck; a memory error or a
# definite leak makes it exit 99 with valgrind's report on stderr.  The
# children of gpgme's double fork are left alone: no report of theirs
# (see tests/valgrind.supp), and no libc clean-up at their _exit, which
# would flush the parent's copied stdio buffers a second time.
if [ "${AVSLUT_VALGRIND:-}" = 1 ]; then
	mkdir -p "$scratch/vg"
	for b in "$AVSLUT_BUILD"/bin/*; do
		cat >"$scratch/vg/${b##*/}" <<VG
#!/bin/sh
exec valgrind -q --num-callers=40 --child-silent-after-fork=yes --run-libc-freeres=no --error-exitcode=99 --leak-check=full \
    --show-leak-kinds=definite --errors-for-leak-kinds=definite \
    --suppressions="$top/tests/valgrind.supp" "$b" "\$@"
VG
		chmod +x "$scratch/vg/${b##*/}"
	done
	export PATH="$scratch/vg:$PATH"
fi
mkdir -m 700 "$GNUPGHOME"
# Keep the agent socket short and private to this test.
cat >"$GNUPGHOME/gpg-agent.conf" <<EOF
allow-loopback-pinentry
EOF

cleanup() {
	gpgconf --kill all >/dev/null 2>&1
	for h in "$scratch"/gnupg*; do
		[ -d "$h" ] && GNUPGHOME="$h" gpgconf --kill all >/dev/null 2>&1
	done
	rm -rf "$scratch"
}
trap cleanup EXIT

ntest=0
nfail=0

plan() { echo "1..$1"; }
done_testing() { echo "1..$ntest"; }

ok() {
	ntest=$((ntest + 1))
	if [ "$1" = 0 ]; then
		echo "ok $ntest - $2"
	else
		nfail=$((nfail + 1))
		echo "not ok $ntest - $2"
	fi
}

diag() { printf '%s\n' "$@" | sed 's/^/# /' >&2; }

# run CMD...: run it, keep stdout in $out, stderr in $err, status in $rc.
run() {
	"$@" >"$scratch/out" 2>"$scratch/err"
	rc=$?
	out=$(cat "$scratch/out")
	err=$(cat "$scratch/err")
}

# run_in FILE CMD...: as run, with stdin from FILE.
run_in() {
	local in=$1
	shift
	"$@" <"$in" >"$scratch/out" 2>"$scratch/err"
	rc=$?
	out=$(cat "$scratch/out")
	err=$(cat "$scratch/err")
}

# is GOT WANT DESC
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "got:  '$1'" "want: '$2'"
	fi
}

# like GOT PATTERN DESC (grep -E)
# matches TEXT PATTERN: the extended regular expression matches the text,
# with ^ and $ at line ends.  One pattern, even across several lines
# (grep -E would take each line of it as a pattern of its own).
matches() {
	perl -CSDA -e 'exit(($ARGV[0] =~ /$ARGV[1]/m) ? 0 : 1)' -- "$1" "$2"
}

like() {
	if matches "$1" "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "got:  '$1'" "want: /$2/"
	fi
}

unlike() {
	if matches "$1" "$2"; then
		ok 1 "$3"
		diag "got:  '$1'" "must not match: /$2/"
	else
		ok 0 "$3"
	fi
}

# expect STATUS DESC CMD...: status and, unless 0, one line on stderr
# prefixed with the program's name.
expect() {
	local want=$1 desc=$2
	shift 2
	run "$@"
	if [ "$rc" != "$want" ]; then
		ok 1 "$desc (exit $want)"
		diag "exit $rc, want $want" "stderr: $err" "stdout: $out"
		return 1
	fi
	if [ "$want" != 0 ] && { [ "$(printf '%s\n' "$err" | wc -l)" != 1 ] ||
	    ! printf '%s' "$err" | grep -Eq "^avslut-[a-z]+: "; }; then
		ok 1 "$desc (one line on stderr)"
		diag "stderr: $err"
		return 1
	fi
	ok 0 "$desc"
}

# Keys: mkkey NAME [GNUPGHOME] prints the new key's fingerprint.
mkkey() {
	local home=${2:-$GNUPGHOME} fpr
	GNUPGHOME=$home gpg --batch --quiet --passphrase '' \
	    --quick-gen-key "$1 <$(echo "$1" | tr 'A-Z ' 'a-z.')@example.org>" \
	    ed25519 sign,cert never 2>/dev/null
	fpr=$(GNUPGHOME=$home gpg --list-keys --with-colons "=$1 <$(echo "$1" |
	    tr 'A-Z ' 'a-z.')@example.org>" 2>/dev/null |
	    awk -F: '/^fpr/ { print $10; exit }')
	GNUPGHOME=$home gpg --batch --quiet --passphrase '' \
	    --quick-add-key "$fpr" cv25519 encr never 2>/dev/null
	echo "$fpr"
}

# attacker: a colleague who can write the store, with a key of their
# own on their own machine (ATKH, ATK) and the public keys the store
# hands out; atk runs their gpg.
attacker() {
	ATKH=$(newhome atk)
	ATK=$(mkkey "Eve Angripare" "$ATKH")
	for k in "$AVSLUT_STORE"/keys/*.asc; do
		GNUPGHOME=$ATKH gpg --batch -q --import "$k" 2>/dev/null
	done
}
atk() { GNUPGHOME=$ATKH gpg --batch -q --yes --trust-model always "$@"; }

# A second keyring (another person's machine): newhome NAME -> path.
newhome() {
	local h="$scratch/gnupg-$1"
	mkdir -m 700 "$h"
	echo "$h"
}

# Copy a public key from one keyring to another.
givekey() {
	GNUPGHOME=$2 gpg --batch --export "$1" | GNUPGHOME=$3 gpg --batch \
	    --quiet --import 2>/dev/null
}

# A store with HR as recipient and a manager key: sets $HR and $MGR.
mkstore() {
	HR=$(mkkey "HR Officer")
	MGR=$(mkkey "Maja Chef")
	avslut-new --init --recipient="$HR" \
	    --retention-decision="Gallringsbeslut SDF 2026:1" || exit 99
}

# config_text [DIR]: the store's config as signed (the YAML).
config_text() { gpg --batch -q -d "${1:-$AVSLUT_STORE}/config" 2>/dev/null; }

# config_edit SED [DIR]: change the store's config as HR does -- the
# signed text out with gpg, edited, and signed in with avslut-new --config.
config_edit() {
	local dir=${2:-$AVSLUT_STORE}
	gpg --batch -q -d "$dir/config" 2>/dev/null | sed "$1" >"$scratch/config.edit" &&
	    avslut-new -S "$dir" --config="$scratch/config.edit"
}

# config_edit_raw SED [DIR]: the same, signed with plain gpg, unchecked.
config_edit_raw() {
	local dir=${2:-$AVSLUT_STORE}
	gpg --batch -q -d "$dir/config" 2>/dev/null | sed "$1" >"$scratch/config.edit" &&
	    config_sign "$scratch/config.edit" "$dir"
}

# config_sign FILE [DIR]: make FILE the store's config, clearsigned by HR
# with plain gpg and unchecked (for configs that are wrong in content).
config_sign() {
	local dir=${2:-$AVSLUT_STORE}
	gpg --batch -q --yes -u "$HR" --clearsign -o "$dir/config" "$1"
}

# Register with sensible defaults; extra options override them.
# (REGISTER_EXEC=exec in a subshell: the subshell becomes avslut-new, so
# that $! of a background one is the tool itself, to kill.)
register() {
	${REGISTER_EXEC:-} avslut-new --name="Anna Andersson" --title="Undersköterska" \
	    --workplace="Hemtjänst Söder" --unit="Äldreomsorg" \
	    --employed-from=2019-03-01 --employed-to=2026-12-31 \
	    --employment=tillsvidare --reason=egen-begaran \
	    --interviewer="$MGR" "$@"
}

# sealed [SEAL OPTIONS]: a new record, registered and interviewed on
# $AVSLUT_TODAY, every question answered (tests/unit/h-answer.c), and
# sealed; prints its id.
sealed() {
	local id
	id=$(register --date="$AVSLUT_TODAY") || exit 99
	"$AVSLUT_BUILD/tests/h-answer" "$id" || exit 99
	avslut-seal "$@" "$id" || exit 99
	echo "$id"
}

# A fingerprint of the store's contents, to prove it untouched.  Lock
# files and the access log are left out: the access log rightly records
# every decryption, also by a command that then refused its input.
snapshot() {
	(cd "$AVSLUT_STORE" && find . -type f ! -path './locks/*' \
	    ! -name access.log | sort | xargs -r sha256sum)
}

# No personal value in any plaintext file under the given directories.
# grep_plain PATTERN DIR...: 0 if found (a failure for the caller).
grep_plain() {
	local pat=$1
	shift
	grep -rIl -- "$pat" "$@" 2>/dev/null | grep -q .
}

# small_disk: a 600 KiB tmpfs at $mnt, unmounted at exit (with the
# read-only view ro_view makes).  Without the right to mount (not root)
# the test ends here, the rest skipped.
small_disk() {
	mnt="$scratch/mnt"
	mkdir -p "$mnt"
	if ! mount -t tmpfs -o size=600k,mode=700 tmpfs "$mnt" 2>/dev/null; then
		echo "# skip: cannot mount a tmpfs (not root)"
		done_testing
		exit 0
	fi
	trap 'umount "$mnt/ro" 2>/dev/null; umount "$mnt" 2>/dev/null; cleanup' EXIT
}

# ro_view DIR: a read-only view of DIR at $mnt/ro (HR pinned for it).
ro_view() {
	mkdir "$mnt/ro" && mount --bind "$1" "$mnt/ro" &&
	    mount -o remount,ro,bind "$mnt/ro" && pin_copy "$mnt/ro"
}

# pin_copy DIR: a copy of the store is another store to the pins: pin
# HR's key for it as the user would.
pin_copy() { avslut-new -S "$1" --pin="$HR" || exit 99; }

# keyonly NAME FPR: a keyring (NAME's machine) holding only the secret
# key FPR, copied from this one; prints its path.
keyonly() {
	local h
	h=$(newhome "$1")
	gpg --batch --pinentry-mode loopback --passphrase '' \
	    --export-secret-keys "$2" | GNUPGHOME=$h gpg --batch -q --import \
	    2>/dev/null
	echo "$h"
}

# readable_by HOME: how many records plain gpg --decrypt reads with that
# keyring.
readable_by() {
	local n=0 f
	for f in "$AVSLUT_STORE"/records/*.asc; do
		GNUPGHOME=$1 gpg --batch -q --decrypt "$f" 2>/dev/null |
		    grep -q "^avslut-record: 1" && n=$((n + 1))
	done
	echo $n
}

# expect_err STATUS PATTERN DESC CMD...: as expect, and the one line on
# stderr matches PATTERN.
expect_err() {
	local st=$1 pat=$2 desc=$3
	shift 3
	expect "$st" "$desc" "$@"
	like "$err" "$pat" "$desc: says what"
}

# Records straight through the library (tests/unit/h-mkrecords.c): one
# spec per line on stdin, "key=value;..."; prints the new ids.
mkrecords() {
	"$AVSLUT_BUILD/tests/h-mkrecords" "$@"
}

# disclosure MODE: the store's disclosure control, groups or cells.
disclosure() {
	if config_text | grep -q '^disclosure:'; then
		config_edit "s/^disclosure: .*/disclosure: $1/"
	else
		config_edit "\$a disclosure: $1"
	fi || exit 99
}

# min_group N: set the store's minimum group size.
min_group() {
	if gpg --batch -q -d "$AVSLUT_STORE/config" 2>/dev/null | grep -q '^min-group:'; then
		config_edit "s/^min-group: .*/min-group: $1/"
	else
		config_edit "\$a min-group: $1"
	fi || exit 99
}

# store_qset NAME < YAML: a question set kept in the store, signed by HR
# as avslut-new keeps one.
store_qset() {
	mkdir -p -m 700 "$AVSLUT_STORE/questions"
	gpg --batch -q --yes -u "$HR" --clearsign -o "$AVSLUT_STORE/questions/$1.yaml"
}

# contains GOT TEXT DESC: TEXT (literal, may span lines) is in GOT.
# (like's grep -E takes each line of a pattern as a pattern of its own.)
contains() {
	if perl -e 'exit(index($ARGV[0], $ARGV[1]) < 0 ? 1 : 0)' -- "$1" "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "got:  '$1'" "want (literal): '$2'"
	fi
}
