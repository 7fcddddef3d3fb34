# feedback.sh — `hailong feedback` and `hailong offices`: receipt from every
# channel (the portal by CSV, its codes kept), the steps in order to closed, a
# reopening on "unsatisfied", the list with the next step and its deadline on
# the shipped calendar (a weekend, Tết 2025 and Tết 2026), bad input of every
# kind refused with a clear message and nothing changed, the audit log, the
# PDF letter, the monthly figures and the sender's contact kept out of every
# listing unless --contact asks for it; a merged unit's figures pool its
# predecessors' items from before the merger.
set -eu
. "$2/tests/e2e/lib.sh"
FB=$SRC/tests/data/feedback
setup

# list_csv: the whole list as CSV at a fixed moment, into $WORK/list.csv.
list_csv() {
	"$HL" feedback list --format csv --at "2026-01-01 00:00" >"$WORK/list.csv" 2>&1 ||
		fail "feedback list failed"
}

# line CODE: the CSV line of CODE in the last output.
line() {
	grep "^$1," "$OUT" || fail "no line for $1"
}

# ---- --help ----
ok feedback --help
has "feedback add --unit MÃ --channel KÊNH"
has "code,unit,channel,received_at,step,due_at,overdue"
ok offices --help
has "code,unit,name"
ok --help
has "feedback"
has "offices"

# ---- offices: built in for every unit, per-unit import ----
ok offices list --unit VT
has "VP"
has "Phòng Văn hóa – Xã hội"
has "KTHTDT"
has "Trung tâm phục vụ hành chính công"
status 1 offices import "$FB/offices-bad.csv"
has "Dòng 3, cột unit"
has "NOPE"
has "Dòng 4, cột code"
ok offices list --unit VT
hasnt "QS"
ok offices import "$FB/offices.csv"
has "Đã nhập 2"
ok offices list --unit VT
has "Phòng Tư pháp"
has "Văn phòng HĐND và UBND phường Vĩnh Thọ"
ok offices list --unit VH
hasnt "Phòng Tư pháp"

# ---- receipt from each channel (VT and VH until their merger into BNT on 01/07/2025) ----
status 1 feedback add --unit VT --channel web --received "2025-07-01 08:00" --text "Sau sáp nhập"
has "không hoạt động vào ngày 01/07/2025"
ok feedback add --unit VT --channel counter --received "2025-03-07 15:00" \
	--text "Thái độ tiếp dân của công chức bộ phận một cửa chưa niềm nở."
A=$(head -n 1 "$OUT")
[ "$A" = "PA-VT-20250307-0001" ] || fail "first code is $A"
has "Mã tra cứu"
ok feedback add --unit BNT --channel hotline --received "2026-02-13 16:00" --text "Đường ngập sau mưa."
B=$(head -n 1 "$OUT")
ok feedback add --unit VH --channel letter --received "2025-01-24 10:00" --text "Đề nghị thêm ghế chờ."
C=$(head -n 1 "$OUT")
ok feedback add --unit VT --channel web --received "2025-03-10 08:00" --text "Hỏi về thủ tục đất đai." \
	--name "Nguyễn Văn An" --contact "0905123456"
D=$(head -n 1 "$OUT")
ok feedback add --unit VT --channel kiosk --kind khieu-nai --received "2025-03-12 09:00" \
	--text "Khiếu nại về quyết định xử phạt."
E=$(head -n 1 "$OUT")
ok feedback add --unit VT --channel counter --received "2025-03-07 16:00" --text "Một phản ánh nữa."
[ "$(head -n 1 "$OUT")" = "PA-VT-20250307-0002" ] || fail "second code of the day"
ok feedback import "$FB/portal.csv"
has "Đã nhập 2"
ok feedback import "$FB/portal.csv"
has "bỏ qua 2"
P=PAKN.20250303.0001

# ---- the list: header, next step and deadline on the calendar ----
ok feedback list --format csv --at "2025-03-10 15:30"
[ "$(head -n 1 "$OUT")" = "code,unit,channel,received_at,step,due_at,overdue" ] || fail "csv header"
[ "$(line "$A")" = "$A,VT,counter,2025-03-07 15:00,classify,2025-03-10 15:30,0" ] ||
	fail "A over a weekend: $(line "$A")"
[ "$(line "$P")" = "$P,VT,portal,2025-03-03 09:15,classify,2025-03-04 09:45,1" ] ||
	fail "portal item: $(line "$P")"
