# security_auth.sh — accounts, limits and the smaller web defences on the real
# server behind a (pretend) HTTPS proxy, each client its own forwarded address
# (issue 10): rate-limit counters that chosen names cannot wipe (addresses,
# accounts, the public feedback form), successful logins never counted, 20
# parallel public posts of which exactly 5 are taken, the memory of 24
# parallel logins (argon2id checks capped), an unknown name as slow as a wrong
# password, a password change ending the other sessions, open redirects after
# login, Secure cookies behind HTTPS, a stray Bearer header on a public page,
# another unit's paper batch as 404, and JSON errors' "field" as a JSON path.
set -eu
. "$2/tests/e2e/lib.sh"

# try_login ADDR NAME PASSWORD [NEXT]: one login from forwarded address ADDR
# with a fresh cookie jar ($JAR); status in CODE, response headers in $HDR.
HDR=$WORK/headers.txt
try_login() {
	JAR=$WORK/try.jar
	rm -f "$JAR"
	req "$JAR" GET /login -H "X-Forwarded-For: $1"
	CSRF=$(csrf)
	req "$JAR" POST /login -H "X-Forwarded-For: $1" -D "$HDR" --data-urlencode "csrf=$CSRF" \
		--data-urlencode "name=$2" --data-urlencode "password=$3" ${4:+--data-urlencode "next=$4"}
}

# fb_post ADDR TEXT: the public feedback form from forwarded address ADDR.
fb_post() {
	req - POST /public/VH/feedback -H "X-Forwarded-For: $1" --data-urlencode "text=$2"
}

# location: the Location header of the last try_login.
location() {
	tr -d '\r' <"$HDR" | sed -n 's/^[Ll]ocation: //p'
}

ok init
ok units import "$DATA/units.csv"
for u in canbo vanphong dongloat doimk thoigian chuyen; do
	echo "mat-khau-$u-123" | "$HL" users add $u --role clerk --unit VH >"$OUT" 2>&1 ||
		fail "users add $u"
done
echo 'mat-khau-nhap-123' | "$HL" users add nhap --role entry --unit VT >"$OUT" 2>&1 ||
	fail "users add nhap"
echo 'mat-khau-khac-123' | "$HL" users add khac --role entry --unit VH >"$OUT" 2>&1 ||
	fail "users add khac"
SERVE_ARGS=--trust-proxy serve_start

# ---- memory: 24 parallel logins; at most a couple of argon2id checks at once ----
for i in $(seq 1 24); do
	J=$WORK/p$i.jar
	curl -s --max-time 20 -c "$J" -o "$WORK/p$i.html" -H "X-Forwarded-For: 10.4.0.$i" "$BASE/login"
	sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$WORK/p$i.html" | head -n 1 >"$WORK/p$i.csrf"
done
echo 5 >"/proc/$SERVE_PID/clear_refs" 2>/dev/null || true
RSS0=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$SERVE_PID/status")
PIDS=""
for i in $(seq 1 24); do
	curl -s --max-time 60 -b "$WORK/p$i.jar" -o /dev/null -w '%{http_code}\n' \
		-H "X-Forwarded-For: 10.4.0.$i" --data-urlencode "csrf=$(cat "$WORK/p$i.csrf")" \
		--data-urlencode name=dongloat --data-urlencode password=mat-khau-dongloat-123 \
		"$BASE/login" >"$WORK/p$i.code" &
	PIDS="$PIDS $!"
done
# shellcheck disable=SC2086 # PIDS: one word per job
wait $PIDS
PEAK=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$SERVE_PID/status")
[ "${RSS0:-0}" -gt 0 ] && [ "${PEAK:-0}" -gt 0 ] || fail "cannot read the server's memory in /proc"
GROWTH=$(((PEAK - RSS0) / 1024))
echo "24 parallel logins: RSS $((RSS0 / 1024)) MB before, peak $((PEAK / 1024)) MB (+$GROWTH MB)"
[ "$GROWTH" -lt 200 ] || fail "24 parallel logins raised the server's memory by $GROWTH MB"
OKS=$(cat "$WORK"/p*.code | grep -c '^303$' || true)
BUSY=$(cat "$WORK"/p*.code | grep -c '^503$' || true)
[ $((OKS + BUSY)) -eq 24 ] || fail "parallel logins answered $(cat "$WORK"/p*.code | tr '\n' ' ')"
[ "$OKS" -ge 1 ] || fail "no parallel login went through"

