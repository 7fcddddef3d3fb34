# paper.sh — paper ballots on the real server: log in, open a batch, type
# rows (bad ones refused with the question named), try to close early
# (refused, nothing counted), finish and close (exactly the batch counted,
# once); then a double entry by two clerks, a difference shown on /diff,
# fixed, closed; scope, CSRF and closed-batch refusals; the audit log.
set -eu
. "$2/tests/e2e/lib.sh"

# login_paper NAME PASSWORD: log in (lib.sh) and take the session's CSRF
# token off /paper.
login_paper() {
	login "$1" "$2" /paper
	csrf_of /paper
}

# get PATH: as the current session; status in CODE, page in OUT.
get() {
	REQ="GET $1"
	CODE=$(curl -s -b "$JAR" -o "$OUT" -w '%{http_code}' --max-time 20 "$BASE$1")
}

# post PATH NAME=VALUE...: a form as the current session with its csrf;
# status in CODE, page in OUT, redirect target in LOC.
post() {
	p=$1
	shift
	REQ="POST $p"
	RESP=$(curl -s -b "$JAR" -o "$OUT" -w '%{http_code} %{redirect_url}' --max-time 20 \
		--data-urlencode "csrf=$CSRF" "$@" "$BASE$p")
	CODE=${RESP%% *}
	LOC=${RESP#* }
}

# row PATH PASS ANSWERS [FIELD] [COMMENT]: type one ballot.
row() {
	post "$1" --data-urlencode "pass=$2" --data-urlencode "answers=$3" \
		--data-urlencode "field=${4:-}" --data-urlencode "comment=${5:-}"
}

# the server dates and times in Vietnam whatever its zone: so does the test
TODAY=$(vn_date +%Y-%m-%d)
TODAY_VN=$(vn_date +%d/%m/%Y)
YEAR=$(vn_date +%Y)
A5="5555 55555 555555 555 5555"
A4="4444 44444 444444 444 4444"
A2="2222 22222 222222 222 2222"
A1="1111 11111 111111 111 1111"

ok init
ok units import "$DATA/units.csv"
ok fields import "$DATA/fields.csv"
for u in lan hoa; do
	echo "mat-khau-$u-123" | "$HL" users add $u --role entry --unit VT >"$OUT" 2>&1 ||
		fail "users add $u"
done
echo "mat-khau-khac-123" | "$HL" users add khac --role entry --unit VH >"$OUT" 2>&1 ||
	fail "users add khac"
echo "mat-khau-minh-123" | "$HL" users add minh --role supervisor --unit KH >"$OUT" 2>&1 ||
	fail "users add minh"

serve_start
login_paper lan mat-khau-lan-123
has "Mở hòm phiếu"
has "Chưa có lô phiếu nào"
# the day as dd/mm/yyyy in a text box (never type=date: it follows the browser's locale)
has "value=\"$TODAY_VN\""
has 'placeholder="dd/mm/yyyy"'
has 'inputmode="numeric"'
hasnt 'type="date"'
has "sipas-5@1\" selected"
# A data-entry clerk only gets its own unit to choose.
has '<option value="VT">'
hasnt '<option value="VH">'

# ---- a single-entry batch of 3 ballots ----
post /paper --data-urlencode unit=VT --data-urlencode "opened_on=$TODAY" \
	--data-urlencode "opened_by=Nguyễn Văn An" --data-urlencode "witness=Trần Thị Bình" \
	--data-urlencode counted=3 --data-urlencode instrument=sipas-5@1
expect 303
B1=${LOC##*/paper/}
[ -n "$B1" ] && [ "$B1" -gt 0 ] 2>/dev/null || fail "no batch id in '$LOC'"
get "/paper/$B1"
expect 200 "Lô phiếu số $B1"
has "Nguyễn Văn An"
has "Trần Thị Bình"
has "$TODAY_VN"
has "Lần nhập 1: đã nhập 0/3 phiếu"
has '<li data-max="5" title="Nơi ngồi chờ có đủ chỗ ngồi">TC1</li>'
has 'src="/static/paper.js"'

# Bad openings.
post /paper --data-urlencode unit=VH --data-urlencode "opened_on=$TODAY" \
	--data-urlencode opened_by=X --data-urlencode witness=Y --data-urlencode counted=3 \
	--data-urlencode instrument=sipas-5@1
expect 403 "Bạn không được nhập phiếu cho đơn vị này."
post /paper --data-urlencode unit=VT --data-urlencode "opened_on=31/02/2025" \
	--data-urlencode opened_by=X --data-urlencode witness=Y --data-urlencode counted=3 \
	--data-urlencode instrument=sipas-5@1
expect 400 "Ngày mở hòm “31/02/2025” không hợp lệ: gõ ngày/tháng/năm"
# the form is kept as typed, the error beside the day
has 'value="31/02/2025"'
has 'aria-describedby="err-opened_on"'
has 'id="err-opened_on"'
has 'value="Y"'
# dd/mm/yyyy whatever the browser: 5 days ago typed as d/m/yyyy
D5=$(vn_date -d '5 days ago' +%-d/%-m/%Y)
post /paper --data-urlencode unit=VT --data-urlencode "opened_on=$D5" \
	--data-urlencode opened_by=X --data-urlencode witness=Y --data-urlencode counted=1 \
	--data-urlencode instrument=sipas-5@1
expect 303
get "${LOC#$BASE}"
expect 200 "$(vn_date -d '5 days ago' +%d/%m/%Y)"
# months back: a warning to confirm, nothing opened until confirmed
post /paper --data-urlencode unit=VT --data-urlencode "opened_on=03/12/2019" \
	--data-urlencode opened_by=X --data-urlencode witness=Y --data-urlencode counted=1 \
	--data-urlencode instrument=sipas-5@1
expect 200 "Ngày mở hòm phiếu cách đây hơn 2 tháng: kiểm tra lại? Ngày đã gõ: 03/12/2019."
has 'name="confirm_old" value="1" required'
has 'value="03/12/2019"'
get /paper
hasnt "03/12/2019"
post /paper --data-urlencode unit=VT --data-urlencode "opened_on=03/12/2019" \
	--data-urlencode opened_by=X --data-urlencode witness=Y --data-urlencode counted=1 \
	--data-urlencode instrument=sipas-5@1 --data-urlencode confirm_old=1
expect 303
get "${LOC#$BASE}"
expect 200 "03/12/2019"
post /paper --data-urlencode unit=VT --data-urlencode "opened_on=$(vn_date -d tomorrow +%d/%m/%Y)" \
	--data-urlencode opened_by=X --data-urlencode witness=Y --data-urlencode counted=1 \
	--data-urlencode instrument=sipas-5@1
expect 400 "không được sau hôm nay"
post /paper --data-urlencode unit=VT --data-urlencode "opened_on=$TODAY" \
	--data-urlencode opened_by=X --data-urlencode witness=Y --data-urlencode counted=0 \
	--data-urlencode instrument=sipas-5@1
expect 400 "Số phiếu đếm được phải là số nguyên từ 1 đến 1000."
post /paper --data-urlencode unit=VT --data-urlencode "opened_on=$TODAY" \
	--data-urlencode opened_by=X --data-urlencode witness= --data-urlencode counted=3 \
	--data-urlencode instrument=sipas-5@1
expect 400 "Hãy ghi tên người chứng kiến"

# Rows; a bad one names the question and keeps what was typed.
row "/paper/$B1" 1 "$A5" ho-tich "Cán bộ <b>nhiệt tình</b>"
expect 303
row "/paper/$B1" 1 "4444 44644 444444 444 4444" cu-tru
expect 400 "Trả lời: câu HC3 (thứ 7): mức 6 ngoài thang đo 1–5."
has 'value="4444 44644 444444 444 4444"'
# the refusal under the row, never beside the last save's "Đã lưu phiếu."
has 'id="paper-err"'
hasnt "Đã lưu phiếu"
row "/paper/$B1" 1 "4444" cu-tru
expect 400 "cần 22 chữ số (mỗi câu một chữ số), đã gõ 4"
row "/paper/$B1" 1 "$A4" khong-co
expect 400 "Lĩnh vực &#39;khong-co&#39; không có"
# the field as a clerk names it: without diacritics, any case (or its code)
row "/paper/$B1" 1 "$A4" "cu tru"
expect 303
get "/paper/$B1"
expect 200 "Lần nhập 1: đã nhập 2/3 phiếu"
# the rows and the list to pick from name the fields, not their codes
has ">Cư trú</td>"
has '<option value="Hộ tịch">'
hasnt '>cu-tru</td>'
# Stored text is escaped.
has "Cán bộ &lt;b&gt;nhiệt tình&lt;/b&gt;"
hasnt "<b>nhiệt tình</b>"

get "/paper/$B1?pass=1&saved=2"
expect 200 'id="paper-saved"'
# what is missing and what to do next
has "Đã nhập 2/3 phiếu: còn thiếu 1 phiếu. Nhập nốt các phiếu còn lại"
# Closing early is refused, saying so by the Close button, and nothing counts.
post "/paper/$B1/close"
expect 409 "Đã nhập 2/3 phiếu: còn thiếu 1 phiếu"
has 'id="close-err"'
post "/paper/$B1/close" --data-urlencode confirm=1
expect 409 "còn thiếu 1 phiếu"
[ "$(count)" = 0 ] || fail "an open batch counted"

# A mistyped third row, deleted, typed again.
row "/paper/$B1" 1 "$A1"
expect 303
post "/paper/$B1/delete" --data-urlencode pass=1 --data-urlencode seq=3
expect 303
row "/paper/$B1" 1 "$A2"
expect 303
# Without the CSRF token: refused by the gate.
CODE=$(curl -s -b "$JAR" -o "$OUT" -w '%{http_code}' --max-time 20 \
	--data-urlencode pass=1 --data-urlencode "answers=$A5" "$BASE/paper/$B1/close")
[ "$CODE" = 403 ] || fail "close without csrf: status $CODE"
[ "$(count)" = 0 ] || fail "a refused close counted"

# Closing asks first: what it counts, and that it cannot be undone.
post "/paper/$B1/close"
expect 200 "Đóng lô phiếu số $B1?"
has "3 phiếu hợp lệ"
has 'name="confirm" value="1"'
[ "$(count)" = 0 ] || fail "the confirmation page closed the batch"
post "/paper/$B1/close" --data-urlencode confirm=1
expect 303
get "/paper/$B1"
expect 200 "Lô đã đóng: 3 phiếu đã được tính vào chỉ số; 0 phiếu không hợp lệ"
hasnt 'id="nhap"'
[ "$(count)" = 3 ] || fail "closing the batch should count 3, counted $(count)"
ok responses list-ids --unit VT
has "paper-$B1-1"
has "paper-$B1-2"
has "paper-$B1-3"
# Closed: no more rows, no second close.
row "/paper/$B1" 1 "$A5"
expect 409 "đã đóng"
post "/paper/$B1/close"
expect 409 "đã đóng"
[ "$(count)" = 3 ] || fail "a second close counted again"
# The index has exactly these 3 ballots: 2 of 3 satisfied on every criterion.
ok index --period "$YEAR" --unit VT --format csv
for c in TC HC PV KQ TT SIPAS; do
	grep -q "^VT,Phường Vĩnh Thọ,$YEAR,$c,66.67,3," "$OUT" || fail "index of VT, $c"
done

# ---- a double entry of 2 ballots by two clerks ----
post /paper --data-urlencode unit=VT --data-urlencode "opened_on=$TODAY" \
	--data-urlencode "opened_by=Lê Văn Cường" --data-urlencode "witness=Phạm Thị Dung" \
	--data-urlencode counted=2 --data-urlencode instrument=sipas-5@1 \
	--data-urlencode double_entry=1
expect 303
B2=${LOC##*/paper/}
get "/paper/$B2"
expect 200 "Lần nhập 1: đã nhập 0/2 phiếu"
row "/paper/$B2" 1 "$A5" ho-tich
expect 303
row "/paper/$B2" 1 "$A1" ho-tich "Chờ lâu"
expect 303
# The first clerk may not type the second pass.
get "/paper/$B2?pass=2"
expect 200 "Bạn đã nhập lần 1 của lô này; lần 2 phải do người khác nhập"
row "/paper/$B2" 2 "$A5" ho-tich
expect 403 "lần 2 phải do người khác nhập"
post "/paper/$B2/close"
expect 409 "Lần nhập thứ hai: đã nhập 0/2 phiếu"

login_paper hoa mat-khau-hoa-123
get "/paper/$B2"
expect 200 "Lần nhập 2: đã nhập 0/2 phiếu"
row "/paper/$B2" 2 "$A5" ho-tich
expect 303
row "/paper/$B2" 2 "1111 11211 111111 111 1111" ho-tich "Chờ  lâu "
expect 303
post "/paper/$B2/close"
expect 409 "Hai lần nhập khác nhau ở 1 phiếu: mở /paper/$B2/diff"
[ "$(count)" = 3 ] || fail "a disagreeing batch counted"
get "/paper/$B2/diff"
expect 200 "Hai lần nhập khác nhau ở 1 phiếu"
has "câu HC3"
has "<mark>2</mark>"
has "?pass=2&amp;edit=2#nhap"
# The second clerk corrects the row against the paper ballot.
post "/paper/$B2" --data-urlencode pass=2 --data-urlencode seq=2 --data-urlencode "answers=$A1" \
	--data-urlencode field=ho-tich --data-urlencode "comment=Chờ lâu"
expect 303
get "/paper/$B2/diff"
expect 200 "Hai lần nhập khớp nhau"
post "/paper/$B2/close" --data-urlencode confirm=1
expect 303
[ "$(count)" = 5 ] || fail "the double entry should add 2, counted $(count)"
ok index --period "$YEAR" --unit VT --format csv
for c in TC HC PV KQ TT SIPAS; do
	grep -q "^VT,Phường Vĩnh Thọ,$YEAR,$c,60.00,5," "$OUT" || fail "index of VT after the double entry, $c"
done

# ---- spoiled ballots (phiếu không hợp lệ): in the count of the box, never in the index ----
login_paper lan mat-khau-lan-123
post /paper --data-urlencode unit=VT --data-urlencode "opened_on=$TODAY_VN" \
	--data-urlencode "opened_by=Lê Văn Cường" --data-urlencode "witness=Phạm Thị Dung" \
	--data-urlencode counted=3 --data-urlencode instrument=sipas-5@1
expect 303
B3=${LOC##*/paper/}
row "/paper/$B3" 1 "x"
expect 303
post "/paper/$B3" --data-urlencode pass=1 --data-urlencode answers= --data-urlencode spoiled=1
expect 303
get "/paper/$B3"
expect 200 "Lần nhập 1: đã nhập 2/3 phiếu"
has "<strong>Phiếu không hợp lệ</strong>"
has '<dd id="paper-totals">0 / 2</dd>'
row "/paper/$B3" 1 "$A4" ho-tich
expect 303
post "/paper/$B3/close"
expect 200 "1 phiếu hợp lệ"
has "2 phiếu không hợp lệ được ghi nhận nhưng không tính"
post "/paper/$B3/close" --data-urlencode confirm=1
expect 303
get "/paper/$B3"
expect 200 "Lô đã đóng: 1 phiếu đã được tính vào chỉ số; 2 phiếu không hợp lệ không tính."
[ "$(count)" = 6 ] || fail "the batch with 2 spoiled ballots should add 1, counted $(count)"

# ---- scope ----
login_paper khac mat-khau-khac-123
# another unit's batch: as if it did not exist
get "/paper/$B1"
expect 404
get /paper
expect 200 "Chưa có lô phiếu nào"
login_paper minh mat-khau-minh-123
get /paper
expect 200 "Lê Văn Cường"
has "Nguyễn Văn An"
get "/paper/$B2/diff"
expect 200
get "/paper/999999"
expect 404

serve_stop
[ "$(count)" = 6 ] || fail "after the stop: $(count) responses"
ok audit
has "paper.open"
has "paper.close"
has "lô $B1: 3 phiếu được tính"
has "lô $B2: 2 phiếu được tính, 0 phiếu không hợp lệ (nhập hai lần, khớp)"
has "lô $B3: 1 phiếu được tính, 2 phiếu không hợp lệ"
has "paper.delete"
has "paper.edit"
echo "paper.sh: ok"
