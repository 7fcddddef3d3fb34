# pages.sh — the staff and public pages on the real server with the demo
# data: the dashboard (index table with the decimal comma, two inline SVG
# charts, comments with themes), the administration pages and their forms
# (a target set through the form is what `hailong targets list` shows; units,
# a merger, fields, staff, an instrument, accounts), the public page without
# login and without any person's data (a merged ward's says into which unit,
# when, with the link), the gate (no session: to /login; no
# CSRF token: 403; a clerk: only what a clerk manages). Bounded: every wait has a limit.
set -eu
. "$2/tests/e2e/lib.sh"

# post JAR PATH FIELD=VALUE...: a form POST with the session's CSRF token,
# read from the page at PATH (or the one above it) first.
post() {
	jar=$1 p=$2
	shift 2
	# The token is the session's: any page with a form has it.
	req "$jar" GET "$p"
	case "$CODE" in 200*) ;; *) req "$jar" GET "${p%/*}" ;; esac
	expect 200
	t=$(csrf)
	[ -n "$t" ] || fail "no CSRF token in the page $p"
	# Each FIELD=VALUE becomes --data-urlencode FIELD=VALUE, in order.
	n=$#
	while [ "$n" -gt 0 ]; do
		set -- "$@" --data-urlencode "$1"
		shift
		n=$((n - 1))
	done
	req "$jar" POST "$p" --data-urlencode "csrf=$t" "$@"
}

ok demo
echo 'matkhau-quantri-1' | "$HL" users add quantri --role admin >"$OUT" 2>&1 ||
	fail "users add quantri"
echo 'matkhau-canbo-01' | "$HL" users add canbo --role clerk --unit vinh-hai >"$OUT" 2>&1 ||
	fail "users add canbo"
echo 'matkhau-qtnt-0001' | "$HL" users add qtnt --role admin --unit nha-trang >"$OUT" 2>&1 ||
	fail "users add qtnt"
serve_start

# ---- without a session: every staff page sends to /login ----
for p in / /admin /admin/units /admin/targets /admin/users "/?period=2024"; do
	req - GET "$p"
	expect 303
	case "$CODE" in *"/login"*) ;; *) fail "GET $p without a session went to $CODE" ;; esac
done

# ---- the dashboard ----
login quantri matkhau-quantri-1
A=$JAR
req "$A" GET "/?period=2024&unit=vinh-hai"
expect 200
has '<table class="index">'
has 'UBND phường Vĩnh Hải'
grep -Eq '<td class="num( below)?"[^>]*>[0-9]{2},[0-9]{2}</td>' "$OUT" ||
	fail "the index table has no figure with a decimal comma"
n=$(grep -o '<svg' "$OUT" | wc -l)
[ "$n" -eq 2 ] || fail "the dashboard has $n <svg> charts (expected 2)"
has 'aria-labelledby="tieu-chi-t tieu-chi-d"'
has 'aria-labelledby="xu-huong-t xu-huong-d"'
has 'Diễn biến theo tháng năm 2024'
grep -Eq '<desc id="xu-huong-d">SIPAS: T1 [0-9]{2},[0-9]' "$OUT" || fail "the trend has no monthly SIPAS"
hasnt 'style='                   # a strict CSP: no inline styles
hasnt '<script'
has 'Góp ý của người dân'
has 'Chờ đợi lâu'
has '<span class="tag">'
has 'href="/review"'
has 'href="/paper"'
has 'href="/kiosks"'
# The work cards, each a link and what waits there; a rank's star when its
# confidence interval does not support it.
has '<div class="cards"><div class="card"><h3><a href="/review">Phiếu chờ duyệt</a></h3><p>'
grep -Eq '<p>[0-9.]+\+? phiếu đang chờ công chức xem xét\.</p></div>' "$OUT" || fail "held card"
grep -Eq '<p>[0-9.]+ đợt mở hòm phiếu chưa đóng, [0-9.]+ đợt tất cả\.</p></div>' "$OUT" ||
	fail "paper card"
