#!/bin/bash
# bench/serve.sh [BIN] — the server's load figures of issues 3 and 11
# (BENCHMARKS.md): wrk on loopback, 64 connections, 10 s, POST
# /api/v1/responses with a kiosk token and a unique id per request
# (bench/serve-post.lua); durable acknowledged responses/s (2xx: an answer
# is sent only once the response is committed), p50 and p99 latency, the
# server's peak resident memory (VmHWM), and the writer's commits (one fsync
# each) per stored response, next to nginx answering `return 204` to the same
# requests on the same machine in the same run. Not a CI gate.
#
# BIN defaults to build-bench/hailong (a release build made here if needed).
# Needs wrk and nginx (Debian's wrk and nginx-light, installed if missing by
# `scripts/deps.sh bench`) — for the benchmark only, not for `make test`.
# Environment: BENCH_SECONDS (default 10), BENCH_CONNS (64), BENCH_THREADS
# (wrk threads, 2), BENCH_MODE (kiosk: the kiosk path, most requests held by
# the burst rule; user: a logged-in clerk, every response counted; both:
# both, the default), BENCH_READERS (the server's --readers, 8),
# BENCH_SERVE_ARGS (more options for `hailong serve`), JOBS (ninja -j, 1).
# The server is started afresh for each mode: its writer's counters, logged
# when it stops, give the commits of that mode alone.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -ge 1 ]; then
	BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
	BUILDDIR=""
else
	BUILDDIR=$ROOT/build-bench
	BIN=$BUILDDIR/hailong
fi
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNS:-64}
THREADS=${BENCH_THREADS:-2}
MODE=${BENCH_MODE:-both}
READERS=${BENCH_READERS:-8}

say() { printf '%s\n' "$*" >&2; }

