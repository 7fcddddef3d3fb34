# lib.sh — helpers sourced by the end-to-end tests (POSIX sh). Each test is
# run as: sh test.sh HAILONG_BINARY SOURCE_ROOT. It works in a temporary
# directory removed on exit and fails loudly with the command and its output.

HL=$1
SRC=$2
DATA=$SRC/tests/data/e2e
WORK=$(mktemp -d)
# vn_date: date(1) in Vietnam's day, as the server counts it, whatever the
# machine's zone (a test run after 17:00 UTC is already tomorrow there).
vn_date() { TZ=UTC-7 date "$@"; }
# AT_EXIT: shell commands a test adds to run on exit (e.g. kill its jobs).
AT_EXIT=""
lib_exit() {
	[ -z "$AT_EXIT" ] || eval "$AT_EXIT" || true
	serve_kill
	pg_stop
	rm -rf "$WORK"
}
# A signal ends the test through exit, so lib_exit runs once, then the shell
# exits with the signal's failure status.
trap lib_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
cd "$WORK"
export HAILONG_DB="$WORK/test.db"
# The command line names who acted after $USER ("dòng lệnh (root)"): the
# tests expect the same words whoever runs them, CI set USER or not.
unset USER
OUT=$WORK/out.txt

fail() {
	echo "FAIL: $*" >&2
	if [ -f "$OUT" ]; then
		echo "--- output of the last command:" >&2
		cat "$OUT" >&2
		echo "---" >&2
	fi
	exit 1
}

# ok CMD...: run hailong with these arguments; it must exit 0. Output in $OUT.
ok() {
	st=0
	"$HL" "$@" >"$OUT" 2>&1 || st=$?
	[ "$st" -eq 0 ] || fail "hailong $* exited $st (expected 0)"
	# a library's own warning (GLib, Pango, cairo) is a bug of ours
	! grep -Eq -- '-(WARNING|CRITICAL) \*\*' "$OUT" ||
		fail "hailong $* printed a library warning: $(grep -E -- '-(WARNING|CRITICAL) \*\*' "$OUT" | head -1)"
}

# status N CMD...: run hailong; it must exit with status N.
status() {
	want=$1
	shift
	set +e
	"$HL" "$@" >"$OUT" 2>&1
	got=$?
	set -e
	[ "$got" -eq "$want" ] || fail "hailong $* exited $got (expected $want)"
}

# has TEXT: the last output contains TEXT (fixed string).
has() {
	grep -qF -- "$1" "$OUT" || fail "output lacks: $1"
}

# hasnt TEXT: the last output does not contain TEXT.
hasnt() {
	if grep -qF -- "$1" "$OUT"; then
		fail "output should not contain: $1"
	fi
}

# count [--unit CODE]: the number of stored responses.
count() {
	"$HL" responses count "$@" 2>/dev/null || fail "hailong responses count $* failed"
}

# setup: a database with the test units, fields, staff and the 2025 merger.
setup() {
	ok init
	ok units import "$DATA/units.csv"
	ok fields import "$DATA/fields.csv"
	ok staff import "$DATA/staff.csv"
	ok units merge BNT --from VH,VHA,VP,VT,VL,VPH --date 2025-07-01
}

# ---- the real server (`hailong serve`), for the tests that need one ----

SERVE_PID=""
SERVE_LOG=$WORK/serve.log

# serve_kill: stop the server if it runs (SIGTERM, at most 10 s, then
# SIGKILL). Safe to call at any time, from the exit trap too.
serve_kill() {
	if [ -n "$SERVE_PID" ]; then
		kill "$SERVE_PID" 2>/dev/null || true
		i=0
		while kill -0 "$SERVE_PID" 2>/dev/null && [ $i -lt 100 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -9 "$SERVE_PID" 2>/dev/null || true
		wait "$SERVE_PID" 2>/dev/null || true
		SERVE_PID=""
	fi
}

# serve_start: start the server on a free port (five tries), waiting at most
# 10 s each for it to say it listens and to answer /healthz; sets BASE.
# Its stderr (the request log) is appended to $SERVE_LOG.
serve_start() {
	command -v curl >/dev/null 2>&1 || fail "curl is missing (scripts/deps.sh test installs it)"
	tries=0
	# a second server of the same test starts on another port than the first
	SERVE_STARTS=$((${SERVE_STARTS:-0} + 1))
	while [ $tries -lt 5 ]; do
		PORT=$((18000 + ($$ * 7 + SERVE_STARTS * 37 + tries * 131) % 2000))
		# Emptied here, not by the server's redirection: that runs in the
		# child, and the loop below could read the previous server's line.
		: >"$WORK/serve.out"
		# shellcheck disable=SC2086 # SERVE_ARGS: extra options, word-split on purpose
		"$HL" serve --listen "127.0.0.1:$PORT" ${SERVE_ARGS:-} >>"$WORK/serve.out" 2>>"$SERVE_LOG" &
		SERVE_PID=$!
		i=0
		while [ $i -lt 100 ]; do
			# Its own "listening" line first: another test's server may hold
			# the port and answer /healthz while this one failed to bind.
			if grep -q "đang chạy" "$WORK/serve.out" 2>/dev/null &&
				curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/healthz"; then
				BASE="http://127.0.0.1:$PORT"
				return 0
			fi
			kill -0 "$SERVE_PID" 2>/dev/null || break
			sleep 0.1
			i=$((i + 1))
		done
		serve_kill
		tries=$((tries + 1))
	done
	cat "$SERVE_LOG" >&2
	fail "the server did not start"
}

# serve_stop: stop the server; fails if its log has a sanitizer report.
serve_stop() {
	serve_kill
	if grep -q -e "Sanitizer" -e "runtime error:" "$SERVE_LOG" 2>/dev/null; then
		cat "$SERVE_LOG" >&2
		fail "the server reported a memory or undefined-behaviour error"
	fi
}

# req JAR METHOD PATH [CURL ARGS...]: one request with the cookie jar JAR
# ("-" for none); the body goes to $OUT, "status location" to $CODE.
req() {
	REQ="$2 $3"
	jar=$1 method=$2 path=$3
	shift 3
	if [ "$jar" = - ]; then
		CODE=$(curl -s --max-time 20 -X "$method" -o "$OUT" -w '%{http_code} %{redirect_url}' \
			"$@" "$BASE$path")
	else
		CODE=$(curl -s --max-time 20 -X "$method" -b "$jar" -c "$jar" -o "$OUT" \
			-w '%{http_code} %{redirect_url}' "$@" "$BASE$path")
	fi
}

# expect STATUS [TEXT]: the last request answered STATUS ($CODE is the status,
# maybe followed by a space and the redirect) and its body has TEXT.
expect() {
	case "$CODE" in
	"$1" | "$1 "*) ;;
	*) fail "${REQ:-the request} answered $CODE (expected $1)" ;;
	esac
	[ $# -lt 2 ] || has "$2"
}