grep -Eq '<p>[0-9.]+ kiosk đang hoạt động\.</p></div></div></section>' "$OUT" || fail "kiosk card"
grep -Eq '<td class="num">[0-9]+/[0-9]+(<abbr title="khoảng tin cậy 95 % chưa đủ để khẳng định">\*</abbr>)?</td>' \
	"$OUT" || fail "the index table has no rank"
req "$A" GET "/?period=2024-13"
expect 400
# A bad period keeps the page and the box as typed, the reason beside it (issue 12).
has 'value="2024-13" autofocus aria-invalid="true"'
has 'id="ky-loi"'
has "kỳ báo cáo &#39;2024-13&#39; không hợp lệ"
has '<table class="index">'
# The ways a clerk writes a period; the box shows it that way back.
req "$A" GET "/?period=Qu%C3%BD%203/2024"
expect 200 'Chỉ số hài lòng – Quý III/2024'
has 'value="Quý III/2024"'
req "$A" GET "/?period=06/2024"
expect 200 'Tháng 06/2024'
req "$A" GET "/?period=6%20th%C3%A1ng%20%C4%91%E1%BA%A7u%20n%C4%83m%202024"
expect 200 '6 tháng đầu năm 2024'
req "$A" GET "/?period=N%C4%83m%202024"
expect 200 'Chỉ số hài lòng – Năm 2024'
req "$A" GET "/?period=2024&unit=khong-co"
expect 404

# A clerk sees its own unit only; the data-entry role goes to /paper.
login canbo matkhau-canbo-01
C=$JAR
req "$C" GET "/?period=2024"
expect 200
has 'UBND phường Vĩnh Hải'
hasnt 'UBND phường Lộc Thọ'
req "$C" GET "/?period=2024&unit=loc-tho"
expect 403
# a clerk's /admin lists what a clerk manages, nothing of the administrator's
req "$C" GET /admin
expect 200 'href="/admin/offices"'
has 'href="/admin/calendar"'
hasnt 'href="/admin/users"'
req "$C" GET /admin/users
expect 403

# ---- admin pages load ----
for p in /admin /admin/units /admin/fields /admin/staff /admin/instruments \
	/admin/instruments/sipas-5 /admin/targets /admin/users; do
	req "$A" GET "$p"
	expect 200
	has '<html lang="vi">'
done

# ---- targets: the form writes what the command line reads ----
post "$A" /admin/targets year=2026 unit=vinh-hai criterion=TC value=91,5
expect 303
ok targets list --year 2026
has '91,50'
has 'UBND phường Vĩnh Hải'
req "$A" GET "/admin/targets?year=2026&ok=target"
expect 200
has 'Đã đặt chỉ tiêu.'
has '91,50'
post "$A" /admin/targets year=2026 unit=vinh-hai criterion=TC value=101
expect 400
has 'không hợp lệ'
post "$A" /admin/targets year=2026 unit=vinh-hai criterion=XYZ value=80
expect 400
# A form without its CSRF token changes nothing.
req "$A" POST /admin/targets --data-urlencode year=2026 --data-urlencode unit=vinh-hai \
	--data-urlencode value=77
expect 403
ok targets list --year 2026
hasnt '77,00'
# Nor does a clerk's.
req "$C" POST /admin/targets --data-urlencode year=2026 --data-urlencode unit=vinh-hai \
	--data-urlencode value=78
expect 403
ok audit
has 'targets.set'
has 'web:quantri'

# ---- units: add two, then merge them ----
post "$A" /admin/units code=thu-a name='UBND xã Thử A' type=ubnd-xa parent=khanh-hoa
expect 303
post "$A" /admin/units code=thu-b name='UBND xã Thử <B>' type=ubnd-xa parent=khanh-hoa
expect 303
req "$A" GET /admin/units
expect 200
has 'UBND xã Thử &lt;B&gt;'
hasnt 'Thử <B>'
post "$A" /admin/units/merge from=thu-a from=thu-b code=thu-moi name='UBND xã Thử Mới' \
	type=ubnd-xa day=01/01/2026
