#!/bin/bash
# bench/dossiers.sh [BIN] — the performance figures of dossier timeliness
# (issue 6, BENCHMARKS.md "Dossiers"): for N dossiers over 500 communes and
# 24 months, the import rate and peak memory, `dossiers stats` for every
# unit (a year, per field, procedure and channel, a district's quarter, a
# date range with partial months) and the Friday list of 500 units (PDF and
# XLSX): wall time (median of BENCH_RUNS) and peak memory. Not a CI gate.
#
# BIN defaults to build-bench/hailong (a release build made here if needed).
# Environment: BENCH_SIZES (default "1000000 10000000"), BENCH_RUNS (default
# 5), BENCH_TMP (where the temporary directory goes), JOBS (ninja -j, 1).
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

T=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/hailong-dossiers.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM

if [ ! -f "$BUILDDIR/build.ninja" ]; then
	say "== Tạo bản dựng release trong $BUILDDIR"
	meson setup "$BUILDDIR" "$ROOT" --buildtype=release >&2
fi
buildtype=$(meson configure "$BUILDDIR" 2>/dev/null | awk '$1 == "buildtype" { print $2; exit }')
say "== Dựng hailong và công cụ đo (ninja -j${JOBS:-1})"
if ! ninja -C "$BUILDDIR" -j"${JOBS:-1}" hailong bench/gen_responses bench/gen_dossiers \
	bench/peakrss >"$T/build.log" 2>&1; then
	cat "$T/build.log" >&2
	exit 1
fi
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

ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }

# runs LABEL ARGS... — RUNS runs of hailong ARGS; MED (s), MAXKB, ROWS.
runs()
{
	local label=$1 i
	local -a times=()
	shift
	MAXKB=0
	for ((i = 0; i < RUNS; i++)); do
		measure "$T/out" "$BIN" --db "$DB" "$@"
		times+=("$SECS")
		[ "$KB" -gt "$MAXKB" ] && MAXKB=$KB
	done
	MED=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	ROWS=$(($(wc -l <"$T/out") - 1))
	say "  $label: trung vị $(ms "$MED") ms (lần đầu $(ms "${times[0]}") ms), đỉnh $(mb "$MAXKB") MB, $ROWS dòng"
	printf '| %s | %s | %s | %s | %s |\n' "$N" "$label" "$(ms "$MED")" "$(mb "$MAXKB")" "$ROWS" >>"$RESULTS"
}

RESULTS=$T/results.md
IMPORTS=$T/imports.md
{
	echo "| dossiers | import s | import dossiers/s | import peak MB | DB MB |"
	echo "|---:|---:|---:|---:|---:|"
} >"$IMPORTS"
{
	echo "| dossiers | command | median ms | peak MB | output rows |"
	echo "|---:|---|---:|---:|---:|"
} >"$RESULTS"

for N in $SIZES; do
	say ""
	say "== $N hồ sơ, 500 đơn vị, 24 tháng"
	DB=$T/bench-$N.db
	"$BUILDDIR/bench/gen_responses" "$T/units.csv" "$T/none.csv" 0
	measure /dev/null "$BUILDDIR/bench/gen_dossiers" "$T/dossiers.csv" "$N"
	say "  tạo tệp trong ${SECS%.*} s ($(du -m "$T/dossiers.csv" | cut -f1) MB)"
	"$BIN" --db "$DB" init >/dev/null
	"$BIN" --db "$DB" units import "$T/units.csv" >/dev/null
	say "  nhập hồ sơ (dossiers import)…"
	measure "$T/import.out" "$BIN" --db "$DB" dossiers import "$T/dossiers.csv"
	IMP_S=$SECS IMP_KB=$KB
	rm -f "$T/dossiers.csv"
	DB_MB=$(du -m "$DB" | cut -f1)
	say "  nhập: $(printf '%.1f' "$IMP_S") s, $(rate "$N" "$IMP_S") hồ sơ/s, đỉnh $(mb "$IMP_KB") MB, CSDL $DB_MB MB"
	printf '| %s | %.1f | %s | %s | %s |\n' "$N" "$IMP_S" "$(rate "$N" "$IMP_S")" \
		"$(mb "$IMP_KB")" "$DB_MB" >>"$IMPORTS"

	runs "stats --period 2025" dossiers stats --period 2025 --format csv
	runs "stats --period 2025 --by field" dossiers stats --period 2025 --by field --format csv
	runs "stats --period 2025 --by procedure" dossiers stats --period 2025 --by procedure --format csv
	runs "stats --period 2025 --by channel" dossiers stats --period 2025 --by channel --format csv
	runs "stats --period 2025-Q3 --under bench-h01" dossiers stats --period 2025-Q3 --under bench-h01 --format csv
	runs "stats --period 2024-03-15..2025-02-20" dossiers stats --period 2024-03-15..2025-02-20 --format csv
	runs "stats --period 2025 --at \"2025-06-30 17:00\"" dossiers stats --period 2025 --at "2025-06-30 17:00" --format csv
	runs "weekly --date 2025-12-26 pdf (500 units)" dossiers weekly --date 2025-12-26 --format pdf -o "$T/w.pdf"
	runs "weekly --date 2025-12-26 xlsx (500 units)" dossiers weekly --date 2025-12-26 --format xlsx -o "$T/w.xlsx"
	runs "weekly --date 2025-12-26 csv (500 units)" dossiers weekly --date 2025-12-26 --format csv -o "$T/w.csv"
	say "  danh sách thứ Sáu: $(($(wc -l <"$T/w.csv") - 1)) dòng CSV, PDF $(du -k "$T/w.pdf" | cut -f1) KB"
	rm -f "$DB" "$DB-journal" "$DB-wal" "$DB-shm"
done

say ""
echo "hailong dossiers bench — $(date -u '+%Y-%m-%d %H:%M UTC'), $BIN ($buildtype)"
echo "Máy: $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM"
echo
cat "$IMPORTS"
echo
cat "$RESULTS"
