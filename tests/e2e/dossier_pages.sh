#!/bin/sh
# dossier_pages.sh BIN SRCROOT — the dossier pages on the real server: the
# rates per field and month (GET /dossiers, a table and a chart), the latest
# Friday list (GET /dossiers/weekly, the Friday whose 17:00 has passed) with
# its PDF, XLSX and CSV downloads, and GET /api/v1/dossiers/stats; a clerk
# sees only their unit, a supervisor the units below theirs; no session, no
# page. Dossiers are dated around the latest Friday, so the test holds on
# any day.
set -eu
. "$2/tests/e2e/lib.sh"

# The latest Friday whose 17:00 has passed, in Vietnam's time (UTC+7).
now() { TZ=UTC-7 date "$@"; }
dow=$(now +%u)
hm=$(now +%H%M)
back=$(((dow - 5 + 7) % 7))
if [ "$back" -eq 0 ] && [ "$hm" -lt 1700 ]; then
	back=7
fi
# day N: today plus N days (N may be negative), YYYY-MM-DD.
day() { TZ=UTC-7 date -d "$(now +%F) $(printf '%+d' "$1") days" +%F; }
F=$(day "-$back")
TUE=$(day "$((-back - 3))")
WED=$(day "$((-back - 2))")
THU=$(day "$((-back - 1))")
NEXT_TUE=$(day "$((4 - back))")
YEAR=${F%%-*}

setup
cat >d.csv <<X
code,unit,field,procedure,channel,received_at,due_at,finished_at,returned_at,supplements,reschedules,apology,submitted_at
W1,VT,cu-tru,Đăng ký thường trú,direct,$TUE 09:00,$THU 17:00,,,0,0,0,
W2,VT,ho-tich,Đăng ký khai sinh,online,$WED 09:00,$NEXT_TUE 17:00,,,0,0,0,$WED 08:00
W3,VH,ho-tich,Đăng ký khai tử,direct,$THU 10:00,$F 17:00,$THU 15:00,,0,0,0,
W4,VHA,ho-tich,Đăng ký khai tử,direct,$THU 10:00,$F 17:00,$THU 11:00,,0,0,0,
X
ok dossiers import d.csv
echo 'matkhau-canbo-vt1' | "$HL" users add canbo --role clerk --unit VT >"$OUT" 2>&1 ||
	fail "users add canbo"
echo 'matkhau-giamsat-1' | "$HL" users add giamsat --role supervisor --unit NT >"$OUT" 2>&1 ||
	fail "users add giamsat"
serve_start

for p in /dossiers /dossiers/weekly "/dossiers/weekly?format=pdf"; do
	req - GET "$p"
	expect 303
	case "$CODE" in *"/login"*) ;; *) fail "GET $p without a session: $CODE" ;; esac
done
req - GET "/api/v1/dossiers/stats?period=$YEAR"
expect 401

login canbo matkhau-canbo-vt1
req "$JAR" GET /dossiers
expect 200 "Hồ sơ thủ tục hành chính: tỷ lệ đúng hạn"
has "Tất cả lĩnh vực"
has "<svg"
has "/dossiers/weekly"
has 'href="/dossiers"'
# A chosen year: its twelve months, links to the years around it.
req "$JAR" GET "/dossiers?year=$YEAR"
expect 200 "Hồ sơ thủ tục hành chính: tỷ lệ đúng hạn"
has ">01/$(printf %02d $((YEAR % 100)))<"
has ">12/$(printf %02d $((YEAR % 100)))<"
has "/dossiers?year=$((YEAR - 1))"
req "$JAR" GET "/dossiers?year=20x5"
expect 400

req "$JAR" GET /dossiers/weekly
expect 200 "Danh sách hồ sơ trễ hạn, quá hạn và sắp đến hạn — tuần từ"
has "$(echo "$F" | awk -F- '{ print $3 "/" $2 "/" $1 }')"
has "mỗi chiều thứ Sáu"
has "W1"
has "W2"
has "Quá hạn; chưa có phiếu xin lỗi"
hasnt ">W3<"  # the code as a cell; a bare W3 may be in a random CSRF token
hasnt "Phường Vĩnh Hòa"
has 'href="/dossiers/weekly?format=pdf"'

req "$JAR" GET "/dossiers/weekly?format=csv"
expect 200 "section,unit,field,code,procedure,received_at,due_at,finished_at,status"
has "overdue,VT,cu-tru,W1"
has "due_soon,VT,ho-tich,W2"
hasnt "W3"
req "$JAR" GET "/dossiers/weekly?format=pdf"
expect 200
head -c 5 "$OUT" | grep -q '%PDF-' || fail "the weekly PDF is not a PDF"
req "$JAR" GET "/dossiers/weekly?format=xlsx"
expect 200
head -c 2 "$OUT" | grep -q 'PK' || fail "the weekly XLSX is not a zip"
req "$JAR" GET "/dossiers/weekly?format=docx"
expect 400
ls /tmp | grep -q "hailong-weekly-" && fail "a weekly download left its temporary folder" || true

req "$JAR" GET "/api/v1/dossiers/stats?period=$YEAR&by=field"
expect 200 '"by":"field"'
has '"unit":"VT"'
hasnt '"unit":"VH"'
req "$JAR" GET "/api/v1/dossiers/stats?period=$YEAR&unit=VH"
expect 403
req "$JAR" GET "/api/v1/dossiers/stats?period=$YEAR-Q9"
expect 400 '"field":"period"'
req "$JAR" GET "/api/v1/dossiers/stats?period=$YEAR&by=staff"
expect 400 '"field":"by"'

login giamsat matkhau-giamsat-1
req "$JAR" GET "/api/v1/dossiers/stats?period=$YEAR"
expect 200 '"unit":"VH"'
has '"unit":"VT"'
has '"on_time_pct"'
req "$JAR" GET /dossiers/weekly
expect 200 "Phường Vĩnh Hòa"
has "W1"
# TT 01/2018's columns, as the PDF and the CLI; units by type, then name
# (Vĩnh Hải, Vĩnh Hòa, Vĩnh Thọ), not by code (VH, VHA, VT).
has "Đã giải quyết"
has "Đang giải quyết"
has "Trong hạn"
hasnt "Trễ hạn</th>"
in_order() {
	awk -v a="$1" -v b="$2" 'index($0, a) && !pa { pa = NR * 100000 + index($0, a) }
		index($0, b) && !pb { pb = NR * 100000 + index($0, b) }
		END { exit !(pa && pb && pa < pb) }' "$OUT" || fail "'$1' is not before '$2'"
}
in_order "Phường Vĩnh Hải" "Phường Vĩnh Hòa"
in_order "Phường Vĩnh Hòa" "Phường Vĩnh Thọ"
req "$JAR" GET /dossiers
expect 200 "Theo đơn vị"
has "Đang giải quyết"
has "Tổng cộng"
in_order "<th scope=\"row\">Phường Vĩnh Hải" "<th scope=\"row\">Phường Vĩnh Hòa"

serve_stop
