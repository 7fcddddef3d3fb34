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

PG_BIN=/usr/lib/postgresql/15/bin
# pg_as_owner CMD... — run CMD as the cluster's owner (nobody under root:
# initdb refuses root).
pg_as_owner() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u nobody -- "$@"); else "$@"; fi; }

# pg_cluster_start DIR [POSTGRES OPTIONS] — a throw-away PostgreSQL 15
# cluster in DIR (made here; its socket there, no TCP), fsync and
# synchronous_commit on, role hailong; stopped by pg_cluster_stop DIR.
pg_cluster_start()
{
	local dir=$1
	shift
	mkdir -p "$dir"
	[ "$(id -u)" -ne 0 ] || chown nobody "$(dirname "$dir")" "$dir"
	pg_as_owner "$PG_BIN/initdb" -D "$dir/data" -U hailong -A trust -E UTF8 --locale=C.UTF-8 \
		>"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
	pg_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
		-o "-k $dir -c listen_addresses= -c max_connections=200 -c shared_buffers=256MB $*" \
		start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
}

pg_cluster_stop()
{
	[ ! -f "$1/data/postmaster.pid" ] ||
		pg_as_owner "$PG_BIN/pg_ctl" -D "$1/data" -m fast -w stop >/dev/null 2>&1 || true
}

# pg_psql DIR ARGS... — psql on DIR's cluster as hailong, quiet, stopping at an error.
pg_psql() { local dir=$1; shift; "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$dir" -U hailong "$@"; }

# bench_pg — with BENCH_PG=1, the databases of bench_db are on a throw-away
# PostgreSQL cluster in $T/pg started here (stopped at exit), set up as
# docs/deploy.md says.
bench_pg()
{
	[ "${BENCH_PG:-}" = 1 ] || return 0
	say "== Cụm PostgreSQL tạm trong $T/pg (fsync bật)"
	# random_page_cost as docs/deploy.md sets it for SSD storage
	pg_cluster_start "$T/pg" -c random_page_cost=1.1
	trap 'pg_cluster_stop "$T/pg"; rm -rf "$T"' EXIT INT TERM
}

# bench_db N — DB, a new database for N rows with the units of
# $T/units.csv (bench/gen_responses): a file, or with BENCH_PG=1 a database
# of the cluster.
bench_db()
{
	if [ "${BENCH_PG:-}" = 1 ]; then
		DB_NAME=b$1
		pg_psql "$T/pg" -d postgres -c "CREATE DATABASE $DB_NAME"
		DB="postgresql://hailong@/$DB_NAME?host=$T/pg"
	else
		DB=$T/bench-$1.db
	fi
	"$BIN" --db "$DB" init >/dev/null
	"$BIN" --db "$DB" units import "$T/units.csv" >/dev/null
}

# bench_db_mb — DB's size in MB.
bench_db_mb()
{
	if [ "${BENCH_PG:-}" = 1 ]; then
		pg_psql "$T/pg" -d postgres -c "SELECT pg_database_size('$DB_NAME') / 1048576"
	else
		du -m "$DB" | cut -f1
	fi
}

# bench_drop_db — remove DB and its journal files (or drop the database).
bench_drop_db()
{
	if [ "${BENCH_PG:-}" = 1 ]; then
		pg_psql "$T/pg" -d postgres -c "DROP DATABASE $DB_NAME"
	else
		rm -f "$DB" "$DB-journal" "$DB-wal" "$DB-shm"
	fi
}

# bench_copy_baseline CSV — with BENCH_PG=1, the seconds psql's \copy takes
# to load CSV into a bare table of text columns named by its header (the
# floor a loader of the same file can reach) into COPY_S; else COPY_S="".
bench_copy_baseline()
{
	COPY_S=""
	[ "${BENCH_PG:-}" = 1 ] || return 0
	local cols
	cols=$(head -n 1 "$1" | tr -d '\r' | awk -F, '{ for (i = 1; i <= NF; i++) printf "%s\"%s\" text", (i > 1 ? ", " : ""), $i }')
	pg_psql "$T/pg" -d postgres -c "CREATE DATABASE bare"
	pg_psql "$T/pg" -d bare -c "CREATE TABLE r ($cols)"
	measure /dev/null "$PG_BIN/psql" -X -q -h "$T/pg" -U hailong -d bare \
		-c "\\copy r FROM '$1' WITH (FORMAT csv, HEADER true)"
	COPY_S=$SECS
	pg_psql "$T/pg" -d postgres -c "DROP DATABASE bare"
}

# bench_copy_floor — with BENCH_PG=1, after an import into $DB_NAME: the
# seconds COPY takes to load the rows the import stored into a table made
# like `responses` (its indexes, defaults and foreign keys), the floor for
# storing them with their constraints, into FLOOR_S; else FLOOR_S="".
bench_copy_floor()
{
	FLOOR_S=""
	[ "${BENCH_PG:-}" = 1 ] || return 0
	pg_psql "$T/pg" -d "$DB_NAME" -c "\\copy (SELECT * FROM responses) TO '$T/floor.copy'"
	pg_psql "$T/pg" -d "$DB_NAME" -c "CREATE TABLE floor (LIKE responses INCLUDING ALL)"
	printf '%s\n\\gexec\n' "SELECT format('ALTER TABLE floor ADD %s', pg_get_constraintdef(oid)) FROM pg_constraint WHERE conrelid = 'responses'::regclass AND contype = 'f'" |
		pg_psql "$T/pg" -d "$DB_NAME"
	measure /dev/null "$PG_BIN/psql" -X -q -h "$T/pg" -U hailong -d "$DB_NAME" \
		-c "\\copy floor FROM '$T/floor.copy'"
	FLOOR_S=$SECS
	pg_psql "$T/pg" -d "$DB_NAME" -c "DROP TABLE floor"
	rm -f "$T/floor.copy"
}

# The machine, for the results' heading.
machine()
{
	echo "Máy: $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM"
}
