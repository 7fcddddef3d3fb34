# group_commit.sh — a group commit holds every waiting request, not only as
# many as there are read connections or threads (issue 11). 48 kiosk
# responses sent at once are committed in fewer commits than responses:
# - with --readers 1: a request gives its reader back while it waits for the
#   writer (before, each commit held exactly one);
# - with --threads 1 as well: a kiosk's response is parked while the writer
#   commits (srv_write_then), so the one thread goes on reading the others
#   (before, each request held the thread until its commit: one per commit).
# Then a server stopped while responses are parked answers each of them
# before it exits. The writer's counters are in the log when the server
# stops; every response is stored once.
set -eu
. "$2/tests/e2e/lib.sh"

N=48
ok init
ok units import "$DATA/units.csv"
ok kiosks add --unit VT --name vt-group
TOK=$(sed -n 's/.*lưu lại): //p' "$OUT")
[ -n "$TOK" ] || fail "no token printed for the kiosk"

# post_all PREFIX: N posts at once in the background, ids PREFIX-0.., their
# status codes in $WORK/code-PREFIX-i.txt; PIDS lists the curls.
post_all() {
	NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
	PIDS=""
	i=0
	while [ $i -lt $N ]; do
		curl -s -o "$WORK/post-$1-$i.json" -w '%{http_code}\n' --max-time 30 \
			-H "Authorization: Bearer $TOK" -H 'Content-Type: application/json' \
			--data-binary "{\"id\":\"$1-$i\",\"instrument\":\"sipas-5\",\"collected_at\":\"$NOW\",\"answers\":{\"TC1\":5}}" \
			"$BASE/api/v1/responses" >"$WORK/code-$1-$i.txt" &
		PIDS="$PIDS $!"
		i=$((i + 1))
	done
}

# all_stored PREFIX: every post answered 201.
all_stored() {
	REQ="$N parallel kiosk posts ($1)"
	i=0
	while [ $i -lt $N ]; do
		[ "$(cat "$WORK/code-$1-$i.txt")" = 201 ] ||
			{ cat "$WORK/post-$1-$i.json" >&2; fail "post $1-$i: $(cat "$WORK/code-$1-$i.txt")"; }
		i=$((i + 1))
	done
}

# round PREFIX SERVE_ARGS: N posts to a fresh server, then its counters.
round() {
	SERVE_ARGS="--quiet $2"
	: >"$SERVE_LOG"
	serve_start
	post_all "$1"
	# shellcheck disable=SC2086 # the curls only, not the server
	wait $PIDS
	serve_stop
	all_stored "$1"
	line=$(grep 'bộ ghi:' "$SERVE_LOG" | tail -n 1)
	commits=$(printf '%s\n' "$line" | sed -n 's/.*bộ ghi: \([0-9]*\) lần ghi.*/\1/p')
	jobs=$(printf '%s\n' "$line" | sed -n 's/.*, \([0-9]*\) việc ghi.*/\1/p')
	[ -n "$commits" ] && [ -n "$jobs" ] || fail "no writer counters in the log: $line"
	[ "$jobs" -ge $N ] || fail "the writer ran $jobs jobs for $N responses: $line"
	[ "$commits" -lt "$jobs" ] || fail "one commit per job with $2 ($commits commits for $jobs jobs): a request holds what it waits with"
	echo "ok: $jobs jobs in $commits commits with $2"
}

round r1 "--readers 1 --threads 16"
[ "$(count)" = $N ] || fail "$(count) responses stored, not $N"
round t1 "--readers 1 --threads 1"
[ "$(count)" = $((2 * N)) ] || fail "$(count) responses stored, not $((2 * N))"

# Stopped with responses in flight: each one that reached the server is
# answered (201) and stored; none is answered without being stored.
SERVE_ARGS="--quiet --readers 1 --threads 1"
serve_start
post_all s
sleep 0.05
kill -TERM "$SERVE_PID"
# shellcheck disable=SC2086 # the curls only, not the server
wait $PIDS || true
wait "$SERVE_PID" || fail "the server did not stop cleanly"
SERVE_PID=""
if grep -q -e "Sanitizer" -e "runtime error:" "$SERVE_LOG"; then
	cat "$SERVE_LOG" >&2
	fail "the server reported a memory or undefined-behaviour error"
fi
answered=0
i=0
while [ $i -lt $N ]; do
	if [ "$(cat "$WORK/code-s-$i.txt")" = 201 ]; then
		answered=$((answered + 1))
	fi
	i=$((i + 1))
done
stored=$(($(count) - 2 * N))
[ "$stored" -ge "$answered" ] || fail "$answered answered 201 but only $stored stored"
echo "ok: stopped with posts in flight: $answered answered, $stored stored"
