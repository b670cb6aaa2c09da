#!/bin/sh
# The cost of a save and of a registration (issues 14 and 15), before
# and now, side by side with GnuPG doing the same work on the same
# record: median wall time of N runs of
#   - one registration, `avslut-new --name=...` end to end;
#   - one `avslut-ask ID --answers=FILE` end to end (open, one decryption,
#     a full set of answers, the save);
#   - the pause after an answer: one save in the library as avslut-ask
#     makes it (tests/unit/h-savebench.c; not the first save, which looks
#     the keys up);
#   - gpg --sign --encrypt of the record's plaintext with the signer and
#     recipients the save used, gpg --encrypt alone, and gpg --clearsign
#     of the registration statement (what a registration adds).
# "Before" is BENCH_BEFORE (default 3beb9f4, version 0.1), built from git
# into $AVSLUT_BUILD/bench-before/ once and kept; without that commit
# (a shallow clone, a tarball) the before column says "n/a".  With
# strace, the gpg processes each command starts are counted too.  The
# runs of both builds and of gpg alternate, so that a busy machine
# weighs on all alike.  Times are printed, never judged.
. "$(dirname "$0")/lib.sh"
N=${BENCH_N:-20}
BEFORE=${BENCH_BEFORE:-3beb9f4}

HR=$(mkkey "HR Officer")
MGR=$(mkkey "Maja Chef")

# The before build: its source and build directories, or empty.
old_src=
old_build=
before_build() {
	local sha cache tmp
	sha=$(git -C "$top" rev-parse -q --verify "$BEFORE^{commit}" 2>/dev/null) ||
	    { echo "before: $BEFORE not in this clone: n/a"; return 1; }
	cache="$AVSLUT_BUILD/bench-before/$sha"
	if [ ! -x "$cache/build/tests/h-savebench" ]; then
		mkdir -p "$AVSLUT_BUILD/bench-before" &&
		    tmp=$(mktemp -d "$AVSLUT_BUILD/bench-before/tmp.XXXXXX") || return 1
		echo "before: building $BEFORE in $cache (once)"
		# Not the variables of the make that runs the benchmarks.
		if ! git -C "$top" archive "$sha" | tar -x -C "$tmp" ||
		    ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u CFLAGS \
		    make -C "$tmp" -j2 BUILD="$tmp/build" all \
		    "$tmp/build/tests/h-savebench" >"$tmp/build.log" 2>&1; then
			tail -5 "$tmp/build.log" >&2
			echo "before: $BEFORE does not build: n/a"
			rm -rf "$tmp"
			return 1
		fi
		mv -T "$tmp" "$cache" 2>/dev/null || rm -rf "$tmp"
	fi
	old_src=$cache
	old_build=$cache/build
}
before_build || true

# tool SIDE PROG ARGS...: run PROG (bin/avslut-new, tests/h-savebench)
# of build SIDE, before or now, on that side's store; under strace when
# TRACE names a file.
tool() {
	local side=$1 prog=$2 build=$AVSLUT_BUILD data=$top store=$scratch/store
	shift 2
	if [ "$side" = before ]; then
		build=$old_build data=$old_src store=$scratch/store-before
	fi
	if [ -n "${TRACE:-}" ]; then
		set -- strace -f -qq -v -s 40 -e trace=execve -o "$TRACE" \
		    env AVSLUT_STORE="$store" AVSLUT_DATADIR="$data" \
		    AVSLUT_LOCALEDIR="$build/locale" "$build/$prog" "$@"
	else
		set -- env AVSLUT_STORE="$store" AVSLUT_DATADIR="$data" \
		    AVSLUT_LOCALEDIR="$build/locale" "$build/$prog" "$@"
	fi
	"$@"
}

register_one() {
	tool "$1" bin/avslut-new --name="Anna Andersson" \
	    --title=Undersköterska --workplace="Hemtjänst Söder" \
	    --unit=Äldreomsorg --employed-from=2015-01-01 \
	    --employed-to=2026-12-31 --employment=tillsvidare \
	    --reason=pension --interviewer="$MGR" --lang=sv
}

# A complete interview with answers of a realistic length.
long="Ett svar på några meningar som beskriver hur det har varit att arbeta här, vad som fungerade och vad som kunde ha varit bättre. Det är ungefär så långt som ett svar brukar bli när man pratar en stund."
{
	for q in primary-reason introduction expectations collaboration climate \
	    workload support appreciation competence-use development \
	    communication improvement-ideas strengths culture-values \
	    would-return retiree-return anything-else summary; do
		echo "$q: \"$long\""
	done
	echo "primary-reason-category: retirement"
	echo "secondary-reasons: [workload, pay]"
	echo "next-step: retirement"
	echo "would-return-coded: maybe"
	echo "overall-rating: 4"
} >"$scratch/answers.yaml"

