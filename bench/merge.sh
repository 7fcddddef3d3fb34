#!/bin/bash
# bench/merge.sh [BIN] — `hailong copy --merge` of one office into a
# province's PostgreSQL database (issue 13, BENCHMARKS.md "`hailong copy` of
# a 1-million-response office"): an office of BENCH_SIZES responses over
# 500 units (bench/gen_responses, imported into its own SQLite file), merged
# into a database that holds only what `init` put there, then merged once
# more (which must add nothing); time and peak memory of both, and the
# office's `index --period 2024` compared with the merged database's.
# Always on a throw-away PostgreSQL 15 cluster. Not a CI gate.
#
# BIN defaults to build-bench/hailong, a release build made here if needed.
# Environment: BENCH_SIZES (default "1000000"), BENCH_TMP, JOBS.
set -euo pipefail

. "$(dirname "$0")/lib.sh"
BENCH_SIZES=${BENCH_SIZES:-1000000}
bench_setup hailong-merge-bench "$@"
bench_build bench/gen_responses
BENCH_PG=1
bench_pg

for N in $SIZES; do
	say "== $N phiếu"
	"$BUILDDIR/bench/gen_responses" "$T/units.csv" "$T/responses.csv" "$N" >/dev/null
	OFFICE=$T/office-$N.db
	"$BIN" --db "$OFFICE" init >/dev/null
	"$BIN" --db "$OFFICE" units import "$T/units.csv" >/dev/null
	"$BIN" --db "$OFFICE" responses import "$T/responses.csv" >/dev/null
	pg_psql "$T/pg" -d postgres -c "CREATE DATABASE m$N"
	DB="postgresql://hailong@/m$N?host=$T/pg"
	"$BIN" --db "$DB" init >/dev/null
	for run in "gộp lần đầu" "gộp lại"; do
		measure "$T/out" "$BIN" copy --merge --from "$OFFICE" --to "$DB"
		say "  $run: $(printf '%.1f' "$SECS") s, đỉnh $(mb "$KB") MB — $(head -n 1 "$T/out")"
	done
	"$BIN" --db "$OFFICE" index --period 2024 --format csv >"$T/office.csv"
	"$BIN" --db "$DB" index --period 2024 --format csv >"$T/merged.csv"
	if cmp -s "$T/office.csv" "$T/merged.csv"; then
		say "  index 2024: giống hệt chỉ số của cơ quan"
	else
		say "  index 2024: KHÁC chỉ số của cơ quan"
		exit 1
	fi
	rm -f "$OFFICE" "$T/responses.csv"
done