ok feedback list --format csv --at "2025-03-10 15:31"
[ "$(line "$A")" = "$A,VT,counter,2025-03-07 15:00,classify,2025-03-10 15:30,1" ] || fail "A overdue"
# Tết 2025 (25/01–02/02): 5 working hours on Friday, the rest on Monday 03/02.
ok feedback list --unit VH --format csv --at "2025-02-03 10:30"
[ "$(line "$C")" = "$C,VH,letter,2025-01-24 10:00,classify,2025-02-03 10:30,0" ] || fail "C before"
hasnt "$A"
ok feedback list --unit VH --overdue --format csv --at "2025-02-03 10:31"
[ "$(line "$C")" = "$C,VH,letter,2025-01-24 10:00,classify,2025-02-03 10:30,1" ] || fail "C after"
# Tết 2026 (14/02–22/02): one hour on Friday 13/02, seven on Monday 23/02.
ok feedback list --overdue --format csv --at "2026-02-23 16:30"
hasnt "$B"
ok feedback list --overdue --format csv --at "2026-02-23 16:31"
[ "$(line "$B")" = "$B,BNT,hotline,2026-02-13 16:00,classify,2026-02-23 16:30,1" ] || fail "B: $(line "$B")"
ok feedback list --under VH --format csv --at "2026-01-01 00:00"
has "$C"
hasnt "$A"
ok feedback list --under NT --format csv --at "2026-01-01 00:00"
has "$C"
has "$A"
hasnt "$B"
ok feedback list --unit VT
has "Phân loại"
has "$A"
hasnt "$C"

# ---- the sender's contact: only with --contact ----
ok feedback list --format csv --at "2026-01-01 00:00"
hasnt "0905123456"
hasnt "Nguyễn Văn An"
hasnt "binh@example.vn"
ok feedback show "$D"
hasnt "0905123456"
hasnt "Nguyễn Văn An"
has "Hỏi về thủ tục đất đai."
ok feedback show "$D" --contact
has "0905123456"
has "Nguyễn Văn An"
ok feedback list --format csv --contact --at "2026-01-01 00:00"
[ "$(head -n 1 "$OUT")" = "code,unit,channel,received_at,step,due_at,overdue,name,contact" ] ||
	fail "csv header with --contact"
has "0905123456"
ok audit
has "feedback.contact"

# ---- bad input: a clear message and nothing changed ----
list_csv
cp "$WORK/list.csv" "$WORK/before.csv"
status 1 feedback add --unit NOPE --channel web --received "2025-03-10 08:00" --text "x"
has "không có đơn vị mã 'NOPE'"
status 1 feedback add --unit VT --channel email --received "2025-03-10 08:00" --text "x"
has "counter, hotline, letter, web, kiosk, portal"
status 1 feedback add --unit VT --channel web --received "2025-02-30 08:00" --text "x"
has "2025-02-30"
has "không hợp lệ"
status 1 feedback add --unit VT --channel web --received "2025-03-10 25:00" --text "x"
has "không hợp lệ"
LONG=$(printf 'a%.0s' $(seq 4001))
status 1 feedback add --unit VT --channel web --received "2025-03-10 08:00" --text "$LONG"
has "4001 ký tự, tối đa 4000"
status 1 feedback add --unit VT --channel web --received "2025-03-10 08:00" --text "   "
has "khoảng trắng"
status 1 feedback add --unit VT --channel web --received "2025-03-10 08:00" --text "$(printf 'a\001b')"
has "ký tự điều khiển"
status 2 feedback add --unit VT --channel web --text "x"
has "--received"
status 1 feedback classify NO-SUCH --class hanh-vi
has "không có phản ánh mã 'NO-SUCH'"
status 1 feedback classify "$B" --class nhan-xet
has "quy-dinh-trong-tham-quyen"
status 1 feedback classify "$B" --class hanh-vi --criterion XY
has "TC, HC, PV, KQ, TT"
status 1 feedback forward "$B" --to VHXH
has "không thể chuyển"
has "Phân loại"
status 1 feedback answer "$B" --text "Trả lời sớm"
has "trước khi chuyển"
status 1 feedback publish "$B"
has "không thể công khai"
status 1 feedback rate "$B" satisfied
has "không thể ghi đánh giá"
status 2 feedback rate "$B" so-so
status 1 feedback forward "$B" --to VHXH --at "2026-02-30 08:00"
has "không hợp lệ"
status 1 feedback import "$FB/portal-bad.csv"
has "Dòng 3, cột unit"
has "Dòng 4, cột received_at"
has "Dòng 5, cột code"
list_csv
cmp -s "$WORK/before.csv" "$WORK/list.csv" || fail "bad input changed the list"
ok feedback show "$B"
has "Việc phải làm: Phân loại"

