# receipts.sh — QR surveys for a dossier: `hailong receipts` (the slip, bad
# arguments, escaping, the audit; a code not imported needs --new), the
# clerk's page /receipts (login, CSRF, the "new dossier" box), and the phone
# link on the real server: the page, its config, bad answers (4xx, nothing
# stored), one stored answer, a resend (duplicate), a second survey (409
# with the message), the used and unknown link pages. One rating per
# dossier (issue 12): a second slip replaces the first link (its page and
# config say so, 410, and it takes no answer); a rated dossier gets no new
# slip; an imported dossier's field is in the config and in the stored
# response, whatever the phone sends.
set -eu
. "$2/tests/e2e/lib.sh"

# submit LINK BODY: POST LINK/submit as a phone.
submit() {
	CODE=$(curl -s -o "$OUT" -w '%{http_code}' --max-time 20 -H 'Content-Type: application/json' \
		--data-binary "$2" "$1/submit")
}

setup
echo 'matkhau-canbo-01' | "$HL" users add canbo --role clerk --unit BNT >"$OUT" 2>&1 ||
	fail "users add canbo"

# ---- the command ----
status 2 receipts
has "thiếu mã hồ sơ"
status 1 receipts HS-1 --new
has "chưa có hồ sơ mã HS-1"
# not imported and not said new: a typing mistake until told otherwise
status 1 receipts HS-1 --unit BNT
has "không có hồ sơ mã HS-1 trong các hồ sơ đã nhập"
has "--new"
# An imported dossier brings its own unit; naming another one is refused.
printf '%s\n%s\n' 'code,unit,field,procedure,channel,received_at,due_at,finished_at,returned_at,supplements,reschedules,apology' \
	'HS-IMP,BNT,ho-tich,Khai sinh,direct,2025-08-01 08:00,2025-08-01 16:00,,,0,0,0' > "$WORK/hs.csv"
ok dossiers import "$WORK/hs.csv"
ok receipts HS-IMP --out "$WORK/imp.html"
grep -q "Bắc Nha Trang" "$WORK/imp.html" || fail "the imported dossier's unit is not on the slip"
grep -q "Thủ tục: Khai sinh (lĩnh vực Hộ tịch)" "$WORK/imp.html" ||
	fail "the imported dossier's procedure and field are not on the slip"
IMP1=$(sed -n 's|^Đường dẫn khảo sát của hồ sơ HS-IMP: ||p' "$OUT")
# a second slip for the dossier replaces the first link
ok receipts HS-IMP --out "$WORK/imp2.html"
has "thay cho phiếu in trước"
IMP2=$(sed -n 's|^Đường dẫn khảo sát của hồ sơ HS-IMP: ||p' "$OUT")
[ -n "$IMP1" ] && [ -n "$IMP2" ] && [ "$IMP1" != "$IMP2" ] || fail "links '$IMP1' '$IMP2'"
status 1 receipts HS-IMP --unit VT
has "thuộc đơn vị BNT"
status 1 receipts HS-1 --new --unit KHONG-CO
has "KHONG-CO"
status 1 receipts HS-1 --new --unit BNT --url 'ftp://x'
has "--url"
status 1 receipts HS-1 --new --unit BNT --url 'http://a b'
has "không hợp lệ"
status 1 receipts "$(printf 'HS\001')" --new --unit BNT
has "ký tự không hợp lệ"
status 1 receipts HS-1 --new --unit BNT --feedback ''
has "phản ánh"
status 1 receipts HS-1 --new --unit BNT --out "$WORK/no/such/dir/slip.html"
has "không ghi được tệp"
[ "$(count)" -eq 0 ] || fail "responses appeared"

ok receipts 'HS-<b>"1' --new --unit BNT --url http://dvc.example.vn:8080/ --out "$WORK/slip.html"
has "http://dvc.example.vn:8080/s/"
has "$WORK/slip.html"
grep -qF 'HS-&lt;b&gt;&quot;1' "$WORK/slip.html" || fail "the dossier code is not escaped on the slip"
grep -qF 'Phường Bắc Nha Trang' "$WORK/slip.html" || fail "the slip lacks the unit's name"
grep -qF 'Mọi phản ánh, kiến nghị xin gửi về' "$WORK/slip.html" || fail "the slip lacks the feedback text"
grep -qF '<svg xmlns="http://www.w3.org/2000/svg"' "$WORK/slip.html" || fail "the slip has no QR code"
grep -qF 'lang="vi"' "$WORK/slip.html" || fail "the slip page is not marked Vietnamese"
if grep -q '<b>' "$WORK/slip.html"; then fail "raw markup from the dossier code on the slip"; fi