# ---- an address's counter: 30 wrong passwords for chosen names, each followed by a
# name whose hashed slot was the address's (ke-do-231), then a true password ----
i=0
ANSWERED=0
while [ $i -lt 30 ]; do
	i=$((i + 1))
	try_login 10.1.0.1 "nguoi-$i" sai-mat-khau-1
	case "$CODE" in 401*) ANSWERED=$((ANSWERED + 1)) ;; 429*) ;; *) fail "a wrong password answered $CODE" ;; esac
	try_login 10.1.0.1 ke-do-231 sai-mat-khau-1
	case "$CODE" in 401*) ANSWERED=$((ANSWERED + 1)) ;; 429*) ;; *) fail "a wrong password answered $CODE" ;; esac
done
[ "$ANSWERED" -le 5 ] || fail "$ANSWERED wrong passwords from one address were checked (at most 5)"
try_login 10.1.0.1 vanphong mat-khau-vanphong-123
expect 429 'Sai quá nhiều lần'

# ---- an account's counter: 30 wrong passwords for canbo from ever new addresses,
# each followed by a name whose slot was canbo's (ke-do-392); then the true one ----
i=0
ANSWERED=0
while [ $i -lt 30 ]; do
	i=$((i + 1))
	try_login "10.1.1.$i" canbo sai-mat-khau-2
	case "$CODE" in 401*) ANSWERED=$((ANSWERED + 1)) ;; 429*) ;; *) fail "a wrong password answered $CODE" ;; esac
	try_login "10.1.2.$i" ke-do-392 sai-mat-khau-2
done
[ "$ANSWERED" -le 5 ] || fail "$ANSWERED wrong passwords for one account were checked (at most 5)"
try_login 10.1.3.1 canbo mat-khau-canbo-123
expect 429 'Tài khoản này bị tạm khóa'

# ---- a shared office behind one address: successful logins are not counted ----
for i in $(seq 1 12); do
	try_login 10.2.0.1 vanphong mat-khau-vanphong-123
	expect 303
done
try_login 10.2.0.1 vanphong sai-mat-khau
expect 401

# ---- the public form's counter: 20 posts an hour, each followed by a login whose
# name's slot was the form's (ke-do-391), from ever new addresses ----
TAKEN=0
for i in $(seq 1 20); do
	fb_post 10.3.0.1 "Phản ánh số $i."
	case "$CODE" in 201*) TAKEN=$((TAKEN + 1)) ;; 429*) ;; *) fail "a public post answered $CODE" ;; esac
	try_login "10.3.1.$i" ke-do-391 sai-mat-khau-3
done
[ "$TAKEN" -eq 5 ] || fail "$TAKEN of 20 public posts in an hour were taken (5 allowed)"
req - POST /api/v1/public/feedback -H 'X-Forwarded-For: 10.3.0.1' -H 'Content-Type: application/json' \
	--data-binary '{"unit":"VH","text":"Lần thứ hai mươi mốt."}'
expect 429 '"code":"too_many_requests"'
# 20 at once from one address: exactly 5 taken
PIDS=""
for i in $(seq 1 20); do
	curl -s --max-time 30 -o /dev/null -w '%{http_code}\n' -H 'X-Forwarded-For: 10.3.0.2' \
		--data-urlencode "text=Cùng lúc $i." "$BASE/public/VH/feedback" >"$WORK/f$i.code" &
	PIDS="$PIDS $!"
