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
# directory goes), JOBS (ninja -j, default 1), BENCH_PG=1 (the database on
# a throw-away PostgreSQL 15 cluster, psql's \copy of the same file timed
# beside the import, and a COPY of the rows it stored into a table made like
# `responses`, and `index --period 2024` for all units timed too: the
# province's figures of issue 13 from one import).
set -euo pipefail

. "$(dirname "$0")/lib.sh"
bench_setup hailong-report-bench "$@"
bench_build bench/gen_responses
GEN=$BUILDDIR/bench/gen_responses
bench_pg
# Whole milliseconds: a report takes seconds.
ms() { awk -v s="$1" 'BEGIN { printf "%.0f", s * 1000 }'; }

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
	MED=$(median "${times[@]}")
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
	measure /dev/null "$GEN" "$T/units.csv" "$T/responses.csv" "$N"
	bench_copy_baseline "$T/responses.csv"
	bench_db "$N"
	measure "$T/import.out" "$BIN" --db "$DB" responses import "$T/responses.csv"
	IMP=$(awk -v n="$N" -v s="$SECS" 'BEGIN { printf "%.0f", n / s }')
	say "  nhập: $(printf '%.1f' "$SECS") s, $IMP phiếu/s, đỉnh $(mb "$KB") MB"
	if [ -n "$COPY_S" ]; then
		IMP_S=$SECS
		say "  psql \\copy: $(printf '%.1f' "$COPY_S") s; nhập bằng $(awk -v c="$COPY_S" -v i="$IMP_S" 'BEGIN { printf "%.1f", 100 * c / i }') % tốc độ của nó"
		bench_copy_floor
		say "  COPY các phiếu đã lưu vào một bảng như responses (chỉ mục, khóa ngoại): $(printf '%.1f' "$FLOOR_S") s; nhập bằng $(awk -v c="$FLOOR_S" -v i="$IMP_S" 'BEGIN { printf "%.1f", 100 * c / i }') % tốc độ của nó"
		index_times=()
		for ((i = 0; i < RUNS; i++)); do
			measure /dev/null "$BIN" --db "$DB" index --period 2024 --format csv
			index_times+=("$SECS")
		done
		say "  index 2024 (500 đơn vị): trung vị $(ms "$(median "${index_times[@]}")") ms"
	fi
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
	bench_drop_db
done

say ""
echo "hailong report bench — $(date -u '+%Y-%m-%d %H:%M UTC'), $BIN"
echo "Máy: $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), tải $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Báo cáo: trung vị của $RUNS lần chạy (khoảng ngày tự chọn: 1 lần), cả tiến trình."
echo
cat "$RESULTS"
