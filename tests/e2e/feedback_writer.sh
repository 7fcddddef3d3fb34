# feedback_writer.sh — every feedback write of the server goes through its
# single writer: five public posts at once all get distinct codes; a step
# refused inside the writer (out of order) or before it (unknown office)
# answers 4xx and leaves the item, its steps and the audit log as they were;
# a kiosk complaint whose comment cannot become an item refuses the response
# too (stored together or not at all), while a good one stores both; reading
# a sender's contact and making the PDF letter are audited (through the writer).
set -eu
. "$2/tests/e2e/lib.sh"

NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)

ok init
ok units import "$DATA/units.csv"
ok fields import "$DATA/fields.csv"
ok staff import "$DATA/staff.csv"
ok kiosks add --unit VH --name quay-1
T1=$(sed -n 's/.*lưu lại): //p' "$OUT")
[ -n "$T1" ] || fail "no kiosk token printed"
echo 'matkhau-canbo-01' | "$HL" users add canbo --role clerk --unit VH >"$OUT" 2>&1 ||
	fail "users add canbo"
serve_start

# ---- five public posts at once (the hour's limit is five per address) ----
i=1
PIDS=""
while [ $i -le 5 ]; do
	curl -s -o "$WORK/pub$i.json" -w '%{http_code}' --max-time 20 \
		-H 'Content-Type: application/json' \
		--data-binary "{\"unit\":\"VH\",\"text\":\"Phản ánh song song số $i\"}" \
		"$BASE/api/v1/public/feedback" >"$WORK/pub$i.code" &
	PIDS="$PIDS $!"
	i=$((i + 1))
done
# only the posts: a bare wait would wait for the server too
for p in $PIDS; do
	wait "$p" || true
done
i=1
: >"$WORK/codes"
while [ $i -le 5 ]; do
	[ "$(cat "$WORK/pub$i.code")" = 201 ] ||
		fail "parallel post $i answered $(cat "$WORK/pub$i.code"): $(cat "$WORK/pub$i.json")"
	# (the body has no final newline, so neither has sed's line)
	echo "$(sed -n 's/.*"code": *"\([^"]*\)".*/\1/p' "$WORK/pub$i.json")" >>"$WORK/codes"
	i=$((i + 1))
done
[ "$(sort -u "$WORK/codes" | grep -c '^PA-VH-')" -eq 5 ] ||
	fail "five parallel posts did not get five distinct codes: $(tr '\n' ' ' <"$WORK/codes")"
ok feedback list --unit VH --format csv
[ "$(grep -c ',web,' "$OUT")" -eq 5 ] || fail "five parallel posts are not five stored items"
A=$(head -n 1 "$WORK/codes")

# ---- a step refused inside the writer changes nothing ----
login canbo matkhau-canbo-01
csrf_of /feedback
api() { # api PATH BODY: a staff POST of JSON
	req "$JAR" POST "$1" -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" \
		--data-binary "$2"
}
api "/api/v1/feedback/$A/classify" '{"class":"hanh-vi","criterion":"PV"}'
expect 200 '"step":"forward"'
ok feedback show "$A"
cp "$OUT" "$WORK/before.txt"
ok audit --limit 1000
AUDIT=$(wc -l <"$OUT")
# an answer before forwarding: the writer's order check refuses it
api "/api/v1/feedback/$A/answer" '{"text":"Trả lời quá sớm."}'
expect 409 '"error"'
# an office that is not the unit's: refused
api "/api/v1/feedback/$A/forward" '{"office":"khong-co"}'
expect 400 '"field":"office"'
ok feedback show "$A"
cmp -s "$OUT" "$WORK/before.txt" || fail "a refused step changed the item: $(diff "$WORK/before.txt" "$OUT")"
ok audit --limit 1000
[ "$(wc -l <"$OUT")" -eq "$AUDIT" ] || fail "a refused step was audited"
# an answer with a control character, refused by the writer once forwarded
api "/api/v1/feedback/$A/forward" '{"office":"VP"}'
expect 200 '"step":"answer"'
ok feedback show "$A"
cp "$OUT" "$WORK/before.txt"
ok audit --limit 1000
AUDIT=$(wc -l <"$OUT")
api "/api/v1/feedback/$A/answer" '{"text":"Trả lời \u0001 có ký tự lạ."}'
expect 400 'điều khiển'
ok feedback show "$A"
cmp -s "$OUT" "$WORK/before.txt" || fail "a refused step changed the item: $(diff "$WORK/before.txt" "$OUT")"
hasnt 'có ký tự lạ'
ok audit --limit 1000
[ "$(wc -l <"$OUT")" -eq "$AUDIT" ] || fail "a refused step was audited"
req "$JAR" GET "/api/v1/feedback/$A"
expect 200 '"answered_at":null'

# ---- a kiosk complaint: with its response, or neither ----
kpost() { # kpost ID EXTRA: a kiosk response
	REQ="POST /api/v1/responses $1"
	CODE=$(curl -s -o "$OUT" -w '%{http_code}' --max-time 20 -H "Authorization: Bearer $T1" \
		-H 'Content-Type: application/json' --data-binary \
		"$(printf '{"id":"%s","instrument":"sipas-5","collected_at":"%s","answers":{"TC1":5,"HC2":4,"PV3":2}%s}' \
			"$1" "$NOW" "$2")" "$BASE/api/v1/responses")
}
kpost k1 ',"comment":"Chờ lâu \u0001 ở quầy","complaint":true'
expect 400 '"field":"comment"'
hasnt '"feedback"'
kpost k2 ',"comment":"Chờ quá lâu ở quầy đất đai","complaint":true'
expect 201 '"feedback":"PA-VH-'
# the refused one again without the bad character: stored now
kpost k1 ',"comment":"Chờ lâu ở quầy","complaint":true'
expect 201 '"feedback":"PA-VH-'

# ---- reading the sender's contact and making the letter: audited by the writer ----
ok audit --limit 1000
AUDIT=$(wc -l <"$OUT")
req "$JAR" GET "/feedback/$A"
expect 200 'id="fb-contact"'
ok audit --limit 1000
[ "$(wc -l <"$OUT")" -eq $((AUDIT + 1)) ] || fail "the item page's read of the contact was not audited once"
has "feedback.contact"
grep "feedback.contact" "$OUT" | grep -q "web:canbo" || fail "the contact read is not audited as web:canbo"
# not answered yet: refused, and no letter was made, so nothing audited
req "$JAR" GET "/feedback/$A/letter.pdf"
expect 409
ok audit --limit 1000
hasnt "feedback.letter"
api "/api/v1/feedback/$A/answer" '{"text":"Đã bố trí thêm người ở quầy."}'
expect 200
ok audit --limit 1000
AUDIT=$(wc -l <"$OUT")
req "$JAR" GET "/feedback/$A/letter.pdf"
expect 200
ok audit --limit 1000
[ "$(wc -l <"$OUT")" -eq $((AUDIT + 1)) ] || fail "the letter was not audited once"
grep "feedback.letter" "$OUT" | grep -q "web:canbo" || fail "the letter is not audited as web:canbo"

serve_stop
[ "$(count)" -eq 2 ] || fail "expected 2 stored responses, got $(count)"
ok feedback list --unit VH --format csv
[ "$(grep -c ',kiosk,' "$OUT")" -eq 2 ] || fail "expected 2 kiosk complaints"
[ "$(grep -c ',web,' "$OUT")" -eq 5 ] || fail "expected the 5 public items still"
