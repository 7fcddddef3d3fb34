# feedback_track.sh — the citizen's tracking code of public feedback (issue
# 12): short (10 symbols without 0/O, 1/I/L, shown K7QF-93MX-2D), found
# with the item's own code in any case, with or without dashes and spaces,
# or both in one box, never alone nor with another item's code; a
# look-alike typed is named; the same short code again for a resend under
# the same idempotency id; the confirmation page's link and wording about a
# contact left; the API; an item from before keeps its long token; at most
# 10 wrong look-ups in 15 minutes per address (page, rating and API
# together), right ones not counted.
set -eu
. "$2/tests/e2e/lib.sh"

ok init
ok units import "$DATA/units.csv"
SERVE_ARGS=--trust-proxy serve_start

# look N PATH [CURL ARGS]: a GET as client 10.1.0.N (each its own budget)
look() {
	n=$1 path=$2
	shift 2
	req - GET "$path" -H "X-Forwarded-For: 10.1.0.$n" "$@"
}
SHORT='^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$'

# ---- the confirmation page ----
req - POST /public/VH/feedback -H 'X-Forwarded-For: 10.2.0.1' -d id=form-1 \
	--data-urlencode 'text=Máy lấy số hỏng.' --data-urlencode 'contact=0905 111 222'
expect 201 'Mã theo dõi'
A=$(sed -n 's/.*id="fb-code">\([^<]*\)<.*/\1/p' "$OUT")
TA=$(sed -n 's/.*id="fb-token" class="fb-token">\([^<]*\)<.*/\1/p' "$OUT")
echo "$TA" | grep -Eq "$SHORT" || fail "tracking code '$TA' is not K7QF-93MX-2D-like"
has "href=\"/public/feedback/track?code=$A&amp;token=$TA\""
has '<svg'
has 'Mã QR mở trang tra cứu phản ánh'
has 'Ông/Bà đã để lại số điện thoại hoặc địa chỉ'
hasnt 'đơn vị không gửi lại mã'
# the same form sent again (a double click): the same item and code
req - POST /public/VH/feedback -H 'X-Forwarded-For: 10.2.0.1' -d id=form-1 \
	--data-urlencode 'text=Máy lấy số hỏng.' --data-urlencode 'contact=0905 111 222'
expect 201 "$TA"
has "$A"
# no contact: the tracking code is the way to the answer
req - POST /public/VH/feedback -H 'X-Forwarded-For: 10.2.0.1' --data-urlencode 'text=Thiếu ghế.'
expect 201
B=$(sed -n 's/.*id="fb-code">\([^<]*\)<.*/\1/p' "$OUT")
TB=$(sed -n 's/.*id="fb-token" class="fb-token">\([^<]*\)<.*/\1/p' "$OUT")
has 'không để lại số điện thoại hay địa chỉ'
[ "$TB" != "$TA" ] || fail "two items share the tracking code $TA"

# ---- the look-up ----
lower=$(printf '%s' "$TA" | tr 'A-Z' 'a-z')
bare=$(printf '%s' "$TA" | tr -d '-')
spaced=$(printf '%s' "$bare" | sed 's/\(....\)\(....\)\(..\)/\1 \2 \3/')
alower=$(printf '%s' "$A" | tr 'A-Z' 'a-z')
look 1 "/public/feedback/track?code=$A&token=$TA"
expect 200 'Máy lấy số hỏng.'
hasnt '0905 111 222'
look 2 "/public/feedback/track?code=$alower&token=$lower"
expect 200 'Máy lấy số hỏng.'
look 3 "/public/feedback/track" -G --data-urlencode "code= $A " --data-urlencode "token=$spaced"
expect 200 'Máy lấy số hỏng.'
look 4 "/public/feedback/track?code=$A&token=$bare"
expect 200 'Máy lấy số hỏng.'
# both in the tracking code's box
look 5 "/public/feedback/track" -G --data-urlencode "token=$A $TA"
expect 200 'Máy lấy số hỏng.'
# alone: asked for the item's code, what was typed kept
look 6 "/public/feedback/track?token=$TA"
expect 400 'mã phản ánh'
has "value=\"$TA\""
# another item's code, a look-alike, a wrong symbol count
look 7 "/public/feedback/track?code=$B&token=$TA"
expect 404 'Không tìm thấy'
hasnt 'Máy lấy số hỏng.'
look 8 "/public/feedback/track?code=$A&token=$(printf '%s' "$TA" | sed 's/.$/O/')"
expect 404 'không có chữ O'
look 9 "/public/feedback/track?code=$A&token=K7QF-93MX"
expect 404
# the look-up forms ask for both codes
look 10 /public/VH/answers
expect 200 'name="code"'
has 'name="token"'