done
# shellcheck disable=SC2086 # PIDS: one word per job
wait $PIDS
TAKEN=$(cat "$WORK"/f*.code | grep -c '^201$' || true)
[ "$TAKEN" -eq 5 ] || fail "$TAKEN of 20 parallel public posts were taken: $(cat "$WORK"/f*.code | tr '\n' ' ')"

# ---- timing: an unknown name costs what a wrong password costs ----
# time_login ADDR NAME: seconds the login took.
time_login() {
	JAR=$WORK/t.jar
	rm -f "$JAR"
	req "$JAR" GET /login -H "X-Forwarded-For: $1"
	CSRF=$(csrf)
	curl -s --max-time 20 -b "$JAR" -o /dev/null -w '%{time_total}\n' -H "X-Forwarded-For: $1" \
		--data-urlencode "csrf=$CSRF" --data-urlencode "name=$2" \
		--data-urlencode password=sai-mat-khau-4 "$BASE/login"
}
WRONG=0
UNKNOWN=0
for i in 1 2 3; do
	WRONG=$(echo "$WRONG $(time_login "10.5.0.$i" thoigian)" | awk '{ print $1 + $2 }')
	UNKNOWN=$(echo "$UNKNOWN $(time_login "10.5.1.$i" "khong-co-ai-$i")" | awk '{ print $1 + $2 }')
done
echo "3 wrong passwords: $WRONG s; 3 unknown names: $UNKNOWN s"
awk -v w="$WRONG" -v u="$UNKNOWN" 'BEGIN { exit !(u * 3 >= w) }' ||
	fail "an unknown name ($UNKNOWN s) is much faster than a wrong password ($WRONG s)"

# ---- a new password ends the account's other sessions ----
login doimk mat-khau-doimk-123
J1=$JAR
login doimk mat-khau-doimk-123
req "$J1" GET /feedback
expect 200
echo 'mat-khau-moi-doimk-456' | "$HL" users passwd doimk >"$OUT" 2>&1 || fail "users passwd doimk"
req "$J1" GET /feedback
expect 303
case "$CODE" in *"/login?next="*) ;; *) fail "an old session still works after passwd: $CODE" ;; esac
req "$JAR" GET /feedback
expect 303
login doimk mat-khau-moi-doimk-456
req "$JAR" GET /feedback
expect 200

# ---- open redirects after login ----
CRLF=$(printf '/\r\nSet-Cookie: x=1')
for bad in '/	/evil.example/x' '//evil.example/x' '/\evil.example/x' 'https://evil.example/' \
	'/ /evil.example' "$CRLF" '/ok//evil.example' ' /feedback' '/bảng'; do
	try_login 10.6.0.1 chuyen mat-khau-chuyen-123 "$bad"
	expect 303
	[ "$(location)" = / ] || fail "next='$bad' redirected to '$(location)'"
done
try_login 10.6.0.1 chuyen mat-khau-chuyen-123 '/feedback?all=1'
expect 303
[ "$(location)" = '/feedback?all=1' ] || fail "a same-site next became '$(location)'"
req - GET '/login?next=/%09/evil.example/x'
expect 200
has 'name="next" value="/"'
hasnt 'evil.example'

# ---- Secure cookies behind the HTTPS proxy, and only there ----
req "$WORK/s.jar" GET /login -H 'X-Forwarded-For: 10.7.0.1' -H 'X-Forwarded-Proto: https' -D "$HDR"
expect 200
grep -i '^set-cookie: hl_csrf=.*; Secure' "$HDR" >/dev/null || fail "the CSRF cookie lacks Secure behind HTTPS"
CSRF=$(csrf)
req "$WORK/s.jar" POST /login -H 'X-Forwarded-For: 10.7.0.1' -H 'X-Forwarded-Proto: https' -D "$HDR" \
	--data-urlencode "csrf=$CSRF" --data-urlencode name=chuyen --data-urlencode password=mat-khau-chuyen-123