# Characters, not bytes: 4 000 letters of three bytes each are accepted; a
# decomposed text is stored composed (NFC).
ok feedback add --unit VH --channel letter --received "2025-03-10 08:00" --text "$(printf 'ệ%.0s' $(seq 4000))"
ok feedback add --unit VH --channel letter --received "2025-03-10 08:00" --text "$(printf 'Vie\314\243\314\202t Nam')"
N=$(head -n 1 "$OUT")
ok feedback show "$N"
has "Việt Nam"

# ---- the full flow to closed, with a reopening ----
ok feedback classify "$A" --class hanh-vi --criterion PV --at "2025-03-07 16:00"
status 1 feedback answer "$A" --text "Chưa chuyển" --at "2025-03-08 09:00"
has "trước khi chuyển"
status 1 feedback forward "$A" --to NOPE --at "2025-03-10 09:00"
has "không có phòng, ban mã 'NOPE'"
status 1 feedback forward "$A" --to VHXH --at "2025-03-07 15:30"
has "trước bước trước đó"
ok feedback forward "$A" --to VHXH --at "2025-03-10 09:00"
ok feedback list --format csv --at "2025-03-10 10:00"
[ "$(line "$A")" = "$A,VT,counter,2025-03-07 15:00,answer,2025-04-04 17:00,0" ] || fail "A answer due"
status 1 feedback publish "$A"
has "không thể công khai"
ok feedback answer "$A" --text "UBND phường đã nhắc nhở công chức và tổ chức tập huấn kỹ năng giao tiếp." \
	--at "2025-03-20 10:00"
ok feedback list --format csv --at "2025-03-20 11:00"
[ "$(line "$A")" = "$A,VT,counter,2025-03-07 15:00,publish,2025-04-04 17:00,0" ] || fail "A publish"
ok feedback publish "$A" --at "2025-03-21 09:00"
ok feedback list --format csv --at "2025-03-21 10:00"
[ "$(line "$A")" = "$A,VT,counter,2025-03-07 15:00,rate,,0" ] || fail "A rate"
ok feedback rate "$A" unsatisfied --at "2025-03-24 09:00"
has "mở lại"
# A new answer is owed, 20 working days from the rating (Giỗ Tổ 07/04/2025 is off).
ok feedback list --open --format csv --at "2025-03-24 10:00"
[ "$(line "$A")" = "$A,VT,counter,2025-03-07 15:00,answer,2025-04-22 17:00,0" ] || fail "A reopened"
ok feedback answer "$A" --text "Công chức đã xin lỗi ông bà và được chuyển vị trí công tác." \
	--at "2025-03-28 10:00"
ok feedback publish "$A" --at "2025-03-28 11:00"
ok feedback rate "$A" satisfied --at "2025-03-31 09:00"
ok feedback list --format csv --at "2025-04-01 00:00"
[ "$(line "$A")" = "$A,VT,counter,2025-03-07 15:00,closed,,0" ] || fail "A closed"
ok feedback list --open --format csv --at "2025-04-01 00:00"
hasnt "$A"
status 1 feedback answer "$A" --text "Thêm" --at "2025-04-02 09:00"
has "đã đóng"
ok feedback show "$A"
has "Đã đóng"
has "Mở lại:        1 lần"
has "Mở lại       dòng lệnh  người gửi chưa hài lòng"
has "Công chức đã xin lỗi"

# Not accepted: closed on classification, owes nothing.
ok feedback classify "$E" --class khong-tiep-nhan --kind khieu-nai --at "2025-03-12 10:00"
ok feedback list --format csv --at "2025-03-13 00:00"
[ "$(line "$E")" = "$E,VT,kiosk,2025-03-12 09:00,closed,,0" ] || fail "E not accepted"