# timed COLUMN CMD...: run CMD, its stdout in $scratch/out; append its
# wall time in ms to $scratch/t.COLUMN.  A failure of the before build
# gives up its column; of anything else, the benchmark.
timed() {
	local col=$1 t0 t1
	shift
	t0=$(date +%s%N)
	if ! "$@" >"$scratch/out" 2>"$scratch/bench.err"; then
		case $col in
		before.*)
			echo "before: $* failed: $(head -1 "$scratch/bench.err"): n/a"
			old_build=
			return 1 ;;
		esac
		echo "benchmark command failed: $*" >&2
		cat "$scratch/bench.err" >&2
		exit 1
	fi
	t1=$(date +%s%N)
	echo "$t0 $t1" | awk '{ printf "%.1f\n", ($2 - $1) / 1e6 }' \
	    >>"$scratch/t.$col"
}

# savebench SIDE ID: one timed save (the second of a process) of ID,
# from h-savebench's own clock.
savebench() {
	local ms
	ms=$(tool "$1" tests/h-savebench "$2" 1 2>"$scratch/bench.err") || {
		[ "$1" = before ] || { cat "$scratch/bench.err" >&2; exit 1; }
		echo "before: h-savebench failed: $(head -1 "$scratch/bench.err"): n/a"
		old_build=
		return 1
	}
	echo "$ms" >>"$scratch/t.$1.save"
}

# one SIDE: a registration, then avslut-ask on it, then a save of it.
one() {
	[ "$1" = now ] || [ -n "$old_build" ] || return 0
	timed "$1.reg" register_one "$1" || return 0
	id=$(cat "$scratch/out")
	timed "$1.ask" tool "$1" bin/avslut-ask "$id" \
	    --answers="$scratch/answers.yaml" || return 0
	savebench "$1" "$id"
}

# The stores; a first round untimed (agent, caches, keys looked up).
tool now bin/avslut-new --init --recipient="$HR" --retention-decision=x \
    >/dev/null || exit 1
if [ -n "$old_build" ] && ! tool before bin/avslut-new --init \
    --recipient="$HR" --retention-decision=x >/dev/null 2>"$scratch/bench.err"; then
	echo "before: avslut-new --init failed: $(head -1 "$scratch/bench.err"): n/a"
	old_build=
fi
one before
one now
rm -f "$scratch"/t.*

# The baselines' input: the record's plaintext, its signer and
# recipients, and the registration statement and its signer.
rec="$AVSLUT_STORE/records/$id.asc"
gpg --batch -q --status-fd 3 -d "$rec" >"$scratch/plain.yaml" \
    3>"$scratch/status" 2>/dev/null
signer=$(awk '$2 == "VALIDSIG" { print $NF }' "$scratch/status")
rcpts=$(awk '$2 == "ENC_TO" { printf " -r %s", $3 }' "$scratch/status")
reg="$AVSLUT_STORE/evidence/$id.reg"
if [ -f "$reg" ]; then
	gpg --batch -q --status-fd 3 -d "$reg" >"$scratch/statement" \
	    3>"$scratch/status" 2>/dev/null
	registrar=$(awk '$2 == "VALIDSIG" { print $NF }' "$scratch/status")
else
	# No statement in this build: one of a registration's size.
	head -c 500 "$scratch/plain.yaml" >"$scratch/statement"
	registrar=$HR
fi
: "${signer:=$MGR}"
GPG="gpg --batch --yes -q --trust-model always -a"

i=0
while [ $i -lt "$N" ]; do
	one before
	one now
	timed gpg.se $GPG -u "$signer" $rcpts -o "$scratch/se.asc" \
	    -se "$scratch/plain.yaml"
	timed gpg.e $GPG $rcpts -o "$scratch/e.asc" -e "$scratch/plain.yaml"
	timed gpg.cs $GPG -u "$registrar" -o "$scratch/cs.asc" \
	    --clearsign "$scratch/statement"
	i=$((i + 1))
done

