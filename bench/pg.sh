#!/bin/bash
# bench/pg.sh [BIN] — issue 13's server figures on PostgreSQL (BENCHMARKS.md):
# durable, acknowledged responses/s with 1, 2 and 4 `hailong serve`
# processes on one PostgreSQL 15 database (a clerk's session posting
# /api/v1/responses, every response counted; one wrk per process, the
# connections shared out), next to pgbench's single-row INSERT with 8
# clients on the same cluster (one row per transaction, the baseline the
# group commit must beat) and nginx answering `return 204` to the same
# requests, in the same run. The cluster is a throw-away one made here
# (initdb in a temporary directory, as nobody under root; a Unix socket
# only) with fsync and synchronous_commit on: every acknowledged row is on
# disk. Not a CI gate.
#
# BIN defaults to build-bench/hailong (a release build made here if needed).
# Needs wrk, nginx and PostgreSQL 15 (`scripts/deps.sh bench`).
# Environment: BENCH_SECONDS (default 10), BENCH_CONNS (64, shared by the
# processes), BENCH_PROCS ("1 2 4"), BENCH_READERS (--readers, 4),
# BENCH_UNITS (1: every response for one unit, so every process adds to the
# same counter rows; N: N communes, each with its own clerk, the requests
# dealt out among them in turn, as a province's offices post),
# JOBS (ninja -j, 1), BENCH_PG_STATS=1 (after each hailong run, to stderr:
# the statements it ran most, per stored response, from pg_stat_statements,
# the transactions per stored response and each process's writer figures;
# it costs a little speed). Each row also says how busy the machine's CPUs
# were during it, and so the CPU time it took per row or request (all
# processes: the clients', PostgreSQL's, hailong's).
set -euo pipefail

. "$(dirname "$0")/lib.sh"
if [ $# -ge 1 ]; then
	BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
	BUILDDIR=""
else
	BUILDDIR=$ROOT/build-bench
	BIN=$BUILDDIR/hailong
fi
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNS:-64}
PROCS=${BENCH_PROCS:-1 2 4}
READERS=${BENCH_READERS:-4}

{ command -v wrk && { command -v nginx || [ -x /usr/sbin/nginx ]; } && [ -x "$PG_BIN/pgbench" ]; } \
	>/dev/null || "$ROOT/scripts/deps.sh" bench >&2
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
# Under /tmp: short enough for the socket's path, reachable by nobody.
T=$(mktemp -d /tmp/hailong-pg-bench.XXXXXX)
PIDS=()
NGX_PID=""
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	[ -n "$NGX_PID" ] && kill -QUIT "$NGX_PID" 2>/dev/null || true
	pg_cluster_stop "$T/pg"
	sleep 0.5
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

if [ -n "$BUILDDIR" ]; then
	if [ ! -f "$BUILDDIR/build.ninja" ]; then
		say "== Tạo bản dựng release trong $BUILDDIR"
		meson setup "$BUILDDIR" "$ROOT" --buildtype=release >&2
	fi
	ninja -C "$BUILDDIR" -j"${JOBS:-1}" hailong >&2
fi

say "== Cụm PostgreSQL tạm trong $T/pg (fsync bật)"
pg_cluster_start "$T/pg" ${BENCH_PG_STATS:+-c shared_preload_libraries=pg_stat_statements}
psql() { pg_psql "$T/pg" "$@"; }
psql -d postgres -c "CREATE DATABASE hailong" -c "CREATE DATABASE pgb"
[ -z "${BENCH_PG_STATS:-}" ] || psql -d hailong -c "CREATE EXTENSION pg_stat_statements"
export HAILONG_DB="postgresql://hailong@/hailong?host=$T/pg"