# ---- the written answer as a PDF letter ----
status 1 feedback letter "$D" -o "$WORK/d.pdf"
has "chưa được trả lời"
[ ! -e "$WORK/d.pdf" ] || fail "a letter for an unanswered item"
ok feedback classify "$P" --class quy-dinh-trong-tham-quyen --at "2025-03-03 10:00"
ok feedback forward "$P" --to KTHTDT --at "2025-03-03 11:00"
ok feedback answer "$P" --text "Điện lực đã thay bóng đèn hỏng trên đường Phạm Văn Đồng ngày 04/3/2025." \
	--at "2025-03-05 15:00"
ok feedback letter "$P" -o "$WORK/p.pdf"
[ "$(head -c 5 "$WORK/p.pdf")" = "%PDF-" ] || fail "the letter is not a PDF"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext -layout "$WORK/p.pdf" "$WORK/p.txt"
	cp "$WORK/p.txt" "$OUT"
	has "$P"
	has "Điện lực đã thay bóng đèn hỏng"
	# An answer to one person is a công văn: no title, "V/v" under its number.
	hasnt "THÔNG BÁO"
	has "V/v trả lời phản ánh, kiến nghị"
	grep -q "Số: 3/UBND" "$OUT" || fail "the letter's number is not 'Số: 3/UBND'"
	grep -A2 "Số: 3/UBND" "$OUT" | grep -q "V/v trả lời phản ánh, kiến nghị" ||
		fail "V/v is not under the number"
	has "Kính gửi: Ông/Bà Trần Thị Bình"
	has "Như trên"
	has "ngày 05 tháng 3 năm 2025"
	has "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	has "Nơi nhận"
	hasnt "binh@example.vn"
fi

# ---- monthly figures ----
ok feedback stats --period 2025-03 --unit VT --format csv --at "2025-06-30 00:00"
[ "$(head -n 1 "$OUT")" = "unit,month,received,not_accepted,answered,due,on_time,on_time_pct,score,rated,satisfied,satisfied_pct" ] ||
	fail "stats header"
# A and P answered on time; D and the second 07/03 item overdue; E not accepted.
has "VT,2025-03,5,1,2,4,2,50.00,0,1,1,100.00"
ok feedback stats --period 2025 --under KH --at "2025-06-30 00:00"
has "03/2025"
has "VH"

# ---- deadlines per unit ----
ok feedback deadlines --unit VT --answer-days 5
has "trả lời trong 5 ngày"
ok feedback list --format csv --at "2025-03-10 09:00"
[ "$(line "$D")" = "$D,VT,web,2025-03-10 08:00,classify,2025-03-11 08:30,0" ] || fail "D forward"
ok feedback classify "$D" --class hanh-vi --at "2025-03-10 09:00"
ok feedback forward "$D" --to TP --at "2025-03-10 09:30"
ok feedback list --format csv --at "2025-03-10 10:00"
[ "$(line "$D")" = "$D,VT,web,2025-03-10 08:00,answer,2025-03-17 17:00,0" ] || fail "D 5 days"
ok feedback deadlines --unit KH --class hanh-vi --forward-hours 4
ok feedback deadlines --unit VT --class hanh-vi
has "chuyển trong 4 giờ, trả lời trong 5 ngày"
status 2 feedback deadlines --unit VT --answer-days 0
status 1 feedback deadlines --unit NOPE --answer-days 3

# ---- every step is in the audit log ----
ok audit
for act in feedback.add feedback.import feedback.classified feedback.forwarded feedback.answered \
	feedback.published feedback.reopened feedback.closed feedback.letter feedback.deadlines \
	offices.import; do
	has "$act"
done
has "$A"

# ---- beside criterion TT in the reports; nothing new without feedback ----
ok responses import "$DATA/responses.csv"
ok feedback add --unit VT --channel counter --received "2024-03-05 09:00" --text "Xin thêm quạt ở phòng chờ."
R=$(head -n 1 "$OUT")
ok feedback classify "$R" --class quy-dinh-trong-tham-quyen --criterion TT --at "2024-03-05 10:00"
ok feedback forward "$R" --to VP --at "2024-03-05 11:00"
ok feedback answer "$R" --text "Đã lắp thêm hai quạt trần." --at "2024-03-12 10:00"
ok report --period 2024 --unit VT --format csv -o "$WORK/r.csv" --date 2024-12-31
grep -qx "feedback_unit,received,answered,due,on_time,on_time_pct,score,rated,satisfied,satisfied_pct" \
	"$WORK/r.csv" || fail "CSV report lacks the feedback section"
