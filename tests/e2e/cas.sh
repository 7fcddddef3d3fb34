# cas.sh — two clerks act on one feedback item, or one plan task, from the
# same version (compare-and-set, issue 11): through the API the first step
# answers 200 and the second 409 with a Vietnamese message, nothing of it
# stored; a page form carries the version it was made with, so a stale form
# is refused (409) and the page shows the item as it is now; the command
# line's --if-version refuses a stale version and exits non-zero.
set -eu
. "$2/tests/e2e/lib.sh"

ok init
ok units import "$DATA/units.csv"
echo 'matkhau-canbo-lan1' | "$HL" users add lan --role clerk --unit VH >"$OUT" 2>&1 ||
	fail "users add lan"
echo 'matkhau-canbo-minh' | "$HL" users add minh --role clerk --unit VH >"$OUT" 2>&1 ||
	fail "users add minh"
serve_start

api() { # api PATH BODY: a staff POST of JSON in the session of $JAR
	req "$JAR" POST "$1" -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" \
		--data-binary "$2"
}
login minh matkhau-canbo-minh
csrf_of /feedback
MINH_JAR=$JAR MINH_CSRF=$CSRF
login lan matkhau-canbo-lan1
csrf_of /feedback
api /api/v1/feedback '{"unit":"VH","channel":"counter","text":"Phòng chờ thiếu ghế"}'
expect 201 '"version":1'
A=$(sed -n 's/.*"code": *"\([^"]*\)".*/\1/p' "$OUT")
[ -n "$A" ] || fail "no code in the new item"

# ---- the API: two classifications from version 1 ----
api "/api/v1/feedback/$A/classify" '{"class":"hanh-vi","criterion":"PV","version":1}'
expect 200 '"version":2'
ok feedback show "$A"
cp "$OUT" "$WORK/before.txt"
JAR=$MINH_JAR CSRF=$MINH_CSRF
api "/api/v1/feedback/$A/classify" '{"class":"quy-dinh-trong-tham-quyen","version":1}'
expect 409 'vừa được người khác cập nhật'
has '"field":"version"'
ok feedback show "$A"
cmp -s "$OUT" "$WORK/before.txt" || fail "a stale step changed the item: $(diff "$WORK/before.txt" "$OUT")"
has "Phiên bản:     2"
api "/api/v1/feedback/$A/forward" '{"office":"VP","version":"2"}'
expect 400 '"field":"version"'

# ---- the page: a form made at version 2, sent after the item moved on ----
req "$JAR" GET "/feedback/$A"
expect 200 'name="version" value="2"'
api "/api/v1/feedback/$A/forward" '{"office":"VP","version":2}'
expect 200 '"version":3'
req "$JAR" POST "/feedback/$A" --data-urlencode "csrf=$CSRF" --data-urlencode "action=forward" \
	--data-urlencode "office=TTPVHCC" --data-urlencode "version=2"
expect 409 'vừa được người khác cập nhật'
has 'name="version" value="3"'
req "$JAR" GET "/api/v1/feedback/$A"
expect 200 '"office":"VP"'

# ---- the command line ----
status 1 feedback answer "$A" --text "Đã bổ sung ghế." --if-version 2
has 'vừa được người khác cập nhật'
ok feedback answer "$A" --text "Đã bổ sung ghế." --if-version 3
ok feedback show "$A"
has "Phiên bản:     4"

# ---- a plan task: its status twice from one version, then a stale edit ----
req "$JAR" POST /plan/task --data-urlencode "csrf=$CSRF" --data-urlencode "unit=VH" \
	--data-urlencode "year=2026" --data-urlencode "no=0" --data-urlencode "criterion=TC" \
	--data-urlencode "task=Bổ sung ghế phòng chờ" --data-urlencode "schedule=quy-2"
expect 303
req "$JAR" GET "/api/v1/plan?unit=VH&year=2026"
expect 200 '"version":1'
req "$JAR" GET "/plan?unit=VH&year=2026"
expect 200 'name="task" value="1"><input type="hidden" name="version" value="1">'
req "$JAR" POST /plan --data-urlencode "csrf=$CSRF" --data-urlencode "unit=VH" \
	--data-urlencode "year=2026" --data-urlencode "task=1" --data-urlencode "version=1" \
	--data-urlencode "status=dang-thuc-hien" --data-urlencode "note=Minh"
expect 303
JAR=$WORK/lan.jar
csrf_of "/plan?unit=VH&year=2026"
req "$JAR" POST /plan --data-urlencode "csrf=$CSRF" --data-urlencode "unit=VH" \
	--data-urlencode "year=2026" --data-urlencode "task=1" --data-urlencode "version=1" \
	--data-urlencode "status=hoan-thanh" --data-urlencode "note=Lan"
expect 409 'Nhiệm vụ 1 vừa được người khác cập nhật'
req "$JAR" POST /plan/task --data-urlencode "csrf=$CSRF" --data-urlencode "unit=VH" \
	--data-urlencode "year=2026" --data-urlencode "no=1" --data-urlencode "version=1" \
	--data-urlencode "criterion=TC" --data-urlencode "task=Thay ghế" --data-urlencode "schedule=quy-2"
expect 409 'vừa được người khác cập nhật'
req "$JAR" GET "/api/v1/plan?unit=VH&year=2026"
expect 200 '"status":"dang-thuc-hien"'
has '"version":2'
hasnt 'Thay ghế'
status 1 plan set-status --unit VH --year 2026 --task 1 --if-version 1 hoan-thanh
has 'vừa được người khác cập nhật'
ok plan set-status --unit VH --year 2026 --task 1 --if-version 2 hoan-thanh
serve_stop
