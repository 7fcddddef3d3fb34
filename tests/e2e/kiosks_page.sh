#!/bin/sh
# kiosks_page.sh BIN SRCROOT — the /kiosks page (issue 10, issue 12): a
# clerk lists the unit's kiosks, adds one (the device token, a QR code and
# the pairing link /kiosk#token=… shown once, never again), renames it (the
# token keeps working), and revokes it after a confirmation (the token is
# refused from then on). Every change needs the form's CSRF token, stays in
# the clerk's unit (another unit's kiosk is as if absent) and is audited as
# web:NAME; `hailong kiosks` sees the same kiosks.
set -eu
. "$2/tests/e2e/lib.sh"

ok init
cat >units.csv <<'CSV'
code,name,type,parent,valid_from,valid_to
KH,Tỉnh Khánh Hòa,tinh,,,
VT,UBND phường Vĩnh Thọ,ubnd-xa,KH,,
VH,UBND phường Vĩnh Hòa,ubnd-xa,KH,,
CSV
ok units import units.csv
ok kiosks add --unit VH --name quay-vh
echo 'matkhau-canbo-01' | "$HL" users add canbo --role clerk --unit VT >"$OUT" 2>&1 || fail "users add"
echo 'matkhau-giamsat1' | "$HL" users add giamsat --role supervisor --unit KH >"$OUT" 2>&1 ||
	fail "users add"
serve_start

req - GET /kiosks
expect 303
login canbo matkhau-canbo-01
C=$JAR
csrf_of /kiosks
has 'Chưa có máy kiosk nào.'
hasnt 'quay-vh'                          # another unit's
has '<option value="VT">'
hasnt '<option value="VH">'

# Adding: the pairing shown once.
req "$C" POST /kiosks --data-urlencode name="Quầy 1" --data-urlencode unit=VT
expect 403                               # no CSRF token
req "$C" POST /kiosks --data-urlencode "csrf=$CSRF" --data-urlencode name="Quầy 1" \
	--data-urlencode unit=VT
expect 200 'Đã thêm kiosk Quầy 1'
has '<svg'
has 'một lần'
LINK=$(sed -n 's/.*class="pair-link" href="\([^"]*\)".*/\1/p' "$OUT")
case "$LINK" in "$BASE/kiosk#token="*) ;; *) fail "pairing link is '$LINK'" ;; esac
TOKEN=${LINK#*#token=}
grep -qF "<code class=\"secret\">$TOKEN</code>" "$OUT" || fail "the token is not shown"
CODE=$(curl -s -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/kiosk/config")
expect 200 '"name":"Quầy 1"'
req "$C" POST /kiosks --data-urlencode "csrf=$CSRF" --data-urlencode name="Quầy 1" \
	--data-urlencode unit=VT
expect 409 'đã có máy kiosk tên Quầy 1'
req "$C" POST /kiosks --data-urlencode "csrf=$CSRF" --data-urlencode name="Quầy 2" \
	--data-urlencode unit=VH
expect 404                               # not the clerk's unit
req "$C" POST /kiosks --data-urlencode "csrf=$CSRF" --data-urlencode name="" \
	--data-urlencode unit=VT
expect 400

# The list: state and the last response, never the token.
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
CODE=$(curl -s -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
	-H 'Content-Type: application/json' --data \
	'{"id":"k1","instrument":"sipas-5","collected_at":"'"$NOW"'","answers":{"TC1":5}}' \
	"$BASE/api/v1/responses")
expect 201
req "$C" GET /kiosks
expect 200 'Quầy 1'
has 'Đang dùng'
has "$(TZ=Asia/Ho_Chi_Minh date +%d/%m/%Y)"
hasnt "$TOKEN"
hasnt 'quay-vh'

# Renaming: the token keeps working; another unit's kiosk is not found.
req "$C" POST /kiosks/rename --data-urlencode "csrf=$CSRF" --data-urlencode name="Quầy 1" \
	--data-urlencode new_name="Quầy tiếp nhận 1"
expect 303
case "$CODE" in *"/kiosks?ok=rename") ;; *) fail "rename redirected to $CODE" ;; esac
req "$C" GET "/kiosks?ok=rename"
has 'Đã đổi tên kiosk.'
has 'Quầy tiếp nhận 1'
CODE=$(curl -s -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/kiosk/config")
expect 200 '"name":"Quầy tiếp nhận 1"'
req "$C" POST /kiosks/rename --data-urlencode "csrf=$CSRF" --data-urlencode name=quay-vh \
	--data-urlencode new_name=x
expect 404
req "$C" POST /kiosks/rename --data-urlencode "csrf=$CSRF" \
	--data-urlencode name="Quầy tiếp nhận 1" --data-urlencode new_name=quay-vh
expect 409

# Revoking: first the confirmation, nothing changed; then revoked.
req "$C" POST /kiosks/revoke --data-urlencode "csrf=$CSRF" --data-urlencode name="Quầy tiếp nhận 1"
expect 200 'Thu hồi kiosk Quầy tiếp nhận 1?'
has 'name="confirm" value="1"'
CODE=$(curl -s -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/kiosk/config")
expect 200
req "$C" POST /kiosks/revoke --data-urlencode "csrf=$CSRF" --data-urlencode name=quay-vh \
	--data-urlencode confirm=1
expect 404
req "$C" POST /kiosks/revoke --data-urlencode "csrf=$CSRF" \
	--data-urlencode name="Quầy tiếp nhận 1" --data-urlencode confirm=1
expect 303
CODE=$(curl -s -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/kiosk/config")
expect 401
req "$C" GET "/kiosks?ok=revoke"
has 'Đã thu hồi'
hasnt 'action="/kiosks/rename"'

# A supervisor sees every kiosk below it.
login giamsat matkhau-giamsat1
req "$JAR" GET /kiosks
expect 200 'quay-vh'
has 'Quầy tiếp nhận 1'
serve_stop

ok kiosks list
has 'Quầy tiếp nhận 1'
has 'đã thu hồi'
ok audit --limit 20
has 'kiosks.add'
has 'kiosks.rename'
has 'kiosks.revoke'
grep -q 'web:canbo .*kiosks.add .*kiosk Quầy 1, đơn vị VT' "$OUT" || fail "the addition's audit line"
grep -qF "$TOKEN" "$OUT" && fail "the token is in the audit log"
echo "kiosks_page: OK"