HAILONG_FEEDBACK='Đường dây nóng: 0258 3 000 000' "$HL" receipts HS-2 --new --unit BNT >"$OUT" 2>&1 ||
	fail "receipts with HAILONG_FEEDBACK"
has "Đường dây nóng: 0258 3 000 000"
has "http://127.0.0.1:8080/s/"
ok receipts HS-3 --new --unit BNT --feedback 'Gọi <script>1</script>'
has "Gọi &lt;script&gt;1&lt;/script&gt;"
hasnt "<script>"
ok audit
has "hồ sơ HS-3, đơn vị BNT"

# ---- the clerk's page ----
serve_start
P=$WORK/phone.jar
req - GET /receipts
expect 303
case "$CODE" in *"/login"*) ;; *) fail "GET /receipts without a session went to $CODE" ;; esac
login canbo matkhau-canbo-01
J=$JAR
csrf_of /receipts
has 'name="dossier"'
t=$CSRF
req "$J" POST /receipts --data-urlencode dossier=HS-WEB-1
expect 403
req "$J" POST /receipts --data-urlencode "csrf=$t" --data-urlencode dossier=
expect 400
has "thiếu mã hồ sơ"
# a code not imported: refused, kept in the form, until the box says it is new
req "$J" POST /receipts --data-urlencode "csrf=$t" --data-urlencode 'dossier= HS-WEB-1 '
expect 404 "Không có hồ sơ mã HS-WEB-1 trong các hồ sơ đã nhập"
has 'value="HS-WEB-1"'
has 'name="new"'
hasnt '<svg'
req "$J" POST /receipts --data-urlencode "csrf=$t" --data-urlencode 'dossier= HS-WEB-1 ' -d new=1
expect 200
has "HS-WEB-1"
has "<svg"
LINK=$(sed -n 's/.*<p class="link">\([^<]*\)<.*/\1/p' "$OUT")
case "$LINK" in "$BASE/s/"*) ;; *) fail "the slip's link is '$LINK'" ;; esac

# ---- the phone ----
req "$P" GET "${LINK#"$BASE"}"
expect 200
has 'data-mode="phone"'
has '/static/survey.js'
req "$P" GET "${LINK#"$BASE"}/config"
expect 200
has '"code":"BNT"'
has '"HS-WEB-1"'
has '"questions"'

NOW=$(date +%Y-%m-%dT%H:%M:%S)
GOOD='{"id":"phone-1","instrument":"sipas-5@1","collected_at":"'$NOW'","channel":"qr","answers":{"TC1":5,"HC2":4},"comment":"Nhanh <i>gọn</i>"}'
submit "$LINK" '{"id":"phone-x","instrument":"sipas-5@1","collected_at":"'$NOW'","answers":{"TC1":9}}'
[ "$CODE" = 400 ] || fail "an answer out of scale gave $CODE"
has "answers.TC1"
submit "$LINK" '{"id":"phone-x","instrument":"sipas-5@1","collected_at":"'$NOW'","channel":"kiosk","answers":{"TC1":5}}'
[ "$CODE" = 400 ] || fail "channel kiosk on a QR link gave $CODE"
submit "$LINK" '{"id":"phone-x","unit":"KH","instrument":"sipas-5@1","collected_at":"'$NOW'","answers":{"TC1":5}}'
[ "$CODE" = 403 ] || fail "another unit on a QR link gave $CODE"
submit "$LINK" '{"id":"phone-x","dossier":"HS-KHAC","instrument":"sipas-5@1","collected_at":"'$NOW'","answers":{"TC1":5}}'
[ "$CODE" = 400 ] || fail "another dossier on a QR link gave $CODE"
submit "$LINK" '{"id":'
[ "$CODE" = 400 ] || fail "malformed JSON gave $CODE"
[ "$(count)" -eq 0 ] || fail "a refused answer was stored"

