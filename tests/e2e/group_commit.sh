# group_commit.sh — a group commit holds every waiting request, not only as
# many as there are read connections (issue 11): with --readers 1, 48 kiosk
# responses sent at once are committed in fewer commits than responses (a
# request gives its reader back while it waits for the writer; before, each
# commit held exactly one). The writer's counters are in the log when the
# server stops; every response is stored once.
set -eu
. "$2/tests/e2e/lib.sh"

N=48
ok init
ok units import "$DATA/units.csv"
ok kiosks add --unit VT --name vt-group
TOK=$(sed -n 's/.*lưu lại): //p' "$OUT")
[ -n "$TOK" ] || fail "no token printed for the kiosk"

SERVE_ARGS="--quiet --readers 1 --threads 16"
serve_start
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
PIDS=""
i=0
while [ $i -lt $N ]; do
	curl -s -o "$WORK/post-$i.json" -w '%{http_code}\n' --max-time 30 \
		-H "Authorization: Bearer $TOK" -H 'Content-Type: application/json' \
		--data-binary "{\"id\":\"g-$i\",\"instrument\":\"sipas-5\",\"collected_at\":\"$NOW\",\"answers\":{\"TC1\":5}}" \
		"$BASE/api/v1/responses" >"$WORK/code-$i.txt" &
	PIDS="$PIDS $!"
	i=$((i + 1))
done
# shellcheck disable=SC2086 # the curls only, not the server
wait $PIDS
serve_stop
REQ="$N parallel kiosk posts"
i=0
while [ $i -lt $N ]; do
	[ "$(cat "$WORK/code-$i.txt")" = 201 ] || { cat "$WORK/post-$i.json" >&2; fail "post g-$i: $(cat "$WORK/code-$i.txt")"; }
	i=$((i + 1))
done
[ "$(count)" = $N ] || fail "$(count) responses stored, not $N"

line=$(grep 'bộ ghi:' "$SERVE_LOG" | tail -n 1)
commits=$(printf '%s\n' "$line" | sed -n 's/.*bộ ghi: \([0-9]*\) lần ghi.*/\1/p')
jobs=$(printf '%s\n' "$line" | sed -n 's/.*, \([0-9]*\) việc ghi.*/\1/p')
[ -n "$commits" ] && [ -n "$jobs" ] || fail "no writer counters in the log: $line"
[ "$jobs" -ge $N ] || fail "the writer ran $jobs jobs for $N responses: $line"
[ "$commits" -lt "$jobs" ] || fail "one commit per job with one reader ($commits commits for $jobs jobs): the reader is held while waiting for the writer"
echo "ok: $jobs jobs in $commits commits with one reader"
