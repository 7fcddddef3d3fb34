# idempotency.sh — nothing sent in is silently dropped (issue 10): the same
# id with the same content is a duplicate, with other content a 409 naming
# the id (kiosk, logged-in user, QR, CSV import); ids are the unit's; a
# feedback item resent with its key gets the same code and a working token;
# a paper row's form sent twice is one ballot; QR answers are dated by the
# server; a kiosk's answers dated far back or ahead are held, and a failed
# write does not count toward its burst; control characters are refused in
# every channel.
set -eu
. "$2/tests/e2e/lib.sh"

# post TOKEN BODY: POST /api/v1/responses as a kiosk; status in $CODE, body in $OUT.
post() {
	REQ="POST /api/v1/responses"
	CODE=$(curl -s -o "$OUT" -w '%{http_code}' --max-time 20 -H "Authorization: Bearer $1" \
		-H 'Content-Type: application/json' --data-binary "$2" "$BASE/api/v1/responses")
}

# json URL BODY [CURL ARGS...]: POST a JSON body; status in $CODE, body in $OUT.
json() {
	u=$1 b=$2
	shift 2
	REQ="POST $u"
	CODE=$(curl -s -o "$OUT" -w '%{http_code}' --max-time 20 -H 'Content-Type: application/json' \
		"$@" --data-binary "$b" "$BASE$u")
}

# kiosk UNIT NAME: add a kiosk, its token in $TOK.
kiosk() {
	ok kiosks add --unit "$1" --name "$2"
	TOK=$(sed -n 's/.*lưu lại): //p' "$OUT")
	[ -n "$TOK" ] || fail "no token printed for kiosk $2"
}

# sql QUERY: one query on the database (the server may be running).
sql() {
	sqlite3 -cmd ".timeout 5000" "$HAILONG_DB" "$1" || fail "sqlite3: $1"
}

# body ID DATE [EXTRA]: a kiosk response.
body() {
	printf '{"id":"%s","instrument":"sipas-5","collected_at":"%s","answers":{"TC1":5,"HC2":4}%s}' \
		"$1" "$2" "${3:-}"
}

NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
TODAY=$(TZ=Asia/Ho_Chi_Minh date +%Y-%m-%d)
TODAY_N=$(( ($(date +%s) + 7 * 3600) / 86400 ))
AGO20=$(TZ=Asia/Ho_Chi_Minh date -d '-20 days' +%Y-%m-%d)
AGO40=$(TZ=Asia/Ho_Chi_Minh date -d '-40 days' +%Y-%m-%d)

ok init
ok units import "$DATA/units.csv"
ok fields import "$DATA/fields.csv"
ok staff import "$DATA/staff.csv"
kiosk VT vt-1
K1=$TOK
kiosk VH vh-1
K2=$TOK
kiosk VT vt-dates
K3=$TOK
kiosk VT vt-fail
K4=$TOK
echo 'mat-khau-can-bo' | "$HL" users add lan --role clerk --unit VT >"$OUT" 2>&1 ||
	fail "users add lan"
echo 'mat-khau-nhap-1' | "$HL" users add nhap --role entry --unit VT >"$OUT" 2>&1 ||
	fail "users add nhap"
ok receipts HS-Q1 --new --unit VT --out "$WORK/q1.html"
Q1=$(sed -n 's|.*/s/\([A-Za-z0-9_-]*\).*|\1|p' "$OUT" | head -n 1)
ok receipts HS-Q2 --new --unit VT --out "$WORK/q2.html"
Q2=$(sed -n 's|.*/s/\([A-Za-z0-9_-]*\).*|\1|p' "$OUT" | head -n 1)
[ -n "$Q1" ] && [ -n "$Q2" ] || fail "no survey link printed"

serve_start

# ---- the same id: a duplicate when the same, 409 when not ----
post "$K1" "$(body x1 "$NOW" ',"comment":"Chờ lâu"')"
expect 201 '{"status":"stored","id":"x1"}'
post "$K1" "$(body x1 "$NOW" ',"comment":"Chờ lâu"')"
expect 200 '{"status":"duplicate","id":"x1"}'
# The complaint box ticked on the resend: other content.
post "$K1" "$(body x1 "$NOW" ',"comment":"Chờ lâu","complaint":true')"
expect 409 '"code":"conflict"'
has '"field":"id"'
has 'mã phiếu x1'
post "$K1" "$(body x1 "$TODAY" ',"comment":"Chờ lâu"')"
expect 200 '"duplicate"'
post "$K1" "$(body x1 "$AGO20" ',"comment":"Chờ lâu"')"
expect 409 '"field":"id"'
post "$K1" '{"id":"x1","instrument":"sipas-5","collected_at":"'"$NOW"'","answers":{"TC1":5,"HC2":3},"comment":"Chờ lâu"}'
expect 409 'mã phiếu x1'
post "$K1" "$(body x1 "$NOW" ',"comment":"Chờ lâu lắm"')"
expect 409 'mã phiếu x1'
post "$K1" "$(body x1 "$NOW" ',"comment":"Chờ lâu","field":"ho-tich"')"
expect 409 'mã phiếu x1'
[ "$(count --unit VT)" -eq 1 ] || fail "a conflicting resend was stored"
[ "$(sql "SELECT comment FROM responses WHERE ext_id = 'x1'")" = "Chờ lâu" ] ||
	fail "a conflicting resend changed the stored response"

