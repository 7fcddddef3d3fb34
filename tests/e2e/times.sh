# times.sh — every time a person reads is Vietnam's (UTC+7), whatever the
# server's zone: a ballot batch closed and a feedback item received by a
# server running in New York show the hours of Hà Nội, the same as
# feedback's (which counts in Vietnam's minutes), and the same moment reads
# the same after the server restarts in UTC. The old fault: paper batches
# showed 07:07 where feedback showed 14:01 for one moment.
set -eu
. "$2/tests/e2e/lib.sh"

# vn_now: Vietnam's "dd/mm/yyyy HH:MM" now.
vn_now() {
	TZ=Asia/Ho_Chi_Minh date '+%d/%m/%Y %H:%M'
}

# shown_time FROM TO: the first time in $OUT is the minute FROM or TO (as
# vn_now wrote them, before and after the action); SHOWN gets it.
shown_time() {
	SHOWN=$(grep -o '[0-9][0-9]/[0-9][0-9]/[0-9]\{4\} [0-9][0-9]:[0-9][0-9]' "$OUT" | head -n 1)
	[ -n "$SHOWN" ] || fail "no time on the page"
	case "$SHOWN" in "$1" | "$2") ;; *) fail "the page shows $SHOWN, Vietnam's time was $1..$2" ;; esac
}

ok init
ok units import "$DATA/units.csv"
ok fields import "$DATA/fields.csv"
echo "mat-khau-lan-123" | "$HL" users add lan --role clerk --unit VT >"$OUT" 2>&1 ||
	fail "users add lan"

# ---- a server in New York ----
export TZ=America/New_York
serve_start
unset TZ
login lan mat-khau-lan-123
csrf_of /paper
TODAY=$(TZ=Asia/Ho_Chi_Minh date +%d/%m/%Y)
has "value=\"$TODAY\""
T0=$(vn_now)
req "$JAR" POST /paper --data-urlencode "csrf=$CSRF" --data-urlencode unit=VT \
	--data-urlencode "opened_on=$TODAY" --data-urlencode "opened_by=An" \
	--data-urlencode "witness=Bình" --data-urlencode counted=1 \
	--data-urlencode instrument=sipas-5@1
expect 303
B=${CODE##*/paper/}
req "$JAR" POST "/paper/$B" --data-urlencode "csrf=$CSRF" --data-urlencode pass=1 \
	--data-urlencode "answers=5555 55555 555555 555 5555" --data-urlencode field=
expect 303
req "$JAR" POST "/paper/$B/close" --data-urlencode "csrf=$CSRF" --data-urlencode confirm=1
expect 303
# a feedback item received now, through the staff API
req "$JAR" POST /api/v1/feedback -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" \
	--data '{"unit":"VT","channel":"counter","text":"Giờ trên trang phải là giờ Việt Nam."}'
expect 201
FB=$(sed -n 's/.*"code":"\([^"]*\)".*/\1/p' "$OUT")
[ -n "$FB" ] || fail "no feedback code in the answer"
T1=$(vn_now)

req "$JAR" GET /paper
expect 200 "Đã đóng"
sed -n '/Đã đóng/,$p' "$OUT" >closed.html
mv closed.html "$OUT"
shown_time "$T0" "$T1"
PAPER=$SHOWN
req "$JAR" GET "/feedback/$FB"
expect 200
sed -n '/Nhận lúc/,$p' "$OUT" >received.html
mv received.html "$OUT"
shown_time "$T0" "$T1"
FEEDBACK=$SHOWN
serve_stop

# ---- the same moments, the server now in UTC ----
export TZ=UTC
serve_start
unset TZ
login lan mat-khau-lan-123
req "$JAR" GET /paper
expect 200 "Đã đóng $PAPER"
req "$JAR" GET "/feedback/$FB"
expect 200 "$FEEDBACK"
serve_stop
echo "times: ok"
