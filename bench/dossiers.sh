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

. "$(dirname "$0")/lib.sh"
bench_setup hailong-dossiers "$@"
bench_build bench/gen_responses bench/gen_dossiers

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
	MED=$(median "${times[@]}")
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
	"$BUILDDIR/bench/gen_responses" "$T/units.csv" "$T/none.csv" 0
	measure /dev/null "$BUILDDIR/bench/gen_dossiers" "$T/dossiers.csv" "$N"
	say "  tạo tệp trong ${SECS%.*} s ($(du -m "$T/dossiers.csv" | cut -f1) MB)"
	bench_db "$N"
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
	bench_drop_db
done

say ""
echo "hailong dossiers bench — $(date -u '+%Y-%m-%d %H:%M UTC'), $BIN ($buildtype)"
machine
echo
cat "$IMPORTS"
echo
cat "$RESULTS"
