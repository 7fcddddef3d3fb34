#!/bin/bash
# bench/report.sh [BIN] — the report figures of issue 4 (BENCHMARKS.md,
# "Reports"): for 1 and 10 million responses over 500 units and 24 months
# (bench/gen_responses, as bench/run.sh), the import rate, then the time and
# peak memory of the supervising office's yearly report over all 500 units,
# `report --period 2024 --under bench-tinh --internal`, as PDF and as XLSX
# (read from the rollups), and for comparison the same as CSV and for a
# custom day range that months cannot cut (read response by response).
# Not a CI gate.
#
# BIN defaults to build-bench/hailong, a release build made here if needed.
# Environment: BENCH_SIZES (default "1000000 10000000"), BENCH_RUNS (report
# repetitions, default 5, median reported), BENCH_TMP (where the temporary
# directory goes), JOBS (ninja -j, default 1).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -ge 1 ]; then
	BIN=$1
	BUILDDIR=$(dirname "$BIN")
else
	BUILDDIR=$ROOT/build-bench
	BIN=$BUILDDIR/hailong
fi
SIZES=${BENCH_SIZES:-"1000000 10000000"}
RUNS=${BENCH_RUNS:-5}

say() { printf '%s\n' "$*" >&2; }

T=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/hailong-report-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM

if [ ! -f "$BUILDDIR/build.ninja" ]; then
	say "== Tạo bản dựng release trong $BUILDDIR"
	meson setup "$BUILDDIR" "$ROOT" --buildtype=release >&2
fi
say "== Dựng hailong và công cụ đo (ninja -j${JOBS:-1})"
if ! ninja -C "$BUILDDIR" -j"${JOBS:-1}" hailong bench/gen_responses bench/peakrss >"$T/build.log" 2>&1; then
	cat "$T/build.log" >&2
	exit 1
fi
GEN=$BUILDDIR/bench/gen_responses
PEAK=$BUILDDIR/bench/peakrss

# measure OUT CMD... — run CMD (stdout to OUT), set SECS and KB.
measure()
{
	local out=$1
	shift
	if ! "$PEAK" "$T/m.txt" "$@" >"$out"; then
		say "LỖI: lệnh thất bại: $*"
		exit 1
	fi
	read -r SECS KB <"$T/m.txt"
}

ms() { awk -v s="$1" 'BEGIN { printf "%.0f", s * 1000 }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# report_runs FORMAT PERIOD — RUNS runs; MED (s, median), KBMAX (max).
report_runs()
{
	local fmt=$1 period=$2 i
	local -a times=()
	KBMAX=0
	for ((i = 0; i < RUNS; i++)); do
		measure /dev/null "$BIN" --db "$DB" report --period "$period" --under bench-tinh \
			--internal --format "$fmt" -o "$T/r.$fmt" --date 2024-12-25
		times+=("$SECS")
		[ "$KB" -gt "$KBMAX" ] && KBMAX=$KB
	done
	MED=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	say "  report $fmt $period: trung vị $(ms "$MED") ms, đỉnh $(mb "$KBMAX") MB ($(du -k "$T/r.$fmt" | cut -f1) kB)"
}

RESULTS=$T/results.md
{
	echo "| responses | import resp/s | PDF ms | PDF peak MB | XLSX ms | XLSX peak MB | CSV ms | CSV peak MB | range CSV ms (scan) | range peak MB |"
	echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$RESULTS"

for N in $SIZES; do
	say ""
	say "== $N phiếu, 500 đơn vị, 24 tháng (tải máy: $(cut -d' ' -f1-3 /proc/loadavg))"
	DB=$T/bench-$N.db
	measure /dev/null "$GEN" "$T/units.csv" "$T/responses.csv" "$N"
	"$BIN" --db "$DB" init >/dev/null
	"$BIN" --db "$DB" units import "$T/units.csv" >/dev/null
	measure "$T/import.out" "$BIN" --db "$DB" responses import "$T/responses.csv"
	IMP=$(awk -v n="$N" -v s="$SECS" 'BEGIN { printf "%.0f", n / s }')
	say "  nhập: $(printf '%.1f' "$SECS") s, $IMP phiếu/s, đỉnh $(mb "$KB") MB"
	rm -f "$T/responses.csv"

	report_runs pdf 2024
	P_MS=$(ms "$MED") P_MB=$(mb "$KBMAX")
	report_runs xlsx 2024
	X_MS=$(ms "$MED") X_MB=$(mb "$KBMAX")
	report_runs csv 2024
	C_MS=$(ms "$MED") C_MB=$(mb "$KBMAX")
	RUNS_SAVED=$RUNS
	RUNS=1
	report_runs csv 2024-01-01..2024-12-30
	RUNS=$RUNS_SAVED
	R_MS=$(ms "$MED") R_MB=$(mb "$KBMAX")
	printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$N" "$IMP" "$P_MS" "$P_MB" \
		"$X_MS" "$X_MB" "$C_MS" "$C_MB" "$R_MS" "$R_MB" >>"$RESULTS"
	rm -f "$DB" "$DB-journal" "$DB-wal" "$DB-shm"
done

say ""
echo "hailong report bench — $(date -u '+%Y-%m-%d %H:%M UTC'), $BIN"
echo "Máy: $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), tải $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Báo cáo: trung vị của $RUNS lần chạy (khoảng ngày tự chọn: 1 lần), cả tiến trình."
echo
cat "$RESULTS"
