# durability.sh — "nothing acknowledged is lost": several clients post
# responses in parallel, the server is killed with SIGKILL in the middle of
# the load, restarted, and every id that was answered 201 or 200 must be in
# the database, once; resending them gives "duplicate"; the running tallies
# match tallies rebuilt from the stored rows. Bounded: about 20 s.
set -eu
. "$2/tests/e2e/lib.sh"

WORKERS=6
LOAD_SECONDS=3        # load before the kill
WORKER_SECONDS=12     # hard bound on each client

# The clients still running when the test ends are killed with the server.
WPIDS=""
AT_EXIT='for w in $WPIDS; do kill "$w" 2>/dev/null || true; done'

ok init
ok units import "$DATA/units.csv"
ok kiosks add --unit VT --name quay-1
TOKEN=$(sed -n 's/.*lưu lại): //p' "$OUT")
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)

serve_start

# worker K: post ids wK-1, wK-2, ... until the time is up or the server has
# been gone for a while; each id answered 201 or 200 goes to ack.K.
worker() {
	k=$1
	n=0
	gone=0
	end=$(($(date +%s) + WORKER_SECONDS))
	: >"$WORK/ack.$k"
	while [ "$(date +%s)" -lt "$end" ] && [ $gone -lt 20 ]; do
		n=$((n + 1))
		id="w$k-$n"
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
			-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
			--data-binary '{"id":"'"$id"'","instrument":"sipas-5","collected_at":"'"$NOW"'","answers":{"TC1":5,"PV2":3}}' \
			"$BASE/api/v1/responses" || true)
		case $code in
		200 | 201) echo "$id" >>"$WORK/ack.$k"; gone=0 ;;
		000) gone=$((gone + 1)); sleep 0.05 ;;
		*) echo "$id $code" >>"$WORK/odd.$k" ;;
		esac
	done
}

k=1
while [ $k -le $WORKERS ]; do
	worker $k &
	WPIDS="$WPIDS $!"
	k=$((k + 1))
done
sleep $LOAD_SECONDS
kill -9 "$SERVE_PID"
wait "$SERVE_PID" 2>/dev/null || true
SERVE_PID=""
for w in $WPIDS; do wait "$w" || true; done
WPIDS=""

cat "$WORK"/ack.* >"$WORK/acked"
acked=$(wc -l <"$WORK/acked")
[ "$acked" -ge 10 ] || fail "only $acked responses acknowledged before the kill: load too light"
if cat "$WORK"/odd.* >"$WORK/odd" 2>/dev/null && [ -s "$WORK/odd" ]; then
	fail "unexpected answers: $(head -n 5 "$WORK/odd")"
fi

# Restart after the crash: it must come up, and know every acknowledged id.
serve_start
for id in $(head -n 3 "$WORK/acked"); do
	code=$(curl -s -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
		--data-binary '{"id":"'"$id"'","instrument":"sipas-5","collected_at":"'"$NOW"'","answers":{"TC1":5,"PV2":3}}' \
		"$BASE/api/v1/responses")
	[ "$code" = 200 ] || fail "resending $id after the restart: $code, expected 200"
	has '"status":"duplicate"'
done
serve_stop

ok responses list-ids
sort "$OUT" >"$WORK/stored"
sort "$WORK/acked" >"$WORK/acked.sorted"
lost=$(comm -23 "$WORK/acked.sorted" "$WORK/stored" | wc -l)
[ "$lost" -eq 0 ] || fail "$lost acknowledged responses lost, e.g. $(comm -23 "$WORK/acked.sorted" "$WORK/stored" | head -n 3 | tr '\n' ' ')"
[ "$(sort -u "$WORK/stored" | wc -l)" -eq "$(wc -l <"$WORK/stored")" ] || fail "an id stored twice"

# The tallies written with the responses survived the crash with them.
ok index --period "$(date +%Y)" --unit VT --format csv
cp "$OUT" "$WORK/live.csv"
ok tallies rebuild
ok index --period "$(date +%Y)" --unit VT --format csv
cmp -s "$OUT" "$WORK/live.csv" || fail "tallies after the crash differ from rebuilt ones"
echo "durability: $acked acknowledged, $(wc -l <"$WORK/stored") stored, none lost"