submit "$LINK" "$GOOD"
[ "$CODE" = 201 ] || fail "the phone's answers gave $CODE: $(cat "$OUT")"
has '"stored"'
submit "$LINK" "$GOOD"
[ "$CODE" = 200 ] || fail "the same answers again gave $CODE"
has '"duplicate"'
submit "$LINK" '{"id":"phone-2","instrument":"sipas-5@1","collected_at":"'$NOW'","answers":{"TC1":1}}'
[ "$CODE" = 409 ] || fail "a second survey on a used link gave $CODE"
has "Phiếu khảo sát cho hồ sơ này đã được gửi. Cảm ơn ông/bà!"
req "$P" GET "${LINK#"$BASE"}"
expect 200
has "Phiếu khảo sát cho hồ sơ này đã được gửi. Cảm ơn ông/bà!"
hasnt "survey.js"
req "$P" GET "${LINK#"$BASE"}/config"
expect 409
req "$P" GET /s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
expect 404
has "Đường dẫn không hợp lệ"
req "$P" GET '/s/%3Cscript%3E'
expect 404
submit "$BASE/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" "$GOOD"
[ "$CODE" = 404 ] || fail "an unknown link's submit gave $CODE"
head -c 20000 /dev/zero | tr '\0' 'a' >"$WORK/big.json"
CODE=$(curl -s -o "$OUT" -w '%{http_code}' --max-time 20 -H 'Content-Type: application/json' \
	--data-binary @"$WORK/big.json" "$LINK/submit")
[ "$CODE" = 413 ] || fail "a 20 kB body gave $CODE"

# ---- one rating per dossier ----
# the first slip of HS-IMP was replaced by the second: its page and config
# say so, and it takes no answer
req "$P" GET "${IMP1#http://127.0.0.1:8080}"
expect 410 "Phiếu đã được thay"
hasnt "survey.js"
req "$P" GET "${IMP1#http://127.0.0.1:8080}/config"
expect 410 '"replaced"'
submit "$BASE${IMP1#http://127.0.0.1:8080}" '{"id":"phone-old","instrument":"sipas-5@1","collected_at":"'$NOW'","answers":{"TC1":5}}'
[ "$CODE" = 410 ] || fail "an answer on a replaced link gave $CODE"
# the current one: the dossier's field, stored whatever the phone says
L2=$BASE${IMP2#http://127.0.0.1:8080}
req "$P" GET "${IMP2#http://127.0.0.1:8080}/config"
expect 200 '"field":{"code":"ho-tich","name":"Hộ tịch"}'
has '"procedure":"Khai sinh"'
submit "$L2" '{"id":"phone-imp","instrument":"sipas-5@1","collected_at":"'$NOW'","field":"cu-tru","answers":{"TC1":5}}'
[ "$CODE" = 201 ] || fail "the imported dossier's survey gave $CODE: $(cat "$OUT")"
# rated: no new slip, on the page or the command line
req "$J" POST /receipts --data-urlencode "csrf=$t" --data-urlencode 'dossier=HS-IMP'
expect 409 "đã được đánh giá"
# a slip made again on the page says it replaced the earlier one
req "$J" POST /receipts --data-urlencode "csrf=$t" --data-urlencode 'dossier=HS-WEB-2' -d new=1
expect 200
hasnt 'thay cho phiếu in trước'
req "$J" POST /receipts --data-urlencode "csrf=$t" --data-urlencode 'dossier=HS-WEB-2' -d new=1
expect 200 'Phiếu này thay cho phiếu in trước đó của hồ sơ'
# A supervisor picks the receiving unit by name among those of its scope
# (the reports' order: Vĩnh Hải before Vĩnh Hòa), no code to type; the
# server still refuses one outside it.
echo 'matkhau-giamsat-1' | "$HL" users add giamsat --role supervisor --unit NT >"$OUT" 2>&1 ||
	fail "users add giamsat"
login giamsat matkhau-giamsat-1
csrf_of /receipts
has '<select name="unit">'
has '<option value="VHA">Phường Vĩnh Hải</option><option value="VH">Phường Vĩnh Hòa</option>'
hasnt '<option value="BNT">'
hasnt 'Mã đơn vị tiếp nhận'
req "$JAR" POST /receipts --data-urlencode "csrf=$CSRF" --data-urlencode dossier=HS-SUP-1 -d new=1 \
	-d unit=VHA
expect 200 'Phường Vĩnh Hải'
req "$JAR" POST /receipts --data-urlencode "csrf=$CSRF" --data-urlencode dossier=HS-SUP-2 -d new=1 \
	-d unit=BNT
expect 403
has '<select name="unit">'
serve_stop
status 1 receipts HS-IMP
has "đã được đánh giá"
[ "$(sqlite3 "$HAILONG_DB" "SELECT f.code FROM responses r JOIN fields f ON f.id = r.field_id
	WHERE r.dossier = 'HS-IMP'")" = ho-tich ] || fail "the response lacks the dossier's field"

[ "$(count)" -eq 2 ] || fail "$(count) responses stored, expected 2"
echo "receipts: ok"