free_port() { # a port nobody listens on, from $1 up
	local p=$1
	while (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
	echo "$p"
}

UNITS=${BENCH_UNITS:-1}
CLERK_UNITS=BENCH
[ "$UNITS" -eq 1 ] || CLERK_UNITS=$(seq -f "BENCH-%0${#UNITS}g" 1 "$UNITS")
"$BIN" init >/dev/null
{
	echo 'code,name,type,parent,valid_from,valid_to'
	if [ "$UNITS" -eq 1 ]; then
		echo 'BENCH,Phường Đo Tải,ubnd-xa,,,'
	else
		echo 'BENCH,Tỉnh Đo Tải,tinh,,,'
		for u in $CLERK_UNITS; do echo "$u,Xã Đo Tải ${u#BENCH-},ubnd-xa,BENCH,,"; done
	fi
} >"$T/units.csv"
"$BIN" units import "$T/units.csv" >/dev/null
for u in $CLERK_UNITS; do
	echo 'mat-khau-do-tai-1' | "$BIN" users add "clerk-$u" --role clerk --unit "$u" >/dev/null
done

BASEPORT=$(free_port "${BENCH_PORT:-18950}")
start_servers() { # start_servers N: N processes on BASEPORT...
	PIDS=()
	for i in $(seq 0 $(($1 - 1))); do
		"$BIN" serve --listen "127.0.0.1:$((BASEPORT + i))" --readers "$READERS" --quiet \
			>/dev/null 2>"$T/serve-$1-$i.log" &
		PIDS+=($!)
	done
	for i in $(seq 0 $(($1 - 1))); do
		for _ in $(seq 100); do
			curl -s -o /dev/null "http://127.0.0.1:$((BASEPORT + i))/healthz" && continue 2
			sleep 0.1
		done
		cat "$T/serve-$1-$i.log" >&2
		exit 1
	done
}
stop_servers() {
	for p in "${PIDS[@]}"; do kill "$p"; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
	PIDS=()
}

# Each clerk's session and form token, valid on every process (sessions are
# in the database): "unit<TAB>session<TAB>token" lines for serve-post.lua.
start_servers 1
B="http://127.0.0.1:$BASEPORT"
for u in $CLERK_UNITS; do
	JAR=$T/jar-$u
	curl -s -c "$JAR" -b "$JAR" -o "$T/login.html" "$B/login"
	LCSRF=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$T/login.html" | head -n 1)
	curl -s -c "$JAR" -b "$JAR" -o /dev/null --data-urlencode "name=clerk-$u" \
		--data-urlencode password=mat-khau-do-tai-1 --data-urlencode "csrf=$LCSRF" "$B/login"
	curl -s -b "$JAR" -o "$T/review.html" "$B/review"
	printf '%s\t%s\t%s\n' "$u" "$(awk '$6 == "hl_session" { print $7 }' "$JAR")" \
		"$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$T/review.html" | head -n 1)"
done >"$T/clerks.tsv"
[ "$(awk -F'\t' '$2 != "" && $3 != ""' "$T/clerks.tsv" | wc -l)" -eq "$UNITS" ] ||
	{ echo "pg.sh: a clerk could not log in" >&2; exit 1; }
stop_servers

# cpu_now: the machine's "total idle" CPU time so far (jiffies).
cpu_now() { awk '$1 == "cpu" { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $5 + $6 }' /proc/stat; }
# cpu_cols SINCE RATE: "busy% µs" — the share of the machine's CPU time busy
# since SINCE (cpu_now's), and that time per one of RATE a second.
cpu_cols() {
	local t0 i0 t1 i1
	read -r t0 i0 <<<"$1"
	read -r t1 i1 <<<"$(cpu_now)"
	awk -v t=$((t1 - t0)) -v i=$((i1 - i0)) -v r="$2" -v c="$(nproc)" 'BEGIN {
		b = t > 0 ? (t - i) / t : 0; printf "%.0f %.0f", 100 * b, (r > 0 ? b * c * 1e6 / r : 0) }'
}

# wrk_run NAME URL CONNS: one wrk in the background; its output in wrk-NAME.txt.
wrk_run() {
	BENCH_CLERKS=$T/clerks.tsv BENCH_PREFIX="$1-$$" wrk -t1 -c"$3" -d"${SECS}s" --timeout 10s \
		-s "$ROOT/bench/serve-post.lua" "$2" >"$T/wrk-$1.txt" 2>&1
}
# sum NAMES...: "requests 2xx/s p50_ms p99_ms errors" over the wrk runs (p50, p99: the worst).
sum() {
	local f
	for f in "$@"; do cat "$T/wrk-$f.txt"; done | awk -F'\t' '$1 == "RESULT" {
		r += $2; ok += $4; if ($5 > p50) p50 = $5; if ($6 > p99) p99 = $6; e += $7 }
		END { printf "%d %.0f %.2f %.2f %d", r, ok, p50 / 1000, p99 / 1000, e }'
}

say "== pgbench: INSERT một dòng mỗi giao dịch, 8 máy khách, ${SECS}s"
psql -d pgb -c "CREATE TABLE r (id bigserial PRIMARY KEY, unit_id bigint NOT NULL,
	day bigint NOT NULL, answers bytea NOT NULL, comment text)"
echo "INSERT INTO r (unit_id, day, answers, comment) VALUES (1, 20000, '\\x0504040505', 'Cán bộ hướng dẫn nhiệt tình');" >"$T/insert.sql"
C0=$(cpu_now)
"$PG_BIN/pgbench" -h "$T/pg" -U hailong -n -c 8 -j 2 -T "$SECS" -f "$T/insert.sql" pgb >"$T/pgbench.txt" 2>&1 ||
	{ cat "$T/pgbench.txt" >&2; exit 1; }
PGB=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$T/pgbench.txt" | head -n 1)
read -r PGB_BUSY PGB_US <<<"$(cpu_cols "$C0" "$PGB")"
PGB_LAT=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$T/pgbench.txt")