# ---- ids are the unit's: another unit's kiosk reusing one is stored ----
post "$K2" "$(body x1 "$NOW" ',"comment":"Vĩnh Hòa"')"
expect 201 '{"status":"stored","id":"x1"}'
[ "$(count --unit VH)" -eq 1 ] || fail "the other unit's response was not stored"
post "$K2" "$(body x1 "$NOW" ',"comment":"Vĩnh Hòa"')"
expect 200 '"duplicate"'

# ---- a logged-in user ----
login lan mat-khau-can-bo /review
csrf_of /review
UB='{"id":"u1","unit":"VT","instrument":"sipas-5","collected_at":"'"$TODAY"'","answers":{"KQ1":5}}'
json /api/v1/responses "$UB" -b "$JAR" -H "X-CSRF-Token: $CSRF"
expect 201 '"stored"'
json /api/v1/responses "$UB" -b "$JAR" -H "X-CSRF-Token: $CSRF"
expect 200 '"duplicate"'
json /api/v1/responses '{"id":"u1","unit":"VT","instrument":"sipas-5","collected_at":"'"$TODAY"'","answers":{"KQ1":4}}' \
	-b "$JAR" -H "X-CSRF-Token: $CSRF"
expect 409 'mã phiếu u1'

# ---- QR: dated by the server; a resend another day is a duplicate ----
QB='{"id":"q1","instrument":"sipas-5@1","channel":"qr","answers":{"TC1":5,"HC2":4},"comment":"Tốt"'
json "/s/$Q1/submit" "$QB"',"collected_at":"2030-01-01"}'
expect 201 '"stored"'
[ "$(sql "SELECT day FROM responses WHERE ext_id = 'q1'")" = "$TODAY_N" ] ||
	fail "a QR answer was not dated today ($TODAY_N): $(sql "SELECT day FROM responses WHERE ext_id = 'q1'")"
json "/s/$Q1/submit" "$QB"',"collected_at":"2019-05-05T08:00:00+07:00"}'
expect 200 '"duplicate"'
json "/s/$Q1/submit" '{"id":"q1","instrument":"sipas-5@1","answers":{"TC1":1},"comment":"Tốt"}'
expect 409 '"field":"id"'
has 'mã phiếu q1'
# collected_at may be left out
json "/s/$Q2/submit" '{"id":"q2","instrument":"sipas-5@1","answers":{"TC1":4}}'
expect 201 '"stored"'

# ---- a kiosk's dates: more than 31 days back or in the future, held ----
post "$K3" "$(body d1 "$AGO40")"
expect 201 '"status":"held"'
post "$K3" "$(body d2 "$AGO20")"
expect 201 '"status":"stored"'
post "$K3" "$(body d3 "2031-01-01")"
expect 201 '"status":"held"'

# ---- a write that fails (rolled back) does not count toward the burst ----
sql "CREATE TRIGGER e2e_fail_i BEFORE INSERT ON tally_cells BEGIN SELECT RAISE(ABORT, 'e2e'); END;
	CREATE TRIGGER e2e_fail_u BEFORE UPDATE ON tally_cells BEGIN SELECT RAISE(ABORT, 'e2e'); END;"
for i in 1 2 3 4; do
	post "$K4" "$(body f$i "$NOW")"
	case "$CODE" in 5*) ;; *) fail "a write failing in the store answered $CODE" ;; esac
done
sql "DROP TRIGGER e2e_fail_i; DROP TRIGGER e2e_fail_u;"
post "$K4" "$(body f1 "$NOW")"
expect 201 '{"status":"stored","id":"f1"}'
[ "$(sql "SELECT count(*) FROM responses WHERE ext_id LIKE 'f%'")" -eq 1 ] ||
	fail "a failed write left a response"