# csrf: the CSRF token of the first form in the last page ($OUT).
csrf() {
	sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$OUT" | head -n 1
}

# csrf_of PAGE: GET PAGE with the session in $JAR (it must answer 200; the
# page is left in $OUT) and set CSRF to its form's token.
csrf_of() {
	req "$JAR" GET "$1"
	expect 200
	CSRF=$(csrf)
	[ -n "$CSRF" ] || fail "no csrf token on $1"
}

# login NAME PASSWORD [NEXT]: a new session for NAME in the cookie jar
# $WORK/NAME.jar, which JAR names afterwards; the login must answer 303.
login() {
	JAR=$WORK/$1.jar
	rm -f "$JAR"
	csrf_of /login
	req "$JAR" POST /login --data-urlencode "csrf=$CSRF" --data-urlencode "name=$1" \
		--data-urlencode "password=$2" ${3:+--data-urlencode "next=$3"}
	expect 303
}

# ---- a throw-away PostgreSQL cluster, for the tests that need one ----

PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR=""

# pg_as CMD...: run CMD as the cluster's owner: this user, or nobody when
# root (initdb refuses to run as root, and CI runs as root).
pg_as() {
	if [ "$(id -u)" -eq 0 ]; then
		(cd / && runuser -u nobody -- "$@")
	else
		"$@"
	fi
}

# pg_start: a new cluster in its own directory (initdb), listening on a Unix
# socket in that directory only (no TCP port), with a database "hailong"
# owned by the role "hailong"; sets PG_URI (a libpq URI) and PG_DIR. It is
# stopped and removed on exit, whatever the test's outcome (lib_exit).
# PG_OPTS: more server options ("-c name=value ...").
pg_start() {
	[ -x "$PG_BIN/initdb" ] ||
		fail "PostgreSQL 15 is missing (scripts/deps.sh test installs postgresql-15)"
	# Under /tmp, not $WORK: short enough for a socket path (107 bytes), and
	# reachable by nobody.
	PG_DIR=$(mktemp -d /tmp/hl-pg.XXXXXX)
	[ "$(id -u)" -ne 0 ] || chown nobody "$PG_DIR"
	pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U hailong -A trust -E UTF8 --locale=C.UTF-8 \
		--no-sync >"$PG_DIR/initdb.log" 2>&1 || {
		cat "$PG_DIR/initdb.log" >&2
		fail "initdb failed"
	}
	# fsync off: a test never outlives a crash of the cluster itself.
	pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
		-o "-k $PG_DIR -c listen_addresses= -c fsync=off -c full_page_writes=off ${PG_OPTS:-}" \
		start >/dev/null 2>&1 || {
		cat "$PG_DIR/server.log" >&2
		fail "the PostgreSQL cluster did not start"
	}
	pg_as "$PG_BIN/createdb" -h "$PG_DIR" -U hailong hailong ||
		fail "createdb failed"
	PG_URI="postgresql://hailong@/hailong?host=$PG_DIR"
}

# pg_sql SQL: run SQL on the test database; its rows (unaligned, tuples
# only) on stdout.
pg_sql() {
	"$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$PG_DIR" -U hailong -d hailong -c "$1"
}

# db_sql SQL: run SQL on the test's database, whichever backend; its rows
# on stdout (SQLite's through the sqlite3 shell: empty when it is not
# installed, so a caller checks db_sql_ok first).
db_sql() {
	if [ "${HL_E2E_PG:-}" = 1 ]; then pg_sql "$1"; else sqlite3 "$HAILONG_DB" "$1"; fi
}
db_sql_ok() { [ "${HL_E2E_PG:-}" = 1 ] || command -v sqlite3 >/dev/null 2>&1; }

# pg_stop: stop the cluster (immediately: its data is thrown away) and remove
# its directory. Safe to call at any time, from the exit trap too.
pg_stop() {
	[ -n "$PG_DIR" ] || return 0
	if [ -f "$PG_DIR/data/postmaster.pid" ]; then
		pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w -t 10 stop >/dev/null 2>&1 ||
			kill -9 "$(head -n 1 "$PG_DIR/data/postmaster.pid")" 2>/dev/null || true
	fi
	rm -rf "$PG_DIR"
	PG_DIR=""
}

# HL_E2E_PG=1 (meson's NAME_pg tests): the test runs on PostgreSQL, a
# throw-away cluster's database in HAILONG_DB, instead of a SQLite file.
if [ "${HL_E2E_PG:-}" = 1 ]; then
	pg_start
	export HAILONG_DB=$PG_URI
fi