# traced FILE CMD...: CMD under strace; into FILE, one "what count" a
# line, the processes of gpg, gpgconf and gpgsm it starts ("procs"), and
# of them the gpg operations, not a --version: "ops" and each kind.
traced() {
	local f=$1
	shift
	TRACE="$scratch/trace" "$@" >"$scratch/out" 2>/dev/null || return 1
	grep 'execve("' "$scratch/trace" | grep -v ' = -1 ' |
	    grep -E 'execve\("[^"]*/(gpg2?|gpgconf|gpgsm)"' | awk '
		{ n["procs"]++ }
		!/execve\("[^"]*\/gpg2?"/ || /"--version"\]/ { next }
		{ n["ops"]++ }
		/"--list-secret-keys"/ { n["list-secret-keys"]++; next }
		/"--list-keys"/ { n["list-keys"]++; next }
		/"--encrypt"/ && /"--sign"/ { n["sign+encrypt"]++; next }
		/"--encrypt"/ { n["encrypt"]++; next }
		/"--clearsign"/ { n["clearsign"]++; next }
		/"--decrypt"/ { n["decrypt"]++; next }
		/"--import"/ { n["import"]++; next }
		{ n["other (verify)"]++ }
		END { for (k in n) print k "\t" n[k] }' | sort >"$f"
}

# procs SIDE WHAT CMD...: the counts of CMD into $scratch/p.SIDE.WHAT;
# WHAT "save": the counts of h-savebench ID 2 less those of ID 1.
procs() {
	local side=$1 what=$2
	shift 2
	[ "$side" = now ] || [ -n "$old_build" ] || return 0
	if [ "$what" = save ]; then
		traced "$scratch/c1" "$@" 1 && traced "$scratch/c2" "$@" 2 ||
		    return 0
		awk -F '\t' 'NR == FNR { one[$1] = $2; next }
		    $2 - one[$1] > 0 { print $1 "\t" $2 - one[$1] }' \
		    "$scratch/c1" "$scratch/c2" >"$scratch/p.$side.$what"
	else
		traced "$scratch/p.$side.$what" "$@" || return 0
	fi
	printf '  %-7s %-4s %s\n' "$side," "$what:" "$(awk -F '\t' '
	    $1 != "procs" && $1 != "ops" { printf "%s%s %d", s, $1, $2; s = ", " }' \
	    "$scratch/p.$side.$what")" >>"$scratch/opslist"
}
: >"$scratch/opslist"
if command -v strace >/dev/null; then
	for side in before now; do
		procs "$side" reg register_one "$side"
		id=$(cat "$scratch/out")
		procs "$side" ask tool "$side" bin/avslut-ask "$id" \
		    --answers="$scratch/answers.yaml"
		procs "$side" save tool "$side" tests/h-savebench "$id"
	done
fi

# A before build that failed on the way shows no figures.
[ -n "$old_build" ] || rm -f "$scratch"/t.before.* "$scratch"/p.before.*

median() {
	[ -s "$scratch/t.$1" ] || { echo n/a; return; }
	sort -n "$scratch/t.$1" | awk '{ a[NR] = $1 }
	    END { printf "%.1f", NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
count() {
	[ -s "$scratch/p.$1" ] || { echo -; return; }
	awk -F '\t' '{ n[$1] = $2 } END { printf "%d (%d)", n["procs"], n["ops"] }' \
	    "$scratch/p.$1"
}
row() {
	local b n r
	b=$(median "before.$2") n=$(median "now.$2")
	r=-
	[ "$b" = n/a ] || r=$(ratio "$n" "$b")
	printf '  %-42s %8s %8s %7s %9s %9s\n' "$1" "$b" "$n" "$r" \
	    "$(count "before.$2")" "$(count "now.$2")"
}
gpgrow() { printf '  %-42s %8s %8s\n' "$1" "" "$(median "$2")"; }

echo "ask and register: before = $BEFORE$([ -n "$old_build" ] || echo " (n/a)"), now = this tree;" \
    "median ms of $N; record plaintext $(wc -c <"$scratch/plain.yaml") bytes," \
    "statement $(wc -c <"$scratch/statement") bytes"
printf '  %-42s %8s %8s %7s %9s %9s\n' "" before now now/bef "procs bef" "procs now"
row "avslut-new, one registration (end to end)" reg
row "avslut-ask ID --answers=FILE (end to end)" ask
row "save after an answer (h-savebench)" save
gpgrow "gpg --sign --encrypt, same record, keys" gpg.se
gpgrow "gpg --encrypt, same record, recipients" gpg.e
gpgrow "gpg --clearsign, registration statement" gpg.cs
if [ -s "$scratch/opslist" ]; then
	echo "  procs: the gpg, gpgconf and gpgsm processes one command (one save) starts"
	echo "  (strace), and in parentheses the gpg operations of them, not a --version:"
	cat "$scratch/opslist"
fi
echo "  target: pause after an answer under 50 ms (issue 14): $(median now.save) ms"
