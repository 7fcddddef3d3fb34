# connections.sh — idle and half-sent connections must not take the server
# offline: 1 100 connections from one client that never finish their
# headers, and the server still answers another request at once; it closes
# them itself after its timeout; an address other than loopback gets at most
# --max-per-address connections, loopback (the reverse proxy) is not limited.
# CONNHOLD (the environment) is the helper tests/e2e/connhold.c.
set -eu
. "$2/tests/e2e/lib.sh"

[ -x "${CONNHOLD:-}" ] || fail "CONNHOLD is not the connhold helper"

# prompt [CURL ARGS]: /healthz answers 200 within 3 s.
prompt() {
	code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$@" "$BASE/healthz") || true
	[ "$code" = 200 ] || fail "/healthz did not answer at once ($code) with idle connections open"
}

ok init
SERVE_ARGS="--quiet --max-per-address 5"
serve_start
prompt

# 1 100 connections from 127.0.0.1, each with half a request's headers.
"$CONNHOLD" 127.0.0.1 "$PORT" 1100 30 >"$WORK/hold.txt" 2>&1 &
HOLD=$!
AT_EXIT="kill $HOLD 2>/dev/null"
i=0
until grep -q '^open' "$WORK/hold.txt"; do
	kill -0 "$HOLD" 2>/dev/null || { cat "$WORK/hold.txt" >&2; fail "connhold failed"; }
	[ $i -lt 300 ] || fail "connhold did not connect"
	sleep 0.1
	i=$((i + 1))
done
grep -qx 'open 1100' "$WORK/hold.txt" || { cat "$WORK/hold.txt" >&2; fail "the server refused loopback connections"; }
prompt
prompt
# ... and an ordinary page too, not only the health check.
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$BASE/login") || true
[ "$code" = 200 ] || fail "/login answered $code with 1 100 idle connections open"

# The server closes the half-sent requests itself (a short timeout, not 60 s).
wait "$HOLD" || fail "connhold failed"
AT_EXIT=""
cat "$WORK/hold.txt"
grep -qx 'closed 1100' "$WORK/hold.txt" || fail "the server kept idle connections for 30 s"
prompt

# Another address (127.0.0.2 is loopback on Linux, but not the proxy's
# 127.0.0.1): at most 5 connections; loopback still gets through.
"$CONNHOLD" 127.0.0.1 "$PORT" 1 0 127.0.0.2 >"$WORK/one.txt" 2>&1 ||
	{ cat "$WORK/one.txt" >&2; fail "cannot connect from 127.0.0.2"; }
"$CONNHOLD" 127.0.0.1 "$PORT" 12 20 127.0.0.2 >"$WORK/hold2.txt" 2>&1 &
HOLD=$!
AT_EXIT="kill $HOLD 2>/dev/null"
i=0
until grep -q '^open' "$WORK/hold2.txt"; do
	[ $i -lt 100 ] || fail "connhold did not connect"
	sleep 0.1
	i=$((i + 1))
done
grep -qx 'open 5' "$WORK/hold2.txt" || { cat "$WORK/hold2.txt" >&2; fail "127.0.0.2 kept more than 5 connections"; }
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 --interface 127.0.0.2 "$BASE/healthz") || true
[ "$code" = 000 ] || fail "a sixth connection from 127.0.0.2 was answered ($code)"
prompt
kill "$HOLD" 2>/dev/null || true
wait "$HOLD" 2>/dev/null || true
AT_EXIT=""
serve_stop
