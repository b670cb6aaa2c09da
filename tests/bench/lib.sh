# tests/bench/lib.sh -- shared set-up for benchmarks (sources tests/lib.sh
# for the throwaway environment, without TAP output).
. "$(dirname "$0")/../lib.sh"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# bench_time VAR CMD...: run CMD, store its wall time in ms in VAR.
bench_time() {
	local var=$1 t0 t1
	shift
	t0=$(date +%s%N)
	"$@" >/dev/null 2>"$scratch/bench.err" || {
		echo "benchmark command failed: $*" >&2
		cat "$scratch/bench.err" >&2
		exit 1
	}
	t1=$(date +%s%N)
	eval "$var=$(( (t1 - t0) / 1000000 ))"
}

# ratio A B: A/B with two decimals.
ratio() { echo "$1 $2" | awk '{ printf "%.2f", $1 / ($2 ? $2 : 1) }'; }

report_line() { printf '  %-58s %8s ms\n' "$1" "$2"; }

# peak_memory LABEL: one avslut-report --format=csv into $scratch/big.csv
# under /usr/bin/time -v; prints its wall clock and peak resident memory
# against the 64 MiB target.
peak_memory() {
	/usr/bin/time -v avslut-report --format=csv >"$scratch/big.csv" 2>"$scratch/time.txt" || {
		cat "$scratch/time.txt" >&2
		exit 1
	}
	local rss wall
	rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$scratch/time.txt")
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$scratch/time.txt")
	printf "  %-58s %11s\n" "avslut-report --format=csv ($1), wall clock" "$wall"
	printf '  %-58s %8s KiB\n' "peak resident memory ($1)" "$rss"
	echo "  peak memory ($1): $(( rss / 1024 )) MiB (target < 64 MiB)"
}

# decrypt_files VAR: the GnuPG baseline of a report -- one
# `gpg --decrypt-files` over copies of the store's records, after a first
# run that warms the cache -- its wall time in ms in VAR.
decrypt_files() {
	mkdir -p "$scratch/files"
	cp "$AVSLUT_STORE"/records/*.asc "$scratch/files/"
	gpg --batch --quiet --yes --decrypt-files "$scratch"/files/*.asc 2>/dev/null
	bench_time "$1" gpg --batch --quiet --yes --decrypt-files "$scratch"/files/*.asc
}

# gpg_encrypt_loop N FILE FPR...: the GnuPG baseline, N plain
# `gpg --encrypt` runs of FILE to the given keys, from a shell loop.
gpg_encrypt_loop() {
	local n=$1 file=$2 i=0 r=""
	shift 2
	for fpr; do r="$r -r $fpr"; done
	while [ $i -lt "$n" ]; do
		gpg --batch --yes -q --trust-model always -a $r \
		    -o "$scratch/baseline.asc" -e "$file" || return 1
		i=$((i + 1))
	done
}