expect 303
grep -i '^set-cookie: hl_session=.*; Secure' "$HDR" >/dev/null || fail "the session cookie lacks Secure behind HTTPS"
try_login 10.7.0.2 chuyen mat-khau-chuyen-123
expect 303
grep -i '^set-cookie: hl_session=' "$HDR" >/dev/null || fail "no session cookie over plain HTTP"
if grep -i '^set-cookie:.*Secure' "$HDR" >/dev/null; then
	fail "a Secure cookie over plain HTTP (the browser would drop it)"
fi

# ---- a stray Bearer header where no kiosk token is taken: ignored ----
req - GET /public/VH -H 'Authorization: Bearer khong-phai-token'
expect 200
req - GET /login -H 'Authorization: Bearer khong-phai-token'
expect 200
login vanphong mat-khau-vanphong-123
req "$JAR" GET /feedback -H 'Authorization: Bearer khong-phai-token'
expect 200
req - GET /api/v1/kiosk/config -H 'Authorization: Bearer khong-phai-token'
expect 401

# ---- JSON errors: field is a JSON path into the request ----
csrf_of /feedback
API_CSRF=$(curl -s -b "$JAR" "$BASE/api/v1/session" | sed -n 's/.*"csrf": *"\([^"]*\)".*/\1/p')
[ -n "$API_CSRF" ] || fail "no API csrf token"
req "$JAR" POST /api/v1/feedback -H "X-CSRF-Token: $API_CSRF" -H 'Content-Type: application/json' \
	--data-binary '{"unit":"VH","channel":"counter","text":"Hỏi về giờ làm việc.","code":"QUAY-2025-1"}'
expect 201
req "$JAR" POST /api/v1/feedback -H "X-CSRF-Token: $API_CSRF" -H 'Content-Type: application/json' \
	--data-binary '{"unit":"VH","channel":"counter","text":"Hỏi lại.","code":"QUAY-2025-1"}'
expect 409 '"field":"code"'
req "$JAR" POST /api/v1/feedback -H "X-CSRF-Token: $API_CSRF" -H 'Content-Type: application/json' \
	--data-binary '{"unit":"VH","channel":"counter","text":"Có tên.","name":"A\u001bB"}'
expect 400 '"field":"name"'
req - POST /api/v1/public/feedback -H 'X-Forwarded-For: 10.8.0.1' -H 'Content-Type: application/json' \
	--data-binary '{"unit":"VH","text":"Liên hệ lạ.","contact":"09\u0007"}'
expect 400 '"field":"contact"'
req "$JAR" POST /api/v1/feedback/QUAY-2025-1/answer -H "X-CSRF-Token: $API_CSRF" \
	-H 'Content-Type: application/json' --data-binary '{"text":"Trả lời sớm."}'
expect 409
hasnt '"field":"b'
req "$JAR" GET '/api/v1/dossiers/stats?period=2025&unit=KHONG-CO'
expect 404 '"field":"unit"'

# ---- another unit's object by id: 404, as if it did not exist ----
login nhap mat-khau-nhap-123 /paper
csrf_of /paper
req "$JAR" POST /paper --data-urlencode "csrf=$CSRF" --data-urlencode unit=VT \
	--data-urlencode "opened_on=$(date +%Y-%m-%d)" --data-urlencode 'opened_by=Nguyễn Văn An' \
	--data-urlencode 'witness=Trần Thị Bình' --data-urlencode counted=1 \
	--data-urlencode instrument=sipas-5@1
expect 303
BATCH=${CODE##*/paper/}
[ -n "$BATCH" ] && [ "$BATCH" -gt 0 ] 2>/dev/null || fail "no batch id in '$CODE'"
req "$JAR" GET "/paper/$BATCH"
expect 200
login khac mat-khau-khac-123 /paper
req "$JAR" GET "/paper/$BATCH"
expect 404
req "$JAR" GET "/paper/$((BATCH + 1000))"
expect 404

serve_stop
ok audit --limit 100
has 'users.passwd'
