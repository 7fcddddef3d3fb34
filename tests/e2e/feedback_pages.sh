# feedback_pages.sh — feedback and complaints on the real server (issue 6):
# the public form (honeypot refused, rate limit 429 after five an hour), the
# tracking page (state, never the contact nor an unpublished answer, another
# item's code with a token → 404), the clerk's inbox (overdue row in red
# with its word; another unit's item is invisible) and the step forms, the
# published answer on the tracking page and the answers list, the sender's
# rating, the JSON API's status codes and fields, the audit log.
set -eu
. "$2/tests/e2e/lib.sh"

ok init
ok units import "$DATA/units.csv"
echo 'matkhau-canbo-01' | "$HL" users add canbo --role clerk --unit VH >"$OUT" 2>&1 ||
	fail "users add canbo"
serve_start

# ---- the public form, no login ----
req - GET /public/VH/feedback
expect 200 'name="website"'
has 'Phường Vĩnh Hòa'
hasnt 'name="csrf"'
req - POST /public/VH/feedback --data-urlencode 'text=Cán bộ tiếp nhận hồ sơ đến muộn 30 phút.' \
	--data-urlencode 'name=Nguyễn Thị Lan' --data-urlencode 'contact=0905-111-222'
expect 201 'Mã theo dõi'
A=$(sed -n 's/.*id="fb-code">\([^<]*\)<.*/\1/p' "$OUT")
TA=$(sed -n 's/.*id="fb-token" class="fb-token">\([^<]*\)<.*/\1/p' "$OUT")
[ -n "$A" ] && [ -n "$TA" ] || fail "no code or token on the receipt page"
case "$A" in PA-VH-*) ;; *) fail "code $A is not PA-VH-…" ;; esac
has "/public/feedback/track?code=$A&amp;token=$TA"

# the honeypot filled: refused, nothing stored
req - POST /public/VH/feedback --data-urlencode 'text=mua thuốc giá rẻ' \
	--data-urlencode 'website=http://spam.example'
expect 400
hasnt 'Mã theo dõi'

# the JSON form, another unit
req - POST /api/v1/public/feedback -H 'Content-Type: application/json' \
	--data-binary '{"unit":"VHA","text":"Đường trước trụ sở phường bị ngập.","contact":"bí mật 0909"}'
expect 201 '"token":'
B=$(sed -n 's/.*"code": *"\([^"]*\)".*/\1/p' "$OUT")
TB=$(sed -n 's/.*"token": *"\([^"]*\)".*/\1/p' "$OUT")
[ -n "$B" ] && [ -n "$TB" ] || fail "no code or token from the public API"

# a fourth and fifth this hour are taken, the sixth is refused (form and API)
req - POST /public/VH/feedback --data-urlencode 'text=Xin bố trí thêm ghế chờ.'
expect 201
C=$(sed -n 's/.*id="fb-code">\([^<]*\)<.*/\1/p' "$OUT")
req - POST /public/VH/feedback --data-urlencode 'text=Lần năm.'
expect 201
req - POST /public/VH/feedback --data-urlencode 'text=Lần sáu.'
expect 429 'quá nhiều'
req - POST /api/v1/public/feedback -H 'Content-Type: application/json' \
	--data-binary '{"unit":"VH","text":"Lần bảy."}'
expect 429 '"error"'
# without --trust-proxy a client's X-Forwarded-For changes nothing
req - POST /public/VH/feedback -H 'X-Forwarded-For: 10.0.0.9' --data-urlencode 'text=Lần tám.'
expect 429

# ---- tracking ----
req - GET "/public/feedback/track?code=$A&token=$TA"
expect 200 "$A"
has 'Cán bộ tiếp nhận hồ sơ đến muộn'
has 'Chưa có câu trả lời'
hasnt '0905-111-222'
hasnt 'Nguyễn Thị Lan'
req - GET "/public/feedback/track?token=khong-dung-ma-nay"
expect 404
req - GET "/api/v1/public/feedback/track?code=$A&token=$TB"
expect 404
req - GET "/api/v1/public/feedback/track?code=$B&token=$TB"
expect 200 "\"code\":\"$B\""
hasnt 'bí mật'
hasnt '"due_at"'

# ---- the clerk ----
login canbo matkhau-canbo-01
csrf_of /feedback
has 'href="/feedback"'
has "$A"
hasnt "$B"
# an old item, added through the API: overdue, flagged in red and in words
curl -s -b "$JAR" -o "$OUT" -H 'Content-Type: application/json' "$BASE/api/v1/feedback" \
	--data-binary '{"unit":"VH","channel":"hotline","received_at":"2026-01-05 08:00","text":"Gọi đường dây nóng."}' >/dev/null