expect 303
ok units list
has 'thu-moi'
has 'sáp nhập từ thu-a, thu-b'
# Days are typed and shown dd/mm/yyyy, never in the browser's locale (type=date).
req "$A" GET "/admin/units?edit=thu-moi"
expect 200 'name="valid_from" placeholder="dd/mm/yyyy"'
has 'value="01/01/2026"'
hasnt 'type="date"'
# A refused form keeps what was typed, the day's error beside its box.
post "$A" /admin/units code=thu-c name='UBND xã Thử C' type=ubnd-xa parent=khanh-hoa \
	valid_from=31/02/2026 valid_to=15/03/2027
expect 400 "ngày bắt đầu &#39;31/02/2026&#39; không phải một ngày"
has 'name="valid_from" placeholder="dd/mm/yyyy"'
has 'value="31/02/2026"'
has 'value="15/03/2027"'
has 'aria-describedby="err-valid_from"'
has '<p class="error" id="err-valid_from">'
has 'value="UBND xã Thử C"'
post "$A" /admin/units/merge from=thu-a code=thu-moi-3 name='UBND xã Thử Ba' type=ubnd-xa \
	day=32/13/2026
expect 400 "ngày sáp nhập &#39;32/13/2026&#39; không phải một ngày"
has 'value="32/13/2026"'
has 'aria-describedby="err-day"'
has 'value="thu-moi-3"'
# A merger refused by the service (a predecessor with responses after the day).
post "$A" /admin/units/merge from=vinh-nguyen code=thu-moi-2 name='X' type=ubnd-xa day=2024-01-01
expect 409
has 'value="2024-01-01"'
ok units list
hasnt 'thu-moi-2'

# The tree never loops, and an administrator of a subtree stays in it
# (issue 10): each refused with a message, nothing changed, nothing audited.
login qtnt matkhau-qtnt-0001
Q=$JAR
ok units list
cp "$OUT" tree-before.txt
ok audit --limit 1000
cp "$OUT" audit-before.txt
post "$A" /admin/units code=nha-trang name='Thành phố Nha Trang' type=huyen parent=vinh-hai
expect 400 'vòng lặp'
has "&#39;vinh-hai&#39; là đơn vị cấp dưới của &#39;nha-trang&#39;"
req "$Q" GET "/admin/units?edit=nha-trang"
expect 200
has 'name="keep_parent"'
post "$Q" /admin/units code=vinh-hai name='UBND phường Vĩnh Hải' type=ubnd-xa parent=khanh-hoa
expect 403 'ngoài phạm vi quản trị'
post "$Q" /admin/units code=nha-trang name='Thành phố Nha Trang' type=huyen parent=loc-tho
expect 403 'đơn vị gốc của phạm vi quản trị'
post "$Q" /admin/units code=bac-nha-trang name='X' type=ubnd-xa parent=vinh-hai
expect 403 'ngoài phạm vi quản trị'
post "$Q" /admin/units code=thu-q name='Xã Q' type=ubnd-xa keep_parent=1
expect 403
ok units list
cmp -s "$OUT" tree-before.txt || fail "a refused unit change changed the tree"
ok audit --limit 1000
cmp -s "$OUT" audit-before.txt || fail "a refused unit change was audited"
# Inside the subtree: its root renamed where it is, a unit moved within.
post "$Q" /admin/units code=nha-trang name='Thành phố Nha Trang (cũ)' type=huyen keep_parent=1 \
	valid_to=2025-06-30
expect 303
post "$Q" /admin/units code=tyt-loc-tho name='Trạm y tế phường Lộc Thọ' type=tram-y-te \
	parent=loc-tho valid_to=2025-06-30