say "== nginx return 204, wrk -c$CONNS"
NPORT=$(free_port $((BASEPORT + 10)))
mkdir -p "$T/nginx/logs" "$T/nginx/tmp"
cat >"$T/nginx/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $T/nginx/nginx.pid;
error_log $T/nginx/logs/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $T/nginx/tmp;
	proxy_temp_path $T/nginx/tmp;
	fastcgi_temp_path $T/nginx/tmp;
	uwsgi_temp_path $T/nginx/tmp;
	scgi_temp_path $T/nginx/tmp;
	server { listen 127.0.0.1:$NPORT; location / { return 204; } }
}
EOF
"$NGINX" -p "$T/nginx" -c "$T/nginx/nginx.conf" 2>"$T/nginx/stderr" &
NGX_PID=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$NPORT/" && break; sleep 0.1; done
C0=$(cpu_now)
wrk_run nginx "http://127.0.0.1:$NPORT/api/v1/responses" "$CONNS"
read -r _ NGINX_RATE _ NGINX_P99 _ <<<"$(sum nginx)"
read -r NGX_BUSY NGX_US <<<"$(cpu_cols "$C0" "$NGINX_RATE")"
kill -QUIT "$NGX_PID"
NGX_PID=""

ROWS=()
for n in $PROCS; do
	say "== hailong: $n tiến trình serve, wrk -c$((CONNS / n)) mỗi tiến trình"
	before=$("$BIN" responses count)
	[ -z "${BENCH_PG_STATS:-}" ] ||
		psql -d hailong -c "SELECT pg_stat_statements_reset(), pg_stat_reset()" >/dev/null
	start_servers "$n"
	names=()
	wpids=()
	C0=$(cpu_now)
	for i in $(seq 0 $((n - 1))); do
		wrk_run "h$n-$i" "http://127.0.0.1:$((BASEPORT + i))/api/v1/responses" $((CONNS / n)) &
		wpids+=($!)
		names+=("h$n-$i")
	done
	wait "${wpids[@]}"
	cpu=$(cpu_cols "$C0" "$(sum "${names[@]}" | cut -d' ' -f2)")
	stop_servers
	after=$("$BIN" responses count)
	if [ -n "${BENCH_PG_STATS:-}" ] && [ "$after" -gt "$before" ]; then
		say "-- $n tiến trình: $((after - before)) phiếu; giao dịch và câu lệnh trên mỗi phiếu:"
		grep -h "bộ ghi:" "$T"/serve-"$n"-*.log >&2 || true
		psql -d hailong -F ' | ' -c "SELECT round(xact_commit::numeric / $((after - before)), 3)
			|| ' commits, ' || round(xact_rollback::numeric / $((after - before)), 3)
			|| ' rollbacks' FROM pg_stat_database WHERE datname = 'hailong'" >&2
		psql -d hailong -F ' | ' -c "SELECT round(calls::numeric / $((after - before)), 2),
			round(total_exec_time::numeric / $((after - before)), 4) AS ms,
			left(regexp_replace(query, '\s+', ' ', 'g'), 110)
			FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database
			WHERE datname = 'hailong') ORDER BY calls DESC LIMIT 15" >&2
	fi
	read -r reqs ok p50 p99 errs <<<"$(sum "${names[@]}")"
	ROWS+=("$(awk -v n="$n" -v r="$reqs" -v ok="$ok" -v p50="$p50" -v p99="$p99" -v e="$errs" \
		-v stored=$((after - before)) -v pgb="$PGB" -v ng="$NGINX_RATE" -v cpu="$cpu" 'BEGIN {
		split(cpu, c, " ")
		printf "| hailong, %d × serve | %d | %.0f | %.2f × | %.1f %% | %.2f | %.2f | %d | %d | %d %% | %d |",
			n, r, ok, ok / pgb, 100 * ok / ng, p50, p99, e, stored, c[1], c[2] }')")
done

echo "| on one PostgreSQL 15 cluster | requests | acknowledged/s | × pgbench | % of nginx | p50 ms | p99 ms | errors | stored | CPU busy | CPU µs each |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${ROWS[@]}"
printf '| pgbench, INSERT of one row per transaction, 8 clients | | %.0f | 1 × | | | %s (mean) | | | %s %% | %s |\n' \
	"$PGB" "$PGB_LAT" "$PGB_BUSY" "$PGB_US"
printf '| nginx `return 204` | | %.0f | | 100 %% | | %s | | | %s %% | %s |\n' "$NGINX_RATE" "$NGINX_P99" \
	"$NGX_BUSY" "$NGX_US"
echo
echo "Responses posted to $UNITS unit(s), each with its own clerk (BENCH_UNITS)."
echo "CPU busy: the machine's, all processes (clients included), during the row's run; CPU µs each: that time per acknowledged response, row or request."
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo); $(uname -sr); load average before the run: $LOAD."