command -v wrk >/dev/null && { command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; } ||
	"$ROOT/scripts/deps.sh" bench >&2
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
T=$(mktemp -d "${TMPDIR:-/tmp}/hailong-serve-bench.XXXXXX")
SRV_PID=""
NGX_PID=""
cleanup() {
	[ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null || true
	[ -n "$NGX_PID" ] && kill -QUIT "$NGX_PID" 2>/dev/null || true
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

free_port() { # a port nobody listens on, from $1 up
	local p=$1
	while (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
	echo "$p"
}

export HAILONG_DB=$T/bench.db
"$BIN" init >/dev/null
printf 'code,name,type,parent,valid_from,valid_to\nBENCH,Phường Đo Tải,ubnd-xa,,,\n' >"$T/units.csv"
"$BIN" units import "$T/units.csv" >/dev/null
TOKEN=$("$BIN" kiosks add --unit BENCH --name bench | sed -n 's/.*lưu lại): //p')
echo 'mat-khau-do-tai-1' | "$BIN" users add bench --role clerk --unit BENCH >/dev/null

PORT=$(free_port "${BENCH_PORT:-18900}")
start_server() { # start_server NAME: serve, its log in $T/serve-NAME.log
	# shellcheck disable=SC2086
	"$BIN" serve --listen "127.0.0.1:$PORT" --readers "$READERS" ${BENCH_SERVE_ARGS:-} --quiet \
		>/dev/null 2>"$T/serve-$1.log" &
	SRV_PID=$!
	for _ in $(seq 100); do
		curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && return 0
		sleep 0.1
	done
	cat "$T/serve-$1.log" >&2
	exit 1
}
stop_server() {
	kill "$SRV_PID"
	wait "$SRV_PID" 2>/dev/null || true
	SRV_PID=""
}
start_server setup

NPORT=$(free_port $((PORT + 1)))
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
	server {
		listen 127.0.0.1:$NPORT;
		location / { return 204; }
	}
}
EOF
"$NGINX" -p "$T/nginx" -c "$T/nginx/nginx.conf" 2>"$T/nginx/stderr" &
NGX_PID=$!
for _ in $(seq 50); do
	curl -s -o /dev/null "http://127.0.0.1:$NPORT/" && break
	sleep 0.1
done

# A logged-in clerk's cookie and CSRF token, for the user mode.
JAR=$T/jar
curl -s -c "$JAR" -b "$JAR" -o "$T/login.html" "http://127.0.0.1:$PORT/login"
LCSRF=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$T/login.html" | head -n 1)
curl -s -c "$JAR" -b "$JAR" -o /dev/null --data-urlencode name=bench \
	--data-urlencode password=mat-khau-do-tai-1 --data-urlencode "csrf=$LCSRF" \
	"http://127.0.0.1:$PORT/login"
SESSION=$(awk '$6 == "hl_session" { print $7 }' "$JAR")
curl -s -b "$JAR" -o "$T/review.html" "http://127.0.0.1:$PORT/review"
CSRF=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$T/review.html" | head -n 1)

# run NAME URL AUTH_HEADER [EXTRA_HEADER]: one wrk run; prints a table row.
run() {
	local name=$1 url=$2
	shift 2
	BENCH_AUTH=$1 BENCH_EXTRA=${2:-} BENCH_UNIT=BENCH BENCH_PREFIX="$name-$$" \
		wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --timeout 10s -s "$ROOT/bench/serve-post.lua" \
		"$url" >"$T/wrk-$name.txt" 2>&1 || { cat "$T/wrk-$name.txt" >&2; exit 1; }
	cat "$T/wrk-$name.txt" >&2
}

reset_peak() { # start VmHWM afresh for PID and its children (a login's argon2id
	# takes 64 MB for a moment: not what the load costs)
	local p
	for p in "$@" $(pgrep -P "$1" 2>/dev/null || true); do
		echo 5 >"/proc/$p/clear_refs" 2>/dev/null || true
	done
}

rss() { # peak resident memory of PID and its children (nginx workers), MB
	local total=0 p kb
	for p in "$@" $(pgrep -P "$1" 2>/dev/null || true); do
		kb=$(awk '/^VmHWM/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
		total=$((total + ${kb:-0}))
	done
	awk -v kb="$total" 'BEGIN { printf "%.1f", kb / 1024 }'
}

row() { # row LABEL NAME RSS_MB COMMITS STORED ("" for nginx)
	awk -v label="$1" -v rss="$3" -v commits="$4" -v stored="$5" -v ng="${NGINX_RATE:-0}" -F'\t' '$1 == "RESULT" {
		per = stored > 0 ? sprintf("%.3f", commits / stored) : ""
		pct = ng > 0 ? sprintf("%.1f %%", 100 * $4 / ng) : ""
		printf "| %s | %d | %.0f | %.0f | %s | %.2f | %.2f | %s | %d | %s | %s | %s |\n", label, $2, $3, $4,
			pct, $5 / 1000, $6 / 1000, rss, $7, stored, commits, per }' \
		"$T/wrk-$2.txt"
}

# mode NAME LABEL AUTH [EXTRA]: the server afresh, one wrk run, its row.
mode() {
	local name=$1 label=$2 before after commits
	shift 2
	before=$("$BIN" responses count)
	start_server "$name"
	reset_peak "$SRV_PID"
	run "$name" "http://127.0.0.1:$PORT/api/v1/responses" "$@"
	local mem
	mem=$(rss "$SRV_PID")
	stop_server
	after=$("$BIN" responses count)
	commits=$(sed -n 's/.*bộ ghi: \([0-9]*\) lần ghi.*/\1/p' "$T/serve-$name.log" | tail -n 1)
	ROWS+=("$(row "$label" "$name" "$mem" "$commits" $((after - before)))")
}

say "== hailong $BIN (--readers $READERS ${BENCH_SERVE_ARGS:-}), nginx $("$NGINX" -v 2>&1 | sed 's/.*\///'), wrk -t$THREADS -c$CONNS -d${SECS}s"
ROWS=()
stop_server
reset_peak "$NGX_PID"
run nginx "http://127.0.0.1:$NPORT/api/v1/responses" "Authorization: Bearer $TOKEN"
NGINX_RATE=$(awk -F'\t' '$1 == "RESULT" { print $4 }' "$T/wrk-nginx.txt")
NGINX_ROW="$(row "nginx \`return 204\`" nginx "$(rss "$NGX_PID")" "" "")"
if [ "$MODE" = kiosk ] || [ "$MODE" = both ]; then
	mode kiosk "hailong, kiosk token (burst rule: held)" "Authorization: Bearer $TOKEN"
fi
if [ "$MODE" = user ] || [ "$MODE" = both ]; then
	mode user "hailong, clerk session (all counted)" "Cookie: hl_session=$SESSION" "X-CSRF-Token: $CSRF"
fi
ROWS+=("$NGINX_ROW")

stored=$("$BIN" responses count)
held=$("$BIN" responses list-ids --status held | wc -l)

echo "| server | requests | responses/s | 2xx/s | % of nginx | p50 ms | p99 ms | peak RSS MB | errors | stored | commits (fsync) | fsync per stored |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${ROWS[@]}"
echo
echo "Stored in the database after the run: $stored responses ($held held for review)."
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo); $(uname -sr); load average before the run: $LOAD."