# ---- the API ----
req - POST /api/v1/public/feedback -H 'X-Forwarded-For: 10.2.0.2' -H 'Content-Type: application/json' \
	--data-binary '{"unit":"VH","text":"Đường ngập.","id":"api-1"}'
expect 201
C=$(sed -n 's/.*"code": *"\([^"]*\)".*/\1/p' "$OUT")
TC=$(sed -n 's/.*"token": *"\([^"]*\)".*/\1/p' "$OUT")
echo "$TC" | grep -Eq "$SHORT" || fail "API tracking code '$TC'"
has "\"track_url\":\"/public/feedback/track?code=$C&token=$TC\""
req - POST /api/v1/public/feedback -H 'X-Forwarded-For: 10.2.0.2' -H 'Content-Type: application/json' \
	--data-binary '{"unit":"VH","text":"Đường ngập.","id":"api-1"}'
expect 201 "\"token\":\"$TC\""
look 11 "/api/v1/public/feedback/track?code=$C&token=$(printf '%s' "$TC" | tr -d '-' | tr 'A-Z' 'a-z')"
expect 200 "\"code\":\"$C\""
look 12 "/api/v1/public/feedback/track?token=$TC"
expect 400 '"error"'
look 13 "/api/v1/public/feedback/track?code=$A&token=$TC"
expect 404

# ---- the sender's rating carries both codes ----
req - POST /public/feedback/track -H 'X-Forwarded-For: 10.1.0.14' --data-urlencode "code=$A" \
	--data-urlencode "token=$TA" -d rating=bad
expect 400 'Hãy chọn'

# ---- the command line ----
ok feedback add --unit VH --channel hotline --received '2026-03-02 08:00' --text 'Qua điện thoại.'
"$HL" feedback add --unit VH --channel hotline --received '2026-03-02 08:05' --text 'Lần hai.' \
	2>"$WORK/err" >/dev/null || fail "feedback add"
grep -Eq 'Mã tra cứu cho người gửi \(chỉ hiện một lần\): [2-9A-HJKMNP-Z]{4}-' "$WORK/err" ||
	fail "feedback add printed: $(cat "$WORK/err")"

# ---- an item from before issue 12: its 43-character token alone ----
LONG=AAAABBBBccccDDDDeeeeFFFF0000111122223333xyz
H=$(printf '%s' "$LONG" | b2sum -l 256 | cut -d' ' -f1)
sqlite3 "$HAILONG_DB" "UPDATE fb_items SET token_hash = X'$H' WHERE code = '$B'" || fail "sqlite3"
look 15 "/public/feedback/track?token=$LONG"
expect 200 'Thiếu ghế.'
look 16 "/api/v1/public/feedback/track?token=$LONG"
expect 200 "\"code\":\"$B\""
look 17 "/public/feedback/track?code=$A&token=$LONG"
expect 404

# ---- wrong look-ups: at most 10 in 15 minutes from one address ----
# right ones do not count
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	look 97 "/public/feedback/track?code=$A&token=$TA"
	expect 200
done
for i in 1 2 3 4 5 6 7 8 9 10; do
	look 99 "/public/feedback/track?code=$A&token=$(printf '%s' "$TB" | tr -d '-')"
	expect 404
done
# the eleventh is refused before anything is looked up, even the right one
look 99 "/public/feedback/track?code=$A&token=$TA"
expect 429 'sai quá nhiều lần'
hasnt 'Máy lấy số hỏng.'
look 99 "/api/v1/public/feedback/track?code=$A&token=$TA"
expect 429
req - POST /public/feedback/track -H 'X-Forwarded-For: 10.1.0.99' --data-urlencode "code=$A" \
	--data-urlencode "token=$TA" -d rating=satisfied
expect 429
look 98 "/public/feedback/track?code=$A&token=$TA"
expect 200
serve_stop
echo "feedback_track: ok"
