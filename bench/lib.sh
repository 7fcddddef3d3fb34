# bench/lib.sh — what the bench scripts (run.sh, report.sh, dossiers.sh)
# share, sourced by them (bash): the binary and its build directory, the
# temporary directory, the release build made if needed, runs measured by
# bench/peakrss and the figures' formats. Each script first calls
# `bench_setup NAME "$@"`.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

say() { printf '%s\n' "$*" >&2; }

# bench_setup NAME [BIN] — BIN (default build-bench/hailong, a release build
# made here if needed), BUILDDIR, SIZES, RUNS, buildtype and T, a temporary
# directory NAME.XXXXXX removed at exit.
bench_setup()
{
	local name=$1
	shift
	if [ $# -ge 1 ]; then
		BIN=$1
		BUILDDIR=$(dirname "$BIN")
	else
		BUILDDIR=$ROOT/build-bench
		BIN=$BUILDDIR/hailong
	fi
	SIZES=${BENCH_SIZES:-"1000000 10000000"}
	RUNS=${BENCH_RUNS:-5}
	T=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/$name.XXXXXX")
	trap 'rm -rf "$T"' EXIT INT TERM
	if [ ! -f "$BUILDDIR/build.ninja" ]; then
		say "== Tạo bản dựng release trong $BUILDDIR"
		meson setup "$BUILDDIR" "$ROOT" --buildtype=release >&2
	fi
	buildtype=$(meson configure "$BUILDDIR" 2>/dev/null | awk '$1 == "buildtype" { print $2; exit }')
	if [ "$buildtype" != "release" ]; then
		say "Cảnh báo: $BUILDDIR có buildtype '$buildtype', không phải release: số đo không đại diện."
	fi
}

# bench_ninja TARGETS... — build them (ninja -j$JOBS, default 1: the machine
# may be shared); the log shown and exit on failure.
bench_ninja()
{
	if ! ninja -C "$BUILDDIR" -j"${JOBS:-1}" "$@" >"$T/build.log" 2>&1; then
		cat "$T/build.log" >&2
		exit 1
	fi
}

# bench_build TARGETS... — hailong and the measuring tools.
bench_build()
{
	say "== Dựng hailong và công cụ đo (ninja -j${JOBS:-1})"
	bench_ninja hailong bench/peakrss "$@"
}

# measure OUT CMD... — run CMD (stdout to OUT), set SECS and KB.
measure()
{
	local out=$1
	shift
	if ! "$BUILDDIR/bench/peakrss" "$T/m.txt" "$@" >"$out"; then
		say "LỖI: lệnh thất bại: $*"
		exit 1
	fi
	read -r SECS KB <"$T/m.txt"
}

# median TIMES... — the middle one of the times (s).
median()
{
	printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }

# bench_db N — DB, a new database for N rows with the units of
# $T/units.csv (bench/gen_responses).
bench_db()
{
	DB=$T/bench-$1.db
	"$BIN" --db "$DB" init >/dev/null
	"$BIN" --db "$DB" units import "$T/units.csv" >/dev/null
}

# bench_drop_db — remove DB and its journal files.
bench_drop_db() { rm -f "$DB" "$DB-journal" "$DB-wal" "$DB-shm"; }

# The machine, for the results' heading.
machine()
{
	echo "Máy: $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM"
}
