# serve_api.sh — POST /api/v1/responses and GET /api/v1/kiosk/config on the
# real server: stored, duplicate, every kind of bad input (4xx, nothing
# stored), kiosk tokens (forged, revoked, another unit), a logged-in user with
# and without the CSRF header, the burst rule and the review page (escaped
# text, accept, reject), then the database after the server stopped.
set -eu
. "$2/tests/e2e/lib.sh"

# post TOKEN BODY: POST /api/v1/responses as a kiosk; status in $CODE, body in $OUT.
post() {
	REQ="POST /api/v1/responses"
	CODE=$(curl -s -o "$OUT" -w '%{http_code}' --max-time 20 -H "Authorization: Bearer $1" \
		-H 'Content-Type: application/json' --data-binary "$2" "$BASE/api/v1/responses")
}

NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
TODAY=$(date +%Y-%m-%d)

ok init
ok units import "$DATA/units.csv"
ok fields import "$DATA/fields.csv"
ok staff import "$DATA/staff.csv"
ok kiosks add --unit VT --name quay-1
has "Đã thêm máy kiosk 'quay-1'"
has "http://127.0.0.1:8080/kiosk#token="
T1=$(sed -n 's/.*lưu lại): //p' "$OUT")
[ -n "$T1" ] || fail "no token printed"
ok kiosks add --unit VT --name quay-2 --url https://hl.example.vn/
has "https://hl.example.vn/kiosk#token="
T2=$(sed -n 's/.*lưu lại): //p' "$OUT")
ok kiosks add --unit VT --name cu
T3=$(sed -n 's/.*lưu lại): //p' "$OUT")
ok kiosks revoke cu
has "Đã thu hồi máy kiosk 'cu'"
status 1 kiosks revoke khong-co
status 1 kiosks add --unit KHONG-CO --name x
status 1 kiosks add --unit VT --name quay-1
ok kiosks list
has "quay-1"
has "đã thu hồi"
echo 'mat-khau-can-bo' | "$HL" users add lan --role clerk --unit VT >"$OUT" 2>&1 ||
	fail "users add lan"

serve_start