grep -qx "Phường Vĩnh Thọ,1,1,1,1,100.00,2,0,0," "$WORK/r.csv" || fail "CSV report's feedback row"
ok report --period 2024 --unit VH --format csv -o "$WORK/vh.csv" --date 2024-12-31
grep -q "^feedback_unit" "$WORK/vh.csv" && fail "a report without feedback has a feedback section"
ok report --period 2024 --unit VT --format html -o "$WORK/r.html" --date 2024-12-31
grep -qF "Phản ánh, kiến nghị (tiêu chí TT)" "$WORK/r.html" || fail "HTML report lacks feedback"
ok report --period 2024 --unit VT --format xlsx -o "$WORK/r.xlsx" --date 2024-12-31
ok report --period 2024 --unit VT --format pdf -o "$WORK/r.pdf" --date 2024-12-31
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext "$WORK/r.pdf" "$OUT"
	has "PHẢN ÁNH, KIẾN NGHỊ (TIÊU CHÍ TT)"
fi

# ---- a clerk reopens an item closed by mistake, with a reason ----
status 2 feedback reopen "$E"
has "thiếu --reason"
status 1 feedback reopen "$E" --reason "   "
has "lý do mở lại"
status 1 feedback reopen "$D" --reason "nhầm"
has "chưa đóng"
ok feedback list --format csv --at "2025-03-14 09:00"
[ "$(line "$E")" = "$E,VT,kiosk,2025-03-12 09:00,closed,,0" ] || fail "E changed by a refused reopen"
ok feedback reopen "$E" --reason "Phân loại nhầm: là khiếu nại về thái độ" --at "2025-03-14 08:00"
has "Phân loại"
ok feedback list --format csv --at "2025-03-14 09:00"
case "$(line "$E")" in
"$E,VT,kiosk,2025-03-12 09:00,classify,"*) ;;
*) fail "E reopened does not owe a classification: $(line "$E")" ;;
esac
ok feedback show "$E"
has "Phân loại nhầm: là khiếu nại về thái độ"
ok audit
has "feedback.reopened"
ok feedback classify "$E" --class hanh-vi --criterion PV --at "2025-03-14 08:30"

# stdout of `feedback add` is the code alone (the tracking code goes to stderr)
A2=$("$HL" feedback add --unit VT --channel counter --received "2025-06-30 15:10" --text "Chỉ mã." 2>/dev/null)
[ "$A2" = "PA-VT-20250630-0001" ] || fail "stdout of feedback add is not the code alone: $A2"

# ---- a merged unit's figures include its predecessors' items from before the merger ----
# (the demo: phường Bắc Nha Trang formed on 01/07/2025 from six wards)
DEMO="$WORK/demo.db"
ok --db "$DEMO" demo
ok --db "$DEMO" feedback add --unit vinh-tho --channel counter --received "2025-05-12 09:00" \
	--text "Trước sáp nhập, phường Vĩnh Thọ."
ok --db "$DEMO" feedback add --unit vinh-hai --channel hotline --received "2025-06-30 16:00" \
	--text "Trước sáp nhập, phường Vĩnh Hải."
ok --db "$DEMO" feedback add --unit bac-nha-trang --channel web --received "2025-07-02 08:00" \
	--text "Sau sáp nhập."
ok --db "$DEMO" feedback stats --period 2025 --unit bac-nha-trang --format csv --at "2025-12-31 00:00"
has "bac-nha-trang,2025-05,1,"
has "bac-nha-trang,2025-06,1,"
has "bac-nha-trang,2025-07,1,"
hasnt "vinh-tho,"
# the predecessors keep their own figures; a ward not merged has nothing of theirs
ok --db "$DEMO" feedback stats --period 2025 --unit vinh-tho --format csv --at "2025-12-31 00:00"
has "vinh-tho,2025-05,1,"
hasnt "2025-06"
ok --db "$DEMO" feedback stats --period 2025 --under khanh-hoa --format csv --at "2025-12-31 00:00"
has "bac-nha-trang,2025-06,1,"
has "vinh-hai,2025-06,1,"
ok --db "$DEMO" report --period 2025 --unit bac-nha-trang --format csv -o "$WORK/bnt.csv" --date 2025-12-31
grep -q "^UBND phường Bắc Nha Trang,3," "$WORK/bnt.csv" ||
	fail "the report of Bắc Nha Trang does not count its predecessors' 2 items and its own"