has '"field":"csrf"'
req "$JAR" POST /api/v1/feedback -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" \
	--data-binary '{"unit":"VH","channel":"hotline","received_at":"2026-01-05 08:00","text":"Gọi đường dây nóng."}'
expect 201 '"channel":"hotline"'
has '"overdue":true'
D=$(sed -n 's/.*"code": *"\([^"]*\)".*/\1/p' "$OUT")
req "$JAR" POST /api/v1/feedback -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" \
	--data-binary '{"unit":"VHA","channel":"hotline","text":"x"}'
expect 403
req "$JAR" GET /feedback
expect 200 '<tr class="fb-overdue">'
has 'Quá hạn'
# sorted by deadline: the overdue one first
first=$(grep -o 'href="/feedback/[^"]*"' "$OUT" | head -n 1)
[ "$first" = "href=\"/feedback/$D\"" ] || fail "the inbox does not start with the overdue $D ($first)"
req "$JAR" GET "/feedback/$B"
expect 404
req "$JAR" GET "/feedback/$A"
expect 200 '0905-111-222'
has 'Nguyễn Thị Lan'
has 'name="action" value="classify"'

# the steps through the forms
req "$JAR" POST "/feedback/$A" --data-urlencode "csrf=$CSRF" -d action=classify \
	-d class=hanh-vi -d criterion=PV
expect 200 'name="action" value="forward"'
OFFICE=$(sed -n 's/.*<select name="office" required><option value="\([^"]*\)".*/\1/p' "$OUT")
[ -n "$OFFICE" ] || fail "no office to forward to"
req "$JAR" POST "/feedback/$A" --data-urlencode "csrf=$CSRF" -d action=publish
expect 409
req "$JAR" POST "/feedback/$A" --data-urlencode "csrf=$CSRF" -d action=forward \
	--data-urlencode "office=$OFFICE"
expect 200 'name="action" value="answer"'
req "$JAR" POST "/feedback/$A" -d action=answer --data-urlencode 'text=x'
expect 403
req "$JAR" POST "/feedback/$A" --data-urlencode "csrf=$CSRF" -d action=answer \
	--data-urlencode 'text=Phường đã nhắc nhở cán bộ và bố trí người trực từ 7 giờ 30.'
expect 200 'name="action" value="publish"'
# answered, not yet published: the public does not see it
req - GET "/public/feedback/track?code=$A&token=$TA"
expect 200
hasnt 'bố trí người trực'
req - GET /public/VH/answers
expect 200
hasnt 'bố trí người trực'
req "$JAR" POST "/feedback/$A" --data-urlencode "csrf=$CSRF" -d action=publish
expect 200 'Đã công khai'

# the written answer as the PDF letter, for staff only
req "$JAR" GET "/feedback/$A/letter.pdf"
expect 200
head -c 5 "$OUT" | grep -q '%PDF-' || fail "the letter is not a PDF"
req - GET "/feedback/$A/letter.pdf"
expect 303

# ---- the answer, found with the tracking code ----
req - GET "/public/feedback/track?code=$A&token=$TA"
expect 200 'Phường đã nhắc nhở cán bộ và bố trí người trực từ 7 giờ 30.'
has 'value="satisfied"'
hasnt '0905-111-222'
req - GET /public/VH/answers
expect 200 "$A"
has 'bố trí người trực'
has 'Cán bộ tiếp nhận hồ sơ đến muộn'
hasnt 'Nguyễn Thị Lan'
hasnt "$C"
req - POST /public/feedback/track --data-urlencode "code=$A" --data-urlencode "token=$TA" \
	-d rating=satisfied
expect 200 'Cảm ơn'
has 'Đã đóng'

# ---- the API ----
req - GET /api/v1/feedback
expect 401
req "$JAR" GET "/api/v1/feedback?open=1"
expect 200 "\"code\":\"$D\""
hasnt "\"code\":\"$A\""
hasnt "\"code\":\"$B\""
req "$JAR" GET "/api/v1/feedback?overdue=1&at=2026-01-20%2008:00"
expect 200 "\"code\":\"$D\""
req "$JAR" GET "/api/v1/feedback/$A"
expect 200 '"rating":"satisfied"'
has '"class":"hanh-vi"'
has '"criterion":"PV"'
has "\"office\":\"$OFFICE\""
req "$JAR" GET "/api/v1/feedback/$B"
expect 404
req "$JAR" POST "/api/v1/feedback/$D/classify" -H 'Content-Type: application/json' \
	-H "X-CSRF-Token: $CSRF" --data-binary '{"class":"khong-co"}'
expect 400 '"error"'
req "$JAR" POST "/api/v1/feedback/$D/classify" -H 'Content-Type: application/json' \
	-H "X-CSRF-Token: $CSRF" --data-binary '{"class":"quy-dinh-trong-tham-quyen"}'