# ---- control characters: refused, nothing stored ----
post "$K1" "$(body c1 "$NOW" ',"comment":"Chờ\u001b[2J lâu"')"
expect 400 '"field":"comment"'
has "ký tự điều khiển (mã 27)"
post "$K1" "$(body c2 "$NOW" ',"comment":"Chuông\u0007"')"
expect 400 '"field":"comment"'
# tabs and line breaks are text
post "$K1" "$(body c3 "$NOW" ',"comment":"Dòng một\nDòng hai\tcột"')"
expect 201 '"stored"'

# ---- feedback: the same key resent is the same item, same token ----
FB='{"unit":"VT","text":"Máy lấy số hỏng","name":"Lan","id":"fb-key-1"'
json /api/v1/public/feedback "$FB}"
expect 201 '"code":"PA-VT-'
cp "$OUT" "$WORK/fb1.json"
json /api/v1/public/feedback "$FB}"
expect 201
cmp -s "$OUT" "$WORK/fb1.json" || fail "a resend got another answer: $(cat "$OUT") vs $(cat "$WORK/fb1.json")"
FBTOK=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' "$WORK/fb1.json")
FBCODE=$(sed -n 's/.*"code":"\([^"]*\)".*/\1/p' "$WORK/fb1.json")
req - GET "/api/v1/public/feedback/track?code=$FBCODE&token=$FBTOK"
expect 200 "\"code\":\"$FBCODE\""
json /api/v1/public/feedback '{"unit":"VT","text":"Máy lấy số hỏng rồi","name":"Lan","id":"fb-key-1"}'
expect 409 '"field":"id"'
has "fb-key-1"
# The staff API: the same.
SB='{"unit":"VT","channel":"hotline","text":"Gọi điện phản ánh","received_at":"'"$TODAY"' 08:15","id":"hot-1"}'
json /api/v1/feedback "$SB" -b "$JAR" -H "X-CSRF-Token: $CSRF"
expect 201
STAFF_CODE=$(sed -n 's/.*"code":"\([^"]*\)".*/\1/p' "$OUT")
json /api/v1/feedback "$SB" -b "$JAR" -H "X-CSRF-Token: $CSRF"
expect 201 "\"code\":\"$STAFF_CODE\""
json /api/v1/feedback '{"unit":"VT","channel":"hotline","text":"Gọi điện phản ánh","received_at":"'"$TODAY"' 09:15","id":"hot-1"}' \
	-b "$JAR" -H "X-CSRF-Token: $CSRF"
expect 409 '"field":"id"'
ok feedback list --unit VT --format csv
[ "$(grep -c ',VT,web,' "$OUT")" -eq 1 ] || fail "a resent feedback item was stored twice"
[ "$(grep -c ',VT,hotline,' "$OUT")" -eq 1 ] || fail "a resent staff item was stored twice"

# ---- paper: a row's form sent twice is one ballot ----
login nhap mat-khau-nhap-1 /paper
csrf_of /paper
req "$JAR" POST /paper --data-urlencode "csrf=$CSRF" --data-urlencode unit=VT \
	--data-urlencode "opened_on=$TODAY" --data-urlencode "opened_by=Nguyễn Văn An" \
	--data-urlencode "witness=Trần Thị Bình" --data-urlencode counted=3 \
	--data-urlencode instrument=sipas-5@1
expect 303
B=${CODE##*/paper/}
req "$JAR" GET "/paper/$B"
expect 200
TYPED=$(sed -n 's/.*name="typed_as" value="\([0-9]*\)".*/\1/p' "$OUT")
[ "$TYPED" = 1 ] || fail "the new-row form does not carry its row number (got '$TYPED')"
for i in 1 2; do
	req "$JAR" POST "/paper/$B" --data-urlencode "csrf=$CSRF" --data-urlencode pass=1 \
		--data-urlencode "typed_as=$TYPED" --data-urlencode "answers=5555 55555 555555 555 5555"
	expect 303
done
req "$JAR" GET "/paper/$B"
expect 200 "Lần nhập 1: đã nhập 1/3 phiếu"
has 'name="typed_as" value="2"'
# The same answers on the next form are the next ballot.
req "$JAR" POST "/paper/$B" --data-urlencode "csrf=$CSRF" --data-urlencode pass=1 \
	--data-urlencode typed_as=2 --data-urlencode "answers=5555 55555 555555 555 5555"
expect 303
req "$JAR" GET "/paper/$B"
expect 200 "Lần nhập 1: đã nhập 2/3 phiếu"
# A control character in the comment: refused.
req "$JAR" POST "/paper/$B" --data-urlencode "csrf=$CSRF" --data-urlencode pass=1 \
	--data-urlencode typed_as=3 --data-urlencode "answers=4444 44444 444444 444 4444" \
	--data-urlencode "comment=$(printf 'Chờ\033[2J')"
expect 400 "ký tự điều khiển (mã 27)"
req "$JAR" GET "/paper/$B"
expect 200 "Lần nhập 1: đã nhập 2/3 phiếu"
serve_stop

# ---- CSV import: an id the unit has with other content refuses the file ----
H=id,unit,date,instrument,TC1,comment
printf '%s\nx1,VT,%s,sipas-5,5,Tốt\n' "$H" "$TODAY" >"$WORK/conflict.csv"
status 1 responses import "$WORK/conflict.csv"
has "Dòng 2, cột id: mã phiếu 'x1' đã có trong đơn vị với nội dung khác"
printf '%s\nn1,VT,%s,sipas-5,5,Tốt\nn1,VH,%s,sipas-5,5,Tốt\n' "$H" "$TODAY" "$TODAY" \
	>"$WORK/units.csv"
ok responses import "$WORK/units.csv"
has "Đã nhập 2 phiếu"
ok responses import "$WORK/units.csv"
has "bỏ qua 2 phiếu đã có"
printf '%s\nb1,VT,%s,sipas-5,5,"Chuông\a"\n' "$H" "$TODAY" >"$WORK/bel.csv"
status 1 responses import "$WORK/bel.csv"
has "Dòng 2, cột comment"
has "ký tự điều khiển (mã 7)"

echo "idempotency: ok"
