#!/bin/bash
# bench/serve.sh [BIN] — the server's load figures of issue 3 (BENCHMARKS.md):
# wrk on loopback, 64 connections, 10 s, POST /api/v1/responses with a kiosk
# token and a unique id per request (bench/serve-post.lua); responses/s, p50
# and p99 latency, the server's peak resident memory (VmHWM), next to nginx
# answering `return 204` to the same requests on the same machine in the same
# run. Not a CI gate.
#
# BIN defaults to build-bench/hailong (a release build made here if needed).
# Needs wrk and nginx (Debian's wrk and nginx-light, installed if missing by
# `scripts/deps.sh bench`) — for the benchmark only, not for `make test`.
# Environment: BENCH_SECONDS (default 10), BENCH_CONNS (64), BENCH_THREADS
# (wrk threads, 2), BENCH_MODE (kiosk: the kiosk path, most requests held by
# the burst rule; user: a logged-in clerk, every response counted; both:
# both, the default), JOBS (ninja -j, 1).
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

say() { printf '%s\n' "$*" >&2; }

"$ROOT/scripts/deps.sh" bench >&2
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

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

PORT=$(free_port 18900)
"$BIN" serve --listen "127.0.0.1:$PORT" --quiet >/dev/null 2>"$T/serve.log" &
SRV_PID=$!
for _ in $(seq 100); do
	curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
	sleep 0.1
done

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

row() { # row LABEL NAME RSS_MB
	awk -v label="$1" -v rss="$3" -F'\t' '$1 == "RESULT" {
		printf "| %s | %d | %.0f | %.0f | %.2f | %.2f | %s | %d |\n", label, $2, $3, $4, $5 / 1000, $6 / 1000, rss, $7 }' \
		"$T/wrk-$2.txt"
}

say "== hailong $BIN, nginx $("$NGINX" -v 2>&1 | sed 's/.*\///'), wrk -t$THREADS -c$CONNS -d${SECS}s"
ROWS=()
if [ "$MODE" = kiosk ] || [ "$MODE" = both ]; then
	reset_peak "$SRV_PID"
	run kiosk "http://127.0.0.1:$PORT/api/v1/responses" "Authorization: Bearer $TOKEN"
	ROWS+=("$(row "hailong, kiosk token (burst rule: held)" kiosk "$(rss "$SRV_PID")")")
fi
if [ "$MODE" = user ] || [ "$MODE" = both ]; then
	reset_peak "$SRV_PID"
	run user "http://127.0.0.1:$PORT/api/v1/responses" "Cookie: hl_session=$SESSION" "X-CSRF-Token: $CSRF"
	ROWS+=("$(row "hailong, clerk session (all counted)" user "$(rss "$SRV_PID")")")
fi
reset_peak "$NGX_PID"
run nginx "http://127.0.0.1:$NPORT/api/v1/responses" "Authorization: Bearer $TOKEN"
ROWS+=("$(row "nginx \`return 204\`" nginx "$(rss "$NGX_PID")")")

kill "$SRV_PID"
wait "$SRV_PID" 2>/dev/null || true
SRV_PID=""
stored=$("$BIN" responses count)
held=$("$BIN" responses list-ids --status held | wc -l)

echo "| server | requests | responses/s | 2xx/s | p50 ms | p99 ms | peak RSS MB | errors |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${ROWS[@]}"
echo
echo "Stored in the database after the run: $stored responses ($held held for review)."
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo); $(uname -sr)."