expect 200 '"step":"forward"'
req "$JAR" POST "/api/v1/feedback/$D/answer" -H 'Content-Type: application/json' \
	-H "X-CSRF-Token: $CSRF" --data-binary '{"text":"sớm quá"}'
expect 409
req "$JAR" POST "/api/v1/feedback/$D/forward" -H 'Content-Type: application/json' \
	-H "X-CSRF-Token: $CSRF" --data-binary '{"office":"khong-co"}'
expect 400 '"field":"office"'
req "$JAR" POST "/api/v1/feedback/$D/nhay" -H 'Content-Type: application/json' \
	-H "X-CSRF-Token: $CSRF" --data-binary '{}'
expect 400

# ---- no class chosen for the clerk; closing only once confirmed; reopening ----
req "$JAR" POST /api/v1/feedback -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" \
	--data-binary '{"unit":"VH","channel":"counter","text":"Đề nghị lắp thêm quạt."}'
expect 201
E=$(sed -n 's/.*"code": *"\([^"]*\)".*/\1/p' "$OUT")
req "$JAR" GET "/feedback/$E"
expect 200 '<option value="" selected>'
req "$JAR" POST "/feedback/$E" --data-urlencode "csrf=$CSRF" -d action=classify -d criterion=PV
expect 400 'Hãy chọn loại phản ánh'
has 'aria-invalid="true"'
has '<option value="PV" selected>'
req "$JAR" POST "/feedback/$E" --data-urlencode "csrf=$CSRF" -d action=classify \
	-d class=khong-tiep-nhan -d criterion=PV
expect 200 'Xác nhận: không tiếp nhận'
has 'name="confirm" value="1"'
has 'name="criterion" value="PV"'
req "$JAR" GET "/api/v1/feedback/$E"
expect 200 '"step":"classify"'
req "$JAR" POST "/feedback/$E" --data-urlencode "csrf=$CSRF" -d action=classify \
	-d class=khong-tiep-nhan -d confirm=1
expect 200 'Đã đóng'
has 'name="action" value="reopen"'
req "$JAR" POST "/feedback/$E" --data-urlencode "csrf=$CSRF" -d action=reopen -d reason=
expect 400 'hãy ghi lý do mở lại'
has 'aria-invalid="true"'
req "$JAR" POST "/feedback/$E" --data-urlencode "csrf=$CSRF" -d action=reopen \
	--data-urlencode 'reason=Phân loại nhầm'
expect 200 'Đã mở lại phản ánh.'
has 'name="action" value="classify"'
has 'Phân loại nhầm'
# through the API: A, closed by its sender's rating, owes a new answer
req "$JAR" POST "/api/v1/feedback/$A/reopen" -H 'Content-Type: application/json' \
	-H "X-CSRF-Token: $CSRF" --data-binary '{}'
expect 400 '"field":"reason"'
req "$JAR" POST "/api/v1/feedback/$A/reopen" -H 'Content-Type: application/json' \
	-H "X-CSRF-Token: $CSRF" --data-binary '{"reason":"Người gửi gọi lại: chưa được giải quyết"}'
expect 200 '"step":"answer"'
has '"reopened":1'

grep -E ' (GET|POST) /(feedback|public|api/v1/(public/)?feedback)' "$SERVE_LOG" |
	awk '{ n++; t += $(NF-2) } END { if (n) printf "feedback requests: %d, mean %.1f ms\n", n, t / n }'
serve_stop

# ---- behind a reverse proxy (--trust-proxy): the limit is per forwarded client ----
SERVE_ARGS=--trust-proxy serve_start
for i in 1 2 3 4 5; do
	req - POST /public/VH/feedback -H 'X-Forwarded-For: 10.0.0.9' --data-urlencode "text=Qua proxy $i."
	expect 201
done
req - POST /public/VH/feedback -H 'X-Forwarded-For: 10.0.0.9' --data-urlencode 'text=Qua proxy 6.'
expect 429
# only the entry the proxy added counts, not what the client claimed before it
req - POST /public/VH/feedback -H 'X-Forwarded-For: 203.0.113.5, 10.0.0.9' --data-urlencode 'text=Giả.'
expect 429
req - POST /public/VH/feedback -H 'X-Forwarded-For: 10.0.0.10' --data-urlencode 'text=Người khác.'
expect 201
grep -q ' POST /public/VH/feedback 201 .* 10.0.0.10' "$SERVE_LOG" || fail "the log does not name the forwarded client"
serve_stop

# ---- the audit log has the steps, with who ----
ok audit --limit 200
has 'web:canbo'
has 'web:cong-dan'
n=$(grep -c 'web:canbo' "$OUT")
[ "$n" -ge 5 ] || fail "the audit has $n entries by web:canbo (expected 5 or more)"