# The kiosk's configuration.
CODE=$(curl -s -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $T1" "$BASE/api/v1/kiosk/config")
expect 200 '"ref":"sipas-5@1"'
has '"code":"VT"'
has '"name":"quay-1"'
has '"value":5,"label":"Rất hài lòng"'
CODE=$(curl -s -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $T1" \
	"$BASE/api/v1/kiosk/config?instrument=khanh-hoa-6")
expect 200 '"ref":"khanh-hoa-6@1"'
CODE=$(curl -s -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $T1" \
	"$BASE/api/v1/kiosk/config?instrument=khong-co")
expect 404 '"field":"instrument"'
CODE=$(curl -s -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $T1" \
	"$BASE/api/v1/kiosk/config?unit=VH")
expect 403
CODE=$(curl -s -o "$OUT" -w '%{http_code}' "$BASE/api/v1/kiosk/config")
expect 401

body() { # body ID [EXTRA]: a valid kiosk response with id ID
	printf '{"id":"%s","instrument":"sipas-5","collected_at":"%s","answers":{"TC1":5,"HC2":4,"PV3":2}%s}' \
		"$1" "$NOW" "${2:-}"
}

# Stored, then the same id again: a duplicate, counted once.
post "$T1" "$(body a1)"
expect 201 '{"status":"stored","id":"a1"}'
post "$T1" "$(body a1)"
expect 200 '{"status":"duplicate","id":"a1"}'

# Bad input: a clear 4xx naming the field, nothing stored.
post "$T1" '{"id":"b1","instrument":'
expect 400 '"code":"invalid"'
post "$T1" '[1,2]'
expect 400
post "$T1" "$(body b2 ',"unit":"KHONG-CO"')"
expect 400 '"field":"unit"'
post "$T1" "$(body b3 ',"unit":"VH"')"
expect 403 '"field":"unit"'
post "$T1" '{"id":"b4","instrument":"sipas-5","collected_at":"'"$NOW"'","answers":{"XX9":5}}'
expect 400 '"field":"answers.XX9"'
post "$T1" '{"id":"b5","instrument":"sipas-5","collected_at":"'"$NOW"'","answers":{"TC3":6}}'
expect 400 '"field":"answers.TC3"'
has "ngoài thang đo 1–5"
post "$T1" '{"id":"b6","instrument":"sipas-5","collected_at":"'"$NOW"'","answers":{"TC3":"5"}}'
expect 400 '"field":"answers.TC3"'
post "$T1" '{"id":"b7","instrument":"sipas-5","collected_at":"2025-02-30","answers":{"TC3":5}}'
expect 400 '"field":"collected_at"'
post "$T1" '{"id":"b8","instrument":"sipas-9","collected_at":"'"$NOW"'","answers":{"TC3":5}}'
expect 400 '"field":"instrument"'
post "$T1" '{"instrument":"sipas-5","collected_at":"'"$NOW"'","answers":{"TC3":5}}'
expect 400 '"field":"id"'
post "$T1" "$(body b9 ',"colour":"red"')"
expect 400 '"field":"colour"'
post "$T1" "$(body b10 ',"field":"khong-co"')"
expect 400 '"field":"field"'
post "$T1" "$(body b11 ',"staff":"CB99"')"
expect 400 '"field":"staff"'
long=$(head -c 4001 /dev/zero | tr '\0' 'x')
post "$T1" "$(body b12 ",\"comment\":\"$long\"")"
expect 400 '"field":"comment"'
big=$(head -c 17000 /dev/zero | tr '\0' 'x')
post "$T1" "$(body b13 ",\"comment\":\"$big\"")"
expect 413 '"code":"too_large"'
printf '{"id":"b14","instrument":"sipas-5","collected_at":"%s","answers":{"TC1":5},"comment":"\377\376"}' \
	"$NOW" >"$WORK/bad-utf8.json"
CODE=$(curl -s -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $T1" \
	--data-binary "@$WORK/bad-utf8.json" "$BASE/api/v1/responses")
expect 400 "UTF-8"

# A comment ticked as a complaint (kiosk quay-2, apart from the burst count
# of quay-1 below): stored, and a feedback item of channel kiosk for the
# kiosk's unit; a resend adds nothing; no comment, refused.
post "$T2" "$(body k1 ',"comment":"Chờ quá lâu ở quầy đất đai","complaint":true')"
expect 201 '"feedback":"PA-VT-'
post "$T2" "$(body k1 ',"comment":"Chờ quá lâu ở quầy đất đai","complaint":true')"
expect 200 '"status":"duplicate"'
hasnt '"feedback"'
post "$T2" "$(body k2 ',"complaint":true')"
expect 400 '"field":"complaint"'
post "$T2" "$(body k3 ',"comment":"x","complaint":"yes"')"
expect 400 '"field":"complaint"'
post "$T2" "$(body k4 ',"comment":"Chỉ góp ý","complaint":false')"
expect 201 '"status":"stored"'
hasnt '"feedback"'

# Tokens: forged, revoked.
post "forged-token-0000000000000000000000000000000" "$(body c1)"
expect 401 '"code":"unauthorized"'
post "$T3" "$(body c2)"
expect 401
CODE=$(curl -s -o "$OUT" -w '%{http_code}' -H 'Content-Type: application/json' \
	--data-binary "$(body c3)" "$BASE/api/v1/responses")
expect 401

# The burst rule: a1 was the first in this minute; a2–a4 are still counted,
# a5 (the fifth) is held — with SQL and HTML in its comment.
post "$T1" "$(body a2)"
expect 201 '"status":"stored"'
post "$T1" "$(body a3)"
expect 201 '"status":"stored"'
post "$T1" "$(body a4)"
expect 201 '"status":"stored"'
INJ='<script>alert(\"x\")</script> '"'"' OR 1=1; DROP TABLE responses;-- Ý kiến'
post "$T1" "$(body a5 ",\"comment\":\"$INJ\"")"
expect 201 '{"status":"held","id":"a5"}'
# Another kiosk, collected 2 hours ahead of the server's clock: held.
FUT=$(date -u -d '+2 hours' +%Y-%m-%dT%H:%M:%SZ)
post "$T2" '{"id":"f1","instrument":"sipas-5@1","collected_at":"'"$FUT"'","answers":{"TC1":1}}'
expect 201 '"status":"held"'
# A bare date of today, with a local-time offset: fine.
post "$T2" '{"id":"d1","instrument":"sipas-5","collected_at":"'"$TODAY"'","answers":{"TC1":4},"field":null,"staff":null,"dossier":"HS-1"}'
expect 201 '"status":"stored"'

# A clerk logs in: the review page lists the held responses, escaped.
login lan mat-khau-can-bo /review
csrf_of /review
has "Phiếu chờ xem xét"
has "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#39; OR 1=1; DROP TABLE responses;-- Ý kiến"
hasnt '<script>alert'
has "quay-1"
has "quay-2"
IDS=$(sed -n 's/.*action="\/review\/\([0-9]*\)".*/\1/p' "$OUT" | tr '\n' ' ')
grep -o 'action="/review/[0-9]*"' "$OUT" | sed 's/[^0-9]//g' >"$WORK/ids"
[ "$(wc -l <"$WORK/ids")" -eq 2 ] || fail "expected 2 held responses on /review, got: $IDS"
# Newest first: f1 (kiosk quay-2) then a5.
F1=$(sed -n 1p "$WORK/ids")
A5=$(sed -n 2p "$WORK/ids")

# Without the CSRF field: refused, nothing changes.
req "$JAR" POST "/review/$A5" -d action=accept
expect 403
req "$JAR" POST "/review/$A5" -d action=accept --data-urlencode "csrf=$CSRF"
expect 303
req "$JAR" POST "/review/$A5" -d action=accept --data-urlencode "csrf=$CSRF"
expect 409 "đã được xem xét"
req "$JAR" POST "/review/$F1" -d action=reject --data-urlencode "csrf=$CSRF"
expect 303
req "$JAR" GET "/review?done=reject"
expect 200 "Không có phiếu nào chờ xem xét"

# "Accept all" (issue 12): after a confirmation, exactly the held responses
# the clerk was shown — one arriving meanwhile stays held.
post "$T2" '{"id":"f2","instrument":"sipas-5@1","collected_at":"'"$FUT"'","answers":{"TC1":5}}'
expect 201 '"status":"held"'
post "$T2" '{"id":"f3","instrument":"sipas-5@1","collected_at":"'"$FUT"'","answers":{"TC1":4}}'
expect 201 '"status":"held"'
req "$JAR" GET /review
expect 200 'action="/review/all"'
has "Chấp nhận tất cả 2 phiếu…"
UPTO=$(sed -n 's/.*name="upto" value="\([0-9]*\)".*/\1/p' "$OUT" | head -n 1)
[ -n "$UPTO" ] || fail "no upto on the accept-all form"
req "$JAR" POST /review/all --data-urlencode "csrf=$CSRF" --data-urlencode "upto=$UPTO"
expect 200 "Chấp nhận tất cả 2 phiếu đang chờ?"
has 'name="confirm" value="1"'
post "$T2" '{"id":"f4","instrument":"sipas-5@1","collected_at":"'"$FUT"'","answers":{"TC1":3}}'
expect 201 '"status":"held"'
req "$JAR" POST /review/all --data-urlencode "csrf=$CSRF" --data-urlencode "upto=$UPTO" \
	--data-urlencode confirm=1
expect 303
case "$CODE" in *"done=all&n=2"*) ;; *) fail "accept all went to $CODE" ;; esac
req "$JAR" GET "/review?done=all&n=2"
expect 200 "Đã chấp nhận 2 phiếu"
[ "$(grep -c 'action="/review/[0-9]' "$OUT")" -eq 1 ] || fail "f4 is not left held alone"
req "$JAR" POST /review/all --data-urlencode "upto=$UPTO" --data-urlencode confirm=1
expect 403

# The clerk posts through the API: the CSRF header is required; VT only.
ucurl() {
	CODE=$(curl -s -b "$JAR" -o "$OUT" -w '%{http_code}' -H 'Content-Type: application/json' "$@" \
		"$BASE/api/v1/responses")
}
UB='{"unit":"VT","instrument":"sipas-5","collected_at":"'"$TODAY"'","answers":{"KQ1":5}}'
ucurl --data-binary "$UB"
expect 403 '"field":"csrf"'
ucurl -H "X-CSRF-Token: $CSRF" --data-binary "$UB"
expect 201 '{"status":"stored","id":null}'
ucurl -H "X-CSRF-Token: $CSRF" --data-binary '{"id":"u1","unit":"VH","instrument":"sipas-5","collected_at":"'"$TODAY"'","answers":{"KQ1":5}}'
expect 403 '"field":"unit"'
ucurl -H "X-CSRF-Token: $CSRF" --data-binary '{"id":"u2","instrument":"sipas-5","collected_at":"'"$TODAY"'","answers":{"KQ1":5}}'
expect 400 '"field":"unit"'

serve_stop
ok feedback list --unit VT --format csv
[ "$(grep -c ',kiosk,' "$OUT")" -eq 1 ] || fail "the kiosk complaint is not one feedback item"
ok audit
has 'kiosk:quay-2'

# After the server: a1–a5, f1–f4, d1, k1, k4 and the clerk's response; no bad one.
[ "$(count)" -eq 13 ] || fail "expected 13 stored responses, got $(count)"


ok responses list-ids --with-status
has "a1	counted"
has "a5	counted"
has "f1	rejected"
has "f2	counted"
has "f3	counted"
has "f4	held"
has "d1	counted"
hasnt "b1"
hasnt "c1"
hasnt "u1"
ok responses list-ids --status held
[ "$(wc -l <"$OUT")" -eq 1 ] && has "f4" || fail "held responses other than f4 (which came after the accept-all page)"
ok audit
has "kiosks.add"
has "kiosks.revoke"
has "review.accept"
has "review.reject"
has "review.accept-all"
# The live tallies count a1–a4, a5 (accepted), f2 and f3 (accepted together), d1, k1,
# k4 and the clerk's: 11 of 13;
# rebuilt from the stored rows they say the same.
ok index --period "$(date +%Y)" --unit VT --format csv
cp "$OUT" "$WORK/live.csv"
n=$(awk -F, '$4 == "SIPAS" { print $6 }' "$OUT")
[ "$n" = 11 ] || fail "SIPAS counts $n responses, expected 11"
ok tallies rebuild
ok index --period "$(date +%Y)" --unit VT --format csv
cmp -s "$OUT" "$WORK/live.csv" || fail "live tallies differ from rebuilt ones"
echo "serve_api: ok"