expect 303
ok units list
has "  nha-trang  Thành phố Nha Trang (cũ)"
has "      tyt-loc-tho  Trạm y tế phường Lộc Thọ"
ok audit --limit 5
has 'web:qtnt'
# CSV imports of many units: administrators of everything only; a file with
# problems comes back with them, the text kept in the box. The writer runs a
# failing job twice (its batch again, the careful way): the second run must
# read the file from the start, not find it empty.
post "$Q" /admin/offices/import csv=x
expect 403 'chỉ quản trị toàn hệ thống mới nhập phòng, ban của nhiều đơn vị'
post "$Q" /admin/calendar/import csv=x
expect 403 'chỉ quản trị toàn hệ thống mới nhập quyết định nghỉ lễ'
post "$A" /admin/calendar/import 'csv=date,kind,name
khong-phai-ngay,holiday,Tết'
expect 400 'class="problems"'
has 'khong-phai-ngay'
has 'Dòng 2, cột date'
hasnt 'tệp trống'

# ---- fields, staff ----
post "$A" /admin/fields code=thu-lv name='Lĩnh vực thử <script>alert(1)</script>'
expect 303
req "$A" GET /admin/fields
has 'Lĩnh vực thử &lt;script&gt;'
hasnt '<script>alert'
post "$A" /admin/staff code=cc-thu name='Nguyễn Văn Thử' position='Công chức một cửa' unit=vinh-hai
expect 303
req "$A" GET /admin/staff
has 'Nguyễn Văn Thử'

# ---- instruments: import a definition, then see it; a bad one is refused ----
post "$A" /admin/instruments "json@$SRC/tests/data/instruments/example.json"
expect 303
req "$A" GET /admin/instruments/tram-y-te-4
expect 200
has 'Phiếu khảo sát hài lòng tại trạm y tế'
post "$A" /admin/instruments "json@$SRC/tests/data/instruments/bad-syntax.json"
expect 400

# ---- accounts: a generated password shown once; it works; disable ----
post "$A" /admin/users name=nhap1 role=entry unit=vinh-hai
expect 200
PW=$(sed -n 's/.*<code class="secret">\([^<]*\)<.*/\1/p' "$OUT")
[ -n "$PW" ] || fail "no generated password on the page"
login nhap1 "$PW"
E=$JAR
req "$E" GET /
expect 303
case "$CODE" in *"/paper"*) ;; *) fail "the data-entry clerk was sent to $CODE, not /paper" ;; esac
post "$A" /admin/users/disable name=nhap1
expect 303
post "$A" /admin/users name=nhap1 role=entry unit=vinh-hai
expect 409
JAR=$E
rm -f "$JAR"
csrf_of /login
req "$E" POST /login --data-urlencode "csrf=$CSRF" --data-urlencode name=nhap1 \
	--data-urlencode "password=$PW"
expect 401
ok users list
has 'nhap1'

# ---- the public page: no login, no figures, no person's data ----
req - GET /public/vinh-hai
expect 200
has 'UBND phường Vĩnh Hải'
has 'Chưa có kết quả nào được công bố.'
has 'mã QR'
# Vĩnh Hải was merged into Bắc Nha Trang: its page says so, with the link,
# and sends new feedback there; its own published answers stay.
has 'UBND phường Vĩnh Hải đã sáp nhập vào <a href="/public/bac-nha-trang">UBND phường Bắc Nha Trang</a> từ ngày 01/07/2025'
has 'href="/public/bac-nha-trang/feedback"'
has 'href="/public/vinh-hai/answers"'
hasnt '<table'
hasnt 'Thiếu hồ sơ mẫu tại bàn viết'
hasnt 'Đăng xuất'
if grep -Eq '[0-9]+,[0-9]{2}' "$OUT"; then
	fail "the public page shows figures before anything is published"
fi
req - GET /public/bac-nha-trang
expect 200
has 'href="/public/bac-nha-trang/feedback"'
hasnt 'đã sáp nhập vào'
req - GET /public/khong-co
expect 404
req - GET "/public/%3Cscript%3E"
expect 404
hasnt '<script>'

serve_stop
echo "pages: ok"
